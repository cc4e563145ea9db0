//! Officers against abuse: suspending an account (it cannot sign in, its sessions end and its
//! published listings leave the portal) and lifting the suspension (they come back). Above
//! `accounts` and `listings`, whose tables it changes in one transaction.

pub mod api;

#[cfg(feature = "ssr")]
pub mod repo;
