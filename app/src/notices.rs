//! What any page may say or need: the portal's name, where the page is, "not found", "please sign
//! in", "not allowed" and "something went wrong", and a page's heading. Low in the layers: every
//! domain's pages use it; the frame around pages (`pages::frame`) sits at the top.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::use_lang;

/// The portal's name.
pub fn portal_name(lang: crate::i18n::Lang) -> &'static str {
    lang.pick("Sàn Đổi mới sáng tạo Khánh Hòa", "Khánh Hòa Innovation Exchange")
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
    format!("/signin?next={}", crate::text::url_encode(&current_path()))
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
        response
            .set_status(http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
    match error {
        AppError::Unauthorized => view! { <SignInFirst/> }.into_any(),
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

/// Shown to an anonymous visitor on a page that needs an account.
#[component]
pub fn SignInFirst() -> impl IntoView {
    let lang = use_lang();
    let href = sign_in_href();
    view! {
        <section class="notice">
            <h1>{lang.pick("Cần đăng nhập", "Please sign in")}</h1>
            <p>{lang.pick("Trang này dành cho người đã đăng nhập.", "This page is for signed-in people.")}</p>
            <p><a class="button" href=href>{lang.pick("Đăng nhập", "Sign in")}</a>" "<a href="/signup">{lang.pick("Tạo tài khoản", "Create an account")}</a></p>
        </section>
    }
}
