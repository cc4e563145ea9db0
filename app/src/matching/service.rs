//! Matching for the server functions and the JSON API alike: load what is matched, run the
//! matcher on a blocking thread.

use super::matcher::{find, need_query, reverse_query, MatchQuery};
use super::model::{Match, MatchRequest};
use super::score::NeedProfile;
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

async fn run(state: &AppState, query: MatchQuery, limit: usize, lang: Lang) -> Result<Vec<Match>, AppError> {
    let index = state.search.clone();
    let today = crate::clock::today();
    tokio::task::spawn_blocking(move || find(&index, &query, limit, lang, today)).await.map_err(AppError::internal)?
}

/// Partners for a need that is not stored.
pub async fn for_request(state: &AppState, request: MatchRequest, lang: Lang) -> Result<Vec<Match>, AppError> {
    let profile = NeedProfile { sectors: request.sectors.clone(), trl_min: request.trl_min };
    let query = need_query(&request.title, &request.description, profile, request.kinds());
    run(state, query, request.limit(), lang).await
}

/// Partners for a stored need; for other kinds, what they could serve.
pub async fn for_record(
    state: &AppState,
    kind: Kind,
    id: &str,
    limit: usize,
    lang: Lang,
) -> Result<Vec<Match>, AppError> {
    let record = crate::catalog::repo::get(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    for_loaded(state, &record, limit, lang).await
}

/// What `for_record` finds, for a record already loaded.
pub async fn for_loaded(state: &AppState, record: &Record, limit: usize, lang: Lang) -> Result<Vec<Match>, AppError> {
    match record {
        Record::Need(need) => {
            let request = MatchRequest {
                title: need.title.clone(),
                description: need.description.clone(),
                sectors: need.sectors.clone(),
                partner_types: need.partner_types.clone(),
                trl_min: need.trl_min,
                limit: Some(limit),
            };
            for_request(state, request, lang).await
        }
        other => match reverse_query(other) {
            Some(query) => run(state, query, limit, lang).await,
            None => Ok(Vec::new()),
        },
    }
}
