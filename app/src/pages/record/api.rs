//! Everything a record's page shows, loaded at once: the record is read from the database one
//! time and handed to each domain that draws a box on its page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::accounts::model::User;
use crate::applications::model::Panel;
use crate::catalog::model::{Kind, RecordDetail};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::introductions::model::Setup;
use crate::listings::model::ListingMeta;
use crate::matching::model::Match;

/// Matches shown on a record's page at most.
pub const MATCHES_SHOWN: usize = 12;

/// A record's page: the record with its related records, what its listing bar says, the
/// application box of a call or pilot, who is looking, and the record's matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordPage {
    pub detail: RecordDetail,
    pub meta: ListingMeta,
    pub panel: Option<Panel>,
    pub viewer: Option<User>,
    /// What the viewer (signed in) may ask of the record, and what they asked.
    pub introduce: Option<Setup>,
    /// The matches, or why they could not be found (the rest of the page still shows).
    pub matches: Result<Vec<Match>, AppError>,
    /// Someone manages the record on the portal (and answers for it).
    pub managed: bool,
}

/// The record `kind`/`id` and every box of its page.
#[server(prefix = "/fn", endpoint = "record_page", input = Json)]
pub async fn load_record_page(kind: Kind, id: String, lang: Lang) -> Result<RecordPage, AppError> {
    let state = crate::state::app_state()?;
    let viewer = crate::accounts::session::current_user().await?;
    let listing = crate::listings::repo::listing(&state.db, kind, &id).await?;
    let (record, preview) = match crate::catalog::repo::get(&state.db, kind, &id).await? {
        Some(record) => (record, false),
        None => {
            let draft =
                crate::listings::preview::preview(&state.db, viewer.as_ref(), kind, &id, listing.as_ref()).await?;
            (draft.ok_or(AppError::NotFound)?, true)
        }
    };
    let mut meta = crate::listings::standing::meta_from(viewer.as_ref(), kind, listing.as_ref(), Some(&record));
    meta.preview = preview;
    // Nobody applies to, asks or is matched with what is not published.
    let (panel, matches, introduce) = match preview {
        true => (None, Ok(Vec::new()), None),
        false => {
            let owner = listing.as_ref().and_then(|l| l.owner);
            boxes(&state, viewer.as_ref(), &record, owner, lang).await?
        }
    };
    let detail = crate::catalog::detail::detail_of(&state.db, record, lang, crate::clock::today()).await?;
    let managed = listing.as_ref().is_some_and(|l| l.owner.is_some());
    Ok(RecordPage { detail, meta, panel, viewer, introduce, matches, managed })
}

/// The boxes of a published record's page: applications, matches, the introduction form.
#[cfg(feature = "ssr")]
async fn boxes(
    state: &crate::state::AppState,
    viewer: Option<&User>,
    record: &crate::catalog::model::Record,
    owner: Option<i64>,
    lang: Lang,
) -> Result<(Option<Panel>, Result<Vec<Match>, AppError>, Option<Setup>), AppError> {
    let kind = record.kind();
    // A box that fails leaves the rest of the page (as each box did when it loaded alone).
    let panel = match crate::applications::model::applicable(kind) {
        true => crate::applications::eligibility::panel(state, viewer, record, lang)
            .await
            .inspect_err(|err| tracing::warn!("applications of {}/{}: {err}", kind.code(), record.id()))
            .ok(),
        false => None,
    };
    let matches = match crate::matching::model::has_matches(kind) {
        true => crate::matching::service::for_loaded(state, record, MATCHES_SHOWN, lang).await,
        false => Ok(Vec::new()),
    };
    let introduce = match viewer {
        Some(user) => crate::introductions::service::setup(&state.db, user, record, owner, lang).await?,
        None => None,
    };
    Ok((panel, matches, introduce))
}
