//! Matching: every need gets ranked, explained research partners, pilots and calls; every
//! offer, lab, expert and call finds the needs and organizations it could serve.

pub mod api;
pub mod model;

#[cfg(all(test, feature = "ssr"))]
mod fixtures;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod matcher;
#[cfg(feature = "ssr")]
pub mod places;
#[cfg(feature = "ssr")]
pub mod quotes;
#[cfg(feature = "ssr")]
pub mod reasons;
#[cfg(feature = "ssr")]
pub mod score;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod weights;
#[cfg(feature = "ssr")]
pub mod words;
