//! How a record is shown: cards, badges, field rows, a list's page and a record's page.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Facet, Kind, Record, PAGE_SIZE};
use crate::i18n::Lang;
use crate::vocab::{self, Sector};

/// The start of `text`, cut at a word boundary near `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    // Vietnamese writes a space between the syllables of one word ("Bảo tàng"): cutting at the
    // last space may split a word, so a clause's end is better when it keeps half the text.
    let clause = cut
        .rmatch_indices([',', ';', '.', ':'])
        .map(|(at, _)| at)
        .find(|&at| cut[at + 1..].starts_with(' ') && cut[..at].chars().count() >= max / 2);
    let cut = match clause {
        Some(at) => &cut[..at],
        None => cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// How a badge reads: neutral, good news, or urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    Neutral,
    Positive,
    Urgent,
}

/// A short fact on a card or page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Badge {
    pub text: String,
    pub tone: Tone,
}

impl Badge {
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Badge { text: text.into(), tone }
    }
}

/// A badge saying how long until `closes`, urgent in the last fortnight.
pub fn deadline_badge(closes: NaiveDate, today: NaiveDate, lang: Lang) -> Option<Badge> {
    let days = (closes - today).num_days();
    if days < 0 {
        return None;
    }
    let text = match days {
        0 => lang.pick("Hết hạn hôm nay".to_string(), "Closes today".to_string()),
        d => lang.pick(format!("Còn {d} ngày"), format!("{d} days left")),
    };
    Some(Badge::new(text, if days <= 14 { Tone::Urgent } else { Tone::Neutral }))
}

/// A record as a card in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// The organization, lab or owner it belongs to.
    pub subtitle: Option<String>,
    pub summary: String,
    pub sectors: Vec<Sector>,
    pub badges: Vec<Badge>,
}

impl Card {
    pub fn href(&self) -> String {
        format!("{}/{}", self.kind.path(), self.id)
    }
}

/// The value of a labelled row on a record's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FieldValue {
    Text(String),
    /// Several short values, shown as a list.
    List(Vec<String>),
    /// An address outside the portal.
    Url(String),
    /// Paragraphs of text.
    Long(String),
}

/// A labelled row on a record's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: FieldValue,
}

/// Collects the rows of a record's page, leaving out empty values.
#[derive(Default)]
pub struct Fields(pub Vec<Field>);

impl Fields {
    pub fn text(mut self, label: &str, value: impl Into<Option<String>>) -> Self {
        if let Some(v) = value.into().filter(|v| !v.trim().is_empty()) {
            self.0.push(Field { label: label.to_string(), value: FieldValue::Text(v) });
        }
        self
    }

    pub fn long(mut self, label: &str, value: Option<&str>) -> Self {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            self.0.push(Field { label: label.to_string(), value: FieldValue::Long(v.to_string()) });
        }
        self
    }

    pub fn list<I, S>(mut self, label: &str, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        if !values.is_empty() {
            self.0.push(Field { label: label.to_string(), value: FieldValue::List(values) });
        }
        self
    }

    pub fn url(mut self, label: &str, value: Option<&str>) -> Self {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            self.0.push(Field { label: label.to_string(), value: FieldValue::Url(v.to_string()) });
        }
        self
    }

    pub fn build(self) -> Vec<Field> {
        self.0
    }
}

/// "TRL n: label", for fields and badges.
pub fn trl_text(trl: u8, lang: Lang) -> String {
    format!("TRL {trl} · {}", vocab::trl_label(trl, lang))
}

/// One page of a list, with counts per filter value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardPage {
    pub total: u64,
    pub page: u32,
    pub cards: Vec<Card>,
    /// For each facet of the kind, the values present and how many records have each.
    pub facet_counts: Vec<(Facet, Vec<(String, u64)>)>,
}

impl CardPage {
    pub fn pages(&self) -> u32 {
        (self.total as u32).div_ceil(PAGE_SIZE).max(1)
    }
}

/// A record with the records around it, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordDetail {
    pub record: Record,
    /// Its badges as of today (deadlines are counted on the server).
    pub badges: Vec<Badge>,
    /// Its fields as labelled rows, as of today.
    pub fields: Vec<Field>,
    pub sections: Vec<Related>,
}

/// A titled group of related records on a record's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub heading: String,
    pub cards: Vec<Card>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_become_urgent_in_the_last_fortnight() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let soon = deadline_badge(today + chrono::Duration::days(5), today, Lang::Vi).unwrap();
        assert_eq!((soon.text.as_str(), soon.tone), ("Còn 5 ngày", Tone::Urgent));
        let later = deadline_badge(today + chrono::Duration::days(40), today, Lang::En).unwrap();
        assert_eq!((later.text.as_str(), later.tone), ("40 days left", Tone::Neutral));
        assert!(deadline_badge(today - chrono::Duration::days(1), today, Lang::En).is_none());
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("ngắn", 10), "ngắn");
        assert_eq!(excerpt("một hai ba bốn năm", 9), "một hai…");
        // At a clause's end rather than inside "Bảo tàng" (museum).
        let text = "Hóa sinh biển, rong biển; quản lý Bảo tàng Hải dương học";
        assert_eq!(excerpt(text, 40), "Hóa sinh biển, rong biển…");
        // No clause end in the second half: the last space.
        assert_eq!(excerpt("Hóa, sinh biển và rong biển ven bờ", 20), "Hóa, sinh biển và…");
    }
}
