use serde::{Deserialize, Serialize};

use crate::catalog::model::Kind;
use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// Where an introduction stands.
    IntroStatus {
        Requested = "requested", "Đang chờ trả lời", "Awaiting an answer";
        Accepted = "accepted", "Đã nhận lời", "Accepted";
        Declined = "declined", "Đã từ chối", "Declined";
    }
}

vocab! {
    /// Why a recipient declined.
    DeclineReason {
        NotOurField = "not_our_field", "Không thuộc lĩnh vực của chúng tôi", "Not our field";
        NoCapacity = "no_capacity", "Không đủ năng lực lúc này", "No capacity at the moment";
        Terms = "terms", "Điều kiện chưa phù hợp", "Terms do not suit us";
        Other = "other", "Lý do khác", "Other";
    }
}

vocab! {
    /// What came of an accepted introduction.
    Outcome {
        AgreementSigned = "agreement_signed", "Đã ký thỏa thuận", "Agreement signed";
        JointProject = "joint_project", "Có dự án chung", "Joint project";
        PilotStarted = "pilot_started", "Đã bắt đầu thử nghiệm", "Pilot started";
        NoDeal = "no_deal", "Không đi đến hợp tác", "No deal";
    }
}

/// What a requester may bring along to a record of `target`'s kind (their own records): a need
/// to a lab, expert or offer; a lab, expert profile or offer to a need; any of these to an
/// organization. Empty: nobody asks to meet a record of that kind.
pub fn attachable(target: Kind) -> &'static [Kind] {
    match target {
        Kind::Lab | Kind::Expert | Kind::Offer => &[Kind::Need],
        Kind::Need => &[Kind::Offer, Kind::Lab, Kind::Expert],
        Kind::Organization => &[Kind::Need, Kind::Offer, Kind::Lab, Kind::Expert],
        Kind::Call | Kind::Pilot => &[],
    }
}

/// Kinds one can ask to be introduced to (both ways: businesses to labs, experts and offers;
/// their owners to needs; anyone to an organization).
pub fn introducible(kind: Kind) -> bool {
    !attachable(kind).is_empty()
}

/// Days the one who answers is given; the requester is told the date.
pub const ANSWER_DAYS: u64 = 7;
/// Days after a declined request before the same person may ask the same record again.
pub const ASK_AGAIN_DAYS: u64 = 30;

/// The first day the requester of a request in `status`, made at `created_at`, may ask the same
/// record again: never while it waits or once accepted (they are in touch); a month after a
/// decline.
pub fn asks_again(status: IntroStatus, created_at: &str) -> Option<chrono::NaiveDate> {
    let made = chrono::DateTime::parse_from_rfc3339(created_at).ok()?.date_naive();
    (status == IntroStatus::Declined).then(|| made.checked_add_days(chrono::Days::new(ASK_AGAIN_DAYS))).flatten()
}

/// While a request made at `created_at` (RFC 3339) waits (`status`), the date its answer is due.
pub fn due_after(status: IntroStatus, created_at: &str) -> Option<chrono::NaiveDate> {
    let made = chrono::DateTime::parse_from_rfc3339(created_at).ok()?.date_naive();
    (status == IntroStatus::Requested).then(|| made.checked_add_days(chrono::Days::new(ANSWER_DAYS))).flatten()
}

/// What asking is called on a record of `kind`'s page.
pub fn heading(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Need => lang.pick("Đề xuất đáp ứng nhu cầu này", "Offer to answer this need"),
        Kind::Organization => lang.pick("Liên hệ tổ chức", "Contact this organization"),
        _ => lang.pick("Đề nghị giới thiệu", "Ask for an introduction"),
    }
}

/// "X asked to meet" (the record's title follows), for the one who answers (`who` is the
/// requester) or the requester (`who` is none: "You").
pub fn asking(kind: Kind, who: Option<&str>, lang: Lang) -> String {
    let (vi, en) = match kind {
        Kind::Need => ("đề xuất đáp ứng nhu cầu", "offered to answer the need"),
        Kind::Organization => ("liên hệ", "got in touch with"),
        _ => ("đề nghị giới thiệu tới", "asked to meet"),
    };
    let who = who.unwrap_or(lang.pick("Bạn", "You"));
    format!("{who} {}", lang.pick(vi, en))
}

/// A record the requester brought along: its kind, id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attached {
    pub kind: Kind,
    pub id: String,
    pub title: String,
}

/// The viewer's latest request to a record: where it stands, and while it waits, when its
/// answer is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Latest {
    pub status: IntroStatus,
    pub due: Option<chrono::NaiveDate>,
    /// They may ask again from this day (none: not on this request's account).
    pub again: Option<chrono::NaiveDate>,
    /// They may ask again today.
    pub open: bool,
}

/// What a record's page needs to let the person signed in ask.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// They may send requests (business members and researchers).
    pub may_ask: bool,
    /// The record is theirs or their organization's: nothing to ask.
    pub own: bool,
    /// Their latest request to it.
    pub latest: Option<Latest>,
    /// Their own records they may bring along, as `kind/id` and a label.
    pub attachable: Vec<(String, String)>,
    /// Someone manages the record and answers; otherwise the province office does.
    pub managed: bool,
}

/// The longest message accepted.
pub const MAX_MESSAGE: usize = 2000;

/// An introduction, as either side sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduction {
    pub id: i64,
    pub requester: String,
    pub requester_organization: Option<String>,
    pub target_kind: Kind,
    pub target_id: String,
    pub target_title: String,
    /// What the requester brought along (their need, lab, expert profile or offer).
    pub with: Option<Attached>,
    pub message: String,
    pub status: IntroStatus,
    pub reason: Option<DeclineReason>,
    pub reason_text: Option<String>,
    pub outcome: Option<Outcome>,
    pub created_at: String,
    pub answered_at: Option<String>,
    /// Emails of both sides, once accepted.
    pub contacts: Option<(String, String)>,
    /// The viewer sent it (otherwise they received it).
    pub sent: bool,
    /// While it waits: the date its answer is due.
    pub due: Option<chrono::NaiveDate>,
}
