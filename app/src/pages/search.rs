//! The search page: a plain GET form that works without JavaScript; once hydrated, titles are
//! suggested while typing and filters apply as soon as they are chosen.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::catalog::components::{AutoSubmit, Badges, TrlSelect};
use crate::catalog::model::{Facet, Kind};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;
use crate::search::api::{search, suggest};
use crate::search::model::{Hit, SearchRequest, SearchResults};

const KEYS: [&str; 11] =
    ["q", "kind", "sector", "type", "status", "trl_min", "trl_max", "accredited", "turnaround", "price_max", "page"];

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let request = Memo::new(move |_| {
        let query = query.get();
        let pairs: Vec<(String, String)> = KEYS
            .iter()
            .flat_map(|k| query.get_all(k).unwrap_or_default().into_iter().map(move |v| (k.to_string(), v)))
            .collect();
        SearchRequest::from_pairs(&pairs, false).unwrap_or_default()
    });
    let results = Resource::new(move || request.get(), move |r| search(r, lang));
    let title = move || {
        let q = request.with(|r| r.q.clone());
        if q.is_empty() {
            lang.pick("Tìm kiếm", "Search").to_string()
        } else {
            format!("{q} · {}", lang.pick("Tìm kiếm", "Search"))
        }
    };
    view! {
        <Title text=title/>
        <div class="page-head">
            <h1>{lang.pick("Tìm kiếm", "Search")}</h1>
            <SearchBox initial=request.get_untracked().q id="search-q".to_string()/>
        </div>
        <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tìm…", "Searching…")}</p> }>
            {move || Suspend::new(async move {
                let request = request.get_untracked();
                match results.await {
                    Ok(results) => view! { <Results request=request results=results/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A search form; once hydrated it suggests matching titles while the person types.
#[island]
pub fn SearchBox(initial: String, id: String) -> impl IntoView {
    let lang = use_lang();
    let suggestions = Action::new(move |q: &String| suggest(q.clone(), lang));
    let typed = RwSignal::new(String::new());
    let list_id = format!("{id}-suggestions");
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        if value.trim().chars().count() >= 2 {
            suggestions.dispatch(value);
        }
    };
    let items = move || {
        let shown = typed.with(|t| t.trim().chars().count() >= 2);
        let list = suggestions.value().get().and_then(Result::ok).unwrap_or_default();
        (shown && !list.is_empty()).then(|| {
            let links = list
                .into_iter()
                .map(|s| {
                    let href = format!("{}/{}", s.kind.path(), s.id);
                    view! { <li><a href=href><span class="suggestion-kind">{s.kind.label(lang)}</span>" "{s.title}</a></li> }
                })
                .collect_view();
            view! { <ul class="suggestions" aria-label=lang.pick("Gợi ý", "Suggestions")>{links}</ul> }
        })
    };
    view! {
        <form class="search-form" method="get" action="/search" role="search" aria-label=lang.pick("Tìm kiếm có bộ lọc", "Search with filters")>
            <label class="visually-hidden" for=id.clone()>{lang.pick("Tìm kiếm", "Search")}</label>
            <div class="search-row">
                <input id=id.clone() type="search" name="q" value=initial autocomplete="off" aria-controls=list_id.clone()
                    placeholder=lang.pick("ví dụ: nuoi tom hum, vắc xin, rooftop solar", "e.g. lobster hatchery, vắc xin, nuoi tom hum")
                    on:input=on_input/>
                <button type="submit">{lang.pick("Tìm", "Search")}</button>
            </div>
            <div id=list_id>{items}</div>
        </form>
    }
}

#[component]
fn Results(request: SearchRequest, results: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let count = if request.q.is_empty() {
        lang.pick(format!("{} mục", results.total), format!("{} listings", results.total))
    } else if results.total == 0 && results.related > 0 {
        // Nothing holds most of the words: say so, not "0 results", above what holds some.
        lang.pick(
            format!("Không có kết quả khớp đủ “{}” · {} kết quả liên quan một phần", request.q, results.related),
            format!("Nothing holds most of “{}” · {} partly related", request.q, results.related),
        )
    } else {
        let related = match results.related {
            0 => (String::new(), String::new()),
            n => (format!(" · {n} kết quả liên quan một phần"), format!(" · {n} partly related")),
        };
        lang.pick(
            format!("{} kết quả cho “{}”{}", results.total, request.q, related.0),
            format!("{} results for “{}”{}", results.total, request.q, related.1),
        )
    };
    let help =
        (results.hits.is_empty()).then(|| view! { <NoResults request=request.clone() results=results.clone()/> });
    let ignored = (!results.ignored.is_empty()).then(|| {
        let words = results.ignored.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join(", ");
        let text = lang.pick(
            format!("Không mục nào có {words} nên đã bỏ qua khi tìm."),
            match results.ignored.len() {
                1 => format!("No listing holds {words}, so it was left out of the search."),
                _ => format!("No listing holds {words}, so they were left out of the search."),
            },
        );
        view! { <p class="hint ignored-words">{text}</p> }
    });
    // On a phone the filters wait behind this link (it opens them without script), so the
    // results come first; it says how many are set.
    let active = request.kinds.len()
        + request.statuses.len()
        + request.sectors.len()
        + request.org_types.len()
        + request.services.len()
        + usize::from(request.trl_min.is_some());
    let toggle_label = match active {
        0 => lang.pick("Bộ lọc".to_string(), "Filters".to_string()),
        n => lang.pick(format!("Bộ lọc ({n} đang chọn)"), format!("Filters ({n} set)")),
    };
    let save = (!request.q.trim().is_empty() || request.has_filters())
        .then(|| view! { <crate::alerts::pages::SaveSearchButton/> });
    let (offset, limit, total) = (request.offset, request.limit.max(1), (results.total + results.related) as usize);
    let hits = results.hits.iter().cloned().map(|hit| view! { <HitView hit=hit/> }).collect_view();
    let link = {
        let request = request.clone();
        move |offset: usize| format!("/search?{}", request.query_string(offset))
    };
    let prev = (offset > 0).then(|| view! { <a rel="prev" href=link(offset.saturating_sub(limit))>{lang.pick("← Trang trước", "← Previous")}</a> });
    let next = (offset + limit < total)
        .then(|| view! { <a rel="next" href=link(offset + limit)>{lang.pick("Trang sau →", "Next →")}</a> });
    view! {
        <div class="list-layout">
            <aside class="list-filters" id="filters">
                <Filters request=request.clone() results=results.clone()/>
                <a class="filter-close phone-only" href="#main">{lang.pick("Đóng bộ lọc", "Close the filters")}</a>
            </aside>
            <section class="list-results" aria-live="polite">
                <div class="result-head">
                    <p class="result-count">{count}</p>
                    <a class="button-link filter-toggle phone-only" href="#filters">{toggle_label}</a>
                </div>
                {ignored}
                {save}
                {help}
                <ol class="hits">{hits}</ol>
                <nav class="pager" aria-label=lang.pick("Phân trang", "Pagination")>{prev}{next}</nav>
            </section>
        </div>
    }
}

#[component]
fn HitView(hit: Hit) -> impl IntoView {
    let lang = use_lang();
    let snippet = hit
        .snippet
        .iter()
        .map(|s| if s.mark { view! { <mark>{s.text.clone()}</mark> }.into_any() } else { s.text.clone().into_any() })
        .collect_view();
    view! {
        <li class="card hit">
            <p class="card-kind">{hit.kind.label(lang)}</p>
            <h2 class="card-title"><a href=hit.href()>{hit.title.clone()}</a></h2>
            {hit.subtitle.clone().map(|s| view! { <p class="card-sub">{s}</p> })}
            {hit.related.then(|| view! { <p class="hit-related">{lang.pick("Chỉ chứa một số từ bạn tìm", "Holds only some of your words")}</p> })}
            <p class="card-summary">{snippet}</p>
            {hit.service.map(|s| view! { <p class="hit-service"><strong>{lang.pick("Dịch vụ: ", "Service: ")}</strong>{s}</p> })}
            <Badges badges=hit.badges/>
        </li>
    }
}

/// What to try when nothing matched: a respelling, or the same words without filters.
#[component]
fn NoResults(request: SearchRequest, results: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let respell = results.suggestion.map(|s| {
        let href = format!("/search?{}", SearchRequest { q: s.clone(), ..request.clone() }.query_string(0));
        view! { <p>{lang.pick("Có phải bạn muốn tìm: ", "Did you mean: ")}<a href=href>{s}</a></p> }
    });
    let relax = results.without_filters.filter(|n| *n > 0).map(|n| {
        let href = format!("/search?{}", request.without_filters().query_string(0));
        let text = lang.pick(format!("Bỏ bộ lọc để xem {n} kết quả"), format!("Remove the filters to see {n} results"));
        view! { <p><a href=href>{text}</a></p> }
    });
    view! {
        <div class="empty">
            <p>{lang.pick("Không tìm thấy mục nào.", "Nothing matched.")}</p>
            {respell}
            {relax}
            <p class="hint">{lang.pick(
                "Mẹo: gõ có dấu hoặc không dấu đều được; thử từ ngắn hơn hoặc từ tiếng Anh.",
                "Tip: Vietnamese with or without marks both work; try fewer words, or Vietnamese.",
            )}</p>
        </div>
    }
}

/// One group of checkboxes with counts; values with no results are left out unless chosen.
fn checkboxes(
    name: &'static str,
    legend: &'static str,
    counts: Vec<(String, String, u64)>,
    chosen: &[String],
) -> impl IntoView {
    let boxes = counts
        .into_iter()
        .filter(|(code, _, n)| *n > 0 || chosen.contains(code))
        .map(|(code, label, n)| {
            let checked = chosen.contains(&code);
            let id = format!("f-{name}-{code}");
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name=name value=code checked=checked/>
                    <label for=id>{format!("{label} ({n})")}</label>
                </li>
            }
        })
        .collect::<Vec<_>>();
    // A group with nothing to choose is left out.
    (!boxes.is_empty()).then(|| {
        view! {
            <fieldset class="facet">
                <legend>{legend}</legend>
                <ul class="checks">{boxes}</ul>
            </fieldset>
        }
    })
}

#[component]
fn Filters(request: SearchRequest, results: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let facet = |dim: &str| results.facets.get(dim).cloned().unwrap_or_default();
    let kinds: Vec<_> = Kind::ALL
        .iter()
        .map(|k| (k.code().to_string(), k.plural(lang).to_string(), facet("kind").get(k.code()).copied().unwrap_or(0)))
        .collect();
    let labelled = |dim: &str, f: Facet| -> Vec<(String, String, u64)> {
        let counts = facet(dim);
        f.codes()
            .into_iter()
            .map(|c| (c.to_string(), f.value_label(c, lang), counts.get(c).copied().unwrap_or(0)))
            .collect()
    };
    let status_counts = facet("status");
    let statuses = vec![
        (
            "open".to_string(),
            lang.pick("Kêu gọi đang mở", "Open calls").to_string(),
            status_counts.get("open").copied().unwrap_or(0),
        ),
        (
            "accepting".to_string(),
            lang.pick("Thử nghiệm đang nhận hồ sơ", "Pilots accepting").to_string(),
            status_counts.get("accepting").copied().unwrap_or(0),
        ),
    ];
    let chosen_kinds: Vec<String> = request.kinds.iter().map(|k| k.code().to_string()).collect();
    let kind_boxes = checkboxes("kind", lang.pick("Loại", "Kind"), kinds, &chosen_kinds);
    let status_boxes = checkboxes("status", lang.pick("Đang mở", "Open now"), statuses, &request.statuses);
    let sector_boxes =
        checkboxes("sector", lang.pick("Lĩnh vực", "Sector"), labelled("sector", Facet::Sector), &request.sectors);
    let type_boxes = checkboxes(
        "type",
        lang.pick("Loại tổ chức", "Organization type"),
        labelled("type", Facet::OrgType),
        &request.org_types,
    );
    // A lab's service filters show where labs with services are among the results.
    let service_boxes = crate::search::model::SERVICE_FILTERS
        .into_iter()
        .map(|f| checkboxes(f.code(), f.label(lang), labelled(f.code(), f), &request.service_values(f)))
        .collect_view();
    view! {
        <AutoSubmit>
        <form method="get" action="/search">
            <input type="hidden" name="q" value=request.q.clone()/>
            <div class="filters">
                {kind_boxes}
                {status_boxes}
                {sector_boxes}
                {type_boxes}
                {service_boxes}
                <TrlSelect id="f-trl-min" name="trl_min" label=lang.pick("TRL từ", "TRL from") chosen=request.trl_min/>
                <div class="filter-actions">
                    <button type="submit">{lang.pick("Áp dụng", "Apply")}</button>
                </div>
            </div>
        </form>
        </AutoSubmit>
    }
}
