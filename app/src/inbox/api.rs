//! Server functions of the inbox.

use leptos::prelude::*;

use super::model::Notification;
use crate::error::AppError;

/// The signed-in person's newest notifications.
#[server(prefix = "/fn", endpoint = "inbox")]
pub async fn inbox() -> Result<Vec<Notification>, AppError> {
    let user = crate::accounts::session::require_user().await?;
    super::repo::list(&crate::state::app_state()?.db, user.id, 200).await
}

/// Marks every notification of the signed-in person read.
#[server(prefix = "/fn", endpoint = "mark_inbox_read")]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    let user = crate::accounts::session::require_user().await?;
    super::repo::mark_read(&crate::state::app_state()?.db, user.id).await
}
