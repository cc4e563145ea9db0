//! Documents of an application over plain HTTP: a multipart upload from the application's own
//! form (server functions take no files), and a download for its applicant and officers only.

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use super::repo;
use crate::accounts::model::{Role, User};
use crate::error::{AppError, FieldError};
use crate::files::{attachment, kept_name, FileType, MAX_FILE, MAX_FILES};
use crate::i18n::Lang;
use crate::state::AppState;

use super::model::UPLOAD_PATH as UPLOAD;

/// The routes of this module: the only ones that take a body larger than the portal's cap.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(UPLOAD, post(upload))
        .route("/applications/{id}/files/{file}", get(download))
        .layer(DefaultBodyLimit::max(MAX_FILE + 64 * 1024))
}

/// What an upload form sent.
#[derive(Default)]
struct Sent {
    application: Option<i64>,
    document: String,
    name: String,
    bytes: Vec<u8>,
    anchor: String,
}

/// `POST /applications/files`: attaches one document to the signed-in applicant's application
/// while it may take documents, then goes back to the page the form was on with what happened.
pub async fn upload(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let lang = crate::i18n::lang_of(&headers);
    let (sent, read) = read(multipart, lang).await;
    let outcome = match read {
        Ok(()) => attach(&state, &headers, &sent, lang).await,
        Err(err) => Err(err),
    };
    if let Err(AppError::Internal) = &outcome {
        tracing::warn!("an upload to application {:?} failed", sent.application);
    }
    let id = sent.application.map(|id| id.to_string()).unwrap_or_default();
    let anchor = if sent.anchor.is_empty() { format!("application-{id}") } else { sent.anchor.clone() };
    crate::forms::kept::come_back(&state, &headers, UPLOAD, outcome, vec![("id".into(), id)], &anchor)
}

/// Reads the form's fields; the file is read whole, refused once it passes `MAX_FILE`.
async fn read(mut multipart: Multipart, lang: Lang) -> (Sent, Result<(), AppError>) {
    let mut sent = Sent::default();
    let too_large = || {
        file_error(
            lang.pick("Tệp lớn hơn 10 MB; hãy nén hoặc chia nhỏ.", "The file is over 10 MB; compress or split it."),
        )
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return (sent, Ok(())),
            // A body over the route's cap ends here too.
            Err(_) => return (sent, Err(too_large())),
        };
        match field.name().unwrap_or_default() {
            "id" => sent.application = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            "document" => sent.document = field.text().await.map(|t| crate::text::clean(&t)).unwrap_or_default(),
            crate::forms::kept::ANCHOR => sent.anchor = field.text().await.unwrap_or_default(),
            "file" => {
                sent.name = field.file_name().unwrap_or_default().to_string();
                let mut field = field;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) if sent.bytes.len() + chunk.len() <= MAX_FILE => {
                            sent.bytes.extend_from_slice(&chunk)
                        }
                        Ok(None) => break,
                        _ => return (sent, Err(too_large())),
                    }
                }
            }
            _ => {}
        }
    }
}

fn file_error(message: &str) -> AppError {
    AppError::Validation(vec![FieldError { field: "file".into(), message: message.into() }])
}

/// Checks who sends what to which application, then stores it.
async fn attach(state: &AppState, headers: &HeaderMap, sent: &Sent, lang: Lang) -> Result<(), AppError> {
    let user =
        crate::accounts::session::user_of(&state.db, &state.site, headers).await?.ok_or(AppError::Unauthorized)?;
    let id = sent.application.ok_or(AppError::NotFound)?;
    let row = super::service::own(&state.db, id, &user).await?;
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
    if !sent.document.is_empty() && !terms.documents.contains(&sent.document) {
        return Err(AppError::BadRequest(
            lang.pick("Tài liệu này không có trong danh sách của kêu gọi.", "That document is not on the call's list.")
                .into(),
        ));
    }
    let file = repo::NewFile {
        application: id,
        document: &sent.document,
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
