//! A listing not on the portal, seen at its own address by those who manage it: a draft never
//! published, one taken down, one an officer hid. Its page says it is a preview; everyone
//! else gets the same "not found" as for an address that never existed.

use super::repo::ListingRow;
use super::{rules, service};
use crate::accounts::model::User;
use crate::catalog::model::{Kind, Record};
use crate::db::Db;
use crate::error::AppError;

/// `kind`/`id` when it is not public: to those who speak for it, as they would publish it
/// (their draft, if one waits); to officers, as it was last published (never a draft). None
/// for anyone else.
/// `listing` is its row, already read.
pub async fn preview(
    db: &Db,
    viewer: Option<&User>,
    kind: Kind,
    id: &str,
    listing: Option<&ListingRow>,
) -> Result<Option<Record>, AppError> {
    let Some(user) = viewer else { return Ok(None) };
    if let Some(record) = service::stored(db, kind, id, listing).await? {
        if rules::speaks_for(user, listing.and_then(|l| l.owner), &record) {
            return Ok(Some(record));
        }
    }
    if !user.is_staff() {
        return Ok(None);
    }
    Ok(crate::catalog::repo::get_any(db, kind, id).await?.map(|(record, _)| record))
}
