//! All SQL of saved searches.

use super::model::SavedSearch;
use crate::clock::now;
use crate::db::Db;
use crate::error::AppError;

/// Saves a search with the results already seen; false if this person already saved it.
pub async fn create(db: &Db, user: i64, query: &str, seen: &[String]) -> Result<bool, AppError> {
    let seen = serde_json::to_string(seen).map_err(AppError::internal)?;
    let done = sqlx::query(
        "INSERT INTO saved_searches (user_id, query, seen, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(query)
    .bind(seen)
    .bind(now())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count(db: &Db, user: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM saved_searches WHERE user_id = $1").bind(user).fetch_one(db).await?)
}

pub async fn of_user(db: &Db, user: i64) -> Result<Vec<SavedSearch>, AppError> {
    Ok(sqlx::query_as("SELECT id, query, created_at FROM saved_searches WHERE user_id = $1 ORDER BY id DESC")
        .bind(user)
        .fetch_all(db)
        .await?)
}

/// The owner of a saved search.
pub async fn owner(db: &Db, id: i64) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar("SELECT user_id FROM saved_searches WHERE id = $1").bind(id).fetch_optional(db).await?)
}

pub async fn delete(db: &Db, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM saved_searches WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}

/// Deletes every saved search of `user`.
pub async fn delete_all(db: &Db, user: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM saved_searches WHERE user_id = $1").bind(user).execute(db).await?;
    Ok(())
}

/// Every saved search: id, owner, query and the results already seen.
pub async fn all(db: &Db) -> Result<Vec<(i64, i64, String, Vec<String>)>, AppError> {
    let rows: Vec<(i64, i64, String, String)> =
        sqlx::query_as("SELECT id, user_id, query, seen FROM saved_searches").fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(id, user, query, seen)| (id, user, query, serde_json::from_str(&seen).unwrap_or_default()))
        .collect())
}

pub async fn set_seen(db: &Db, id: i64, seen: &[String]) -> Result<(), AppError> {
    let seen = serde_json::to_string(seen).map_err(AppError::internal)?;
    sqlx::query("UPDATE saved_searches SET seen = $1 WHERE id = $2").bind(seen).bind(id).execute(db).await?;
    Ok(())
}
