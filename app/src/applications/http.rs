//! Documents of an application over plain HTTP: a multipart upload from the application's own
//! form (server functions take no files), and a download for its applicant and officers only.

use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use super::repo;
use crate::accounts::model::{Role, User};
use crate::error::AppError;
use crate::files::{attachment, file_error, kept_name, receive, taking_files, FileType, Posted, MAX_FILES};
use crate::i18n::Lang;
use crate::state::AppState;

use super::model::UPLOAD_PATH as UPLOAD;

/// The routes of this module: the only ones that take a body larger than the portal's cap.
pub fn routes() -> Router<AppState> {
    taking_files(Router::new().route(UPLOAD, post(upload)).route("/applications/{id}/files/{file}", get(download)))
}

/// `POST /applications/files`: attaches one document to the signed-in applicant's application
/// while it may take documents, then goes back to the page the form was on with what happened.
pub async fn upload(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let (sent, outcome) = match receive(&state, &headers, multipart, UPLOAD, "", attach).await {
        Ok(received) => received,
        Err(back) => return back,
    };
    if let Err(AppError::Internal) = &outcome {
        tracing::warn!("an upload to application {:?} failed", sent.id("id"));
    }
    let id = sent.id("id").map(|id| id.to_string()).unwrap_or_default();
    let anchor = match sent.field(crate::forms::kept::ANCHOR) {
        "" => format!("application-{id}"),
        anchor => anchor.to_string(),
    };
    crate::forms::kept::come_back(&state, &headers, UPLOAD, outcome, vec![("id".into(), id)], &anchor)
}

/// Checks who sends what to which application, then stores it.
async fn attach(state: &AppState, user: &User, sent: &Posted, lang: Lang) -> Result<(), AppError> {
    let id = sent.id("id").ok_or(AppError::NotFound)?;
    let document = crate::text::clean(sent.field("document"));
    let row = super::service::own(&state.db, id, user).await?;
    if !row.may_add_files(&crate::clock::today().to_string()) {
        return Err(AppError::Conflict(
            lang.pick(
                "Hồ sơ này không nhận thêm tài liệu (đã có quyết định hoặc đã hết hạn).",
                "This application takes no more documents (decided, or past the deadline).",
            )
            .into(),
        ));
    }
    if sent.bytes.is_empty() {
        return Err(file_error(lang.pick("Hãy chọn một tệp.", "Choose a file.")));
    }
    let Some(kind) = FileType::sniff(&sent.bytes) else {
        return Err(file_error(lang.pick(
            "Nội dung tệp không phải PDF, Word (DOCX), Excel (XLSX) hay OpenDocument (ODT), dù tên tệp nói gì.",
            "The file's content is not a PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT) document, whatever its name says.",
        )));
    };
    let kind_code = crate::catalog::model::Kind::from_code(&row.target_kind).ok_or(AppError::NotFound)?;
    let target = crate::catalog::repo::get(&state.db, kind_code, &row.target_id).await?;
    let terms = target.as_ref().and_then(super::model::Terms::of).unwrap_or_default();
    if !document.is_empty() && !terms.documents.contains(&document) {
        return Err(AppError::BadRequest(
            lang.pick("Tài liệu này không có trong danh sách của kêu gọi.", "That document is not on the call's list.")
                .into(),
        ));
    }
    let file = repo::NewFile {
        application: id,
        document: &document,
        name: &kept_name(&sent.name, kind),
        media_type: kind.media_type(),
        content: &sent.bytes,
        uploaded_by: user.id,
    };
    if !repo::add_file(&state.db, &file, MAX_FILES).await? {
        return Err(file_error(lang.pick(
            "Mỗi hồ sơ có tối đa 20 tệp; hãy xoá bớt tệp cũ.",
            "An application holds at most 20 files; remove an old one first.",
        )));
    }
    Ok(())
}

/// `GET /applications/{id}/files/{file}`: a document, to its applicant and officers only (to
/// anyone else it does not exist); always downloaded, never shown inside the portal.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let user: Option<User> = crate::accounts::session::user_of(&state.db, &state.site, &headers).await?;
    let user = user.ok_or(AppError::NotFound)?;
    let row = repo::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if row.applicant != user.id && !user.has(Role::Officer) {
        return Err(AppError::NotFound);
    }
    let (name, media_type, content) = repo::file(&state.db, id, file).await?.ok_or(AppError::NotFound)?;
    attachment(&name, &media_type, content)
}
