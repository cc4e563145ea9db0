//! Search: one tantivy index over every public record, read the way Vietnamese people type
//! (with or without marks, either tone placement, English, typos), faceted and highlighted.

pub mod analyzer;
pub mod api;
pub mod model;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod candidates;
#[cfg(feature = "ssr")]
pub mod clauses;
#[cfg(feature = "ssr")]
pub mod correct;
#[cfg(feature = "ssr")]
pub mod document;
#[cfg(feature = "ssr")]
pub mod glossary;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod intent;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod snippet;
