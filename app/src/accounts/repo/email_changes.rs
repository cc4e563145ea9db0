//! Email changes waiting for the new address to confirm them: one per account, the newest.

use crate::clock::{from_now, now};
use crate::db::Db;
use crate::error::AppError;

/// Stores a change of `user_id`'s email to `email` under a hashed one-time token, replacing
/// their earlier one (only the newest link works) and dropping every expired one.
pub async fn create(db: &Db, token_hash: &str, user_id: i64, email: &str, seconds: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM email_changes WHERE user_id = $1 OR expires_at < $2 OR used_at IS NOT NULL")
        .bind(user_id)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO email_changes (token_hash, user_id, email, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(email)
        .bind(from_now(seconds))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Uses up a change's token: the account and the new address, if it was valid, unused and
/// unexpired.
pub async fn take(db: &Db, token_hash: &str) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "UPDATE email_changes SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id, email",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(db)
    .await?)
}

/// Gives open account `user_id` the address `email`, unless another account holds it now;
/// reset links mailed to the old address stop working.
pub async fn set_email(db: &Db, user_id: i64, email: &str) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE users SET email = $1 WHERE id = $2 AND deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM users WHERE email = $1)",
    )
    .bind(email)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Drops `user_id`'s waiting change; with `audit`, also the addresses their email changes left
/// in the audit log (the account closes: nothing keeps its addresses).
pub async fn forget(db: &Db, user_id: i64, audit: bool) -> Result<(), AppError> {
    sqlx::query("DELETE FROM email_changes WHERE user_id = $1").bind(user_id).execute(db).await?;
    if audit {
        sqlx::query(
            "UPDATE audit_log SET target = '', detail = ''
             WHERE user_id = $1 AND action IN ('request_email_change', 'change_email')",
        )
        .bind(user_id)
        .execute(db)
        .await?;
    }
    Ok(())
}
