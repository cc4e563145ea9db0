//! Why a candidate was suggested, in the reader's language: the phrases it shares with the
//! need (a term in the other language translated by the glossary, other quoted text marked with
//! its language), the sector, readiness, deadline or availability and the place; with a
//! strength in a word. Never empty. (Whom it belongs to is the match's subtitle.)

use std::collections::HashSet;

use chrono::NaiveDate;

use super::model::Strength;
use super::quotes::{quotes, shared_places, Quote, Said};
use super::score::NeedProfile;
use crate::catalog::model::Record;
use crate::i18n::Lang;
use crate::search::analyzer::words;
use crate::search::glossary::Glossary;
use crate::vocab::{BasedIn, PilotStatus};

/// Phrases quoted at most.
const QUOTED: usize = 4;

/// Whether `text` reads as Vietnamese: a fair share of its words carry marks (English with a
/// Vietnamese place name does not).
fn vietnamese(text: &str) -> bool {
    let words = words(text);
    let marked = words.iter().filter(|w| w.has_marks()).count();
    !words.is_empty() && marked * 4 >= words.len()
}

/// Explains candidates for one need to one reader.
pub struct Explainer<'a> {
    pub said: Said,
    pub need: &'a NeedProfile,
    pub glossary: &'a Glossary,
    pub lang: Lang,
    pub today: NaiveDate,
}

impl Explainer<'_> {
    /// A quote as the reader reads it: as written when in their language (or a code); the
    /// main term of a glossary entry translated, with the original (a narrower or looser term
    /// is not, lest "thiết kế" read "creative design"); otherwise marked with its language.
    fn render(&self, quote: Quote, vietnamese: bool) -> String {
        let reader_vi = self.lang == Lang::Vi;
        let (g, text) = (self.glossary, quote.text.as_str());
        match quote.entry {
            _ if quote.code || vietnamese == reader_vi => quote.text,
            // "chatbot" in a Vietnamese text reads the same in English.
            Some(e) if g.is_term(e, reader_vi, text) => quote.text,
            Some(e) if g.is_main_term(e, vietnamese, text) => format!("{} ({text})", g.main_term(e, reader_vi)),
            _ => format!("“{text}” ({})", self.lang.pick("tiếng Anh", "Vietnamese")),
        }
    }

    /// What `record` has in common with the need, in either of its languages (the same answer
    /// whatever the reader's language): 1 for a phrase, a code or a glossary term; ½ for an
    /// area alone (a place says where, not what); 0 for nothing. A phrase of general compounds
    /// counts here (it brings the candidate near) though it is not shown as a reason.
    pub fn in_common(&self, record: &Record) -> f32 {
        let entry = record.entry();
        let (title, summary) = (entry.title(), entry.summary());
        let texts = [Some(title.base), title.en, title.vi, Some(summary.base), summary.en, summary.vi];
        let lists = Self::lists(record).into_iter().map(|(item, _)| item);
        if texts.into_iter().flatten().chain(lists).any(|text| !quotes(&self.said, text, self.glossary).is_empty()) {
            1.0
        } else if !self.shared_places(record).is_empty() {
            0.5
        } else {
            0.0
        }
    }

    /// A record's short lists, where a need's terms are most often found, each item with
    /// whether it is an English name (the rest are written as the record is): a lab's equipment,
    /// its priced services and its instruments too (a need often names a test or an
    /// instrument), with their English names.
    fn lists(record: &Record) -> Vec<(&str, bool)> {
        let mut lists: Vec<(&str, bool)> =
            record.lists().into_iter().flatten().map(|item| (item.as_str(), false)).collect();
        if let Record::Lab(lab) = record {
            lists.extend(lab.equipment.iter().map(|item| (item.as_str(), false)));
            let named = lab.service_catalog.iter().map(|s| (&s.name, &s.name_en));
            for (name, name_en) in named.chain(lab.instruments.iter().map(|i| (&i.name, &i.name_en))) {
                lists.push((name, false));
                lists.extend(name_en.as_deref().map(|en| (en, true)));
            }
        }
        lists
    }

    /// The phrases `record` shares with the need, general compounds aside: from its short lists
    /// first, then its title and summary as the reader sees them.
    fn shared_terms(&self, record: &Record) -> Vec<String> {
        let entry = record.entry();
        let written_vi = vietnamese(&format!("{} {}", entry.title().base, entry.summary().base));
        let mut sources: Vec<(String, bool)> =
            Self::lists(record).into_iter().map(|(item, english)| (item.to_string(), written_vi && !english)).collect();
        // Then its title and summary as the reader sees them, and as written when that differs
        // (so what is found does not hang on the page's language).
        let shown = format!("{}. {}", entry.title().get(self.lang), entry.summary().get(self.lang));
        let written = format!("{}. {}", entry.title().base, entry.summary().base);
        let shown_vi = vietnamese(&shown);
        if written != shown {
            sources.push((shown, shown_vi));
            sources.push((written, written_vi));
        } else {
            sources.push((shown, shown_vi));
        }
        // Each phrase and each glossary term once: not one inside another already quoted, nor
        // one around it.
        let mut quoted: Vec<String> = Vec::new();
        let mut entries = HashSet::new();
        let mut out = Vec::new();
        for (text, vi) in sources {
            for quote in quotes(&self.said, &text, self.glossary).into_iter().filter(|q| !q.generic) {
                let folded =
                    format!(" {} ", words(&quote.text).into_iter().map(|w| w.folded).collect::<Vec<_>>().join(" "));
                let again = quoted.iter().any(|q| q.contains(&folded) || folded.contains(q.as_str()))
                    || quote.entry.is_some_and(|e| !entries.insert(e));
                if out.len() < QUOTED && !again {
                    quoted.push(folded);
                    out.push(self.render(quote, vi));
                }
            }
        }
        out
    }

    /// The places the record names that the need names too.
    fn shared_places(&self, record: &Record) -> Vec<String> {
        let entry = record.entry();
        let mut text = format!("{}. {}", entry.title().get(self.lang), entry.summary().get(self.lang));
        match record {
            Record::Organization(o) => text = format!("{text}. {}", o.location),
            Record::Pilot(p) => text = format!("{text}. {}", p.area),
            _ => {}
        }
        let mut seen = HashSet::new();
        shared_places(&self.said, &text).into_iter().filter(|p| seen.insert(crate::text::fold(p))).collect()
    }

    /// How well `record` fits, and why.
    pub fn explain(&self, record: &Record) -> (Strength, Vec<String>) {
        let (lang, today) = (self.lang, self.today);
        let mut out = Vec::new();
        let entry = record.entry();
        let terms = self.shared_terms(record);
        if !terms.is_empty() {
            out.push(format!("{}: {}", lang.pick("Khớp", "Matches"), terms.join(", ")));
        }
        let shared: Vec<&str> =
            self.need.sectors.iter().filter(|s| entry.sectors().contains(s)).map(|s| s.label(lang)).collect();
        if !shared.is_empty() {
            out.push(format!("{}: {}", lang.pick("Cùng lĩnh vực", "Same sector"), shared.join(", ")));
        }
        let places = self.shared_places(record);
        if !places.is_empty() {
            out.push(format!("{}: {}", lang.pick("Cùng địa bàn", "Same area"), places.join(", ")));
        }
        if let (Some(min), Record::Offer(offer)) = (self.need.trl_min, record) {
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
                out.push(
                    lang.pick(format!("Đang mở, còn {days} ngày để nộp"), format!("Open, {days} days left to apply")),
                );
            }
            Record::Call(call) => out.push(format!(
                "{}: {}",
                lang.pick("Không còn nhận hồ sơ", "Not accepting proposals"),
                call.status_on(today).label(lang)
            )),
            Record::Pilot(pilot) if pilot.status_on(today) == PilotStatus::Accepting => {
                let left = pilot.closes.map(|c| (c - today).num_days()).filter(|d| *d >= 0);
                out.push(match left {
                    Some(d) => lang.pick(
                        format!("Đang nhận hồ sơ, còn {d} ngày"),
                        format!("Accepting applications, {d} days left"),
                    ),
                    None => lang.pick("Đang nhận hồ sơ".to_string(), "Accepting applications".to_string()),
                });
            }
            Record::Pilot(pilot) => out.push(pilot.status_on(today).label(lang).to_string()),
            // The lab's priced service that answers the need, with what a business weighs.
            Record::Lab(lab) => {
                if let Some(service) = crate::labs::best_for(&lab.service_catalog, self.said.telling_words()) {
                    let name = crate::catalog::model::Text::new(&service.name, &service.name_en, &None);
                    let brief = service.brief(lang);
                    let said = match brief.is_empty() {
                        true => name.get(lang).to_string(),
                        false => format!("{} ({brief})", name.get(lang)),
                    };
                    out.push(format!("{}: {said}", lang.pick("Dịch vụ phù hợp", "Fitting service")));
                }
            }
            Record::Expert(e) => {
                let help: Vec<&str> = e.available_for.iter().map(|a| a.label(lang)).collect();
                if !help.is_empty() {
                    out.push(format!("{}: {}", lang.pick("Sẵn sàng", "Available for"), help.join("; ")));
                }
                if e.based_in != BasedIn::InProvince {
                    out.push(e.based_in.label(lang).to_string());
                }
            }
            _ => {}
        }
        if terms.is_empty() && shared.is_empty() && places.is_empty() {
            // Status, readiness or availability alone do not say why it came up.
            out.insert(
                0,
                lang.pick("Gần về nội dung, không có cụm từ trùng khớp", "Related in content, no phrase in common")
                    .into(),
            );
        }
        (Strength::of(terms.len(), !shared.is_empty()), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::import::parse_line;
    use crate::matching::fixtures::{call, day, offer};
    use crate::search::glossary::GLOSSARY_TSV;
    use crate::vocab::Sector;

    fn explain(need: &str, record: &Record, lang: Lang) -> (Strength, Vec<String>) {
        let glossary = Glossary::parse(GLOSSARY_TSV).unwrap();
        let profile = NeedProfile { sectors: vec![Sector::Aquaculture, Sector::Biotechnology], trl_min: Some(6) };
        let said = Said::new(need, &glossary, HashSet::new());
        let explainer = Explainer { said, need: &profile, glossary: &glossary, lang, today: day("2026-11-27") };
        explainer.explain(record)
    }

    const NEED: &str = "Tôm hùm chết hàng loạt ở Vạn Ninh, cần xét nghiệm PCR bệnh sữa";

    #[test]
    fn offers_below_the_required_trl_are_said_so() {
        assert!(explain(NEED, &offer(7), Lang::Vi).1.contains(&"TRL 7 đạt yêu cầu (≥ 6)".to_string()));
        assert!(explain(NEED, &offer(4), Lang::En).1.contains(&"TRL 4 is below the required 6".to_string()));
    }

    #[test]
    fn open_calls_show_their_deadline() {
        let (_, r) = explain(NEED, &call("open", "2026-12-09"), Lang::Vi);
        assert!(r.contains(&"Đang mở, còn 12 ngày để nộp".to_string()), "{r:?}");
    }

    #[test]
    fn shared_phrases_come_from_the_candidates_own_lists_and_places_apart() {
        let (strength, r) = explain(NEED, &offer(7), Lang::Vi);
        assert_eq!(r[0], "Khớp: xét nghiệm PCR, bệnh sữa, tôm hùm");
        assert_eq!(r[1], "Cùng lĩnh vực: Nuôi trồng thủy sản, nuôi biển");
        assert_eq!(r[2], "Cùng địa bàn: Vạn Ninh");
        assert_eq!(strength, Strength::Strong);
    }

    #[test]
    fn an_english_reader_gets_terms_translated_and_other_text_marked() {
        let (_, r) = explain("Lobster milky disease: we need a PCR test", &offer(7), Lang::En);
        assert_eq!(r[0], "Matches: pcr test (xét nghiệm PCR), milky disease (bệnh sữa)");
        let (_, r) = explain("Cần phát hiện nhanh dịch bệnh", &offer(7), Lang::En);
        assert_eq!(r[0], "Matches: “phát hiện nhanh” (Vietnamese)");
    }

    #[test]
    fn only_an_entrys_main_term_is_translated() {
        let glossary =
            Glossary::parse("x\tthiết kế sáng tạo | thiết kế\tcreative design\nx\ttrợ lý ảo | chatbot\tchatbot\n")
                .unwrap();
        let profile = NeedProfile::default();
        let said = Said::new("creative design, chatbot, thiết kế sáng tạo", &glossary, HashSet::new());
        let explainer =
            Explainer { said, need: &profile, glossary: &glossary, lang: Lang::En, today: day("2026-11-27") };
        let lab = |description: &str| {
            parse_line(&format!(r#"{{"kind":"lab","id":"l1","name":"Phòng","organization":"x1","description":"{description}","capabilities":[],"equipment":[],"services":[],"sectors":[]}}"#)).unwrap()
        };
        let first = |description: &str| explainer.explain(&lab(description)).1.remove(0);
        assert_eq!(first("Thiết kế sáng tạo cho du lịch."), "Matches: creative design (thiết kế sáng tạo)");
        assert_eq!(first("Thiết kế đồ họa."), "Matches: “thiết kế” (Vietnamese)");
        assert_eq!(first("Dùng chatbot."), "Matches: chatbot");
    }

    #[test]
    fn a_lab_names_its_service_that_fits_the_need_with_price_and_turnaround() {
        let lab = parse_line(r#"{"kind":"lab","id":"l1","name":"Phòng kiểm nghiệm","organization":"x1","description":"Kiểm nghiệm thực phẩm.","capabilities":[],"sectors":[],
            "service_catalog":[{"name":"Đo pH nước","prices":[{"customer":"research","min_vnd":50000}]},
              {"name":"Kiểm nghiệm histamine trong nước mắm","name_en":"Histamine in fish sauce","accreditation":"ISO/IEC 17025:2017",
               "turnaround_days":5,"prices":[{"customer":"local_business","min_vnd":450000}]}]}"#).unwrap();
        let (_, r) = explain("Cần kiểm nghiệm histamine cho nước mắm xuất khẩu", &lab, Lang::Vi);
        assert!(
            r.contains(&"Dịch vụ phù hợp: Kiểm nghiệm histamine trong nước mắm (ISO/IEC 17025:2017 · từ 450.000\u{a0}₫ · 5 ngày làm việc)".to_string()),
            "{r:?}"
        );
        let (_, r) = explain("histamine testing of fish sauce", &lab, Lang::En);
        assert!(
            r.contains(
                &"Fitting service: Histamine in fish sauce (ISO/IEC 17025:2017 · from 450,000\u{a0}₫ · 5 working days)"
                    .to_string()
            ),
            "{r:?}"
        );
        let (_, r) = explain("năng lượng mặt trời", &lab, Lang::Vi);
        assert!(!r.iter().any(|r| r.starts_with("Dịch vụ phù hợp")), "nothing fits: {r:?}");
    }

    #[test]
    fn a_service_named_only_in_the_labs_list_of_services_is_in_common() {
        let lab = parse_line(r#"{"kind":"lab","id":"l1","name":"Phòng hóa phân tích","organization":"x1","description":"Phân tích hóa học.","capabilities":[],"sectors":[],
            "service_catalog":[{"name":"Kiểm nghiệm histamine","name_en":"Histamine testing","prices":[{"customer":"research","min_vnd":50000}]}]}"#).unwrap();
        let (strength, r) = explain("Cần kiểm nghiệm histamine cho nước mắm xuất khẩu", &lab, Lang::Vi);
        assert!(r[0].starts_with("Khớp: ") && r[0].contains("histamine"), "{r:?}");
        assert_ne!(strength, Strength::Partial, "{r:?}");
        let (_, r) = explain("histamine testing for fish sauce exports", &lab, Lang::En);
        assert!(r[0].starts_with("Matches: ") && r[0].contains("istamine"), "{r:?}");
    }

    #[test]
    fn a_candidate_with_nothing_in_common_still_says_why_and_is_partial() {
        let glossary = Glossary::parse(GLOSSARY_TSV).unwrap();
        let profile = NeedProfile::default();
        let said = Said::new("năng lượng mặt trời", &glossary, HashSet::new());
        let lab = parse_line(r#"{"kind":"lab","id":"l1","name":"Phòng vi sinh","organization":"x1","description":"Vi sinh vật biển.","capabilities":[],"equipment":[],"services":[],"sectors":[]}"#).unwrap();
        let explainer =
            Explainer { said, need: &profile, glossary: &glossary, lang: Lang::Vi, today: day("2026-11-27") };
        let (strength, r) = explainer.explain(&lab);
        assert_eq!(r, ["Gần về nội dung, không có cụm từ trùng khớp"]);
        assert_eq!(strength, Strength::Partial);
    }
}
