//! The language switch: a link to `/lang/{code}?next=…`. Once hydrated, it does not leave a
//! half-filled form behind: when the person has typed or chosen something in one of the page's
//! forms, the switch posts that form to the same address instead, and the page comes back in
//! the other language with what was typed (`forms::kept::carry`). Without script it stays a link.

use leptos::prelude::*;

/// The attribute a form gets once someone types or chooses in it.
const CHANGED: &str = "data-changed";

/// The switch to the language `code`, at `href` (`/lang/{code}?next=…`), reading `label`.
#[island]
pub fn LangSwitch(href: String, code: String, label: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::input, mark_changed);
        on_cleanup(move || listener.remove());
    }
    let target = href.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // A new tab or window keeps the form where it is.
        let plain = ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if plain && carry_changed_form(&target) {
            ev.prevent_default();
        }
    };
    view! {
        <a class="lang-switch" href=href rel="external" hreflang=code.clone() lang=code on:click=on_click>{label}</a>
    }
}

/// Marks the form (one that posts) that the typing or choosing `ev` happened in.
#[cfg(feature = "hydrate")]
fn mark_changed(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let control = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok());
    if let Some(form) = control.and_then(|c| c.closest("form[method=post]").ok().flatten()) {
        let _ = form.set_attribute(CHANGED, "");
    }
}

/// Posts the page's changed form (not a file upload) to the switch at `href`; whether it did.
fn carry_changed_form(href: &str) -> bool {
    use leptos::wasm_bindgen::JsCast;
    let selector = format!("form[{CHANGED}]:not([enctype='multipart/form-data'])");
    let changed = document().query_selector(&selector).ok().flatten();
    let Some(form) = changed.and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok()) else {
        return false;
    };
    let Some(action) = form.get_attribute("action").filter(|a| a.starts_with("/fn/")) else { return false };
    let _ = form.set_attribute("action", &format!("{href}&form={}", crate::text::url_encode(&action)));
    // The browser reads the address when the form is submitted: the form keeps its own after.
    let sent = form.submit().is_ok();
    let _ = form.set_attribute("action", &action);
    sent
}
