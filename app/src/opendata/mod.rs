//! Open data for people and other systems: CSV of every list with its filters, Atom feeds of
//! open calls, accepting pilots and new offers, the sitemap and robots.txt, and the page that
//! explains them with the licence.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod sitemap;

/// The licence of the open data.
pub const LICENCE_NAME: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";
