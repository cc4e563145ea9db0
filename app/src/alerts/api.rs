//! Server functions of saved searches.

use leptos::prelude::*;

use super::model::SavedSearch;
use crate::error::AppError;

/// Saves the search page's query for the signed-in person.
#[server(prefix = "/fn", endpoint = "save_search")]
pub async fn save_search(query: String) -> Result<(), AppError> {
    let user = crate::accounts::session::require_user().await?;
    super::service::save(&crate::state::app_state()?, user.id, &query, crate::i18n::request_lang()).await
}

/// Deletes one of the signed-in person's saved searches.
#[server(prefix = "/fn", endpoint = "delete_search")]
pub async fn delete_search(id: i64) -> Result<(), AppError> {
    let user = crate::accounts::session::require_user().await?;
    let state = crate::state::app_state()?;
    match super::repo::owner(&state.db, id).await? {
        Some(owner) if owner == user.id => super::repo::delete(&state.db, id).await,
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::NotFound),
    }
}

/// The signed-in person's saved searches.
#[server(prefix = "/fn", endpoint = "my_searches")]
pub async fn my_searches() -> Result<Vec<SavedSearch>, AppError> {
    let (state, lang) = (crate::state::app_state()?, crate::i18n::request_lang());
    let user = crate::accounts::session::require_user().await?;
    let mut searches = super::repo::of_user(&state.db, user.id).await?;
    for search in &mut searches {
        search.label = super::service::parse(&search.query)
            .map(|(r, _)| super::service::label(&r, lang))
            .unwrap_or_else(|| search.query.clone());
    }
    Ok(searches)
}
