//! Laboratories and research groups, usually at an institute or university.

mod model;
mod services;
pub use model::*;
pub use services::*;
