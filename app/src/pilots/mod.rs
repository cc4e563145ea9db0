//! Sandbox pilots: supervised trials of new technology under a liability exemption.

mod model;
pub use model::*;
