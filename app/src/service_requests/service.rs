//! Service requests behind the server functions: who may ask, who answers, who is told.

use super::model::{
    parse_date, LabDecline, Quote, QuoteLine, RequestItem, RequestSetup, RequestStatus, ServiceRequest, Side, Step,
    MAX_SAMPLES, MAX_WANTED_DAYS,
};
use super::repo::{self, Row};
use crate::accounts::model::User;
use crate::accounts::session::require_user;
use crate::catalog::model::{Kind, Record};
use crate::db::Db;
use crate::error::AppError;
use crate::forms::checks::{field, note};
use crate::i18n::{request_lang, Lang};
use crate::inbox::model::News;
use crate::inbox::repo::notify;
use crate::lab_orders::access::{managed, open_to, refusal};
use crate::lab_orders::parties::Listed;
use crate::state::app_state;

/// What the page asking lab `lab_id` for its service number `service` shows `user`.
pub async fn setup(lab_id: &str, service: usize) -> Result<RequestSetup, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (lab, owner) = managed(&state.db, lab_id).await?;
    let offered = lab.service_catalog.get(service).ok_or(AppError::NotFound)?;
    let organization = match &user.organization {
        Some(id) => crate::catalog::repo::get(&state.db, Kind::Organization, id)
            .await?
            .map(|o| o.display_title(lang))
            .or(Some(id.clone())),
        None => None,
    };
    Ok(RequestSetup {
        lab_id: lab.id.clone(),
        index: service,
        lab_title: Record::Lab(lab.clone()).display_title(lang),
        service: offered.name.clone(),
        line: offered.line(lang),
        organization,
        refusal: refusal(&user, &lab, owner, lang),
    })
}

/// What a business typed to ask for a service.
pub struct Asked {
    pub lab: String,
    pub service: usize,
    /// The service's name as the form showed it (the lab may have changed its list since).
    pub name: String,
    pub samples: String,
    pub wanted_by: String,
    pub notes: String,
}

/// Sends a request; tells both sides. Answers its id.
pub async fn request(asked: Asked) -> Result<i64, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (lab, owner) = open_to(&state.db, &user, &asked.lab, lang).await?;
    let offered = lab.service_catalog.get(asked.service).filter(|s| s.name == asked.name).ok_or_else(|| {
        AppError::Conflict(
            lang.pick(
                "Phòng thí nghiệm vừa đổi danh sách dịch vụ: hãy mở lại trang của phòng và chọn lại.",
                "The lab has just changed its services: open its page again and choose again.",
            )
            .into(),
        )
    })?;
    let samples =
        asked.samples.trim().parse::<u32>().ok().filter(|n| (1..=MAX_SAMPLES).contains(n)).ok_or_else(|| {
            field(
                "samples",
                lang.pick(
                    "Số mẫu là số nguyên từ 1 đến 10.000.",
                    "The number of samples is a whole number from 1 to 10,000.",
                ),
            )
        })?;
    let today = crate::clock::today();
    let wanted_by = match asked.wanted_by.trim() {
        "" => None,
        typed => {
            let latest = today.checked_add_days(chrono::Days::new(MAX_WANTED_DAYS)).unwrap_or(today);
            let day = parse_date(typed).filter(|d| (today..=latest).contains(d)).ok_or_else(|| {
                field(
                    "wanted_by",
                    lang.pick(
                        "Ngày mong có kết quả phải từ hôm nay đến một năm tới.",
                        "The wanted date must be between today and a year from now.",
                    ),
                )
            })?;
            Some(day)
        }
    };
    let notes = note(&asked.notes, "notes", lang)?.unwrap_or_default();
    let sender = crate::accounts::throttle::Sender::check().await?;
    let id = repo::create(
        &state.db,
        repo::New {
            lab: &lab.id,
            service: &offered.name,
            requester: user.id,
            organization: user.organization.as_deref(),
            samples,
            wanted_by: wanted_by.map(|d| d.to_string()),
            notes: &notes,
        },
    )
    .await?;
    sender.sent().await?;
    let (who, named) = (&user.name, Record::Lab(lab.clone()));
    let vi = format!("{who} yêu cầu dịch vụ «{}» ({samples} mẫu) của {}", offered.name, named.display_title(Lang::Vi));
    let en = format!("{who} requested “{}” ({samples} samples) from {}", offered.name, named.display_title(Lang::En));
    notify(&state.db, &[owner, user.id], &news(id, vi, en)).await?;
    Ok(id)
}

/// Request `id` with which side `user` is on (none: neither).
pub(super) async fn side_of(db: &Db, user: &User, id: i64) -> Result<(Row, Option<Side>), AppError> {
    let row = repo::get(db, id).await?.ok_or(AppError::NotFound)?;
    let side = row.parties.side(db, user).await?;
    Ok((row, side))
}

/// Request `id` for `user` on `side`, or 403.
pub(super) async fn on_side(db: &Db, user: &User, id: i64, side: Side) -> Result<Row, AppError> {
    match side_of(db, user, id).await? {
        (row, Some(on)) if on == side => Ok(row),
        _ => Err(AppError::Forbidden),
    }
}

pub(super) fn moved_on(lang: Lang) -> AppError {
    AppError::Conflict(
        lang.pick(
            "Yêu cầu này đã chuyển sang bước khác: hãy tải lại trang.",
            "This request has moved on: reload the page.",
        )
        .into(),
    )
}

/// Tells both sides of `row` the news `vi`/`en`.
pub(super) async fn tell_both(db: &Db, row: &Row, vi: String, en: String) -> Result<(), AppError> {
    notify(db, &row.parties.both(), &news(row.id, vi, en)).await
}

/// News `vi`/`en` of request `id`.
fn news(id: i64, vi: String, en: String) -> News {
    News { topic: "service_request", vi, en, link: format!("/requests/{id}") }
}

/// Request `id` as the person signed in sees it (403 to anyone but its two sides).
pub async fn get(id: i64) -> Result<ServiceRequest, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (row, side) = side_of(&state.db, &user, id).await?;
    let side = side.ok_or(AppError::Forbidden)?;
    let steps: Vec<Step> = repo::steps(&state.db, id).await?.into_iter().filter_map(step).collect();
    let quote = steps.iter().rfind(|s| s.status == RequestStatus::Quoted).and_then(|s| s.quote.clone());
    let status = RequestStatus::from_code(&row.status).ok_or_else(|| AppError::internal("unknown status"))?;
    let expired =
        status == RequestStatus::Quoted && quote.as_ref().is_some_and(|q| q.valid_until < crate::clock::today());
    let turnaround_days = super::model::turnaround_days(steps.iter().map(|s| (s.status, s.at.as_str())));
    let contacts = status.accepted().then(|| row.parties.contacts());
    Ok(ServiceRequest {
        id: row.id,
        lab_title: row.parties.lab_title(lang),
        lab_id: row.parties.lab,
        service: row.service,
        requester: row.parties.customer_name,
        organization: row.parties.organization_title.or(row.parties.organization),
        samples: u32::try_from(row.samples).unwrap_or(0),
        wanted_by: row.wanted_by.as_deref().and_then(parse_date),
        notes: row.notes,
        status,
        created_at: row.created_at,
        quote,
        expired,
        steps,
        side,
        contacts,
        tracking: status.accepted().then(|| super::model::tracking_code(id)),
        turnaround_days,
        results: repo::results_file(&state.db, id).await?,
    })
}

fn step(row: repo::StepRow) -> Option<Step> {
    let quote = match (row.quote_id, row.lines, row.total_vnd, row.valid_until) {
        (Some(id), Some(lines), Some(total_vnd), Some(valid_until)) => Some(Quote {
            id,
            lines: serde_json::from_str::<Vec<QuoteLine>>(&lines).ok()?,
            total_vnd,
            valid_until: parse_date(&valid_until)?,
            conditions: row.conditions.unwrap_or_default(),
        }),
        _ => None,
    };
    Some(Step {
        status: RequestStatus::from_code(&row.status)?,
        by: row.by_name,
        at: row.at,
        reason: row.reason.as_deref().and_then(LabDecline::from_code),
        note: row.note,
        quote,
    })
}

/// The requests the person signed in made, and those to the labs they manage.
pub async fn mine() -> Result<Vec<RequestItem>, AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let (rows, lang) = (repo::involving(&state.db, user.id).await?, request_lang());
    Ok(rows.into_iter().filter_map(|row| listed(row, &user, lang)).collect())
}

/// Request `row` in `user`'s list.
fn listed(row: Row, user: &User, lang: Lang) -> Option<RequestItem> {
    let Listed { side, other_side, lab_title } = row.parties.in_list(user, lang);
    Some(RequestItem {
        id: row.id,
        other_side,
        lab_title,
        service: row.service,
        status: RequestStatus::from_code(&row.status)?,
        side,
        created_at: row.created_at,
    })
}
