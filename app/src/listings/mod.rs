//! Publishing: people create and edit their own records with forms, as drafts or published,
//! confirm them, and officers verify organizations. A record's form is described once per
//! kind (`spec`) and turned into a record of the records format (`build`), so a form is
//! checked by exactly the rules an import is.

pub mod affiliation;
pub mod api;
pub mod first_steps;
pub mod mine;
pub mod model;
pub mod pages;
pub mod rows;
pub mod rows_form;
pub mod rules;
pub mod spec;

#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
pub mod holds;
#[cfg(feature = "ssr")]
pub mod notify;
#[cfg(feature = "ssr")]
pub mod oversight;
#[cfg(feature = "ssr")]
pub mod preview;
#[cfg(feature = "ssr")]
pub mod references;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod standing;
#[cfg(feature = "ssr")]
pub mod withdraw;
