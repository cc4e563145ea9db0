//! Keeping listings current: reminding owners to confirm them and hiding those left unconfirmed.

use crate::catalog::model::Kind;
use crate::clock::now;
use crate::db::Db;
use crate::error::AppError;

/// A listing taken out of view: what it is, its title (and English title) and its owner.
pub struct Stale {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub owner: Option<i64>,
}

/// Hides every published listing unconfirmed since `before`; answers what it hid.
pub async fn hide_stale(db: &Db, before: &str) -> Result<Vec<Stale>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        kind: String,
        id: String,
        title: String,
        title_en: Option<String>,
        owner: Option<i64>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.kind, l.id, r.title, r.title_en, l.owner FROM listings l
         JOIN records r ON r.kind = l.kind AND r.id = l.id
         WHERE l.draft IS NULL AND l.confirmed_at < $1 AND r.hidden = FALSE",
    )
    .bind(before)
    .fetch_all(db)
    .await?;
    let mut hidden = Vec::new();
    for Row { kind, id, title, title_en, owner } in rows {
        let Some(kind) = Kind::from_code(&kind) else { continue };
        let mut conn = db.acquire().await?;
        if crate::catalog::repo::set_hidden(&mut conn, kind, &id, true).await? {
            hidden.push(Stale { kind, id, title, title_en, owner });
        }
    }
    Ok(hidden)
}

/// Published listings unconfirmed since `before`, that nobody was reminded of since then.
pub async fn due_for_reminder(db: &Db, before: &str) -> Result<Vec<(Kind, String, i64)>, AppError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT kind, id, owner FROM listings WHERE draft IS NULL AND owner IS NOT NULL AND confirmed_at < $1
         AND (reminded_at IS NULL OR reminded_at < confirmed_at)",
    )
    .bind(before)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(|(k, id, owner)| Kind::from_code(&k).map(|k| (k, id, owner))).collect())
}

/// Notes that the owner of `kind`/`id` was asked to confirm it.
pub async fn reminded(db: &Db, kind: Kind, id: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE listings SET reminded_at = $1 WHERE kind = $2 AND id = $3")
        .bind(now())
        .bind(kind.code())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
