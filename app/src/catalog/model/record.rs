//! One record of any kind: the `Entry` trait each domain implements, the `Record` enum of the
//! records format, its texts and its links.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{excerpt, Badge, Card, Facet, Field, Kind};
use crate::catalog::validate::Validator;
use crate::i18n::Lang;
use crate::vocab::Sector;
use crate::{calls::Call, experts::Expert, labs::Lab, needs::Need, offers::Offer};
use crate::{organizations::Organization, pilots::Pilot};

/// A text in its original language with optional translations (`x`, `x_en`, `x_vi`).
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub base: &'a str,
    pub en: Option<&'a str>,
    pub vi: Option<&'a str>,
}

impl<'a> Text<'a> {
    pub fn new(base: &'a str, en: &'a Option<String>, vi: &'a Option<String>) -> Self {
        let present = |t: &'a Option<String>| t.as_deref().filter(|s| !s.trim().is_empty());
        Text { base, en: present(en), vi: present(vi) }
    }

    /// The text in `lang` when there is a translation, else the original.
    pub fn get(&self, lang: Lang) -> &'a str {
        lang.pick(self.vi, self.en).unwrap_or(self.base)
    }
}

/// The items of a list (`x`) in `lang`, each replaced by its translation where the list of
/// translations (`x_en`, same order) gives one.
pub fn items_in(items: &[String], items_en: &[String], lang: Lang) -> Vec<String> {
    let english = |i: usize| items_en.get(i).filter(|t| lang == Lang::En && !t.trim().is_empty());
    items.iter().enumerate().map(|(i, item)| english(i).unwrap_or(item).clone()).collect()
}

/// A record's title read through a join (`title`, `title_en`, `title_vi`), in `lang`; `missing`
/// when the record is gone.
pub fn joined_title(
    lang: Lang,
    title: &Option<String>,
    en: &Option<String>,
    vi: &Option<String>,
    missing: &str,
) -> String {
    match title {
        Some(title) => Text::new(title, en, vi).get(lang).to_string(),
        None => missing.to_string(),
    }
}

/// A reference from one record to another, as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The field it comes from (`organization`, `owner_lab`, `issuer`...).
    pub rel: String,
    pub kind: Kind,
    pub id: String,
}

impl Link {
    pub fn new(rel: &str, kind: Kind, id: &str) -> Self {
        Link { rel: rel.to_string(), kind, id: id.to_string() }
    }
}

/// The accessors every kind writes the same way: its id, its translated title and summary
/// fields, and its sectors.
macro_rules! entry_texts {
    ($title:ident, $title_en:ident, $title_vi:ident; $summary:ident, $summary_en:ident, $summary_vi:ident) => {
        fn id(&self) -> &str {
            &self.id
        }

        fn title(&self) -> $crate::catalog::model::Text<'_> {
            $crate::catalog::model::Text::new(&self.$title, &self.$title_en, &self.$title_vi)
        }

        fn summary(&self) -> $crate::catalog::model::Text<'_> {
            $crate::catalog::model::Text::new(&self.$summary, &self.$summary_en, &self.$summary_vi)
        }

        fn sectors(&self) -> &[$crate::vocab::Sector] {
            &self.sectors
        }
    };
}
pub(crate) use entry_texts;

/// What each kind of record provides to the catalogue.
pub trait Entry: Send + Sync {
    fn id(&self) -> &str;
    /// Its name or title.
    fn title(&self) -> Text<'_>;
    /// Its description, bio or summary.
    fn summary(&self) -> Text<'_>;
    fn sectors(&self) -> &[Sector];
    /// The records it refers to; the first is the one named on its card.
    fn links(&self) -> Vec<Link>;
    /// Its values for the list filters, besides sectors.
    fn facets(&self) -> Vec<(Facet, &'static str)>;
    fn trl(&self) -> Option<u8> {
        None
    }
    /// A closing date, for deadlines.
    fn closes(&self) -> Option<NaiveDate> {
        None
    }
    /// Short facts shown on its card.
    fn badges(&self, lang: Lang, today: NaiveDate) -> Vec<Badge>;
    /// Checks each field against the records format.
    fn validate(&self, v: &mut Validator);
    /// Its fields as labelled rows for its page, as of `today` (a status follows its dates).
    fn fields(&self, lang: Lang, today: NaiveDate) -> Vec<Field>;
}

/// One record of any kind, as a line of the records format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    Organization(Organization),
    Lab(Lab),
    Expert(Expert),
    Offer(Offer),
    Need(Need),
    Call(Call),
    Pilot(Pilot),
}

impl Record {
    /// The record's name as a person addresses it: an expert with their title, otherwise its
    /// title in `lang` (or the original).
    pub fn display_title(&self, lang: Lang) -> String {
        match self {
            Record::Expert(expert) => expert.display_name(),
            record => record.entry().title().get(lang).to_string(),
        }
    }

    /// Its short lists of words (a lab's capabilities and services, an expert's expertise, an
    /// offer's keywords, a pilot's technologies sought, an organization's tags), empty ones left
    /// out: what snippets and match reasons quote.
    pub fn lists(&self) -> Vec<&[String]> {
        let lists: Vec<&[String]> = match self {
            Record::Lab(l) => vec![&l.capabilities, &l.services],
            Record::Expert(e) => vec![&e.expertise],
            Record::Offer(o) => vec![&o.keywords],
            Record::Pilot(p) => vec![&p.technologies_sought],
            Record::Organization(o) => vec![&o.tags],
            Record::Need(_) | Record::Call(_) => Vec::new(),
        };
        lists.into_iter().filter(|l| !l.is_empty()).collect()
    }

    pub fn kind(&self) -> Kind {
        match self {
            Record::Organization(_) => Kind::Organization,
            Record::Lab(_) => Kind::Lab,
            Record::Expert(_) => Kind::Expert,
            Record::Offer(_) => Kind::Offer,
            Record::Need(_) => Kind::Need,
            Record::Call(_) => Kind::Call,
            Record::Pilot(_) => Kind::Pilot,
        }
    }

    /// The record as the trait every kind implements.
    pub fn entry(&self) -> &dyn Entry {
        match self {
            Record::Organization(r) => r,
            Record::Lab(r) => r,
            Record::Expert(r) => r,
            Record::Offer(r) => r,
            Record::Need(r) => r,
            Record::Call(r) => r,
            Record::Pilot(r) => r,
        }
    }

    pub fn id(&self) -> &str {
        self.entry().id()
    }

    /// Its card for lists, naming `parent` (the record of its first link) when known.
    pub fn card(&self, lang: Lang, today: NaiveDate, parent: Option<String>) -> Card {
        let entry = self.entry();
        Card {
            kind: self.kind(),
            id: entry.id().to_string(),
            title: entry.title().get(lang).to_string(),
            subtitle: parent,
            summary: excerpt(entry.summary().get(lang), 220),
            sectors: entry.sectors().to_vec(),
            badges: entry.badges(lang, today),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_picked_by_language() {
        let en = Some("Lobster".to_string());
        let text = Text::new("Tôm hùm", &en, &None);
        assert_eq!(text.get(Lang::En), "Lobster");
        assert_eq!(text.get(Lang::Vi), "Tôm hùm");
        let blank = Some("  ".to_string());
        assert_eq!(Text::new("Tôm hùm", &blank, &None).get(Lang::En), "Tôm hùm");
    }
}
