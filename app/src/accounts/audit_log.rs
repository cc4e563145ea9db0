//! The audit log as an admin reads it: each entry with the record it was done to, by title
//! and linked, and an assignment of roles and organization in words rather than codes.

use leptos::prelude::*;

use super::model::AuditEntry;
#[cfg(feature = "ssr")]
use super::model::Role;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

/// The newest audit log entries (admins only).
#[server(prefix = "/fn", endpoint = "read_audit_log")]
pub async fn read_audit_log() -> Result<Vec<AuditEntry>, AppError> {
    super::session::require_role(&[Role::Admin]).await?;
    let db = &crate::state::app_state()?.db;
    let lang = crate::i18n::request_lang();
    let mut entries = super::repo::audit_log(db, 200).await?;
    for entry in &mut entries {
        if let Some((kind, id)) = audited_record(&entry.action, &entry.target) {
            let titles = crate::catalog::repo::titles(db, kind, &id).await?;
            entry.record = titles.map(|t| (lang.pick(t.vi, t.en), format!("{}/{id}", kind.path())));
        }
        if entry.action == "assign_user" {
            let (roles, organization) = assignment(&entry.detail);
            let name = match organization {
                Some(id) => crate::catalog::repo::titles(db, crate::catalog::model::Kind::Organization, id)
                    .await?
                    .map_or_else(|| id.to_string(), |t| lang.pick(t.vi, t.en)),
                None => "—".to_string(),
            };
            entry.detail = assignment_text(&roles, &name, lang);
        }
    }
    Ok(entries)
}

/// The record an audited `action` on `target` was done to: `kind/id` targets, publishing
/// (`publish_need` on an id), and the organization of invitations and verification.
#[cfg(feature = "ssr")]
fn audited_record(action: &str, target: &str) -> Option<(crate::catalog::model::Kind, String)> {
    use crate::catalog::model::Kind;
    if let Some((kind, id)) = target.split_once('/').and_then(|(k, id)| Some((Kind::from_code(k)?, id))) {
        return Some((kind, id.to_string()));
    }
    if let Some(kind) = action.strip_prefix("publish_").and_then(Kind::from_code) {
        return Some((kind, target.to_string()));
    }
    let organization = matches!(
        action,
        "verify_organization" | "invite_colleague" | "join_organization" | "withdraw_invitation" | "decline_invitation"
    );
    organization.then(|| (Kind::Organization, target.to_string()))
}

/// The roles and the organization's id (none for `-`) of an `assign_user` entry's detail, as
/// `accounts::api::assign_user` writes it: `roles=member,officer organization=so-khcn`.
#[cfg(feature = "ssr")]
fn assignment(detail: &str) -> (Vec<Role>, Option<&str>) {
    let value =
        |name: &str| detail.split(' ').find_map(|part| part.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')));
    let roles = value("roles").unwrap_or_default().split(',').filter_map(Role::from_code).collect();
    (roles, value("organization").filter(|id| !id.is_empty() && *id != "-"))
}

/// An assignment in words: "Vai trò: … · Tổ chức: …".
#[cfg(feature = "ssr")]
fn assignment_text(roles: &[Role], organization: &str, lang: Lang) -> String {
    let roles: Vec<&str> = roles.iter().map(|r| r.label(lang)).collect();
    let roles = if roles.is_empty() { "—".to_string() } else { roles.join(", ") };
    format!("{} {roles} · {} {organization}", lang.pick("Vai trò:", "Roles:"), lang.pick("Tổ chức:", "Organization:"))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_assignment_reads_in_words() {
        let (roles, organization) = assignment("roles=member,officer organization=so-khcn");
        assert_eq!(roles, [Role::Member, Role::Officer]);
        assert_eq!(organization, Some("so-khcn"));
        assert_eq!(assignment("roles= organization=-"), (vec![], None));
        assert_eq!(
            assignment_text(&roles, "Sở KH&CN", Lang::En),
            "Roles: Business member, Province officer · Organization: Sở KH&CN"
        );
    }
}
