//! The inbox: what happened that a person should know about, with a count in the header.

pub mod api;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
