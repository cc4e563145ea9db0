//! What every kind of record shares: its kind and facets (`kind`), the `Entry` trait each
//! domain implements and the `Record` enum of the records format (`record`), the views of a
//! record that pages and the API use (`view`), a list's filters (`filter`), and how a kind
//! declares its record (`declare`).

mod declare;
mod filter;
mod kind;
mod record;
mod view;

pub(crate) use declare::record;
pub use filter::*;
pub use kind::*;
pub use record::*;
pub use view::*;
