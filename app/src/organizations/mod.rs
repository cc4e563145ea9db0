//! Organizations: startups, businesses, institutes, universities, agencies, investors.

mod model;
pub use model::*;
