//! Status follows dates: once a call's closing date has passed it is closed, and a sandbox
//! pilot past its registration deadline stops accepting (it runs), in lists, filters, search,
//! feeds and notices alike. Pages read the same rule (`Call::status_on`, `Pilot::status_on`)
//! until this has run.

use chrono::NaiveDate;

use super::model::Record;
use crate::db::Db;
use crate::error::AppError;

/// Moves the calls and pilots `today` is past their closing date to their next status;
/// answers how many changed.
pub async fn close_past(db: &Db, today: NaiveDate) -> Result<usize, AppError> {
    let docs: Vec<String> = sqlx::query_scalar(
        "SELECT doc FROM records WHERE kind IN ('call', 'pilot') AND closes < $1
           AND json_extract(doc, '$.status') IN ('open', 'accepting')",
    )
    .bind(today.to_string())
    .fetch_all(db)
    .await?;
    let mut changed = Vec::new();
    for doc in docs {
        let mut record: Record = serde_json::from_str(&doc).map_err(AppError::internal)?;
        match &mut record {
            Record::Call(call) => call.status = call.status_on(today),
            Record::Pilot(pilot) => pilot.status = pilot.status_on(today),
            _ => continue,
        }
        changed.push(record);
    }
    if changed.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    super::repo::upsert_many(&mut tx, &changed, &crate::clock::now()).await?;
    tx.commit().await?;
    Ok(changed.len())
}
