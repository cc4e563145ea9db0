//! Officers' acts on a listing: verifying an organization, hiding a record for a reason or
//! showing it again. Each is logged and its owner told.

use super::repo;
use crate::accounts::model::Role;
use crate::accounts::session::require_role;
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::state::app_state;

/// Marks an organization verified.
pub async fn verify(id: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let officer = require_role(&[Role::Officer, Role::Admin]).await?;
    let record = crate::catalog::repo::get(&state.db, Kind::Organization, id).await?.ok_or(AppError::NotFound)?;
    repo::verify(&state.db, Kind::Organization, id).await?;
    crate::accounts::repo::audit(&state.db, officer.id, "verify_organization", id, "").await?;
    super::notify::verified(&state, &record).await
}

/// Hides a record from public view for a reason, or shows it again (officers; logged; its
/// owner is told, with the reason).
pub async fn moderate(kind: Kind, id: &str, hidden: bool, reason: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let officer = require_role(&[Role::Officer, Role::Admin]).await?;
    let (record, _) = crate::catalog::repo::get_any(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    let reason = &crate::text::clean(reason);
    let lang = crate::i18n::request_lang();
    if hidden && (reason.is_empty() || reason.chars().count() > 500) {
        return Err(AppError::BadRequest(
            lang.pick("Hãy ghi lý do ẩn (tối đa 500 ký tự).", "Give a reason for hiding it (at most 500 characters).")
                .into(),
        ));
    }
    if !hidden && repo::held_by_suspension(&state.db, kind, id).await? {
        return Err(AppError::BadRequest(
            lang.pick(
                "Tài khoản của người đăng đang bị tạm khóa: hãy mở khóa tài khoản trước.",
                "Its owner's account is suspended: lift the suspension first.",
            )
            .into(),
        ));
    }
    if repo::moderate(&state.db, kind, id, hidden).await? {
        let action = if hidden { "hide_listing" } else { "show_listing" };
        let target = format!("{}/{id}", kind.code());
        crate::accounts::repo::audit(&state.db, officer.id, action, &target, reason).await?;
        super::notify::moderated(&state, &record, hidden, reason).await?;
    }
    crate::search::index::sync(&state.db, &state.search).await?;
    Ok(())
}
