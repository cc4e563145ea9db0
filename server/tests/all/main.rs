//! Every HTTP and import test, in one binary (one link instead of one per file): requests go
//! through `router(state).oneshot` against an in-memory SQLite database (`common`).

mod common;

mod api;
mod assets;
mod fuzz;
mod interrupted;
mod openapi;
mod opendata;
mod people;
mod quality;
mod search;
