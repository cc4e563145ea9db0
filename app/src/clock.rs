//! The portal's clock: today's date in Khánh Hòa, for deadlines, freshness and badges.

/// Today in Khánh Hòa (UTC+7), for deadlines.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// A span of whole days, for deadlines relative to today.
pub fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

/// The current time, as stored (RFC 3339, UTC, whole seconds).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The time `seconds` from now (negative: ago), as stored.
pub fn from_now(seconds: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(seconds)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
