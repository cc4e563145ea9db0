//! A request for one of a lab's priced services, as both sides see it: the business asks
//! (samples, wanted date, notes), the lab quotes (lines, total, valid until, conditions) or
//! declines with a reason, the business accepts or declines the quote; every step is kept.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// Where a request stands.
    RequestStatus {
        Requested = "requested", "Chờ báo giá", "Awaiting a quote";
        Quoted = "quoted", "Đã có báo giá", "Quoted";
        Declined = "declined", "Phòng thí nghiệm từ chối", "Declined by the lab";
        Accepted = "accepted", "Đã chấp nhận báo giá", "Quote accepted";
        Rejected = "rejected", "Không nhận báo giá", "Quote declined";
        Received = "received", "Đã nhận mẫu", "Samples received";
        InAnalysis = "in_analysis", "Đang phân tích", "In analysis";
        Ready = "ready", "Đã có kết quả", "Results ready";
    }
}

impl RequestStatus {
    /// The quote was accepted: the work is agreed (and may have gone on since).
    pub fn accepted(self) -> bool {
        matches!(self, Self::Accepted | Self::Received | Self::InAnalysis | Self::Ready)
    }
}

/// Days from the samples received to the results ready, once both happened. `steps` are one
/// request's steps (status, RFC 3339 time), oldest first; the last of each status counts.
pub fn turnaround_days<'a>(steps: impl IntoIterator<Item = (RequestStatus, &'a str)>) -> Option<i64> {
    let (mut received, mut ready) = (None, None);
    for (status, at) in steps {
        match status {
            RequestStatus::Received => received = Some(at),
            RequestStatus::Ready => ready = Some(at),
            _ => {}
        }
    }
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    Some((at(ready?)? - at(received?)?).num_days())
}

/// The step the lab takes next on accepted samples: received, in analysis, results ready.
pub fn next_in_lab(status: RequestStatus) -> Option<RequestStatus> {
    match status {
        RequestStatus::Accepted => Some(RequestStatus::Received),
        RequestStatus::Received => Some(RequestStatus::InAnalysis),
        RequestStatus::InAnalysis => Some(RequestStatus::Ready),
        _ => None,
    }
}

/// The code written on the samples' parcel, from the request's number: "YC-000123".
pub fn tracking_code(id: i64) -> String {
    format!("YC-{id:06}")
}

/// What the printable label of accepted work says, with its QR code (SVG) of the request's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub id: i64,
    pub tracking: String,
    pub lab_title: String,
    pub service: String,
    pub samples: u32,
    /// Who sends the samples, with their organization.
    pub sender: String,
    pub svg: String,
}

vocab! {
    /// Why a lab declines a request.
    LabDecline {
        NotOffered = "not_offered", "Hiện không làm dịch vụ này", "We do not offer this now";
        NoCapacity = "no_capacity", "Không kịp trong thời gian mong muốn", "No capacity by the wanted date";
        Sample = "sample", "Mẫu không phù hợp với phương pháp", "The sample does not suit the method";
        Other = "other", "Lý do khác", "Other";
    }
}

/// Where the lab's results file is posted (a plain form: server functions take no files).
pub const RESULTS_PATH: &str = "/requests/results";

/// The most samples one request asks for.
pub const MAX_SAMPLES: u32 = 10_000;
/// The most lines a quote has.
pub const QUOTE_LINES: usize = 5;
/// The longest a quote stays valid, in days.
pub const MAX_VALID_DAYS: u64 = 180;
/// The furthest wanted date, in days.
pub const MAX_WANTED_DAYS: u64 = 365;
/// The most a quote line's unit price may say, in VND.
const MAX_UNIT_VND: i64 = 1_000_000_000_000;

/// One line of a quote: what, how many, at what unit price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub label: String,
    pub quantity: u32,
    pub unit_vnd: i64,
}

impl QuoteLine {
    pub fn amount(&self) -> i64 {
        self.unit_vnd.saturating_mul(i64::from(self.quantity))
    }
}

/// A lab's quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Which quote: an answer names the one its sender saw.
    pub id: i64,
    pub lines: Vec<QuoteLine>,
    pub total_vnd: i64,
    pub valid_until: NaiveDate,
    pub conditions: String,
}

/// The total of `lines`.
pub fn total(lines: &[QuoteLine]) -> i64 {
    lines.iter().map(QuoteLine::amount).fold(0, i64::saturating_add)
}

/// One step of a request: who did what, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub status: RequestStatus,
    pub by: String,
    pub at: String,
    pub reason: Option<LabDecline>,
    pub note: Option<String>,
    /// The quote sent, accepted or declined at this step.
    pub quote: Option<Quote>,
}

pub use crate::labs::Side;

/// A request as either side sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub id: i64,
    pub lab_id: String,
    pub lab_title: String,
    pub service: String,
    pub requester: String,
    /// The requester's organization, by name.
    pub organization: Option<String>,
    pub samples: u32,
    pub wanted_by: Option<NaiveDate>,
    pub notes: String,
    pub status: RequestStatus,
    pub created_at: String,
    /// The lab's latest quote.
    pub quote: Option<Quote>,
    /// The quote's last valid day has passed.
    pub expired: bool,
    /// Every step, oldest first.
    pub steps: Vec<Step>,
    pub side: Side,
    /// Both sides' emails, once the quote is accepted.
    pub contacts: Option<(String, String)>,
    /// The parcel's code, once the quote is accepted.
    pub tracking: Option<String>,
    /// Days from samples received to results ready, once ready.
    pub turnaround_days: Option<i64>,
    /// The results file the lab sent: its name and size in bytes.
    pub results: Option<(String, i64)>,
}

impl ServiceRequest {
    /// The lab may quote (again, while the business has not answered) or decline.
    pub fn lab_answers(&self) -> bool {
        self.side == Side::Lab && matches!(self.status, RequestStatus::Requested | RequestStatus::Quoted)
    }

    /// The step the lab may take next on the samples.
    pub fn lab_next(&self) -> Option<RequestStatus> {
        next_in_lab(self.status).filter(|_| self.side == Side::Lab)
    }

    /// The business may accept or decline the quote.
    pub fn customer_answers(&self) -> bool {
        self.side == Side::Customer && self.status == RequestStatus::Quoted
    }
}

/// A request in a list: enough to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestItem {
    pub id: i64,
    pub lab_title: String,
    pub service: String,
    /// Who asked (on the lab's side) or the lab (on the customer's).
    pub other_side: String,
    pub status: RequestStatus,
    pub side: Side,
    pub created_at: String,
}

/// What the page asking for a service needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSetup {
    pub lab_id: String,
    /// The service's place in the lab's list.
    pub index: usize,
    pub lab_title: String,
    pub service: String,
    /// The service as one line (method, prices, turnaround).
    pub line: String,
    /// The organization the request is made for, by name.
    pub organization: Option<String>,
    /// Why the viewer cannot ask (none: they may).
    pub refusal: Option<String>,
}

/// The lines of a quote as typed (`line[label.N]`, `line[quantity.N]`, `line[unit.N]`): blank
/// lines left out, each other one complete; at least one.
pub fn parse_lines(typed: &HashMap<String, String>, lang: Lang) -> Result<Vec<QuoteLine>, FieldError> {
    let get = |n: usize, column: &str| typed.get(&format!("{column}.{n}")).map(|v| crate::text::clean(v));
    let mut lines = Vec::new();
    for n in 0..QUOTE_LINES {
        let (label, quantity, unit) = (get(n, "label"), get(n, "quantity"), get(n, "unit"));
        let written = [&label, &quantity, &unit].iter().any(|v| v.as_deref().is_some_and(|v| !v.is_empty()));
        if !written {
            continue;
        }
        let wrong = |vi: &str, en: &str| FieldError {
            field: "line".into(),
            message: lang.pick(format!("Dòng {}: {vi}", n + 1), format!("Line {}: {en}", n + 1)),
        };
        let readable = |l: &String| !l.is_empty() && l.chars().count() <= 200 && !l.chars().any(char::is_control);
        let label = label.filter(readable).ok_or_else(|| {
            wrong("hãy ghi nội dung (tối đa 200 ký tự).", "say what it is for (at most 200 characters).")
        })?;
        let quantity = quantity.as_deref().filter(|q| !q.is_empty()).unwrap_or("1");
        let quantity = quantity
            .parse::<u32>()
            .ok()
            .filter(|q| (1..=MAX_SAMPLES).contains(q))
            .ok_or_else(|| wrong("số lượng là số nguyên từ 1.", "the quantity is a whole number from 1."))?;
        let unit_vnd =
            unit.as_deref().and_then(crate::text::vnd).filter(|u| (0..=MAX_UNIT_VND).contains(u)).ok_or_else(|| {
                wrong("đơn giá là số tiền (₫), ví dụ 350.000.", "the unit price is an amount (₫), e.g. 350,000.")
            })?;
        lines.push(QuoteLine { label, quantity, unit_vnd });
    }
    if lines.is_empty() {
        return Err(FieldError {
            field: "line".into(),
            message: lang.pick("Hãy ghi ít nhất một dòng báo giá.", "Write at least one line of the quote.").into(),
        });
    }
    Ok(lines)
}

/// A date typed as `YYYY-MM-DD` (what a date field sends) or `DD/MM/YYYY`.
pub fn parse_date(typed: &str) -> Option<NaiveDate> {
    let typed = typed.trim();
    NaiveDate::parse_from_str(typed, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(typed, "%d/%m/%Y")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turnaround_runs_from_the_last_received_to_the_last_ready() {
        let received = (RequestStatus::Received, "2026-12-01T08:00:00+07:00");
        let ready = (RequestStatus::Ready, "2026-12-06T09:00:00+07:00");
        assert_eq!(
            turnaround_days([received, (RequestStatus::InAnalysis, "2026-12-02T08:00:00+07:00"), ready]),
            Some(5)
        );
        assert_eq!(turnaround_days([received]), None, "not ready yet");
        assert_eq!(turnaround_days([ready]), None, "never received");
        let again = (RequestStatus::Received, "2026-12-03T08:00:00+07:00");
        assert_eq!(turnaround_days([received, again, ready]), Some(3));
    }

    fn typed(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn quote_lines_are_read_as_people_write_them() {
        let lines = parse_lines(
            &typed(&[
                ("label.0", "Kiểm nghiệm histamine"),
                ("quantity.0", "3"),
                ("unit.0", "350.000 ₫"),
                ("label.1", ""),
                ("label.2", "Phí gửi mẫu"),
                ("unit.2", "50000"),
            ]),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].quantity, lines[0].unit_vnd), (3, 350_000));
        assert_eq!((lines[1].quantity, lines[1].unit_vnd), (1, 50_000));
        assert_eq!(total(&lines), 1_100_000);
    }

    #[test]
    fn a_bad_line_is_named_and_an_empty_quote_refused() {
        let negative = parse_lines(&typed(&[("label.0", "Mẫu"), ("unit.0", "-5")]), Lang::En).unwrap_err();
        assert_eq!(negative.message, "Line 1: the unit price is an amount (₫), e.g. 350,000.");
        let no_label = parse_lines(&typed(&[("unit.1", "5000")]), Lang::Vi).unwrap_err();
        assert!(no_label.message.starts_with("Dòng 2: hãy ghi nội dung"), "{}", no_label.message);
        let zero = parse_lines(&typed(&[("label.0", "Mẫu"), ("quantity.0", "0"), ("unit.0", "1")]), Lang::En);
        assert!(zero.is_err());
        assert!(parse_lines(&typed(&[]), Lang::En).is_err());
    }

    #[test]
    fn dates_are_read_in_both_forms() {
        assert_eq!(parse_date("2026-12-20"), NaiveDate::from_ymd_opt(2026, 12, 20));
        assert_eq!(parse_date(" 20/12/2026 "), NaiveDate::from_ymd_opt(2026, 12, 20));
        assert_eq!(parse_date("tomorrow"), None);
    }
}
