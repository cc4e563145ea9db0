//! All SQL of introductions.

use crate::catalog::model::joined_title;
use crate::clock::now;
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

/// An introduction as stored, with both sides' names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub requester: i64,
    pub requester_name: String,
    pub requester_email: String,
    pub requester_organization: Option<String>,
    pub target_kind: String,
    pub target_id: String,
    pub target_title: Option<String>,
    pub target_title_en: Option<String>,
    pub target_title_vi: Option<String>,
    pub with_kind: Option<String>,
    pub with_id: Option<String>,
    pub with_title: Option<String>,
    pub with_title_en: Option<String>,
    pub with_title_vi: Option<String>,
    pub message: String,
    pub status: String,
    pub reason: Option<String>,
    pub reason_text: Option<String>,
    pub outcome: Option<String>,
    pub created_at: String,
    pub answered_at: Option<String>,
    pub answerer_email: Option<String>,
    /// The owner of the record asked for (none: officers answer).
    pub owner: Option<i64>,
}

impl Row {
    /// The title of the record asked for, in `lang`.
    pub fn target_title(&self, lang: Lang) -> String {
        joined_title(lang, &self.target_title, &self.target_title_en, &self.target_title_vi, &self.target_id)
    }
}

const SELECT: &str = "SELECT i.id, i.requester, u.name AS requester_name, u.email AS requester_email,
    u.organization AS requester_organization, i.target_kind, i.target_id, r.title AS target_title,
    r.title_en AS target_title_en, r.title_vi AS target_title_vi, i.with_kind, i.with_id, w.title AS with_title,
    w.title_en AS with_title_en, w.title_vi AS with_title_vi, i.message,
    i.status, i.reason, i.reason_text, i.outcome, i.created_at, i.answered_at, a.email AS answerer_email, l.owner
    FROM introductions i JOIN users u ON u.id = i.requester
    LEFT JOIN users a ON a.id = i.answered_by
    LEFT JOIN records r ON r.kind = i.target_kind AND r.id = i.target_id
    LEFT JOIN records w ON w.kind = i.with_kind AND w.id = i.with_id
    LEFT JOIN listings l ON l.kind = i.target_kind AND l.id = i.target_id ";

pub async fn create(
    db: &Db,
    requester: i64,
    kind: &str,
    id: &str,
    with: Option<(&str, &str)>,
    message: &str,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO introductions (requester, target_kind, target_id, with_kind, with_id, message, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7) RETURNING id",
    )
    .bind(requester)
    .bind(kind)
    .bind(id)
    .bind(with.map(|w| w.0))
    .bind(with.map(|w| w.1))
    .bind(message)
    .bind(now())
    .fetch_one(db)
    .await?)
}

/// The status and time of `requester`'s latest request to `kind`/`id`.
pub async fn latest(db: &Db, requester: i64, kind: &str, id: &str) -> Result<Option<(String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT status, created_at FROM introductions WHERE requester = $1 AND target_kind = $2 AND target_id = $3
         ORDER BY id DESC LIMIT 1",
    )
    .bind(requester)
    .bind(kind)
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// The public records of `kinds` that `user` owns, or that belong to `organization` (needs
/// and offers), by title: what they may bring along to an introduction.
pub async fn attachable(
    db: &Db,
    user: i64,
    organization: Option<&str>,
    kinds: &[&str],
) -> Result<Vec<(String, String, String)>, AppError> {
    let kinds = serde_json::to_string(kinds).map_err(AppError::internal)?;
    Ok(sqlx::query_as(
        "SELECT r.kind, r.id, r.title FROM records r
         WHERE r.kind IN (SELECT value FROM json_each($1)) AND r.hidden = FALSE
           AND (EXISTS (SELECT 1 FROM listings l WHERE l.kind = r.kind AND l.id = r.id AND l.owner = $2)
                OR EXISTS (SELECT 1 FROM record_links k WHERE k.kind = r.kind AND k.id = r.id
                           AND k.kind IN ('need', 'offer') AND k.rel IN ('organization', 'owner_org')
                           AND k.target_kind = 'organization' AND k.target_id = $3))
         ORDER BY r.kind, r.sort_title LIMIT 200",
    )
    .bind(kinds)
    .bind(user)
    .bind(organization)
    .fetch_all(db)
    .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Row>, AppError> {
    let sql = format!("{SELECT} WHERE i.id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?)
}

/// Those `user` sent, and those they answer: for records they own, for the records of
/// `organization` (theirs, when they speak for it: the organization itself and its needs and
/// offers) and (officers) for records nobody manages.
pub async fn involving(db: &Db, user: i64, officer: bool, organization: Option<&str>) -> Result<Vec<Row>, AppError> {
    let sql = format!(
        "{SELECT} WHERE i.requester = $1 OR l.owner = $1 OR ($2 AND l.owner IS NULL)
            OR (i.target_kind = 'organization' AND i.target_id = $3)
            OR EXISTS (SELECT 1 FROM record_links k WHERE k.kind = i.target_kind AND k.id = i.target_id
                       AND k.kind IN ('need', 'offer') AND k.rel IN ('organization', 'owner_org')
                       AND k.target_kind = 'organization' AND k.target_id = $3)
         ORDER BY i.id DESC LIMIT 200"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user).bind(officer).bind(organization).fetch_all(db).await?)
}

/// The people who speak for organization `id`: its members and researchers with an open
/// account.
pub async fn speakers(db: &Db, id: &str) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT u.id FROM users u WHERE u.organization = $1 AND u.deleted_at IS NULL AND u.suspended_at IS NULL
           AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('member', 'researcher'))
         ORDER BY u.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?)
}

/// Records an answer, if the introduction still waits for one.
pub async fn answer(
    db: &Db,
    id: i64,
    by: i64,
    status: &str,
    reason: Option<&str>,
    reason_text: Option<&str>,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE introductions SET status = $1, reason = $2, reason_text = $3, answered_by = $4, answered_at = $5
         WHERE id = $6 AND status = 'requested'",
    )
    .bind(status)
    .bind(reason)
    .bind(reason_text)
    .bind(by)
    .bind(now())
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the requests of `requester` still waiting for an answer (their account closes:
/// nobody would read the answer).
pub async fn drop_waiting(db: &Db, requester: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM introductions WHERE requester = $1 AND status = 'requested'")
        .bind(requester)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_outcome(db: &Db, id: i64, outcome: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE introductions SET outcome = $1 WHERE id = $2").bind(outcome).bind(id).execute(db).await?;
    Ok(())
}
