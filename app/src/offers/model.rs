use chrono::NaiveDate;

use crate::catalog::model::{
    entry_texts, record, trl_text, Badge, Entry, Facet, Field, Fields, Kind, Link, Text, Tone,
};
use crate::catalog::validate::{Validator, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::{IpStatus, Sector, TransferMode};

record! {
    /// A technology offer.
    pub struct Offer {
        texts(title, title_en, title_vi),
        texts(summary, summary_en, summary_vi),
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description_en: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description_vi: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner_org: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner_lab: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner_expert: Option<String>,
        pub sectors: Vec<Sector>,
        pub trl: u8,
        pub ip_status: IpStatus,
        pub transfer_modes: Vec<TransferMode>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub keywords: Vec<String>,
    }
}

impl Entry for Offer {
    entry_texts!(title, title_en, title_vi; summary, summary_en, summary_vi);

    /// The lab first, then the organization, then the expert: the most specific owner names it.
    fn links(&self) -> Vec<Link> {
        let owners = [
            ("owner_lab", Kind::Lab, &self.owner_lab),
            ("owner_org", Kind::Organization, &self.owner_org),
            ("owner_expert", Kind::Expert, &self.owner_expert),
        ];
        owners.into_iter().filter_map(|(rel, kind, id)| id.as_deref().map(|id| Link::new(rel, kind, id))).collect()
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        let mut facets = vec![(Facet::IpStatus, self.ip_status.code())];
        facets.extend(self.transfer_modes.iter().map(|m| (Facet::TransferMode, m.code())));
        facets
    }

    fn trl(&self) -> Option<u8> {
        Some(self.trl)
    }

    fn badges(&self, lang: Lang, _today: NaiveDate) -> Vec<Badge> {
        let tone = if self.trl >= 7 { Tone::Positive } else { Tone::Neutral };
        vec![Badge::new(format!("TRL {}", self.trl), tone), Badge::new(self.ip_status.label(lang), Tone::Neutral)]
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.translated("title", &self.title, &self.title_en, &self.title_vi, MAX_TITLE);
        v.translated("summary", &self.summary, &self.summary_en, &self.summary_vi, MAX_TEXT);
        v.optional("description", &self.description, MAX_TEXT);
        v.optional("description_en", &self.description_en, MAX_TEXT);
        v.optional("description_vi", &self.description_vi, MAX_TEXT);
        let owners = self.links();
        v.check(!owners.is_empty(), "owner_org", "an offer needs at least one of owner_org, owner_lab, owner_expert");
        for link in &owners {
            v.reference(&link.rel, &link.id);
        }
        v.codes("sectors", &self.sectors, false);
        v.trl("trl", self.trl);
        v.codes("transfer_modes", &self.transfer_modes, false);
        v.list("keywords", &self.keywords, false);
    }

    fn fields(&self, lang: Lang, _today: NaiveDate) -> Vec<Field> {
        let description =
            Text::new(self.description.as_deref().unwrap_or(""), &self.description_en, &self.description_vi);
        Fields::default()
            .long(lang.pick("Mô tả chi tiết", "Details"), Some(description.get(lang)))
            .text(lang.pick("Mức độ sẵn sàng", "Readiness"), trl_text(self.trl, lang))
            .text(lang.pick("Sở hữu trí tuệ", "IP status"), self.ip_status.label(lang).to_string())
            .list(
                lang.pick("Hình thức chuyển giao", "Transfer modes"),
                self.transfer_modes.iter().map(|m| m.label(lang)),
            )
            .list(lang.pick("Từ khóa", "Keywords"), self.keywords.iter().cloned())
            .build()
    }
}
