//! Technology needs and challenges posted by businesses and public bodies.

mod model;
pub use model::*;
