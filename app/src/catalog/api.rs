//! Server functions of the catalogue: lists, record pages and the home page overview.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use super::model::{Card, CardPage, Kind, ListFilter, RecordDetail};
use crate::error::AppError;
use crate::i18n::Lang;

/// What the home page shows: counts and the newest listings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub counts: Vec<(Kind, u64)>,
    /// Open calls, soonest deadline first.
    pub calls: Vec<Card>,
    pub offers: Vec<Card>,
    /// Pilots accepting applications.
    pub pilots: Vec<Card>,
}

/// One page of records of `kind` matching `filter`, with filter counts.
#[server(prefix = "/fn", endpoint = "list_cards", input = Json)]
pub async fn list_cards(kind: Kind, filter: ListFilter, lang: Lang) -> Result<CardPage, AppError> {
    use super::repo;
    let state = crate::state::app_state()?;
    let today = crate::clock::today();
    // Kept until the catalogue changes: every stored change moves the index's revision.
    let revision = state.search.revision() as u64;
    let key = format!("{}?{}|{}|{today}", kind.code(), filter.query_string(filter.page), lang.code());
    if let Some(page) = state.lists.get(revision, &key) {
        return Ok(CardPage::clone(&page));
    }
    let (total, listed) = repo::list(&state.db, kind, &filter, today).await?;
    let facets: Vec<_> = std::iter::once(super::model::Facet::Sector).chain(kind.filters().iter().copied()).collect();
    let facet_counts = repo::facet_counts(&state.db, kind, &filter, &facets).await?;
    let cards = listed.iter().map(|l| l.record.card(lang, today, l.parent_title(lang))).collect();
    let page = CardPage { total, page: filter.page.max(1), cards, facet_counts };
    state.lists.put(revision, key, std::sync::Arc::new(page.clone()));
    Ok(page)
}

/// A record with everything related to it.
#[server(prefix = "/fn", endpoint = "get_record", input = Json)]
pub async fn get_record(kind: Kind, id: String, lang: Lang) -> Result<RecordDetail, AppError> {
    let state = crate::state::app_state()?;
    super::detail::record_detail(&state.db, kind, &id, lang, crate::clock::today()).await
}

/// The counts and newest listings of the home page.
#[server(prefix = "/fn", endpoint = "overview", input = Json)]
pub async fn home_overview(lang: Lang) -> Result<Overview, AppError> {
    use super::model::Facet;
    use super::repo;
    let state = crate::state::app_state()?;
    let today = crate::clock::today();
    let cards = |listed: Vec<repo::Listed>| -> Vec<Card> {
        listed.iter().map(|l| l.record.card(lang, today, l.parent_title(lang))).collect()
    };
    let (_, calls) = repo::list(&state.db, Kind::Call, &ListFilter::only(Facet::CallStatus, "open"), today).await?;
    Ok(Overview {
        counts: repo::counts(&state.db).await?,
        calls: cards(calls.into_iter().take(4).collect()),
        offers: cards(repo::newest(&state.db, Kind::Offer, &ListFilter::default(), 4).await?),
        pilots: cards(
            repo::newest(&state.db, Kind::Pilot, &ListFilter::only(Facet::PilotStatus, "accepting"), 4).await?,
        ),
    })
}
