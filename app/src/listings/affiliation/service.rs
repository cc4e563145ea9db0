//! Affiliation requests behind the server functions: who is asked, who answers, what an
//! answer publishes, who is told.

use super::{answers, repo, with_organization, Affiliations};
use crate::accounts::model::{Role, User};
use crate::accounts::session::require_user;
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::inbox::model::News;
use crate::state::{app_state, AppState};

/// Tells the people of `organization` and the officers that `user` names it on `record`.
pub async fn announce(state: &AppState, user: &User, record: &Record, organization: &str) -> Result<(), AppError> {
    let mut people = crate::listings::repo::members_of(&state.db, organization).await?;
    for role in [Role::Officer, Role::Admin] {
        people.extend(crate::accounts::repo::holders(&state.db, role).await?);
    }
    people.sort_unstable();
    people.dedup();
    people.retain(|id| *id != user.id);
    let org = organization_title(state, organization).await?;
    let title = record.entry().title().base;
    let news = News {
        topic: "affiliation",
        vi: format!("{} ghi \"{title}\" thuộc {org}: hãy xác nhận hoặc từ chối", user.name),
        en: format!("{} says \"{title}\" belongs to {org}: confirm or decline", user.name),
        link: "/mine#affiliations".into(),
    };
    crate::inbox::repo::notify(&state.db, &people, &news).await
}

async fn organization_title(state: &AppState, id: &str) -> Result<String, AppError> {
    let titles = crate::catalog::repo::titles(&state.db, Kind::Organization, id).await?;
    Ok(titles.map_or_else(|| id.to_string(), |t| t.base))
}

/// The requests the person signed in answers, and their own.
pub async fn list() -> Result<Affiliations, AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let to_answer = if user.is_staff() {
        repo::list(&state.db, None, None).await?
    } else if let Some(org) = &user.organization {
        let mut asked = repo::list(&state.db, None, Some(org)).await?;
        for request in &mut asked {
            request.requester_email = None;
        }
        asked
    } else {
        Vec::new()
    };
    let mine = repo::list(&state.db, Some(user.id), None).await?;
    Ok(Affiliations { to_answer, mine })
}

/// Confirms or declines a request. Confirming moves the profile to the organization and, if its
/// author asked to publish it, publishes it; nothing else of the profile changes.
pub async fn answer(id: i64, accept: bool) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    // Everything is read inside the transaction that answers: a profile saved meanwhile, or a
    // request replaced by one naming another organization, is never answered from stale rows.
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let request = repo::take(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !answers(&user, &request.organization) {
        return Err(AppError::Forbidden);
    }
    let kind = Kind::from_code(&request.kind).ok_or(AppError::NotFound)?;
    let listing = crate::listings::repo::listing(&mut *tx, kind, &request.record_id).await?;
    let was_draft = listing.as_ref().is_some_and(|l| l.draft.is_some());
    let record = crate::listings::service::stored(&mut *tx, kind, &request.record_id, listing.as_ref())
        .await?
        .ok_or(AppError::NotFound)?;
    let record = with_organization(record, Some(request.organization.clone()));
    let published = accept && (request.publish || !was_draft);
    if accept {
        if !crate::catalog::repo::exists(&mut tx, Kind::Organization, &request.organization).await? {
            return Err(AppError::Conflict("the organization is no longer listed".into()));
        }
        if published {
            crate::listings::repo::publish(&mut tx, &record, request.requester, user.is_staff()).await?;
        } else {
            crate::listings::repo::save_draft(&mut tx, &record, request.requester).await?;
        }
        crate::listings::repo::settle_affiliation(&mut tx, kind, &request.record_id, &request.organization).await?;
    }
    tx.commit().await?;

    let target = format!("{}/{}", kind.code(), request.record_id);
    let action = if accept { "accept_affiliation" } else { "decline_affiliation" };
    crate::accounts::repo::audit(&state.db, user.id, action, &target, &request.organization).await?;
    let org = organization_title(&state, &request.organization).await?;
    let title = record.entry().title().base;
    let href = format!("{}/{}", kind.path(), request.record_id);
    let (vi, en, link) = if published {
        (
            format!("{org} đã xác nhận \"{title}\" thuộc tổ chức; hồ sơ đã được đăng."),
            format!("{org} confirmed that \"{title}\" belongs to it; the profile is published."),
            href,
        )
    } else if accept {
        (
            format!("{org} đã xác nhận \"{title}\" thuộc tổ chức. Hồ sơ vẫn là bản nháp: hãy đăng khi sẵn sàng."),
            format!("{org} confirmed that \"{title}\" belongs to it. The profile is still your draft: publish it when ready."),
            format!("{href}/edit"),
        )
    } else {
        (
            format!("{org} không xác nhận \"{title}\" thuộc tổ chức. Hãy sửa tên tổ chức hoặc liên hệ họ."),
            format!("{org} did not confirm that \"{title}\" belongs to it. Correct the organization or contact them."),
            format!("{href}/edit"),
        )
    };
    let news = News { topic: "affiliation", vi, en, link };
    crate::inbox::repo::notify(&state.db, &[request.requester], &news).await?;
    if published {
        crate::search::index::sync(&state.db, &state.search).await?;
        if was_draft {
            crate::listings::notify::new_listing(&state, &record).await?;
        }
    }
    Ok(())
}
