//! The dashboard page: the portal's figures, Resolution 57's targets (with the officers' form),
//! charts drawn on the server each with its table, applications per call and calls closing soon.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Link;

use super::api::{get_dashboard, RecordIndicator};
use super::labs_table::LabsTable;
use super::model::{Chart, Dashboard, IndicatorStatus};
use super::targets::TARGETS;
use crate::catalog::components::CardGrid;
use crate::forms::{invalid, last_result, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::{ErrorNotice, PageHead};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), move |_| get_dashboard(lang));
    let heading = lang.pick("Bảng theo dõi đổi mới sáng tạo", "Innovation dashboard");
    view! {
        <Link rel="alternate" type_="application/atom+xml" href=crate::opendata::Topic::Calls.href(None, lang) title=lang.pick("Đợt gọi đang mở", "Open calls")/>
        <PageHead title=heading lead=lang.pick(
                "Số liệu của cổng (cập nhật mỗi phút) và tiến độ các chỉ tiêu đến năm 2030 của tỉnh theo Nghị quyết 57-NQ/TW.",
                "Figures from the portal (updated every minute), and the province's progress towards its 2030 targets under Resolution 57-NQ/TW.",
            )/>
        <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tải…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DashboardView d/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let figures = d
        .figures
        .into_iter()
        .map(|f| view! { <li><strong>{f.value}</strong><span>{f.label}</span></li> })
        .collect_view();
    let targets = if d.can_record {
        view! { <RecordTargets indicators=d.indicators year=d.year/> }.into_any()
    } else {
        view! { <Indicators indicators=d.indicators/> }.into_any()
    };
    let charts = d.charts.into_iter().map(|chart| view! { <ChartFigure chart/> }).collect_view();
    let no_applications = d.applications.is_empty();
    let stage_heads = d.stages.into_iter().map(|s| view! { <th scope="col">{s}</th> }).collect_view();
    let application_rows = d
        .applications
        .into_iter()
        .map(|a| {
            let cells = a.counts.into_iter().map(|n| view! { <td>{n}</td> }).collect_view();
            view! { <tr><th scope="row"><a href=a.href>{a.title}</a></th>{cells}</tr> }
        })
        .collect_view();
    let closing = if d.closing.is_empty() {
        view! { <p class="empty">{lang.pick("Không có đợt gọi nào hết hạn trong 30 ngày tới.", "No call closes in the next 30 days.")}</p> }.into_any()
    } else {
        view! { <CardGrid cards=d.closing/> }.into_any()
    };
    view! {
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{lang.pick("Hoạt động trên cổng", "Activity on the portal")}</h2>
            <ul class="figures">{figures}</ul>
        </section>
        <section id="targets" aria-labelledby="targets-heading">
            <h2 id="targets-heading">{lang.pick("Chỉ tiêu đến năm 2030", "Targets for 2030")}</h2>
            <p>{lang.pick(
                "Mỗi chỉ tiêu so với giá trị mới nhất do Sở ghi nhận, kèm nguồn. Đường màu cam là mức mục tiêu.",
                "Each target against the latest value the province recorded, with its source. The orange line is the target.",
            )}</p>
            {targets}
        </section>
        <section aria-labelledby="charts-heading">
            <h2 id="charts-heading">{lang.pick("Danh mục và kết nối", "Catalogue and connections")}</h2>
            <div class="charts">{charts}</div>
        </section>
        <section aria-labelledby="applications-heading">
            <h2 id="applications-heading">{lang.pick("Hồ sơ theo từng đợt gọi và thử nghiệm", "Applications per call and pilot")}</h2>
            <p class="empty" hidden=!no_applications>{lang.pick("Chưa có hồ sơ nào.", "No applications yet.")}</p>
            <div class="table-scroll" hidden=no_applications>
                <table class="data-table">
                    <thead><tr><th scope="col">{lang.pick("Đợt gọi / thử nghiệm", "Call / pilot")}</th>{stage_heads}</tr></thead>
                    <tbody>{application_rows}</tbody>
                </table>
            </div>
        </section>
        <LabsTable labs=d.labs/>
        <section aria-labelledby="closing-heading">
            <h2 id="closing-heading">{lang.pick("Đợt gọi hết hạn trong 30 ngày tới", "Calls closing in the next 30 days")}</h2>
            {closing}
        </section>
        <p class="open-data-link"><a href="/open-data">{lang.pick("Dữ liệu mở: tải về, nguồn tin Atom và API", "Open data: downloads, Atom feeds and the API")}</a></p>
    }
}

#[component]
fn Indicator(i: IndicatorStatus) -> impl IntoView {
    let lang = use_lang();
    let (class, verdict) = match i.met {
        Some(true) => ("indicator met", lang.pick("Đạt mục tiêu", "Target met")),
        Some(false) => ("indicator not-met", lang.pick("Chưa đạt", "Not met yet")),
        None => ("indicator no-data", lang.pick("Chưa có số liệu", "No value recorded")),
    };
    let source = i.values.last().map(|v| v.source.clone());
    let chart = i.svg.map(|svg| view! { <div class="chart small" inner_html=svg></div> });
    let history = (i.values.len() > 1).then(|| {
        let rows = i.values.iter().rev().map(|v| view! { <tr><td>{v.year}</td><td>{super::targets::format_number(v.value, lang)}</td><td>{v.source.clone()}</td></tr> }).collect_view();
        view! {
            <details>
                <summary>{lang.pick("Các năm đã ghi", "Recorded years")}</summary>
                <table class="data-table"><thead><tr>
                    <th scope="col">{lang.pick("Năm", "Year")}</th>
                    <th scope="col">{lang.pick("Giá trị", "Value")}</th>
                    <th scope="col">{lang.pick("Nguồn", "Source")}</th>
                </tr></thead><tbody>{rows}</tbody></table>
            </details>
        }
    });
    view! {
        <article class=class data-indicator=i.code>
            <h3>{i.name}</h3>
            <dl>
                <dt>{lang.pick("Mục tiêu 2030", "2030 target")}</dt><dd>{i.target}</dd>
                <dt>{lang.pick("Mới nhất", "Latest")}</dt><dd class="latest">{i.latest.unwrap_or_else(|| "—".into())}</dd>
                {i.trend.map(|t| view! { <dt>{lang.pick("Xu hướng", "Trend")}</dt><dd>{t}</dd> })}
                {source.map(|s| view! { <dt>{lang.pick("Nguồn", "Source")}</dt><dd>{s}</dd> })}
            </dl>
            <p class="verdict">{verdict}</p>
            {chart}
            {history}
        </article>
    }
}

#[component]
fn Indicators(indicators: Vec<IndicatorStatus>) -> impl IntoView {
    let cards = indicators.into_iter().map(|i| view! { <Indicator i/> }).collect_view();
    view! { <div class="indicators">{cards}</div> }
}

/// For officers: the targets with the form that records a year's value (the page comes back
/// with the new value in the cards).
#[component]
fn RecordTargets(indicators: Vec<IndicatorStatus>, year: i32) -> impl IntoView {
    let record = ServerAction::<RecordIndicator>::new();
    view! {
        <Indicators indicators/>
        <IndicatorForm action=record year/>
    }
}

#[component]
fn IndicatorForm(action: ServerAction<RecordIndicator>, year: i32) -> impl IntoView {
    let lang = use_lang();
    let result = last_result(action);
    let typed = typed::<RecordIndicator>();
    let chosen = typed.or("indicator", "");
    let options = TARGETS
        .iter()
        .map(|t| view! { <option value=t.code selected=chosen == t.code>{t.name(lang)}</option> })
        .collect_view();
    view! {
        <section class="introduce" id="record-value">
            <h3>{lang.pick("Ghi nhận số liệu năm (cán bộ Sở)", "Record a year's value (province officers)")}</h3>
            <FormStatus result done=lang.pick("Đã ghi nhận số liệu.", "Value recorded.")/>
            <ActionForm action attr:class="stack-form">
                <ComeBackTo id="record-value"/>
                <label for="indicator">{lang.pick("Chỉ tiêu", "Indicator")}</label>
                <select id="indicator" name="indicator" aria-invalid=invalid(result, "indicator") aria-describedby="indicator-error">{options}</select>
                <FieldMessage result field="indicator"/>
                <label for="year">{lang.pick("Năm", "Year")}</label>
                <input id="year" name="year" type="number" min="2000" max=year value=typed.or("year", year.to_string()) required aria-invalid=invalid(result, "year") aria-describedby="year-error"/>
                <FieldMessage result field="year"/>
                <label for="value">{lang.pick("Giá trị (số, ví dụ 2,5)", "Value (a number, e.g. 2.5)")}</label>
                <input id="value" name="value" value=typed.or("value", "") type="text" inputmode="decimal" required maxlength="32" aria-invalid=invalid(result, "value") aria-describedby="value-error"/>
                <FieldMessage result field="value"/>
                <label for="source">{lang.pick("Nguồn số liệu", "Source")}</label>
                <input id="source" name="source" value=typed.or("source", "") type="text" required minlength="3" maxlength="300" aria-invalid=invalid(result, "source") aria-describedby="source-error"
                    placeholder=lang.pick("Ví dụ: Niên giám thống kê tỉnh 2025", "For example: provincial statistical yearbook 2025")/>
                <FieldMessage result field="source"/>
                <button type="submit">{lang.pick("Ghi nhận", "Record")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ChartFigure(chart: Chart) -> impl IntoView {
    let lang = use_lang();
    let rows = chart
        .rows
        .into_iter()
        .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
        .collect_view();
    let (first, second) = chart.columns;
    view! {
        <figure class="chart-card" id=chart.id>
            <figcaption>
                <h3>{chart.title}</h3>
                <p>{chart.summary}</p>
            </figcaption>
            <div class="chart" inner_html=chart.svg></div>
            <details>
                <summary>{lang.pick("Xem dạng bảng", "Show as a table")}</summary>
                <table class="data-table">
                    <thead><tr><th scope="col">{first}</th><th scope="col">{second}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
