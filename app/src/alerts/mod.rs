//! Saved searches that notify: a person saves a search, and the inbox tells them when new
//! records come up for it.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
