//! The Khánh Hòa Innovation Exchange: pages, server functions and (with `ssr`) storage.
#![recursion_limit = "256"]

pub mod accounts;
pub mod alerts;
pub mod app;
pub mod applications;
pub mod bookings;
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod clock;
pub mod dashboard;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod imports;
pub mod inbox;
pub mod introductions;
pub mod lab_orders;
pub mod listings;
pub mod loading;
pub mod matching;
pub mod moderation;
pub mod notices;
pub mod opendata;
pub mod pages;
pub mod search;
pub mod service_requests;
pub mod text;
pub mod vocab;

pub mod calls;
pub mod experts;
pub mod labs;
pub mod needs;
pub mod offers;
pub mod organizations;
pub mod pilots;

#[cfg(feature = "ssr")]
pub mod api_doc;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
pub mod site;
#[cfg(feature = "ssr")]
pub mod state;

/// Entry point of the browser bundle: the page is server-rendered HTML; only its islands (the
/// `#[island]` components: the search box and the filters) hydrate. Then `<body
/// data-hydrated="true">` is set: styles hide what only a page without JavaScript needs (such as
/// the filters' Apply button), and tests wait for it. The islands hydrate after this function
/// returns (the loader walks the page next), so the mark waits for the next task.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
