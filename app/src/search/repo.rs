//! SQL of the search domain.

use crate::db::Db;
use crate::error::AppError;

/// The newest revision in the database.
pub async fn latest_revision(db: &Db) -> Result<i64, AppError> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(revision) FROM records").fetch_one(db).await?;
    Ok(max.unwrap_or(0))
}
