//! Storage of the indicators' yearly values.

use super::model::IndicatorValue;
use crate::db::Db;
use crate::error::AppError;

/// Every recorded value of every indicator, by indicator and year.
pub async fn all(db: &Db) -> Result<Vec<(String, IndicatorValue)>, AppError> {
    let rows: Vec<(String, i64, f64, String)> =
        sqlx::query_as("SELECT indicator, year, value, source FROM indicator_values ORDER BY indicator, year")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(indicator, year, value, source)| (indicator, IndicatorValue { year: year as i32, value, source }))
        .collect())
}

/// Records `value` for `indicator` in `year`, replacing the year's value; returns the value it
/// replaced, if any.
pub async fn record(
    db: &Db,
    indicator: &str,
    value: &IndicatorValue,
    user_id: i64,
) -> Result<Option<IndicatorValue>, AppError> {
    let mut tx = db.begin().await?;
    let before: Option<(f64, String)> =
        sqlx::query_as("SELECT value, source FROM indicator_values WHERE indicator = $1 AND year = $2")
            .bind(indicator)
            .bind(i64::from(value.year))
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO indicator_values (indicator, year, value, source, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (indicator, year) DO UPDATE SET value = excluded.value, source = excluded.source,
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
    )
    .bind(indicator)
    .bind(i64::from(value.year))
    .bind(value.value)
    .bind(&value.source)
    .bind(user_id)
    .bind(crate::clock::now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(before.map(|(value_before, source)| IndicatorValue { year: value.year, value: value_before, source }))
}
