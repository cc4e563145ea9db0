//! The account page's security part: change the password, see where the account is signed in
//! and end those sessions.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::model::{SessionView, MIN_PASSWORD};
use super::security_api::{my_sessions, ChangePassword, EndSession};
use crate::forms::{invalid, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;

/// Both parts, under a heading.
#[component]
pub fn AccountSecurity() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="account-security" id="security">
            <h2>{lang.pick("Bảo mật", "Security")}</h2>
            <ChangePasswordForm/>
            <Sessions/>
        </section>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let result = crate::forms::last_result(action);
    let done = lang.pick(
        "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.",
        "Password changed. Every other session has ended.",
    );
    view! {
        <h3>{lang.pick("Đổi mật khẩu", "Change password")}</h3>
        <FormStatus result done/>
        <ActionForm action attr:class="stack-form">
            <ComeBackTo id="security"/>
            <label for="current_password">{lang.pick("Mật khẩu hiện tại", "Current password")}</label>
            <input id="current_password" name="current_password" type="password" autocomplete="current-password" required maxlength="200" aria-invalid=invalid(result, "current_password") aria-describedby="current_password-error"/>
            <FieldMessage result field="current_password"/>
            <label for="new_password">{lang.pick("Mật khẩu mới", "New password")}</label>
            <input id="new_password" name="password" type="password" autocomplete="new-password" required minlength=MIN_PASSWORD.to_string() maxlength="200" aria-invalid=invalid(result, "password") aria-describedby="password-error"/>
            <p class="hint">{lang.pick(format!("Ít nhất {MIN_PASSWORD} ký tự."), format!("At least {MIN_PASSWORD} characters."))}</p>
            <FieldMessage result field="password"/>
            <button type="submit">{lang.pick("Đổi mật khẩu", "Change password")}</button>
        </ActionForm>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let lang = use_lang();
    let sessions = Resource::new(|| (), |_| my_sessions());
    let action = ServerAction::<EndSession>::new();
    let result = crate::forms::last_result(action);
    view! {
        <h3>{lang.pick("Nơi đang đăng nhập", "Where you are signed in")}</h3>
        <FormStatus result/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = sessions.await.unwrap_or_default();
                let others = list.iter().any(|s| !s.current);
                let items = list.into_iter().map(|s| view! { <SessionItem session=s action/> }).collect_view();
                view! {
                    <ul class="sessions">{items}</ul>
                    {others.then(|| view! {
                        <ActionForm action attr:class="inline-form">
                            <input type="hidden" name="id" value="others"/>
                            <ComeBackTo id="security"/>
                            <button type="submit" class="button-link">{lang.pick("Đăng xuất ở mọi nơi khác", "Sign out everywhere else")}</button>
                        </ActionForm>
                    })}
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionItem(session: SessionView, action: ServerAction<EndSession>) -> impl IntoView {
    let lang = use_lang();
    let since = lang.moment(&session.created_at);
    let browser = session
        .agent
        .as_deref()
        .map(super::model::browser_name)
        .unwrap_or_else(|| lang.pick("Trình duyệt không rõ", "Unknown browser").to_string());
    let place = session.address.clone().map(|a| format!(" · {a}")).unwrap_or_default();
    let end = (!session.current).then(|| {
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="id" value=session.id.clone()/>
                <ComeBackTo id="security"/>
                <button type="submit" class="button-link">{lang.pick("Kết thúc", "End")}</button>
            </ActionForm>
        }
    });
    let current =
        session.current.then(|| view! { <strong>{lang.pick(" (trình duyệt này)", " (this browser)")}</strong> });
    view! {
        <li>
            <span class="session-browser">{browser}</span>{current}
            <br/><span class="hint">{lang.pick("Từ ", "Since ")}{since}{place}</span>
            {end}
        </li>
    }
}
