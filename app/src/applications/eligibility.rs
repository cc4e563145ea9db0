//! Who may apply to a call or pilot today, and what its page shows about applications to
//! each visitor: the ones to review, their own, why they cannot apply, or a sign-in link.

use super::model::{Panel, Terms};
use super::repo::{self, Row};
use super::service::refuse;
use crate::accounts::model::{Role, User};
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::vocab::{CallStatus, PilotStatus};

/// Why nobody may apply to `target` today (it is closed, or takes no applications), if so.
fn not_open(lang: Lang, target: &Record, today: chrono::NaiveDate) -> Option<AppError> {
    match target {
        Record::Call(call) => {
            (call.status != CallStatus::Open || today > call.closes || today < call.opens).then(|| {
                refuse(
                    lang,
                    "Kêu gọi này không nhận hồ sơ vào lúc này (đã hết hạn hoặc chưa mở).",
                    "This call is not taking applications now (closed or not yet open).",
                )
            })
        }
        Record::Pilot(pilot) => {
            let past = pilot.closes.is_some_and(|c| today > c);
            (pilot.status != PilotStatus::Accepting || past).then(|| {
                refuse(
                    lang,
                    "Thử nghiệm này không nhận đăng ký vào lúc này.",
                    "This pilot is not accepting applications now.",
                )
            })
        }
        _ => Some(AppError::BadRequest("only calls and pilots take applications".into())),
    }
}

/// Why `org` may not apply to `target` today, if it may not.
pub(super) fn closed_to(lang: Lang, target: &Record, org: &Record, today: chrono::NaiveDate) -> Option<AppError> {
    if let Some(closed) = not_open(lang, target, today) {
        return Some(closed);
    }
    let Record::Call(call) = target else { return None };
    let Record::Organization(org) = org else { return Some(AppError::Internal) };
    if !call.eligible.contains(&org.org_type) {
        let types: Vec<_> = call.eligible.iter().map(|t| t.label(lang)).collect();
        return Some(AppError::BadRequest(lang.pick(
            format!(
                "Tổ chức của bạn ({}) không thuộc đối tượng của kêu gọi này: {}.",
                org.org_type.label(lang),
                types.join(", ")
            ),
            format!(
                "Your organization ({}) is not eligible for this call, which is open to: {}.",
                org.org_type.label(lang),
                types.join(", ")
            ),
        )));
    }
    None
}

/// Why `user` cannot apply to `target` today, if they cannot (shown instead of the form).
async fn why_not(state: &AppState, user: &User, target: &Record, lang: Lang) -> Result<Option<String>, AppError> {
    let Some(org_id) = user.organization.as_deref() else { return Ok(None) };
    let Some(org) = crate::catalog::repo::get(&state.db, Kind::Organization, org_id).await? else { return Ok(None) };
    Ok(closed_to(lang, target, &org, crate::clock::today()).map(|err| match err {
        AppError::BadRequest(message) => message,
        other => other.to_string(),
    }))
}

/// What a call's or pilot's page (`target`, already loaded) shows about applications to
/// `user`: the ones to review, their own, why they cannot apply, or a sign-in link.
pub async fn panel(state: &AppState, user: Option<&User>, target: &Record, lang: Lang) -> Result<Panel, AppError> {
    let (kind, id) = (target.kind(), target.entry().id());
    let Some(user) = user else { return Ok(Panel::SignIn) };
    if user.has(Role::Officer) {
        let rows = repo::for_target(&state.db, kind.code(), id).await?;
        return Ok(Panel::Reviewer(super::views::views_of(&state.db, rows, Some(target), lang).await?));
    }
    if user.has(Role::Member) {
        let rows = repo::by_applicant(&state.db, user.id).await?;
        let rows: Vec<Row> = rows.into_iter().filter(|r| r.target_kind == kind.code() && r.target_id == id).collect();
        if let Some(mine) = super::views::views_of(&state.db, rows, Some(target), lang).await?.into_iter().next() {
            return Ok(Panel::Applicant(Box::new(mine)));
        }
        if user.organization.is_none() {
            // Whether it is open comes first: nobody is sent to create a profile for nothing.
            return Ok(closed_or(lang, target, Panel::NoOrganization));
        }
        if let Some(reason) = why_not(state, user, target, lang).await? {
            return Ok(Panel::Closed(reason));
        }
        return Ok(Panel::Apply(Terms::of(target).unwrap_or_default()));
    }
    if user.has(Role::Researcher) {
        // A researcher takes part through an institute, whose member account applies.
        let how = lang.pick(
            "Hồ sơ được nộp nhân danh một tổ chức, bằng tài khoản thành viên của tổ chức đó. Nhà khoa học tham gia \
             qua viện, trường của mình: tài khoản thành viên của viện nộp hồ sơ và ghi tên bạn là chủ nhiệm; nếu \
             viện chưa có, người phụ trách có thể đăng ký tài khoản thành viên và tạo hồ sơ tổ chức.",
            "Applications are made on an organization's behalf, from a member account of that organization. \
             Researchers take part through their institute or university: its member account applies and names \
             you as principal investigator; if it has none yet, whoever is in charge can sign up as a member and \
             create the organization's profile.",
        );
        return Ok(closed_or(lang, target, Panel::Closed(how.to_string())));
    }
    Ok(Panel::Nothing)
}

/// Why `target` takes no application now, if it does not; else `open`.
fn closed_or(lang: Lang, target: &Record, open: Panel) -> Panel {
    match not_open(lang, target, crate::clock::today()) {
        Some(AppError::BadRequest(message)) => Panel::Closed(message),
        Some(other) => Panel::Closed(other.to_string()),
        None => open,
    }
}
