//! The results file of a service request over plain HTTP: the lab uploads one PDF (a newer
//! one replaces it) while it analyses or once results are ready, from the request's page
//! (server functions take no files); only the request's two sides download it.

use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use super::model::{RequestStatus, Side, RESULTS_PATH};
use super::repo;
use super::service::{side_of, tell_both};
use crate::accounts::model::User;
use crate::error::AppError;
use crate::files::{attachment, file_error, kept_name, receive, taking_files, FileType, Posted};
use crate::i18n::Lang;
use crate::state::AppState;

/// The routes of this module (they take a body up to the file cap).
pub fn routes() -> Router<AppState> {
    taking_files(Router::new().route(RESULTS_PATH, post(upload)).route("/requests/{id}/results", get(download)))
}

/// `POST /requests/results`: the lab attaches the results to its request, then goes back to
/// the request's page with what happened.
pub async fn upload(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let (sent, outcome) = match receive(&state, &headers, multipart, RESULTS_PATH, "results", attach).await {
        Ok(received) => received,
        Err(back) => return back,
    };
    let id = sent.id("id").map(|id| id.to_string()).unwrap_or_default();
    crate::forms::kept::come_back(&state, &headers, RESULTS_PATH, outcome, vec![("id".into(), id)], "results")
}

/// Checks that the sender answers for the request's lab and that the work is under way, then
/// stores the PDF and tells both sides.
async fn attach(state: &AppState, user: &User, sent: &Posted, lang: Lang) -> Result<(), AppError> {
    let id = sent.id("id").ok_or(AppError::NotFound)?;
    let (row, side) = side_of(&state.db, user, id).await?;
    if side != Some(Side::Lab) {
        return Err(AppError::Forbidden);
    }
    let status = RequestStatus::from_code(&row.status);
    if !matches!(status, Some(RequestStatus::InAnalysis | RequestStatus::Ready)) {
        return Err(AppError::Conflict(
            lang.pick(
                "Chỉ gửi kết quả khi mẫu đang được phân tích hoặc đã có kết quả.",
                "Results are sent while the samples are analysed or once they are ready.",
            )
            .into(),
        ));
    }
    if sent.bytes.is_empty() {
        return Err(file_error(lang.pick("Hãy chọn một tệp.", "Choose a file.")));
    }
    if FileType::sniff(&sent.bytes) != Some(FileType::Pdf) {
        return Err(file_error(lang.pick(
            "Kết quả cần là tệp PDF (theo nội dung tệp, dù tên tệp nói gì).",
            "The results must be a PDF file (by its content, whatever its name says).",
        )));
    }
    let name = kept_name(&sent.name, FileType::Pdf);
    repo::set_results(&state.db, id, &name, &sent.bytes, user.id).await?;
    tell_both(
        &state.db,
        &row,
        format!("{} đã gửi tệp kết quả «{}» ({name})", row.parties.lab_title(Lang::Vi), row.service),
        format!("{} sent the results file for “{}” ({name})", row.parties.lab_title(Lang::En), row.service),
    )
    .await
}

/// `GET /requests/{id}/results`: the results file, to the request's two sides only (to anyone
/// else it does not exist); always downloaded, never shown inside the portal.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let user = crate::accounts::session::user_of(&state.db, &state.site, &headers).await?.ok_or(AppError::NotFound)?;
    let (_, side) = side_of(&state.db, &user, id).await?;
    side.ok_or(AppError::NotFound)?;
    let (name, content) = repo::results(&state.db, id).await?.ok_or(AppError::NotFound)?;
    attachment(&name, FileType::Pdf.media_type(), content)
}
