//! The list page and the record page every kind shares.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_record, list_cards};
use super::components::{Badges, CardGrid, FieldList, FilterForm, Pager, SectorChips};
use super::model::{Kind, ListFilter, RecordDetail};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::layout::{ErrorNotice, NotFound};
use crate::accounts::model::User;
use crate::applications::{api::application_panel, model::{applicable, Panel}, pages::ApplyBox};
use crate::introductions::pages::IntroduceBox;
use crate::listings::{api::get_listing_meta, model::ListingMeta, pages::ListingBar};
use crate::matching::{api::record_matches, model::Match, pages::{has_matches, RecordMatches}};

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
    view! {
        <Title text=heading/>
        <div class="page-head">
            <h1>{heading}</h1>
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
                                <aside class="list-filters">
                                    <FilterForm kind=kind filter=filter.clone() page=page/>
                                </aside>
                                <section class="list-results" aria-live="polite">
                                    <div class="result-head">
                                        <p class="result-count">{count}</p>
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
        let file = topic.file();
        let sector = filter.value(super::model::Facet::Sector).map(|s| format!("?sector={s}")).unwrap_or_default();
        view! { <a class="feed-link" href=format!("/feeds/{file}{sector}")>{lang.pick("Theo dõi (Atom)", "Follow (Atom)")}</a> }
    });
    view! {
        <p class="downloads">
            <a href=csv download="">{lang.pick("Tải CSV", "Download CSV")}</a>
            {feed}
        </p>
    }
}

/// The page of one record with every field and its related records.
#[component]
pub fn DetailPage(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = Resource::new(move || id.get(), move |id| get_record(kind, id, lang));
    // What the boxes show is read here, once, beside the record: the view below may be made
    // more than once while it waits, and the islands get their data as props.
    let meta = Resource::new(move || id.get(), move |id| get_listing_meta(kind, id));
    let panel = Resource::new(move || id.get(), move |id| async move {
        if applicable(kind) { application_panel(kind, id).await.map(Some) } else { Ok(None) }
    });
    let viewer = Resource::new(|| (), |_| crate::accounts::api::get_viewer());
    let matches = Resource::new(move || id.get(), move |id| async move {
        if has_matches(kind) { record_matches(kind, id, lang).await } else { Ok(Vec::new()) }
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tải…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                let boxes = Boxes {
                    meta: meta.await.unwrap_or_default(),
                    panel: panel.await.ok().flatten(),
                    viewer: viewer.await.ok().and_then(|v| v.user),
                    matches,
                };
                match data.await {
                    Ok(detail) => view! { <RecordView kind=kind detail=detail boxes/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What a record page's boxes show to the person looking at it.
struct Boxes {
    meta: ListingMeta,
    panel: Option<Panel>,
    viewer: Option<User>,
    matches: Resource<Result<Vec<Match>, AppError>>,
}

/// A record's page; the listing bar, the introduction form and the application box are
/// islands.
#[component]
fn RecordView(kind: Kind, detail: RecordDetail, boxes: Boxes) -> impl IntoView {
    let lang = use_lang();
    let entry = detail.record.entry();
    let title = display_title(&detail, lang);
    let original = entry.title().base.to_string();
    let original = (original != title).then(|| view! { <p class="original-title">{original}</p> });
    let summary = entry.summary().get(lang).to_string();
    let description = crate::catalog::model::excerpt(&summary, 300);
    let badges = detail.badges.clone();
    let sectors = entry.sectors().to_vec();
    let fields = entry.fields(lang);
    let structured = super::jsonld::script_text(&super::jsonld::json_ld(&detail.record, lang, &format!("{}/{}", kind.path(), entry.id())));
    let matches = has_matches(kind).then(|| view! { <RecordMatches kind=kind id=entry.id().to_string() data=boxes.matches/> });
    let sections = detail
        .sections
        .into_iter()
        .map(|s| view! { <section class="related"><h2>{s.heading}</h2><CardGrid cards=s.cards/></section> })
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description/>
        <script type="application/ld+json" inner_html=structured></script>
        <nav class="breadcrumb" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href="/">{lang.pick("Trang chủ", "Home")}</a>
            " › "
            <a href=kind.path()>{kind.plural(lang)}</a>
        </nav>
        <article class="record">
            <header class="record-head">
                <p class="card-kind">{kind.label(lang)}</p>
                <h1>{title}</h1>
                {original}
                <Badges badges=badges/>
                <SectorChips sectors=sectors kind=kind/>
                <ListingBar kind=kind id=entry.id().to_string() meta=boxes.meta/>
            </header>
            <p class="lead">{summary}</p>
            <FieldList fields=fields/>
        </article>
        <IntroduceBox kind=kind id=entry.id().to_string() viewer=boxes.viewer/>
        {boxes.panel.map(|panel| view! { <ApplyBox kind=kind id=entry.id().to_string() panel/> })}
        {matches}
        {sections}
    }
}

/// The record's name as a person addresses it (an expert with their title).
fn display_title(detail: &RecordDetail, lang: Lang) -> String {
    match &detail.record {
        super::model::Record::Expert(expert) => expert.display_name(),
        record => record.entry().title().get(lang).to_string(),
    }
}
