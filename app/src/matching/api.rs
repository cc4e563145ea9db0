//! Server functions of matching: find partners for a described need, for a stored need, and
//! the other direction for an offer, lab, expert or call.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::model::{Match, MatchRequest};
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::i18n::Lang;

/// Partners for a need described in the "find partners" form.
#[server(prefix = "/fn", endpoint = "find_partners", input = Json)]
pub async fn find_partners(request: MatchRequest, lang: Lang) -> Result<Vec<Match>, AppError> {
    let state = crate::state::app_state()?;
    request.validate().map_err(AppError::BadRequest)?;
    super::service::for_request(&state, request, lang).await
}

/// Partners for a stored need, or what a stored offer, lab, expert or call could serve.
#[server(prefix = "/fn", endpoint = "record_matches", input = Json)]
pub async fn record_matches(kind: Kind, id: String, lang: Lang) -> Result<Vec<Match>, AppError> {
    let state = crate::state::app_state()?;
    super::service::for_record(&state, kind, &id, 12, lang).await
}
