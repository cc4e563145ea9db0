//! Files sent for import, kept for their sender between the check and the storing.

use super::model::{Draft, Verdicts};
use crate::catalog::import::Line;
use crate::db::Db;
use crate::error::AppError;

/// Keeps a file `user` sent (its `lines` and their `verdicts`); answers the token that names
/// it. Files older than a day that were never stored go.
pub async fn keep(
    db: &Db,
    user: i64,
    file_name: &str,
    lines: &[Line],
    verdicts: &Verdicts,
) -> Result<String, AppError> {
    let token = crate::accounts::secret::new_token()?;
    let lines = serde_json::to_string(lines).map_err(AppError::internal)?;
    let verdicts = serde_json::to_string(verdicts).map_err(AppError::internal)?;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM import_drafts WHERE stored_at IS NULL AND sent_at < $1")
        .bind(crate::clock::from_now(-24 * 3600))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO import_drafts (token, user_id, file_name, lines, verdicts, sent_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&token)
    .bind(user)
    .bind(file_name)
    .bind(lines)
    .bind(verdicts)
    .bind(crate::clock::now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The file `token` names, if `user` sent it.
pub async fn draft(db: &Db, user: i64, token: &str) -> Result<Option<Draft>, AppError> {
    let row: Option<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT file_name, verdicts, sent_at, stored_at FROM import_drafts WHERE token = $1 AND user_id = $2",
    )
    .bind(token)
    .bind(user)
    .fetch_optional(db)
    .await?;
    row.map(|(file_name, verdicts, sent_at, stored_at)| {
        Ok(Draft {
            token: token.to_string(),
            file_name,
            sent_at,
            verdicts: serde_json::from_str(&verdicts).map_err(AppError::internal)?,
            stored: stored_at.is_some(),
        })
    })
    .transpose()
}

/// Takes the file `token` names for storing, once, within the transaction that stores it: its
/// name and lines, if `user` sent it and it was not stored before.
pub async fn take(
    conn: &mut sqlx::SqliteConnection,
    user: i64,
    token: &str,
) -> Result<Option<(String, Vec<Line>)>, AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE import_drafts SET stored_at = $1
         WHERE token = $2 AND user_id = $3 AND stored_at IS NULL RETURNING file_name, lines",
    )
    .bind(crate::clock::now())
    .bind(token)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(name, lines)| Ok((name, serde_json::from_str(&lines).map_err(AppError::internal)?))).transpose()
}

/// What storing the file did, in place of what it would do; its lines are no longer needed.
pub async fn settle(conn: &mut sqlx::SqliteConnection, token: &str, verdicts: &Verdicts) -> Result<(), AppError> {
    let verdicts = serde_json::to_string(verdicts).map_err(AppError::internal)?;
    sqlx::query("UPDATE import_drafts SET verdicts = $1, lines = '[]' WHERE token = $2")
        .bind(verdicts)
        .bind(token)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
