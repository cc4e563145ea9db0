//! Applications behind the server functions: eligibility and deadlines, stages, who is told.

use super::eligibility::closed_to;
use super::model::{applicable, receipt, Stage, Terms, MAX_ANSWER, MAX_PROPOSAL};
use super::repo::{self, Row};
use crate::accounts::model::{Role, User};
use crate::accounts::session::{require_role, require_user};
use crate::catalog::model::Kind;
use crate::error::{AppError, FieldError};
use crate::i18n::{request_lang, Lang};
use crate::inbox::model::News;
use crate::state::app_state;

pub(super) fn refuse(lang: Lang, vi: &str, en: &str) -> AppError {
    AppError::BadRequest(lang.pick(vi, en).into())
}

/// Applies for the signed-in member's organization.
pub async fn apply(kind: Kind, id: &str, proposal: &str, amount: &str, links: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    if !user.has(Role::Member) || !applicable(kind) {
        return Err(AppError::Forbidden);
    }
    let Some(org_id) = user.organization.clone() else {
        return Err(refuse(
            lang,
            "Hãy tạo hồ sơ tổ chức của bạn trước khi nộp hồ sơ.",
            "Create your organization's profile before applying.",
        ));
    };
    let target = crate::catalog::repo::get(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    let org = crate::catalog::repo::get(&state.db, Kind::Organization, &org_id).await?.ok_or(AppError::NotFound)?;
    if let Some(err) = closed_to(lang, &target, &org, crate::clock::today()) {
        return Err(err);
    }
    let proposal = crate::text::clean(proposal);
    let mut errors = Vec::new();
    let length = proposal.chars().count();
    if !(20..=MAX_PROPOSAL).contains(&length) {
        errors.push(FieldError {
            field: "proposal".into(),
            message: lang
                .pick("Đề xuất cần từ 20 đến 20.000 ký tự.", "The proposal needs 20 to 20,000 characters.")
                .into(),
        });
    }
    let terms = Terms::of(&target).unwrap_or_default();
    let amount = terms
        .amount(amount, lang)
        .map_err(|message| errors.push(FieldError { field: "amount".into(), message }))
        .unwrap_or_default();
    let links: Vec<&str> = links.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let bad_link = links.iter().any(|l| {
        !(l.starts_with("https://") || l.starts_with("http://")) || l.len() > 500 || l.contains(char::is_whitespace)
    });
    if links.len() > 10 || bad_link {
        errors.push(FieldError {
            field: "links".into(),
            message: lang
                .pick(
                    "Tối đa 10 liên kết, mỗi dòng một địa chỉ http(s)://.",
                    "At most 10 links, one http(s):// address per line.",
                )
                .into(),
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let links = links.join("\n");
    let new = repo::New {
        applicant: user.id,
        organization: &org_id,
        kind: kind.code(),
        id,
        proposal: &proposal,
        amount_vnd: amount,
        links: &links,
    };
    let created = repo::create(&state.db, new).await?;
    let Some((number, created_at)) = created else {
        return Err(AppError::Conflict(lang.pick("Bạn đã nộp hồ sơ cho mục này.", "You have already applied.").into()));
    };
    let number = receipt(number, &created_at);
    let (vi, en) = (target.display_title(Lang::Vi), target.display_title(Lang::En));
    let officers = crate::accounts::repo::holders(&state.db, Role::Officer).await?;
    let news = News {
        topic: "application",
        vi: format!("Hồ sơ mới nộp cho {vi} ({number})"),
        en: format!("A new application to {en} ({number})"),
        link: format!("{}/{}#applications", kind.path(), id),
    };
    crate::inbox::repo::notify(&state.db, &officers, &news).await?;
    let news = News {
        topic: "application",
        vi: format!("Đã nhận hồ sơ của bạn cho {vi}, số biên nhận {number}."),
        en: format!("Your application to {en} was received: receipt number {number}."),
        link: "/mine#applications".into(),
    };
    crate::inbox::repo::notify(&state.db, &[user.id], &news).await
}

/// Moves an application to its next stage (officers), telling the applicant.
pub async fn move_application(id: i64, stage: &str, comment: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let officer = require_role(&[Role::Officer]).await?;
    let row = repo::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let (Some(from), Some(to)) = (Stage::from_code(&row.status), Stage::from_code(stage)) else {
        return Err(AppError::BadRequest("unknown stage".into()));
    };
    if !from.may_move_to(to) {
        return Err(AppError::Conflict(
            lang.pick("Không thể chuyển hồ sơ sang bước này.", "The application cannot move to that stage.").into(),
        ));
    }
    let comment = comment.map(|c| crate::text::clean(&c)).filter(|c| !c.is_empty());
    if to.needs_comment() && comment.is_none() {
        let message = match to {
            Stage::MoreInfo => lang.pick("Hãy nêu điều người nộp cần bổ sung.", "Tell the applicant what to add."),
            _ => lang.pick("Hãy nêu lý do không chấp nhận cho người nộp.", "Tell the applicant why it is rejected."),
        };
        return Err(AppError::Validation(vec![FieldError { field: "comment".into(), message: message.into() }]));
    }
    if comment.as_ref().is_some_and(|c| c.chars().count() > 2000) {
        return Err(AppError::Validation(vec![FieldError {
            field: "comment".into(),
            message: lang.pick("Tối đa 2000 ký tự.", "At most 2000 characters.").into(),
        }]));
    }
    if !repo::move_to(&state.db, id, from.code(), to.code(), comment.as_deref(), officer.id).await? {
        return Err(AppError::Conflict(
            lang.pick(
                "Hồ sơ vừa được người khác cập nhật; hãy tải lại trang.",
                "Someone else just updated it; reload the page.",
            )
            .into(),
        ));
    }
    crate::accounts::repo::audit(
        &state.db,
        officer.id,
        "move_application",
        &format!("{}/{}#{}", row.target_kind, row.target_id, id),
        to.code(),
    )
    .await?;
    tell_applicant(&state.db, &row, to, comment.as_deref()).await
}

/// Application `id` of `user`, its applicant; refused to anyone else.
pub async fn own(db: &crate::db::Db, id: i64, user: &User) -> Result<Row, AppError> {
    let row = repo::get(db, id).await?.ok_or(AppError::NotFound)?;
    if row.applicant != user.id {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

/// Withdraws the signed-in applicant's application, while the call or pilot is still open
/// and nothing is decided; officers are told.
pub async fn withdraw(id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = own(&state.db, id, &user).await?;
    let today = crate::clock::today().to_string();
    if !row.may_withdraw(&today) || !repo::withdraw(&state.db, id, user.id).await? {
        return Err(AppError::Conflict(
            lang.pick(
                "Không thể rút hồ sơ này nữa (đã có quyết định, đã rút hoặc đã hết hạn).",
                "This application can no longer be withdrawn (decided, withdrawn or past the deadline).",
            )
            .into(),
        ));
    }
    tell_officers(&state.db, &row, ("đã được rút", "was withdrawn")).await
}

/// Tells officers that application `row` `did` something (Vietnamese, English).
async fn tell_officers(db: &crate::db::Db, row: &Row, did: (&str, &str)) -> Result<(), AppError> {
    let number = receipt(row.id, &row.created_at);
    let (vi, en) = (row.target_title(Lang::Vi), row.target_title(Lang::En));
    let officers = crate::accounts::repo::holders(db, Role::Officer).await?;
    let path = Kind::from_code(&row.target_kind).map_or("", |k| k.path());
    let news = News {
        topic: "application",
        vi: format!("Hồ sơ {number} cho {vi} {}.", did.0),
        en: format!("Application {number} to {en} {}.", did.1),
        link: format!("{path}/{}#application-{}", row.target_id, row.id),
    };
    crate::inbox::repo::notify(db, &officers, &news).await
}

/// The signed-in applicant answers a request for more information: the application goes back
/// to the stage it was at, with the answer in its history, and officers are told.
pub async fn answer(id: i64, answer: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = own(&state.db, id, &user).await?;
    let answer = crate::text::clean(answer);
    if answer.is_empty() || answer.chars().count() > MAX_ANSWER {
        return Err(AppError::Validation(vec![FieldError {
            field: "answer".into(),
            message: lang
                .pick("Câu trả lời cần từ 1 đến 5.000 ký tự.", "The answer needs 1 to 5,000 characters.")
                .into(),
        }]));
    }
    // Back where it was when the officers asked.
    let events = repo::history(&state.db, &[id]).await?;
    let asked = events.iter().rposition(|e| e.stage == Stage::MoreInfo.code());
    let before = asked.and_then(|at| events[..at].last()).and_then(|e| Stage::from_code(&e.stage));
    let resume = before.filter(|s| !s.is_final() && *s != Stage::MoreInfo).unwrap_or(Stage::Screening);
    let moved = row.status == Stage::MoreInfo.code()
        && repo::move_to(&state.db, id, Stage::MoreInfo.code(), resume.code(), Some(&answer), user.id).await?;
    if !moved {
        return Err(AppError::Conflict(
            lang.pick("Hồ sơ này không chờ bổ sung.", "This application is not waiting for more information.").into(),
        ));
    }
    tell_officers(&state.db, &row, ("đã được bổ sung theo yêu cầu", "was completed as asked")).await
}

/// Reopens a decided application for evaluation (officers), with the reason, audited; the
/// applicant is told.
pub async fn reopen(id: i64, reason: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let officer = require_role(&[Role::Officer]).await?;
    let row = repo::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let reason = crate::text::clean(reason);
    if reason.is_empty() || reason.chars().count() > 2000 {
        return Err(AppError::Validation(vec![FieldError {
            field: "reason".into(),
            message: lang
                .pick(
                    "Hãy nêu lý do mở lại (tối đa 2.000 ký tự).",
                    "Give the reason for reopening (at most 2,000 characters).",
                )
                .into(),
        }]));
    }
    let decided = matches!(Stage::from_code(&row.status), Some(Stage::Accepted | Stage::Rejected));
    let to = Stage::Evaluation.code();
    if !decided || !repo::move_to(&state.db, id, &row.status, to, Some(&reason), officer.id).await? {
        return Err(AppError::Conflict(
            lang.pick("Chỉ mở lại được hồ sơ đã có quyết định.", "Only a decided application can be reopened.").into(),
        ));
    }
    let target = format!("{}/{}#{}", row.target_kind, row.target_id, id);
    crate::accounts::repo::audit(&state.db, officer.id, "reopen_application", &target, &reason).await?;
    tell_applicant(&state.db, &row, Stage::Evaluation, Some(&reason)).await
}

/// Tells the applicant of `row` where it stands now, with the officers' words.
async fn tell_applicant(db: &crate::db::Db, row: &Row, stage: Stage, comment: Option<&str>) -> Result<(), AppError> {
    let number = receipt(row.id, &row.created_at);
    let said = comment.map(|c| format!(": “{}”", crate::catalog::model::excerpt(c, 200))).unwrap_or_default();
    let news = News {
        topic: "application",
        vi: format!("Hồ sơ {number} cho {}: {}{said}", row.target_title(Lang::Vi), stage.label(Lang::Vi)),
        en: format!("Application {number} to {}: {}{said}", row.target_title(Lang::En), stage.label(Lang::En)),
        link: format!("/mine#application-{}", row.id),
    };
    crate::inbox::repo::notify(db, &[row.applicant], &news).await
}

/// Removes document `file` of the signed-in applicant's application `id`, while it still
/// takes documents.
pub async fn remove_file(id: i64, file: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = own(&state.db, id, &user).await?;
    if !row.may_add_files(&crate::clock::today().to_string()) {
        return Err(AppError::Conflict(
            lang.pick(
                "Hồ sơ này không còn sửa được tài liệu (đã có quyết định hoặc đã hết hạn).",
                "This application's documents can no longer change (decided, or past the deadline).",
            )
            .into(),
        ));
    }
    if !repo::remove_file(&state.db, id, file).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}
