use chrono::NaiveDate;

use crate::catalog::model::{
    deadline_badge, entry_texts, items_in, record, Badge, Entry, Facet, Field, Fields, Kind, Link, Tone,
};
use crate::catalog::validate::{Validator, MAX_ITEM, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::{CallStatus, OrgType, Sector};

record! {
    /// A call for proposals.
    pub struct Call {
        texts(title, title_en, title_vi),
        texts(description, description_en, description_vi),
        /// The organization that publishes it.
        pub issuer: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub programme: Option<String>,
        /// The programme's name in English (an extension of the records format).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub programme_en: Option<String>,
        pub sectors: Vec<Sector>,
        /// The kinds of organization that may apply.
        pub eligible: Vec<OrgType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub budget_total_vnd: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_award_vnd: Option<u64>,
        /// The documents an application must include, one item each ("Thuyết minh đề tài", "Dự
        /// toán kinh phí"): an extension of the records format.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub documents: Vec<String>,
        /// The same checklist in English, item by item (an extension of the records format).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub documents_en: Vec<String>,
        pub opens: NaiveDate,
        pub closes: NaiveDate,
        pub status: CallStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
    }
}

impl Call {
    /// Its status on `today`: an open call past its closing date is closed.
    pub fn status_on(&self, today: NaiveDate) -> CallStatus {
        if self.status == CallStatus::Open && today > self.closes {
            CallStatus::Closed
        } else {
            self.status
        }
    }

    /// The programme's name in `lang` where it is given, else as written.
    pub fn programme_in(&self, lang: Lang) -> Option<String> {
        let english = self.programme_en.clone().filter(|_| lang == Lang::En);
        english.or_else(|| self.programme.clone())
    }

    /// Whether proposals can be sent on `today`.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.status == CallStatus::Open && self.opens <= today && today <= self.closes
    }
}

impl Entry for Call {
    entry_texts!(title, title_en, title_vi; description, description_en, description_vi);

    fn links(&self) -> Vec<Link> {
        vec![Link::new("issuer", Kind::Organization, &self.issuer)]
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        let mut facets = vec![(Facet::CallStatus, self.status.code())];
        facets.extend(self.eligible.iter().map(|e| (Facet::Eligible, e.code())));
        facets
    }

    fn closes(&self) -> Option<NaiveDate> {
        Some(self.closes)
    }

    fn badges(&self, lang: Lang, today: NaiveDate) -> Vec<Badge> {
        let tone = if self.is_open(today) { Tone::Positive } else { Tone::Neutral };
        let status = self.status_on(today);
        let mut badges = vec![Badge::new(status.label(lang), tone)];
        if status == CallStatus::Open {
            badges.extend(deadline_badge(self.closes, today, lang));
        }
        badges.extend(self.max_award_vnd.map(|m| Badge::new(lang.money(m), Tone::Neutral)));
        badges
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.translated("title", &self.title, &self.title_en, &self.title_vi, MAX_TITLE);
        v.translated("description", &self.description, &self.description_en, &self.description_vi, MAX_TEXT);
        v.reference("issuer", &self.issuer);
        v.optional("programme", &self.programme, MAX_ITEM);
        v.optional("programme_en", &self.programme_en, MAX_ITEM);
        v.codes("sectors", &self.sectors, false);
        v.codes("eligible", &self.eligible, false);
        v.check(self.opens <= self.closes, "closes", "must not be before opens");
        if let (Some(total), Some(max)) = (self.budget_total_vnd, self.max_award_vnd) {
            v.check(max <= total, "max_award_vnd", "must not exceed the total budget");
        }
        v.list("documents", &self.documents, false);
        v.translated_list("documents_en", &self.documents_en, &self.documents);
        v.url("url", &self.url);
    }

    fn fields(&self, lang: Lang, today: NaiveDate) -> Vec<Field> {
        Fields::default()
            .text(lang.pick("Trạng thái", "Status"), self.status_on(today).label(lang).to_string())
            .text(lang.pick("Chương trình", "Programme"), self.programme_in(lang))
            .text(lang.pick("Mở nhận hồ sơ", "Opens"), lang.date(self.opens))
            .text(lang.pick("Hạn nộp", "Closes"), lang.date(self.closes))
            .list(lang.pick("Đối tượng được tham gia", "Who may apply"), self.eligible.iter().map(|e| e.label(lang)))
            .text(lang.pick("Tổng kinh phí", "Total budget"), self.budget_total_vnd.map(|b| lang.money(b)))
            .text(lang.pick("Hỗ trợ tối đa", "Largest award"), self.max_award_vnd.map(|b| lang.money(b)))
            .list(
                lang.pick("Hồ sơ cần nộp", "Documents to submit"),
                items_in(&self.documents, &self.documents_en, lang),
            )
            .url(lang.pick("Thông tin chính thức", "Official page"), self.url.as_deref())
            .build()
    }
}
