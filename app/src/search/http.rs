//! `GET /api/search`, as ../shared/contract/api.md describes it.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::model::{segments_html, SearchRequest};
use crate::error::AppError;
use crate::query::QueryPairs;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/search", get(search))
}

/// One search hit.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiHit {
    kind: crate::catalog::model::Kind,
    id: String,
    title: String,
    score: f32,
    /// The best passage, HTML-escaped, matches in `<mark>`.
    snippet: String,
    /// It holds only some of the words: one of the `related`, not counted in `total`.
    related: bool,
    /// For a lab: its priced service the query names best, as one line (name, method and
    /// standard, accreditation, prices, turnaround).
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<String>,
}

/// What a search finds: how many, one page of hits, and counts per kind and sector.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiResults {
    /// The matches: results holding most of the query's words (every result when none does).
    total: u64,
    /// Results that hold only some of the words: among the `hits`, each marked `related`.
    related: u64,
    hits: Vec<ApiHit>,
    /// `kind` and `sector`: each value with its number of hits.
    facets: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>,
    /// A spelling that would find something, when nothing matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<String>,
    /// Words of `q` that no record holds, left out of the search (while another word is held).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignored: Vec<String>,
}

/// `GET /api/search`
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    description = "Searches the catalogue as people type: Vietnamese with or without diacritics, English, typos. Query syntax errors never give a 5xx.",
    params(
        ("q" = Option<String>, Query, description = "What a person types."),
        ("kind" = Option<Vec<crate::catalog::model::Kind>>, Query, description = "Only these kinds (may repeat)."),
        ("sector" = Option<Vec<crate::vocab::Sector>>, Query, description = "Only these sectors (may repeat)."),
        ("accredited" = Option<crate::labs::Accredited>, Query, description = "`yes`: only labs with an accredited service (ISO/IEC 17025, VILAS)."),
        ("turnaround" = Option<Vec<crate::labs::Within>>, Query, description = "Only labs with a service giving results within this many working days (may repeat: any of them)."),
        ("price_max" = Option<Vec<crate::labs::PriceCeiling>>, Query, description = "Only labs with a service priced from at most this many VND (may repeat: any of them)."),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Hits per page: 20 by default, from 1 to 100."),
        ("offset" = Option<u32>, Query, maximum = 10000, description = "Hits to skip, up to 10,000."),
        ("lang" = Option<crate::i18n::Lang>, Query, description = "`vi` (default) or `en`: the language of titles and snippets."),
    ),
    responses(
        (status = 200, description = "Hits, best first", body = ApiResults),
        (status = 400, description = "A malformed parameter", body = crate::error::ErrorBody),
    )
)]
pub async fn search(State(state): State<AppState>, pairs: QueryPairs) -> Result<Json<ApiResults>, AppError> {
    let request = SearchRequest::from_pairs(&pairs.0, true).map_err(AppError::BadRequest)?;
    let lang = pairs.lang()?.unwrap_or_default();
    let index = state.search.clone();
    let today = crate::clock::today();
    let results = tokio::task::spawn_blocking(move || index.search(&request, lang, today))
        .await
        .map_err(AppError::internal)??;
    Ok(Json(ApiResults {
        total: results.total,
        related: results.related,
        hits: results
            .hits
            .into_iter()
            .map(|h| ApiHit {
                kind: h.kind,
                id: h.id,
                title: h.title,
                score: h.score,
                snippet: segments_html(&h.snippet),
                related: h.related,
                service: h.service,
            })
            .collect(),
        facets: results.facets,
        suggestion: results.suggestion,
        ignored: results.ignored,
    }))
}
