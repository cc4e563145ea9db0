//! Forms are plain HTML forms: one posts to its server function, which answers with a redirect
//! back to the page it came from (leptos_axum), carrying the error in the address (`__path`,
//! `__err`) when refused. The page is rendered again on the server with the messages next to
//! the fields. What the person typed would be lost with that redirect, so this keeps it, on the
//! server, for half an hour under a random token added to the address (`__kept`), for the same
//! browser session only, and never a password. A form that succeeded and came back to the same
//! page gets `__done` (its server function's path) for its "saved" message, and its values are
//! kept too (a form that wants them, such as the officers' indicator form, starts from them).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{ACCEPT, CONTENT_TYPE, LOCATION, REFERER};
use axum::http::{HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::accounts::{secret, session};
use crate::state::AppState;

/// How long typed values are kept.
const KEEP_FOR: Duration = Duration::from_secs(30 * 60);
/// The most bytes of typed values kept at once; the oldest go first.
const MAX_BYTES: usize = 8 * 1024 * 1024;
/// The hidden field naming the part of the page a form comes back to (see `forms::ComeBackTo`).
pub const ANCHOR: &str = "__at";
/// The query parameters this module and server functions add to a page's address.
const MARKS: [&str; 4] = ["__path", "__err", "__kept", "__done"];

/// Typed values of refused forms, oldest first.
#[derive(Default)]
pub struct KeptForms {
    entries: Mutex<VecDeque<Entry>>,
}

struct Entry {
    token: String,
    /// The hash of the session token of the browser that posted (none when signed out).
    session: Option<String>,
    path: String,
    pairs: Vec<(String, String)>,
    bytes: usize,
    at: Instant,
}

impl KeptForms {
    /// Keeps the fields of a form `body` posted to `path`; returns the token to find them.
    pub fn keep(&self, session: Option<String>, path: &str, body: &[u8]) -> Option<String> {
        let mut pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
        pairs.retain(|(name, _)| !name.contains("password") && name != ANCHOR);
        let token = secret::new_token().ok()?;
        let bytes = pairs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() + path.len() + 64;
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while entries.front().is_some_and(|e| e.at.elapsed() > KEEP_FOR) {
            entries.pop_front();
        }
        entries.push_back(Entry { token: token.clone(), session, path: path.to_string(), pairs, bytes, at: Instant::now() });
        let mut total: usize = entries.iter().map(|e| e.bytes).sum();
        while total > MAX_BYTES {
            let Some(old) = entries.pop_front() else { break };
            total -= old.bytes;
        }
        Some(token)
    }

    /// The fields kept under `token` for a form posted to `path` from this `session`.
    pub fn get(&self, token: &str, session: Option<&str>, path: &str) -> Option<Vec<(String, String)>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|e| e.token == token && e.session.as_deref() == session && e.path == path && e.at.elapsed() <= KEEP_FOR)
            .map(|e| e.pairs.clone())
    }
}

/// The hash of the request's session token, which binds kept values to one browser.
pub fn session_of(headers: &axum::http::HeaderMap) -> Option<String> {
    session::token(headers).map(|t| secret::token_hash(&t))
}

/// Around server functions: for a plain form post (the browser asks for HTML) keeps the typed
/// values when the function refused it, and marks a success that came back to the same page.
/// Both the refused and the successful address lose older marks (a second refusal would
/// otherwise show the first error).
pub async fn keep_typed(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let headers = request.headers();
    let is_form = headers.get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/x-www-form-urlencoded"));
    let wants_html = headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let path = request.uri().path().to_string();
    if request.method() != Method::POST || !path.starts_with("/fn/") || !is_form || !wants_html {
        return next.run(request).await;
    }
    let session = session_of(headers);
    let referer = headers.get(REFERER).and_then(|v| v.to_str().ok()).map(|r| without_marks(r).0);
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response();
    };
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
    let Some(location) = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return response;
    };
    let (mut clean, error) = without_marks(&location);
    let mark = match error {
        Some(error) => {
            let kept = state.kept.keep(session, &path, &bytes).map(|token| format!("&__kept={token}")).unwrap_or_default();
            Some(format!("__path={}&__err={error}{kept}", crate::layout::encode(&path)))
        }
        // Back to the page the form was on (the server function chose no other page).
        None if referer.as_deref().map(page_of) == Some(page_of(&clean)) => {
            let kept = state.kept.keep(session, &path, &bytes).map(|token| format!("&__kept={token}")).unwrap_or_default();
            Some(format!("__done={}{kept}", crate::layout::encode(&path)))
        }
        None => None,
    };
    if let Some(mark) = mark {
        clean.push(if clean.contains('?') { '&' } else { '?' });
        clean.push_str(&mark);
        // Back where the form is on the page, for its message.
        if let Some(at) = anchor_of(&bytes) {
            clean.push('#');
            clean.push_str(&at);
        }
    }
    if let Ok(value) = HeaderValue::from_str(&clean) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The form's `__at` field: the id of the part of the page to come back to.
fn anchor_of(body: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    let (_, at) = pairs.into_iter().find(|(name, _)| name == ANCHOR)?;
    (!at.is_empty() && at.len() <= 64 && at.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')).then_some(at)
}

fn page_of(address: &str) -> &str {
    address.split('?').next().unwrap_or(address)
}

/// An address without the marks above, and the last `__err` it carried (still encoded).
fn without_marks(address: &str) -> (String, Option<String>) {
    let (base, query) = address.split_once('?').unwrap_or((address, ""));
    let mut error = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if name == "__err" {
                error = Some(value.to_string());
            }
            !pair.is_empty() && !MARKS.contains(&name)
        })
        .collect();
    let clean = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    (clean, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_removed_and_the_last_error_read() {
        let (clean, error) = without_marks("http://h/a?q=t%C3%B4m&__path=%2Ffn%2Fx&__err=AAA&__kept=1&__path=%2Ffn%2Fx&__err=BBB");
        assert_eq!(clean, "http://h/a?q=t%C3%B4m");
        assert_eq!(error.as_deref(), Some("BBB"));
        assert_eq!(without_marks("http://h/a?__done=%2Ffn%2Fx"), ("http://h/a".to_string(), None));
    }

    #[test]
    fn the_anchor_is_a_plain_id() {
        assert_eq!(anchor_of(b"x=1&__at=record-value").as_deref(), Some("record-value"));
        assert_eq!(anchor_of(b"__at=%22%3E%3Cscript"), None);
        assert_eq!(anchor_of(b"x=1"), None);
    }

    #[test]
    fn typed_values_are_kept_for_the_same_session_and_form_without_passwords() {
        let kept = KeptForms::default();
        let token = kept.keep(Some("s".into()), "/fn/sign_up", b"name=Lan&email=a%40b.vn&password=secret").unwrap();
        let pairs = kept.get(&token, Some("s"), "/fn/sign_up").unwrap();
        assert_eq!(pairs, vec![("name".to_string(), "Lan".to_string()), ("email".to_string(), "a@b.vn".to_string())]);
        assert!(kept.get(&token, None, "/fn/sign_up").is_none(), "another browser");
        assert!(kept.get(&token, Some("s"), "/fn/sign_in").is_none(), "another form");
        assert!(kept.get("nope", Some("s"), "/fn/sign_up").is_none());
    }

    #[test]
    fn the_store_is_bounded() {
        let kept = KeptForms::default();
        let big = format!("text={}", "x".repeat(200 * 1024));
        let first = kept.keep(None, "/fn/a", big.as_bytes()).unwrap();
        for _ in 0..60 {
            kept.keep(None, "/fn/a", big.as_bytes()).unwrap();
        }
        assert!(kept.get(&first, None, "/fn/a").is_none());
        let total: usize = kept.entries.lock().unwrap().iter().map(|e| e.bytes).sum();
        assert!(total <= MAX_BYTES);
    }
}
