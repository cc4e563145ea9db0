//! The catalogue: the seven kinds of record together, their storage, import and export,
//! and the list and record pages they share.

pub mod api;
pub mod components;
pub mod jsonld;
pub mod model;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod dates;
#[cfg(feature = "ssr")]
pub mod detail;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod names;
#[cfg(feature = "ssr")]
pub mod repo;
