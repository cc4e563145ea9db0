//! `/admin`: people and their roles, the audit log, and the outbox.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{list_users, read_audit_log, read_outbox, AssignUser};
use super::model::{Role, User};
use crate::error::AppError;
use crate::forms::{last_result, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("Quản trị", "Administration")/>
        <h1>{lang.pick("Quản trị", "Administration")}</h1>
        <Administration/>
    }
}

/// People with their roles, the audit log and the outbox.
#[component]
fn Administration() -> impl IntoView {
    let lang = use_lang();
    let assign = ServerAction::<AssignUser>::new();
    let users = Resource::new(|| (), |_| list_users());
    let log = Resource::new(|| (), |_| read_audit_log());
    let outbox = Resource::new(|| (), |_| read_outbox());
    view! {
        <FormStatus result=last_result(assign)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(users) => {
                        let rows = users.into_iter().map(|user| view! { <UserRow user assign/> }).collect_view();
                        view! {
                            <section class="my-section"><h2>{lang.pick("Người dùng", "People")}</h2><ul class="activity">{rows}</ul></section>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <crate::notices::SignInFirst/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let rows = log.await.unwrap_or_default().into_iter().map(|e| view! {
                    <tr><td>{e.at}</td><td>{e.email.unwrap_or_default()}</td><td>{e.action}</td><td>{e.target}</td><td>{e.detail}</td></tr>
                }).collect_view();
                view! {
                    <section class="my-section">
                        <h2>{lang.pick("Nhật ký thao tác", "Audit log")}</h2>
                        <div class="table-wrap"><table><tbody>{rows}</tbody></table></div>
                    </section>
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let rows = outbox.await.unwrap_or_default().into_iter().map(|m| view! {
                    <li class="activity-item"><p><strong>{m.recipient}</strong>" · "{m.subject}" · "{m.created_at}</p><pre>{m.body}</pre></li>
                }).collect_view();
                view! { <section class="my-section"><h2>{lang.pick("Thư đi", "Outbox")}</h2><ul class="activity">{rows}</ul></section> }
            })}
        </Suspense>
    }
}

#[component]
fn UserRow(user: User, assign: ServerAction<AssignUser>) -> impl IntoView {
    let lang = use_lang();
    let id = user.id.to_string();
    let boxes = Role::ALL
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let checked = user.has(*role);
            view! { <label class="check"><input type="checkbox" name=format!("roles[{i}]") value=role.code() checked=checked/>" "{role.label(lang)}</label> }
        })
        .collect_view();
    view! {
        <li class="activity-item">
            <p><strong>{user.name.clone()}</strong>" · "{user.email.clone()}</p>
            <ActionForm action=assign attr:class="answer-form">
                <input type="hidden" name="user_id" value=id.clone()/>
                {boxes}
                <label for=format!("org-{id}")>{lang.pick("Tổ chức (mã)", "Organization (id)")}</label>
                <input id=format!("org-{id}") name="organization" value=user.organization.clone().unwrap_or_default() maxlength="80"/>
                <button type="submit">{lang.pick("Lưu", "Save")}</button>
            </ActionForm>
        </li>
    }
}
