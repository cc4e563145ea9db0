//! Applications to calls and pilots: an eligible organization applies before the deadline; an
//! officer moves it through its stages with a comment the applicant sees.

pub mod api;
#[cfg(feature = "ssr")]
pub mod eligibility;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod review;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod views;
