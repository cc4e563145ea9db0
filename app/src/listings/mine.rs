//! What a person manages (drafts first, what needs confirming) and what officers hid, for
//! `/mine` (`pages::mine`).

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{hidden_listings, my_listings, ConfirmListing, DeleteDraft, ModerateListing, WithdrawListing};
use super::model::{MyListing, Withdrawal};
use super::pages::new_heading;
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::forms::{last_result, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;
use crate::notices::SignInFirst;

/// What I manage, each with "confirm it is current" where it is due.
#[component]
pub fn MyListings() -> impl IntoView {
    let lang = use_lang();
    let confirm = ServerAction::<ConfirmListing>::new();
    let actions = RowActions { withdraw: ServerAction::new(), delete: ServerAction::new() };
    // Read again after each action, so a row says what was just done to it.
    let versions = move || (confirm.version().get(), actions.withdraw.version().get(), actions.delete.version().get());
    let data = Resource::new(versions, |_| my_listings());
    view! {
        <FormStatus result=last_result(confirm)/>
        <FormStatus result=last_result(actions.withdraw) done=lang.pick("Đã gỡ xuống; hồ sơ nằm trong bản nháp của bạn.", "Taken down; it is among your drafts.")/>
        <FormStatus result=last_result(actions.delete) done=lang.pick("Đã xóa bản nháp.", "The draft is deleted.")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty">{lang.pick("Bạn chưa đăng hồ sơ nào.", "You have not published anything yet.")}</p>
                    }.into_any(),
                    Ok(items) => {
                        let rows = items.into_iter().map(|item| view! { <MineRow item confirm actions/> }).collect_view();
                        view! { <ul class="mine" id="listings">{rows}</ul> }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <SignInFirst/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What an owner does to one of their listings besides confirming it.
#[derive(Clone, Copy)]
struct RowActions {
    withdraw: ServerAction<WithdrawListing>,
    delete: ServerAction<DeleteDraft>,
}

#[component]
fn MineRow(item: MyListing, confirm: ServerAction<ConfirmListing>, actions: RowActions) -> impl IntoView {
    let lang = use_lang();
    let withdrawn =
        item.withdrawn.map(|why| format!("{}: {}", lang.pick("Đã gỡ xuống", "Taken down"), why.label(lang)));
    let state = if item.draft {
        lang.pick("Bản nháp", "Draft")
    } else if item.moderated {
        lang.pick("Cán bộ Sở đã tạm ẩn; hãy liên hệ Sở", "Hidden by an officer; contact the province")
    } else if item.held {
        lang.pick(
            "Đang ẩn vì tổ chức của hồ sơ bị cán bộ ẩn; hãy liên hệ Sở",
            "Hidden because its organization was hidden by an officer; contact the province",
        )
    } else if item.hidden {
        lang.pick("Đang ẩn: hãy xác nhận còn hiệu lực", "Hidden: confirm it is current")
    } else if item.due {
        lang.pick("Cần xác nhận còn hiệu lực", "Please confirm it is current")
    } else {
        lang.pick("Đã đăng", "Published")
    };
    let state = withdrawn.unwrap_or_else(|| state.to_string());
    let edit = format!("{}/edit", item.href());
    // A listing is published or a draft, never both: a draft is previewed at its address.
    let href = item.href();
    let (confirm_id, withdraw_id, delete_id) = (item.id.clone(), item.id.clone(), item.id.clone());
    let confirm_form = (!item.draft && !item.moderated && !item.held && (item.due || item.hidden)).then(|| view! {
        <ActionForm action=confirm attr:class="inline-form">
            <input type="hidden" name="kind" value=item.kind.code()/>
            <input type="hidden" name="id" value=confirm_id/>
            <button type="submit" class="button-link">{lang.pick("Xác nhận còn hiệu lực", "Confirm it is current")}</button>
        </ActionForm>
    });
    let published = !item.draft && !item.moderated && !item.held && item.kind != Kind::Organization;
    let take_down = published.then(|| {
        let reasons = Withdrawal::ALL
            .into_iter()
            .map(|why| view! { <option value=why.code()>{why.label(lang)}</option> })
            .collect_view();
        view! {
            <details class="row-action">
                <summary>{lang.pick("Gỡ xuống", "Take down")}</summary>
                <ActionForm action=actions.withdraw attr:class="inline-form">
                    <input type="hidden" name="kind" value=item.kind.code()/>
                    <input type="hidden" name="id" value=withdraw_id/>
                    <label>{lang.pick("Lý do", "Why")}" "<select name="why">{reasons}</select></label>
                    <button type="submit" class="button-link">{lang.pick("Gỡ xuống", "Take down")}</button>
                </ActionForm>
            </details>
        }
    });
    let delete = item.never_published.then(|| view! {
        <details class="row-action">
            <summary>{lang.pick("Xóa bản nháp", "Delete draft")}</summary>
            <ActionForm action=actions.delete attr:class="inline-form">
                <input type="hidden" name="kind" value=item.kind.code()/>
                <input type="hidden" name="id" value=delete_id/>
                <button type="submit" class="button-link">{lang.pick("Xóa hẳn bản nháp này", "Delete this draft for good")}</button>
            </ActionForm>
        </details>
    });
    view! {
        <li class="mine-item">
            <span class="card-kind">{item.kind.label(lang)}</span>
            <a href=href>{item.title.clone()}</a>
            <span class="badge">{state}</span>
            <a href=edit class="button-link">{lang.pick("Sửa", "Edit")}</a>
            {confirm_form}
            {take_down}
            {delete}
        </li>
    }
}

/// Officers: records they hid, each with "show again". Nothing for anyone else.
#[component]
pub fn HiddenListings() -> impl IntoView {
    let lang = use_lang();
    let show = ServerAction::<ModerateListing>::new();
    let data = Resource::new(|| (), |_| hidden_listings());
    view! {
        <FormStatus result=last_result(show) done=lang.pick("Đã hiển thị lại hồ sơ.", "The listing is shown again.")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(items) = data.await else { return ().into_any() };
                let rows = items.into_iter().map(|(kind, id, title)| view! {
                    <li class="mine-item">
                        <span class="card-kind">{kind.label(lang)}</span>
                        <span>{title}</span>
                        <ActionForm action=show attr:class="inline-form">
                            <input type="hidden" name="kind" value=kind.code()/>
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="hidden" value="false"/>
                            <button type="submit" class="button-link">{lang.pick("Hiển thị lại", "Show again")}</button>
                        </ActionForm>
                    </li>
                }).collect_view();
                view! {
                    <section class="my-section" id="hidden">
                        <h2>{lang.pick("Hồ sơ đã bị ẩn", "Hidden listings")}</h2>
                        <ul class="mine">{rows}</ul>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Links to the forms for new records this person may fill in.
#[component]
pub fn NewLinks() -> impl IntoView {
    let lang = use_lang();
    let viewer = crate::accounts::pages::use_viewer();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(user) = viewer.await.ok().and_then(|v| v.user) else { return ().into_any() };
                let links = Kind::ALL
                    .iter()
                    .filter(|k| super::rules::may_create(&user, **k))
                    .map(|k| view! { <li><a href=format!("{}/new", k.path())>{new_heading(*k, lang)}</a></li> })
                    .collect_view();
                view! { <nav class="new-links" aria-label=lang.pick("Tạo mới", "Create")><ul>{links}</ul></nav> }.into_any()
            })}
        </Suspense>
    }
}
