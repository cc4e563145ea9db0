//! What the server builds once at start-up and hands to every handler and server function.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use std::sync::Arc;

use crate::db::Db;
use crate::search::index::SearchIndex;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub search: Arc<SearchIndex>,
    pub leptos_options: LeptosOptions,
    /// The dashboard's figures of the last minute.
    pub dashboard: Arc<crate::dashboard::cache::DashboardCache>,
    /// What people typed into forms the server refused, for the page they come back to.
    pub kept: Arc<crate::forms::kept::KeptForms>,
    /// Recent list pages, until the catalogue changes (see `search::cache`).
    pub lists: Arc<crate::search::cache::ResultCache<crate::catalog::model::CardPage>>,
    /// The portal's own address and the proxies in front of it.
    pub site: Arc<crate::site::Site>,
}

/// List pages kept at most (about 20 KB each).
const LISTS_KEPT: usize = 500;

impl AppState {
    pub fn new(db: Db, search: Arc<SearchIndex>, leptos_options: LeptosOptions) -> Self {
        AppState {
            db,
            search,
            leptos_options,
            dashboard: Arc::default(),
            kept: Arc::default(),
            lists: Arc::new(crate::search::cache::ResultCache::from_env(LISTS_KEPT)),
            site: Arc::default(),
        }
    }

    /// The same state, served at `site`.
    pub fn with_site(mut self, site: crate::site::Site) -> Self {
        self.site = Arc::new(site);
        self
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, inside a server function.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::AppError::internal("AppState missing from context"))
}
