//! Changing an account's email: the new address confirms the change from a link mailed to it
//! before it replaces the old one, and the old address is told of the request and the change.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::forms::{invalid, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;

// A refused change comes back to its form with the address typed (never the password).
crate::keeps_typed!(RequestEmailChange);

/// How long a confirmation link works, in hours.
pub const VALID_HOURS: i64 = 24;

/// Asks to move the signed-in account to `email`, after checking the current password: the
/// new address gets a link that makes the change, the old one is told. The answer is the same
/// whether or not another account holds the address (its owner learns of the attempt).
#[server(prefix = "/fn", endpoint = "request_email_change")]
pub async fn request_email_change(email: String, current_password: String) -> Result<(), AppError> {
    use super::{checks, repo, secret, session, throttle};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let user = session::require_user().await?;
    let email = email.trim().to_lowercase();
    checks::email(lang, &email)?;
    if email == user.email {
        let message = lang.pick("Đây đã là email của tài khoản.", "This is already your account's email.");
        return Err(checks::field("email", message));
    }
    // The cheap refusal first: a throttled account costs no password hash.
    let account = format!("account:{}", user.id);
    throttle::check(&state.db, &throttle::CHANGE_EMAIL, &account, lang).await?;
    super::security_api::confirm_password(&state.db, &user, current_password, "current_password").await?;
    throttle::record(&state.db, &throttle::CHANGE_EMAIL, &[&account]).await?;
    let origin = state.site.origin();
    if repo::credentials(&state.db, &email).await?.is_some() {
        // A new request replaces the one before, even one that mails no link.
        repo::email_changes::forget(&state.db, user.id, false).await?;
        let body = format!(
            "Có người muốn chuyển một tài khoản khác sang email này, nhưng email này đã có tài khoản. \
             Không có gì thay đổi. Nếu là bạn, hãy đăng nhập bằng email này: {origin}/signin\n\n\
             Someone asked to move another account to this email, but it already has an account. \
             Nothing changed. If it was you, sign in with this email: {origin}/signin\n"
        );
        repo::queue_mail(&state.db, &email, "Đổi email tài khoản · Changing an account's email", &body).await?;
    } else {
        let token = secret::new_token()?;
        let hash = secret::token_hash(&token);
        repo::email_changes::create(&state.db, &hash, user.id, &email, VALID_HOURS * 3600).await?;
        let body = format!(
            "Xác nhận đổi email tài khoản của {name} sang địa chỉ này (hiệu lực {VALID_HOURS} giờ):\n\
             Confirm moving {name}'s account to this address (valid for {VALID_HOURS} hours):\n\
             {origin}/account/email?token={token}\n\
             Nếu không phải bạn, hãy bỏ qua thư này. / If it was not you, ignore this mail.\n",
            name = user.name,
        );
        repo::queue_mail(&state.db, &email, "Xác nhận email mới · Confirm your new email", &body).await?;
    }
    let body = format!(
        "Có yêu cầu đổi email tài khoản của bạn sang {email}. Email chỉ đổi khi địa chỉ mới xác nhận. \
         Nếu không phải bạn, hãy đổi mật khẩu ngay: {origin}/account#security\n\n\
         Someone asked to change your account's email to {email}. It changes only once the new address \
         confirms. If it was not you, change your password now: {origin}/account#security\n"
    );
    repo::queue_mail(&state.db, &user.email, "Yêu cầu đổi email · Email change requested", &body).await?;
    repo::audit(&state.db, user.id, "request_email_change", &user.email, &email).await
}

/// Makes the change a link's `token` was mailed for: whoever holds the new mailbox confirms,
/// signed in or not (the request itself took the password). The old address is told.
#[server(prefix = "/fn", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    use super::{repo, secret};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let expired = || {
        AppError::BadRequest(
            lang.pick(
                "Liên kết xác nhận đã hết hạn hoặc đã được dùng. Hãy yêu cầu lại ở trang Tài khoản.",
                "This confirmation link has expired or was already used. Ask again from your account page.",
            )
            .into(),
        )
    };
    let change = repo::email_changes::take(&state.db, &secret::token_hash(token.trim())).await?;
    let Some((user_id, email)) = change else { return Err(expired()) };
    let Some(user) = repo::user(&state.db, user_id).await? else { return Err(expired()) };
    if !repo::email_changes::set_email(&state.db, user_id, &email).await? {
        return Err(AppError::Conflict(
            lang.pick("Email này nay đã thuộc một tài khoản khác.", "This email now belongs to another account.")
                .into(),
        ));
    }
    repo::audit(&state.db, user_id, "change_email", &user.email, &email).await?;
    let origin = state.site.origin();
    let body = format!(
        "Email tài khoản của bạn đã đổi sang {email}; từ nay hãy đăng nhập bằng địa chỉ đó. \
         Nếu không phải bạn, hãy liên hệ: {origin}/contact\n\n\
         Your account's email was changed to {email}; sign in with that address from now on. \
         If it was not you, contact us: {origin}/contact\n"
    );
    repo::queue_mail(&state.db, &user.email, "Email đã được đổi · Your email was changed", &body).await
}

/// On the account page: a folded form that asks to change the email.
#[component]
pub fn ChangeEmailForm() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestEmailChange>::new();
    let result = crate::forms::last_result(action);
    let value = typed::<RequestEmailChange>().or("email", "");
    let done = lang.pick(
        // (How long the link works is said in the mail, from `VALID_HOURS`.)
        "Đã gửi liên kết xác nhận tới địa chỉ mới. Email chỉ đổi khi bạn mở liên kết đó; tới lúc ấy hãy tiếp tục đăng nhập bằng email hiện tại.",
        "We sent a confirmation link to the new address. The email changes only once you open it; until then keep signing in with your current email.",
    );
    view! {
        <details class="rename" id="change-email" open=move || result.with(|r| r.is_some())>
            <summary>{lang.pick("Đổi email", "Change your email")}</summary>
            <FormStatus result done/>
            <ActionForm action attr:class="stack-form">
                <ComeBackTo id="change-email"/>
                <label for="new-email">{lang.pick("Email mới", "New email")}</label>
                <input id="new-email" name="email" type="email" autocomplete="email" required maxlength="120"
                    value=value aria-invalid=invalid(result, "email") aria-describedby="email-error"/>
                <FieldMessage result field="email"/>
                <label for="email-password">{lang.pick("Mật khẩu hiện tại", "Current password")}</label>
                <input id="email-password" name="current_password" type="password" autocomplete="current-password"
                    required maxlength="200" aria-invalid=invalid(result, "current_password")
                    aria-describedby="current_password-error"/>
                <FieldMessage result field="current_password"/>
                <button type="submit">{lang.pick("Gửi liên kết xác nhận", "Send a confirmation link")}</button>
            </ActionForm>
        </details>
    }
}

/// `/account/email?token=…`: the link mailed to a new address; a button confirms (a mail
/// scanner opening the link changes nothing).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let action = ServerAction::<ConfirmEmailChange>::new();
    let result = crate::forms::last_result(action);
    let done = lang.pick(
        "Đã đổi email. Từ nay hãy đăng nhập bằng địa chỉ mới.",
        "Your email was changed. Sign in with the new address from now on.",
    );
    view! {
        <leptos_meta::Title text=lang.pick("Xác nhận email mới", "Confirm your new email")/>
        <section class="form-page">
            <h1>{lang.pick("Xác nhận email mới", "Confirm your new email")}</h1>
            <FormStatus result done/>
            // Once confirmed, only the outcome stays.
            <div hidden=move || result.with(|r| matches!(r, Some(Ok(()))))>
                <p>{lang.pick(
                    "Nhấn nút dưới đây để tài khoản của bạn dùng địa chỉ email đã nhận liên kết này.",
                    "Press the button to have your account use the address that received this link.",
                )}</p>
                <ActionForm action attr:class="stack-form">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit">{lang.pick("Xác nhận email mới", "Confirm the new email")}</button>
                </ActionForm>
            </div>
            <p><a href="/account">{lang.pick("Về trang Tài khoản", "To your account")}</a></p>
        </section>
    }
}
