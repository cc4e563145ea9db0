//! All SQL of service requests.

use crate::clock::now;
use std::sync::LazyLock;

use crate::db::Db;
use crate::error::AppError;
use crate::lab_orders::parties::{select, Parties};

/// A request as stored, with the lab and the names both sides see.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    #[sqlx(flatten)]
    pub parties: Parties,
    pub service: String,
    pub samples: i64,
    pub wanted_by: Option<String>,
    pub notes: String,
    pub status: String,
    pub created_at: String,
}

/// A step as stored, with the quote sent or answered at it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StepRow {
    pub status: String,
    pub quote_id: Option<i64>,
    pub by_name: String,
    pub at: String,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub lines: Option<String>,
    pub total_vnd: Option<i64>,
    pub valid_until: Option<String>,
    pub conditions: Option<String>,
}

static SELECT: LazyLock<String> = LazyLock::new(|| {
    select(
        "service_requests",
        "requester",
        "t.id, t.service, t.samples, t.wanted_by, t.notes, t.status, t.created_at",
        "",
    )
});

/// What a new request says.
pub struct New<'a> {
    pub lab: &'a str,
    pub service: &'a str,
    pub requester: i64,
    pub organization: Option<&'a str>,
    pub samples: u32,
    pub wanted_by: Option<String>,
    pub notes: &'a str,
}

/// Stores a request and its first step.
pub async fn create(db: &Db, new: New<'_>) -> Result<i64, AppError> {
    let at = now();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO service_requests (lab, service, requester, organization, samples, wanted_by, notes, status,
           created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8) RETURNING id",
    )
    .bind(new.lab)
    .bind(new.service)
    .bind(new.requester)
    .bind(new.organization)
    .bind(i64::from(new.samples))
    .bind(new.wanted_by)
    .bind(new.notes)
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO service_request_steps (request, status, by_user, at) VALUES ($1, 'requested', $2, $3)")
        .bind(id)
        .bind(new.requester)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Row>, AppError> {
    let sql = format!("{} WHERE t.id = $1", *SELECT);
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?)
}

/// The requests `user` made, and those to the labs they manage, newest first.
pub async fn involving(db: &Db, user: i64) -> Result<Vec<Row>, AppError> {
    let sql = format!("{} WHERE t.requester = $1 OR l.owner = $1 ORDER BY t.id DESC LIMIT 200", *SELECT);
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user).fetch_all(db).await?)
}

/// Every step of request `id`, oldest first.
pub async fn steps(db: &Db, id: i64) -> Result<Vec<StepRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT t.status, t.quote AS quote_id, u.name AS by_name, t.at, t.reason, t.note, q.lines, q.total_vnd,
           q.valid_until, q.conditions
         FROM service_request_steps t JOIN users u ON u.id = t.by_user LEFT JOIN service_quotes q ON q.id = t.quote
         WHERE t.request = $1 ORDER BY t.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?)
}

/// A quote as stored: its lines as JSON, total, last valid day, conditions.
pub struct NewQuote<'a> {
    pub lines: &'a str,
    pub total_vnd: i64,
    pub valid_until: &'a str,
    pub conditions: &'a str,
}

/// A step: from which statuses to which, by whom, why, with what quote.
pub struct Move<'a> {
    pub from: &'a [&'a str],
    pub to: &'a str,
    pub by: i64,
    pub reason: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The quote sent at this step.
    pub quote: Option<NewQuote<'a>>,
    /// The quote answered: the step is taken only while it is the latest one, and (with
    /// `valid_on`) valid on that day (`YYYY-MM-DD`, compared as text).
    pub answered: Option<i64>,
    pub valid_on: Option<&'a str>,
}

/// The latest quote of request `id`: its id and last valid day.
pub async fn latest_quote(db: &Db, id: i64) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, valid_until FROM service_quotes WHERE request = $1 ORDER BY id DESC LIMIT 1")
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// Takes step `step` on request `id` if it stands in one of `step.from` (and the quote answered
/// is the latest, valid on `step.valid_on`), recording the step and the quote sent with it, in
/// one transaction. False: it had moved on (or the quote changed or expired); nothing changed.
pub async fn step(db: &Db, id: i64, step: Move<'_>) -> Result<bool, AppError> {
    let from = serde_json::to_string(step.from).map_err(AppError::internal)?;
    let mut tx = db.begin().await?;
    let moved = sqlx::query(
        "UPDATE service_requests SET status = $1
         WHERE id = $2 AND status IN (SELECT value FROM json_each($3))
           AND ($4 IS NULL OR (SELECT q.id FROM service_quotes q WHERE q.request = $2 ORDER BY q.id DESC LIMIT 1) = $4)
           AND ($5 IS NULL OR (SELECT q.valid_until FROM service_quotes q WHERE q.request = $2
                               ORDER BY q.id DESC LIMIT 1) >= $5)",
    )
    .bind(step.to)
    .bind(id)
    .bind(from)
    .bind(step.answered)
    .bind(step.valid_on)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(false);
    }
    let quote_id: Option<i64> = match step.quote {
        Some(quote) => Some(
            sqlx::query_scalar(
                "INSERT INTO service_quotes (request, lines, total_vnd, valid_until, conditions)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(id)
            .bind(quote.lines)
            .bind(quote.total_vnd)
            .bind(quote.valid_until)
            .bind(quote.conditions)
            .fetch_one(&mut *tx)
            .await?,
        ),
        None => step.answered,
    };
    sqlx::query(
        "INSERT INTO service_request_steps (request, status, by_user, reason, note, quote, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(step.to)
    .bind(step.by)
    .bind(step.reason)
    .bind(step.note)
    .bind(quote_id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Deletes the requests of `requester` not yet settled (their account closes: nobody would
/// read the quote).
pub async fn drop_waiting(db: &Db, requester: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM service_requests WHERE requester = $1 AND status IN ('requested', 'quoted')")
        .bind(requester)
        .execute(db)
        .await?;
    Ok(())
}

/// Stores the results file of request `id`, replacing one sent before.
pub async fn set_results(db: &Db, id: i64, name: &str, content: &[u8], by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO service_results (request, name, size, content, uploaded_by, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (request) DO UPDATE SET name = excluded.name, size = excluded.size, content = excluded.content,
           uploaded_by = excluded.uploaded_by, at = excluded.at",
    )
    .bind(id)
    .bind(name)
    .bind(content.len() as i64)
    .bind(content)
    .bind(by)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

/// The results file of request `id`: its name and content.
pub async fn results(db: &Db, id: i64) -> Result<Option<(String, Vec<u8>)>, AppError> {
    Ok(sqlx::query_as("SELECT name, content FROM service_results WHERE request = $1")
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The name and size of request `id`'s results file, if the lab sent one.
pub async fn results_file(db: &Db, id: i64) -> Result<Option<(String, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT name, size FROM service_results WHERE request = $1").bind(id).fetch_optional(db).await?)
}
