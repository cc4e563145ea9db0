//! The portal's clock: today's date in Khánh Hòa, for deadlines, freshness and badges.

/// Today in Khánh Hòa (UTC+7), for deadlines.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// A span of whole days, for deadlines relative to today.
pub fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}
