//! What every kind of record shares: its kind and facets (`kind`), the `Entry` trait each
//! domain implements and the `Record` enum of the records format (`record`), the views of a
//! record that pages and the API use (`view`), and a list's filters (`filter`).

mod filter;
mod kind;
mod record;
mod view;

pub use filter::*;
pub use kind::*;
pub use record::*;
pub use view::*;
