//! Instrument bookings behind the server functions: the week of free hours, who may book,
//! the lab's answer, cancelling, and who is told.

use chrono::NaiveDate;

use super::model::{
    day_label, is_working_day, monday_of, span, time_range, Booking, BookingItem, BookingStatus, Side, Week,
    BOOK_AHEAD_DAYS, MAX_OPERATOR,
};
use super::repo::{self, Row};
use crate::accounts::model::User;
use crate::accounts::session::{current_user, require_user};
use crate::catalog::model::{Record, Text};
use crate::db::Db;
use crate::error::AppError;
use crate::forms::checks::{field, note, text};
use crate::i18n::{request_lang, Lang};
use crate::inbox::model::News;
use crate::inbox::repo::notify;
use crate::lab_orders::access::{managed, open_to, refusal};
use crate::lab_orders::parties::Listed;
use crate::labs::Instrument;
use crate::state::app_state;

/// Why `instrument` takes no booking now; none: it does.
fn closed(instrument: &Instrument, lang: Lang) -> Option<String> {
    if instrument.open_for_booking() {
        return None;
    }
    let why = if !instrument.bookable {
        lang.pick("Thiết bị này không nhận đặt lịch.", "This instrument is not open for booking.")
    } else {
        lang.pick(
            "Thiết bị đang bảo trì hoặc ngừng sử dụng nên chưa nhận đặt lịch.",
            "The instrument is under maintenance or out of service, so it takes no bookings now.",
        )
    };
    Some(why.to_string())
}

/// The last day a booking may be for.
fn last_day(today: NaiveDate) -> NaiveDate {
    today.checked_add_days(chrono::Days::new(BOOK_AHEAD_DAYS)).unwrap_or(today)
}

/// The week of instrument number `index` of lab `lab_id` that holds `week` (a day written
/// `YYYY-MM-DD`; this week when empty or out of reach), for anyone.
pub async fn week(lab_id: &str, index: usize, week: &str) -> Result<Week, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = current_user().await?;
    let (lab, owner) = managed(&state.db, lab_id).await?;
    let instrument = lab.instruments.get(index).ok_or(AppError::NotFound)?;
    let today = crate::clock::today();
    let last = last_day(today);
    let monday =
        week.parse::<NaiveDate>().map(monday_of).unwrap_or(monday_of(today)).clamp(monday_of(today), monday_of(last));
    let sunday = monday + chrono::Duration::days(6);
    let taken = repo::taken(&state.db, &lab.id, &instrument.name, &monday.to_string(), &sunday.to_string())
        .await?
        .into_iter()
        .filter_map(|(day, hour)| Some((day.parse().ok()?, u32::try_from(hour).ok()?)))
        .collect();
    Ok(Week {
        lab_id: lab.id.clone(),
        lab_title: Record::Lab(lab.clone()).display_title(lang),
        index,
        instrument: instrument.name.clone(),
        title: Text::new(&instrument.name, &instrument.name_en, &None).get(lang).to_string(),
        line: instrument.line(lang),
        hourly_rate_vnd: instrument.hourly_rate_vnd,
        training_required: instrument.training_required,
        monday,
        today,
        last_day: last,
        taken,
        closed: closed(instrument, lang),
        refusal: user.as_ref().and_then(|u| refusal(u, &lab, owner, lang)),
        signed_in: user.is_some(),
        operator: user.map(|u| u.name).unwrap_or_default(),
    })
}

/// What someone typed to book an instrument.
pub struct Asked {
    pub lab: String,
    /// The instrument's name as the form showed it.
    pub instrument: String,
    /// The first hour, `YYYY-MM-DDTHH`.
    pub start: String,
    pub hours: String,
    pub operator: String,
    pub training: String,
    pub purpose: String,
}

/// Books an instrument's hours, waiting for the lab's approval; tells both sides. Answers
/// the booking's id.
pub async fn book(asked: Asked) -> Result<i64, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (lab, owner) = open_to(&state.db, &user, &asked.lab, lang).await?;
    let instrument = lab.instruments.iter().find(|i| i.name == asked.instrument).ok_or_else(|| {
        AppError::Conflict(
            lang.pick(
                "Phòng thí nghiệm vừa đổi danh sách thiết bị: hãy mở lại trang của phòng và chọn lại.",
                "The lab has just changed its instruments: open its page again and choose again.",
            )
            .into(),
        )
    })?;
    if let Some(why) = closed(instrument, lang) {
        return Err(AppError::Conflict(why));
    }
    let today = crate::clock::today();
    let (day, hour) = asked
        .start
        .split_once('T')
        .and_then(|(day, hour)| Some((day.parse::<NaiveDate>().ok()?, hour.parse::<u32>().ok()?)))
        .filter(|(d, _)| is_working_day(*d) && *d > today && *d <= last_day(today))
        .ok_or_else(|| {
            AppError::BadRequest(
                lang.pick(
                    "Hãy chọn một giờ trống từ ngày mai đến 13 tuần tới, thứ Hai đến thứ Sáu.",
                    "Choose a free hour from tomorrow to 13 weeks ahead, Monday to Friday.",
                )
                .into(),
            )
        })?;
    let hours = asked.hours.trim().parse::<u32>().ok().and_then(|n| span(hour, n)).ok_or_else(|| {
        field(
            "hours",
            lang.pick(
                "Thiết bị mở 8–12 giờ và 13–17 giờ: hãy chọn số giờ trong cùng một ngày.",
                "The instrument is open 8–12 and 13–17: choose hours within one day.",
            ),
        )
    })?;
    let operator = text(&asked.operator, "operator", MAX_OPERATOR, lang)?.ok_or_else(|| {
        field("operator", lang.pick("Hãy ghi tên người sử dụng thiết bị.", "Name who will use the instrument."))
    })?;
    let training = text(&asked.training, "training", MAX_OPERATOR, lang)?;
    if instrument.training_required && training.is_none() {
        return Err(field(
            "training",
            lang.pick(
                "Thiết bị này cần người đã được tập huấn: hãy ghi tập huấn ở đâu, khi nào.",
                "This instrument needs a trained user: say where and when they were trained.",
            ),
        ));
    }
    let purpose = note(&asked.purpose, "purpose", lang)?.unwrap_or_default();
    let sender = crate::accounts::throttle::Sender::check().await?;
    let new = repo::New {
        lab: &lab.id,
        instrument: &instrument.name,
        booker: user.id,
        organization: user.organization.as_deref(),
        day: &day.to_string(),
        hours: &hours,
        operator: &operator,
        training: training.as_deref(),
        purpose: &purpose,
    };
    let id = repo::create(&state.db, new).await?.ok_or_else(|| {
        AppError::Conflict(
            lang.pick(
                "Có người vừa đặt một trong những giờ này: hãy chọn giờ khác trong lịch.",
                "Someone has just booked one of these hours: choose other hours in the calendar.",
            )
            .into(),
        )
    })?;
    sender.sent().await?;
    let when = |lang| format!("{}, {}", day_label(day, lang), time_range(hours[0], hours.len() as u32));
    let named = Record::Lab(lab.clone());
    let vi =
        format!("{} đặt «{}» của {} vào {}", user.name, instrument.name, named.display_title(Lang::Vi), when(Lang::Vi));
    let en = format!(
        "{} booked “{}” of {} on {}",
        user.name,
        instrument.name,
        named.display_title(Lang::En),
        when(Lang::En)
    );
    notify(&state.db, &[owner, user.id], &news(id, vi, en)).await?;
    Ok(id)
}

/// Tells both sides of `row` the news `vi`/`en`.
async fn tell_both(db: &Db, row: &Row, vi: String, en: String) -> Result<(), AppError> {
    notify(db, &row.parties.both(), &news(row.id, vi, en)).await
}

/// News `vi`/`en` of booking `id`.
fn news(id: i64, vi: String, en: String) -> News {
    News { topic: "booking", vi, en, link: format!("/bookings/{id}") }
}

/// Booking `id` with which side `user` is on (none: neither).
async fn side_of(db: &Db, user: &User, id: i64) -> Result<(Row, Option<Side>), AppError> {
    let row = repo::get(db, id).await?.ok_or(AppError::NotFound)?;
    let side = row.parties.side(db, user).await?;
    Ok((row, side))
}

fn status(row: &Row) -> Result<BookingStatus, AppError> {
    BookingStatus::from_code(&row.status).ok_or_else(|| AppError::internal("unknown booking status"))
}

fn moved_on(lang: Lang) -> AppError {
    AppError::Conflict(
        lang.pick("Lịch đặt này đã đổi: hãy tải lại trang.", "This booking has changed: reload the page.").into(),
    )
}

/// Whether the booking's day is still ahead (after today): until then either side may cancel.
fn not_begun(row: &Row) -> bool {
    row.day.parse::<NaiveDate>().is_ok_and(|day| day > crate::clock::today())
}

/// The lab approves (`approve`) or declines booking `id`, with a reason when declining.
pub async fn decide(id: i64, approve: bool, reason: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (row, side) = side_of(&state.db, &user, id).await?;
    if side != Some(Side::Lab) {
        return Err(AppError::Forbidden);
    }
    let reason = note(reason, "reason", lang)?;
    if !approve && reason.is_none() {
        return Err(field("reason", lang.pick("Hãy nói vì sao từ chối.", "Say why you decline.")));
    }
    let to = if approve { BookingStatus::Approved } else { BookingStatus::Declined };
    if !repo::decide(&state.db, id, &[BookingStatus::Requested], to, user.id, reason.as_deref()).await? {
        return Err(moved_on(lang));
    }
    let (vi, en) = match approve {
        true => ("đã duyệt", "approved"),
        false => ("từ chối", "declined"),
    };
    let what = format!("«{}», {}", row.instrument, row.day);
    tell_both(
        &state.db,
        &row,
        format!("{} {vi} lịch đặt {what}", row.parties.lab_title(Lang::Vi)),
        format!("{} {en} the booking of {what}", row.parties.lab_title(Lang::En)),
    )
    .await
}

/// Either side cancels booking `id` before its day; its hours are free again.
pub async fn cancel(id: i64, reason: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (row, side) = side_of(&state.db, &user, id).await?;
    if side.is_none() {
        return Err(AppError::Forbidden);
    }
    if !status(&row)?.holds() || !not_begun(&row) {
        return Err(moved_on(lang));
    }
    let reason = note(reason, "reason", lang)?;
    let from: Vec<BookingStatus> = BookingStatus::holding().collect();
    if !repo::decide(&state.db, id, &from, BookingStatus::Cancelled, user.id, reason.as_deref()).await? {
        return Err(moved_on(lang));
    }
    let what = format!("«{}», {}", row.instrument, row.day);
    tell_both(
        &state.db,
        &row,
        format!("{} đã hủy lịch đặt {what}", user.name),
        format!("{} cancelled the booking of {what}", user.name),
    )
    .await
}

/// Booking `id` as the person signed in sees it (403 to anyone but its two sides).
pub async fn get(id: i64) -> Result<Booking, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (row, side) = side_of(&state.db, &user, id).await?;
    let side = side.ok_or(AppError::Forbidden)?;
    let status = status(&row)?;
    let contacts = (status == BookingStatus::Approved).then(|| row.parties.contacts());
    Ok(Booking {
        id: row.id,
        lab_title: row.parties.lab_title(lang),
        cancellable: status.holds() && not_begun(&row),
        day: row.day.parse().map_err(AppError::internal)?,
        start_hour: u32::try_from(row.start_hour).unwrap_or(0),
        hours: u32::try_from(row.hours).unwrap_or(0),
        lab_id: row.parties.lab,
        instrument: row.instrument,
        booker: row.parties.customer_name,
        organization: row.parties.organization_title.or(row.parties.organization),
        operator: row.operator,
        training: row.training,
        purpose: row.purpose,
        status,
        reason: row.reason,
        decided_by: row.decided_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
        side,
        contacts,
    })
}

/// The bookings the person signed in made, and those of the labs they manage.
pub async fn mine() -> Result<Vec<BookingItem>, AppError> {
    let state = app_state()?;
    let user = require_user().await?;
    let (rows, lang) = (repo::involving(&state.db, user.id).await?, request_lang());
    Ok(rows.into_iter().filter_map(|row| listed(row, &user, lang)).collect())
}

/// Booking `row` in `user`'s list.
fn listed(row: Row, user: &User, lang: Lang) -> Option<BookingItem> {
    let Listed { side, other_side, lab_title } = row.parties.in_list(user, lang);
    Some(BookingItem {
        id: row.id,
        other_side,
        lab_title,
        day: row.day.parse().ok()?,
        start_hour: u32::try_from(row.start_hour).ok()?,
        hours: u32::try_from(row.hours).ok()?,
        status: BookingStatus::from_code(&row.status)?,
        instrument: row.instrument,
        side,
    })
}
