//! The figures behind the dashboard, read from the catalogue and from what people did on the
//! portal. Hidden records are left out everywhere (they have no facet rows either).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::applications::model::Stage;
use crate::catalog::model::{Kind, Text};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::introductions::model::Outcome;

/// Introductions, from request to agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Introductions {
    pub requested: u64,
    pub accepted: u64,
    pub declined: u64,
    /// Outcomes recorded after acceptance, in vocabulary order.
    pub outcomes: Vec<(Outcome, u64)>,
}

impl Introductions {
    /// Accepted introductions that led to an agreement, a joint project or a pilot.
    pub fn agreements(&self) -> u64 {
        self.outcomes.iter().filter(|(o, _)| *o != Outcome::NoDeal).map(|(_, n)| n).sum()
    }
}

/// Applications to one call or pilot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applications {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// Counts in the order of `Stage::ALL`.
    pub by_stage: Vec<u64>,
}

/// Public records per sector code, most first.
pub async fn sectors(db: &Db) -> Result<Vec<(String, u64)>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT value, COUNT(*) AS n FROM record_facets WHERE facet = 'sector' GROUP BY value ORDER BY n DESC, value",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(v, n)| (v, n as u64)).collect())
}

/// Public organizations per place (the first part of their location), most first; places after
/// the first `top` are summed under an empty name.
pub async fn places(db: &Db, top: usize) -> Result<Vec<(String, u64)>, AppError> {
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(
        "SELECT json_extract(doc, '$.location'), COUNT(*) FROM records WHERE kind = 'organization' AND hidden = FALSE GROUP BY 1",
    )
    .fetch_all(db)
    .await?;
    Ok(group_places(rows.into_iter().map(|(l, n)| (l.unwrap_or_default(), n as u64)), top))
}

/// Groups free-text locations by their place ("Nha Trang, Khánh Hòa" and "nha trang" are one).
pub fn group_places(locations: impl IntoIterator<Item = (String, u64)>, top: usize) -> Vec<(String, u64)> {
    let mut groups: HashMap<String, (String, u64)> = HashMap::new();
    for (location, n) in locations {
        let place = crate::text::nfc(location.split([',', ';', '-']).next().unwrap_or("").trim());
        let place = place.split_whitespace().collect::<Vec<_>>().join(" ");
        let entry = groups.entry(crate::text::fold(&place)).or_insert((place, 0));
        entry.1 += n;
    }
    let mut places: Vec<(String, u64)> = groups.into_values().collect();
    places.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (named, rest): (Vec<_>, Vec<_>) = places.into_iter().partition(|p| !p.0.is_empty());
    let mut shown: Vec<(String, u64)> = named.iter().take(top).cloned().collect();
    let others: u64 = named.iter().skip(top).chain(rest.iter()).map(|p| p.1).sum();
    if others > 0 {
        shown.push((String::new(), others));
    }
    shown
}

/// The first day of the month `back` months before `today`'s.
fn months_before(today: NaiveDate, back: u32) -> NaiveDate {
    let index = today.year() * 12 + today.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).unwrap_or(today)
}

/// Records first published in each of the last `months` months (`YYYY-MM`), oldest first,
/// months without any included.
pub async fn new_per_month(db: &Db, today: NaiveDate, months: u32) -> Result<Vec<(String, u64)>, AppError> {
    let from = months_before(today, months.saturating_sub(1));
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT substr(created_at, 1, 7), COUNT(*) FROM records WHERE hidden = FALSE AND created_at >= $1 GROUP BY 1",
    )
    .bind(from.to_string())
    .fetch_all(db)
    .await?;
    Ok((0..months)
        .rev()
        .map(|back| {
            let month = months_before(today, back).format("%Y-%m").to_string();
            let n = rows.iter().find(|(m, _)| *m == month).map(|(_, n)| *n as u64).unwrap_or(0);
            (month, n)
        })
        .collect())
}

/// Introductions by where they stand and what came of them.
pub async fn introductions(db: &Db) -> Result<Introductions, AppError> {
    let rows: Vec<(String, Option<String>, i64)> =
        sqlx::query_as("SELECT status, outcome, COUNT(*) FROM introductions GROUP BY status, outcome")
            .fetch_all(db)
            .await?;
    let mut out = Introductions::default();
    let mut outcomes: HashMap<Outcome, u64> = HashMap::new();
    for (status, outcome, n) in rows {
        let n = n as u64;
        out.requested += n;
        match status.as_str() {
            "accepted" => out.accepted += n,
            "declined" => out.declined += n,
            _ => {}
        }
        if let Some(outcome) = outcome.as_deref().and_then(Outcome::from_code) {
            *outcomes.entry(outcome).or_default() += n;
        }
    }
    out.outcomes = Outcome::ALL.iter().map(|o| (*o, outcomes.get(o).copied().unwrap_or(0))).collect();
    Ok(out)
}

/// Target kind and id, stage, count, and the target's titles.
type AppliedRow = (String, String, String, i64, String, Option<String>, Option<String>);

/// Applications per public call or pilot, the most applied-to first.
pub async fn applications(db: &Db, lang: Lang) -> Result<Vec<Applications>, AppError> {
    let rows: Vec<AppliedRow> = sqlx::query_as(
        "SELECT r.kind, r.id, a.status, COUNT(*), r.title, r.title_en, r.title_vi
         FROM applications a JOIN records r ON r.kind = a.target_kind AND r.id = a.target_id AND r.hidden = FALSE
         GROUP BY r.kind, r.id, a.status",
    )
    .fetch_all(db)
    .await?;
    let mut out: Vec<Applications> = Vec::new();
    for (kind, id, status, n, title, title_en, title_vi) in rows {
        let (Some(kind), Some(stage)) = (Kind::from_code(&kind), Stage::from_code(&status)) else { continue };
        let position = match out.iter().position(|a| a.kind == kind && a.id == id) {
            Some(p) => p,
            None => {
                let title = Text::new(&title, &title_en, &title_vi).get(lang).to_string();
                out.push(Applications { kind, id, title, by_stage: vec![0; Stage::ALL.len()] });
                out.len() - 1
            }
        };
        let column = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        out[position].by_stage[column] += n as u64;
    }
    out.sort_by(|a, b| {
        b.by_stage.iter().sum::<u64>().cmp(&a.by_stage.iter().sum::<u64>()).then_with(|| a.title.cmp(&b.title))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_group_spellings_and_sum_the_rest() {
        let rows = vec![
            ("Nha Trang, Khánh Hòa".to_string(), 3),
            ("nha trang".to_string(), 2),
            ("Cam Ranh".to_string(), 2),
            ("Vạn Ninh".to_string(), 1),
            ("".to_string(), 4),
        ];
        let grouped = group_places(rows, 2);
        assert_eq!(grouped, vec![("Nha Trang".to_string(), 5), ("Cam Ranh".to_string(), 2), (String::new(), 5)]);
    }

    #[test]
    fn months_count_back_across_years() {
        let today = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(months_before(today, 0).to_string(), "2026-02-01");
        assert_eq!(months_before(today, 2).to_string(), "2025-12-01");
        assert_eq!(months_before(today, 13).to_string(), "2025-01-01");
    }
}
