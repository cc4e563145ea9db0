//! `POST /admin/import/file`: a file of records, read and tried line by line (nothing stored), kept
//! for the officer who sent it; the browser goes on to its verdicts. The page's form posts
//! here because server functions take no files.

use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;

use super::model::{Verdicts, IMPORT_PAGE, SEND_PATH};
use crate::accounts::model::{Role, User};
use crate::error::AppError;
use crate::files::{file_error, receive, taking_files, Posted};
use crate::i18n::Lang;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    taking_files(Router::new().route(SEND_PATH, post(upload)))
}

/// Reads and tries the file, then shows its verdicts; a file refused whole goes back to the
/// form with why.
pub async fn upload(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let mut token = None;
    let received = receive(&state, &headers, multipart, SEND_PATH, "import", async |state, user, sent, lang| {
        token = Some(check(state, user, sent, lang).await?);
        Ok(())
    })
    .await;
    let outcome = match received {
        Ok((_, outcome)) => outcome,
        Err(back) => return back,
    };
    match (outcome, token) {
        (Ok(()), Some(token)) => Redirect::to(&format!("{IMPORT_PAGE}?file={token}")).into_response(),
        (outcome, _) => crate::forms::kept::come_back(
            &state,
            &headers,
            SEND_PATH,
            outcome.and(Err(AppError::Internal)),
            vec![],
            "import",
        ),
    }
}

/// An officer's file, read and tried, kept: the token that names it.
async fn check(state: &AppState, user: &User, sent: &Posted, lang: Lang) -> Result<String, AppError> {
    if !user.has(Role::Officer) && !user.has(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    if sent.bytes.is_empty() {
        return Err(file_error(lang.pick("Hãy chọn một tệp.", "Choose a file.")));
    }
    let text = std::str::from_utf8(&sent.bytes).map_err(|_| {
        file_error(lang.pick(
            "Tệp không phải văn bản UTF-8: hãy lưu dưới dạng «CSV UTF-8» hoặc JSON Lines.",
            "The file is not UTF-8 text: save it as “CSV UTF-8” or as JSON Lines.",
        ))
    })?;
    let lines = super::file::lines_of(&sent.name, text).map_err(|why| {
        let why = crate::opendata::csv_read::said(lang, &why);
        file_error(&format!("{} {why}", lang.pick("Không đọc được tệp:", "The file cannot be read:")))
    })?;
    if lines.iter().all(|(_, line)| line.as_ref().is_ok_and(|line| line.trim().is_empty())) {
        return Err(file_error(lang.pick("Tệp không có dòng dữ liệu nào.", "The file holds no records.")));
    }
    let report = crate::catalog::import::try_lines(&state.db, lines.iter().cloned()).await?;
    let name = crate::files::sent_name(&sent.name);
    let name = if name.is_empty() { lang.pick("tệp", "file").to_string() } else { name };
    super::repo::keep(&state.db, user.id, &name, &lines, &Verdicts::of(&report, lang)).await
}
