//! Officers against abuse: a queue of the listings people published, changed or reported, each
//! kept or taken down; suspending an account (it cannot sign in, its sessions end and its
//! published listings leave the portal) and lifting the suspension (they come back). Above
//! `accounts` and `listings`, whose tables it changes.

pub mod api;
pub mod model;
pub mod pages;
pub mod queue;

#[cfg(feature = "ssr")]
pub mod repo;
