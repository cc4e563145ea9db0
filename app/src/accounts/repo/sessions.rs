//! Sessions: one per signed-in browser, stored under the hash of its token.

use super::with_roles;
use crate::accounts::model::{SessionView, User};
use crate::clock::{from_now, now};
use crate::db::Db;
use crate::error::AppError;

/// Stores a session for `user_id` under the hash of its token.
pub async fn create_session(db: &Db, token_hash: &str, user_id: i64, seconds: i64) -> Result<(), AppError> {
    create_session_from(db, token_hash, user_id, seconds, None, None).await
}

/// A session that notes where it started: the browser (`User-Agent`, cut to 200 characters,
/// no control characters) and the client's address.
pub async fn create_session_from(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    seconds: i64,
    agent: Option<&str>,
    address: Option<&str>,
) -> Result<(), AppError> {
    let agent = agent.map(|a| a.chars().filter(|c| !c.is_control()).take(200).collect::<String>());
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, agent, address) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now())
    .bind(from_now(seconds))
    .bind(agent)
    .bind(address)
    .execute(db)
    .await?;
    Ok(())
}

/// The person whose unexpired session has this token hash.
pub async fn session_user(db: &Db, token_hash: &str) -> Result<Option<User>, AppError> {
    let row = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.organization, u.suspended_reason FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.suspended_at IS NULL AND u.deleted_at IS NULL",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(db)
    .await?;
    with_roles(db, row).await
}

/// A person's unexpired sessions, newest first; `current` is the hash of the asking browser's.
pub async fn sessions_of(db: &Db, user_id: i64, current: Option<&str>) -> Result<Vec<SessionView>, AppError> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT token_hash, created_at, agent, address FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC LIMIT 50",
    )
    .bind(user_id)
    .bind(now())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(hash, created_at, agent, address)| SessionView {
            id: hash[..16.min(hash.len())].to_string(),
            current: current == Some(hash.as_str()),
            created_at,
            agent,
            address,
        })
        .collect())
}

/// Ends the person's session named `id` (see `sessions_of`); answers how many ended (0 or 1).
pub async fn end_session(db: &Db, user_id: i64, id: &str) -> Result<u64, AppError> {
    if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(0);
    }
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2")
        .bind(user_id)
        .bind(id)
        .execute(db)
        .await?
        .rows_affected())
}

/// Ends every session of the person but the one whose hash is `keep`.
pub async fn end_other_sessions(db: &Db, user_id: i64, keep: &str) -> Result<u64, AppError> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db)
        .await?
        .rows_affected())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}
