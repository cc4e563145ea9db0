//! The dashboard's downloads: each lab's work through the portal as CSV and JSON
//! (`/dashboard/labs.csv`, `/dashboard/labs.json`), from the same figures as the page.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use super::model::LabUse;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/dashboard/labs.csv", get(labs_csv)).route("/dashboard/labs.json", get(labs_json))
}

async fn labs(state: &AppState, headers: &HeaderMap) -> Result<Vec<LabUse>, AppError> {
    let lang = crate::i18n::lang_of(headers);
    Ok(super::service::figures(state, lang).await?.labs)
}

/// Each lab's service requests, accepted quotes, median turnaround, share of accepted work for
/// organizations of the province and instrument use, the most requested first.
#[utoipa::path(get, path = "/dashboard/labs.json", tag = "statistics",
    responses((status = 200, description = "Each lab's work through the portal", body = [LabUse])))]
pub async fn labs_json(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<Vec<LabUse>>, AppError> {
    Ok(Json(labs(&state, &headers).await?))
}

/// The same as CSV, one lab a row (numbers as numbers; an empty cell: no value yet).
#[utoipa::path(get, path = "/dashboard/labs.csv", tag = "statistics",
    responses((status = 200, description = "Each lab's work through the portal, as CSV", content_type = "text/csv")))]
pub async fn labs_csv(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let body = write_csv(&labs(&state, &headers).await?).map_err(AppError::internal)?;
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"phong-thi-nghiem.csv\""),
    ];
    Ok((headers, body).into_response())
}

const COLUMNS: [&str; 10] = [
    "id",
    "title",
    "services",
    "requests",
    "accepted_quotes",
    "median_turnaround_days",
    "province_share_percent",
    "booked_hours",
    "offered_hours",
    "instrument_use_percent",
];

pub fn write_csv(labs: &[LabUse]) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(COLUMNS)?;
    let number = |n: Option<f64>| n.map(|n| format!("{:.1}", n)).unwrap_or_default();
    for lab in labs {
        out.write_record([
            lab.id.clone(),
            lab.title.clone(),
            lab.services.to_string(),
            lab.requests.to_string(),
            lab.accepted.to_string(),
            number(lab.median_turnaround_days),
            number(lab.province_share),
            lab.booked_hours.to_string(),
            lab.offered_hours.to_string(),
            number(lab.instrument_use()),
        ])?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
