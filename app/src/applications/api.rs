//! Server functions of applications.

use leptos::prelude::*;

use super::model::{Application, Panel};
use crate::catalog::model::Kind;
use crate::error::AppError;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(Apply, MoveApplication, RemoveApplicationFile, AnswerApplication, ReopenApplication);

/// Applies to a call or pilot for the signed-in member's organization.
#[server(prefix = "/fn", endpoint = "apply")]
pub async fn apply(
    kind: Kind,
    id: String,
    proposal: String,
    #[server(default)] amount: String,
    #[server(default)] links: String,
) -> Result<(), AppError> {
    let sender = crate::accounts::throttle::Sender::check().await?;
    super::service::apply(kind, &id, &proposal, &amount, &links).await?;
    sender.sent().await?;
    leptos_axum::redirect("/mine#applications");
    Ok(())
}

/// Moves an application to a later stage, with a comment for the applicant (officers).
#[server(prefix = "/fn", endpoint = "move_application")]
pub async fn move_application(
    id: i64,
    stage: String,
    #[server(default)] comment: Option<String>,
) -> Result<(), AppError> {
    super::service::move_application(id, &stage, comment).await
}

/// Answers the officers' request for more information on one's own application.
#[server(prefix = "/fn", endpoint = "answer_application")]
pub async fn answer_application(id: i64, answer: String) -> Result<(), AppError> {
    super::service::answer(id, &answer).await
}

/// Reopens a decided application for evaluation, with the reason (officers).
#[server(prefix = "/fn", endpoint = "reopen_application")]
pub async fn reopen_application(id: i64, reason: String) -> Result<(), AppError> {
    super::service::reopen(id, &reason).await
}

/// Withdraws one's own application before it is decided, while the call is open.
#[server(prefix = "/fn", endpoint = "withdraw_application")]
pub async fn withdraw_application(id: i64) -> Result<(), AppError> {
    super::service::withdraw(id).await
}

/// Removes a document from one's own application while it still takes documents.
#[server(prefix = "/fn", endpoint = "remove_application_file")]
pub async fn remove_application_file(id: i64, file: i64) -> Result<(), AppError> {
    super::service::remove_file(id, file).await
}

/// The signed-in person's applications.
#[server(prefix = "/fn", endpoint = "my_applications")]
pub async fn my_applications() -> Result<Vec<Application>, AppError> {
    let (state, lang) = (crate::state::app_state()?, crate::i18n::request_lang());
    let user = crate::accounts::session::require_user().await?;
    let rows = super::repo::by_applicant(&state.db, user.id).await?;
    super::views::views(&state.db, rows, lang).await
}

/// The applications to a call or pilot (officers).
#[server(prefix = "/fn", endpoint = "applications_for")]
pub async fn applications_for(kind: Kind, id: String) -> Result<Vec<Application>, AppError> {
    crate::accounts::session::require_role(&[crate::accounts::model::Role::Officer]).await?;
    let db = &crate::state::app_state()?.db;
    let rows = super::repo::for_target(db, kind.code(), &id).await?;
    super::views::views(db, rows, crate::i18n::request_lang()).await
}

/// What a call's or pilot's page shows about applications to the person looking.
#[server(prefix = "/fn", endpoint = "application_panel")]
pub async fn application_panel(kind: Kind, id: String) -> Result<Panel, AppError> {
    let state = crate::state::app_state()?;
    let user = crate::accounts::session::current_user().await?;
    if user.is_none() {
        return Ok(Panel::SignIn);
    }
    let target = crate::catalog::repo::get(&state.db, kind, &id).await?.ok_or(AppError::NotFound)?;
    super::eligibility::panel(&state, user.as_ref(), &target, crate::i18n::request_lang()).await
}
