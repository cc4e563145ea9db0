//! Server functions of the search page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::model::{SearchRequest, SearchResults, Suggestion};
use crate::error::AppError;
use crate::i18n::Lang;

/// Runs a search for the search page.
#[server(prefix = "/fn", endpoint = "search", input = Json)]
pub async fn search(request: SearchRequest, lang: Lang) -> Result<SearchResults, AppError> {
    let state = crate::state::app_state()?;
    let index = state.search.clone();
    let today = crate::clock::today();
    tokio::task::spawn_blocking(move || index.search(&request, lang, today)).await.map_err(AppError::internal)?
}

/// Titles that complete what is being typed in a search box.
#[server(prefix = "/fn", endpoint = "suggest", input = Json)]
pub async fn suggest(q: String, lang: Lang) -> Result<Vec<Suggestion>, AppError> {
    let state = crate::state::app_state()?;
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.suggest(&q, lang, 8)).await.map_err(AppError::internal)?
}
