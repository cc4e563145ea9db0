//! The inbox page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::inbox;
use super::model::Notification;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;
use crate::notices::SignInFirst;

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("Hộp thư", "Inbox")/>
        <h1>{lang.pick("Hộp thư", "Inbox")}</h1>
        <Inbox/>
    }
}

/// The notifications, the new ones marked (seeing them here reads them).
#[component]
fn Inbox() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| inbox());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty">{lang.pick("Chưa có thông báo nào.", "Nothing here yet.")}</p>
                    }.into_any(),
                    Ok(items) => {
                        let list = items.into_iter().map(|n| view! { <NotificationItem n/> }).collect_view();
                        view! { <ul class="inbox">{list}</ul> }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <SignInFirst/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NotificationItem(n: Notification) -> impl IntoView {
    let lang = use_lang();
    let class = if n.read_at.is_none() { "inbox-item unread" } else { "inbox-item" };
    let text = lang.pick(n.text_vi, n.text_en);
    let when = lang.moment(&n.created_at);
    view! {
        <li class=class>
            <a href=n.link>{text}</a>
            <time datetime=n.created_at.clone()>{when}</time>
        </li>
    }
}
