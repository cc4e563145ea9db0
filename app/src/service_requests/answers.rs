//! The answers of a service request: the lab quotes (again, while unanswered) or declines;
//! the business accepts the quote it saw (while valid) or declines it.

use std::collections::HashMap;

use super::model::{parse_date, parse_lines, total, LabDecline, RequestStatus, Side, MAX_VALID_DAYS};
use super::repo::{self, Move, NewQuote};
use super::service::{moved_on, on_side, tell_both};
use crate::accounts::session::require_user;
use crate::db::Db;
use crate::error::AppError;
use crate::forms::checks::{field, note};
use crate::i18n::{request_lang, Lang};
use crate::state::app_state;

/// The lab quotes request `id` (again, while the business has not answered): `lines` as
/// typed, valid until `valid_until`, with `conditions`.
pub async fn quote(
    id: i64,
    lines: HashMap<String, String>,
    valid_until: &str,
    conditions: &str,
) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = on_side(&state.db, &user, id, Side::Lab).await?;
    let lines = parse_lines(&lines, lang).map_err(|e| AppError::Validation(vec![e]))?;
    let today = crate::clock::today();
    let latest = today.checked_add_days(chrono::Days::new(MAX_VALID_DAYS)).unwrap_or(today);
    let valid_until = parse_date(valid_until).filter(|d| (today..=latest).contains(d)).ok_or_else(|| {
        field(
            "valid_until",
            lang.pick(
                "Báo giá có hiệu lực đến một ngày từ hôm nay đến 180 ngày tới.",
                "A quote is valid until a day between today and 180 days from now.",
            ),
        )
    })?;
    let conditions = note(conditions, "conditions", lang)?.unwrap_or_default();
    let sum = total(&lines);
    let json = serde_json::to_string(&lines).map_err(AppError::internal)?;
    let until = valid_until.to_string();
    let quote = NewQuote { lines: &json, total_vnd: sum, valid_until: &until, conditions: &conditions };
    let step = Move {
        from: &["requested", "quoted"],
        to: "quoted",
        by: user.id,
        reason: None,
        note: None,
        quote: Some(quote),
        answered: None,
        valid_on: None,
    };
    if !repo::step(&state.db, id, step).await? {
        return Err(moved_on(lang));
    }
    let (vi, en) = (row.parties.lab_title(Lang::Vi), row.parties.lab_title(Lang::En));
    let until = |lang: Lang| lang.date(valid_until);
    let money = |lang: Lang| lang.money(sum.max(0) as u64);
    tell_both(
        &state.db,
        &row,
        format!("{vi} báo giá {} cho «{}», hiệu lực đến {}", money(Lang::Vi), row.service, until(Lang::Vi)),
        format!("{en} quoted {} for “{}”, valid until {}", money(Lang::En), row.service, until(Lang::En)),
    )
    .await
}

/// The lab declines request `id` with a reason from the list (explained for "other").
pub async fn decline(id: i64, reason: Option<String>, note_text: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = on_side(&state.db, &user, id, Side::Lab).await?;
    let reason = reason
        .as_deref()
        .and_then(LabDecline::from_code)
        .ok_or_else(|| field("reason", lang.pick("Hãy chọn lý do từ chối.", "Choose why you decline.")))?;
    let text = note(note_text, "note", lang)?;
    if reason == LabDecline::Other && text.is_none() {
        return Err(field("note", lang.pick("Hãy nói rõ lý do.", "Please say why.")));
    }
    let step = Move {
        from: &["requested", "quoted"],
        to: "declined",
        by: user.id,
        reason: Some(reason.code()),
        note: text.as_deref(),
        quote: None,
        answered: None,
        valid_on: None,
    };
    if !repo::step(&state.db, id, step).await? {
        return Err(moved_on(lang));
    }
    let (vi, en) = (row.parties.lab_title(Lang::Vi), row.parties.lab_title(Lang::En));
    tell_both(
        &state.db,
        &row,
        format!("{vi} từ chối yêu cầu «{}»: {}", row.service, reason.label(Lang::Vi)),
        format!("{en} declined the request for “{}”: {}", row.service, reason.label(Lang::En)),
    )
    .await
}

/// The business accepts quote `quote` of request `id` (while it is the latest and valid) or
/// declines it.
pub async fn answer(id: i64, accept: bool, quote: Option<i64>, note_text: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = on_side(&state.db, &user, id, Side::Customer).await?;
    let text = note(note_text, "note", lang)?;
    let latest = repo::latest_quote(&state.db, id).await?;
    // Without a quote named (a client of the API), the answer is to the latest one.
    let answered = quote.or(latest.as_ref().map(|(id, _)| *id));
    let today = crate::clock::today().to_string();
    let status = if accept { RequestStatus::Accepted } else { RequestStatus::Rejected };
    let step = Move {
        from: &["quoted"],
        to: status.code(),
        by: user.id,
        reason: None,
        note: text.as_deref(),
        quote: None,
        answered,
        valid_on: accept.then_some(today.as_str()),
    };
    if !repo::step(&state.db, id, step).await? {
        return Err(not_answered(&state.db, id, answered, accept, lang).await?);
    }
    let who = &row.parties.customer_name;
    let (vi, en) = match accept {
        true => ("đã chấp nhận báo giá", "accepted the quote"),
        false => ("không nhận báo giá", "declined the quote"),
    };
    tell_both(
        &state.db,
        &row,
        format!("{who} {vi} cho «{}» của {}", row.service, row.parties.lab_title(Lang::Vi)),
        format!("{who} {en} for “{}” from {}", row.service, row.parties.lab_title(Lang::En)),
    )
    .await
}

/// Why an answer to quote `answered` of request `id` was not taken: a newer quote came, the
/// quote expired (when accepting), or the request moved on.
async fn not_answered(db: &Db, id: i64, answered: Option<i64>, accept: bool, lang: Lang) -> Result<AppError, AppError> {
    let status = repo::get(db, id).await?.map(|row| row.status);
    let latest = repo::latest_quote(db, id).await?;
    if status.as_deref() != Some(RequestStatus::Quoted.code()) {
        return Ok(moved_on(lang));
    }
    Ok(AppError::Conflict(
        match latest {
            Some((latest, _)) if Some(latest) != answered => lang.pick(
                "Phòng thí nghiệm vừa gửi báo giá mới: hãy xem lại trước khi trả lời.",
                "The lab has just sent a new quote: read it before you answer.",
            ),
            Some((_, until)) if accept && until < crate::clock::today().to_string() => lang.pick(
                "Báo giá đã hết hiệu lực: hãy đề nghị phòng thí nghiệm báo giá lại.",
                "The quote has expired: ask the lab for a new one.",
            ),
            _ => return Ok(moved_on(lang)),
        }
        .into(),
    ))
}
