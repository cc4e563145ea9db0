//! Introductions behind the server functions: who may ask, who answers, who is told.

use super::model::{
    asking, asks_again, attachable, due_after, introducible, Attached, DeclineReason, IntroStatus, Introduction,
    Latest, Outcome, Setup, MAX_MESSAGE,
};
use super::repo::{self, Row};
use crate::accounts::model::{Role, User};
use crate::accounts::session::require_user;
use crate::catalog::model::{joined_title, Kind, Record};
use crate::db::Db;
use crate::error::{AppError, FieldError};
use crate::i18n::{request_lang, Lang};
use crate::inbox::model::News;
use crate::listings::rules::speaks_for;
use crate::state::{app_state, AppState};

fn field(lang: Lang, name: &str, vi: &str, en: &str) -> AppError {
    AppError::Validation(vec![FieldError { field: name.into(), message: lang.pick(vi, en).into() }])
}

/// Whether `user` answers `row`, about `target` (the record asked for, if it is still
/// stored): whoever speaks for the record (its owner, or the people of the organization it
/// belongs to), and officers for records nobody manages.
fn answers(user: &User, row: &Row, target: Option<&Record>) -> bool {
    if row.requester == user.id {
        // Someone who asked and later joined the organization asked for it, and does not answer.
        return false;
    }
    row.owner == Some(user.id)
        || (row.owner.is_none() && user.has(Role::Officer))
        || target.is_some_and(|record| speaks_for(user, row.owner, record))
}

/// Introduction `id` with the record it asks for (hidden or not), if it still exists.
async fn with_target(db: &Db, id: i64) -> Result<(Row, Option<Record>), AppError> {
    let row = repo::get(db, id).await?.ok_or(AppError::NotFound)?;
    let target = match Kind::from_code(&row.target_kind) {
        Some(kind) => crate::catalog::repo::get_any(db, kind, &row.target_id).await?.map(|(record, _)| record),
        None => None,
    };
    Ok((row, target))
}

/// Who is told of a request to `target`, managed by `owner`: the owner (officers when nobody
/// manages it) and the people who speak for the organization it belongs to.
async fn told_of_request(db: &Db, target: &Record, owner: Option<i64>) -> Result<Vec<i64>, AppError> {
    let mut told = match owner {
        Some(owner) => vec![owner],
        None => crate::accounts::repo::holders(db, Role::Officer).await?,
    };
    if let Some(organization) = crate::listings::rules::organization_of(target) {
        for colleague in repo::speakers(db, organization).await? {
            if !told.contains(&colleague) {
                told.push(colleague);
            }
        }
    }
    Ok(told)
}

/// Who may ask for introductions: business members and researchers.
fn may_ask(user: &User) -> bool {
    user.has(Role::Member) || user.has(Role::Researcher)
}

/// The account managing the record `kind`/`id`, if anyone does.
async fn manager(db: &Db, kind: Kind, id: &str) -> Result<Option<i64>, AppError> {
    Ok(crate::listings::repo::listing(db, kind, id).await?.and_then(|l| l.owner))
}

/// Sends a request to `kind`/`id`, bringing along `with` (`kind/id` of one of the requester's
/// own records); tells whoever answers it.
pub async fn request(kind: Kind, id: &str, with: Option<String>, message: &str) -> Result<i64, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    if !may_ask(&user) {
        return Err(AppError::Forbidden);
    }
    if !introducible(kind) {
        return Err(AppError::BadRequest(
            lang.pick(
                "Chỉ có thể đề nghị giới thiệu tới tổ chức, phòng thí nghiệm, chuyên gia, công nghệ hoặc nhu cầu.",
                "Introductions are to organizations, labs, experts, technology offers or needs.",
            )
            .into(),
        ));
    }
    // Marks that turn text around (a reversed line reads as something else) go; tabs stay.
    let message = crate::text::clean(message);
    let length = message.chars().count();
    if !(10..=MAX_MESSAGE).contains(&length)
        || message.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(field(
            lang,
            "message",
            "Hãy viết lời nhắn từ 10 đến 2000 ký tự: bạn cần gì và vì sao.",
            "Write a message of 10 to 2000 characters: what you need and why.",
        ));
    }
    let target = crate::catalog::repo::get(&state.db, kind, id).await?.ok_or(AppError::NotFound)?;
    let owner = manager(&state.db, kind, id).await?;
    if speaks_for(&user, owner, &target) {
        return Err(AppError::BadRequest(lang.pick("Đây là hồ sơ của bạn.", "This listing is your own.").into()));
    }
    let with = match with.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(with) => Some(brought(&state.db, &user, kind, with, lang).await?),
        None => None,
    };
    if let Some(latest) = latest(&state.db, user.id, kind, id).await? {
        if !latest.open {
            let message = match (latest.status, latest.again) {
                (IntroStatus::Requested, _) => lang
                    .pick("Bạn đã gửi đề nghị này và đang chờ trả lời.", "You already asked; the answer is pending.")
                    .to_string(),
                (IntroStatus::Declined, Some(again)) => lang.pick(
                    format!("Đề nghị trước của bạn đã bị từ chối; bạn có thể gửi lại từ {}.", lang.date(again)),
                    format!("Your last request was declined; you may ask again from {}.", lang.date(again)),
                ),
                _ => lang
                    .pick(
                        "Hai bên đã được giới thiệu: thông tin liên hệ ở mục Đề nghị giới thiệu của bạn.",
                        "You were introduced already: the contacts are among your introductions.",
                    )
                    .to_string(),
            };
            return Err(AppError::Conflict(message));
        }
    }
    let intro =
        repo::create(&state.db, user.id, kind.code(), id, with.as_ref().map(|(k, i)| (k.code(), i.as_str())), &message)
            .await?;
    let recipients: Vec<i64> =
        told_of_request(&state.db, &target, owner).await?.into_iter().filter(|&who| who != user.id).collect();
    let news = News {
        topic: "introduction",
        vi: format!("{} {}", asking(kind, Some(&user.name), Lang::Vi), target.display_title(Lang::Vi)),
        en: format!("{} {}", asking(kind, Some(&user.name), Lang::En), target.display_title(Lang::En)),
        link: "/mine#introductions".into(),
    };
    crate::inbox::repo::notify(&state.db, &recipients, &news).await?;
    Ok(intro)
}

/// Where `user`'s latest request to `kind`/`id` stands, and whether they may ask again today.
async fn latest(db: &Db, user: i64, kind: Kind, id: &str) -> Result<Option<Latest>, AppError> {
    let Some((status, created_at)) = repo::latest(db, user, kind.code(), id).await? else { return Ok(None) };
    let Some(status) = IntroStatus::from_code(&status) else { return Ok(None) };
    let again = asks_again(status, &created_at);
    Ok(Some(Latest {
        due: due_after(status, &created_at),
        open: again.is_some_and(|day| day <= crate::clock::today()),
        again,
        status,
    }))
}

/// The record named by `with` (`kind/id`, or a need's bare id), if `user` may bring it along to
/// a request to a record of `target`'s kind.
async fn brought(db: &Db, user: &User, target: Kind, with: &str, lang: Lang) -> Result<(Kind, String), AppError> {
    let (kind, id) = match with.split_once('/') {
        Some((kind, id)) => (Kind::from_code(kind), id),
        None => (Some(Kind::Need), with),
    };
    let refused = || {
        field(
            lang,
            "with",
            "Chỉ gửi kèm hồ sơ của bạn hoặc của tổ chức bạn.",
            "Bring along only your own or your organization's listings.",
        )
    };
    let kind = kind.filter(|k| attachable(target).contains(k)).ok_or_else(refused)?;
    let record = crate::catalog::repo::get(db, kind, id).await?.ok_or_else(refused)?;
    if !speaks_for(user, manager(db, kind, id).await?, &record) {
        return Err(refused());
    }
    Ok((kind, id.to_string()))
}

/// What `kind`/`id`'s page offers `user` to ask (none: nobody asks to meet a record of that kind).
pub async fn setup(
    db: &Db,
    user: &User,
    record: &Record,
    owner: Option<i64>,
    lang: Lang,
) -> Result<Option<Setup>, AppError> {
    let kind = record.kind();
    if !introducible(kind) {
        return Ok(None);
    }
    let id = record.entry().id();
    let latest = latest(db, user.id, kind, id).await?;
    let kinds: Vec<&str> = attachable(kind).iter().map(|k| k.code()).collect();
    let attachable = repo::attachable(db, user.id, user.organization.as_deref(), &kinds)
        .await?
        .into_iter()
        .map(|(code, id, title)| {
            // "Lab: …", "Technology offer: …": a list of several kinds says which is which.
            let label = match Kind::from_code(&code) {
                Some(kind) => format!("{}: {title}", kind.label(lang)),
                None => title,
            };
            (format!("{code}/{id}"), label)
        })
        .collect();
    Ok(Some(Setup {
        may_ask: may_ask(user),
        own: speaks_for(user, owner, record),
        latest,
        attachable,
        managed: owner.is_some(),
    }))
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
    let (row, target) = with_target(&state.db, id).await?;
    if !answers(&user, &row, target.as_ref()) {
        return Err(AppError::Forbidden);
    }
    let reason = if accept {
        None
    } else {
        let code = reason.as_deref().and_then(DeclineReason::from_code);
        Some(code.ok_or_else(|| field(lang, "reason", "Hãy chọn lý do từ chối.", "Choose why you decline."))?)
    };
    let text = reason_text.map(|t| crate::text::clean(&t)).filter(|t| !t.is_empty());
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
    let (vi, en) = (row.target_title(Lang::Vi), row.target_title(Lang::En));
    let who = &user.name;
    let news = if accept {
        News {
            topic: "introduction",
            vi: format!("{who} đã nhận lời đề nghị gặp về {vi}; thông tin liên hệ đã được chia sẻ."),
            en: format!("{who} accepted your request to meet about {en}; contacts are now shared."),
            link: "/mine#introductions".into(),
        }
    } else {
        News {
            topic: "introduction",
            vi: format!("{who} đã từ chối đề nghị gặp về {vi}."),
            en: format!("{who} declined your request to meet about {en}."),
            link: "/mine#introductions".into(),
        }
    };
    crate::inbox::repo::notify(&state.db, &[row.requester], &news).await
}

/// Records what came of an accepted introduction (either side).
pub async fn outcome(id: i64, outcome: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let (row, target) = with_target(&state.db, id).await?;
    if row.requester != user.id && !answers(&user, &row, target.as_ref()) {
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
    // The organization whose records the person answers for, as `speaks_for` says.
    let speaks = user.has(Role::Member) || user.has(Role::Researcher);
    let organization = user.organization.as_deref().filter(|_| speaks);
    let rows = repo::involving(&state.db, user.id, user.has(Role::Officer), organization).await?;
    let lang = request_lang();
    Ok(rows.into_iter().filter_map(|row| view(&user, row, lang)).collect())
}

fn view(user: &User, row: Row, lang: Lang) -> Option<Introduction> {
    let target_title = row.target_title(lang);
    let status = IntroStatus::from_code(&row.status)?;
    let due = due_after(status, &row.created_at);
    let contacts = (status == IntroStatus::Accepted)
        .then(|| (row.requester_email.clone(), row.answerer_email.clone().unwrap_or_default()));
    Some(Introduction {
        id: row.id,
        requester: row.requester_name,
        requester_organization: row.requester_organization,
        target_kind: Kind::from_code(&row.target_kind)?,
        target_title,
        target_id: row.target_id,
        with: row.with_kind.as_deref().and_then(Kind::from_code).zip(row.with_id).map(|(kind, id)| Attached {
            kind,
            title: joined_title(lang, &row.with_title, &row.with_title_en, &row.with_title_vi, &id),
            id,
        }),
        message: row.message,
        status,
        reason: row.reason.as_deref().and_then(DeclineReason::from_code),
        reason_text: row.reason_text,
        outcome: row.outcome.as_deref().and_then(Outcome::from_code),
        created_at: row.created_at,
        answered_at: row.answered_at,
        contacts,
        sent: row.requester == user.id,
        due,
    })
}
