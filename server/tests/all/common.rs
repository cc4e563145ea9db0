//! What the tests share: a portal on an in-memory database (empty, or with the small fixture
//! or the demo catalogue), requests through `router(state).oneshot`, and people signed in.

use std::io::Read;
use std::sync::Arc;

use app::catalog::import::import_text;
use app::search::index::{sync, SearchIndex};
use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const SMALL: &str = include_str!("../fixtures/small.jsonl");
pub const DEMO: &str = include_str!("../../demo/catalogue.jsonl");

/// A portal with the small fixture catalogue, indexed.
pub async fn small_state() -> AppState {
    state_with(SMALL).await
}

/// A portal with the demo catalogue, indexed.
pub async fn demo_state() -> AppState {
    state_with(DEMO).await
}

/// A portal with nothing in it.
pub async fn empty_state() -> AppState {
    let db = app::db::connect_in_memory().await.unwrap();
    let search = Arc::new(SearchIndex::in_ram().unwrap());
    let options = leptos::prelude::LeptosOptions::builder().output_name("kh-innovation").build();
    AppState::new(db, search, options).with_site(site(""))
}

async fn state_with(catalogue: &str) -> AppState {
    let state = empty_state().await;
    let report = import_text(&state.db, catalogue, &|_, _| {}).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    sync(&state.db, &state.search).await.unwrap();
    state
}

/// The tests' portal: public at `http://portal.example`, listening on 127.0.0.1:3000, trusting
/// the proxies of `trusted_proxies`.
pub fn site(trusted_proxies: &str) -> app::site::Site {
    app::site::Site::new(Some("http://portal.example"), "127.0.0.1:3000".parse().unwrap(), trusted_proxies).unwrap()
}

/// The socket address requests come from unless a test says otherwise.
pub const PEER: &str = "192.0.2.10:50000";

/// One request at a time, across every test of the binary: building the router renders the
/// app to list its routes, and page renders in parallel test runtimes share Leptos's global
/// executor, where they can stall each other. Serialized, the tests are deterministic.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The turn a test takes to send requests of its own, at once, through the router.
pub async fn turn() -> tokio::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().await
}

/// Sends one request; answers status, headers and body.
pub async fn send(
    state: &AppState,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: String,
) -> (StatusCode, HeaderMap, String) {
    send_from(state, PEER, method, uri, headers, body).await
}

/// `send` with a body of bytes (a file upload).
pub async fn send_bytes(
    state: &AppState,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (StatusCode, HeaderMap, String) {
    send_from(state, PEER, method, uri, headers, body).await
}

/// A `GET` of `uri` with `headers`.
pub async fn get(state: &AppState, uri: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, String) {
    send(state, Method::GET, uri, headers, String::new()).await
}

/// Sends one request over a socket from `peer` (`address:port`).
pub async fn send_from(
    state: &AppState,
    peer: &str,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: impl Into<Body>,
) -> (StatusCode, HeaderMap, String) {
    let _turn = turn().await;
    let peer: std::net::SocketAddr = peer.parse().unwrap();
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (status, headers, body) = exchange(state, peer, request.body(body.into()).unwrap()).await;
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// Sends `request` from `peer` (`address:port`); answers status, headers and the body's bytes
/// as sent, read to their end.
async fn exchange(
    state: &AppState,
    peer: std::net::SocketAddr,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, Bytes) {
    let mut request = request;
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    let response = server::router::router(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, body)
}

/// A `GET` of `uri` that accepts `encodings` (as `Accept-Encoding`): status, headers and the
/// body decoded as its `Content-Encoding` says. A compressed stream cut short fails here.
pub async fn get_encoded(state: &AppState, uri: &str, encodings: &str) -> (StatusCode, HeaderMap, String) {
    let _turn = turn().await;
    let request = Request::get(uri).header("host", "portal.example").header("accept-encoding", encodings);
    let (status, headers, body) = exchange(state, PEER.parse().unwrap(), request.body(Body::empty()).unwrap()).await;
    let mut text = String::new();
    let coding = headers.get("content-encoding").map(|v| v.to_str().unwrap().to_string());
    let read = match coding.as_deref() {
        None => std::str::from_utf8(&body).map(|s| text.push_str(s)).map_err(std::io::Error::other),
        Some("gzip") => flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text).map(drop),
        Some("br") => brotli_decompressor::Decompressor::new(&body[..], 4096).read_to_string(&mut text).map(drop),
        Some(other) => panic!("{uri}: an encoding not asked for: {other}"),
    };
    read.unwrap_or_else(|err| panic!("{uri} as {coding:?} ({} bytes): {err}", body.len()));
    (status, headers, text)
}

/// `application/x-www-form-urlencoded` of `pairs`.
pub fn form(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

/// The `Origin` a browser on the tests' portal sends.
pub const ORIGIN: &str = "http://portal.example";

/// Posts a form to a server function as `cookie` (empty: anonymous), the way a page of the
/// portal does (the site's own `Origin`).
pub async fn call(
    state: &AppState,
    endpoint: &str,
    cookie: &str,
    pairs: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let with_cookie = [("cookie", cookie)];
    let extra: &[(&str, &str)] = if cookie.is_empty() { &[] } else { &with_cookie };
    call_from(state, PEER, endpoint, extra, pairs).await
}

/// `call` over a socket from `peer` (`address:port`), with `extra` headers (a cookie, a
/// language, a forwarded address).
pub async fn call_from(
    state: &AppState,
    peer: &str,
    endpoint: &str,
    extra: &[(&str, &str)],
    pairs: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let origin = state.site.origin().to_string();
    let mut headers = vec![
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "application/json"),
        ("origin", origin.as_str()),
    ];
    headers.extend_from_slice(extra);
    send_from(state, peer, Method::POST, &format!("/fn/{endpoint}"), &headers, form(pairs)).await
}

/// Someone with an account and a session; `cookie` is empty for an anonymous visitor.
#[derive(Clone)]
pub struct Person {
    pub name: &'static str,
    pub cookie: String,
}

/// Creates `name@example.vn` with `roles` (in `organization`) and a session.
pub async fn person(
    state: &AppState,
    name: &'static str,
    roles: &[app::accounts::model::Role],
    organization: Option<&str>,
) -> Person {
    use app::accounts::{repo, secret};
    let email = format!("{name}@example.vn");
    let id = repo::create_user(&state.db, &email, name, "no password", roles).await.unwrap();
    repo::set_organization(&state.db, id, organization).await.unwrap();
    let token = secret::new_token().unwrap();
    repo::create_session(&state.db, &secret::token_hash(&token), id, 3600).await.unwrap();
    Person { name, cookie: format!("kh_session={token}") }
}
