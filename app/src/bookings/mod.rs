//! Instrument bookings: the week of a bookable instrument's free hours (a page that works
//! without JavaScript), a booking of some hours of one day that the lab approves or declines
//! (naming a trained user where the lab asks for one), and cancelling by either side, which
//! frees the hours. An hour is held by one booking at most: the database's key says so.

pub mod api;
pub mod instruments_box;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod week_view;
