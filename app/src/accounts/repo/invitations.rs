//! SQL of invitations to join an organization.

use sqlx::AssertSqlSafe;

use crate::clock::{from_now, now};
use crate::db::Db;
use crate::error::AppError;

/// An invitation that can still be used.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    /// The hash of its link's token: what names it.
    pub token_hash: String,
    pub organization: String,
    /// The address it was mailed to: only the account with it may use it.
    pub email: String,
    pub invited_by: Option<i64>,
    /// The inviter's name, while their account exists.
    pub inviter: Option<String>,
}

/// Keeps an invitation of `email` to `organization` by `invited_by` for `seconds`.
pub async fn create_invitation(
    db: &Db,
    token_hash: &str,
    organization: &str,
    email: &str,
    invited_by: i64,
    seconds: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO invitations (token_hash, organization, email, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(organization)
    .bind(email)
    .bind(invited_by)
    .bind(now())
    .bind(from_now(seconds))
    .execute(db)
    .await?;
    Ok(())
}

/// An invitation counts while its inviter still belongs to its organization, neither
/// suspended nor deleted: someone removed cannot come back through an invitation they sent.
const INVITER_STILL_THERE: &str = "EXISTS (SELECT 1 FROM users u WHERE u.id = invitations.invited_by
    AND u.organization = invitations.organization AND u.deleted_at IS NULL AND u.suspended_at IS NULL)";

/// The invitations that can still be used (`$1`: now), with their inviter's name.
fn usable(condition: &str) -> AssertSqlSafe<String> {
    AssertSqlSafe(format!(
        "SELECT invitations.token_hash, invitations.organization, invitations.email, invitations.invited_by,
         u.name AS inviter
         FROM invitations JOIN users u ON u.id = invitations.invited_by
         WHERE invitations.used_at IS NULL AND invitations.expires_at > $1 AND {INVITER_STILL_THERE}
         AND {condition} ORDER BY invitations.created_at DESC"
    ))
}

/// The invitation with `token_hash`, if not used, not expired, and its inviter still there.
pub async fn invitation(db: &Db, token_hash: &str) -> Result<Option<Invitation>, AppError> {
    Ok(sqlx::query_as(usable("invitations.token_hash = $2")).bind(now()).bind(token_hash).fetch_optional(db).await?)
}

/// The usable invitations sent to `email`, newest first.
pub async fn invitations_for(db: &Db, email: &str) -> Result<Vec<Invitation>, AppError> {
    Ok(sqlx::query_as(usable("invitations.email = $2")).bind(now()).bind(email).fetch_all(db).await?)
}

/// Uses the invitation with `token_hash`: `user_id` becomes a member of its organization, and
/// every other waiting invitation of the same address to it is spent too (none is left to
/// bring them back after they leave). `None` (and nothing changed) if it was used meanwhile or
/// expired.
pub async fn accept_invitation(db: &Db, token_hash: &str, user_id: i64) -> Result<Option<String>, AppError> {
    let mut tx = db.begin().await?;
    let at = now();
    let organization: Option<String> = sqlx::query_scalar(AssertSqlSafe(format!(
        "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         AND {INVITER_STILL_THERE} RETURNING organization"
    )))
    .bind(&at)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(organization) = &organization {
        sqlx::query("UPDATE users SET organization = $1 WHERE id = $2")
            .bind(organization)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE invitations SET used_at = $1 WHERE organization = $2 AND used_at IS NULL
             AND email = (SELECT email FROM invitations WHERE token_hash = $3)",
        )
        .bind(&at)
        .bind(organization)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(organization)
}

/// The addresses invited to `organization` whose invitations wait (their inviter still there),
/// with when each expires.
pub async fn waiting_invitations(db: &Db, organization: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT email, MAX(expires_at) FROM invitations WHERE organization = $1 AND used_at IS NULL
         AND expires_at > $2 AND {INVITER_STILL_THERE} GROUP BY email ORDER BY email"
    )))
    .bind(organization)
    .bind(now())
    .fetch_all(db)
    .await?)
}

/// Withdraws the unused invitations of `email` to `organization`; answers how many there were.
pub async fn withdraw_invitations(db: &Db, organization: &str, email: &str) -> Result<u64, AppError> {
    Ok(sqlx::query("DELETE FROM invitations WHERE organization = $1 AND email = $2 AND used_at IS NULL")
        .bind(organization)
        .bind(email)
        .execute(db)
        .await?
        .rows_affected())
}

/// Declines the unused invitations of `email` to `organization`: spent, and remembered as
/// declined; answers how many there were.
pub async fn decline_invitations(db: &Db, organization: &str, email: &str) -> Result<u64, AppError> {
    let at = now();
    Ok(sqlx::query(
        "UPDATE invitations SET used_at = $1, declined_at = $1 WHERE organization = $2 AND email = $3
         AND used_at IS NULL",
    )
    .bind(&at)
    .bind(organization)
    .bind(email)
    .execute(db)
    .await?
    .rows_affected())
}

/// Whether `email` declined an invitation to `organization` in the last `seconds`.
pub async fn declined_since(db: &Db, organization: &str, email: &str, seconds: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization = $1 AND email = $2 AND declined_at > $3)",
    )
    .bind(organization)
    .bind(email)
    .bind(from_now(-seconds))
    .fetch_one(db)
    .await?)
}

/// The people of `organization`: name and address, by name.
pub async fn members(db: &Db, organization: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT name, email FROM users WHERE organization = $1 AND deleted_at IS NULL AND suspended_at IS NULL
         ORDER BY name, email",
    )
    .bind(organization)
    .fetch_all(db)
    .await?)
}

/// Whether `email` has an account in `organization`.
pub async fn is_member(db: &Db, organization: &str, email: &str) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM users WHERE organization = $1 AND email = $2 AND deleted_at IS NULL)",
    )
    .bind(organization)
    .bind(email)
    .fetch_one(db)
    .await?)
}
