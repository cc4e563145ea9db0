//! The HTML shell and the router.

use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, ParamSegment, SsrMode, StaticSegment};

use crate::accounts::invite_pages::JoinPage;
use crate::accounts::pages::{ConfirmPage, ResetPage, SignInPage, SignUpPage};
use crate::catalog::model::Kind;
use crate::dashboard::pages::DashboardPage;
use crate::i18n::provide_lang;
use crate::inbox::pages::InboxPage;
use crate::listings::pages::{EditListingPage, NewListingPage};
use crate::moderation::pages::ModerationPage;
use crate::notices::{portal_name, NotFound};
use crate::opendata::pages::OpenDataPage;
use crate::pages::account::AccountRoute;
use crate::pages::admin::AdminPage;
use crate::pages::frame::{Footer, Header};
use crate::pages::home::HomePage;
use crate::pages::info::{InfoPage, Topic};
use crate::pages::list::ListPage;
use crate::pages::mine::MinePage;
use crate::pages::partners::FindPartnersPage;
use crate::pages::record::DetailPage;
use crate::pages::search::SearchPage;

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    note_nonce();
    let lang = provide_lang();
    let css = match asset_hashes().and_then(|h| h.css.as_deref()) {
        Some(hash) if options.hash_files => format!("/{}/{}.{hash}.css", options.site_pkg_dir, options.output_name),
        _ => format!("/{}/{}.css", options.site_pkg_dir, options.output_name),
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5d6b"/>
                <link rel="stylesheet" href=css/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <script nonce=leptos::nonce::use_nonce() inner_html=SEND_ONCE></script>
                <script nonce=leptos::nonce::use_nonce() inner_html=MENU_CLOSES></script>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A page's Content-Security-Policy: its own scripts only, the inline ones carrying the nonce
/// Leptos made for this response (`use_nonce`, written into every script it adds).
pub fn page_policy(nonce: Option<&str>) -> String {
    let scripts = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{scripts} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// Where a page leaves the nonce of its scripts for the response's policy header: the server's
/// guard puts an empty one in every request and sets the header from it. (Not through
/// `leptos_axum::ResponseOptions`: a header set there was now and then missing from a page's
/// response under the browser tests, and a page without its policy does not run.)
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Default)]
pub struct PageNonce(pub std::sync::Arc<std::sync::OnceLock<String>>);

/// Leaves this response's nonce where the guard finds it.
#[cfg(feature = "ssr")]
fn note_nonce() {
    let (Some(parts), Some(nonce)) = (use_context::<http::request::Parts>(), leptos::nonce::use_nonce()) else {
        return;
    };
    // A second shell in one response would carry a nonce the header does not name: its
    // scripts would be blocked without a word, so it is said.
    if let Some(slot) = parts.extensions.get::<PageNonce>() {
        if slot.0.set(nonce.to_string()).is_err() {
            tracing::warn!("a page rendered its shell twice; its second nonce is not in the CSP header");
        }
    }
}

/// Forms post without the bundle (see `forms`), so this is what keeps a double click or an
/// impatient second tap from sending one twice (two records, a sign-up refused as a duplicate):
/// a second submit of a form that is on its way is ignored. A page restored from the
/// back-forward cache may send again.
const SEND_ONCE: &str = "addEventListener('submit',e=>{const f=e.target;if(f.method!=='post')return;\
if(f.dataset.sending)e.preventDefault();else f.dataset.sending='1'});\
addEventListener('pageshow',e=>{if(e.persisted)for(const f of document.querySelectorAll('form[data-sending]'))delete f.dataset.sending})";

/// The phone menu (a `<details>`, which opens without script) closes as menus do: with Escape,
/// focus back on its button, or with a tap outside it.
const MENU_CLOSES: &str = "addEventListener('keydown',e=>{if(e.key!=='Escape')return;\
for(const d of document.querySelectorAll('details.site-menu[open]')){d.open=false;d.querySelector('summary').focus()}});\
addEventListener('click',e=>{for(const d of document.querySelectorAll('details.site-menu[open]'))if(!d.contains(e.target))d.open=false})";

/// The content hashes of a release build's assets (`hash.txt` beside the server binary, as
/// Leptos reads it for the script and the wasm); `None` in a debug build.
#[derive(Debug, Default)]
pub struct AssetHashes {
    pub css: Option<String>,
}

pub fn asset_hashes() -> Option<&'static AssetHashes> {
    #[cfg(feature = "ssr")]
    {
        static HASHES: std::sync::OnceLock<Option<AssetHashes>> = std::sync::OnceLock::new();
        HASHES
            .get_or_init(|| {
                let path = std::env::current_exe().ok()?.with_file_name("hash.txt");
                let text = std::fs::read_to_string(path).ok()?;
                let css = text.lines().find_map(|l| l.strip_prefix("css:")).map(|h| h.trim().to_string());
                Some(AssetHashes { css })
            })
            .as_ref()
    }
    #[cfg(not(feature = "ssr"))]
    None
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = provide_lang();
    crate::accounts::pages::provide_viewer();
    // leptos_meta writes the title into the server's HTML as it is: escaped here, since a title
    // may carry what a visitor typed (a search) or published (a record's name).
    let formatter = move |title: String| {
        let name = portal_name(lang);
        let title = if title == name { title } else { format!("{title} · {name}") };
        crate::text::html_escape(&title)
    };
    view! {
        <Title formatter/>
        <Router>
            <Header/>
            <main id="main" class="container">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset") view=ResetPage ssr=SsrMode::Async/>
                    <Route path=path!("/confirm") view=ConfirmPage ssr=SsrMode::Async/>
                    <Route path=path!("/join") view=JoinPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountRoute ssr=SsrMode::Async/>
                    <Route path=path!("/account/email") view=crate::accounts::email_change::ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/import") view=crate::imports::page::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/mine") view=MinePage ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests/new") view=crate::service_requests::pages::NewRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests/:id") view=crate::service_requests::pages::RequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests/:id/label") view=crate::service_requests::pages::LabelPage ssr=SsrMode::Async/>
                    <Route path=path!("/bookings/new") view=crate::bookings::pages::WeekPage ssr=SsrMode::Async/>
                    <Route path=path!("/bookings/:id") view=crate::bookings::pages::BookingPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/open-data") view=OpenDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/match") view=FindPartnersPage ssr=SsrMode::Async/>
                    <Route path=path!("/about") view=|| view! { <InfoPage topic=Topic::About/> }/>
                    <Route path=path!("/contact") view=|| view! { <InfoPage topic=Topic::Contact/> }/>
                    <Route path=path!("/privacy") view=|| view! { <InfoPage topic=Topic::Privacy/> }/>
                    <Route path=path!("/terms") view=|| view! { <InfoPage topic=Topic::Terms/> }/>
                    <KindRoutes/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// The four pages of each kind of record, made from `Kind::ALL`: its list, a new listing, the
/// edit page of one and the page of one (in that order: `new` is a reserved id).
#[component(transparent)]
fn KindRoutes() -> StaticVec<AnyNestedRoute> {
    fn erase(route: View<impl IntoAnyNestedRoute>) -> AnyNestedRoute {
        route.into_inner().into_any_nested_route()
    }
    let routes = Kind::ALL.iter().flat_map(|&kind| {
        let base = StaticSegment(kind.path().trim_start_matches('/'));
        let (new, id, edit) = (StaticSegment("new"), ParamSegment("id"), StaticSegment("edit"));
        [
            erase(view! { <Route path=(base,) view=move || view! { <ListPage kind/> } ssr=SsrMode::Async/> }),
            erase(view! { <Route path=(base, new) view=move || view! { <NewListingPage kind/> } ssr=SsrMode::Async/> }),
            erase(view! { <Route path=(base, id, edit) view=move || view! { <EditListingPage kind/> } ssr=SsrMode::Async/> }),
            erase(view! { <Route path=(base, id) view=move || view! { <DetailPage kind/> } ssr=SsrMode::Async/> }),
        ]
    });
    routes.collect::<Vec<_>>().into()
}
