use chrono::NaiveDate;

use crate::catalog::model::{
    deadline_badge, entry_texts, record, trl_text, Badge, Entry, Facet, Field, Fields, Kind, Link, Tone,
};
use crate::catalog::validate::{Validator, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::{PartnerType, Sector};

record! {
    /// A technology need or challenge.
    pub struct Need {
        texts(title, title_en, title_vi),
        texts(description, description_en, description_vi),
        /// The organization that posted it.
        pub organization: String,
        pub sectors: Vec<Sector>,
        /// What kinds of partner it is looking for.
        pub partner_types: Vec<PartnerType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trl_min: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub budget_vnd: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deadline: Option<NaiveDate>,
    }
}

impl Entry for Need {
    entry_texts!(title, title_en, title_vi; description, description_en, description_vi);

    fn links(&self) -> Vec<Link> {
        vec![Link::new("organization", Kind::Organization, &self.organization)]
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        self.partner_types.iter().map(|p| (Facet::PartnerType, p.code())).collect()
    }

    fn trl(&self) -> Option<u8> {
        self.trl_min
    }

    fn closes(&self) -> Option<NaiveDate> {
        self.deadline
    }

    fn badges(&self, lang: Lang, today: NaiveDate) -> Vec<Badge> {
        let mut badges: Vec<Badge> =
            self.budget_vnd.map(|b| Badge::new(lang.money(b), Tone::Positive)).into_iter().collect();
        match self.deadline {
            Some(deadline) if deadline < today => {
                badges.push(Badge::new(lang.pick("Đã hết hạn", "Expired"), Tone::Neutral))
            }
            Some(deadline) => badges.extend(deadline_badge(deadline, today, lang)),
            None => {}
        }
        badges
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.translated("title", &self.title, &self.title_en, &self.title_vi, MAX_TITLE);
        v.translated("description", &self.description, &self.description_en, &self.description_vi, MAX_TEXT);
        v.reference("organization", &self.organization);
        v.codes("sectors", &self.sectors, false);
        v.codes("partner_types", &self.partner_types, false);
        if let Some(trl) = self.trl_min {
            v.trl("trl_min", trl);
        }
    }

    fn fields(&self, lang: Lang, _today: NaiveDate) -> Vec<Field> {
        Fields::default()
            .list(lang.pick("Đang tìm", "Looking for"), self.partner_types.iter().map(|p| p.label(lang)))
            .text(lang.pick("Mức sẵn sàng tối thiểu", "Minimum readiness"), self.trl_min.map(|t| trl_text(t, lang)))
            .text(lang.pick("Ngân sách", "Budget"), self.budget_vnd.map(|b| lang.money(b)))
            .text(lang.pick("Hạn", "Deadline"), self.deadline.map(|d| lang.date(d)))
            .build()
    }
}
