//! Server functions of suspensions (officers and admins; logged).

use leptos::prelude::*;

use crate::error::AppError;

/// The longest reason kept.
pub const MAX_REASON: usize = 500;

/// Suspends an account for a reason its owner is shown when they try to sign in. Officers may
/// suspend members and researchers; only admins may suspend staff. Nobody suspends themself.
#[server(prefix = "/fn", endpoint = "suspend_user")]
pub async fn suspend_user(user_id: i64, #[server(default)] reason: String) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let officer = crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    let target = crate::accounts::repo::user(&state.db, user_id).await?.ok_or(AppError::NotFound)?;
    if target.id == officer.id || (target.is_staff() && !officer.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(AppError::BadRequest(
            lang.pick("Hãy ghi lý do (tối đa 500 ký tự).", "Give a reason (at most 500 characters).").into(),
        ));
    }
    let Some(hidden) = super::repo::suspend(&state.db, target.id, reason).await? else {
        return Err(AppError::Conflict(
            lang.pick("Tài khoản này đã bị tạm khóa.", "This account is already suspended.").into(),
        ));
    };
    let detail = format!("{} listings hidden · {reason}", hidden.len());
    crate::accounts::repo::audit(&state.db, officer.id, "suspend_user", &target.email, &detail).await?;
    crate::search::index::sync(&state.db, &state.search).await?;
    Ok(())
}

/// Lifts a suspension: the account may sign in again and its listings come back.
#[server(prefix = "/fn", endpoint = "lift_suspension")]
pub async fn lift_suspension(user_id: i64) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    let state = crate::state::app_state()?;
    let officer = crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    let target = crate::accounts::repo::user(&state.db, user_id).await?.ok_or(AppError::NotFound)?;
    if target.is_staff() && !officer.has(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    if super::repo::lift(&state.db, target.id).await? {
        crate::accounts::repo::audit(&state.db, officer.id, "lift_suspension", &target.email, "").await?;
        crate::search::index::sync(&state.db, &state.search).await?;
    }
    Ok(())
}
