//! Technology offers: results a lab, scientist or company is ready to transfer.

mod model;
pub use model::*;
