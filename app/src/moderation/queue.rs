//! Server functions of the officers' queue: people report a listing; officers see what is new
//! and what was reported, and keep a listing or take it down; the suspended accounts.

use leptos::prelude::*;

use super::model::{Queued, Suspended};
use crate::catalog::model::Kind;
use crate::error::AppError;

/// Listings shown in the queue at most.
pub const QUEUE_SHOWN: i64 = 200;

/// Reports a public listing to the officers, saying why (signed-in people other than its
/// owner; counted with the requests a person sends, so nobody floods the queue). Reporting it
/// again replaces the reason.
#[server(prefix = "/fn", endpoint = "report_listing")]
pub async fn report_listing(kind: Kind, id: String, #[server(default)] reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let user = crate::accounts::session::require_user().await?;
    let reason = &crate::text::clean(&reason);
    if reason.is_empty() || reason.chars().count() > super::api::MAX_REASON {
        return Err(crate::accounts::checks::field(
            "reason",
            lang.pick("Hãy ghi vì sao (tối đa 500 ký tự).", "Say why (at most 500 characters)."),
        ));
    }
    crate::catalog::repo::get(&state.db, kind, &id).await?.ok_or(AppError::NotFound)?;
    let owner = crate::listings::repo::listing(&state.db, kind, &id).await?.and_then(|l| l.owner);
    if owner == Some(user.id) {
        return Err(AppError::BadRequest(
            lang.pick("Bạn quản lý hồ sơ này: hãy sửa nó.", "You manage this listing: edit it instead.").into(),
        ));
    }
    let sender = crate::accounts::throttle::Sender::check().await?;
    super::repo::report(&state.db, kind, &id, user.id, reason).await?;
    sender.sent().await
}

/// The officers' queue: listings new or changed since an officer looked, and reported ones,
/// the latest first.
#[server(prefix = "/fn", endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<Vec<Queued>, AppError> {
    use crate::accounts::model::Role;
    crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    super::repo::queue(&crate::state::app_state()?.db, QUEUE_SHOWN).await
}

/// Keeps a queued listing as it is: it leaves the queue and its reports are settled (logged).
#[server(prefix = "/fn", endpoint = "keep_listing")]
pub async fn keep_listing(kind: Kind, id: String) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    let state = crate::state::app_state()?;
    let officer = crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    crate::catalog::repo::get(&state.db, kind, &id).await?.ok_or(AppError::NotFound)?;
    super::repo::settle(&state.db, kind, &id).await?;
    crate::accounts::repo::audit(&state.db, officer.id, "keep_listing", &format!("{}/{id}", kind.code()), "").await
}

/// Takes a queued listing down for a reason its owner is told (as hiding it from its page
/// does), settling its reports.
#[server(prefix = "/fn", endpoint = "take_down")]
pub async fn take_down(kind: Kind, id: String, #[server(default)] reason: String) -> Result<(), AppError> {
    crate::listings::oversight::moderate(kind, &id, true, &reason).await?;
    super::repo::settle(&crate::state::app_state()?.db, kind, &id).await
}

/// The suspended accounts, the latest first (officers and admins).
#[server(prefix = "/fn", endpoint = "suspended_users")]
pub async fn suspended_users() -> Result<Vec<Suspended>, AppError> {
    use crate::accounts::model::Role;
    crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    super::repo::suspended(&crate::state::app_state()?.db).await
}
