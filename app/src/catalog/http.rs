//! The catalogue's JSON API for other systems: one record, and the whole export.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures::StreamExt;

use super::model::{Kind, Record};
use super::repo;
use crate::error::AppError;
use crate::state::AppState;

/// The routes of this module, under `/api`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/export.jsonl", get(export)).route("/api/{kind}/{id}", get(record))
}

/// `GET /api/{kind}/{id}`: one record in the records format.
#[utoipa::path(
    get,
    path = "/api/{kind}/{id}",
    tag = "catalogue",
    params(
        ("kind" = crate::catalog::model::Kind, Path, description = "The record's kind."),
        ("id" = String, Path, description = "The record's id."),
    ),
    responses(
        (status = 200, description = "The record, as one line of the records format (contract/records.md)", body = Record),
        (status = 404, description = "Unknown or not public", body = crate::error::ErrorBody),
    )
)]
pub async fn record(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let kind = Kind::from_code(&kind).ok_or(AppError::NotFound)?;
    let record = repo::get(&state.db, kind, &id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(record).into_response())
}

/// `GET /api/export.jsonl`: every public record, streamed one line at a time.
#[utoipa::path(
    get,
    path = "/api/export.jsonl",
    tag = "catalogue",
    responses((status = 200, description = "Every public record, one JSON object per line (contract/records.md), streamed", content_type = "application/jsonl", body = String))
)]
pub async fn export(State(state): State<AppState>) -> Response {
    let lines = export_lines(state.db).map(|line| {
        line.map(|mut l| {
            l.push('\n');
            l
        })
    });
    (
        [
            (header::CONTENT_TYPE, "application/jsonl; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"khanh-hoa-innovation.jsonl\""),
        ],
        Body::from_stream(lines),
    )
        .into_response()
}

/// Every public record as a line of the records format, in a stable order.
pub fn export_lines(db: crate::db::Db) -> impl futures::Stream<Item = Result<String, std::io::Error>> + Send + 'static {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(64);
    tokio::spawn(async move {
        let sql = repo::export_sql();
        let mut rows = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql)).fetch(&db);
        while let Some(row) = rows.next().await {
            let item = row.map_err(|e| {
                tracing::error!("export failed: {e}");
                std::io::Error::other("export failed")
            });
            let failed = item.is_err();
            if tx.send(item).await.is_err() || failed {
                break;
            }
        }
    });
    // Fused: whoever reads it may ask again after its end (the compression layer does), and an
    // `unfold` asked again panics, which cut compressed downloads short.
    futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) }).fuse()
}
