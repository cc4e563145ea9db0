//! All SQL of the catalogue: storing records with their facets and links (`write`), and reading
//! them back as records, cards and pages (`read`). Both answer `AppError`.

mod read;
mod write;

pub use read::*;
pub use write::*;
