//! What a lab offers businesses besides its description: priced services (a test, an
//! analysis), each with its method, standard, accreditation, sample, prices by customer,
//! turnaround and capacity; and its instruments, with whether others may book them. Both are
//! part of the lab's record (`service_catalog`, `instruments`), so they travel with it through
//! import, export, the API and search.

use serde::{Deserialize, Serialize};

use crate::catalog::model::{Facet, Text};
use crate::catalog::validate::{Validator, MAX_TITLE};
use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// Whom a price is for.
    Customer {
        LocalBusiness = "local_business", "Doanh nghiệp trong tỉnh", "Businesses in the province";
        Business = "business", "Doanh nghiệp khác", "Other businesses";
        Research = "research", "Nghiên cứu", "Research";
    }
}

vocab! {
    /// Whether an instrument can be used now.
    InstrumentState {
        Working = "working", "Đang hoạt động", "Working";
        Maintenance = "maintenance", "Đang bảo trì", "Under maintenance";
        Retired = "retired", "Ngừng sử dụng", "Out of service";
    }
}

vocab! {
    /// Whether a lab has an accredited service (a list filter).
    Accredited {
        Yes = "yes", "Có dịch vụ được công nhận (ISO/IEC 17025, VILAS)", "Has accredited services (ISO/IEC 17025, VILAS)";
    }
}

vocab! {
    /// How fast a lab's fastest service gives results (a list filter).
    Within {
        Days3 = "3", "Trả kết quả trong 3 ngày làm việc", "Results within 3 working days";
        Days5 = "5", "Trong 5 ngày làm việc", "Within 5 working days";
        Days10 = "10", "Trong 10 ngày làm việc", "Within 10 working days";
        Days20 = "20", "Trong 20 ngày làm việc", "Within 20 working days";
    }
}

vocab! {
    /// The most a lab's cheapest service costs (a list filter).
    PriceCeiling {
        Vnd200k = "200000", "Giá từ 200.000 ₫ trở xuống", "Up to 200,000 ₫";
        Vnd500k = "500000", "Từ 500.000 ₫ trở xuống", "Up to 500,000 ₫";
        Vnd1m = "1000000", "Từ 1.000.000 ₫ trở xuống", "Up to 1,000,000 ₫";
        Vnd5m = "5000000", "Từ 5.000.000 ₫ trở xuống", "Up to 5,000,000 ₫";
    }
}

/// The list filters a lab's services meet: an accredited service; its fastest turnaround and
/// its lowest price, each as every bound they are within (so "within 10 days" also finds a lab
/// that answers in 3). Each filter is met by some service, not necessarily the same one.
pub fn facets(services: &[LabService]) -> Vec<(Facet, &'static str)> {
    let mut out = Vec::new();
    if services.iter().any(|s| s.accreditation.is_some() || s.vilas.is_some()) {
        out.push((Facet::Accredited, Accredited::Yes.code()));
    }
    let bound = |code: &str| code.parse::<i64>().unwrap_or(0);
    if let Some(fastest) = services.iter().filter_map(|s| s.turnaround_days).min() {
        let within = Within::ALL.iter().filter(|w| i64::from(fastest) <= bound(w.code()));
        out.extend(within.map(|w| (Facet::Turnaround, w.code())));
    }
    if let Some(lowest) = services.iter().flat_map(|s| &s.prices).map(|p| p.min_vnd).min() {
        let under = PriceCeiling::ALL.iter().filter(|c| lowest <= bound(c.code()));
        out.extend(under.map(|c| (Facet::PriceCeiling, c.code())));
    }
    out
}

/// The service whose name, method, standard and sample hold the most of `words` (folded, as a
/// search marks them), if any holds one; the first of equals.
pub fn best_for<'a>(services: &'a [LabService], words: &std::collections::HashSet<String>) -> Option<&'a LabService> {
    let held = |s: &LabService| {
        let texts = [Some(&s.name), s.name_en.as_ref(), s.method.as_ref(), s.standard.as_ref(), s.sample.as_ref()];
        let folded = crate::text::fold(&texts.into_iter().flatten().map(String::as_str).collect::<Vec<_>>().join(" "));
        let found: std::collections::HashSet<&str> =
            folded.split(|c: char| !c.is_alphanumeric()).filter(|w| words.contains(*w)).collect();
        found.len()
    };
    services.iter().rev().map(|s| (held(s), s)).filter(|(n, _)| *n > 0).max_by_key(|(n, _)| *n).map(|(_, s)| s)
}

/// A lab's services in a few words for its card: how many, from what price, how fast
/// ("3 dịch vụ · từ 120.000 ₫ · kết quả từ 5 ngày"); none without services.
pub fn summary(services: &[LabService], lang: Lang) -> Option<String> {
    if services.is_empty() {
        return None;
    }
    let n = services.len();
    let mut parts = vec![lang.pick(format!("{n} dịch vụ"), format!("{n} service{}", if n == 1 { "" } else { "s" }))];
    if let Some(lowest) = services.iter().flat_map(|s| &s.prices).map(|p| p.min_vnd.max(0) as u64).min() {
        parts.push(lang.pick(format!("từ {}", lang.money(lowest)), format!("from {}", lang.money(lowest))));
    }
    if let Some(days) = services.iter().filter_map(|s| s.turnaround_days).min() {
        parts.push(lang.pick(format!("kết quả từ {days} ngày"), format!("results in {days}+ days")));
    }
    Some(parts.join(" · "))
}

/// The most services or instruments one lab lists.
const MAX_ITEMS: usize = 100;
/// The most a price or rate may say, in VND (a million million).
const MAX_VND: i64 = 1_000_000_000_000;
/// The longest text of a short field (method, standard, sample…).
const MAX_SHORT: usize = 300;

/// A price, or a range, for one kind of customer, in VND.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Price {
    pub customer: Customer,
    pub min_vnd: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vnd: Option<i64>,
}

/// One service a lab sells: a test, an analysis, a survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LabService {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// How it is done, e.g. "HPLC-FLD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The standard followed, e.g. "TCVN 8352:2010".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The accreditation covering it, e.g. "ISO/IEC 17025:2017".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accreditation: Option<String>,
    /// The accreditation's VILAS number, e.g. "VILAS 123".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vilas: Option<String>,
    /// What to send and how much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Price>,
    /// Working days from a sample received to its results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnaround_days: Option<u32>,
    /// Samples a month the lab can take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_per_month: Option<u32>,
}

/// An instrument of a lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Instrument {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub make_model: Option<String>,
    pub state: InstrumentState,
    /// Whether people outside the lab may book it.
    #[serde(default)]
    pub bookable: bool,
    /// Whether a booking needs someone trained on it.
    #[serde(default)]
    pub training_required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate_vnd: Option<i64>,
}

/// Checks a lab's services against the records format.
pub fn validate_services(v: &mut Validator, services: &[LabService]) {
    v.check(services.len() <= MAX_ITEMS, "service_catalog", format!("at most {MAX_ITEMS} services"));
    for (n, service) in services.iter().enumerate() {
        let field = format!("service_catalog[{n}]");
        v.required(&format!("{field}.name"), &service.name, MAX_TITLE);
        v.optional(&format!("{field}.name_en"), &service.name_en, MAX_TITLE);
        for (name, value) in [
            ("method", &service.method),
            ("standard", &service.standard),
            ("accreditation", &service.accreditation),
            ("vilas", &service.vilas),
            ("sample", &service.sample),
        ] {
            v.optional(&format!("{field}.{name}"), value, MAX_SHORT);
        }
        for (i, price) in service.prices.iter().enumerate() {
            let at = format!("{field}.prices[{i}]");
            v.check((0..=MAX_VND).contains(&price.min_vnd), &at, "min_vnd must be 0 or more (VND)");
            v.check(
                price.max_vnd.is_none_or(|max| (price.min_vnd..=MAX_VND).contains(&max)),
                &at,
                "max_vnd must be at least min_vnd",
            );
            let repeated = service.prices[..i].iter().any(|p| p.customer == price.customer);
            v.check(!repeated, &at, "one price per customer");
        }
        let days = service.turnaround_days.unwrap_or(1);
        v.check((1..=365).contains(&days), &format!("{field}.turnaround_days"), "1 to 365 working days");
        let capacity = service.capacity_per_month.unwrap_or(1);
        v.check(capacity >= 1, &format!("{field}.capacity_per_month"), "at least 1 sample a month");
    }
}

/// Checks a lab's instruments against the records format.
pub fn validate_instruments(v: &mut Validator, instruments: &[Instrument]) {
    v.check(instruments.len() <= MAX_ITEMS, "instruments", format!("at most {MAX_ITEMS} instruments"));
    for (n, instrument) in instruments.iter().enumerate() {
        let field = format!("instruments[{n}]");
        v.required(&format!("{field}.name"), &instrument.name, MAX_TITLE);
        v.optional(&format!("{field}.name_en"), &instrument.name_en, MAX_TITLE);
        v.optional(&format!("{field}.make_model"), &instrument.make_model, MAX_SHORT);
        let rate = instrument.hourly_rate_vnd.unwrap_or(0);
        v.check((0..=MAX_VND).contains(&rate), &format!("{field}.hourly_rate_vnd"), "0 or more (VND)");
    }
}

/// "350.000 ₫" or "350.000–600.000 ₫".
fn amount(price: &Price, lang: Lang) -> String {
    let vnd = |n: i64| n.max(0) as u64;
    match price.max_vnd.filter(|max| *max > price.min_vnd) {
        Some(max) => format!("{}–{}", lang.number(vnd(price.min_vnd)), lang.money(vnd(max))),
        None => lang.money(vnd(price.min_vnd)),
    }
}

impl LabService {
    /// The service in a few words: accredited, from what price, how fast.
    pub fn brief(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = self.accreditation.iter().chain(&self.vilas).cloned().collect();
        if let Some(lowest) = self.prices.iter().map(|p| p.min_vnd.max(0) as u64).min() {
            parts.push(format!("{} {}", lang.pick("từ", "from"), lang.money(lowest)));
        }
        if let Some(days) = self.turnaround_days {
            parts.push(lang.pick(format!("{days} ngày làm việc"), format!("{days} working days")));
        }
        parts.join(" · ")
    }

    /// The service as one line of the lab's page: name, method and standard, accreditation,
    /// sample, prices by customer, turnaround and capacity.
    pub fn line(&self, lang: Lang) -> String {
        let name = Text::new(&self.name, &self.name_en, &None).get(lang);
        let mut parts = vec![name.to_string()];
        let how: Vec<&str> = [&self.method, &self.standard].into_iter().flatten().map(String::as_str).collect();
        if !how.is_empty() {
            parts.push(how.join(", "));
        }
        let accredited: Vec<&str> =
            [&self.accreditation, &self.vilas].into_iter().flatten().map(String::as_str).collect();
        if !accredited.is_empty() {
            parts.push(accredited.join(" "));
        }
        if let Some(sample) = &self.sample {
            parts.push(format!("{} {sample}", lang.pick("Mẫu:", "Sample:")));
        }
        let prices: Vec<String> =
            self.prices.iter().map(|p| format!("{}: {}", p.customer.label(lang), amount(p, lang))).collect();
        if !prices.is_empty() {
            parts.push(prices.join("; "));
        }
        if let Some(days) = self.turnaround_days {
            parts.push(lang.pick(format!("{days} ngày làm việc"), format!("{days} working days")));
        }
        if let Some(capacity) = self.capacity_per_month {
            parts.push(lang.pick(format!("{capacity} mẫu/tháng"), format!("{capacity} samples a month")));
        }
        parts.join(" · ")
    }
}

/// Which side of an order to a lab (a service request, an instrument booking) the viewer is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// They ordered.
    Customer,
    /// They answer for the lab.
    Lab,
}

impl Instrument {
    /// Whether outsiders can book it now: the lab opened it for booking and it works.
    pub fn open_for_booking(&self) -> bool {
        self.bookable && self.state == InstrumentState::Working
    }

    /// The instrument as one line of the lab's page.
    pub fn line(&self, lang: Lang) -> String {
        let name = Text::new(&self.name, &self.name_en, &None).get(lang);
        let mut parts = vec![match &self.make_model {
            Some(model) => format!("{name} ({model})"),
            None => name.to_string(),
        }];
        parts.push(self.state.label(lang).to_string());
        parts.push(match (self.bookable, self.training_required) {
            (false, _) => lang.pick("Không nhận đặt lịch", "Not for booking").to_string(),
            (true, false) => lang.pick("Nhận đặt lịch", "Open for booking").to_string(),
            (true, true) => {
                lang.pick("Nhận đặt lịch, cần người đã tập huấn", "Open for booking by trained users").to_string()
            }
        });
        if let Some(rate) = self.hourly_rate_vnd {
            parts.push(format!("{}{}", lang.money(rate.max(0) as u64), lang.pick("/giờ", " an hour")));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histamine() -> LabService {
        serde_json::from_str(
            r#"{"name":"Kiểm nghiệm histamine trong nước mắm","name_en":"Histamine in fish sauce","method":"HPLC-FLD",
                "standard":"TCVN 8352:2010","accreditation":"ISO/IEC 17025:2017","sample":"Nước mắm, 200 mL",
                "prices":[{"customer":"local_business","min_vnd":350000,"max_vnd":450000},{"customer":"business","min_vnd":500000}],
                "turnaround_days":5,"capacity_per_month":200}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_service_reads_as_one_line_in_each_language() {
        assert_eq!(
            histamine().line(Lang::Vi),
            "Kiểm nghiệm histamine trong nước mắm · HPLC-FLD, TCVN 8352:2010 · ISO/IEC 17025:2017 · Mẫu: Nước mắm, 200 mL · \
             Doanh nghiệp trong tỉnh: 350.000–450.000\u{a0}₫; Doanh nghiệp khác: 500.000\u{a0}₫ · 5 ngày làm việc · 200 mẫu/tháng"
        );
        assert!(histamine().line(Lang::En).starts_with("Histamine in fish sauce · HPLC-FLD"));
    }

    #[test]
    fn prices_days_and_counts_must_make_sense() {
        let check = |service: LabService| {
            let mut v = Validator::default();
            validate_services(&mut v, &[service]);
            v.finish().is_ok()
        };
        assert!(check(histamine()));
        let mut negative = histamine();
        negative.prices[0].min_vnd = -1;
        assert!(!check(negative));
        let mut upside_down = histamine();
        upside_down.prices[0].max_vnd = Some(1);
        assert!(!check(upside_down));
        let mut twice = histamine();
        twice.prices[1].customer = Customer::LocalBusiness;
        assert!(!check(twice));
        let mut slow = histamine();
        slow.turnaround_days = Some(0);
        assert!(!check(slow));
        let mut unnamed = histamine();
        unnamed.name = " ".into();
        assert!(!check(unnamed));
    }
}
