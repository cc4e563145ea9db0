use serde::{Deserialize, Serialize};

use crate::catalog::model::Kind;
use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// Where an application stands.
    Stage {
        Submitted = "submitted", "Đã nộp", "Submitted";
        Screening = "screening", "Đang xét hồ sơ", "Screening";
        Evaluation = "evaluation", "Đang đánh giá", "Evaluation";
        Accepted = "accepted", "Được chấp nhận", "Accepted";
        Rejected = "rejected", "Không được chấp nhận", "Rejected";
    }
}

impl Stage {
    /// Whether the application is decided.
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Accepted | Stage::Rejected)
    }

    /// Whether an officer may move an application from `self` to `next`: forward only, and
    /// never out of a decision.
    pub fn may_move_to(self, next: Stage) -> bool {
        !self.is_final() && next != Stage::Submitted && next.rank() > self.rank()
    }

    fn rank(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0).min(3)
    }
}

/// Kinds one can apply to.
pub fn applicable(kind: Kind) -> bool {
    matches!(kind, Kind::Call | Kind::Pilot)
}

/// The longest proposal accepted.
pub const MAX_PROPOSAL: usize = 20_000;

/// An application, as the applicant or an officer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: i64,
    pub applicant: String,
    pub organization: String,
    pub organization_name: Option<String>,
    pub target_kind: Kind,
    pub target_id: String,
    pub target_title: String,
    pub proposal: String,
    pub links: Vec<String>,
    pub stage: Stage,
    pub comment: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a call's or pilot's page offers the person looking at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Panel {
    /// Nobody is signed in.
    SignIn,
    /// A business member: their application, if they applied.
    Applicant(Option<Box<Application>>),
    /// A business member who cannot apply now, and why.
    Closed(String),
    /// An officer: every application.
    Reviewer(Vec<Application>),
    /// Someone who neither applies nor reviews.
    Nothing,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_move_forward_and_decisions_stay() {
        assert!(Stage::Submitted.may_move_to(Stage::Screening));
        assert!(Stage::Screening.may_move_to(Stage::Rejected));
        assert!(Stage::Evaluation.may_move_to(Stage::Accepted));
        assert!(!Stage::Evaluation.may_move_to(Stage::Screening));
        assert!(!Stage::Accepted.may_move_to(Stage::Rejected));
        assert!(!Stage::Screening.may_move_to(Stage::Submitted));
    }
}
