//! How a candidate is scored against a need, component by component, and the reasons shown
//! to the reader. Pure: the matcher feeds it what the index found.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::catalog::model::Record;
use crate::i18n::Lang;
use crate::search::analyzer::words;
use crate::vocab::{BasedIn, CallStatus, PilotStatus, Sector};

/// Words too common to explain a match.
const STOP: &[&str] = &[
    "cua", "va", "cac", "cho", "trong", "voi", "duoc", "co", "la", "nhung", "mot", "de", "tu", "theo", "tai", "ve",
    "nay", "da", "khong", "nguoi", "can", "nhu", "cau", "hien", "tren", "moi", "nhieu", "ra", "vao", "thi", "hoac",
    "cung", "dang", "the", "and", "of", "for", "in", "to", "a", "an", "with", "on", "by", "we", "our", "need", "needs",
    "is", "are", "that", "this", "from", "or", "at", "be", "as", "it", "its", "can", "per", "into",
];

/// Whether a folded word is too common to tell anything.
pub fn is_stop_word(word: &str) -> bool {
    STOP.contains(&word)
}

/// What a need brings to scoring.
#[derive(Debug, Clone, Default)]
pub struct NeedProfile {
    /// Distinctive folded words of its title and description.
    pub words: HashSet<String>,
    pub sectors: Vec<Sector>,
    pub trl_min: Option<u8>,
}

impl NeedProfile {
    pub fn new(text: &str, sectors: Vec<Sector>, trl_min: Option<u8>) -> Self {
        let words = words(text)
            .into_iter()
            .map(|w| w.folded)
            .filter(|w| w.chars().count() >= 2 && !STOP.contains(&w.as_str()))
            .collect();
        NeedProfile { words, sectors, trl_min }
    }
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
}

impl Components {
    /// The score: relevance and sector fit, scaled down for what is unavailable, below the
    /// required readiness, farther away or stale.
    pub fn score(&self) -> f32 {
        self.text
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

/// The candidate's short texts (capabilities, expertise…) that share words with the need,
/// most shared first.
pub fn shared_items(need: &NeedProfile, record: &Record) -> Vec<String> {
    // The record's short lists, and a lab's equipment too (a need often names an instrument).
    let mut lists = record.lists();
    if let Record::Lab(lab) = record {
        lists.push(&lab.equipment);
    }
    let mut scored: Vec<(usize, &String)> = lists
        .into_iter()
        .flatten()
        .map(|item| (words(item).iter().filter(|w| need.words.contains(&w.folded)).count(), item))
        .filter(|(n, _)| *n > 0)
        .collect();
    scored.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    scored.into_iter().map(|(_, item)| item.clone()).take(3).collect()
}

/// The words of `text` (as written there) that the need shares, in order, without repeats.
pub fn shared_words(need: &NeedProfile, text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    words(text)
        .into_iter()
        .filter(|w| need.words.contains(&w.folded) && w.folded.chars().count() >= 3 && seen.insert(w.folded.clone()))
        .map(|w| w.exact)
        .take(5)
        .collect()
}

/// Why the candidate was suggested, in the reader's language.
pub fn reasons(need: &NeedProfile, record: &Record, parent: Option<&str>, lang: Lang, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let entry = record.entry();
    let items = shared_items(need, record);
    let terms = if items.is_empty() {
        let text = format!("{} {}", entry.title().get(lang), entry.summary().get(lang));
        shared_words(need, &text)
    } else {
        items
    };
    if !terms.is_empty() {
        out.push(format!("{}: {}", lang.pick("Khớp", "Matches"), terms.join(", ")));
    }
    let shared: Vec<&str> =
        need.sectors.iter().filter(|s| entry.sectors().contains(s)).map(|s| s.label(lang)).collect();
    if !shared.is_empty() {
        out.push(format!("{}: {}", lang.pick("Cùng lĩnh vực", "Same sector"), shared.join(", ")));
    }
    if let (Some(min), Record::Offer(offer)) = (need.trl_min, record) {
        out.push(if offer.trl >= min {
            lang.pick(
                format!("TRL {} đạt yêu cầu (≥ {min})", offer.trl),
                format!("TRL {} meets the requirement (≥ {min})", offer.trl),
            )
        } else {
            lang.pick(
                format!("TRL {} thấp hơn yêu cầu {min}", offer.trl),
                format!("TRL {} is below the required {min}", offer.trl),
            )
        });
    }
    match record {
        Record::Call(call) if call.is_open(today) => {
            let days = (call.closes - today).num_days();
            out.push(lang.pick(format!("Đang mở, còn {days} ngày để nộp"), format!("Open, {days} days left to apply")));
        }
        Record::Call(call) => out.push(format!(
            "{}: {}",
            lang.pick("Không còn nhận hồ sơ", "Not accepting proposals"),
            call.status.label(lang)
        )),
        Record::Pilot(pilot) if pilot.status == PilotStatus::Accepting => {
            let left = pilot.closes.map(|c| (c - today).num_days()).filter(|d| *d >= 0);
            out.push(match left {
                Some(d) => lang
                    .pick(format!("Đang nhận hồ sơ, còn {d} ngày"), format!("Accepting applications, {d} days left")),
                None => lang.pick("Đang nhận hồ sơ".to_string(), "Accepting applications".to_string()),
            });
        }
        Record::Pilot(pilot) => out.push(pilot.status.label(lang).to_string()),
        Record::Expert(e) => {
            let help: Vec<&str> = e.available_for.iter().map(|a| a.label(lang)).collect();
            if !help.is_empty() {
                out.push(format!("{}: {}", lang.pick("Sẵn sàng", "Available for"), help.join(", ")));
            }
            if e.based_in != BasedIn::InProvince {
                out.push(e.based_in.label(lang).to_string());
            }
        }
        _ => {}
    }
    if let (Some(parent), Record::Lab(_) | Record::Expert(_) | Record::Offer(_)) = (parent, record) {
        out.push(format!("{} {parent}", lang.pick("Thuộc", "At")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::import::parse_line;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn offer(trl: u8) -> Record {
        parse_line(&format!(
            r#"{{"kind":"offer","id":"kit","title":"Bộ kit PCR bệnh sữa tôm hùm","summary":"Phát hiện nhanh bệnh sữa.","owner_org":"x1","sectors":["aquaculture"],"trl":{trl},"ip_status":"none","transfer_modes":[],"keywords":["xét nghiệm PCR","bệnh sữa","tôm hùm"]}}"#
        ))
        .unwrap()
    }

    fn call(status: &str, closes: &str) -> Record {
        parse_line(&format!(
            r#"{{"kind":"call","id":"c1","title":"Đặt hàng","description":"d","issuer":"x1","sectors":["aquaculture"],"eligible":[],"opens":"2026-01-01","closes":"{closes}","status":"{status}"}}"#
        ))
        .unwrap()
    }

    fn need() -> NeedProfile {
        NeedProfile::new(
            "Tôm hùm chết hàng loạt, cần xét nghiệm PCR bệnh sữa",
            vec![Sector::Aquaculture, Sector::Biotechnology],
            Some(6),
        )
    }

    #[test]
    fn sector_fit_is_the_shared_share() {
        assert_eq!(sector_fit(&[Sector::Aquaculture, Sector::Health], &[Sector::Aquaculture]), 0.5);
        assert_eq!(sector_fit(&[Sector::Aquaculture], &[Sector::Aquaculture, Sector::Health]), 1.0);
        assert_eq!(sector_fit(&[], &[Sector::Health]), 0.5);
        assert_eq!(sector_fit(&[Sector::Energy], &[Sector::Health]), 0.0);
    }

    #[test]
    fn offers_below_the_required_trl_are_marked_down_and_said_so() {
        assert_eq!(trl_fit(Some(6), &offer(7)), 1.0);
        assert_eq!(trl_fit(Some(6), &offer(4)), 0.5);
        assert_eq!(trl_fit(None, &offer(2)), 1.0);
        let today = day("2026-11-27");
        assert!(reasons(&need(), &offer(7), None, Lang::Vi, today).contains(&"TRL 7 đạt yêu cầu (≥ 6)".to_string()));
        assert!(
            reasons(&need(), &offer(4), None, Lang::En, today).contains(&"TRL 4 is below the required 6".to_string())
        );
    }

    #[test]
    fn open_calls_count_fully_and_show_their_deadline() {
        let today = day("2026-11-27");
        assert_eq!(availability(&call("open", "2026-12-09"), today), 1.0);
        assert!(availability(&call("open", "2026-11-01"), today) < 0.2, "past its deadline");
        assert!(availability(&call("awarded", "2026-12-09"), today) < 0.2);
        let r = reasons(&need(), &call("open", "2026-12-09"), None, Lang::Vi, today);
        assert!(r.contains(&"Đang mở, còn 12 ngày để nộp".to_string()), "{r:?}");
    }

    #[test]
    fn shared_terms_come_from_the_candidates_own_lists() {
        let r = reasons(&need(), &offer(7), None, Lang::Vi, day("2026-11-27"));
        assert_eq!(r[0], "Khớp: xét nghiệm PCR, bệnh sữa, tôm hùm");
        assert_eq!(r[1], "Cùng lĩnh vực: Nuôi trồng thủy sản, nuôi biển");
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
        let full = Components { text: 1.0, sector: 1.0, trl: 1.0, availability: 1.0, location: 1.0, freshness: 1.0 };
        assert!((full.score() - 1.0).abs() < 1e-6);
        let closed = Components { availability: 0.05, ..full };
        let below = Components { trl: 0.5, ..full };
        assert!(closed.score() < below.score() && below.score() < full.score());
        let other_sector = Components { sector: 0.0, ..full };
        assert!(other_sector.score() < full.score());
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
