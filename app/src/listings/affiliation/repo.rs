//! All SQL of affiliation requests.

use sqlx::SqliteConnection;

use super::AffiliationRequest;
use crate::catalog::model::{Kind, Record};
use crate::clock::now;
use crate::db::Db;
use crate::error::AppError;

/// A request as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub kind: String,
    pub record_id: String,
    pub organization: String,
    pub requester: i64,
    /// The author asked to publish the profile (not to keep it a draft).
    pub publish: bool,
}

/// Asks `organization` to confirm `kind`/`record_id`. A request naming another organization
/// is replaced by a new one (a new id: an answer given to the old one finds nothing); true
/// when the organization is asked for the first time.
pub async fn request(
    conn: &mut SqliteConnection,
    kind: Kind,
    record_id: &str,
    organization: &str,
    requester: i64,
    publish: bool,
) -> Result<bool, AppError> {
    let same = sqlx::query(
        "UPDATE affiliation_requests SET publish = $1 WHERE kind = $2 AND record_id = $3 AND organization = $4",
    )
    .bind(publish)
    .bind(kind.code())
    .bind(record_id)
    .bind(organization)
    .execute(&mut *conn)
    .await?;
    if same.rows_affected() == 1 {
        return Ok(false);
    }
    withdraw(conn, kind, record_id, None).await?;
    sqlx::query(
        "INSERT INTO affiliation_requests (kind, record_id, organization, requester, created_at, publish)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(kind.code())
    .bind(record_id)
    .bind(organization)
    .bind(requester)
    .bind(now())
    .bind(publish)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Drops the request for `kind`/`record_id`, unless it names `keep` (an officer saved the
/// profile under that organization: a request for another one would undo the officer's choice).
pub async fn withdraw(
    conn: &mut SqliteConnection,
    kind: Kind,
    record_id: &str,
    keep: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query(
        "DELETE FROM affiliation_requests WHERE kind = $1 AND record_id = $2 AND ($3 IS NULL OR organization <> $3)",
    )
    .bind(kind.code())
    .bind(record_id)
    .bind(keep)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes request `id` as it is answered (inside the answer's transaction): `None` if there is
/// none, or someone answered it first.
pub async fn take(conn: &mut SqliteConnection, id: i64) -> Result<Option<Row>, AppError> {
    Ok(sqlx::query_as(
        "DELETE FROM affiliation_requests WHERE id = $1
         RETURNING id, kind, record_id, organization, requester, publish",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Waiting requests, oldest first: of `requester` if given, to `organization` if given (both
/// `None`: all, for officers).
pub async fn list(
    db: &Db,
    requester: Option<i64>,
    organization: Option<&str>,
) -> Result<Vec<AffiliationRequest>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Listed {
        id: i64,
        kind: String,
        record_id: String,
        organization: String,
        organization_title: String,
        requester_name: String,
        requester_email: String,
        created_at: String,
        doc: Option<String>,
        draft: bool,
    }
    let rows: Vec<Listed> = sqlx::query_as(
        "SELECT a.id, a.kind, a.record_id, a.organization, COALESCE(o.title, a.organization) AS organization_title,
           u.name AS requester_name, u.email AS requester_email, a.created_at,
           COALESCE(l.draft, r.doc) AS doc, l.draft IS NOT NULL AS draft
         FROM affiliation_requests a
         JOIN users u ON u.id = a.requester
         LEFT JOIN records o ON o.kind = 'organization' AND o.id = a.organization
         LEFT JOIN listings l ON l.kind = a.kind AND l.id = a.record_id
         LEFT JOIN records r ON r.kind = a.kind AND r.id = a.record_id
         WHERE ($1 IS NULL OR a.requester = $1) AND ($2 IS NULL OR a.organization = $2)
         ORDER BY a.created_at, a.id LIMIT 500",
    )
    .bind(requester)
    .bind(organization)
    .fetch_all(db)
    .await?;
    let mut requests = Vec::new();
    for row in rows {
        let (Some(kind), Some(doc)) = (Kind::from_code(&row.kind), row.doc) else { continue };
        let record: Record = serde_json::from_str(&doc).map_err(AppError::internal)?;
        requests.push(AffiliationRequest {
            id: row.id,
            kind,
            record_id: row.record_id,
            record_title: record.entry().title().base.to_string(),
            draft: row.draft,
            organization: row.organization,
            organization_title: row.organization_title,
            requester_name: row.requester_name,
            requester_email: Some(row.requester_email),
            created_at: row.created_at,
        });
    }
    Ok(requests)
}
