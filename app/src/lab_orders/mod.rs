//! Ordering a lab's work, as service requests and instrument bookings both do: who may order
//! from which lab (`access`), the lab and the two sides an order stores (`parties`), and the
//! orders' lists on "my" page (`list`). Above `accounts` and `listings`, below
//! `service_requests` and `bookings`.

#[cfg(feature = "ssr")]
pub mod access;
pub mod list;
#[cfg(feature = "ssr")]
pub mod parties;
