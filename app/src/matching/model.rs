//! What matching asks and answers.

use serde::{Deserialize, Serialize};

use crate::catalog::model::{Badge, Kind};
use crate::vocab::{PartnerType, Sector};

/// Most matches one request may ask for.
pub const MAX_MATCHES: usize = 50;
/// Matches returned when the request does not say.
pub const DEFAULT_MATCHES: usize = 10;

/// A need to match: stored, or described by someone and not stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchRequest {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub partner_types: Vec<PartnerType>,
    #[serde(default)]
    pub trl_min: Option<u8>,
    #[serde(default)]
    pub limit: Option<usize>,
}

impl MatchRequest {
    /// Checks what a person sent; says what to fix.
    pub fn validate(&self) -> Result<(), String> {
        if self.title.trim().is_empty() && self.description.trim().is_empty() {
            return Err("describe the need: title or description must not be empty".into());
        }
        if self.title.chars().count() > 300 {
            return Err("title: at most 300 characters".into());
        }
        if self.description.chars().count() > 20_000 {
            return Err("description: at most 20000 characters".into());
        }
        if let Some(trl) = self.trl_min {
            if !(1..=9).contains(&trl) {
                return Err(format!("trl_min: must be from 1 to 9, not {trl}"));
            }
        }
        if self.limit == Some(0) {
            return Err("limit: must be at least 1".into());
        }
        Ok(())
    }

    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_MATCHES).clamp(1, MAX_MATCHES)
    }

    /// The kinds of record it looks for (all five when it does not say).
    pub fn kinds(&self) -> Vec<Kind> {
        let types = if self.partner_types.is_empty() { PartnerType::ALL.to_vec() } else { self.partner_types.clone() };
        types.iter().map(|t| partner_kind(*t)).collect()
    }
}

/// The kind of record a partner type is.
pub fn partner_kind(t: PartnerType) -> Kind {
    match t {
        PartnerType::Lab => Kind::Lab,
        PartnerType::Expert => Kind::Expert,
        PartnerType::Offer => Kind::Offer,
        PartnerType::Pilot => Kind::Pilot,
        PartnerType::Call => Kind::Call,
    }
}

/// One suggested partner, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub score: f32,
    pub reasons: Vec<String>,
    /// The organization it belongs to.
    pub subtitle: Option<String>,
    pub badges: Vec<Badge>,
}

impl Match {
    pub fn href(&self) -> String {
        format!("{}/{}", self.kind.path(), self.id)
    }
}

/// Kinds whose page lists matches.
pub fn has_matches(kind: Kind) -> bool {
    matches!(kind, Kind::Need | Kind::Offer | Kind::Lab | Kind::Expert | Kind::Call)
}
