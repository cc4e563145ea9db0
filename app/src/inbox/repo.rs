//! All SQL of the inbox.

use super::model::{News, Notification};
use crate::accounts::repo::now;
use crate::db::Db;
use crate::error::AppError;

/// Tells each of `users` the `news` (once each).
pub async fn notify(db: &Db, users: &[i64], news: &News) -> Result<(), AppError> {
    let mut users = users.to_vec();
    users.sort_unstable();
    users.dedup();
    for user in users {
        sqlx::query("INSERT INTO notifications (user_id, topic, text_vi, text_en, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(user)
            .bind(news.topic)
            .bind(&news.vi)
            .bind(&news.en)
            .bind(&news.link)
            .bind(now())
            .execute(db)
            .await?;
    }
    Ok(())
}

/// How many notifications `user` has not read.
pub async fn unread(db: &Db, user: i64) -> Result<u64, AppError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await?;
    Ok(n as u64)
}

/// The newest notifications of `user`, newest first.
pub async fn list(db: &Db, user: i64, limit: i64) -> Result<Vec<Notification>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, topic, text_vi, text_en, link, created_at, read_at FROM notifications WHERE user_id = $1
         ORDER BY id DESC LIMIT $2",
    )
    .bind(user)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Marks `user`'s notifications read, up to the one numbered `up_to` (all when `None`).
pub async fn mark_read(db: &Db, user: i64, up_to: Option<i64>) -> Result<(), AppError> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND id <= $3")
        .bind(now())
        .bind(user)
        .bind(up_to.unwrap_or(i64::MAX))
        .execute(db)
        .await?;
    Ok(())
}
