//! The HTTP surface: pages and server functions from `app`, the JSON API, static files.

use app::app::{shell, App};
use app::state::AppState;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::body::Body;
use axum::http::{Request, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;

/// The whole application, ready to serve or to test with `oneshot`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .merge(app::api_doc::routes())
        .route("/lang/{code}", get(app::i18n::switch_language))
        .merge(app::catalog::http::routes())
        .merge(app::search::http::routes())
        .merge(app::matching::http::routes())
        .merge(app::opendata::http::routes())
        .leptos_routes_with_context(&state, routes, || (), move || shell(options.clone()))
        .fallback(fallback)
        .layer(axum::extract::DefaultBodyLimit::max(crate::security::BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(crate::security::BODY_LIMIT))
        .layer(axum::middleware::from_fn(crate::security::server_fn_status))
        .layer(axum::middleware::from_fn(crate::security::guard))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Unknown API paths answer JSON; anything else is a static file or the 404 page.
async fn fallback(uri: Uri, state: State<AppState>, req: Request<Body>) -> Response {
    if uri.path().starts_with("/api/") {
        return app::error::AppError::NotFound.into_response();
    }
    let context = state.0.clone();
    leptos_axum::file_and_error_handler_with_context::<AppState, _>(move || leptos::prelude::provide_context(context.clone()), shell)(uri, state, req).await
}
