//! The HTTP surface: pages and server functions from `app`, the JSON API, static files.

use app::app::{shell, App};
use app::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, Uri};
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;

/// The whole application, ready to serve or to test with `oneshot`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .merge(app::api_doc::routes())
        .route("/lang/{code}", get(app::i18n::switch_language).post(app::i18n::switch_language_keeping_form))
        // Where people guess the sign-in page is.
        .route("/login", get(|| async { axum::response::Redirect::permanent("/signin") }))
        .merge(app::catalog::http::routes())
        .merge(app::search::http::routes())
        .merge(app::matching::http::routes())
        .merge(app::opendata::http::routes())
        .merge(app::dashboard::http::routes())
        .nest_service("/pkg", assets(&state.leptos_options))
        .leptos_routes_with_context(&state, routes, || (), move || shell(options.clone()))
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::forms::kept::keep_typed))
        .layer(axum::extract::DefaultBodyLimit::max(crate::security::BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(crate::security::BODY_LIMIT))
        // Documents of applications, with a cap of their own (layers above wrap only the routes
        // added before them).
        .merge(app::applications::http::routes())
        .merge(app::service_requests::results::routes())
        .merge(app::imports::http::routes())
        .layer(axum::middleware::from_fn(crate::security::server_fn_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::security::guard))
        .layer(compression())
        .with_state(state)
}

/// Compresses what gains from it: not images and the like (tower-http's default), nor the
/// documents attached to applications, compressed inside already (PDF streams, and the zip of
/// Office Open XML and OpenDocument files): gzip would cost time and save nothing.
fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new("application/vnd.openxmlformats-officedocument"))
        .and(NotForContentType::const_new("application/vnd.oasis.opendocument"));
    CompressionLayer::new().compress_when(predicate)
}

/// The script, wasm and stylesheet: brotli or gzip copies when the build made them, and for
/// names carrying a content hash, a year in the browser's cache.
fn assets(options: &leptos::prelude::LeptosOptions) -> axum::routing::MethodRouter {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = tower_http::services::ServeDir::new(dir).precompressed_br().precompressed_gzip();
    axum::routing::get_service(files).layer(axum::middleware::from_fn(cache_assets))
}

async fn cache_assets(req: Request<Body>, next: axum::middleware::Next) -> Response {
    let hashed = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .and_then(|name| name.split('.').nth(1))
        .is_some_and(|part| part.len() == 16 && part.chars().all(|c| c.is_ascii_hexdigit()));
    let mut response = next.run(req).await;
    let policy =
        if hashed && response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static(policy));
    response
}

/// Unknown API paths answer JSON; anything else is a static file or the 404 page.
async fn fallback(uri: Uri, state: State<AppState>, req: Request<Body>) -> Response {
    if uri.path().starts_with("/api/") {
        return app::error::AppError::NotFound.into_response();
    }
    let context = state.0.clone();
    leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        move || leptos::prelude::provide_context(context.clone()),
        shell,
    )(uri, state, req)
    .await
}
