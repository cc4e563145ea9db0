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
    components(schemas(crate::i18n::Lang, crate::labs::Accredited, crate::labs::Within, crate::labs::PriceCeiling)),
    tags(
        (name = "search", description = "Full-text search as people type"),
        (name = "matching", description = "Partners for a need, with reasons"),
        (name = "catalogue", description = "The open catalogue in the records format"),
        (name = "statistics", description = "What the province learns from the portal's work"),
        (name = "system", description = "Health and this description"),
    )
)]
pub struct ApiDoc;

/// A pattern of text that holds something besides white space, as Rust's `trim` counts it
/// (Unicode's White_Space): a regular expression's `\S` differs from one engine to another.
const NOT_ONLY_SPACE: &str = "[^\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

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
    match sqlx::query_scalar::<_, i64>("SELECT CAST(1 AS BIGINT)").fetch_one(&state.db).await {
        Ok(_) => (StatusCode::OK, Json(Health { status: "ok".into() })),
        Err(err) => {
            tracing::error!("health check failed: {err}");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "unavailable".into() }))
        }
    }
}

/// `GET /api/openapi.json`
#[utoipa::path(get, path = "/api/openapi.json", tag = "system", responses((status = 200, description = "This description (OpenAPI 3.1)", content_type = "application/json", body = Object)))]
pub async fn openapi() -> Json<&'static serde_json::Value> {
    static DESCRIBED: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(described);
    Json(&DESCRIBED)
}

/// The description, with what its types cannot say: a need to match must say something in its
/// title or its description.
pub fn described() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let said =
        |field: &str| serde_json::json!({"required": [field], "properties": {field: {"pattern": NOT_ONLY_SPACE}}});
    doc["components"]["schemas"]["MatchRequest"]["anyOf"] = serde_json::json!([said("title"), said("description")]);
    link(&mut doc, "/api/search", "hits", true);
    link(&mut doc, "/api/needs/{id}/matches", "matches", false);
    link(&mut doc, "/api/match", "matches", false);
    doc
}

/// Links from the first record an answer lists (under `list`) to that record, and, when
/// `needs` (a search may find a need), to its matches: how a client, or a test, goes on.
fn link(doc: &mut serde_json::Value, path: &str, list: &str, needs: bool) {
    let first = |field: &str| format!("$response.body#/{list}/0/{field}");
    let Some(operation) = doc["paths"][path].as_object_mut().and_then(|ops| ops.values_mut().next()) else { return };
    let mut links = serde_json::json!({
        "record": {
            "operationId": "record",
            "parameters": {"kind": first("kind"), "id": first("id")},
            "description": "The first record listed, whole.",
        }
    });
    if needs {
        links["matches"] = serde_json::json!({
            "operationId": "match_stored",
            "parameters": {"id": first("id")},
            "description": "Partners for the first record listed, when it is a need (404 otherwise).",
        });
    }
    operation["responses"]["200"]["links"] = links;
}
