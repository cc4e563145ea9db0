//! Publishing, behind the server functions: who may save what, drafts, references, the
//! search index, and the notifications a new call or pilot sends.

use super::build::Completeness;
use super::model::{Editing, ListingForm};
use super::{affiliation, build, repo, rules};
use crate::accounts::model::User;
use crate::accounts::session::require_user;
use crate::catalog::model::{Kind, Record};
use crate::error::{AppError, FieldError};
use crate::i18n::{request_lang, Lang};
use crate::state::app_state;

/// The record as it is now: published, or its owner's draft.
pub(crate) async fn stored<'c>(
    db: impl sqlx::SqliteExecutor<'c>,
    kind: Kind,
    id: &str,
    listing: Option<&repo::ListingRow>,
) -> Result<Option<Record>, AppError> {
    if let Some(draft) = listing.and_then(|l| l.draft.as_deref()) {
        return serde_json::from_str(draft).map(Some).map_err(AppError::internal);
    }
    Ok(crate::catalog::repo::get_any(db, kind, id).await?.map(|(record, _)| record))
}

/// What the server answers someone who may not create a record, for `why`; `drafted`: their
/// organization's profile is a draft.
fn refuse(lang: Lang, why: rules::CannotCreate, drafted: bool) -> AppError {
    let message = match why {
        rules::CannotCreate::NoOrganization if drafted => lang.pick(
            "Hồ sơ tổ chức của bạn còn là bản nháp: hãy đăng nó trước (trang Hồ sơ và hoạt động của tôi).",
            "Your organization's profile is still a draft: publish it first (My listings and activity).",
        ),
        rules::CannotCreate::NoOrganization => lang.pick(
            "Hãy tạo hồ sơ tổ chức của bạn trước (trang Tài khoản).",
            "Create your organization's profile first (Account page).",
        ),
        rules::CannotCreate::HasOrganization(_) => {
            lang.pick("Bạn đã thuộc một tổ chức.", "You already belong to an organization.")
        }
        rules::CannotCreate::NotForThisAccount => return AppError::Forbidden,
    };
    AppError::BadRequest(message.into())
}

/// Saves a submitted form; returns the page to go to.
pub async fn save(mut form: ListingForm) -> Result<String, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let kind = Kind::from_code(&form.kind).ok_or_else(|| AppError::BadRequest("unknown kind".into()))?;
    // The form's two buttons (a form sent with Enter, without a button, publishes).
    let draft = match form.save.as_str() {
        "" | "publish" => false,
        "draft" => true,
        _ => return Err(AppError::BadRequest("save must be publish or draft".into())),
    };
    let editing = Some(form.id.trim().to_string()).filter(|id| !id.is_empty());
    // IMMEDIATE, and everything read inside: two submissions at once wait for each other
    // instead of failing to upgrade; a save never works from rows an answer to its affiliation
    // request changed meanwhile; and a new record's id is chosen inside, so two people
    // publishing the same title at the same moment get two records.
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let (id, current, listing) = match editing {
        Some(id) => {
            let listing = repo::listing(&mut *tx, kind, &id).await?;
            let current = stored(&mut *tx, kind, &id, listing.as_ref()).await?.ok_or(AppError::NotFound)?;
            if !rules::may_edit(&user, listing.as_ref().and_then(|l| l.owner), &current) {
                return Err(AppError::Forbidden);
            }
            (id, Some(current), listing)
        }
        None => {
            if let Some(why) = rules::cannot_create(&user, kind) {
                let drafted = repo::drafts_organization(&mut *tx, user.id).await?;
                return Err(refuse(lang, why, drafted));
            }
            // The id is chosen in the transaction below; this one only names the record's checks.
            (slug_of(kind, &form), None, None)
        }
    };
    pin_ownership(&user, kind, current.as_ref(), &mut form);
    let was_draft = current.is_none() || listing.as_ref().is_some_and(|l| l.draft.is_some());
    // A draft stays one (saving "draft" over a published record publishes it, see below), and
    // takes what the person has so far: only its name and well-formed values are needed.
    let keep_draft = draft && was_draft;
    let completeness = if keep_draft { Completeness::Draft } else { Completeness::Whole };
    let unresolved = super::references::resolve(&mut tx, kind, &mut form, lang).await?;
    let mut record = match build::record_from_form(kind, &id, &form, completeness, lang) {
        Ok(record) if unresolved.is_empty() => record,
        Ok(_) => return Err(AppError::Validation(unresolved)),
        // Every problem at once: the names that found nothing, and the rest of the form's.
        Err(AppError::Validation(more)) => {
            let rest: Vec<_> = more.into_iter().filter(|e| !unresolved.iter().any(|u| u.field == e.field)).collect();
            return Err(AppError::Validation(unresolved.into_iter().chain(rest).collect()));
        }
        Err(err) => return Err(err),
    };
    // What the form does not show (a lab's priced services, say) stays as it was.
    if let Some(stored) = &current {
        record = build::with_unformed(record, stored, &form);
    }
    check_references(&mut tx, &record, lang).await?;
    check_owners(&mut tx, &user, &record, lang).await?;
    // A lab or expert naming another organization waits for it to confirm (`affiliation`).
    // A record is either published or a draft, never both: without a draft, `current` is public.
    let published = current.clone().filter(|_| listing.as_ref().is_none_or(|l| l.draft.is_none()));
    let settled = published
        .as_ref()
        .and_then(affiliation::organization_of)
        .map(String::from)
        .or_else(|| listing.as_ref().and_then(|l| l.affiliation.clone()));
    let claim = affiliation::claimed(&user, &record, settled.as_deref());

    let id = match current {
        Some(_) => id,
        None => {
            let free = unique_id(&mut tx, kind, &id).await?;
            if free != id {
                record = build::record_from_form(kind, &free, &form, completeness, lang)?;
            }
            free
        }
    };
    // Whom to tell: nobody when the same organization was already asked.
    let mut asked = None;
    if let Some(org) = &claim {
        // Until then a published profile keeps the organization it had; a new one stays a draft.
        if let Some(published) = &published {
            record = affiliation::with_organization(record, affiliation::organization_of(published).map(String::from));
        }
        if affiliation::repo::request(&mut tx, kind, &id, org, user.id, !keep_draft).await? {
            asked = Some(org);
        }
    } else if matches!(kind, Kind::Lab | Kind::Expert) {
        // The author named their own or the confirmed organization: nothing left to ask. An
        // officer's edit leaves a request for the organization it names to be answered (one for
        // another would undo the officer's choice when confirmed; with none named, none stays).
        let keep = if user.is_staff() { affiliation::organization_of(&record) } else { None };
        affiliation::repo::withdraw(&mut tx, kind, &id, keep).await?;
    }
    if keep_draft || (claim.is_some() && published.is_none()) {
        repo::save_draft(&mut tx, &record, user.id).await?;
        tx.commit().await?;
        if let Some(org) = asked {
            affiliation::service::announce(&state, &user, &record, org).await?;
        }
        return Ok(if claim.is_some() { "/mine#affiliations" } else { "/mine" }.into());
    }
    let past = build::past_dates(&record, crate::clock::today(), lang);
    if !past.is_empty() {
        return Err(AppError::Validation(past));
    }
    let shown = repo::publish(&mut tx, &record, user.id, user.is_staff()).await?;
    tx.commit().await?;
    if let Some(org) = asked {
        affiliation::service::announce(&state, &user, &record, org).await?;
    }
    // The person's own organization, once published (first as a draft or not): they belong to it.
    if kind == Kind::Organization && was_draft && !user.is_staff() && user.organization.is_none() {
        crate::accounts::repo::set_organization(&state.db, user.id, Some(&id)).await?;
    }
    if user.is_staff() {
        crate::accounts::repo::audit(&state.db, user.id, &format!("publish_{}", kind.code()), &id, "").await?;
    }
    crate::search::index::sync(&state.db, &state.search).await?;
    // What is not public announces nothing (and has no matches to tell of).
    if was_draft && shown {
        super::notify::new_listing(&state, &record).await?;
    }
    if claim.is_some() {
        return Ok("/mine#affiliations".into());
    }
    // Saved but not public (an officer hid it, or its organization): "my listings" says why.
    if !shown {
        return Ok("/mine#listings".into());
    }
    Ok(format!("{}/{}", kind.path(), id))
}

/// Fields that say whose a record is cannot be changed by its form, except by officers: a
/// member's need is their organization's, an organization's profile keeps its id.
fn pin_ownership(user: &User, kind: Kind, current: Option<&Record>, form: &mut ListingForm) {
    if user.is_staff() {
        return;
    }
    let org = match current {
        Some(Record::Need(need)) => Some(need.organization.clone()),
        _ => user.organization.clone(),
    };
    let Some(org) = org else { return };
    match kind {
        Kind::Need => {
            form.text.insert("organization".into(), org);
        }
        Kind::Offer
            if current.is_none()
                && ["owner_org", "owner_lab", "owner_expert"]
                    .iter()
                    .all(|f| form.text.get(*f).is_none_or(|v| v.trim().is_empty())) =>
        {
            form.text.insert("owner_org".into(), org);
        }
        Kind::Lab | Kind::Expert if form.text.get("organization").is_none_or(|v| v.trim().is_empty()) => {
            form.text.insert("organization".into(), org);
        }
        _ => {}
    }
}

/// The id a new record's title suggests.
fn slug_of(kind: Kind, form: &ListingForm) -> String {
    let title = ["name", "title"].iter().find_map(|f| form.text.get(*f)).map(String::as_str).unwrap_or("");
    rules::slug(title, kind)
}

/// `base`, or `base-2`, `base-3`…: the first id not used yet (inside the publishing transaction).
async fn unique_id(conn: &mut sqlx::SqliteConnection, kind: Kind, base: &str) -> Result<String, AppError> {
    for n in 1..1000 {
        let candidate = if n == 1 { base.to_string() } else { format!("{base}-{n}") };
        if !repo::id_taken(&mut *conn, kind, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(AppError::Conflict("no free id".into()))
}

/// Every record `record` refers to must be published.
async fn check_references(conn: &mut sqlx::SqliteConnection, record: &Record, lang: Lang) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for link in record.entry().links() {
        if !crate::catalog::repo::exists(&mut *conn, link.kind, &link.id).await? {
            let message = lang.pick(
                format!("Không có {} nào mang mã \"{}\".", link.kind.label(lang).to_lowercase(), link.id),
                format!("There is no {} with the id \"{}\".", link.kind.label(lang).to_lowercase(), link.id),
            );
            errors.push(FieldError { field: link.rel.clone(), message });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// An offer may name as its owners only labs and experts the person manages (officers: any).
async fn check_owners(
    conn: &mut sqlx::SqliteConnection,
    user: &User,
    record: &Record,
    lang: Lang,
) -> Result<(), AppError> {
    let Record::Offer(offer) = record else { return Ok(()) };
    if user.is_staff() {
        return Ok(());
    }
    let mut errors = Vec::new();
    for (field, kind, id) in
        [("owner_lab", Kind::Lab, &offer.owner_lab), ("owner_expert", Kind::Expert, &offer.owner_expert)]
    {
        let Some(id) = id else { continue };
        let owner = repo::listing(&mut *conn, kind, id).await?.and_then(|l| l.owner);
        if owner != Some(user.id) {
            let message = lang.pick(
                "Chỉ ghi phòng thí nghiệm hoặc hồ sơ chuyên gia do bạn quản lý.",
                "Name only a lab or expert profile you manage.",
            );
            errors.push(FieldError { field: field.into(), message: message.into() });
        }
    }
    if let Some(org) = &offer.owner_org {
        if user.organization.as_deref() != Some(org.as_str()) {
            let message = lang.pick("Chỉ ghi tổ chức của bạn.", "Name only your own organization.");
            errors.push(FieldError { field: "owner_org".into(), message: message.into() });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The edit form's values, for someone who may edit the record.
pub async fn editing(kind: Kind, id: &str) -> Result<Editing, AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let listing = repo::listing(&state.db, kind, id).await?;
    let record = stored(&state.db, kind, id, listing.as_ref()).await?.ok_or(AppError::NotFound)?;
    let owner = listing.as_ref().and_then(|l| l.owner);
    let draft = listing.as_ref().is_some_and(|l| l.draft.is_some());
    // A draft is its writers' own: others, officers too, are not told it exists (as on its
    // page); a published record others may not edit is refused.
    if draft && !rules::speaks_for(&user, owner, &record) {
        return Err(AppError::NotFound);
    }
    if !rules::may_edit(&user, owner, &record) {
        return Err(AppError::Forbidden);
    }
    Ok(Editing { values: build::values_of(&record), draft })
}

/// Confirms a listing is current.
pub async fn confirm(kind: Kind, id: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let listing = repo::listing(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    let (record, _) = crate::catalog::repo::get_any(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    if !rules::may_edit(&user, listing.owner, &record) {
        return Err(AppError::Forbidden);
    }
    repo::confirm(&state.db, kind, id).await
}
