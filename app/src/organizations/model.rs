use chrono::NaiveDate;

use crate::catalog::model::{entry_texts, record, Badge, Entry, Facet, Field, Fields, Link, Tone};
use crate::catalog::validate::{Validator, MAX_ITEM, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::{OrgType, Sector, Stage};

record! {
    /// A startup, business, research institute, university, agency, investor or support body.
    pub struct Organization {
        texts(name, name_en, name_vi),
        between {
            pub org_type: OrgType,
        }
        texts(description, description_en, description_vi),
        pub sectors: Vec<Sector>,
        pub location: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub website: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub founded: Option<u16>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub employees: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub stage: Option<Stage>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
    }
}

impl Entry for Organization {
    entry_texts!(name, name_en, name_vi; description, description_en, description_vi);

    fn links(&self) -> Vec<Link> {
        Vec::new()
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        let mut facets = vec![(Facet::OrgType, self.org_type.code())];
        facets.extend(self.stage.map(|s| (Facet::Stage, s.code())));
        facets
    }

    fn badges(&self, lang: Lang, _today: NaiveDate) -> Vec<Badge> {
        let mut badges = vec![Badge::new(self.org_type.label(lang), Tone::Neutral)];
        badges.push(Badge::new(self.location.clone(), Tone::Neutral));
        badges
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.translated("name", &self.name, &self.name_en, &self.name_vi, MAX_TITLE);
        v.translated("description", &self.description, &self.description_en, &self.description_vi, MAX_TEXT);
        v.codes("sectors", &self.sectors, false);
        v.required("location", &self.location, MAX_ITEM);
        v.url("website", &self.website);
        if let Some(year) = self.founded {
            v.check((1800..=2100).contains(&year), "founded", "must be a year such as 2019");
        }
        v.check(self.stage.is_none() || self.org_type == OrgType::Startup, "stage", "is only for startups");
        v.list("tags", &self.tags, false);
    }

    fn fields(&self, lang: Lang, _today: NaiveDate) -> Vec<Field> {
        Fields::default()
            .text(lang.pick("Loại tổ chức", "Type"), self.org_type.label(lang).to_string())
            .text(lang.pick("Địa điểm", "Location"), self.location.clone())
            .text(lang.pick("Giai đoạn", "Stage"), self.stage.map(|s| s.label(lang).to_string()))
            .text(lang.pick("Năm thành lập", "Founded"), self.founded.map(|y| y.to_string()))
            .text(lang.pick("Số nhân sự", "Employees"), self.employees.map(|n| n.to_string()))
            .url(lang.pick("Trang web", "Website"), self.website.as_deref())
            .list(lang.pick("Từ khóa", "Tags"), self.tags.iter().cloned())
            .build()
    }
}
