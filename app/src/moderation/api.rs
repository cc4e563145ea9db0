//! Server functions of suspensions (officers and admins; logged; the person is mailed).

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
    let reason = &crate::text::clean(&reason);
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
    let body = format!(
        "Tài khoản của bạn trên Sàn Đổi mới sáng tạo Khánh Hòa đã bị tạm khóa; các hồ sơ bạn đăng \
         tạm thời không hiển thị.\nLý do: {reason}\nNếu bạn cho rằng đây là nhầm lẫn, hãy liên hệ Sở Khoa học và Công nghệ.\n\n\
         Your account on the Khánh Hòa Innovation Exchange has been suspended; your listings are not \
         shown for now.\nReason: {reason}\nIf you think this is a mistake, contact the Department of Science and Technology.\n"
    );
    let subject = "Tài khoản bị tạm khóa · Account suspended";
    crate::accounts::repo::queue_mail(&state.db, &target.email, subject, &body).await?;
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
        let body = "Tài khoản của bạn đã được mở khóa: bạn có thể đăng nhập lại; các hồ sơ bị ẩn do tạm \
                    khóa hiển thị trở lại.\n\nYour account is no longer suspended: you can sign in again; \
                    the listings hidden by the suspension are shown again.\n";
        let subject = "Tài khoản được mở khóa · Suspension lifted";
        crate::accounts::repo::queue_mail(&state.db, &target.email, subject, body).await?;
        crate::search::index::sync(&state.db, &state.search).await?;
    }
    Ok(())
}
