//! The expert network: scientists and specialists at home and abroad.

mod model;
pub use model::*;
