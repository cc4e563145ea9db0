use chrono::NaiveDate;

use crate::catalog::model::{
    deadline_badge, entry_texts, items_in, record, Badge, Entry, Facet, Field, Fields, Kind, Link, Tone,
};
use crate::catalog::validate::{Validator, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::{PilotStatus, Sector};

record! {
    /// A sandbox pilot.
    pub struct Pilot {
        texts(title, title_en, title_vi),
        texts(description, description_en, description_vi),
        pub sectors: Vec<Sector>,
        /// The organization that supervises it.
        pub supervisor: String,
        /// Where the pilot may run.
        pub area: String,
        pub technologies_sought: Vec<String>,
        pub duration_months: u16,
        pub conditions: String,
        /// What is exempted and when.
        pub liability_exemption: String,
        pub status: PilotStatus,
        /// The documents an application must include, one item each: an extension of the records
        /// format.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub documents: Vec<String>,
        /// The same checklist in English, item by item (an extension of the records format).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub documents_en: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub opens: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub closes: Option<NaiveDate>,
    }
}

impl Pilot {
    /// Its status on `today`: a pilot past its registration deadline no longer accepts
    /// applications; it runs.
    pub fn status_on(&self, today: NaiveDate) -> PilotStatus {
        match self.closes {
            Some(closes) if self.status == PilotStatus::Accepting && today > closes => PilotStatus::Running,
            _ => self.status,
        }
    }
}

impl Entry for Pilot {
    entry_texts!(title, title_en, title_vi; description, description_en, description_vi);

    fn links(&self) -> Vec<Link> {
        vec![Link::new("supervisor", Kind::Organization, &self.supervisor)]
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        vec![(Facet::PilotStatus, self.status.code())]
    }

    fn closes(&self) -> Option<NaiveDate> {
        self.closes
    }

    fn badges(&self, lang: Lang, today: NaiveDate) -> Vec<Badge> {
        let status = self.status_on(today);
        let tone = if status == PilotStatus::Accepting { Tone::Positive } else { Tone::Neutral };
        let mut badges = vec![Badge::new(status.label(lang), tone)];
        if status == PilotStatus::Accepting {
            badges.extend(self.closes.and_then(|d| deadline_badge(d, today, lang)));
        }
        badges.push(Badge::new(
            lang.pick(format!("{} tháng", self.duration_months), format!("{} months", self.duration_months)),
            Tone::Neutral,
        ));
        badges
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.translated("title", &self.title, &self.title_en, &self.title_vi, MAX_TITLE);
        v.translated("description", &self.description, &self.description_en, &self.description_vi, MAX_TEXT);
        v.codes("sectors", &self.sectors, false);
        v.reference("supervisor", &self.supervisor);
        v.required("area", &self.area, MAX_TITLE);
        v.list("technologies_sought", &self.technologies_sought, false);
        v.check((1..=120).contains(&self.duration_months), "duration_months", "must be from 1 to 120 months");
        v.required("conditions", &self.conditions, MAX_TEXT);
        v.required("liability_exemption", &self.liability_exemption, MAX_TEXT);
        v.list("documents", &self.documents, false);
        v.translated_list("documents_en", &self.documents_en, &self.documents);
        if let (Some(opens), Some(closes)) = (self.opens, self.closes) {
            v.check(opens <= closes, "closes", "must not be before opens");
        }
    }

    fn fields(&self, lang: Lang, today: NaiveDate) -> Vec<Field> {
        Fields::default()
            .text(lang.pick("Trạng thái", "Status"), self.status_on(today).label(lang).to_string())
            .text(lang.pick("Địa bàn thử nghiệm", "Area"), self.area.clone())
            .text(
                lang.pick("Thời gian thử nghiệm", "Duration"),
                lang.pick(format!("{} tháng", self.duration_months), format!("{} months", self.duration_months)),
            )
            .list(lang.pick("Công nghệ cần tìm", "Technologies sought"), self.technologies_sought.iter().cloned())
            .text(lang.pick("Mở nhận hồ sơ", "Opens"), self.opens.map(|d| lang.date(d)))
            .text(lang.pick("Hạn nộp", "Closes"), self.closes.map(|d| lang.date(d)))
            .list(
                lang.pick("Hồ sơ cần nộp", "Documents to submit"),
                items_in(&self.documents, &self.documents_en, lang),
            )
            .long(lang.pick("Điều kiện thử nghiệm", "Conditions"), Some(&self.conditions))
            .long(lang.pick("Miễn trừ trách nhiệm", "Liability exemption"), Some(&self.liability_exemption))
            .build()
    }
}
