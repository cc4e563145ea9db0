//! All SQL of accounts: people, roles, sign-ups, password resets, the outbox and the audit log;
//! sessions in `sessions`, invitations to an organization in `invitations`.

use super::model::{AuditEntry, Mail, Role, User};
use crate::clock::{from_now, now};
use crate::db::Db;
use crate::error::AppError;

pub mod email_changes;
mod invitations;
mod sessions;
pub use invitations::{
    accept_invitation, create_invitation, decline_invitations, declined_since, invitation, invitations_for, is_member,
    members, waiting_invitations, withdraw_invitations, Invitation,
};
pub use sessions::{
    create_session, create_session_from, delete_session, end_other_sessions, end_session, session_user, sessions_of,
};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    organization: Option<String>,
    suspended_reason: Option<String>,
}

async fn with_roles(db: &Db, row: Option<UserRow>) -> Result<Option<User>, AppError> {
    let Some(row) = row else { return Ok(None) };
    let codes: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(row.id)
        .fetch_all(db)
        .await?;
    let roles = Role::ALL.iter().copied().filter(|r| codes.iter().any(|c| c == r.code())).collect();
    Ok(Some(User {
        id: row.id,
        email: row.email,
        name: row.name,
        roles,
        organization: row.organization,
        suspended: row.suspended_reason,
    }))
}

/// Creates a person; `Conflict` when the email is taken.
pub async fn create_user(
    db: &Db,
    email: &str,
    name: &str,
    password_hash: &str,
    roles: &[Role],
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(password_hash)
    .bind(now())
    .fetch_optional(&mut *tx)
    .await?;
    let id = inserted.ok_or_else(|| AppError::Conflict("email".into()))?;
    for role in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(role.code())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// A person by id.
pub async fn user(db: &Db, id: i64) -> Result<Option<User>, AppError> {
    let row = sqlx::query_as(
        "SELECT id, email, name, organization, suspended_reason FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    with_roles(db, row).await
}

/// A person's id and password hash, by email.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1 AND deleted_at IS NULL")
        .bind(email)
        .fetch_optional(db)
        .await?)
}

/// Replaces a person's password and ends all their sessions.
/// Renames the person `user_id`.
pub async fn set_name(db: &Db, user_id: i64, name: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET name = $1 WHERE id = $2").bind(name).bind(user_id).execute(db).await?;
    Ok(())
}

pub async fn set_password(db: &Db, user_id: i64, password_hash: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Replaces a person's roles.
pub async fn set_roles(db: &Db, user_id: i64, roles: &[Role]) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    for role in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(user_id)
            .bind(role.code())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Makes a person a member of an organization (or of none).
pub async fn set_organization(db: &Db, user_id: i64, organization: Option<&str>) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET organization = $1 WHERE id = $2")
        .bind(organization)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The name a deleted account goes by wherever others still see its work.
pub const DELETED_NAME: &str = "Tài khoản đã xoá · Deleted account";

/// Closes `user_id`'s account for good: what identifies the person goes (email, name,
/// password, organization, roles, sessions, reset links, invitations sent or received, the
/// address in the audit log); the row stays, so that what others keep of their work (an
/// application, an introduction) still points somewhere. The address is free to sign up again.
pub async fn close_account(db: &Db, user_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let email: String =
        sqlx::query_scalar("SELECT email FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *tx).await?;
    let named = format!("user:{user_id}");
    sqlx::query("UPDATE audit_log SET target = $1 WHERE target = $2")
        .bind(&named)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE audit_log SET detail = $1 WHERE detail = $2")
        .bind(&named)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM invitations WHERE invited_by = $1 OR email = $2")
        .bind(user_id)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', name = $1, password_hash = '!',
         organization = NULL, deleted_at = $2 WHERE id = $3",
    )
    .bind(DELETED_NAME)
    .bind(now())
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    for delete in [
        "DELETE FROM user_roles WHERE user_id = $1",
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM password_resets WHERE user_id = $1",
    ] {
        sqlx::query(delete).bind(user_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Everyone, for the admin page.
pub async fn users(db: &Db) -> Result<Vec<User>, AppError> {
    let rows: Vec<UserRow> = sqlx::query_as(
        "SELECT id, email, name, organization, suspended_reason FROM users WHERE deleted_at IS NULL ORDER BY email",
    )
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.extend(with_roles(db, Some(row)).await?);
    }
    Ok(out)
}

/// The ids of everyone holding `role`.
pub async fn holders(db: &Db, role: Role) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar("SELECT user_id FROM user_roles WHERE role = $1").bind(role.code()).fetch_all(db).await?)
}

/// A sign-up waiting for its email address to be confirmed.
#[derive(sqlx::FromRow)]
pub struct PendingSignup {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    /// When the terms and personal-data policy were agreed to.
    pub consented_at: Option<String>,
}

/// Keeps a sign-up until the link with `token_hash` is used, for `seconds`.
pub async fn create_pending_signup(
    db: &Db,
    token_hash: &str,
    signup: &PendingSignup,
    seconds: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO pending_signups (token_hash, email, name, password_hash, role, expires_at, consented_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash)
    .bind(&signup.email)
    .bind(&signup.name)
    .bind(&signup.password_hash)
    .bind(&signup.role)
    .bind(from_now(seconds))
    .bind(&signup.consented_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The sign-up a link stands for, if the link is valid and unexpired; uses nothing up.
pub async fn pending_signup(db: &Db, token_hash: &str) -> Result<Option<PendingSignup>, AppError> {
    Ok(sqlx::query_as(
        "SELECT email, name, password_hash, role, consented_at FROM pending_signups WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(db)
    .await?)
}

/// Uses up a sign-up link: the sign-up, if the link was valid and unexpired. Every other
/// pending sign-up of the same address goes with it.
pub async fn take_pending_signup(db: &Db, token_hash: &str) -> Result<Option<PendingSignup>, AppError> {
    let mut tx = db.begin().await?;
    let found: Option<PendingSignup> =
        sqlx::query_as("DELETE FROM pending_signups WHERE token_hash = $1 AND expires_at > $2 RETURNING email, name, password_hash, role, consented_at")
            .bind(token_hash)
            .bind(now())
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(signup) = &found {
        sqlx::query("DELETE FROM pending_signups WHERE email = $1").bind(&signup.email).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(found)
}

/// Records when `user` consented to the terms and the personal-data policy.
pub async fn set_consent(db: &Db, user: i64, at: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET consented_at = $1 WHERE id = $2").bind(at).bind(user).execute(db).await?;
    Ok(())
}

/// Stores a one-time password reset token (hashed), revoking the person's earlier ones: only the
/// newest link works.
pub async fn create_reset(db: &Db, token_hash: &str, user_id: i64, seconds: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(from_now(seconds))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Uses up a reset token: the person it was for, if it was valid, unused and unexpired.
pub async fn use_reset(db: &Db, token_hash: &str) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(db)
    .await?)
}

/// Queues a mail. It is sent by SMTP when configured; admins can read the outbox either way.
pub async fn queue_mail(db: &Db, recipient: &str, subject: &str, body: &str) -> Result<(), AppError> {
    sqlx::query("INSERT INTO outbox (recipient, subject, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .bind(now())
        .execute(db)
        .await?;
    Ok(())
}

/// The oldest mails not sent yet, with their ids.
pub async fn unsent(db: &Db, limit: i64) -> Result<Vec<(i64, Mail)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        #[sqlx(flatten)]
        mail: Mail,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, recipient, subject, body, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.mail)).collect())
}

/// Marks a mail sent and drops its body (it may hold a reset link); its address, subject and
/// times stay for the admins' record.
pub async fn mark_sent(db: &Db, id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE outbox SET sent_at = $1, body = '' WHERE id = $2").bind(now()).bind(id).execute(db).await?;
    Ok(())
}

/// Deletes what has expired: sessions, reset tokens (expired or used), sign-ups never confirmed
/// and mail sent over 30
/// days ago. Answers how many rows went.
pub async fn purge_expired(db: &Db) -> Result<u64, AppError> {
    let now = now();
    let mut purged =
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(&now).execute(db).await?.rows_affected();
    purged += sqlx::query("DELETE FROM password_resets WHERE expires_at < $1 OR used_at IS NOT NULL")
        .bind(&now)
        .execute(db)
        .await?
        .rows_affected();
    purged +=
        sqlx::query("DELETE FROM pending_signups WHERE expires_at < $1").bind(&now).execute(db).await?.rows_affected();
    purged +=
        sqlx::query("DELETE FROM invitations WHERE expires_at < $1").bind(&now).execute(db).await?.rows_affected();
    purged += sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(from_now(-30 * 24 * 3600))
        .execute(db)
        .await?
        .rows_affected();
    Ok(purged)
}

/// The newest mails, newest first.
pub async fn outbox(db: &Db, limit: i64) -> Result<Vec<Mail>, AppError> {
    Ok(sqlx::query_as("SELECT recipient, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT $1")
        .bind(limit)
        .fetch_all(db)
        .await?)
}

/// Writes what an officer or admin did.
pub async fn audit<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    user_id: i64,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO audit_log (user_id, action, target, detail, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(user_id)
        .bind(action)
        .bind(target)
        .bind(detail)
        .bind(now())
        .execute(db)
        .await?;
    Ok(())
}

/// The newest audit entries, newest first.
pub async fn audit_log(db: &Db, limit: i64) -> Result<Vec<AuditEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.email, a.action, a.target, a.detail, a.at FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         ORDER BY a.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?)
}
