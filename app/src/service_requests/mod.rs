//! Lab service requests: a business asks a lab for one of its priced services, the lab quotes
//! or declines with a reason, the business accepts or declines the quote (never after it
//! expired). Both sides see every step and are told of it; nobody else sees the prices quoted.

#[cfg(feature = "ssr")]
pub mod answers;
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod request_view;
#[cfg(feature = "ssr")]
pub mod results;
#[cfg(feature = "ssr")]
pub mod service;
pub mod services_box;
#[cfg(feature = "ssr")]
pub mod work;
