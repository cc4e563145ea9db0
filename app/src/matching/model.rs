//! What matching asks and answers.

use serde::{Deserialize, Serialize};

use crate::catalog::model::{Badge, Kind};
use crate::i18n::Lang;
use crate::vocab::{PartnerType, Sector};

/// Most matches one request may ask for.
pub const MAX_MATCHES: usize = 50;
/// Matches returned when the request does not say.
pub const DEFAULT_MATCHES: usize = 10;

/// A need to match: stored, or described by someone and not stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchRequest {
    /// At most 300 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 300))]
    pub title: String,
    /// At most 20,000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub description: String,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub partner_types: Vec<PartnerType>,
    /// The least technology readiness level, from 1 to 9.
    #[serde(default, deserialize_with = "whole")]
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 9))]
    pub trl_min: Option<u8>,
    /// How many matches: 10 by default, from 1 to 50.
    #[serde(default, deserialize_with = "whole")]
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 50))]
    pub limit: Option<usize>,
}

/// A whole number as JSON may write it: `16` or `16.0` (JSON Schema's integers, both).
fn whole<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<u64>,
{
    use serde::de::Error;
    let Some(number) = Option::<serde_json::Number>::deserialize(deserializer)? else { return Ok(None) };
    let whole = match (number.as_u64(), number.as_f64()) {
        (Some(n), _) => Some(n),
        (None, Some(f)) if f.fract() == 0.0 && (0.0..u64::MAX as f64).contains(&f) => Some(f as u64),
        _ => None,
    };
    whole
        .and_then(|n| T::try_from(n).ok())
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("{number} is not a whole number in range")))
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
        if self.limit.is_some_and(|n| !(1..=MAX_MATCHES).contains(&n)) {
            return Err(format!("limit: must be a whole number from 1 to {MAX_MATCHES}"));
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

/// How well a match fits, in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Strength {
    Strong,
    Good,
    Partial,
}

impl Strength {
    /// From what the candidate has in common with the need, never from its score beside the
    /// others' (the best of a poor list is not a strong match): the phrases, codes and terms
    /// it quotes, and whether it works in one of the need's sectors.
    pub fn of(quoted: usize, same_sector: bool) -> Strength {
        if quoted >= 3 || (quoted == 2 && same_sector) {
            Strength::Strong
        } else if quoted >= 1 {
            Strength::Good
        } else {
            Strength::Partial
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Good => "good",
            Strength::Partial => "partial",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Strength::Strong => lang.pick("Rất phù hợp", "Strong match"),
            Strength::Good => lang.pick("Phù hợp", "Good match"),
            Strength::Partial => lang.pick("Phù hợp một phần", "Partial match"),
        }
    }
}

/// One suggested partner, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub score: f32,
    pub strength: Strength,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_counts_what_is_in_common_not_the_rank() {
        assert_eq!(Strength::of(0, true), Strength::Partial, "a sector alone is not a match");
        assert_eq!(Strength::of(1, false), Strength::Good);
        assert_eq!(Strength::of(2, true), Strength::Strong);
        assert_eq!(Strength::of(2, false), Strength::Good);
        assert_eq!(Strength::of(3, false), Strength::Strong);
    }
}
