//! The list page every kind shares: filters, cards, pages, and the list's downloads (CSV and,
//! where it has one, its Atom feed).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::catalog::api::list_cards;
use crate::catalog::components::{CardGrid, FilterForm, Pager};
use crate::catalog::model::{Facet, Kind, ListFilter};
use crate::i18n::use_lang;
use crate::listings::pages::new_heading;
use crate::listings::rules::may_create;
use crate::notices::ErrorNotice;

/// The list of one kind, with filters and pages.
#[component]
pub fn ListPage(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.get();
        ListFilter::from_query(kind, |key| query.get_all(key).unwrap_or_default())
    });
    let data = Resource::new(move || filter.get(), move |f| list_cards(kind, f, lang));
    let heading = kind.plural(lang);
    // On a phone the filters wait behind this link (it opens them without script), so the
    // results come first; it says how many are set.
    let toggle = move || {
        let active = filter.with(ListFilter::active);
        let label = match active {
            0 => lang.pick("Bộ lọc".to_string(), "Filters".to_string()),
            n => lang.pick(format!("Bộ lọc ({n} đang chọn)"), format!("Filters ({n} set)")),
        };
        view! { <a class="button-link filter-toggle phone-only" href="#filters">{label}</a> }
    };
    // "Post a need" and the like, for those who may.
    let viewer = crate::accounts::pages::use_viewer();
    let create = move || {
        Suspend::new(async move {
            let user = viewer.await.ok().and_then(|v| v.user)?;
            may_create(&user, kind).then(|| {
                view! { <a class="button-link primary-link" href=format!("{}/new", kind.path())>{new_heading(kind, lang)}</a> }
            })
        })
    };
    view! {
        <Title text=heading/>
        <div class="page-head">
            <h1>{heading}</h1>
            <Suspense fallback=|| ()>{create}</Suspense>
            {toggle}
        </div>
        <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tải…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                let filter = filter.get_untracked();
                match data.await {
                    Ok(page) => {
                        let pages = page.pages();
                        let (current, total, cards) = (page.page, page.total, page.cards.clone());
                        let count = lang.pick(format!("{total} kết quả"), format!("{total} results"));
                        let downloads = view! { <ListDownloads kind=kind filter=filter.clone()/> };
                        let empty = cards.is_empty().then(|| view! {
                            <p class="empty">{lang.pick("Không có mục nào khớp với bộ lọc.", "Nothing matches these filters.")}</p>
                        });
                        view! {
                            <div class="list-layout">
                                <aside class="list-filters" id="filters">
                                    <FilterForm kind=kind filter=filter.clone() page=page/>
                                    <a class="filter-close phone-only" href="#main">{lang.pick("Đóng bộ lọc", "Close the filters")}</a>
                                </aside>
                                <section class="list-results" aria-live="polite">
                                    <div class="result-head">
                                        <h2 class="result-count">{count}</h2>
                                        {downloads}
                                    </div>
                                    {empty}
                                    <CardGrid cards=cards/>
                                    <Pager kind=kind filter=filter page=current pages=pages/>
                                </section>
                            </div>
                        }
                        .into_any()
                    }
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The list's rows as CSV with the same filters, and its Atom feed where it has one.
#[component]
fn ListDownloads(kind: Kind, filter: ListFilter) -> impl IntoView {
    let lang = use_lang();
    let query = filter.query_string(1);
    let csv = if query.is_empty() { format!("{}.csv", kind.path()) } else { format!("{}.csv?{query}", kind.path()) };
    let feed = crate::opendata::Topic::of(kind).map(|topic| {
        let href = topic.href(filter.value(Facet::Sector), lang);
        view! { <a class="feed-link" href=href>{lang.pick("Theo dõi (Atom)", "Follow (Atom)")}</a> }
    });
    view! {
        <p class="downloads">
            <a href=csv download="">{lang.pick("Tải CSV", "Download CSV")}</a>
            {feed}
        </p>
    }
}
