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
        Withdrawn = "withdrawn", "Đã rút", "Withdrawn";
    }
}

impl Stage {
    /// Whether the application is decided (or withdrawn by its applicant).
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Accepted | Stage::Rejected | Stage::Withdrawn)
    }

    /// Whether an officer may move an application from `self` to `next`: forward only, never
    /// out of a decision, and never to "withdrawn" (only the applicant withdraws).
    pub fn may_move_to(self, next: Stage) -> bool {
        !self.is_final() && !matches!(next, Stage::Submitted | Stage::Withdrawn) && next.rank() > self.rank()
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
    /// What the applicant quotes when asking about it ("HS-2026-00042").
    pub receipt: String,
    /// Every step so far, oldest first, with what was said.
    pub history: Vec<Step>,
    /// The applicant may still withdraw it (not decided, and the call still open).
    pub may_withdraw: bool,
}

/// One step of an application: the stage it reached, when, and the comment given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub stage: Stage,
    pub at: String,
    pub comment: Option<String>,
}

/// The receipt number of application `id` sent at `created_at` (RFC 3339).
pub fn receipt(id: i64, created_at: &str) -> String {
    format!("HS-{}-{id:05}", created_at.get(..4).unwrap_or("0000"))
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
        assert!(!Stage::Screening.may_move_to(Stage::Withdrawn), "only the applicant withdraws");
        assert!(!Stage::Withdrawn.may_move_to(Stage::Accepted));
    }

    #[test]
    fn a_receipt_names_the_year_and_the_number() {
        assert_eq!(receipt(42, "2026-12-06T10:00:00Z"), "HS-2026-00042");
    }
}
