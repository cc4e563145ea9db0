//! All SQL of publishing: who manages which record, drafts, confirmations and verification.

use sqlx::{SqliteConnection, SqliteExecutor};

use super::model::{MyListing, Withdrawal, CONFIRM_AFTER_DAYS};
use crate::catalog::model::{Kind, Record};
use crate::clock::{from_now, now};
use crate::db::Db;
use crate::error::AppError;

mod audience;
mod upkeep;
pub use audience::{members_in_sectors, members_of};
pub use upkeep::{due_for_reminder, hide_stale, reminded, Stale};

/// What the portal knows about a managed record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListingRow {
    pub owner: Option<i64>,
    pub draft: Option<String>,
    pub confirmed_at: String,
    pub verified_at: Option<String>,
    /// The organization confirmed for a lab or expert (`affiliation`), even while a draft.
    pub affiliation: Option<String>,
    /// Why its owner took it down (a `Withdrawal` code), while it stays down.
    pub withdrawn: Option<String>,
}

pub async fn listing<'c>(db: impl SqliteExecutor<'c>, kind: Kind, id: &str) -> Result<Option<ListingRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT owner, draft, confirmed_at, verified_at, affiliation, withdrawn FROM listings WHERE kind = $1 AND id = $2",
    )
    .bind(kind.code())
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Whether `kind`/`id` is used, published or as a draft.
pub async fn id_taken(conn: &mut SqliteConnection, kind: Kind, id: &str) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM records WHERE kind = $1 AND id = $2) + (SELECT COUNT(*) FROM listings WHERE kind = $1 AND id = $2)",
    )
    .bind(kind.code())
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Publishes `record` (owned by `owner` unless someone already owns it), confirming it. Unless
/// `reviewed` (an officer published it), it waits in the officers' queue (`moderation`).
pub async fn publish(
    conn: &mut SqliteConnection,
    record: &Record,
    owner: i64,
    reviewed: bool,
) -> Result<bool, AppError> {
    let at = now();
    crate::catalog::repo::upsert(&mut *conn, record, &at).await?;
    sqlx::query(
        "INSERT INTO listings (kind, id, owner, draft, confirmed_at, reviewed_at) VALUES ($1, $2, $3, NULL, $4, $5)
         ON CONFLICT (kind, id) DO UPDATE SET draft = NULL, withdrawn = NULL, confirmed_at = excluded.confirmed_at,
           owner = COALESCE(listings.owner, excluded.owner), reviewed_at = excluded.reviewed_at",
    )
    .bind(record.kind().code())
    .bind(record.id())
    .bind(owner)
    .bind(&at)
    .bind(reviewed.then_some(at.as_str()))
    .execute(&mut *conn)
    .await?;
    // Publishing confirms: a listing hidden for want of confirmation comes back, unless its
    // organization is hidden. Answers whether it is public now.
    if super::holds::hold_if_hidden(conn, record).await? {
        return Ok(false);
    }
    unhide(conn, record.kind(), record.id()).await?;
    Ok(!is_hidden(conn, record.kind(), record.id()).await?)
}

/// Shows a listing again, unless it is hidden for a reason only an officer lifts (an officer
/// hid it (`moderate`), its owner is suspended, or its organization is hidden (`holds`)) or
/// its owner took it down (`withdraw`).
pub async fn unhide(conn: &mut SqliteConnection, kind: Kind, id: &str) -> Result<(), AppError> {
    let held: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM listings WHERE kind = $1 AND id = $2
             AND (moderated_at IS NOT NULL OR suspended OR withdrawn IS NOT NULL))
             OR EXISTS (SELECT 1 FROM organization_holds WHERE kind = $1 AND id = $2)",
    )
    .bind(kind.code())
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if !held {
        crate::catalog::repo::set_hidden(conn, kind, id, false).await?;
    }
    Ok(())
}

/// Records that `organization` confirmed it is the one of `kind`/`id`.
pub async fn settle_affiliation(
    conn: &mut SqliteConnection,
    kind: Kind,
    id: &str,
    organization: &str,
) -> Result<(), AppError> {
    sqlx::query("UPDATE listings SET affiliation = $1 WHERE kind = $2 AND id = $3")
        .bind(organization)
        .bind(kind.code())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Takes the published `record` down, back among its owner's drafts, for `why`.
pub async fn withdraw(conn: &mut SqliteConnection, record: &Record, why: Withdrawal) -> Result<(), AppError> {
    let doc = serde_json::to_string(record).map_err(AppError::internal)?;
    sqlx::query("UPDATE listings SET draft = COALESCE(draft, $1), withdrawn = $2 WHERE kind = $3 AND id = $4")
        .bind(doc)
        .bind(why.code())
        .bind(record.kind().code())
        .bind(record.id())
        .execute(&mut *conn)
        .await?;
    crate::catalog::repo::set_hidden(conn, record.kind(), record.id(), true).await?;
    Ok(())
}

/// Deletes `kind`/`id` if it is a draft never published; answers whether it was.
pub async fn delete_draft(conn: &mut SqliteConnection, kind: Kind, id: &str) -> Result<bool, AppError> {
    let done = sqlx::query(
        "DELETE FROM listings WHERE kind = $1 AND id = $2 AND draft IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM records r WHERE r.kind = $1 AND r.id = $2)",
    )
    .bind(kind.code())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    // Nobody is asked any more to confirm the affiliation of a draft that is gone.
    sqlx::query("DELETE FROM affiliation_requests WHERE kind = $1 AND record_id = $2")
        .bind(kind.code())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// Lets go of everything `owner` manages as their account closes: drafts never published and
/// the affiliation requests they made are deleted; published records stay in the catalogue
/// with nobody managing them (the province office answers for them), unpublished changes gone.
pub async fn release(db: &Db, owner: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM affiliation_requests WHERE requester = $1 OR EXISTS (SELECT 1 FROM listings l
         WHERE l.owner = $1 AND l.kind = affiliation_requests.kind AND l.id = affiliation_requests.record_id)",
    )
    .bind(owner)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM listings WHERE owner = $1
         AND NOT EXISTS (SELECT 1 FROM records r WHERE r.kind = listings.kind AND r.id = listings.id)",
    )
    .bind(owner)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE listings SET owner = NULL, draft = NULL WHERE owner = $1")
        .bind(owner)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps `record` as a draft of `owner`: not in the catalogue, search or matches.
pub async fn save_draft(conn: &mut SqliteConnection, record: &Record, owner: i64) -> Result<(), AppError> {
    let doc = serde_json::to_string(record).map_err(AppError::internal)?;
    sqlx::query(
        "INSERT INTO listings (kind, id, owner, draft, confirmed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, id) DO UPDATE SET draft = excluded.draft",
    )
    .bind(record.kind().code())
    .bind(record.id())
    .bind(owner)
    .bind(doc)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks a listing confirmed as current now, bringing it back if it was hidden for want of
/// confirmation.
pub async fn confirm(db: &Db, kind: Kind, id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE listings SET confirmed_at = $1 WHERE kind = $2 AND id = $3")
        .bind(now())
        .bind(kind.code())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    unhide(&mut tx, kind, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Hides or shows a record by an officer's decision (creating its listing for an imported
/// record); a record an officer hid stays hidden until an officer shows it again.
pub async fn moderate(db: &Db, kind: Kind, id: &str, hidden: bool) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let was_hidden = is_hidden(&mut tx, kind, id).await?;
    let at = now();
    let moderated = hidden.then_some(at.as_str());
    sqlx::query(
        "INSERT INTO listings (kind, id, owner, confirmed_at, moderated_at) VALUES ($1, $2, NULL, $3, $4)
         ON CONFLICT (kind, id) DO UPDATE SET moderated_at = excluded.moderated_at",
    )
    .bind(kind.code())
    .bind(id)
    .bind(&at)
    .bind(moderated)
    .execute(&mut *tx)
    .await?;
    let changed = if hidden {
        crate::catalog::repo::set_hidden(&mut tx, kind, id, true).await?
    } else {
        // Shown by the officer, unless hidden for another reason too.
        sqlx::query("DELETE FROM organization_holds WHERE kind = $1 AND id = $2")
            .bind(kind.code())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        unhide(&mut tx, kind, id).await?;
        was_hidden && !is_hidden(&mut tx, kind, id).await?
    };
    if kind == Kind::Organization {
        super::holds::follow(&mut tx, id, hidden).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Whether `kind`/`id` is held because its owner's account is suspended.
pub async fn held_by_suspension(db: &Db, kind: Kind, id: &str) -> Result<bool, AppError> {
    let held: Option<bool> = sqlx::query_scalar("SELECT suspended FROM listings WHERE kind = $1 AND id = $2")
        .bind(kind.code())
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(held.unwrap_or(false))
}

async fn is_hidden(conn: &mut SqliteConnection, kind: Kind, id: &str) -> Result<bool, AppError> {
    let hidden: Option<bool> = sqlx::query_scalar("SELECT hidden FROM records WHERE kind = $1 AND id = $2")
        .bind(kind.code())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(hidden.unwrap_or(false))
}

/// Records hidden by an officer: kind, id and title.
pub async fn moderated(db: &Db) -> Result<Vec<(Kind, String, String)>, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT r.kind, r.id, r.title FROM listings l JOIN records r ON r.kind = l.kind AND r.id = l.id
         WHERE l.moderated_at IS NOT NULL AND r.hidden = TRUE ORDER BY l.moderated_at DESC LIMIT 500",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(|(k, id, title)| Kind::from_code(&k).map(|k| (k, id, title))).collect())
}

/// Marks a record verified by an officer (creating its listing for an imported record).
pub async fn verify(db: &Db, kind: Kind, id: &str) -> Result<(), AppError> {
    let at = now();
    sqlx::query(
        "INSERT INTO listings (kind, id, owner, confirmed_at, verified_at) VALUES ($1, $2, NULL, $3, $3)
         ON CONFLICT (kind, id) DO UPDATE SET verified_at = excluded.verified_at",
    )
    .bind(kind.code())
    .bind(id)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether `owner` has an organization's profile saved as a draft.
pub async fn drafts_organization<'c>(db: impl SqliteExecutor<'c>, owner: i64) -> Result<bool, AppError> {
    let found: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM listings WHERE owner = $1 AND kind = 'organization' AND draft IS NOT NULL)",
    )
    .bind(owner)
    .fetch_one(db)
    .await?;
    Ok(found)
}

/// The listings `owner` manages, drafts first, then by kind and title.
pub async fn mine(db: &Db, owner: i64) -> Result<Vec<MyListing>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        kind: String,
        id: String,
        doc: String,
        draft: bool,
        confirmed_at: String,
        hidden: bool,
        moderated: bool,
        held: bool,
        withdrawn: Option<String>,
        never_published: bool,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.kind, l.id, COALESCE(l.draft, r.doc) AS doc, l.draft IS NOT NULL AS draft, l.confirmed_at,
         l.withdrawn, r.doc IS NULL AS never_published,
         COALESCE(r.hidden, FALSE) AS hidden, l.moderated_at IS NOT NULL AS moderated,
         EXISTS (SELECT 1 FROM organization_holds h WHERE h.kind = l.kind AND h.id = l.id) AS held
         FROM listings l LEFT JOIN records r ON r.kind = l.kind AND r.id = l.id
         WHERE l.owner = $1 AND (l.draft IS NOT NULL OR r.doc IS NOT NULL) ORDER BY draft DESC, l.kind, l.id",
    )
    .bind(owner)
    .fetch_all(db)
    .await?;
    let due_before = from_now(-CONFIRM_AFTER_DAYS * 24 * 3600);
    rows.into_iter()
        .filter_map(|row| {
            let kind = Kind::from_code(&row.kind)?;
            let record: Record = match serde_json::from_str(&row.doc) {
                Ok(record) => record,
                Err(err) => return Some(Err(AppError::internal(err))),
            };
            let due = !row.draft && row.confirmed_at < due_before;
            let title = record.entry().title().base.to_string();
            Some(Ok(MyListing {
                kind,
                id: row.id,
                title,
                draft: row.draft,
                confirmed_at: row.confirmed_at,
                due,
                hidden: row.hidden,
                moderated: row.moderated,
                held: row.held,
                withdrawn: row.withdrawn.as_deref().and_then(Withdrawal::from_code),
                never_published: row.never_published,
            }))
        })
        .collect()
}
