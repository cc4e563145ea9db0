//! What every kind of record shares: its kind, the `Entry` trait each domain implements, the
//! `Record` enum of the records format, and the views of a record that pages and the API use.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::Validator;
use crate::i18n::Lang;
use crate::vocab::{self, vocab, Sector};
use crate::{calls::Call, experts::Expert, labs::Lab, needs::Need, offers::Offer};
use crate::{organizations::Organization, pilots::Pilot};

vocab! {
    /// The seven kinds of record, in the order that references allow them to be stored.
    Kind {
        Organization = "organization", "Tổ chức", "Organization";
        Lab = "lab", "Phòng thí nghiệm", "Lab";
        Expert = "expert", "Chuyên gia", "Expert";
        Offer = "offer", "Công nghệ chào bán", "Technology offer";
        Need = "need", "Nhu cầu công nghệ", "Technology need";
        Call = "call", "Kêu gọi đề xuất", "Call for proposals";
        Pilot = "pilot", "Thử nghiệm có kiểm soát", "Sandbox pilot";
    }
}

impl Kind {
    /// The path of the list page; a record's page is below it.
    pub fn path(self) -> &'static str {
        match self {
            Kind::Organization => "/organizations",
            Kind::Lab => "/labs",
            Kind::Expert => "/experts",
            Kind::Offer => "/offers",
            Kind::Need => "/needs",
            Kind::Call => "/calls",
            Kind::Pilot => "/pilots",
        }
    }

    /// The heading of the list page.
    pub fn plural(self, lang: Lang) -> &'static str {
        match self {
            Kind::Organization => lang.pick("Tổ chức", "Organizations"),
            Kind::Lab => lang.pick("Phòng thí nghiệm", "Labs"),
            Kind::Expert => lang.pick("Chuyên gia", "Experts"),
            Kind::Offer => lang.pick("Công nghệ chào bán", "Technology offers"),
            Kind::Need => lang.pick("Nhu cầu công nghệ", "Technology needs"),
            Kind::Call => lang.pick("Kêu gọi đề xuất", "Calls for proposals"),
            Kind::Pilot => lang.pick("Thử nghiệm có kiểm soát", "Sandbox pilots"),
        }
    }

    /// The filters its list page offers, besides sector.
    pub fn filters(self) -> &'static [Facet] {
        match self {
            Kind::Organization => &[Facet::OrgType],
            Kind::Lab => &[],
            Kind::Expert => &[Facet::BasedIn, Facet::AvailableFor],
            Kind::Offer => &[Facet::IpStatus, Facet::TransferMode],
            Kind::Need => &[Facet::PartnerType],
            Kind::Call => &[Facet::CallStatus, Facet::Eligible],
            Kind::Pilot => &[Facet::PilotStatus],
        }
    }

    /// Whether its list can be filtered by technology readiness level.
    pub fn has_trl(self) -> bool {
        matches!(self, Kind::Offer | Kind::Need)
    }

    /// Its position in storage order (referenced kinds first).
    pub fn rank(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

vocab! {
    /// A dimension a list can be filtered by; the code is the URL parameter.
    Facet {
        Sector = "sector", "Lĩnh vực", "Sector";
        OrgType = "type", "Loại tổ chức", "Organization type";
        Stage = "stage", "Giai đoạn", "Stage";
        BasedIn = "based_in", "Nơi làm việc", "Based in";
        AvailableFor = "available_for", "Sẵn sàng hỗ trợ", "Available for";
        IpStatus = "ip", "Sở hữu trí tuệ", "IP status";
        TransferMode = "transfer", "Hình thức chuyển giao", "Transfer mode";
        PartnerType = "looking_for", "Đang tìm", "Looking for";
        CallStatus = "status", "Trạng thái", "Status";
        PilotStatus = "pilot_status", "Trạng thái", "Status";
        Eligible = "eligible", "Đối tượng được tham gia", "Who may apply";
    }
}

impl Facet {
    /// The label of one of its values, or the code itself when it is unknown.
    pub fn value_label(self, code: &str, lang: Lang) -> String {
        use crate::vocab::*;
        let label = match self {
            Facet::Sector => Sector::from_code(code).map(|v| v.label(lang)),
            Facet::OrgType | Facet::Eligible => OrgType::from_code(code).map(|v| v.label(lang)),
            Facet::Stage => Stage::from_code(code).map(|v| v.label(lang)),
            Facet::BasedIn => BasedIn::from_code(code).map(|v| v.label(lang)),
            Facet::AvailableFor => Availability::from_code(code).map(|v| v.label(lang)),
            Facet::IpStatus => IpStatus::from_code(code).map(|v| v.label(lang)),
            Facet::TransferMode => TransferMode::from_code(code).map(|v| v.label(lang)),
            Facet::PartnerType => PartnerType::from_code(code).map(|v| v.label(lang)),
            Facet::CallStatus => CallStatus::from_code(code).map(|v| v.label(lang)),
            Facet::PilotStatus => PilotStatus::from_code(code).map(|v| v.label(lang)),
        };
        label.map(str::to_string).unwrap_or_else(|| code.to_string())
    }

    /// Every code it can take, in vocabulary order.
    pub fn codes(self) -> Vec<&'static str> {
        use crate::vocab::*;
        fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| code(*v)).collect()
        }
        match self {
            Facet::Sector => codes(Sector::ALL, Sector::code),
            Facet::OrgType | Facet::Eligible => codes(OrgType::ALL, OrgType::code),
            Facet::Stage => codes(Stage::ALL, Stage::code),
            Facet::BasedIn => codes(BasedIn::ALL, BasedIn::code),
            Facet::AvailableFor => codes(Availability::ALL, Availability::code),
            Facet::IpStatus => codes(IpStatus::ALL, IpStatus::code),
            Facet::TransferMode => codes(TransferMode::ALL, TransferMode::code),
            Facet::PartnerType => codes(PartnerType::ALL, PartnerType::code),
            Facet::CallStatus => codes(CallStatus::ALL, CallStatus::code),
            Facet::PilotStatus => codes(PilotStatus::ALL, PilotStatus::code),
        }
    }
}

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
    /// Its fields as labelled rows for its page.
    fn fields(&self, lang: Lang) -> Vec<Field>;
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

/// The start of `text`, cut at a word boundary near `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
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

/// What a list page asks for: filters from the URL and a page number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    /// Facet code and value pairs; several values of one facet match any of them.
    pub facets: Vec<(Facet, String)>,
    pub trl_min: Option<u8>,
    pub trl_max: Option<u8>,
    /// One-based.
    pub page: u32,
}

/// How many cards a list page shows.
pub const PAGE_SIZE: u32 = 12;

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
    pub sections: Vec<Related>,
}

/// A titled group of related records on a record's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub heading: String,
    pub cards: Vec<Card>,
}

impl ListFilter {
    /// Reads the filters of a `kind` list from URL parameters (`values` gives every value of a
    /// key), ignoring values that are not codes of the facet.
    pub fn from_query(kind: Kind, values: impl Fn(&str) -> Vec<String>) -> Self {
        let mut facets: Vec<(Facet, String)> = Vec::new();
        for facet in std::iter::once(Facet::Sector).chain(kind.filters().iter().copied()) {
            let codes = facet.codes();
            for value in values(facet.code()) {
                let pair = (facet, value);
                if codes.contains(&pair.1.as_str()) && !facets.contains(&pair) {
                    facets.push(pair);
                }
            }
        }
        let number = |key: &str| values(key).first().and_then(|v| v.trim().parse::<u32>().ok());
        let trl = |key: &str| number(key).filter(|t| (1..=9).contains(t)).map(|t| t as u8).filter(|_| kind.has_trl());
        ListFilter {
            facets,
            trl_min: trl("trl_min"),
            trl_max: trl("trl_max"),
            page: number("page").filter(|p| (1..=100_000).contains(p)).unwrap_or(1),
        }
    }

    /// Only records with `value` for `facet`, first page.
    pub fn only(facet: Facet, value: &str) -> Self {
        ListFilter { facets: vec![(facet, value.to_string())], page: 1, ..Default::default() }
    }

    /// The one value chosen for `facet`, if exactly one is.
    pub fn value(&self, facet: Facet) -> Option<&str> {
        let mut values = self.facets.iter().filter(|(f, _)| *f == facet);
        match (values.next(), values.next()) {
            (Some((_, v)), None) => Some(v),
            _ => None,
        }
    }

    /// The URL query of these filters at `page` (codes are URL-safe as they are).
    pub fn query_string(&self, page: u32) -> String {
        let mut pairs: Vec<String> = self.facets.iter().map(|(f, v)| format!("{}={v}", f.code())).collect();
        pairs.extend(self.trl_min.map(|t| format!("trl_min={t}")));
        pairs.extend(self.trl_max.map(|t| format!("trl_max={t}")));
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        pairs.join("&")
    }

    pub fn is_empty(&self) -> bool {
        self.facets.is_empty() && self.trl_min.is_none() && self.trl_max.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Vec<String> + 'a {
        move |key| pairs.iter().filter(|(k, _)| *k == key).map(|(_, v)| v.to_string()).collect()
    }

    #[test]
    fn filters_keep_only_known_codes_of_the_kind() {
        let pairs = [("sector", "aquaculture"), ("sector", "nonsense"), ("type", "startup"), ("status", "open"), ("trl_min", "4"), ("page", "3")];
        let orgs = ListFilter::from_query(Kind::Organization, query(&pairs));
        assert_eq!(orgs.facets, vec![(Facet::Sector, "aquaculture".into()), (Facet::OrgType, "startup".into())]);
        assert_eq!(orgs.trl_min, None, "organizations have no TRL");
        assert_eq!(orgs.page, 3);
        let offers = ListFilter::from_query(Kind::Offer, query(&pairs));
        assert_eq!(offers.trl_min, Some(4));
        assert_eq!(offers.query_string(2), "sector=aquaculture&trl_min=4&page=2");
    }

    #[test]
    fn bad_numbers_fall_back() {
        let pairs = [("trl_min", "0"), ("trl_max", "99"), ("page", "-1")];
        let f = ListFilter::from_query(Kind::Offer, query(&pairs));
        assert_eq!((f.trl_min, f.trl_max, f.page), (None, None, 1));
    }

    #[test]
    fn translations_are_picked_by_language() {
        let en = Some("Lobster".to_string());
        let text = Text::new("Tôm hùm", &en, &None);
        assert_eq!(text.get(Lang::En), "Lobster");
        assert_eq!(text.get(Lang::Vi), "Tôm hùm");
        let blank = Some("  ".to_string());
        assert_eq!(Text::new("Tôm hùm", &blank, &None).get(Lang::En), "Tôm hùm");
    }

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
    }
}
