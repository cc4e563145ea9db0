//! Calls for proposals published by the province or another funder.

mod model;
pub use model::*;
