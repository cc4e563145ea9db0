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
use crate::labs::InstrumentState;

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

/// Lab, status and the requesting organization's record (JSON) of each service request.
type RequestRow = (i64, String, String, Option<String>);

/// Every published lab with priced services or bookable instruments, or with work asked of it,
/// the most requested first.
pub async fn lab_use(db: &Db, lang: Lang, today: NaiveDate) -> Result<Vec<LabUse>, AppError> {
    let labs = crate::catalog::repo::list_all(db, Kind::Lab, &ListFilter::default(), today).await?;
    let requests: Vec<RequestRow> = sqlx::query_as(
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
    let (from, to) = (today - crate::clock::days(USE_WINDOW_DAYS), today + crate::clock::days(USE_WINDOW_DAYS));
    let booked: Vec<(String, i64)> = sqlx::query_as(
        "SELECT lab, SUM(hours) FROM instrument_bookings WHERE status = 'approved' AND day BETWEEN $1 AND $2
         GROUP BY lab",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await?;
    let booked: HashMap<String, u64> = booked.into_iter().map(|(lab, n)| (lab, n.max(0) as u64)).collect();
    let days_turned = turnarounds(&steps);
    let open_hours = working_days(from, to) * OPEN_HOURS.len() as u64;

    let mut out = Vec::new();
    for listed in labs {
        let Record::Lab(lab) = &listed.record else { continue };
        let asked: Vec<&RequestRow> = requests.iter().filter(|r| r.1 == lab.id).collect();
        let accepted: Vec<&&RequestRow> = asked.iter().filter(|r| accepted(&r.2)).collect();
        let bookable = lab.instruments.iter().filter(|i| i.bookable && i.state == InstrumentState::Working).count();
        let booked_hours = booked.get(&lab.id).copied().unwrap_or(0);
        if lab.service_catalog.is_empty() && bookable == 0 && asked.is_empty() && booked_hours == 0 {
            continue;
        }
        let local = accepted.iter().filter(|r| r.3.as_deref().is_some_and(located_in_province)).count();
        out.push(LabUse {
            id: lab.id.clone(),
            title: listed.record.display_title(lang),
            services: lab.service_catalog.len() as u64,
            requests: asked.len() as u64,
            accepted: accepted.len() as u64,
            median_turnaround_days: median(asked.iter().filter_map(|r| days_turned.get(&r.0).copied()).collect()),
            province_share: (!accepted.is_empty()).then(|| 100.0 * local as f64 / accepted.len() as f64),
            booked_hours,
            offered_hours: bookable as u64 * open_hours,
        });
    }
    out.sort_by(|a, b| {
        (b.requests, b.booked_hours).cmp(&(a.requests, a.booked_hours)).then_with(|| a.title.cmp(&b.title))
    });
    Ok(out)
}

/// Whether a request's status says its quote was accepted (the work may have gone on since).
fn accepted(status: &str) -> bool {
    matches!(status, "accepted" | "received" | "in_analysis" | "ready")
}

/// Whether an organization's record (JSON) gives a location in the province.
fn located_in_province(doc: &str) -> bool {
    let doc: serde_json::Value = serde_json::from_str(doc).unwrap_or_default();
    doc["location"].as_str().is_some_and(crate::matching::places::in_province)
}

/// Days from the samples received to the results ready, per request that has both.
fn turnarounds(steps: &[(i64, String, String)]) -> HashMap<i64, f64> {
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    let mut received = HashMap::new();
    let mut out = HashMap::new();
    for (request, status, when) in steps {
        match status.as_str() {
            "received" => {
                received.insert(*request, at(when));
            }
            _ => {
                if let (Some(Some(from)), Some(to)) = (received.get(request), at(when)) {
                    out.insert(*request, (to - *from).num_days() as f64);
                }
            }
        }
    }
    out
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
    fn turnaround_runs_from_received_to_ready() {
        let steps = vec![
            (1, "received".to_string(), "2026-12-01T08:00:00+07:00".to_string()),
            (2, "received".to_string(), "2026-12-02T08:00:00+07:00".to_string()),
            (1, "ready".to_string(), "2026-12-06T09:00:00+07:00".to_string()),
        ];
        let days = turnarounds(&steps);
        assert_eq!(days.get(&1), Some(&5.0));
        assert_eq!(days.get(&2), None, "not ready yet");
    }

    #[test]
    fn offered_hours_count_working_days_only() {
        let monday: NaiveDate = "2026-12-07".parse().unwrap();
        assert_eq!(working_days(monday, monday + crate::clock::days(6)), 5);
        assert_eq!(working_days(monday, monday), 1);
    }
}
