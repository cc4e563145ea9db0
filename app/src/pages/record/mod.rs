//! The page of one record: every field, the boxes of the workflows that act on it (listing
//! bar, introduction, applications), its matches and the records around it. It is where the
//! domains meet, so it sits above them and gets its data from `api::load_record_page` in one go.

pub mod api;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::accounts::model::Role;
use crate::applications::pages::ApplyBox;
use crate::bookings::instruments_box::InstrumentsBox;
use crate::catalog::components::{Badges, CardGrid, FieldList, SectorChips};
use crate::catalog::jsonld;
use crate::catalog::model::{excerpt, Kind, Record};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::introductions::pages::IntroduceBox;
use crate::listings::pages::ListingBar;
use crate::matching::model::has_matches;
use crate::moderation::pages::{ReportBox, ReportStatus};
use crate::notices::{ErrorNotice, NotFound};
use crate::pages::partners::RecordMatches;
use crate::service_requests::services_box::ServicesBox;
use api::{load_record_page, RecordPage};

/// The page of one record with every field and its related records.
#[component]
pub fn DetailPage(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    // One resource for the whole page: the record is read once and every box gets its data as
    // props (the view below may be made more than once while it waits).
    let data = Resource::new(move || id.get(), move |id| load_record_page(kind, id, lang));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tải…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <RecordView kind=kind page/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A record's page: its fields, its listing bar, the introduction form, the application box,
/// its matches and the records around it.
#[component]
fn RecordView(kind: Kind, page: RecordPage) -> impl IntoView {
    let lang = use_lang();
    let RecordPage { detail, meta, panel, viewer, introduce, matches, managed } = page;
    let entry = detail.record.entry();
    let title = detail.record.display_title(lang);
    // The title as written, under a translated one (an expert's "TS." before the name is not a
    // translation).
    let original = entry.title().base.to_string();
    let original = (original != entry.title().get(lang)).then(|| view! { <p class="original-title">{original}</p> });
    let summary = entry.summary().get(lang).to_string();
    let description = excerpt(&summary, 300);
    let badges = detail.badges.clone();
    let sectors = entry.sectors().to_vec();
    let fields = detail.fields.clone();
    // Structured data is for what is published.
    let structured = (!meta.preview).then(|| {
        let text =
            jsonld::script_text(&jsonld::json_ld(&detail.record, lang, &format!("{}/{}", kind.path(), entry.id())));
        view! { <script type="application/ld+json" inner_html=text></script> }
    });
    let own = introduce.as_ref().is_some_and(|s| s.own);
    // Signed out, the way to ask leads to signing in; signed in, it is for those who may ask.
    let asks = !own && viewer.as_ref().is_none_or(|v| v.has(Role::Member) || v.has(Role::Researcher));
    let services = match &detail.record {
        Record::Lab(lab) if !meta.preview => lab.service_catalog.clone(),
        _ => Vec::new(),
    };
    let instruments = match &detail.record {
        Record::Lab(lab) if !meta.preview => lab.instruments.clone(),
        _ => Vec::new(),
    };
    let matches = (has_matches(kind) && !meta.preview)
        .then(|| view! { <RecordMatches kind=kind id=entry.id().to_string() own matches/> });
    // Signed-in people report what they do not manage; officers hide it themselves.
    let report = (viewer.as_ref().is_some_and(|v| !v.is_staff()) && !meta.editable)
        .then(|| view! { <ReportBox kind=kind id=entry.id().to_string()/> });
    // Not public: said at the top, and kept out of search engines.
    let preview = meta.preview.then(|| {
        view! {
            <Meta name="robots" content="noindex"/>
            <p class="preview-note" role="status">
                <strong>{lang.pick("Bản xem trước.", "Preview.")}</strong>" "
                {lang.pick(
                    "Hồ sơ này chưa hiện trên cổng: chỉ người quản lý nó thấy trang này.",
                    "This listing is not on the portal: only those who manage it see this page.",
                )}" "
                <a href="/mine#listings">{lang.pick("Hồ sơ của tôi", "My listings")}</a>
            </p>
        }
    });
    let sections = detail
        .sections
        .into_iter()
        .map(|s| view! { <section class="related"><h2>{s.heading}</h2><CardGrid cards=s.cards/></section> })
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description/>
        {structured}
        <nav class="breadcrumb" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href="/">{lang.pick("Trang chủ", "Home")}</a>
            " › "
            <a href=kind.path()>{kind.plural(lang)}</a>
        </nav>
        {preview}
        <article class="record">
            <header class="record-head">
                <p class="card-kind">{kind.label(lang)}</p>
                <h1>{title}</h1>
                {original}
                <Badges badges=badges/>
                <SectorChips sectors=sectors kind=kind/>
                <ListingBar kind=kind id=entry.id().to_string() meta/>
            </header>
            <ReportStatus/>
            <p class="lead">{summary}</p>
            <FieldList fields=fields/>
        </article>
        <ServicesBox lab=entry.id().to_string() services asks managed/>
        <InstrumentsBox lab=entry.id().to_string() instruments managed/>
        <IntroduceBox kind=kind id=entry.id().to_string() signed_in=viewer.is_some() setup=introduce/>
        {panel.map(|panel| view! { <ApplyBox kind=kind id=entry.id().to_string() panel/> })}
        {matches}
        {sections}
        {report}
    }
}
