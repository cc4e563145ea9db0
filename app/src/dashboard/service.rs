//! The dashboard put together in the reader's language, and the officers' indicator form.

use super::model::{ApplicationRow, Chart, Dashboard, Figure, IndicatorStatus, IndicatorValue};
use super::targets::{format_number, Target, TARGETS};
use super::{charts, repo, stats};
use crate::accounts::model::User;
use crate::applications::model::Stage;
use crate::catalog::model::{Facet, Kind, ListFilter};
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::vocab::{PilotStatus, Sector};
use chrono::Datelike;

/// The figures in `lang`, as the dashboard cache keeps them (see `cache`).
pub async fn figures(state: &AppState, lang: Lang) -> Result<Dashboard, AppError> {
    let computing = state.clone();
    state.dashboard.get_or_compute(lang, move || async move { dashboard(&computing, lang, false).await }).await
}

/// Computes the figures in both languages once the server starts, so that no visitor waits
/// for them (about 300 ms at 100,000 records).
pub async fn prepare(state: &AppState) {
    for lang in [Lang::Vi, Lang::En] {
        if let Err(err) = figures(state, lang).await {
            tracing::error!("dashboard figures: {err}");
        }
    }
}

/// Everything the dashboard shows, read now.
pub async fn dashboard(state: &AppState, lang: Lang, can_record: bool) -> Result<Dashboard, AppError> {
    let db = &state.db;
    let today = crate::clock::today();
    let kinds = crate::catalog::repo::counts(db).await?;
    let introductions = stats::introductions(db).await?;
    let applications = stats::applications(db, lang).await?;
    let pilots = crate::catalog::repo::facet_counts(db, Kind::Pilot, &ListFilter::default(), &[Facet::PilotStatus])
        .await?
        .into_iter()
        .flat_map(|(_, counts)| counts)
        .collect::<Vec<_>>();
    let running = pilots.iter().filter(|(s, _)| s == PilotStatus::Running.code()).map(|(_, n)| n).sum();
    let applied: u64 = applications.iter().flat_map(|a| a.by_stage.iter()).sum();
    let figure = |label: (&str, &str), value: u64| Figure { label: lang.pick(label.0, label.1).to_string(), value };
    let figures = vec![
        figure(("Mục đang công bố", "Published listings"), kinds.iter().map(|(_, n)| n).sum()),
        figure(("Đề nghị giới thiệu", "Introductions requested"), introductions.requested),
        figure(("Giới thiệu được nhận lời", "Introductions accepted"), introductions.accepted),
        figure(
            ("Thành thỏa thuận, dự án, thử nghiệm", "Became agreements, projects or pilots"),
            introductions.agreements(),
        ),
        figure(("Hồ sơ đăng ký", "Applications"), applied),
        figure(("Thử nghiệm đang triển khai", "Pilots running"), running),
    ];

    let mut charts = Vec::new();
    let kind_rows: Vec<(String, u64)> = kinds.iter().map(|(k, n)| (k.plural(lang).to_string(), *n)).collect();
    charts.push(bar_chart("by-kind", lang.pick("Danh mục theo loại", "Listings by kind"), lang, kind_rows));
    let sector_rows = stats::sectors(db)
        .await?
        .into_iter()
        .take(12)
        .map(|(code, n)| (Sector::from_code(&code).map(|s| s.label(lang).to_string()).unwrap_or(code), n));
    charts.push(bar_chart(
        "by-sector",
        lang.pick("Mục theo lĩnh vực", "Listings by sector"),
        lang,
        sector_rows.collect(),
    ));
    let place_rows = stats::places(db, 10).await?.into_iter().map(|(place, n)| {
        (
            if place.is_empty() {
                lang.pick("Nơi khác hoặc chưa ghi", "Elsewhere or not given").to_string()
            } else {
                place
            },
            n,
        )
    });
    charts.push(bar_chart(
        "by-place",
        lang.pick("Tổ chức theo địa bàn", "Organizations by place"),
        lang,
        place_rows.collect(),
    ));
    charts.push(month_chart(lang, stats::new_per_month(db, today, 12).await?));
    let pilot_rows = PilotStatus::ALL
        .iter()
        .map(|s| (s.label(lang).to_string(), pilots.iter().find(|(c, _)| c == s.code()).map(|(_, n)| *n).unwrap_or(0)));
    charts.push(bar_chart(
        "pilots",
        lang.pick("Thử nghiệm có kiểm soát theo trạng thái", "Sandbox pilots by status"),
        lang,
        pilot_rows.collect(),
    ));
    let funnel = vec![
        (lang.pick("Đề nghị", "Requested").to_string(), introductions.requested),
        (lang.pick("Được nhận lời", "Accepted").to_string(), introductions.accepted),
        (lang.pick("Bị từ chối", "Declined").to_string(), introductions.declined),
        (
            lang.pick("Thành thỏa thuận, dự án, thử nghiệm", "Became agreements, projects, pilots").to_string(),
            introductions.agreements(),
        ),
    ];
    charts.push(bar_chart(
        "introductions",
        lang.pick("Giới thiệu: từ đề nghị đến thỏa thuận", "Introductions: from request to agreement"),
        lang,
        funnel,
    ));
    let stage_rows = Stage::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| (s.label(lang).to_string(), applications.iter().map(|a| a.by_stage[i]).sum()));
    charts.push(bar_chart(
        "applications",
        lang.pick("Hồ sơ đăng ký theo kết quả", "Applications by outcome"),
        lang,
        stage_rows.collect(),
    ));

    let (_, calls) =
        crate::catalog::repo::list(db, Kind::Call, &ListFilter::only(Facet::CallStatus, "open"), today).await?;
    let horizon = today + crate::clock::days(30);
    let closing = calls
        .iter()
        .filter(|l| l.record.entry().closes().is_some_and(|c| c >= today && c <= horizon))
        .map(|l| l.record.card(lang, today, l.parent_title(lang)))
        .collect();

    Ok(Dashboard {
        figures,
        indicators: indicators(repo::all(db).await?, lang),
        charts,
        stages: Stage::ALL.iter().map(|s| s.label(lang).to_string()).collect(),
        applications: applications
            .into_iter()
            .map(|a| ApplicationRow { href: format!("{}/{}", a.kind.path(), a.id), title: a.title, counts: a.by_stage })
            .collect(),
        labs: super::labs::lab_use(db, lang, today).await?,
        closing,
        can_record,
        year: today.year(),
    })
}

fn bar_chart(id: &str, title: &str, lang: Lang, rows: Vec<(String, u64)>) -> Chart {
    let summary = match rows.iter().max_by_key(|r| r.1) {
        Some((label, n)) if *n > 0 => lang.pick(format!("Nhiều nhất: {label} ({n})."), format!("Most: {label} ({n}).")),
        _ => lang.pick("Chưa có số liệu.", "Nothing yet.").to_string(),
    };
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        summary,
        svg: charts::bars(&rows),
        columns: (String::new(), lang.pick("Số lượng", "Count").to_string()),
        rows: rows.into_iter().map(|(l, n)| (l, n.to_string())).collect(),
    }
}

fn month_chart(lang: Lang, months: Vec<(String, u64)>) -> Chart {
    // "2026-11" reads "11/2026"; under the columns only the month ("11"): twelve "11/26" do
    // not fit side by side on a phone, and the summary says which months they are.
    let long = |m: &str| format!("{}/{}", &m[5..7], &m[0..4]);
    let short: Vec<(String, u64)> =
        months.iter().map(|(m, n)| (m[5..7].trim_start_matches('0').to_string(), *n)).collect();
    let total: u64 = months.iter().map(|m| m.1).sum();
    let span = match (months.first(), months.last()) {
        (Some(first), Some(last)) => lang.pick(
            format!(" (tháng {} đến tháng {})", long(&first.0), long(&last.0)),
            format!(" ({} to {})", long(&first.0), long(&last.0)),
        ),
        _ => String::new(),
    };
    Chart {
        id: "by-month".into(),
        title: lang.pick("Mục mới theo tháng (12 tháng gần nhất)", "New listings per month (last 12 months)").into(),
        summary: lang.pick(
            format!("{total} mục mới trong 12 tháng{span}."),
            format!("{total} new listings in 12 months{span}."),
        ),
        svg: charts::columns(&short),
        columns: (lang.pick("Tháng", "Month").into(), lang.pick("Mục mới", "New listings").into()),
        rows: months.iter().map(|(m, n)| (long(m), n.to_string())).collect(),
    }
}

/// Each indicator with its recorded values, newest judged against its target.
pub fn indicators(values: Vec<(String, IndicatorValue)>, lang: Lang) -> Vec<IndicatorStatus> {
    TARGETS
        .iter()
        .map(|target| {
            let values: Vec<IndicatorValue> =
                values.iter().filter(|(c, _)| c == target.code).map(|(_, v)| v.clone()).collect();
            let latest = values.last();
            let trend = match values.as_slice() {
                [.., before, last] => {
                    let change = last.value - before.value;
                    let sign = if change > 0.0 { "+" } else { "" };
                    let change = format_number(change, lang);
                    Some(lang.pick(
                        format!("{sign}{change} so với {}", before.year),
                        format!("{sign}{change} since {}", before.year),
                    ))
                }
                _ => None,
            };
            let points: Vec<(i32, f64)> = values.iter().map(|v| (v.year, v.value)).collect();
            IndicatorStatus {
                code: target.code.into(),
                name: target.name(lang).into(),
                target: target.target(lang).into(),
                latest: latest.map(|v| format!("{} ({})", target.unit.format(v.value, lang), v.year)),
                met: latest.map(|v| target.met_by(v.value)),
                trend,
                svg: (!points.is_empty()).then(|| charts::trend(&points, target.meets)),
                values,
            }
        })
        .collect()
}

/// Checks and stores one yearly value; every problem is reported next to its field.
pub async fn record(
    state: &AppState,
    user: &User,
    indicator: &str,
    year: &str,
    value: &str,
    source: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let mut problem = |field: &str, vi: &str, en: &str| {
        errors.push(FieldError { field: field.into(), message: lang.pick(vi, en).into() })
    };
    let target = Target::find(indicator);
    if target.is_none() {
        problem("indicator", "Hãy chọn một chỉ tiêu trong danh sách.", "Choose an indicator from the list.");
    }
    let this_year = crate::clock::today().year();
    let year = year.trim().parse::<i32>().ok().filter(|y| (2000..=this_year).contains(y));
    if year.is_none() {
        problem("year", "Năm phải từ 2000 đến năm nay.", "The year must be between 2000 and this year.");
    }
    let number = parse_number(value);
    match (number, target) {
        (None, _) => problem("value", "Hãy nhập một số, ví dụ 2,5.", "Enter a number, for example 2.5."),
        (Some(v), Some(t)) if v < t.unit.bounds().0 || v > t.unit.bounds().1 => problem(
            "value",
            "Giá trị nằm ngoài khoảng hợp lý của chỉ tiêu này.",
            "This value is outside what this indicator can take.",
        ),
        _ => {}
    }
    let source = source.trim();
    if source.chars().count() < 3 || source.chars().count() > 300 {
        problem(
            "source",
            "Hãy ghi nguồn số liệu (3 đến 300 ký tự), ví dụ: Niên giám thống kê 2025.",
            "Give the value's source (3 to 300 characters), for example: Statistical yearbook 2025.",
        );
    }
    let (Some(target), Some(year), Some(number)) = (target, year, number) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let value = IndicatorValue { year, value: number, source: source.to_string() };
    let before = repo::record(&state.db, target.code, &value, user.id).await?;
    let detail = match before {
        Some(b) => format!("{year}: {} ({}) → {} ({})", b.value, b.source, value.value, value.source),
        None => format!("{year}: {} ({})", value.value, value.source),
    };
    crate::accounts::repo::audit(&state.db, user.id, "record_indicator", target.code, &detail).await
}

/// A number as people type it: `2,5`, `2.5`, ` 12 `, `+10`, `1.234,5` or `1,234.5`.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim().trim_start_matches('+').trim_end_matches('%').trim();
    let normalised = match (text.rfind(','), text.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => text.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => text.replace(',', ""),
        (Some(_), None) => text.replace(',', "."),
        _ => text.to_string(),
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_as_people_type_them() {
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number(" 2.5 % "), Some(2.5));
        assert_eq!(parse_number("+10"), Some(10.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn the_newest_value_is_judged_and_compared_with_the_year_before() {
        let value =
            |year, value| ("rd_spending".to_string(), IndicatorValue { year, value, source: "Cục Thống kê".into() });
        let statuses = indicators(vec![value(2024, 0.8), value(2025, 1.1)], Lang::Vi);
        let rd = statuses.iter().find(|s| s.code == "rd_spending").unwrap();
        assert_eq!(rd.latest.as_deref(), Some("1,1% (2025)"));
        assert_eq!(rd.met, Some(false));
        assert_eq!(rd.trend.as_deref(), Some("+0,3 so với 2024"));
        assert!(rd.svg.as_deref().is_some_and(|s| s.contains("<svg")));
        let patents = statuses.iter().find(|s| s.code == "patents").unwrap();
        assert_eq!((patents.latest.as_ref(), patents.met, patents.svg.as_ref()), (None, None, None));
        assert_eq!(statuses.len(), TARGETS.len());
    }
}
