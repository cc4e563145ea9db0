//! Introductions behind the server functions: who may ask, who answers, who is told.

use super::model::{introducible, DeclineReason, IntroStatus, Introduction, Outcome, MAX_MESSAGE};
use super::repo::{self, Row};
use crate::accounts::model::{Role, User};
use crate::accounts::session::require_user;
use crate::catalog::model::Kind;
use crate::error::{AppError, FieldError};
use crate::i18n::{request_lang, Lang};
use crate::inbox::model::News;
use crate::state::{app_state, AppState};

fn field(lang: Lang, name: &str, vi: &str, en: &str) -> AppError {
    AppError::Validation(vec![FieldError { field: name.into(), message: lang.pick(vi, en).into() }])
}

/// Whether `user` answers `row`: the owner of the record, or officers for unmanaged records.
fn answers(user: &User, row: &Row) -> bool {
    match row.owner {
        Some(owner) => owner == user.id,
        None => user.has(Role::Officer),
    }
}

/// Sends a request; tells whoever answers it.
pub async fn request(kind: Kind, id: &str, need: Option<String>, message: &str) -> Result<i64, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    if !user.has(Role::Member) {
        return Err(AppError::Forbidden);
    }
    if !introducible(kind) {
        return Err(AppError::BadRequest(
            lang.pick(
                "Chỉ có thể đề nghị giới thiệu tới phòng thí nghiệm, chuyên gia hoặc công nghệ.",
                "Introductions are to labs, experts or technology offers.",
            )
            .into(),
        ));
    }
    let message = crate::text::nfc(message.trim());
    let length = message.chars().count();
    if !(10..=MAX_MESSAGE).contains(&length) || message.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(field(
            lang,
            "message",
            "Hãy viết lời nhắn từ 10 đến 2000 ký tự: bạn cần gì và vì sao.",
            "Write a message of 10 to 2000 characters: what you need and why.",
        ));
    }
    let target = crate::catalog::repo::get(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    let need = need.filter(|n| !n.trim().is_empty());
    if let Some(need) = &need {
        let Some(record) = crate::catalog::repo::get(&state.db, Kind::Need, need).await? else {
            return Err(AppError::BadRequest(format!("no need with id {need}")));
        };
        // Only the requester's own need (their organization's, or one they manage) may go along.
        let theirs = matches!(&record, crate::catalog::model::Record::Need(n) if user.organization.as_deref() == Some(n.organization.as_str()))
            || crate::listings::repo::listing(&state.db, Kind::Need, need).await?.and_then(|l| l.owner)
                == Some(user.id);
        if !theirs {
            return Err(field(
                lang,
                "need",
                "Chỉ gửi kèm nhu cầu của tổ chức bạn.",
                "Attach only your own organization's need.",
            ));
        }
    }
    if repo::pending(&state.db, user.id, kind.code(), id).await? {
        return Err(AppError::Conflict(
            lang.pick("Bạn đã gửi đề nghị này và đang chờ trả lời.", "You already asked; the answer is pending.")
                .into(),
        ));
    }
    let intro = repo::create(&state.db, user.id, kind.code(), id, need.as_deref(), &message).await?;
    let title = target.entry().title().base.to_string();
    let recipients = match crate::listings::repo::listing(&state.db, kind, id).await?.and_then(|l| l.owner) {
        Some(owner) => vec![owner],
        None => crate::accounts::repo::holders(&state.db, Role::Officer).await?,
    };
    let news = News {
        topic: "introduction",
        vi: format!("{} đề nghị được giới thiệu tới {title}", user.name),
        en: format!("{} asks to be introduced to {title}", user.name),
        link: "/mine#introductions".into(),
    };
    crate::inbox::repo::notify(&state.db, &recipients, &news).await?;
    Ok(intro)
}

/// Accepts or declines (with a reason); tells the requester.
pub async fn answer(
    id: i64,
    accept: bool,
    reason: Option<String>,
    reason_text: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = repo::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !answers(&user, &row) {
        return Err(AppError::Forbidden);
    }
    let reason = if accept {
        None
    } else {
        let code = reason.as_deref().and_then(DeclineReason::from_code);
        Some(code.ok_or_else(|| field(lang, "reason", "Hãy chọn lý do từ chối.", "Choose why you decline."))?)
    };
    let text = reason_text.map(|t| crate::text::nfc(t.trim())).filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > MAX_MESSAGE) {
        return Err(field(lang, "reason_text", "Tối đa 2000 ký tự.", "At most 2000 characters."));
    }
    if reason == Some(DeclineReason::Other) && text.is_none() {
        return Err(field(lang, "reason_text", "Hãy nói rõ lý do.", "Please say why."));
    }
    let status = if accept { IntroStatus::Accepted } else { IntroStatus::Declined };
    if !repo::answer(&state.db, id, user.id, status.code(), reason.map(|r| r.code()), text.as_deref()).await? {
        return Err(AppError::Conflict(
            lang.pick("Đề nghị này đã được trả lời.", "This request was already answered.").into(),
        ));
    }
    let title = row.target_title.unwrap_or(row.target_id);
    let news = if accept {
        News {
            topic: "introduction",
            vi: format!("{title} đã nhận lời giới thiệu; thông tin liên hệ đã được chia sẻ."),
            en: format!("{title} accepted your introduction; contacts are now shared."),
            link: "/mine#introductions".into(),
        }
    } else {
        News {
            topic: "introduction",
            vi: format!("{title} đã từ chối đề nghị giới thiệu."),
            en: format!("{title} declined your introduction."),
            link: "/mine#introductions".into(),
        }
    };
    crate::inbox::repo::notify(&state.db, &[row.requester], &news).await
}

/// Records what came of an accepted introduction (either side).
pub async fn outcome(id: i64, outcome: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let row = repo::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if row.requester != user.id && !answers(&user, &row) {
        return Err(AppError::Forbidden);
    }
    let outcome = Outcome::from_code(outcome).ok_or_else(|| AppError::BadRequest("unknown outcome".into()))?;
    if row.status != IntroStatus::Accepted.code() {
        return Err(AppError::Conflict("only an accepted introduction has an outcome".into()));
    }
    repo::set_outcome(&state.db, id, outcome.code()).await
}

/// The introductions the person signed in sent or answers.
pub async fn mine() -> Result<Vec<Introduction>, AppError> {
    let state: AppState = app_state()?;
    let user = require_user().await?;
    let rows = repo::involving(&state.db, user.id, user.has(Role::Officer)).await?;
    Ok(rows.into_iter().filter_map(|row| view(&user, row)).collect())
}

fn view(user: &User, row: Row) -> Option<Introduction> {
    let status = IntroStatus::from_code(&row.status)?;
    let contacts = (status == IntroStatus::Accepted)
        .then(|| (row.requester_email.clone(), row.answerer_email.clone().unwrap_or_default()));
    Some(Introduction {
        id: row.id,
        requester: row.requester_name,
        requester_organization: row.requester_organization,
        target_kind: Kind::from_code(&row.target_kind)?,
        target_title: row.target_title.unwrap_or_else(|| row.target_id.clone()),
        target_id: row.target_id,
        need: row.need.map(|id| (id.clone(), row.need_title.unwrap_or(id))),
        message: row.message,
        status,
        reason: row.reason.as_deref().and_then(DeclineReason::from_code),
        reason_text: row.reason_text,
        outcome: row.outcome.as_deref().and_then(Outcome::from_code),
        created_at: row.created_at,
        answered_at: row.answered_at,
        contacts,
        sent: row.requester == user.id,
    })
}
