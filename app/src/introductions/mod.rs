//! Introductions: a business asks a lab, expert or offer owner to be introduced; the recipient
//! accepts (contacts are then shared both ways) or declines with a reason; either side records
//! what came of it.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
