//! How a candidate is scored against a need, component by component. Pure: the matcher feeds
//! it what the index found.

use chrono::NaiveDate;

use crate::catalog::model::Record;
use crate::vocab::{BasedIn, CallStatus, PilotStatus, Sector};

/// What is kept of the score of a candidate sharing no phrase with the need: being near in
/// content, open or fresh never lifts it above one that names what the need names.
pub const NOTHING_IN_COMMON: f32 = 0.3;

/// What a need asks of a candidate besides its words.
#[derive(Debug, Clone, Default)]
pub struct NeedProfile {
    pub sectors: Vec<Sector>,
    pub trl_min: Option<u8>,
}

/// Each part of a match's score, from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Components {
    /// Text relevance, relative to the best candidate.
    pub text: f32,
    pub sector: f32,
    /// 1 when the offer is at or above the required TRL (or none is required).
    pub trl: f32,
    /// 1 when a call is open, a pilot accepting, an expert available.
    pub availability: f32,
    /// Experts in the province first; overseas experts welcome.
    pub location: f32,
    /// Recently saved listings first.
    pub freshness: f32,
    /// 1 when the candidate shares a phrase, a code or a term with the need; 0 when it is
    /// only near in content (found through loose equivalents or single words).
    pub in_common: f32,
}

impl Components {
    /// The score: relevance and sector fit, scaled down for what is unavailable, below the
    /// required readiness, farther away or stale.
    pub fn score(&self) -> f32 {
        self.text
            * (NOTHING_IN_COMMON + (1.0 - NOTHING_IN_COMMON) * self.in_common)
            * (0.2 + 0.8 * self.sector)
            * (0.9 + 0.1 * self.freshness)
            * self.availability
            * self.trl
            * self.location
    }
}

/// The share of the need's sectors the candidate works in (½ when the need names none).
pub fn sector_fit(need: &[Sector], candidate: &[Sector]) -> f32 {
    if need.is_empty() {
        return 0.5;
    }
    need.iter().filter(|s| candidate.contains(s)).count() as f32 / need.len() as f32
}

pub fn trl_fit(trl_min: Option<u8>, record: &Record) -> f32 {
    match (trl_min, record) {
        (Some(min), Record::Offer(offer)) if offer.trl < min => 0.5,
        _ => 1.0,
    }
}

pub fn availability(record: &Record, today: NaiveDate) -> f32 {
    match record {
        Record::Call(call) if call.is_open(today) => 1.0,
        Record::Call(call) => match call.status {
            CallStatus::Draft => 0.4,
            _ => 0.05,
        },
        Record::Pilot(pilot) => match pilot.status {
            PilotStatus::Accepting if pilot.closes.is_none_or(|c| c >= today) => 1.0,
            PilotStatus::Planned => 0.5,
            PilotStatus::Accepting | PilotStatus::Running => 0.2,
            PilotStatus::Completed => 0.05,
        },
        Record::Expert(expert) if expert.available_for.is_empty() => 0.6,
        _ => 1.0,
    }
}

pub fn location(record: &Record) -> f32 {
    match record {
        Record::Expert(e) => match e.based_in {
            BasedIn::InProvince => 1.0,
            BasedIn::Overseas => 0.92,
            BasedIn::National => 0.88,
        },
        _ => 1.0,
    }
}

/// 1 for a listing saved in the last half year, falling to ½ at two years.
pub fn freshness(saved: Option<NaiveDate>, today: NaiveDate) -> f32 {
    let Some(saved) = saved else { return 0.75 };
    let age = (today - saved).num_days().max(0) as f32;
    if age <= 180.0 {
        1.0
    } else {
        (1.0 - 0.5 * (age - 180.0) / 540.0).max(0.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::import::parse_line;
    use crate::matching::fixtures::{call, day, offer};

    #[test]
    fn sector_fit_is_the_shared_share() {
        assert_eq!(sector_fit(&[Sector::Aquaculture, Sector::Health], &[Sector::Aquaculture]), 0.5);
        assert_eq!(sector_fit(&[Sector::Aquaculture], &[Sector::Aquaculture, Sector::Health]), 1.0);
        assert_eq!(sector_fit(&[], &[Sector::Health]), 0.5);
        assert_eq!(sector_fit(&[Sector::Energy], &[Sector::Health]), 0.0);
    }

    #[test]
    fn offers_below_the_required_trl_are_marked_down() {
        assert_eq!(trl_fit(Some(6), &offer(7)), 1.0);
        assert_eq!(trl_fit(Some(6), &offer(4)), 0.5);
        assert_eq!(trl_fit(None, &offer(2)), 1.0);
    }

    #[test]
    fn open_calls_count_fully() {
        let today = day("2026-11-27");
        assert_eq!(availability(&call("open", "2026-12-09"), today), 1.0);
        assert!(availability(&call("open", "2026-11-01"), today) < 0.2, "past its deadline");
        assert!(availability(&call("awarded", "2026-12-09"), today) < 0.2);
    }

    #[test]
    fn freshness_falls_with_age_but_not_below_a_half() {
        let today = day("2026-11-27");
        assert_eq!(freshness(Some(day("2026-10-01")), today), 1.0);
        assert!(freshness(Some(day("2025-11-27")), today) < 1.0);
        assert_eq!(freshness(Some(day("2020-01-01")), today), 0.5);
    }

    #[test]
    fn the_score_scales_down_what_cannot_be_used() {
        let full = Components {
            text: 1.0,
            sector: 1.0,
            trl: 1.0,
            availability: 1.0,
            location: 1.0,
            freshness: 1.0,
            in_common: 1.0,
        };
        assert!((full.score() - 1.0).abs() < 1e-6);
        let closed = Components { availability: 0.05, ..full };
        let below = Components { trl: 0.5, ..full };
        assert!(closed.score() < below.score() && below.score() < full.score());
        let other_sector = Components { sector: 0.0, ..full };
        assert!(other_sector.score() < full.score());
        // Nearer in content but nothing in common: below one quoting the need at half the text.
        let nothing_said = Components { in_common: 0.0, ..full };
        assert!(nothing_said.score() < Components { text: 0.5, ..full }.score());
    }

    #[test]
    fn location_prefers_the_province_and_welcomes_overseas() {
        let expert = |based: &str| {
            parse_line(&format!(r#"{{"kind":"expert","id":"e1","name":"A","bio":"b","expertise":[],"sectors":[],"languages":[],"available_for":["consulting"],"based_in":"{based}"}}"#)).unwrap()
        };
        assert!(location(&expert("in_province")) > location(&expert("overseas")));
        assert!(location(&expert("overseas")) > location(&expert("national")));
    }
}
