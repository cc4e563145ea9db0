//! Owners take what they published down (back among their drafts, with why) and delete drafts
//! never published. An organization's profile is not taken down this way: its members, labs
//! and experts hang on it, so only an officer hides it.

use super::model::Withdrawal;
use super::{repo, rules};
use crate::accounts::session::require_user;
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::i18n::request_lang;
use crate::state::app_state;

/// Takes the published `kind`/`id` down for `why` (a `Withdrawal` code).
pub async fn withdraw(kind: Kind, id: &str, why: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let lang = request_lang();
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let listing = repo::listing(&mut *tx, kind, id).await?;
    let (record, _) = crate::catalog::repo::get_any(&mut *tx, kind, id).await?.ok_or(AppError::NotFound)?;
    if !rules::may_edit(&user, listing.as_ref().and_then(|l| l.owner), &record) {
        return Err(AppError::Forbidden);
    }
    let why = Withdrawal::from_code(why).ok_or_else(|| {
        AppError::BadRequest(lang.pick("Hãy chọn lý do gỡ xuống.", "Choose why you take it down.").into())
    })?;
    if kind == Kind::Organization || listing.is_none() {
        return Err(AppError::BadRequest(
            lang.pick(
                "Hồ sơ này không gỡ xuống được ở đây; hãy liên hệ Sở.",
                "This listing cannot be taken down here; contact the province office.",
            )
            .into(),
        ));
    }
    if listing.as_ref().is_some_and(|l| l.withdrawn.is_some()) {
        return Ok(()); // Already taken down.
    }
    repo::withdraw(&mut tx, &record, why).await?;
    tx.commit().await?;
    crate::search::index::sync(&state.db, &state.search).await?;
    Ok(())
}

/// Deletes `kind`/`id`, a draft never published.
pub async fn delete_draft(kind: Kind, id: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let listing = repo::listing(&mut *tx, kind, id).await?.ok_or(AppError::NotFound)?;
    let record = super::service::stored(&mut *tx, kind, id, Some(&listing)).await?.ok_or(AppError::NotFound)?;
    if !rules::may_edit(&user, listing.owner, &record) {
        return Err(AppError::Forbidden);
    }
    if !repo::delete_draft(&mut tx, kind, id).await? {
        let lang = request_lang();
        return Err(AppError::BadRequest(
            lang.pick(
                "Chỉ xóa được bản nháp chưa từng đăng; hồ sơ đã đăng thì gỡ xuống.",
                "Only a draft never published can be deleted; take a published listing down instead.",
            )
            .into(),
        ));
    }
    tx.commit().await?;
    Ok(())
}
