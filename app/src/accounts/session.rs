//! Sessions: a random token in an HttpOnly cookie, its hash in the database. Server functions
//! and handlers ask here who is signed in.

use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue};

use super::model::{Role, User};
use super::{repo, secret};
use crate::db::Db;
use crate::error::AppError;
use crate::site::Site;

/// The cookie that carries the session token (`__Host-` prefixed over HTTPS, see `Site`).
pub const COOKIE_NAME: &str = "kh_session";
/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;

/// The session token the request carries, if any.
pub fn token(site: &Site, headers: &HeaderMap) -> Option<String> {
    site.read_cookie(headers, COOKIE_NAME)
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

/// The person the request's session belongs to.
pub async fn user_of(db: &Db, site: &Site, headers: &HeaderMap) -> Result<Option<User>, AppError> {
    match token(site, headers) {
        Some(token) => repo::session_user(db, &secret::token_hash(&token)).await,
        None => Ok(None),
    }
}

/// The `Set-Cookie` value that stores `token` (or, with `None`, clears the cookie).
pub fn cookie(site: &Site, token: Option<&str>) -> HeaderValue {
    let (value, age) = match token {
        Some(token) => (token, SESSION_SECONDS),
        None => ("", 0),
    };
    HeaderValue::from_str(&site.cookie(COOKIE_NAME, value, Some(age)))
        .unwrap_or_else(|_| HeaderValue::from_static("kh_session=; Path=/; Max-Age=0"))
}

/// The request headers, inside a server function or page.
pub fn request_headers() -> HeaderMap {
    leptos::prelude::use_context::<http::request::Parts>().map(|parts| parts.headers).unwrap_or_default()
}

/// The person signed in, inside a server function.
pub async fn current_user() -> Result<Option<User>, AppError> {
    let state = crate::state::app_state()?;
    user_of(&state.db, &state.site, &request_headers()).await
}

/// The person signed in, or `Unauthorized`.
pub async fn require_user() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// The person signed in if they hold one of `roles`; `Unauthorized` or `Forbidden` otherwise.
pub async fn require_role(roles: &[Role]) -> Result<User, AppError> {
    let user = require_user().await?;
    if roles.iter().any(|r| user.has(*r)) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Starts a session for `user_id` and sets its cookie on the response.
pub async fn start(db: &Db, user_id: i64) -> Result<(), AppError> {
    let token = secret::new_token()?;
    let agent = request_headers().get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string);
    let address = client_address().to_string();
    repo::create_session_from(
        db,
        &secret::token_hash(&token),
        user_id,
        SESSION_SECONDS,
        agent.as_deref(),
        Some(&address),
    )
    .await?;
    set_cookie(cookie(&crate::state::app_state()?.site, Some(&token)));
    Ok(())
}

/// Ends the request's session and clears its cookie.
pub async fn end(db: &Db) -> Result<(), AppError> {
    let site = crate::state::app_state()?.site;
    if let Some(token) = token(&site, &request_headers()) {
        repo::delete_session(db, &secret::token_hash(&token)).await?;
    }
    set_cookie(cookie(&site, None));
    Ok(())
}

fn set_cookie(value: HeaderValue) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, value);
    }
}

/// The address the request came from (see `site::Site::client_address`), inside a server
/// function or page.
pub fn client_address() -> crate::site::ClientAddress {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::site::ClientAddress>().copied())
        .unwrap_or_default()
}
