//! On the account page: the person's name, as members, partners and officers see it, changed.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::ChangeName;
use crate::forms::{invalid, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;

/// A folded form that renames the signed-in person (`name`: as it is now).
#[component]
pub fn RenameForm(name: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangeName>::new();
    let result = crate::forms::last_result(action);
    // A refused name comes back as typed (without script); otherwise the name as it is.
    let value = typed::<ChangeName>().or("name", name);
    let done = lang.pick("Đã đổi họ tên.", "Your name was changed.");
    view! {
        <details class="rename" id="rename" open=move || result.with(|r| r.is_some())>
            <summary>{lang.pick("Sửa họ tên", "Change your name")}</summary>
            <FormStatus result done/>
            <ActionForm action attr:class="stack-form">
                <ComeBackTo id="rename"/>
                <label for="rename-name">{lang.pick("Họ tên", "Name")}</label>
                <input id="rename-name" name="name" type="text" autocomplete="name" required maxlength="120"
                    value=value aria-invalid=invalid(result, "name") aria-describedby="name-error"/>
                <FieldMessage result field="name"/>
                <button type="submit">{lang.pick("Lưu họ tên", "Save the name")}</button>
            </ActionForm>
        </details>
    }
}
