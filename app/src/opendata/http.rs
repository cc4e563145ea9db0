//! The open-data routes: `/{kinds}.csv`, `/feeds/{topic}.atom`, `/sitemap.xml`,
//! `/sitemaps/{file}` and `/robots.txt`.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::Topic;
use crate::catalog::model::{Kind, ListFilter};
use crate::error::AppError;
use crate::query::QueryPairs;
use crate::state::AppState;
use crate::vocab::Sector;

pub fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/feeds/{file}", get(feed))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemaps/{file}", get(sitemap_file))
        .route("/robots.txt", get(robots));
    for &kind in Kind::ALL {
        router = router.route(
            &format!("{}.csv", kind.path()),
            get(move |state: State<AppState>, query: QueryPairs| csv(state, kind, query)),
        );
    }
    router
}

/// `GET /{kinds}.csv`: the list with the filters of its page (same parameters), every row.
async fn csv(State(state): State<AppState>, kind: Kind, pairs: QueryPairs) -> Result<Response, AppError> {
    let filter = ListFilter::from_query(kind, |key| pairs.values(key).map(str::to_string).collect());
    let records = crate::catalog::repo::list_all(&state.db, kind, &filter, crate::clock::today()).await?;
    let body = super::csv::write(kind, &records, state.site.origin()).map_err(AppError::internal)?;
    let name = format!("attachment; filename=\"{}.csv\"", kind.path().trim_start_matches('/'));
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, name)], body)
        .into_response())
}

/// `GET /feeds/{calls|pilots|offers}.atom[?sector=…][&lang=vi|en]`.
async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    pairs: QueryPairs,
) -> Result<Response, AppError> {
    let topic = Topic::ALL.into_iter().find(|t| t.file() == file).ok_or(AppError::NotFound)?;
    let sector =
        match pairs.first("sector") {
            Some(code) => Some(Sector::from_code(code).ok_or_else(|| {
                AppError::BadRequest(format!("unknown sector \"{code}\"; see vocab.md for the codes"))
            })?),
            None => None,
        };
    // A feed's address names its language (a reader's Accept-Language does not change what a
    // subscribed address holds): Vietnamese unless `lang=en`.
    let lang = pairs.lang()?.unwrap_or(crate::i18n::Lang::Vi);
    let xml = super::feeds::feed(&state.db, topic, sector, lang, state.site.origin(), crate::clock::today()).await?;
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response())
}

async fn sitemap_index(State(state): State<AppState>) -> Result<Response, AppError> {
    let xml = super::sitemap::index(&state.db, state.site.origin()).await?;
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response())
}

async fn sitemap_file(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, AppError> {
    let xml = super::sitemap::file(&state.db, state.site.origin(), &file).await?.ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response())
}

async fn robots(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], super::sitemap::robots(state.site.origin())).into_response()
}
