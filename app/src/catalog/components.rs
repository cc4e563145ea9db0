//! Pieces every list and record page uses: cards, badges, sector chips, filters, pager.

use leptos::prelude::*;

use super::model::{Badge, Card, CardPage, Facet, Field, FieldValue, Kind, ListFilter, Tone};
use crate::i18n::use_lang;
use crate::vocab::Sector;

/// Short facts, coloured by tone.
#[component]
pub fn Badges(badges: Vec<Badge>) -> impl IntoView {
    let items = badges
        .into_iter()
        .map(|b| {
            let class = match b.tone {
                Tone::Neutral => "badge",
                Tone::Positive => "badge badge-positive",
                Tone::Urgent => "badge badge-urgent",
            };
            view! { <li class=class>{b.text}</li> }
        })
        .collect_view();
    view! { <ul class="badges">{items}</ul> }
}

/// Sector labels, each linking to the list of `kind` in that sector.
#[component]
pub fn SectorChips(sectors: Vec<Sector>, kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let items = sectors
        .into_iter()
        .map(|s| {
            let href = format!("{}?sector={}", kind.path(), s.code());
            view! { <li><a class="chip" href=href>{s.label(lang)}</a></li> }
        })
        .collect_view();
    view! { <ul class="chips">{items}</ul> }
}

/// A record in a list; its kind said above the title where the list mixes kinds.
#[component]
pub fn CardView(card: Card, with_kind: bool) -> impl IntoView {
    let lang = use_lang();
    let href = card.href();
    let kind = card.kind;
    view! {
        <li class="card">
            {with_kind.then(|| view! { <p class="card-kind">{kind.label(lang)}</p> })}
            <h3 class="card-title"><a href=href>{card.title}</a></h3>
            {card.subtitle.map(|s| view! { <p class="card-sub">{s}</p> })}
            <p class="card-summary">{card.summary}</p>
            <Badges badges=card.badges/>
            <SectorChips sectors=card.sectors kind=kind/>
        </li>
    }
}

/// Cards in a responsive grid; each says its kind when they are not all of one kind (a list
/// page, or a group under its kind's heading, does not repeat it on every card).
#[component]
pub fn CardGrid(cards: Vec<Card>) -> impl IntoView {
    let with_kind = cards.windows(2).any(|pair| pair[0].kind != pair[1].kind);
    let items = cards.into_iter().map(|card| view! { <CardView card=card with_kind/> }).collect_view();
    view! { <ul class="cards">{items}</ul> }
}

/// The labelled rows of a record's page.
#[component]
pub fn FieldList(fields: Vec<Field>) -> impl IntoView {
    let rows = fields
        .into_iter()
        .map(|field| {
            let value = match field.value {
                FieldValue::Text(text) => view! { <dd>{text}</dd> }.into_any(),
                FieldValue::Long(text) => {
                    let paragraphs = text.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view();
                    view! { <dd class="long">{paragraphs}</dd> }.into_any()
                }
                FieldValue::List(items) => {
                    let items = items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view();
                    view! { <dd><ul class="values">{items}</ul></dd> }.into_any()
                }
                FieldValue::Url(url) => {
                    view! { <dd><a href=url.clone() rel="noopener nofollow external">{url.clone()}</a></dd> }.into_any()
                }
            };
            view! { <div class="field"><dt>{field.label}</dt>{value}</div> }
        })
        .collect_view();
    view! { <dl class="fields">{rows}</dl> }
}

/// Wraps a plain GET form so that a changed choice (a select, a checkbox, a radio button)
/// submits it at once (once the island has hydrated; without JavaScript the form's own button
/// applies it). A text box never does: its change fires when it loses focus, and submitting
/// then would reload the page under the person still typing in the next box.
#[island]
pub fn AutoSubmit(children: Children) -> impl IntoView {
    view! { <div class="auto-submit" on:change=submit_on_change>{children()}</div> }
}

/// Submits the form a changed choice belongs to.
fn submit_on_change(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let Some(control) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) else { return };
    let typed = match control.tag_name().to_ascii_lowercase().as_str() {
        "textarea" => true,
        "input" => !matches!(control.get_attribute("type").as_deref(), Some("checkbox" | "radio")),
        _ => false,
    };
    if typed {
        return;
    }
    let form = control
        .closest("form")
        .ok()
        .flatten()
        .and_then(|form| form.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
    if let Some(form) = form {
        let _ = form.request_submit();
    }
}

/// One filter as a labelled select with counts.
#[component]
fn FacetSelect(kind: Kind, facet: Facet, counts: Vec<(String, u64)>, chosen: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let id = format!("filter-{}-{}", kind.code(), facet.code());
    let options = counts
        .into_iter()
        .map(|(code, n)| {
            let selected = chosen.as_deref() == Some(code.as_str());
            let label = format!("{} ({n})", facet.value_label(&code, lang));
            view! { <option value=code selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <div class="filter">
            <label for=id.clone()>{facet.label(lang)}</label>
            <select id=id name=facet.code()>
                <option value="">{lang.pick("Tất cả", "All")}</option>
                {options}
            </select>
        </div>
    }
}

/// A select of TRL 1 to 9 for the bound `name` (`trl_min` or `trl_max`).
#[component]
pub fn TrlSelect(
    /// The element id, unique on the page.
    #[prop(into)]
    id: String,
    /// The form field (`trl_min` or `trl_max`).
    name: &'static str,
    label: &'static str,
    chosen: Option<u8>,
) -> impl IntoView {
    let lang = use_lang();
    let options = (1..=9u8)
        .map(|t| view! { <option value=t.to_string() selected=chosen == Some(t)>{format!("TRL {t}")}</option> })
        .collect_view();
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{lang.pick("Bất kỳ", "Any")}</option>
                {options}
            </select>
        </div>
    }
}

/// The filters of a list page: a plain GET form, applied on change once hydrated.
#[component]
pub fn FilterForm(kind: Kind, filter: ListFilter, page: CardPage) -> impl IntoView {
    let lang = use_lang();
    let selects = page
        .facet_counts
        .into_iter()
        .map(|(facet, counts)| {
            let chosen = filter.value(facet).map(str::to_string);
            view! { <FacetSelect kind=kind facet=facet counts=counts chosen=chosen/> }
        })
        .collect_view();
    let trl = kind.has_trl().then(|| {
        view! {
            <TrlSelect id=format!("filter-{}-trl_min", kind.code()) name="trl_min" label=lang.pick("TRL từ", "TRL from") chosen=filter.trl_min/>
            <TrlSelect id=format!("filter-{}-trl_max", kind.code()) name="trl_max" label=lang.pick("TRL đến", "TRL up to") chosen=filter.trl_max/>
        }
    });
    let clear = (!filter.is_empty()).then(|| {
        view! { <a class="button-link" href=kind.path()>{lang.pick("Xóa bộ lọc", "Clear filters")}</a> }
    });
    view! {
        <AutoSubmit>
        <form method="get" action=kind.path()>
            <fieldset class="filters">
                <legend>{lang.pick("Bộ lọc", "Filters")}</legend>
                {selects}
                {trl}
                <div class="filter-actions">
                    <button type="submit">{lang.pick("Áp dụng", "Apply")}</button>
                    {clear}
                </div>
            </fieldset>
        </form>
        </AutoSubmit>
    }
}

/// Previous and next page links.
#[component]
pub fn Pager(kind: Kind, filter: ListFilter, page: u32, pages: u32) -> impl IntoView {
    let lang = use_lang();
    let link = move |n: u32| {
        let query = filter.query_string(n);
        if query.is_empty() {
            kind.path().to_string()
        } else {
            format!("{}?{query}", kind.path())
        }
    };
    let prev =
        (page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{lang.pick("← Trang trước", "← Previous")}</a> });
    let next =
        (page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{lang.pick("Trang sau →", "Next →")}</a> });
    let status = lang.pick(format!("Trang {page} / {pages}"), format!("Page {page} of {pages}"));
    view! {
        <nav class="pager" aria-label=lang.pick("Phân trang", "Pagination")>
            {prev}
            <span>{status}</span>
            {next}
        </nav>
    }
}
