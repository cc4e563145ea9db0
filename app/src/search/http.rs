//! `GET /api/search`, as ../shared/contract/api.md describes it.

use axum::extract::{RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::model::{segments_html, SearchRequest};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/search", get(search))
}

#[derive(Serialize)]
struct ApiHit {
    kind: &'static str,
    id: String,
    title: String,
    score: f32,
    /// The best passage, HTML-escaped, matches in `<mark>`.
    snippet: String,
}

#[derive(Serialize)]
struct ApiResults {
    total: u64,
    hits: Vec<ApiHit>,
    facets: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<String>,
}

async fn search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<ApiResults>, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|_| AppError::BadRequest("the query string is not valid URL encoding".into()))?;
    let request = SearchRequest::from_pairs(&pairs, true).map_err(AppError::BadRequest)?;
    let lang = pairs.iter().find(|(k, _)| k == "lang").and_then(|(_, v)| Lang::from_code(v)).unwrap_or_default();
    let index = state.search.clone();
    let today = crate::state::today();
    let results = tokio::task::spawn_blocking(move || index.search(&request, lang, today)).await.map_err(AppError::internal)??;
    Ok(Json(ApiResults {
        total: results.total,
        hits: results
            .hits
            .into_iter()
            .map(|h| ApiHit { kind: h.kind.code(), id: h.id, title: h.title, score: h.score, snippet: segments_html(&h.snippet) })
            .collect(),
        facets: results.facets,
        suggestion: results.suggestion,
    }))
}
