//! Affiliation requests: a lab or expert profile may name as its organization only its author's
//! own (officers: any). Naming another organization is a request that the organization's people
//! or an officer confirm; until then a new profile stays a draft and an edited one keeps the
//! organization it had.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::accounts::model::User;
use crate::catalog::model::{Kind, Record};

/// A request waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffiliationRequest {
    pub id: i64,
    pub kind: Kind,
    pub record_id: String,
    pub record_title: String,
    /// The profile is still a draft (nobody but its author and officers sees it).
    pub draft: bool,
    pub organization: String,
    pub organization_title: String,
    pub requester_name: String,
    /// Shown to officers only: an organization's people see who asks by name, not the address.
    pub requester_email: Option<String>,
    pub created_at: String,
}

impl AffiliationRequest {
    pub fn record_href(&self) -> String {
        format!("{}/{}", self.kind.path(), self.record_id)
    }
}

/// What `/mine` shows: the requests the person answers, and their own waiting ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affiliations {
    pub to_answer: Vec<AffiliationRequest>,
    pub mine: Vec<AffiliationRequest>,
}

/// The organization a lab or expert names (other kinds: none).
pub fn organization_of(record: &Record) -> Option<&str> {
    match record {
        Record::Lab(lab) => Some(&lab.organization),
        Record::Expert(expert) => expert.organization.as_deref(),
        _ => None,
    }
}

/// `record` naming `organization` instead (a lab always names one: `None` leaves it).
pub fn with_organization(record: Record, organization: Option<String>) -> Record {
    match record {
        Record::Lab(mut lab) => {
            if let Some(org) = organization {
                lab.organization = org;
            }
            Record::Lab(lab)
        }
        Record::Expert(mut expert) => {
            expert.organization = organization;
            Record::Expert(expert)
        }
        other => other,
    }
}

/// The organization `record` names that `user` may not name on their own: not theirs, and not
/// the `settled` one (the published profile's, or the one confirmed for a draft). Officers
/// name any.
pub fn claimed(user: &User, record: &Record, settled: Option<&str>) -> Option<String> {
    if user.is_staff() {
        return None;
    }
    let org = organization_of(record)?;
    let mine = user.organization.as_deref() == Some(org) || settled == Some(org);
    (!mine).then(|| org.to_string())
}

/// Whether `user` answers a request to join `organization`: its people, or officers.
pub fn answers(user: &User, organization: &str) -> bool {
    user.is_staff() || user.organization.as_deref() == Some(organization)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::model::Role;

    fn user(roles: &[Role], organization: Option<&str>) -> User {
        User::sample(roles, organization)
    }

    fn lab(org: &str) -> Record {
        serde_json::from_value(serde_json::json!({
            "kind": "lab", "id": "l", "name": "L", "organization": org, "description": "d",
            "capabilities": [], "sectors": []
        }))
        .unwrap()
    }

    #[test]
    fn only_an_organization_not_yet_settled_is_claimed() {
        let researcher = user(&[Role::Researcher], None);
        assert_eq!(claimed(&researcher, &lab("ria3"), None).as_deref(), Some("ria3"));
        assert_eq!(claimed(&researcher, &lab("ria3"), Some("ria3")), None, "already confirmed");
        assert_eq!(claimed(&researcher, &lab("vnio"), Some("ria3")).as_deref(), Some("vnio"));
        assert_eq!(claimed(&user(&[Role::Researcher], Some("ria3")), &lab("ria3"), None), None, "their own");
        assert_eq!(claimed(&user(&[Role::Officer], None), &lab("ria3"), None), None);
    }

    #[test]
    fn a_kept_affiliation_replaces_the_claimed_one() {
        let kept = with_organization(lab("vnio"), Some("ria3".into()));
        assert_eq!(organization_of(&kept), Some("ria3"));
        assert!(answers(&user(&[Role::Member], Some("ria3")), "ria3"));
        assert!(!answers(&user(&[Role::Member], Some("vnio")), "ria3"));
        assert!(answers(&user(&[Role::Officer], None), "ria3"));
    }
}
