//! What a record's page says about its listing: when it was confirmed, whether it is
//! verified, and what the viewer may do with it.

use super::model::ListingMeta;
use super::{repo, rules};
use crate::accounts::model::User;
use crate::accounts::session::current_user;
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::state::app_state;

/// What the record's page shows about its listing.
/// Of a record that is not public (a draft, a hidden record) only its owner and officers learn
/// anything, even that it exists.
pub async fn meta(kind: Kind, id: &str) -> Result<ListingMeta, AppError> {
    let state = app_state()?;
    let user = current_user().await?;
    let record = crate::catalog::repo::get(&state.db, kind, id).await?;
    // The listing is read once: for who may learn of a record that is not public, and for
    // what the page says.
    let listing = repo::listing(&state.db, kind, id).await?;
    if record.is_none() {
        let owner = listing.as_ref().and_then(|l| l.owner);
        if !user.as_ref().is_some_and(|u| u.is_staff() || owner == Some(u.id)) {
            return Err(AppError::NotFound);
        }
    }
    Ok(meta_from(user.as_ref(), kind, listing.as_ref(), record.as_ref()))
}

/// What `meta` says, for a record and its listing already loaded.
pub fn meta_from(
    user: Option<&User>,
    kind: Kind,
    listing: Option<&repo::ListingRow>,
    record: Option<&Record>,
) -> ListingMeta {
    let mut meta = ListingMeta {
        confirmed_at: listing.as_ref().map(|l| l.confirmed_at.clone()),
        verified: listing.as_ref().is_some_and(|l| l.verified_at.is_some()),
        ..Default::default()
    };
    if let Some(user) = user {
        if let Some(record) = record {
            meta.editable = rules::may_edit(user, listing.and_then(|l| l.owner), record);
        }
        meta.can_verify = user.is_staff() && kind == Kind::Organization && !meta.verified;
        meta.can_moderate = user.is_staff();
    }
    meta
}
