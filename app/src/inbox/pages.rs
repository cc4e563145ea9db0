//! The inbox page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{inbox, mail_news, SetMailNews};
use super::model::{MailMode, Notification};
use crate::error::AppError;
use crate::forms::{last_result, ComeBackTo, FormStatus};
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
        <MailChoice/>
    }
}

/// How the person hears of news by mail: at once, each morning, or not at all.
#[component]
fn MailChoice() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SetMailNews>::new();
    let current = Resource::new(move || action.version().get(), |_| mail_news());
    let done = lang.pick("Đã lưu cách nhận thư báo.", "Saved how you are told by mail.");
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // Signed out: the inbox above says to sign in.
                let mode = current.await.ok()?;
                let choices = MailMode::ALL
                    .into_iter()
                    .map(|m| view! {
                        <label class="check"><input type="radio" name="mode" value=m.code() checked=m == mode/>" "{m.label(lang)}</label>
                    })
                    .collect_view();
                Some(view! {
                    <section class="my-section" id="mail">
                        <h2>{lang.pick("Thư báo", "Mail")}</h2>
                        <FormStatus result=last_result(action) done/>
                        <ActionForm action attr:class="stack-form">
                            <fieldset class="check-field">
                                <legend>{lang.pick("Khi có tin mới trong Hộp thư:", "When news comes into your inbox:")}</legend>
                                <div class="check-grid">{choices}</div>
                            </fieldset>
                            <ComeBackTo id="mail"/>
                            <button type="submit">{lang.pick("Lưu", "Save")}</button>
                        </ActionForm>
                    </section>
                })
            })}
        </Suspense>
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
