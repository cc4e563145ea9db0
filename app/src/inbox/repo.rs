//! All SQL of the inbox.

use super::model::{MailMode, News, Notification};
use crate::clock::now;
use crate::db::Db;
use crate::error::AppError;

/// Tells each of `users` the `news` (once each; a deleted account hears nothing).
pub async fn notify(db: &Db, users: &[i64], news: &News) -> Result<(), AppError> {
    let mut users = users.to_vec();
    users.sort_unstable();
    users.dedup();
    for user in users {
        sqlx::query(
            "INSERT INTO notifications (user_id, topic, text_vi, text_en, link, created_at)
             SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL)",
        )
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

/// Deletes `user`'s inbox and mail preferences.
pub async fn forget(db: &Db, user: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    for delete in ["DELETE FROM notifications WHERE user_id = $1", "DELETE FROM mail_prefs WHERE user_id = $1"] {
        sqlx::query(delete).bind(user).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How `user` hears of news by mail (at once when they never said).
pub async fn mail_mode(db: &Db, user: i64) -> Result<MailMode, AppError> {
    let code: Option<String> =
        sqlx::query_scalar("SELECT mode FROM mail_prefs WHERE user_id = $1").bind(user).fetch_optional(db).await?;
    Ok(code.as_deref().and_then(MailMode::from_code).unwrap_or(MailMode::Now))
}

/// Sets how `user` hears of news by mail, in `lang`. What they were told so far counts as told,
/// so that turning mail on sends nothing old.
pub async fn set_mail_mode(db: &Db, user: i64, mode: MailMode, lang: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO mail_prefs (user_id, mode, lang) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, lang = excluded.lang",
    )
    .bind(user)
    .bind(mode.code())
    .bind(lang)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE notifications SET mailed_at = $1 WHERE user_id = $2 AND mailed_at IS NULL")
        .bind(now())
        .bind(user)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A person with news not mailed yet, and how they want it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub mode: String,
    pub lang: Option<String>,
    pub digest_at: Option<String>,
}

/// Those with news not mailed who want mail (not suspended or deleted), by id after `after`.
pub async fn waiting(db: &Db, after: i64, limit: i64) -> Result<Vec<Waiting>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.name, COALESCE(p.mode, 'now') AS mode, p.lang, p.digest_at
         FROM users u LEFT JOIN mail_prefs p ON p.user_id = u.id
         WHERE u.id > $1 AND u.suspended_at IS NULL AND u.deleted_at IS NULL AND COALESCE(p.mode, 'now') <> 'never'
           AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.mailed_at IS NULL)
         ORDER BY u.id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Takes `user`'s news not mailed yet, oldest first, marking it mailed at `at`: each piece is
/// taken once, however many instances run.
pub async fn take_unmailed(db: &Db, user: i64, at: &str) -> Result<Vec<Notification>, AppError> {
    let mut taken: Vec<Notification> = sqlx::query_as(
        "UPDATE notifications SET mailed_at = $1 WHERE user_id = $2 AND mailed_at IS NULL
         RETURNING id, topic, text_vi, text_en, link, created_at, read_at",
    )
    .bind(at)
    .bind(user)
    .fetch_all(db)
    .await?;
    taken.sort_by_key(|n| n.id);
    Ok(taken)
}

/// Notes when `user`'s daily summary went.
pub async fn set_digest_at(db: &Db, user: i64, at: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE mail_prefs SET digest_at = $1 WHERE user_id = $2").bind(at).bind(user).execute(db).await?;
    Ok(())
}
