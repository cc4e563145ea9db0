//! Forms are plain HTML forms: one posts to its server function, which answers with a redirect
//! back to the page it came from (leptos_axum), carrying the error in the address (`__path`,
//! `__err`) when refused. The page is rendered again on the server with the messages next to
//! the fields. What the person typed would be lost with that redirect, so this keeps it, on the
//! server, for half an hour under a random token added to the address (`__kept`), for the same
//! browser only (its session, or a `kh_form` cookie when signed out), never a password or a
//! token, and only for the forms that show it again (`keeps_typed!`). The error is kept with it: a page
//! shows an error only when it finds it here, so a forged `__err` link shows nothing. A form
//! that succeeded and came back to the same page gets `__done` (its "saved" message) the same
//! way, with its values (the officers' indicator form starts from them for the next year).
//! The language switch carries a half-filled form to the other language the same way
//! (`__typed`: shown as typed, neither refused nor saved; see `carry`).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{ACCEPT, CONTENT_TYPE, LOCATION, REFERER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::accounts::{secret, session};
use crate::site::Site;
use crate::state::AppState;

/// How long typed values are kept.
const KEEP_FOR: Duration = Duration::from_secs(30 * 60);
/// The most bytes kept at once (values and their bookkeeping); the oldest go first.
const MAX_BYTES: usize = 8 * 1024 * 1024;
/// The most fields kept of one form (a record form has a few dozen).
const MAX_FIELDS: usize = 500;
/// The query parameters this module and server functions add to a page's address.
const MARKS: [&str; 5] = ["__path", "__err", "__kept", "__done", "__typed"];
/// The hidden field naming the part of the page a form comes back to (see `forms::ComeBackTo`).
pub const ANCHOR: &str = "__at";
/// The cookie that ties a signed-out browser to what it typed (`__Host-` over HTTPS).
pub const BROWSER_COOKIE: &str = "kh_form";

/// A server function whose form shows what was typed again when it comes back refused (or
/// done, to the same page). Declared where the function is, with `keeps_typed!`.
pub struct KeepsTyped(pub &'static str);

inventory::collect!(KeepsTyped);

/// Whether the server function at `path` keeps typed values.
fn keeps(path: &str) -> bool {
    inventory::iter::<KeepsTyped>().any(|declared| declared.0 == path)
}

/// What came back from a form: the error (as `__err` carries it), or none when it was done,
/// and the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub error: Option<String>,
    pub pairs: Vec<(String, String)>,
    /// Carried across the language switch: the page shows what was typed and no outcome.
    pub carried: bool,
}

/// Forms that came back, oldest first.
#[derive(Default)]
pub struct KeptForms {
    entries: Mutex<VecDeque<Entry>>,
}

struct Entry {
    token: String,
    /// Who posted: the hash of the session token, or of the browser cookie.
    owner: String,
    path: String,
    kept: Kept,
    bytes: usize,
    at: Instant,
}

impl KeptForms {
    /// Keeps what came back from a form `body` posted to `path` by `owner`; returns the token
    /// to find it.
    pub fn keep(&self, owner: &str, path: &str, error: Option<String>, body: &[u8]) -> Option<String> {
        let pairs: Vec<(String, String)> =
            if keeps(path) { serde_urlencoded::from_bytes(body).unwrap_or_default() } else { Vec::new() };
        self.keep_pairs(owner, path, error, pairs)
    }

    /// Keeps `pairs` (and `error`) of a form posted to `path` by `owner`; returns the token.
    pub fn keep_pairs(
        &self,
        owner: &str,
        path: &str,
        error: Option<String>,
        mut pairs: Vec<(String, String)>,
    ) -> Option<String> {
        // Empty values are not kept (a field missing comes back empty): a long form of many
        // blocks, mostly empty, still comes back as typed.
        pairs.retain(|(name, value)| {
            !value.is_empty() && !name.contains("password") && name != "token" && name != ANCHOR
        });
        if pairs.len() > MAX_FIELDS {
            pairs.clear();
        }
        let token = secret::new_token().ok()?;
        let strings = pairs.iter().map(|(k, v)| k.capacity() + v.capacity() + 2 * size_of::<String>()).sum::<usize>();
        let bytes = strings + error.as_ref().map_or(0, String::capacity) + path.len() + owner.len() + 256;
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while entries.front().is_some_and(|e| e.at.elapsed() > KEEP_FOR) {
            entries.pop_front();
        }
        let kept = Kept { error, pairs, carried: false };
        entries.push_back(Entry {
            token: token.clone(),
            owner: owner.to_string(),
            path: path.to_string(),
            kept,
            bytes,
            at: Instant::now(),
        });
        let mut total: usize = entries.iter().map(|e| e.bytes).sum();
        while total > MAX_BYTES {
            let Some(old) = entries.pop_front() else { break };
            total -= old.bytes;
        }
        Some(token)
    }

    /// What was kept under `token` for a form posted to `path` by `owner`.
    pub fn get(&self, token: &str, owner: &str, path: &str) -> Option<Kept> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|e| e.token == token && e.owner == owner && e.path == path && e.at.elapsed() <= KEEP_FOR)
            .map(|e| e.kept.clone())
    }
}

/// Who the request comes from, for kept forms: the hash of its session token, else of its
/// browser cookie.
pub fn owner_of(site: &Site, headers: &HeaderMap) -> Option<String> {
    if let Some(token) = session::token(site, headers) {
        return Some(format!("s{}", secret::token_hash(&token)));
    }
    let browser = site
        .read_cookie(headers, BROWSER_COOKIE)
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))?;
    Some(format!("b{}", secret::token_hash(browser)))
}

/// `owner_of`, or a new browser cookie's owner and the cookie's value when the request has
/// neither session nor cookie.
fn owner_or_new(site: &Site, headers: &HeaderMap) -> Option<(String, Option<String>)> {
    if let Some(owner) = owner_of(site, headers) {
        return Some((owner, None));
    }
    let token = secret::new_token().ok()?;
    Some((format!("b{}", secret::token_hash(&token)), Some(token)))
}

/// `address` (a `Location` or `Referer`) as a path on this site: an absolute address of
/// another origin becomes `/`, so a form never sends the browser off the portal.
fn local(site: &Site, address: &str) -> String {
    let Some((scheme, rest)) = address.split_once("://") else {
        return if crate::i18n::is_local_path(address) { address.to_string() } else { "/".to_string() };
    };
    let (authority, path) = rest.find('/').map(|at| rest.split_at(at)).unwrap_or((rest, "/"));
    if site.is_own_origin(&format!("{scheme}://{authority}")) && crate::i18n::is_local_path(path) {
        path.to_string()
    } else {
        "/".to_string()
    }
}

/// Around server functions: for a plain form post (the browser asks for HTML) keeps what came
/// back when the function refused it or succeeded back on the same page (see above). The
/// address loses older marks (a second refusal would otherwise show the first error).
pub async fn keep_typed(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let headers = request.headers();
    let is_form =
        headers.get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/x-www-form-urlencoded"));
    let wants_html = headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let path = request.uri().path().to_string();
    if request.method() != Method::POST || !path.starts_with("/fn/") || !is_form || !wants_html {
        return next.run(request).await;
    }
    let Some((owner, new_cookie)) = owner_or_new(&state.site, headers) else { return next.run(request).await };
    let referer = headers.get(REFERER).and_then(|v| v.to_str().ok()).map(|r| without_marks(&local(&state.site, r)).0);
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response();
    };
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
    let Some(location) = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return response;
    };
    let refused = response.headers().contains_key(server_fn::error::SERVER_FN_ERROR_HEADER);
    let (mut clean, error) = without_marks(&local(&state.site, &location));
    let encoded_path = crate::text::url_encode(&path);
    let mark = match error {
        Some(error) if refused => {
            let decoded = serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("e={error}"))
                .ok()
                .and_then(|mut v| v.pop())
                .map(|(_, e)| e);
            state
                .kept
                .keep(&owner, &path, decoded, &bytes)
                .map(|token| format!("__path={encoded_path}&__err={error}&__kept={token}"))
        }
        // Back to the page the form was on (the server function chose no other page).
        None if !refused && referer.as_deref().map(page_of) == Some(page_of(&clean)) => {
            state.kept.keep(&owner, &path, None, &bytes).map(|token| format!("__done={encoded_path}&__kept={token}"))
        }
        _ => None,
    };
    if let Some(mark) = mark {
        clean.push(if clean.contains('?') { '&' } else { '?' });
        clean.push_str(&mark);
        // Back where the form is on the page, for its message.
        if let Some(at) = anchor_of(&bytes) {
            clean.push('#');
            clean.push_str(&at);
        }
        if let Some(token) = new_cookie {
            if let Ok(value) = HeaderValue::from_str(&state.site.cookie(BROWSER_COOKIE, &token, None)) {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
    }
    if let Ok(value) = HeaderValue::from_str(&clean) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// Where the language switch sends a browser that posted a half-filled form to it (`body`, the
/// fields of the form posting to `form`): back to `next` (a local path), marked so that the page
/// shows what was typed, neither refused nor saved, where the form is; and the browser cookie to
/// set when it had none. A form that shows nothing typed again goes back to `next` unmarked.
pub fn carry(
    state: &AppState,
    headers: &HeaderMap,
    form: &str,
    next: &str,
    body: &[u8],
) -> (String, Option<HeaderValue>) {
    let mut address = without_marks(next).0;
    if !keeps(form) {
        return (address, None);
    }
    let Some((owner, new_cookie)) = owner_or_new(&state.site, headers) else { return (address, None) };
    let Some(token) = state.kept.keep(&owner, form, None, body) else { return (address, None) };
    address.push(if address.contains('?') { '&' } else { '?' });
    address.push_str(&format!("__typed={}&__kept={token}", crate::text::url_encode(form)));
    if let Some(at) = anchor_of(body) {
        address.push('#');
        address.push_str(&at);
    }
    let cookie =
        new_cookie.and_then(|token| HeaderValue::from_str(&state.site.cookie(BROWSER_COOKIE, &token, None)).ok());
    (address, cookie)
}

/// Where a form that is not a server function's (a file upload) sends the browser back: the
/// page it came from, marked as `keep_typed` marks a server function's form, so that the page
/// shows `outcome` next to the form (`forms::last_result_at(path)`) with `pairs` (the item
/// posted), scrolled to `anchor`. Signed-in forms only: without a session nothing is kept.
pub fn come_back(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    outcome: Result<(), crate::error::AppError>,
    pairs: Vec<(String, String)>,
    anchor: &str,
) -> Response {
    let referer = headers.get(REFERER).and_then(|v| v.to_str().ok()).map(|r| without_marks(&local(&state.site, r)).0);
    let mut address = referer.unwrap_or_else(|| "/mine".to_string());
    let encoded_path = crate::text::url_encode(path);
    let error = outcome.err().map(|err| {
        let url = server_fn::error::ServerFnUrlError::new(path, err).to_url("http://portal/").ok();
        url.and_then(|u| u.query_pairs().find(|(k, _)| k == "__err").map(|(_, v)| v.into_owned())).unwrap_or_default()
    });
    let owner = owner_of(&state.site, headers);
    let token = owner.and_then(|owner| state.kept.keep_pairs(&owner, path, error.clone(), pairs));
    if let Some(token) = token {
        address.push(if address.contains('?') { '&' } else { '?' });
        match &error {
            Some(error) => address
                .push_str(&format!("__path={encoded_path}&__err={}&__kept={token}", crate::text::url_encode(error))),
            None => address.push_str(&format!("__done={encoded_path}&__kept={token}")),
        }
    }
    let plain_id = !anchor.is_empty()
        && anchor.len() <= 64
        && anchor.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if plain_id {
        address.push('#');
        address.push_str(anchor);
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(&address) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The form's `__at` field: the id of the part of the page to come back to.
fn anchor_of(body: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    let (_, at) = pairs.into_iter().find(|(name, _)| name == ANCHOR)?;
    (!at.is_empty() && at.len() <= 64 && at.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then_some(at)
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
        let (clean, error) =
            without_marks("http://h/a?q=t%C3%B4m&__path=%2Ffn%2Fx&__err=AAA&__kept=1&__path=%2Ffn%2Fx&__err=BBB");
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
    fn typed_values_are_kept_for_the_same_browser_and_form_without_secrets() {
        let kept = KeptForms::default();
        let token = kept
            .keep("s1", "/fn/sign_up", Some("E".into()), b"name=Lan&email=a%40b.vn&password=secret&__at=x")
            .unwrap();
        let back = kept.get(&token, "s1", "/fn/sign_up").unwrap();
        assert_eq!(
            back.pairs,
            vec![("name".to_string(), "Lan".to_string()), ("email".to_string(), "a@b.vn".to_string())]
        );
        assert_eq!(back.error.as_deref(), Some("E"));
        assert!(kept.get(&token, "b1", "/fn/sign_up").is_none(), "another browser");
        assert!(kept.get(&token, "s1", "/fn/sign_in").is_none(), "another form");
        assert!(kept.get("nope", "s1", "/fn/sign_up").is_none());
        let token = kept.keep("b1", "/fn/reset_password", Some("E".into()), b"token=abc&password=x").unwrap();
        assert!(kept.get(&token, "b1", "/fn/reset_password").unwrap().pairs.is_empty(), "no token, no password");
        let token = kept.keep("b1", "/fn/mark_inbox_read", None, b"x=1").unwrap();
        assert!(
            kept.get(&token, "b1", "/fn/mark_inbox_read").unwrap().pairs.is_empty(),
            "only forms that show values keep them"
        );
    }

    #[test]
    fn the_store_is_bounded_by_what_it_holds() {
        let kept = KeptForms::default();
        let big = format!("text[description]={}", "x".repeat(200 * 1024));
        let first = kept.keep("b", "/fn/save_listing", None, big.as_bytes()).unwrap();
        for _ in 0..60 {
            kept.keep("b", "/fn/save_listing", None, big.as_bytes()).unwrap();
        }
        assert!(kept.get(&first, "b", "/fn/save_listing").is_none());
        // Many empty fields cost their bookkeeping, not nothing.
        let empty = "=&".repeat(100_000);
        let token = kept.keep("b", "/fn/save_listing", None, empty.as_bytes()).unwrap();
        assert!(kept.get(&token, "b", "/fn/save_listing").unwrap().pairs.is_empty(), "too many fields: none kept");
        let total: usize = kept.entries.lock().unwrap().iter().map(|e| e.bytes).sum();
        assert!(total <= MAX_BYTES);
    }
}
