//! The machine-facing API's own routes: `GET /healthz`, and `GET /api/openapi.json`, the OpenAPI
//! 3 description of every public JSON endpoint, generated from the handlers and types.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::state::AppState;

/// The health check's answer.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable`.
    pub status: String,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Khánh Hòa Innovation Exchange API",
        description = "Search, matching and the open catalogue of the Khánh Hòa Innovation Exchange. Bad input gets a 4xx with {\"error\": \"…\"}; a 5xx is a bug. Records follow contract/records.md.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/"),
    ),
    paths(
        healthz,
        crate::search::http::search,
        crate::matching::http::match_posted,
        crate::matching::http::match_stored,
        crate::catalog::http::record,
        crate::catalog::http::export,
        crate::dashboard::http::labs_json,
        crate::dashboard::http::labs_csv,
        openapi,
    ),
    // Filters named in parameters only (the bodies' types are found from the paths).
    components(schemas(crate::labs::Accredited, crate::labs::Within, crate::labs::PriceCeiling)),
    tags(
        (name = "search", description = "Full-text search as people type"),
        (name = "matching", description = "Partners for a need, with reasons"),
        (name = "catalogue", description = "The open catalogue in the records format"),
        (name = "statistics", description = "What the province learns from the portal's work"),
        (name = "system", description = "Health and this description"),
    )
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/api/openapi.json", get(openapi))
}

/// `GET /healthz`: ok once the database answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "system",
    responses(
        (status = 200, description = "The database and index are usable", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    match sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&state.db).await {
        Ok(_) => (StatusCode::OK, Json(Health { status: "ok".into() })),
        Err(err) => {
            tracing::error!("health check failed: {err}");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "unavailable".into() }))
        }
    }
}

/// `GET /api/openapi.json`
#[utoipa::path(get, path = "/api/openapi.json", tag = "system", responses((status = 200, description = "This description (OpenAPI 3.1)", content_type = "application/json", body = Object)))]
pub async fn openapi() -> Json<serde_json::Value> {
    Json(described())
}

/// The description, with what its types cannot say: a need to match must say something in its
/// title or its description.
pub fn described() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let said = |field: &str| serde_json::json!({"required": [field], "properties": {field: {"pattern": "\\S"}}});
    doc["components"]["schemas"]["MatchRequest"]["anyOf"] = serde_json::json!([said("title"), said("description")]);
    doc
}
