//! Listings hidden with their organization: when an officer hides an organization (or
//! suspends its owner), the needs, offers, labs, experts and calls that belong to it leave the
//! portal too, and so do the offers of those labs and experts, and what is published for any of
//! them afterwards; showing it again brings back those and no other.

use sqlx::SqliteConnection;

use crate::catalog::model::{Kind, Record};
use crate::error::AppError;

// A record belongs to the organization its `organization`, `owner_org` or `issuer` names, and
// an offer to the lab and expert its `owner_lab` and `owner_expert` name (a pilot's supervisor
// does not make the pilot theirs): `rel IN (...)` below.

/// The hidden organization `record` belongs to, directly or through a lab or expert held with
/// it: one an officer hid or whose owner is suspended.
async fn hidden_organization(conn: &mut SqliteConnection, record: &Record) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT COALESCE(h.organization, k.target_id) FROM record_links k
         LEFT JOIN listings s ON s.kind = k.target_kind AND s.id = k.target_id
         LEFT JOIN organization_holds h ON h.kind = k.target_kind AND h.id = k.target_id
         WHERE k.kind = $1 AND k.id = $2
           AND k.rel IN ('organization', 'owner_org', 'issuer', 'owner_lab', 'owner_expert')
           AND (h.organization IS NOT NULL
                OR (k.target_kind = 'organization' AND (s.moderated_at IS NOT NULL OR s.suspended)))
         LIMIT 1",
    )
    .bind(record.kind().code())
    .bind(record.id())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Holds `record` (just published) back while its organization is hidden; answers whether it did.
pub async fn hold_if_hidden(conn: &mut SqliteConnection, record: &Record) -> Result<bool, AppError> {
    let (kind, id) = (record.kind().code(), record.id());
    sqlx::query("DELETE FROM organization_holds WHERE kind = $1 AND id = $2")
        .bind(kind)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let Some(organization) = hidden_organization(conn, record).await? else { return Ok(false) };
    hold(conn, record.kind(), id, &organization).await?;
    Ok(true)
}

async fn hold(conn: &mut SqliteConnection, kind: Kind, id: &str, organization: &str) -> Result<(), AppError> {
    sqlx::query("INSERT INTO organization_holds (kind, id, organization) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(kind.code())
        .bind(id)
        .bind(organization)
        .execute(&mut *conn)
        .await?;
    crate::catalog::repo::set_hidden(conn, kind, id, true).await?;
    Ok(())
}

/// Makes the public listings of `organization` follow it out of view (`hidden`), with the
/// offers of its labs and experts, or brings back those it took (unless hidden for another
/// reason meanwhile).
pub async fn follow(conn: &mut SqliteConnection, organization: &str, hidden: bool) -> Result<(), AppError> {
    if hidden {
        let mut owners = vec![(Kind::Organization, organization.to_string())];
        while let Some((kind, id)) = owners.pop() {
            let public: Vec<(String, String)> = sqlx::query_as(
                "SELECT k.kind, k.id FROM record_links k JOIN records r ON r.kind = k.kind AND r.id = k.id
                 WHERE k.target_kind = $1 AND k.target_id = $2
                   AND k.rel IN ('organization', 'owner_org', 'issuer', 'owner_lab', 'owner_expert')
                   AND r.hidden = FALSE",
            )
            .bind(kind.code())
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            for (kind, id) in public {
                let Some(kind) = Kind::from_code(&kind) else { continue };
                hold(conn, kind, &id, organization).await?;
                if matches!(kind, Kind::Lab | Kind::Expert) {
                    owners.push((kind, id));
                }
            }
        }
        return Ok(());
    }
    let held: Vec<(String, String)> =
        sqlx::query_as("DELETE FROM organization_holds WHERE organization = $1 RETURNING kind, id")
            .bind(organization)
            .fetch_all(&mut *conn)
            .await?;
    for (kind, id) in held {
        if let Some(kind) = Kind::from_code(&kind) {
            super::repo::unhide(conn, kind, &id).await?;
        }
    }
    Ok(())
}
