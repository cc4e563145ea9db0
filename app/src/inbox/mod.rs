//! The inbox: what happened that a person should know about, with a count in the header.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
