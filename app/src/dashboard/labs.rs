//! What the province learns from its labs' work, per lab: the service requests, the quotes
//! accepted, the median turnaround (samples received to results ready), the share of accepted
//! work done for organizations of the province, and how much its bookable instruments were
//! booked of the hours they were offered.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::LabUse;
use crate::bookings::model::{is_working_day, OPEN_HOURS};
use crate::catalog::model::{Kind, ListFilter, Record};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service_requests::model::{turnaround_days, RequestStatus};

/// The days before and after today over which instrument use is measured: recent use and the
/// bookings ahead (as far as bookings reach).
pub const USE_WINDOW_DAYS: i64 = 91;

/// The middle of `values` (the mean of the two middle ones when even); none when empty.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

/// Working days from `from` to `to`, both included.
fn working_days(from: NaiveDate, to: NaiveDate) -> u64 {
    from.iter_days().take_while(|d| *d <= to).filter(|d| is_working_day(*d)).count() as u64
}

/// What was asked of one lab: its requests, those accepted, those accepted for organizations of
/// the province, and the days each took from samples received to results ready.
#[derive(Default)]
struct Asked {
    requests: u64,
    accepted: u64,
    local: u64,
    turnarounds: Vec<f64>,
}

/// The requests of every lab, read in one pass over the requests and their steps.
async fn asked_by_lab(db: &Db) -> Result<HashMap<String, Asked>, AppError> {
    let requests: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT s.id, s.lab, s.status, g.doc FROM service_requests s
         LEFT JOIN records g ON g.kind = 'organization' AND g.id = s.organization",
    )
    .fetch_all(db)
    .await?;
    let steps: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT request, status, at FROM service_request_steps WHERE status IN ('received', 'ready') ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    let mut steps_of: HashMap<i64, Vec<(RequestStatus, String)>> = HashMap::new();
    for (request, status, at) in steps {
        if let Some(status) = RequestStatus::from_code(&status) {
            steps_of.entry(request).or_default().push((status, at));
        }
    }
    let mut by_lab: HashMap<String, Asked> = HashMap::new();
    for (id, lab, status, organization) in requests {
        let asked = by_lab.entry(lab).or_default();
        asked.requests += 1;
        if RequestStatus::from_code(&status).is_some_and(RequestStatus::accepted) {
            asked.accepted += 1;
            asked.local += u64::from(organization.as_deref().is_some_and(located_in_province));
        }
        let steps = steps_of.get(&id).map(Vec::as_slice).unwrap_or_default();
        if let Some(days) = turnaround_days(steps.iter().map(|(status, at)| (*status, at.as_str()))) {
            asked.turnarounds.push(days as f64);
        }
    }
    Ok(by_lab)
}

/// Every published lab with priced services or bookable instruments, or with work asked of it,
/// the most requested first.
pub async fn lab_use(db: &Db, lang: Lang, today: NaiveDate) -> Result<Vec<LabUse>, AppError> {
    let labs = crate::catalog::repo::list_all(db, Kind::Lab, &ListFilter::default(), today).await?;
    let mut asked = asked_by_lab(db).await?;
    let (from, to) = (today - crate::clock::days(USE_WINDOW_DAYS), today + crate::clock::days(USE_WINDOW_DAYS));
    let booked: Vec<(String, i64)> = sqlx::query_as(
        "SELECT lab, CAST(SUM(hours) AS BIGINT) FROM instrument_bookings WHERE status = 'approved' AND day BETWEEN $1 AND $2
         GROUP BY lab",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await?;
    let booked: HashMap<String, u64> = booked.into_iter().map(|(lab, n)| (lab, n.max(0) as u64)).collect();
    let open_hours = working_days(from, to) * OPEN_HOURS.len() as u64;

    let mut out = Vec::new();
    for listed in labs {
        let Record::Lab(lab) = &listed.record else { continue };
        let asked = asked.remove(&lab.id).unwrap_or_default();
        let bookable = lab.instruments.iter().filter(|i| i.open_for_booking()).count();
        let booked_hours = booked.get(&lab.id).copied().unwrap_or(0);
        if lab.service_catalog.is_empty() && bookable == 0 && asked.requests == 0 && booked_hours == 0 {
            continue;
        }
        out.push(LabUse {
            id: lab.id.clone(),
            title: listed.record.display_title(lang),
            services: lab.service_catalog.len() as u64,
            requests: asked.requests,
            accepted: asked.accepted,
            median_turnaround_days: median(asked.turnarounds),
            province_share: (asked.accepted > 0).then(|| 100.0 * asked.local as f64 / asked.accepted as f64),
            booked_hours,
            offered_hours: bookable as u64 * open_hours,
        });
    }
    out.sort_by(|a, b| {
        (b.requests, b.booked_hours).cmp(&(a.requests, a.booked_hours)).then_with(|| a.title.cmp(&b.title))
    });
    Ok(out)
}

/// Whether an organization's record (JSON) gives a location in the province.
fn located_in_province(doc: &str) -> bool {
    let doc: serde_json::Value = serde_json::from_str(doc).unwrap_or_default();
    doc["location"].as_str().is_some_and(crate::matching::places::in_province)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_take_the_middle_or_the_mean_of_two() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0]), Some(5.0));
        assert_eq!(median(vec![9.0, 1.0, 4.0]), Some(4.0));
        assert_eq!(median(vec![1.0, 2.0, 6.0, 10.0]), Some(4.0));
    }

    #[test]
    fn offered_hours_count_working_days_only() {
        let monday: NaiveDate = "2026-12-07".parse().unwrap();
        assert_eq!(working_days(monday, monday + crate::clock::days(6)), 5);
        assert_eq!(working_days(monday, monday), 1);
    }
}
