//! The SQL of suspensions.

use super::model::{Owner, Queued, Report, Suspended};
use crate::catalog::model::Kind;
use crate::db::Db;
use crate::error::AppError;

/// Suspends `user` for `reason`: ends their sessions and hides their public listings (marked,
/// so that lifting shows those again). Answers the listings hidden; `None` when the account
/// was already suspended.
pub async fn suspend(db: &Db, user: i64, reason: &str) -> Result<Option<Vec<(Kind, String)>>, AppError> {
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("UPDATE users SET suspended_at = $1, suspended_reason = $2 WHERE id = $3 AND suspended_at IS NULL")
            .bind(crate::clock::now())
            .bind(reason)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&mut *tx).await?;
    // Its listings leave the officers' queue: the suspension settles them.
    let at = crate::clock::now();
    sqlx::query(
        "UPDATE reports SET settled_at = $1 WHERE settled_at IS NULL
           AND (kind, record_id) IN (SELECT kind, id FROM listings WHERE owner = $2)",
    )
    .bind(&at)
    .bind(user)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE listings SET reviewed_at = $1 WHERE owner = $2").bind(&at).bind(user).execute(&mut *tx).await?;
    // Every listing of theirs is held, those already out of view too: an officer showing one
    // again meanwhile does not bring it back while the account is suspended.
    sqlx::query("UPDATE listings SET suspended = TRUE WHERE owner = $1").bind(user).execute(&mut *tx).await?;
    let public: Vec<(String, String)> = sqlx::query_as(
        "SELECT l.kind, l.id FROM listings l JOIN records r ON r.kind = l.kind AND r.id = l.id
         WHERE l.owner = $1 AND r.hidden = FALSE",
    )
    .bind(user)
    .fetch_all(&mut *tx)
    .await?;
    let mut hidden = Vec::new();
    for (kind, id) in public {
        let Some(kind) = Kind::from_code(&kind) else { continue };
        crate::catalog::repo::set_hidden(&mut tx, kind, &id, true).await?;
        if kind == Kind::Organization {
            crate::listings::holds::follow(&mut tx, &id, true).await?;
        }
        hidden.push((kind, id));
    }
    tx.commit().await?;
    Ok(Some(hidden))
}

/// Lifts `user`'s suspension: shows again the listings it hid (and those of other people that
/// left with its organizations), unless hidden for another reason meanwhile. Answers whether the account was suspended.
pub async fn lift(db: &Db, user: i64) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE users SET suspended_at = NULL, suspended_reason = NULL WHERE id = $1 AND suspended_at IS NOT NULL",
    )
    .bind(user)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let hidden: Vec<(String, String)> = sqlx::query_as(
        "UPDATE listings SET suspended = FALSE WHERE owner = $1 AND suspended = TRUE RETURNING kind, id",
    )
    .bind(user)
    .fetch_all(&mut *tx)
    .await?;
    for (kind, id) in hidden {
        let Some(kind) = Kind::from_code(&kind) else { continue };
        crate::listings::repo::unhide(&mut tx, kind, &id).await?;
        if kind == Kind::Organization {
            crate::listings::holds::follow(&mut tx, &id, false).await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Stores `reporter`'s report on `kind`/`id`; one they already have open on it takes the new
/// reason.
pub async fn report(db: &Db, kind: Kind, id: &str, reporter: i64, reason: &str) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO reports (kind, record_id, reporter, reason, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, record_id, reporter) WHERE settled_at IS NULL
         DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
    )
    .bind(kind.code())
    .bind(id)
    .bind(reporter)
    .bind(reason)
    .bind(crate::clock::now())
    .execute(db)
    .await?;
    Ok(())
}

/// Marks `kind`/`id` looked at and its open reports settled.
pub async fn settle(db: &Db, kind: Kind, id: &str) -> Result<(), AppError> {
    let at = crate::clock::now();
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE listings SET reviewed_at = $1 WHERE kind = $2 AND id = $3")
        .bind(&at)
        .bind(kind.code())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE reports SET settled_at = $1 WHERE kind = $2 AND record_id = $3 AND settled_at IS NULL")
        .bind(&at)
        .bind(kind.code())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    kind: String,
    id: String,
    title: String,
    changed_at: String,
    unreviewed: bool,
    owner: Option<i64>,
    name: Option<String>,
    email: Option<String>,
    suspended: bool,
    staff: bool,
}

/// Public listings new or changed by their owners and not looked at since, and those with open
/// reports: the latest change or report first, at most `limit`.
pub async fn queue(db: &Db, limit: i64) -> Result<Vec<Queued>, AppError> {
    let rows: Vec<QueueRow> = sqlx::query_as(
        "WITH reported AS (
             SELECT kind, record_id, MAX(created_at) AS last FROM reports WHERE settled_at IS NULL GROUP BY kind, record_id
         )
         SELECT r.kind, r.id, r.title, r.updated_at AS changed_at,
                (l.owner IS NOT NULL AND l.reviewed_at IS NULL) AS unreviewed,
                l.owner, u.name, u.email, (u.suspended_at IS NOT NULL) AS suspended,
                EXISTS (SELECT 1 FROM user_roles g WHERE g.user_id = l.owner AND g.role IN ('officer', 'admin')) AS staff
         FROM records r
         LEFT JOIN listings l ON l.kind = r.kind AND l.id = r.id
         LEFT JOIN users u ON u.id = l.owner
         LEFT JOIN reported p ON p.kind = r.kind AND p.record_id = r.id
         WHERE r.hidden = FALSE AND ((l.owner IS NOT NULL AND l.reviewed_at IS NULL) OR p.last IS NOT NULL)
         ORDER BY CASE WHEN r.updated_at > COALESCE(p.last, '') THEN r.updated_at ELSE COALESCE(p.last, '') END DESC
         LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    let open: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT kind, record_id, reason, created_at FROM reports WHERE settled_at IS NULL ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(db)
    .await?;
    let mut reports: std::collections::HashMap<(String, String), Vec<Report>> = std::collections::HashMap::new();
    for (kind, id, reason, at) in open {
        reports.entry((kind, id)).or_default().push(Report { reason, at });
    }
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let kind = Kind::from_code(&row.kind)?;
            let reports = reports.remove(&(row.kind, row.id.clone())).unwrap_or_default();
            let owner = row.owner.map(|id| Owner {
                id,
                name: row.name.unwrap_or_default(),
                email: row.email.unwrap_or_default(),
                staff: row.staff,
                suspended: row.suspended,
            });
            Some(Queued {
                kind,
                id: row.id,
                title: row.title,
                changed_at: row.changed_at,
                unreviewed: row.unreviewed,
                owner,
                reports,
            })
        })
        .collect())
}

/// The suspended accounts, the latest first.
pub async fn suspended(db: &Db) -> Result<Vec<Suspended>, AppError> {
    let rows: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT id, name, email, suspended_reason, suspended_at FROM users
         WHERE suspended_at IS NOT NULL ORDER BY suspended_at DESC LIMIT 500",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email, reason, since)| Suspended {
            id,
            name,
            email,
            reason: reason.unwrap_or_default(),
            since,
        })
        .collect())
}
