use chrono::NaiveDate;

use crate::catalog::model::{entry_texts, record, Badge, Entry, Facet, Field, Fields, Kind, Link, Tone};
use crate::catalog::validate::{Validator, MAX_TEXT, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::Sector;

use super::services::{validate_instruments, validate_services, Instrument, LabService};

record! {
    /// A laboratory or research group at an organization.
    pub struct Lab {
        texts(name, name_en, name_vi),
        between {
            /// The organization it belongs to.
            pub organization: String,
        }
        texts(description, description_en, description_vi),
        /// What it can do for partners.
        pub capabilities: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub equipment: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub services: Vec<String>,
        pub sectors: Vec<Sector>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub accreditations: Vec<String>,
        /// Its priced services (`labs::services`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub service_catalog: Vec<LabService>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub instruments: Vec<Instrument>,
    }
}

impl Entry for Lab {
    entry_texts!(name, name_en, name_vi; description, description_en, description_vi);

    fn links(&self) -> Vec<Link> {
        vec![Link::new("organization", Kind::Organization, &self.organization)]
    }

    fn facets(&self) -> Vec<(Facet, &'static str)> {
        super::services::facets(&self.service_catalog)
    }

    fn badges(&self, lang: Lang, _today: NaiveDate) -> Vec<Badge> {
        let mut badges: Vec<Badge> =
            self.accreditations.iter().map(|a| Badge::new(a.clone(), Tone::Positive)).collect();
        badges.extend(super::services::summary(&self.service_catalog, lang).map(|s| Badge::new(s, Tone::Neutral)));
        badges
    }

    fn validate(&self, v: &mut Validator) {
        v.id(&self.id);
        v.translated("name", &self.name, &self.name_en, &self.name_vi, MAX_TITLE);
        v.reference("organization", &self.organization);
        v.translated("description", &self.description, &self.description_en, &self.description_vi, MAX_TEXT);
        v.list("capabilities", &self.capabilities, false);
        v.list("equipment", &self.equipment, false);
        v.list("services", &self.services, false);
        v.codes("sectors", &self.sectors, false);
        v.list("accreditations", &self.accreditations, false);
        validate_services(v, &self.service_catalog);
        validate_instruments(v, &self.instruments);
    }

    fn fields(&self, lang: Lang, _today: NaiveDate) -> Vec<Field> {
        Fields::default()
            .list(lang.pick("Năng lực", "Capabilities"), self.capabilities.iter().cloned())
            .list(lang.pick("Dịch vụ", "Services"), self.services.iter().cloned())
            .list(lang.pick("Bảng giá dịch vụ", "Priced services"), self.service_catalog.iter().map(|s| s.line(lang)))
            .list(lang.pick("Thiết bị", "Equipment"), self.equipment.iter().cloned())
            .list(
                lang.pick("Máy móc chính (tình trạng, đặt lịch)", "Instruments (state, booking)"),
                self.instruments.iter().map(|i| i.line(lang)),
            )
            .list(lang.pick("Công nhận, chứng nhận", "Accreditations"), self.accreditations.iter().cloned())
            .build()
    }
}
