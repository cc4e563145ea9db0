//! A booking of a lab's instrument as both sides see it: a day, some of its open hours, who
//! will use the instrument (trained on it where the lab asks), and the lab's answer.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
pub use crate::labs::Side;
use crate::vocab::vocab;

vocab! {
    /// Where a booking stands.
    BookingStatus {
        Requested = "requested", "Chờ phòng thí nghiệm duyệt", "Awaiting the lab's approval";
        Approved = "approved", "Đã được duyệt", "Approved";
        Declined = "declined", "Phòng thí nghiệm từ chối", "Declined by the lab";
        Cancelled = "cancelled", "Đã hủy", "Cancelled";
    }
}

impl BookingStatus {
    /// Whether the booking still holds its hours.
    pub fn holds(self) -> bool {
        matches!(self, Self::Requested | Self::Approved)
    }

    /// The statuses that hold hours.
    pub fn holding() -> impl Iterator<Item = Self> {
        Self::ALL.iter().copied().filter(|s| s.holds())
    }
}

/// The hours an instrument is open for booking on a working day (Monday to Friday), each the
/// start of one hour, Khánh Hòa time: 8–12 and 13–17, the lunch hour left out.
pub const OPEN_HOURS: [u32; 8] = [8, 9, 10, 11, 13, 14, 15, 16];
/// How far ahead a booking may be, in days.
pub const BOOK_AHEAD_DAYS: u64 = 91;
/// The longest name of the person who will use the instrument, or of their training.
pub const MAX_OPERATOR: usize = 200;

/// The `hours` open hours from `start` on, one after another in the day (the lunch hour
/// between 11 and 13 does not break them); none if `start` is not an open hour or the day
/// ends first.
pub fn span(start: u32, hours: u32) -> Option<Vec<u32>> {
    let from = OPEN_HOURS.iter().position(|h| *h == start)?;
    let until = from.checked_add(usize::try_from(hours).ok()?)?;
    (hours > 0 && until <= OPEN_HOURS.len()).then(|| OPEN_HOURS[from..until].to_vec())
}

/// The Monday of the week of `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Whether instruments are open on `day` (Monday to Friday).
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// "Thứ Ba 08/12" / "Tue 08/12".
pub fn day_label(day: NaiveDate, lang: Lang) -> String {
    let n = day.weekday().num_days_from_monday() as usize;
    let name = match lang {
        Lang::Vi => ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][n],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][n],
    };
    format!("{name} {}", day.format("%d/%m"))
}

/// "08:00–10:00" for the `hours` open hours from `start` (across lunch: "11:00–14:00").
pub fn time_range(start: u32, hours: u32) -> String {
    let end = span(start, hours).and_then(|h| h.last().copied()).map_or(start + hours, |last| last + 1);
    format!("{start:02}:00–{end:02}:00")
}

/// What the week of an instrument shows: its open hours, those held, and whether the viewer
/// may book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    pub lab_id: String,
    pub lab_title: String,
    /// The instrument's place in the lab's list, and its name as stored (a booking names the
    /// instrument the form showed).
    pub index: usize,
    pub instrument: String,
    /// Its name in the reader's language, and its line (model, state, rate).
    pub title: String,
    pub line: String,
    pub hourly_rate_vnd: Option<i64>,
    pub training_required: bool,
    pub monday: NaiveDate,
    pub today: NaiveDate,
    /// The last day that may be booked.
    pub last_day: NaiveDate,
    /// The hours held this week, by day.
    pub taken: Vec<(NaiveDate, u32)>,
    /// Why the instrument takes no booking now (not bookable, in maintenance); none: it does.
    pub closed: Option<String>,
    /// Why the viewer may not book it (none: they may, or they are signed out).
    pub refusal: Option<String>,
    pub signed_in: bool,
    /// The name the booking form starts with: the viewer's.
    pub operator: String,
}

impl Week {
    /// Whether hour `hour` of `day` may be booked: open, not past, not held, within reach.
    pub fn free(&self, day: NaiveDate, hour: u32) -> bool {
        is_working_day(day)
            && OPEN_HOURS.contains(&hour)
            && day > self.today
            && day <= self.last_day
            && !self.taken.contains(&(day, hour))
    }

    /// How many hours may be booked from `hour` of `day` on (0: none).
    pub fn free_from(&self, day: NaiveDate, hour: u32) -> u32 {
        let Some(from) = OPEN_HOURS.iter().position(|h| *h == hour) else { return 0 };
        OPEN_HOURS[from..].iter().take_while(|h| self.free(day, **h)).count() as u32
    }
}

/// One booking, for either side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: i64,
    pub lab_id: String,
    pub lab_title: String,
    pub instrument: String,
    pub booker: String,
    pub organization: Option<String>,
    pub day: NaiveDate,
    pub start_hour: u32,
    pub hours: u32,
    pub operator: String,
    pub training: Option<String>,
    pub purpose: String,
    pub status: BookingStatus,
    /// The lab's reason for declining, or the reason given for cancelling.
    pub reason: Option<String>,
    /// Who approved, declined or cancelled it.
    pub decided_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub side: Side,
    /// Both sides' emails, once approved.
    pub contacts: Option<(String, String)>,
    /// Whether it may still be cancelled (it holds hours not yet begun).
    pub cancellable: bool,
}

/// A booking in a list of "mine".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingItem {
    pub id: i64,
    pub instrument: String,
    pub lab_title: String,
    /// The lab (for the one who booked) or who booked (for the lab).
    pub other_side: String,
    pub day: NaiveDate,
    pub start_hour: u32,
    pub hours: u32,
    pub status: BookingStatus,
    pub side: Side,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_span_runs_over_lunch_but_not_past_the_day() {
        assert_eq!(span(10, 3), Some(vec![10, 11, 13]));
        assert_eq!(span(8, 8), Some(OPEN_HOURS.to_vec()));
        assert_eq!(span(16, 2), None);
        assert_eq!(span(12, 1), None, "the lunch hour is not open");
        assert_eq!(span(9, 0), None);
        assert_eq!(span(9, u32::MAX), None);
        assert_eq!(time_range(10, 3), "10:00–14:00");
        assert_eq!(time_range(8, 1), "08:00–09:00");
    }

    #[test]
    fn weeks_start_on_monday_and_weekends_are_closed() {
        assert_eq!(monday_of(day("2026-12-09")), day("2026-12-07"));
        assert_eq!(monday_of(day("2026-12-13")), day("2026-12-07"));
        assert_eq!(monday_of(day("2026-12-07")), day("2026-12-07"));
        assert!(is_working_day(day("2026-12-11")));
        assert!(!is_working_day(day("2026-12-12")));
        assert_eq!(day_label(day("2026-12-08"), Lang::Vi), "Thứ Ba 08/12");
        assert_eq!(day_label(day("2026-12-08"), Lang::En), "Tue 08/12");
    }

    #[test]
    fn free_hours_are_open_ahead_and_not_held() {
        let week = Week {
            lab_id: "lab".into(),
            lab_title: "Lab".into(),
            index: 0,
            instrument: "HPLC".into(),
            title: "HPLC".into(),
            line: String::new(),
            hourly_rate_vnd: None,
            training_required: false,
            monday: day("2026-12-07"),
            today: day("2026-12-08"),
            last_day: day("2026-12-10"),
            taken: vec![(day("2026-12-09"), 10)],
            closed: None,
            refusal: None,
            signed_in: true,
            operator: String::new(),
        };
        assert!(!week.free(day("2026-12-08"), 9), "today is not bookable any more");
        assert!(week.free(day("2026-12-09"), 9));
        assert!(!week.free(day("2026-12-09"), 10), "held");
        assert!(!week.free(day("2026-12-09"), 12), "lunch");
        assert!(!week.free(day("2026-12-11"), 9), "beyond reach");
        assert_eq!(week.free_from(day("2026-12-09"), 8), 2);
        assert_eq!(week.free_from(day("2026-12-09"), 11), 5);
        assert_eq!(week.free_from(day("2026-12-09"), 10), 0);
    }
}
