//! The frame around every page: header with navigation, search and language switch; footer;
//! the not-found and error notices.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::accounts::pages::AccountLinks;
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::i18n::use_lang;

/// The portal's name.
pub fn portal_name(lang: crate::i18n::Lang) -> &'static str {
    lang.pick("Sàn Đổi mới sáng tạo Khánh Hòa", "Khánh Hòa Innovation Exchange")
}

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let switch_href = move || {
        let next = format!("{}{}", location.pathname.get(), location.search.get());
        format!("/lang/{}?next={}", lang.other().code(), encode(&next))
    };
    let nav = Kind::ALL
        .iter()
        .map(|k| view! { <li><a href=k.path()>{k.plural(lang)}</a></li> })
        .collect_view();
    let find = view! { <li><a class="nav-cta" href="/match">{lang.pick("Tìm đối tác", "Find partners")}</a></li> };
    view! {
        <a class="skip-link" href="#main">{lang.pick("Bỏ qua đến nội dung", "Skip to content")}</a>
        <header class="site-header">
            <div class="header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"KH"</span>
                    <span class="brand-name">{portal_name(lang)}</span>
                </a>
                <form class="header-search" method="get" action="/search" role="search">
                    <label class="visually-hidden" for="header-q">{lang.pick("Tìm kiếm", "Search")}</label>
                    <input id="header-q" type="search" name="q" placeholder=lang.pick("Tìm phòng thí nghiệm, chuyên gia, công nghệ…", "Search labs, experts, technologies…")/>
                    <button type="submit">{lang.pick("Tìm", "Search")}</button>
                </form>
                <AccountLinks/>
                <a class="lang-switch" href=switch_href rel="external" hreflang=lang.other().code() lang=lang.other().code()>
                    {lang.pick("English", "Tiếng Việt")}
                </a>
            </div>
            <nav class="main-nav" aria-label=lang.pick("Danh mục", "Sections")>
                <ul>{find}{nav}</ul>
            </nav>
        </header>
    }
}

/// The path of the page being shown (the request's on the server, the address bar's in the
/// browser): usable in islands, where the router's hooks are not.
pub fn current_path() -> String {
    #[cfg(feature = "ssr")]
    return use_context::<http::request::Parts>().map(|p| p.uri.path().to_string()).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    return leptos::prelude::window().location().pathname().unwrap_or_default();
}

/// The query string of the page being shown, without its `?` (see `current_path`).
pub fn current_query() -> String {
    #[cfg(feature = "ssr")]
    return use_context::<http::request::Parts>().and_then(|p| p.uri.query().map(str::to_string)).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    return leptos::prelude::window().location().search().unwrap_or_default().trim_start_matches('?').to_string();
}

/// Where to sign in and come back to this page.
pub fn sign_in_href() -> String {
    format!("/signin?next={}", encode(&current_path()))
}

/// Percent-encodes a path for a query parameter.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A page's title (also the document's) with the sentence that says what the page is for.
#[component]
pub fn PageHead(title: &'static str, lead: &'static str) -> impl IntoView {
    view! {
        <Title text=title/>
        <div class="page-head">
            <h1>{title}</h1>
            <p class="lead">{lead}</p>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <p>
                {lang.pick(
                    "Kết nối doanh nghiệp, viện, trường và chuyên gia theo Nghị quyết 57-NQ/TW về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.",
                    "Connecting businesses, institutes, universities and experts under Resolution 57-NQ/TW on science, technology, innovation and digital transformation.",
                )}
            </p>
            <p class="footer-links">
                <a href="/dashboard">{lang.pick("Bảng theo dõi và chỉ tiêu 2030", "Dashboard and 2030 targets")}</a>
                " · "
                <a href="/open-data">{lang.pick("Dữ liệu mở (CC BY 4.0)", "Open data (CC BY 4.0)")}</a>
                " · "
                <a href="/api/export.jsonl">{lang.pick("Tải toàn bộ (JSON Lines)", "Download everything (JSON Lines)")}</a>
            </p>
        </footer>
    }
}

/// "Not found", with a 404 status when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let title = lang.pick("Không tìm thấy trang", "Page not found");
    view! {
        <Title text=title/>
        <section class="notice">
            <h1>{title}</h1>
            <p>{lang.pick(
                "Trang bạn tìm không có hoặc đã được chuyển đi. Hãy thử tìm kiếm hoặc xem các danh mục.",
                "The page you are looking for does not exist or has moved. Try searching or browse the sections.",
            )}</p>
            <p><a href="/">{lang.pick("Về trang chủ", "Go to the home page")}</a></p>
        </section>
    }
}

/// A failure the reader cannot fix, said plainly.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
    match error {
        AppError::Unauthorized => view! { <crate::accounts::pages::SignInFirst/> }.into_any(),
        AppError::Forbidden => view! {
            <section class="notice" role="alert">
                <h1>{lang.pick("Không có quyền", "Not allowed")}</h1>
                <p>{lang.pick("Tài khoản của bạn không có quyền xem hoặc sửa mục này.", "Your account may not see or change this.")}</p>
                <p><a href="/account">{lang.pick("Về trang tài khoản", "Go to your account")}</a></p>
            </section>
        }.into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        _ => view! {
            <section class="notice" role="alert">
                <h1>{lang.pick("Đã có lỗi", "Something went wrong")}</h1>
                <p>{lang.pick("Vui lòng thử lại sau ít phút.", "Please try again in a few minutes.")}</p>
            </section>
        }.into_any(),
    }
}
