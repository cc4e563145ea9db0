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

/// Kinds one can ask to be introduced to.
pub fn introducible(kind: Kind) -> bool {
    matches!(kind, Kind::Lab | Kind::Expert | Kind::Offer)
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
    /// The need it is about: id and title.
    pub need: Option<(String, String)>,
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
}
