//! The frame around every page: the header with navigation, search, account links and
//! language switch (a menu on a phone), and the footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::accounts::pages::AccountLinks;
use crate::catalog::model::Kind;
use crate::i18n::use_lang;
use crate::notices::portal_name;
use crate::pages::lang_switch::LangSwitch;

/// The header: on a desktop the brand, search, account links and language on one row and the
/// sections below; on a phone one row (brand mark, search, "Menu") whose menu, a `<details>`
/// that opens without script, holds the sections, account links and language.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let switch_href = move || {
        // The router's `search` comes without its `?`.
        let search = location.search.get();
        let next =
            if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) };
        format!("/lang/{}?next={}", lang.other().code(), crate::text::url_encode(&next))
    };
    let viewer = crate::accounts::pages::use_viewer();
    let sections = move || {
        let kinds = Kind::ALL.iter().map(|k| view! { <li><a href=k.path()>{k.plural(lang)}</a></li> }).collect_view();
        view! { <li><a class="nav-cta" href="/match">{lang.pick("Tìm đối tác", "Find partners")}</a></li>{kinds} }
    };
    let switch = move || {
        let (code, label) = (lang.other().code().to_string(), lang.pick("English", "Tiếng Việt").to_string());
        view! { <LangSwitch href=switch_href() code label/> }
    };
    view! {
        <a class="skip-link" href="#main">{lang.pick("Bỏ qua đến nội dung", "Skip to content")}</a>
        <header class="site-header">
            <div class="header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"KH"</span>
                    <span class="brand-name">{portal_name(lang)}</span>
                </a>
                <form class="header-search" method="get" action="/search" role="search" aria-label=lang.pick("Tìm nhanh", "Quick search")>
                    <label class="visually-hidden" for="header-q">{lang.pick("Tìm kiếm", "Search")}</label>
                    <input id="header-q" type="search" name="q" placeholder=lang.pick("Tìm kiếm…", "Search…")/>
                    // On a phone the word gives way to a mark (and stays for screen readers).
                    <button type="submit">
                        <span class="search-mark" aria-hidden="true">"⌕"</span>
                        <span class="search-word">{lang.pick("Tìm", "Search")}</span>
                    </button>
                </form>
                <div class="header-account wide-only">
                    <AccountLinks data=viewer/>
                    {switch()}
                </div>
                <details class="site-menu phone-only">
                    <summary>
                        <span class="menu-icon" aria-hidden="true">"☰"</span>
                        {lang.pick("Menu", "Menu")}
                    </summary>
                    <div class="menu-panel">
                        <nav aria-label=lang.pick("Danh mục", "Sections")><ul class="menu-sections">{sections()}</ul></nav>
                        <div class="menu-account">
                            <AccountLinks data=viewer/>
                            {switch()}
                        </div>
                    </div>
                </details>
            </div>
            <nav class="main-nav wide-only" aria-label=lang.pick("Danh mục", "Sections")>
                <ul>{sections()}</ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    let about = crate::pages::info::Topic::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| view! { {(i > 0).then_some(" · ")}<a href=t.path()>{t.title(lang)}</a> })
        .collect_view();
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
            <p class="footer-links">{about}</p>
        </footer>
    }
}
