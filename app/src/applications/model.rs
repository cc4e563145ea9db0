use serde::{Deserialize, Serialize};

use crate::catalog::model::{items_in, Kind, Record};
use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// Where an application stands.
    Stage {
        Submitted = "submitted", "Đã nộp", "Submitted";
        Screening = "screening", "Đang xét hồ sơ", "Screening";
        Evaluation = "evaluation", "Đang đánh giá", "Evaluation";
        MoreInfo = "more_info", "Cần bổ sung", "More information requested";
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
    /// out of a decision (that is reopening it), and never to "withdrawn" (only the applicant
    /// withdraws). More information may be asked at any stage before a decision; while it is
    /// awaited the officer may still go on without it.
    pub fn may_move_to(self, next: Stage) -> bool {
        if self.is_final() || next == self || matches!(next, Stage::Submitted | Stage::Withdrawn) {
            return false;
        }
        next == Stage::MoreInfo || self == Stage::MoreInfo || next.rank() > self.rank()
    }

    /// Whether an officer moving an application here must say something to the applicant:
    /// why it is rejected, what to add.
    pub fn needs_comment(self) -> bool {
        matches!(self, Stage::Rejected | Stage::MoreInfo)
    }

    fn rank(self) -> usize {
        match self {
            Stage::Submitted => 0,
            Stage::Screening => 1,
            Stage::Evaluation | Stage::MoreInfo => 2,
            Stage::Accepted | Stage::Rejected | Stage::Withdrawn => 3,
        }
    }
}

/// Kinds one can apply to.
pub fn applicable(kind: Kind) -> bool {
    matches!(kind, Kind::Call | Kind::Pilot)
}

/// What a call or pilot asks of an application, beyond the proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// An amount is requested (calls fund; pilots do not).
    pub asks_amount: bool,
    /// The largest amount one application may request, if the call says.
    pub max_award_vnd: Option<u64>,
    /// The documents to include, one item each: what files are filed under.
    pub documents: Vec<String>,
    /// The same items in English, where given.
    pub documents_en: Vec<String>,
}

impl Terms {
    /// The terms of `record`, if one can apply to it.
    pub fn of(record: &Record) -> Option<Terms> {
        match record {
            Record::Call(call) => Some(Terms {
                asks_amount: true,
                max_award_vnd: call.max_award_vnd,
                documents: call.documents.clone(),
                documents_en: call.documents_en.clone(),
            }),
            Record::Pilot(pilot) => Some(Terms {
                documents: pilot.documents.clone(),
                documents_en: pilot.documents_en.clone(),
                ..Terms::default()
            }),
            _ => None,
        }
    }

    /// The checklist as `(item, label)`: each item with what a reader of `lang` is shown.
    pub fn checklist(&self, lang: Lang) -> Vec<(String, String)> {
        self.documents.iter().cloned().zip(items_in(&self.documents, &self.documents_en, lang)).collect()
    }

    /// Why `amount` (as typed: digits, maybe grouped with dots, commas or spaces) is not a
    /// requested amount these terms accept, in `lang`; else the amount (none where none is asked).
    pub fn amount(&self, typed: &str, lang: Lang) -> Result<Option<u64>, String> {
        if !self.asks_amount {
            return Ok(None);
        }
        let typed: String =
            typed.to_lowercase().chars().filter(|c| !matches!(c, ' ' | '.' | ',' | '_' | '\u{a0}' | '₫')).collect();
        let digits = typed.trim_end_matches("đồng").trim_end_matches('đ').trim_end_matches("vnd");
        let amount = digits.parse::<u64>().map_err(|_| {
            lang.pick(
                "Hãy nhập kinh phí đề nghị hỗ trợ bằng số đồng, ví dụ 150.000.000.",
                "Enter the amount requested in đồng, e.g. 150,000,000.",
            )
            .to_string()
        })?;
        match self.max_award_vnd {
            _ if amount == 0 => Err(lang
                .pick("Kinh phí đề nghị phải lớn hơn 0 đồng.", "The amount requested must be more than 0 đồng.")
                .to_string()),
            Some(max) if amount > max => Err(lang.pick(
                format!("Kinh phí đề nghị vượt mức hỗ trợ tối đa của kêu gọi ({}).", lang.money(max)),
                format!("The amount is above this call's largest award ({}).", lang.money(max)),
            )),
            _ => Ok(Some(amount)),
        }
    }
}

/// Where the forms attaching documents post (outside server functions: they carry files).
pub const UPLOAD_PATH: &str = "/applications/files";

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
    /// The amount requested (calls), in đồng.
    pub amount_vnd: Option<u64>,
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
    /// What the call or pilot asks for (its documents checklist).
    pub terms: Terms,
    /// The documents attached, oldest first.
    pub files: Vec<FileInfo>,
    /// The applicant may still attach documents.
    pub may_add_files: bool,
}

/// A document attached to an application (its content is downloaded at `href`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub id: i64,
    /// The item of the checklist it answers; empty for another document.
    pub document: String,
    pub name: String,
    pub size: i64,
    pub at: String,
    pub href: String,
}

/// One step of an application: the stage it reached, when, and the comment given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub stage: Stage,
    pub at: String,
    pub comment: Option<String>,
    /// The applicant took this step (answering, withdrawing), not an officer.
    pub by_applicant: bool,
}

/// The longest answer to a request for more information.
pub const MAX_ANSWER: usize = 5_000;

/// The receipt number of application `id` sent at `created_at` (RFC 3339).
pub fn receipt(id: i64, created_at: &str) -> String {
    format!("HS-{}-{id:05}", created_at.get(..4).unwrap_or("0000"))
}

/// What a call's or pilot's page offers the person looking at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Panel {
    /// Nobody is signed in.
    SignIn,
    /// A business member who applied: their application.
    Applicant(Box<Application>),
    /// A business member who may apply: what the call or pilot asks for.
    Apply(Terms),
    /// A business member or a researcher who cannot apply now, and why.
    Closed(String),
    /// A business member who belongs to no organization yet: applications are an
    /// organization's, so its profile comes first.
    NoOrganization,
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
    fn more_information_is_asked_before_a_decision_and_need_not_be_waited_for() {
        for stage in [Stage::Submitted, Stage::Screening, Stage::Evaluation] {
            assert!(stage.may_move_to(Stage::MoreInfo), "{stage:?}");
        }
        assert!(!Stage::MoreInfo.may_move_to(Stage::MoreInfo));
        assert!(Stage::MoreInfo.may_move_to(Stage::Screening) && Stage::MoreInfo.may_move_to(Stage::Rejected));
        assert!(!Stage::Accepted.may_move_to(Stage::MoreInfo) && !Stage::MoreInfo.may_move_to(Stage::Withdrawn));
        assert!(Stage::MoreInfo.needs_comment() && Stage::Rejected.needs_comment() && !Stage::Accepted.needs_comment());
    }

    #[test]
    fn an_amount_is_asked_by_calls_and_kept_under_their_largest_award() {
        let terms = Terms { asks_amount: true, max_award_vnd: Some(300_000_000), ..Terms::default() };
        assert_eq!(terms.amount("150.000.000", Lang::Vi), Ok(Some(150_000_000)));
        assert_eq!(terms.amount(" 300,000,000 ", Lang::En), Ok(Some(300_000_000)));
        assert_eq!(terms.amount("120.000.000 đồng", Lang::Vi), Ok(Some(120_000_000)));
        assert_eq!(terms.amount("120 000 000 VND", Lang::Vi), Ok(Some(120_000_000)));
        assert!(terms.amount("300.000.001", Lang::Vi).unwrap_err().contains("300.000.000"));
        assert!(terms.amount("", Lang::Vi).is_err());
        assert!(terms.amount("0", Lang::En).unwrap_err().contains("more than 0"));
        assert!(terms.amount("ba trăm triệu", Lang::Vi).is_err());
        let pilot = Terms::default();
        assert_eq!(pilot.amount("anything", Lang::Vi), Ok(None), "pilots ask no amount");
    }

    #[test]
    fn the_checklist_reads_in_english_where_translated_and_files_under_the_original() {
        let terms = Terms {
            documents: vec!["Thuyết minh đề tài".into(), "Dự toán kinh phí".into()],
            documents_en: vec!["Project description".into()],
            ..Terms::default()
        };
        assert_eq!(
            terms.checklist(Lang::En),
            vec![
                ("Thuyết minh đề tài".to_string(), "Project description".to_string()),
                ("Dự toán kinh phí".to_string(), "Dự toán kinh phí".to_string()),
            ]
        );
        assert_eq!(terms.checklist(Lang::Vi)[0].1, "Thuyết minh đề tài");
    }

    #[test]
    fn a_receipt_names_the_year_and_the_number() {
        assert_eq!(receipt(42, "2026-12-06T10:00:00Z"), "HS-2026-00042");
    }
}
