//! All SQL of instrument bookings.

use super::model::BookingStatus;
use crate::clock::now;
use std::sync::LazyLock;

use crate::db::Db;
use crate::error::AppError;
use crate::lab_orders::parties::{select, Parties};

/// A booking as stored, with the lab and the names both sides see.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    #[sqlx(flatten)]
    pub parties: Parties,
    pub instrument: String,
    pub day: String,
    pub start_hour: i64,
    pub hours: i64,
    pub operator: String,
    pub training: Option<String>,
    pub purpose: String,
    pub status: String,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

static SELECT: LazyLock<String> = LazyLock::new(|| {
    select(
        "instrument_bookings",
        "booker",
        "t.id, t.instrument, t.day, t.start_hour, t.hours, t.operator, t.training, t.purpose, t.status,
           d.name AS decided_by, t.reason, t.created_at, t.updated_at",
        "LEFT JOIN users d ON d.id = t.decided_by",
    )
});

/// What a new booking says.
pub struct New<'a> {
    pub lab: &'a str,
    pub instrument: &'a str,
    pub booker: i64,
    pub organization: Option<&'a str>,
    pub day: &'a str,
    /// The open hours it holds, in order.
    pub hours: &'a [u32],
    pub operator: &'a str,
    pub training: Option<&'a str>,
    pub purpose: &'a str,
}

/// Stores a booking holding its hours; none when one of them is held already (by a booking
/// stored first, however close the two came).
pub async fn create(db: &Db, new: New<'_>) -> Result<Option<i64>, AppError> {
    let at = now();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO instrument_bookings (lab, instrument, booker, organization, day, start_hour, hours, operator,
           training, purpose, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'requested', $11, $11) RETURNING id",
    )
    .bind(new.lab)
    .bind(new.instrument)
    .bind(new.booker)
    .bind(new.organization)
    .bind(new.day)
    .bind(i64::from(new.hours.first().copied().unwrap_or_default()))
    .bind(new.hours.len() as i64)
    .bind(new.operator)
    .bind(new.training)
    .bind(new.purpose)
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    for hour in new.hours {
        let held =
            sqlx::query("INSERT INTO booked_hours (lab, instrument, day, hour, booking) VALUES ($1, $2, $3, $4, $5)")
                .bind(new.lab)
                .bind(new.instrument)
                .bind(new.day)
                .bind(i64::from(*hour))
                .bind(id)
                .execute(&mut *tx)
                .await;
        match held {
            Ok(_) => {}
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
            Err(e) => return Err(e.into()),
        }
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// The hours of `instrument` of `lab` held from `from` to `to` (days written `YYYY-MM-DD`).
pub async fn taken(db: &Db, lab: &str, instrument: &str, from: &str, to: &str) -> Result<Vec<(String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT day, hour FROM booked_hours WHERE lab = $1 AND instrument = $2 AND day BETWEEN $3 AND $4
         ORDER BY day, hour",
    )
    .bind(lab)
    .bind(instrument)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Row>, AppError> {
    let sql = format!("{} WHERE t.id = $1", *SELECT);
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?)
}

/// The bookings `user` made, and those of the labs they manage, the latest day first.
pub async fn involving(db: &Db, user: i64) -> Result<Vec<Row>, AppError> {
    let sql = format!("{} WHERE t.booker = $1 OR l.owner = $1 ORDER BY t.day DESC, t.start_hour LIMIT 200", *SELECT);
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user).fetch_all(db).await?)
}

/// Moves booking `id` from `from` to `to`, by `by` with `reason`; a booking that no longer
/// holds its hours lets them go. False when it had moved on already.
pub async fn decide(
    db: &Db,
    id: i64,
    from: &[BookingStatus],
    to: BookingStatus,
    by: i64,
    reason: Option<&str>,
) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let mut sql = sqlx::QueryBuilder::new("UPDATE instrument_bookings SET status = ");
    sql.push_bind(to.code()).push(", decided_by = ").push_bind(by).push(", reason = ").push_bind(reason);
    sql.push(", updated_at = ").push_bind(now()).push(" WHERE id = ").push_bind(id).push(" AND status IN (");
    let mut codes = sql.separated(", ");
    for status in from {
        codes.push_bind(status.code());
    }
    sql.push(")");
    let moved = sql.build().execute(&mut *tx).await?.rows_affected() == 1;
    if moved && !to.holds() {
        sqlx::query("DELETE FROM booked_hours WHERE booking = $1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(moved)
}

/// Cancels the bookings `booker` still holds (their account is closing), freeing the hours: those
/// for days after `today`, and today's not yet approved. An approved booking whose day has come
/// stays as it is, as the cancel button leaves it.
pub async fn cancel_held(db: &Db, booker: i64, today: &str) -> Result<(), AppError> {
    let held = holding_codes();
    let ahead = format!("(day > $2 OR (day = $2 AND status = '{}'))", BookingStatus::Requested.code());
    let mut tx = db.begin().await?;
    let freed = format!(
        "DELETE FROM booked_hours WHERE booking IN (SELECT id FROM instrument_bookings
           WHERE booker = $1 AND status IN ({held}) AND {ahead})"
    );
    sqlx::query(sqlx::AssertSqlSafe(freed)).bind(booker).bind(today).execute(&mut *tx).await?;
    let cancelled = format!(
        "UPDATE instrument_bookings SET status = $4, decided_by = $1,
           reason = 'Tài khoản người đặt đã xoá · The account that booked was deleted', updated_at = $3
         WHERE booker = $1 AND status IN ({held}) AND {ahead}"
    );
    sqlx::query(sqlx::AssertSqlSafe(cancelled))
        .bind(booker)
        .bind(today)
        .bind(now())
        .bind(BookingStatus::Cancelled.code())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The codes of the statuses that hold hours, quoted for SQL (they are constants, never input).
fn holding_codes() -> String {
    BookingStatus::holding().map(|s| format!("'{}'", s.code())).collect::<Vec<_>>().join(", ")
}
