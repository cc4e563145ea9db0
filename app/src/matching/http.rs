//! `POST /api/match` and `GET /api/needs/{id}/matches`, as ../shared/contract/api.md says.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;

use super::model::{MatchRequest, MAX_MATCHES};
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::query::QueryPairs;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/match", post(match_posted)).route("/api/needs/{id}/matches", get(match_stored))
}

/// A suggested partner, with why.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiMatch {
    kind: crate::catalog::model::Kind,
    id: String,
    title: String,
    score: f32,
    /// How well it fits in a word: `strong`, `good` or `partial`.
    strength: super::model::Strength,
    reasons: Vec<String>,
    /// Whom a lab, expert or offer belongs to, by name: its organization (an offer's lab or
    /// expert).
    #[serde(skip_serializing_if = "Option::is_none")]
    belongs_to: Option<String>,
}

/// Matches, best first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiMatches {
    matches: Vec<ApiMatch>,
}

fn answer(matches: Vec<super::model::Match>) -> Json<ApiMatches> {
    Json(ApiMatches {
        matches: matches
            .into_iter()
            .map(|m| ApiMatch {
                kind: m.kind,
                id: m.id,
                title: m.title,
                score: m.score,
                strength: m.strength,
                reasons: m.reasons,
                belongs_to: m.subtitle,
            })
            .collect(),
    })
}

/// `POST /api/match`: a need that is not stored.
#[utoipa::path(
    post,
    path = "/api/match",
    tag = "matching",
    description = "Ranked, explained research partners, offers, pilots and calls for a need described in the request.",
    params(("lang" = Option<crate::i18n::Lang>, Query, description = "`vi` (default) or `en`: the language of titles and reasons.")),
    request_body = MatchRequest,
    responses(
        (status = 200, description = "Matches, best first, each with reasons in words", body = ApiMatches),
        (status = 400, description = "The body is not a valid need", body = crate::error::ErrorBody),
    )
)]
pub async fn match_posted(
    State(state): State<AppState>,
    params: QueryPairs,
    body: Bytes,
) -> Result<Json<ApiMatches>, AppError> {
    let request: MatchRequest = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("the body is not a valid need: {e}")))?;
    request.validate().map_err(AppError::BadRequest)?;
    Ok(answer(super::service::for_request(&state, request, params.lang()?.unwrap_or_default()).await?))
}

/// `GET /api/needs/{id}/matches?limit=`: a stored need.
#[utoipa::path(
    get,
    path = "/api/needs/{id}/matches",
    tag = "matching",
    params(
        ("id" = String, Path, description = "The need's id."),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 50, description = "How many matches: 10 by default, from 1 to 50."),
        ("lang" = Option<crate::i18n::Lang>, Query, description = "`vi` (default) or `en`."),
    ),
    responses(
        (status = 200, description = "Matches, best first", body = ApiMatches),
        (status = 400, description = "A malformed limit", body = crate::error::ErrorBody),
        (status = 404, description = "No public need with this id", body = crate::error::ErrorBody),
    )
)]
pub async fn match_stored(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: QueryPairs,
) -> Result<Json<ApiMatches>, AppError> {
    let limit =
        match params.first("limit") {
            None => super::model::DEFAULT_MATCHES,
            Some(text) => text.parse::<usize>().ok().filter(|n| (1..=MAX_MATCHES).contains(n)).ok_or_else(|| {
                AppError::BadRequest(format!("limit: must be a whole number from 1 to {MAX_MATCHES}"))
            })?,
        };
    Ok(answer(super::service::for_record(&state, Kind::Need, &id, limit, params.lang()?.unwrap_or_default()).await?))
}
