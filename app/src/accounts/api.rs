//! Server functions of accounts: signing up, in and out, password resets, and the admin's
//! tools (roles, organizations, outbox; the audit log is `audit_log`).

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::model::Role;
use super::model::Viewer;
use crate::error::AppError;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(SignIn, SignUp, RequestReset, ChangeName);

/// Who is signed in, with their unread notifications, for the header and pages.
#[server(prefix = "/fn", endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Viewer, AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::current_user().await?;
    let unread = match &user {
        Some(user) => crate::inbox::repo::unread(&state.db, user.id).await?,
        None => 0,
    };
    Ok(Viewer { user, unread, organization_name: None })
}

/// The viewer, with the name of their organization, for the account page.
#[server(prefix = "/fn", endpoint = "get_account")]
pub async fn get_account() -> Result<Viewer, AppError> {
    let state = crate::state::app_state()?;
    let Viewer { user, unread, .. } = get_viewer().await?;
    let organization_name = match user.as_ref().and_then(|u| u.organization.as_deref()) {
        Some(id) => crate::catalog::repo::titles(&state.db, crate::catalog::model::Kind::Organization, id)
            .await?
            .map(|t| crate::i18n::request_lang().pick(t.vi, t.en)),
        None => None,
    };
    Ok(Viewer { user, unread, organization_name })
}

/// Starts a sign-up (business member or researcher): mails a link that confirms the address
/// and creates the account. The answer is the same whether or not the address already has an
/// account; its owner is then told by mail that someone tried.
#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    role: String,
    #[server(default)] consent: String,
) -> Result<(), AppError> {
    use super::{checks, repo, secret, session, throttle};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let (name, email) = (crate::text::clean(&name), email.trim().to_lowercase());
    let role = Role::from_code(&role).filter(|r| matches!(r, Role::Member | Role::Researcher));
    checks::sign_up(lang, &name, &email, &password, role, consent == "yes")?;
    let address = format!("address:{}", session::client_address());
    let mailbox = format!("email:{email}");
    throttle::check(&state.db, &throttle::SIGN_UP_ADDRESS, &address, lang).await?;
    throttle::check(&state.db, &throttle::SIGN_UP_EMAIL, &mailbox, lang).await?;
    throttle::record(&state.db, &throttle::SIGN_UP_ADDRESS, &[&address]).await?;
    throttle::record(&state.db, &throttle::SIGN_UP_EMAIL, &[&mailbox]).await?;
    // Hashed either way, so the time taken does not tell either.
    let password_hash = secret::hash_password(password).await?;
    let origin = state.site.origin();
    if repo::credentials(&state.db, &email).await?.is_some() {
        let body = format!(
            "Có người vừa đăng ký tài khoản bằng email này. Nếu là bạn, hãy đăng nhập: {origin}/signin\n\
             Quên mật khẩu? {origin}/reset\nNếu không phải bạn, hãy bỏ qua thư này.\n\n\
             Someone just tried to sign up with this email. If it was you, sign in: {origin}/signin\n\
             Forgot your password? {origin}/reset\nIf it was not you, ignore this mail.\n"
        );
        repo::queue_mail(&state.db, &email, "Đăng ký bằng email của bạn · A sign-up with your email", &body).await?;
    } else {
        let token = secret::new_token()?;
        let role = role.map(|r| r.code().to_string()).unwrap_or_default();
        let consented_at = Some(crate::clock::now());
        let signup = repo::PendingSignup { email: email.clone(), name, password_hash, role, consented_at };
        repo::create_pending_signup(&state.db, &secret::token_hash(&token), &signup, 24 * 3600).await?;
        let body = format!(
            "Xác nhận email để hoàn tất đăng ký (hiệu lực 24 giờ): mở liên kết và nhập mật khẩu bạn đã chọn.\n\
             Confirm your email to finish signing up (valid for 24 hours): open the link and enter the password you chose.\n\
             {origin}/confirm?token={token}\n\
             Nếu không phải bạn đăng ký, hãy bỏ qua thư này. / If you did not sign up, ignore this mail.\n"
        );
        repo::queue_mail(&state.db, &email, "Xác nhận email · Confirm your email", &body).await?;
    }
    Ok(())
}

/// Confirms a sign-up with the link's token and the password chosen when signing up: creates
/// the account and signs it in. The password proves that whoever holds the mailbox also made
/// the sign-up: someone who signed up with another person's address cannot have that person
/// confirm an account whose password the intruder knows. A wrong password uses nothing up.
#[server(prefix = "/fn", endpoint = "confirm_signup")]
pub async fn confirm_signup(token: String, password: String) -> Result<(), AppError> {
    use super::{checks, repo, secret, session};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let expired = || {
        AppError::BadRequest(
            lang.pick(
                "Liên kết xác nhận đã hết hạn hoặc đã được dùng. Hãy đăng ký lại.",
                "This confirmation link has expired or was already used. Sign up again.",
            )
            .into(),
        )
    };
    let token_hash = secret::token_hash(token.trim());
    let pending = repo::pending_signup(&state.db, &token_hash).await?.ok_or_else(expired)?;
    if password.len() > super::model::MAX_PASSWORD || !secret::verify_password(password, pending.password_hash).await? {
        return Err(checks::field(
            "password",
            lang.pick(
                "Mật khẩu không khớp với mật khẩu đã chọn khi đăng ký. Nếu bạn không đăng ký, hãy bỏ qua thư xác nhận.",
                "This is not the password chosen when signing up. If you did not sign up, ignore the confirmation mail.",
            ),
        ));
    }
    let signup = repo::take_pending_signup(&state.db, &token_hash).await?.ok_or_else(expired)?;
    let roles: Vec<Role> = Role::from_code(&signup.role).into_iter().collect();
    let id = repo::create_user(&state.db, &signup.email, &signup.name, &signup.password_hash, &roles).await.map_err(
        |err| match err {
            AppError::Conflict(_) => AppError::BadRequest(
                lang.pick(
                    "Email này đã có tài khoản. Hãy đăng nhập.",
                    "This email already has an account. Sign in instead.",
                )
                .into(),
            ),
            other => other,
        },
    )?;
    if let Some(at) = &signup.consented_at {
        repo::set_consent(&state.db, id, at).await?;
    }
    session::start(&state.db, id).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

/// Signs in. Failures slow down the address (accounts known there only past many more), the
/// account from that address, and past many the account from addresses it never signed in
/// from (`throttle`); a refusal comes before any hash.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use super::{checks, repo, secret, session, throttle};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let email = email.trim().to_lowercase();
    if password.len() > super::model::MAX_PASSWORD || email.len() > super::model::MAX_NAME {
        return Err(checks::field(
            "password",
            lang.pick("Email hoặc mật khẩu không đúng.", "Wrong email or password."),
        ));
    }
    let address = format!("address:{}", session::client_address());
    let account = format!("account:{email}");
    let pair = format!("{account}|{address}");
    // An account signed in from this address before waits for the address's failures only
    // past many more: strangers sharing the address (a carrier's NAT) or guessing from afar do
    // not lock it out, and the address as a whole still cannot guess on without limit.
    let known = throttle::happened(&state.db, &throttle::KNOWN_ADDRESS, &pair).await?;
    let per_address = if known { &throttle::SIGN_IN_ADDRESS_KNOWN } else { &throttle::SIGN_IN_ADDRESS };
    throttle::check(&state.db, per_address, &address, lang).await?;
    throttle::check(&state.db, &throttle::SIGN_IN_ACCOUNT_ADDRESS, &pair, lang).await?;
    if !known {
        throttle::check(&state.db, &throttle::SIGN_IN_ACCOUNT, &account, lang).await?;
    }
    let found = repo::credentials(&state.db, &email).await?;
    let ok = match &found {
        Some((_, hash)) => secret::verify_password(password, hash.clone()).await?,
        None => {
            // As slow as a wrong password, so timing does not tell which emails have accounts.
            secret::hash_password(password).await?;
            false
        }
    };
    let Some((id, _)) = found.filter(|_| ok) else {
        throttle::record(&state.db, &throttle::SIGN_IN_ADDRESS, &[&address]).await?;
        throttle::record(&state.db, &throttle::SIGN_IN_ACCOUNT_ADDRESS, &[&pair]).await?;
        throttle::record(&state.db, &throttle::SIGN_IN_ACCOUNT, &[&account]).await?;
        return Err(checks::field(
            "password",
            lang.pick("Email hoặc mật khẩu không đúng.", "Wrong email or password."),
        ));
    };
    throttle::clear(&state.db, &throttle::SIGN_IN_ACCOUNT_ADDRESS, &pair).await?;
    throttle::record(&state.db, &throttle::KNOWN_ADDRESS, &[&pair]).await?;
    if let Some(reason) = repo::user(&state.db, id).await?.and_then(|u| u.suspended) {
        return Err(checks::field(
            "password",
            &lang.pick(
                format!("Tài khoản này đang bị tạm khóa: {reason}. Hãy liên hệ Sở Khoa học và Công nghệ."),
                format!(
                    "This account is suspended: {reason}. Please contact the Department of Science and Technology."
                ),
            ),
        ));
    }
    session::start(&state.db, id).await?;
    let next = next.filter(|n| crate::i18n::is_local_path(n)).unwrap_or_else(|| "/account".into());
    leptos_axum::redirect(&next);
    Ok(())
}

/// Signs out.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    super::session::end(&state.db).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Mails a one-time reset link if the email has an account; says the same either way.
#[server(prefix = "/fn", endpoint = "request_reset")]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    use super::{repo, secret, session, throttle};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let email = email.trim().to_lowercase();
    let address = format!("address:{}", session::client_address());
    let asked = format!("email:{email}");
    throttle::check(&state.db, &throttle::RESET_ADDRESS, &address, lang).await?;
    throttle::check(&state.db, &throttle::RESET_EMAIL, &asked, lang).await?;
    throttle::record(&state.db, &throttle::RESET_ADDRESS, &[&address]).await?;
    throttle::record(&state.db, &throttle::RESET_EMAIL, &[&asked]).await?;
    if let Some((id, _)) = repo::credentials(&state.db, &email).await? {
        let token = secret::new_token()?;
        repo::create_reset(&state.db, &secret::token_hash(&token), id, 3600).await?;
        let origin = state.site.origin();
        let body = format!(
            "Đặt lại mật khẩu / Reset your password (hiệu lực 1 giờ / valid for 1 hour):\n{origin}/reset?token={token}\n"
        );
        repo::queue_mail(&state.db, &email, "Đặt lại mật khẩu · Password reset", &body).await?;
    }
    Ok(())
}

/// Sets a new password with a reset token, ends every other session and signs in.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use super::{checks, repo, secret, session};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    checks::password(lang, &password)?;
    let Some(id) = repo::use_reset(&state.db, &secret::token_hash(token.trim())).await? else {
        return Err(AppError::BadRequest(
            lang.pick(
                "Liên kết đặt lại đã hết hạn hoặc đã được dùng. Hãy yêu cầu liên kết mới.",
                "This reset link has expired or was already used. Ask for a new one.",
            )
            .into(),
        ));
    };
    repo::set_password(&state.db, id, &secret::hash_password(password).await?).await?;
    repo::audit(&state.db, id, "reset_password", "", "").await?;
    session::start(&state.db, id).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

/// Everyone with an account, and the organizations they may be given (admins only).
#[server(prefix = "/fn", endpoint = "list_users")]
pub async fn list_users() -> Result<super::model::People, AppError> {
    super::session::require_role(&[Role::Admin]).await?;
    let db = &crate::state::app_state()?.db;
    let users = super::repo::users(db).await?;
    let mut conn = db.acquire().await?;
    let organizations = crate::catalog::names::choices(&mut conn, crate::catalog::model::Kind::Organization).await?;
    Ok(super::model::People { users, organizations })
}

/// Gives a person their roles and organization (admins only; logged).
#[server(prefix = "/fn", endpoint = "assign_user")]
pub async fn assign_user(
    user_id: i64,
    #[server(default)] roles: Vec<String>,
    #[server(default)] organization: String,
) -> Result<(), AppError> {
    use super::repo;
    let admin = super::session::require_role(&[Role::Admin]).await?;
    let state = crate::state::app_state()?;
    let roles: Vec<Role> = roles
        .iter()
        .map(|r| Role::from_code(r).ok_or_else(|| AppError::BadRequest(format!("unknown role {r}"))))
        .collect::<Result<_, _>>()?;
    let target = repo::user(&state.db, user_id).await?.ok_or(AppError::NotFound)?;
    if target.id == admin.id && !roles.contains(&Role::Admin) {
        return Err(AppError::BadRequest("an admin cannot remove their own admin role".into()));
    }
    // The organization is chosen by name (an id is understood too).
    let organization = match organization.trim() {
        "" => None,
        named => {
            let mut conn = state.db.acquire().await?;
            let kind = crate::catalog::model::Kind::Organization;
            match crate::catalog::names::resolve(&mut conn, kind, named, crate::i18n::request_lang()).await? {
                Ok(id) => Some(id),
                // One form per person on the page: the message goes above them all.
                Err(message) => return Err(AppError::BadRequest(message)),
            }
        }
    };
    let organization = organization.as_deref();
    repo::set_roles(&state.db, user_id, &roles).await?;
    repo::set_organization(&state.db, user_id, organization).await?;
    let codes: Vec<_> = roles.iter().map(|r| r.code()).collect();
    let detail = format!("roles={} organization={}", codes.join(","), organization.unwrap_or("-"));
    repo::audit(&state.db, admin.id, "assign_user", &target.email, &detail).await
}

/// Changes the signed-in person's name, as others see it (members, partners, officers).
#[server(prefix = "/fn", endpoint = "change_name")]
pub async fn change_name(name: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let name = crate::text::nfc(name.trim());
    if !super::checks::name_ok(&name) {
        let message = super::checks::name_message(crate::i18n::request_lang());
        return Err(super::checks::field("name", message));
    }
    super::repo::set_name(&state.db, user.id, &name).await?;
    super::repo::audit(&state.db, user.id, "change_name", &user.email, "").await
}

/// The newest mails of the outbox (admins only), for when no SMTP server is configured.
#[server(prefix = "/fn", endpoint = "read_outbox")]
pub async fn read_outbox() -> Result<Vec<super::model::Mail>, AppError> {
    let admin = super::session::require_role(&[Role::Admin]).await?;
    let db = crate::state::app_state()?.db;
    super::repo::audit(&db, admin.id, "read_outbox", "", "").await?;
    let mut mails = super::repo::outbox(&db, 100).await?;
    // An admin reads what was mailed, never a link that would sign in as someone else.
    mails.iter_mut().for_each(|mail| mail.body = super::model::without_tokens(&mail.body));
    Ok(mails)
}
