//! Server functions of an account's own security: changing the password, seeing the sessions
//! that are signed in, and ending them.

use leptos::prelude::*;

use super::model::SessionView;
use crate::error::AppError;

// A refused password change comes back to its form (passwords themselves are never kept).
crate::keeps_typed!(ChangePassword);

/// Changes the signed-in person's password after checking the current one: every session ends
/// (this browser gets a new one), the change is audited and the owner is told by mail.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    use super::{checks, repo, secret, session};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let user = session::require_user().await?;
    checks::password(lang, &password)?;
    confirm_password(&state.db, &user, current_password, "current_password").await?;
    repo::set_password(&state.db, user.id, &secret::hash_password(password).await?).await?;
    repo::audit(&state.db, user.id, "change_password", &user.email, "").await?;
    let origin = state.site.origin();
    let body = format!(
        "Mật khẩu tài khoản của bạn vừa được đổi. Nếu không phải bạn, hãy đặt lại ngay: {origin}/reset\n\n\
         Your password was just changed. If it was not you, reset it now: {origin}/reset\n"
    );
    repo::queue_mail(&state.db, &user.email, "Mật khẩu đã được đổi · Your password was changed", &body).await?;
    session::start(&state.db, user.id).await?;
    Ok(())
}

/// Checks that `password` is the signed-in `user`'s before something that cannot be undone,
/// counting failures as sign-in does (a browser left signed in does not let anyone guess it);
/// a wrong one is said next to `field`.
#[cfg(feature = "ssr")]
pub async fn confirm_password(
    db: &crate::db::Db,
    user: &super::model::User,
    password: String,
    field: &str,
) -> Result<(), AppError> {
    use super::{checks, repo, secret, session, throttle};
    let lang = crate::i18n::request_lang();
    let pair = format!("account:{}|address:{}", user.email, session::client_address());
    throttle::check(db, &throttle::SIGN_IN_ACCOUNT_ADDRESS, &pair, lang).await?;
    let (_, hash) = repo::credentials(db, &user.email).await?.ok_or(AppError::NotFound)?;
    if password.len() > super::model::MAX_PASSWORD || !secret::verify_password(password, hash).await? {
        throttle::record(db, &throttle::SIGN_IN_ACCOUNT_ADDRESS, &[&pair]).await?;
        let message = lang.pick("Mật khẩu hiện tại không đúng.", "The current password is wrong.");
        return Err(checks::field(field, message));
    }
    Ok(())
}

/// The signed-in person's sessions, newest first; the one of this browser is marked.
#[server(prefix = "/fn", endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let current =
        super::session::token(&state.site, &super::session::request_headers()).map(|t| super::secret::token_hash(&t));
    super::repo::sessions_of(&state.db, user.id, current.as_deref()).await
}

/// Ends one of the person's own sessions (`id` from `my_sessions`), or with `id=others` every
/// session but this browser's.
#[server(prefix = "/fn", endpoint = "end_session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let current = super::session::token(&state.site, &super::session::request_headers())
        .map(|t| super::secret::token_hash(&t))
        .unwrap_or_default();
    let ended = match id.as_str() {
        "others" => super::repo::end_other_sessions(&state.db, user.id, &current).await?,
        id => super::repo::end_session(&state.db, user.id, id).await?,
    };
    if ended == 0 {
        return Err(AppError::NotFound);
    }
    super::repo::audit(&state.db, user.id, "end_session", &id, &format!("{ended}")).await
}
