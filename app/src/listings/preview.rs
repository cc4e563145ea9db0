//! A listing not on the portal, seen at its own address by those who manage it: a draft never
//! published, one taken down, one an officer hid. Its page says it is a preview; everyone
//! else gets the same "not found" as for an address that never existed.

use super::{repo, rules, service};
use crate::accounts::model::User;
use crate::catalog::model::{Kind, Record};
use crate::db::Db;
use crate::error::AppError;

/// `kind`/`id` as `viewer` would publish it (its draft, if one waits), when it is not public
/// and the viewer speaks for it; officers also see what was once published. None otherwise.
pub async fn preview(db: &Db, viewer: Option<&User>, kind: Kind, id: &str) -> Result<Option<Record>, AppError> {
    let Some(user) = viewer else { return Ok(None) };
    let Some(listing) = repo::listing(db, kind, id).await? else { return Ok(None) };
    let Some(record) = service::stored(db, kind, id, Some(&listing)).await? else { return Ok(None) };
    let may = rules::speaks_for(user, listing.owner, &record)
        || (user.is_staff() && crate::catalog::repo::get_any(db, kind, id).await?.is_some());
    Ok(may.then_some(record))
}
