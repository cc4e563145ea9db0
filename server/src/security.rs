//! What every response and every state-changing request goes through: the host check, the
//! client's address, a cross-site request check, security headers, and a cap on request bodies.

use app::app::{page_policy, PageNonce};
use app::site::Site;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest request body accepted (forms and JSON; imports go through the command line).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The policy of responses that are not pages.
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Refuses requests for another host (421) and state-changing requests sent by another site
/// (403), notes the client's address for the handlers (`site::ClientAddress`), then adds
/// security headers.
pub async fn guard(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let mut response = admit(&state.site, request, next).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.site.is_secure() {
        // Browsers that once reached the portal over HTTPS never try plain HTTP for a year.
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    response
}

/// The answer before the headers every response carries: a refusal (421, 403), or the
/// handler's, kept out of caches when it is personal.
async fn admit(site: &Site, mut request: Request<Body>, next: Next) -> Response {
    if !names_this_portal(site, &request) {
        return (StatusCode::MISDIRECTED_REQUEST, "This server does not serve that host.\n").into_response();
    }
    let peer = request.extensions().get::<ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
    let client = site.client_address(peer, request.headers());
    request.extensions_mut().insert(client);
    if changes_state(request.method()) && is_cross_site(site, &request) {
        let body = serde_json::json!({ "error": "cross-site request refused" });
        return (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    }
    let personal = carries_credentials(site, request.headers()) || request.uri().path().starts_with("/fn/");
    // A page leaves the nonce of its scripts here as it renders (`app::app::shell`); its policy
    // is then set as the response leaves, without reading the page.
    let nonce = PageNonce::default();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if headers.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html")) {
        if let Ok(policy) = HeaderValue::from_str(&page_policy(nonce.0.get().map(String::as_str))) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    // What a person sees signed in (every page names them), server functions' answers and
    // anything that sets a cookie stay out of shared and browser caches.
    if (personal || headers.contains_key(header::SET_COOKIE)) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether the request's `Host` (one, and the authority of an absolute request target) is this
/// portal's. A request without either (only tests build those) is served as the configured site.
fn names_this_portal(site: &Site, request: &Request<Body>) -> bool {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let host = hosts.next().map(|v| v.to_str().is_ok_and(|h| site.accepts_host(h)));
    let target = request.uri().authority().map(|a| site.accepts_host(a.as_str()));
    hosts.next().is_none() && host.unwrap_or(true) && target.unwrap_or(true)
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a state-changing request may come from another site: `Sec-Fetch-Site` says
/// `cross-site` or `same-site` (a sibling subdomain is not this portal), or `Origin` is not
/// ours. It fails closed: a request carrying a session or form cookie that shows neither header
/// is refused too, since only a browser holds those cookies and every current browser sends
/// `Origin` with a POST. Without cookies (scripts, curl) nobody's rights are borrowed.
fn is_cross_site(site: &Site, request: &Request<Body>) -> bool {
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").map(|v| v.as_bytes());
    if matches!(fetch_site, Some(b"cross-site" | b"same-site")) {
        return true;
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => !origin.to_str().is_ok_and(|o| site.is_own_origin(o)),
        None => fetch_site.is_none() && carries_credentials(site, headers),
    }
}

/// Whether the request carries a session or a signed-out browser's form cookie.
fn carries_credentials(site: &Site, headers: &axum::http::HeaderMap) -> bool {
    [app::accounts::session::COOKIE_NAME, app::forms::kept::BROWSER_COOKIE]
        .iter()
        .any(|name| site.read_cookie(headers, name).is_some())
}

/// Server functions answer every error with 500; this gives each its own status (404, 400,
/// 401, 403, 409), so that only real failures are 5xx.
pub async fn server_fn_status(request: Request<Body>, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/fn/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let app::error::AppError::TooManyRequests { retry_after, .. } = error {
            parts.headers.insert(header::RETRY_AFTER, retry_after.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
