//! Laboratories and research groups, usually at an institute or university.

mod model;
pub use model::*;
