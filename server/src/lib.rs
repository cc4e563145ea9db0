//! The thin server around `app`: configuration, router and start-up. `main.rs` adds the
//! command line; tests build the router from here.
#![recursion_limit = "256"]

pub mod config;
pub mod eval;
pub mod gen;
pub mod router;
pub mod security;
pub mod startup;
