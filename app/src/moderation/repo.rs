//! The SQL of suspensions.

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
            .bind(crate::accounts::repo::now())
            .bind(reason)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&mut *tx).await?;
    let public: Vec<(String, String)> = sqlx::query_as(
        "SELECT l.kind, l.id FROM listings l JOIN records r ON r.kind = l.kind AND r.id = l.id
         WHERE l.owner = $1 AND r.hidden = 0",
    )
    .bind(user)
    .fetch_all(&mut *tx)
    .await?;
    let mut hidden = Vec::new();
    for (kind, id) in public {
        let Some(kind) = Kind::from_code(&kind) else { continue };
        sqlx::query("UPDATE listings SET suspended = 1 WHERE kind = $1 AND id = $2")
            .bind(kind.code())
            .bind(&id)
            .execute(&mut *tx)
            .await?;
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
    let hidden: Vec<(String, String)> =
        sqlx::query_as("UPDATE listings SET suspended = 0 WHERE owner = $1 AND suspended = 1 RETURNING kind, id")
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
