//! Accounts: people, their roles and sessions, and colleagues invited to their organization. Everything that changes data asks `session`
//! who is signed in and checks their role and ownership on the server.

pub mod api;
pub mod audit_log;
pub mod email_change;
pub mod invitations;
pub mod invite_pages;
pub mod model;
pub mod pages;
pub mod rename;
pub mod security_api;
pub mod security_pages;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod checks;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod secret;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
