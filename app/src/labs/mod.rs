//! Laboratories and research groups, usually at an institute or university.

mod model;
#[cfg(feature = "ssr")]
pub mod orders;
pub mod orders_list;
#[cfg(feature = "ssr")]
pub mod repo;
mod services;
pub use model::*;
pub use services::*;
