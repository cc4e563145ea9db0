use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::model::{Badge, Entry, Facet, Field, Fields, Kind, Link, Text, Tone};
use crate::catalog::validate::{Validator, MAX_ITEM, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::{Availability, BasedIn, Sector};

/// A person in the expert network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Expert {
    pub id: String,
    pub name: String,
    /// An academic or professional title such as "PGS.TS.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    pub bio: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio_vi: Option<String>,
    pub expertise: Vec<String>,
    pub sectors: Vec<Sector>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<String>,
    pub available_for: Vec<Availability>,
    pub based_in: BasedIn,
}

impl Expert {
    /// The name as people address the expert, with the title first.
    pub fn display_name(&self) -> String {
        match &self.title {
            Some(title) if !title.trim().is_empty() => format!("{} {}", title.trim(), self.name),
            _ => self.name.clone(),
        }
    }
}

/// The languages people here use most, by ISO 639-1 code (`language_name` names each).
pub const LANGUAGES: [&str; 8] = ["vi", "en", "fr", "ru", "ja", "ko", "zh", "de"];

/// The name of a language given by its ISO 639-1 code, for the languages people here use most.
pub fn language_name(code: &str, lang: Lang) -> String {
    let name = match code {
        "vi" => lang.pick("Tiếng Việt", "Vietnamese"),
        "en" => lang.pick("Tiếng Anh", "English"),
        "fr" => lang.pick("Tiếng Pháp", "French"),
        "ru" => lang.pick("Tiếng Nga", "Russian"),
        "ja" => lang.pick("Tiếng Nhật", "Japanese"),
        "ko" => lang.pick("Tiếng Hàn", "Korean"),
        "zh" => lang.pick("Tiếng Trung", "Chinese"),
        "de" => lang.pick("Tiếng Đức", "German"),
        _ => return code.to_string(),
    };
    name.to_string()
}

impl Entry for Expert {
    fn id(&self) -> &str {
        &self.id
    }

    fn title(&self) -> Text<'_> {
        Text { base: &self.name, en: None, vi: None }
    }

    fn summary(&self) -> Text<'_> {
        Text::new(&self.bio, &self.bio_en, &self.bio_vi)
    }

    fn sectors(&self) -> &[Sector] {
        &self.sectors
    }

    fn links(&self) -> Vec<Link> {
        self.organization.iter().map(|id| Link::new("organization", Kind::Organization, id)).collect()
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        let mut facets = vec![(Facet::BasedIn, self.based_in.code())];
        facets.extend(self.available_for.iter().map(|a| (Facet::AvailableFor, a.code())));
        facets
    }

    fn badges(&self, lang: Lang, _today: NaiveDate) -> Vec<Badge> {
        let tone = if self.based_in == BasedIn::Overseas { Tone::Positive } else { Tone::Neutral };
        let mut badges = vec![Badge::new(self.based_in.label(lang), tone)];
        badges.extend(self.title.iter().map(|t| Badge::new(t.clone(), Tone::Neutral)));
        badges
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.required("name", &self.name, MAX_TITLE);
        v.optional("title", &self.title, MAX_ITEM);
        if let Some(org) = &self.organization {
            v.reference("organization", org);
        }
        v.translated("bio", &self.bio, &self.bio_en, &self.bio_vi, MAX_TEXT);
        v.list("expertise", &self.expertise, false);
        v.codes("sectors", &self.sectors, false);
        v.list("languages", &self.languages, false);
        for (i, code) in self.languages.iter().enumerate() {
            let ok = code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase());
            v.check(ok, &format!("languages[{i}]"), "must be a two-letter ISO 639-1 code such as \"vi\"");
        }
        v.list("networks", &self.networks, false);
        v.codes("available_for", &self.available_for, false);
    }

    fn fields(&self, lang: Lang, _today: NaiveDate) -> Vec<Field> {
        Fields::default()
            .text(lang.pick("Học hàm, học vị", "Title"), self.title.clone())
            .list(lang.pick("Chuyên môn", "Expertise"), self.expertise.iter().cloned())
            .text(lang.pick("Nơi làm việc", "Based in"), self.based_in.label(lang).to_string())
            .list(lang.pick("Sẵn sàng hỗ trợ", "Available for"), self.available_for.iter().map(|a| a.label(lang)))
            .list(lang.pick("Ngôn ngữ", "Languages"), self.languages.iter().map(|c| language_name(c, lang)))
            .list(lang.pick("Mạng lưới", "Networks"), self.networks.iter().cloned())
            .build()
    }
}
