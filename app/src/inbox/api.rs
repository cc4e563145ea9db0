//! Server functions of the inbox.

use leptos::prelude::*;

use super::model::{MailMode, Notification};
use crate::error::AppError;

/// The signed-in person's newest notifications, as they were before this look: the ones shown
/// are read from now on (those that arrive meanwhile stay unread).
#[server(prefix = "/fn", endpoint = "inbox")]
pub async fn inbox() -> Result<Vec<Notification>, AppError> {
    let db = &crate::state::app_state()?.db;
    let user = crate::accounts::session::require_user().await?;
    let items = super::repo::list(db, user.id, 200).await?;
    if let Some(newest) = items.iter().filter(|n| n.read_at.is_none()).map(|n| n.id).max() {
        super::repo::mark_read(db, user.id, Some(newest)).await?;
    }
    Ok(items)
}

/// Marks every notification of the signed-in person read.
#[server(prefix = "/fn", endpoint = "mark_inbox_read")]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    let user = crate::accounts::session::require_user().await?;
    super::repo::mark_read(&crate::state::app_state()?.db, user.id, None).await
}

/// How the signed-in person hears of news by mail.
#[server(prefix = "/fn", endpoint = "mail_news")]
pub async fn mail_news() -> Result<MailMode, AppError> {
    let state = crate::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::repo::mail_mode(&state.db, user.id).await
}

/// Sets how the signed-in person hears of news by mail (`now`, `daily` or `never`), in the
/// page's language.
#[server(prefix = "/fn", endpoint = "set_mail_news")]
pub async fn set_mail_news(#[server(default)] mode: String) -> Result<(), AppError> {
    let user = crate::accounts::session::require_user().await?;
    let lang = crate::i18n::request_lang();
    let mode = MailMode::from_code(&mode).ok_or_else(|| {
        crate::accounts::checks::field("mode", lang.pick("Hãy chọn một cách nhận thư.", "Choose how to be told."))
    })?;
    super::repo::set_mail_mode(&crate::state::app_state()?.db, user.id, mode, lang.code()).await
}
