//! How far a large file has gone: a form marked `data-progress` (the import page's) is sent by
//! the browser's script instead, so that the page can show the share sent, then that the portal
//! is checking it; the browser then goes where the form would have gone (the verdicts, or the
//! form with why it was refused). Without script, or when the request cannot be made, the form
//! posts as any form does.

use leptos::prelude::*;

/// The attribute that asks for progress on a form that sends a file.
pub const WITH_PROGRESS: &str = "data-progress";

/// Where a file being sent is (only the browser's script moves it on).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Sending {
    Idle,
    /// Sent so far, from 0 to 1.
    Sent(f64),
    /// Sent whole: the portal is reading it.
    Checking,
}

/// Progress of the page's form marked `data-progress`: `sending` ("Sending…") and `checking`
/// ("Checking…") in the page's language.
#[island]
pub fn UploadProgress(sending: String, checking: String) -> impl IntoView {
    let (state, set_state) = signal(Sending::Idle);
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::submit, move |ev| send(ev, set_state));
        on_cleanup(move || listener.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_state;
    let value = move || match state.get() {
        Sending::Sent(share) => Some(format!("{:.0}", share * 100.0)),
        _ => None,
    };
    let said = move || match state.get() {
        Sending::Idle => String::new(),
        Sending::Sent(share) => format!("{sending} {:.0}%", share * 100.0),
        Sending::Checking => checking.clone(),
    };
    view! {
        <div class="upload-progress" role="status" aria-live="polite" hidden=move || state.get() == Sending::Idle>
            <progress max="100" value=value></progress>
            <span>{said}</span>
        </div>
    }
}

/// Sends the submitted form, if it asks for progress, by script: the share sent as it goes,
/// then the page the answer leads to.
#[cfg(feature = "hydrate")]
fn send(ev: leptos::ev::SubmitEvent, set_state: WriteSignal<Sending>) {
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};
    let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
    if !form.has_attribute(WITH_PROGRESS) {
        return;
    }
    let (Ok(data), Ok(request)) = (FormData::new_with_form(&form), XmlHttpRequest::new()) else { return };
    let Ok(upload) = request.upload() else { return };
    if request.open("POST", &form.action()).is_err() {
        return;
    }
    ev.prevent_default();
    if let Some(button) = form.query_selector("button[type=submit]").ok().flatten() {
        let _ = button.set_attribute("disabled", "");
    }
    set_state.set(Sending::Sent(0.0));
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            set_state.set(Sending::Sent((e.loaded() / e.total()).min(1.0)));
        }
    });
    let on_sent = Closure::<dyn FnMut()>::new(move || set_state.set(Sending::Checking));
    let answered = request.clone();
    let posted = form.clone();
    let on_answer = Closure::<dyn FnMut()>::new(move || {
        // A page of this site that the form's redirect led to: go there, as a form would.
        // Anything else (a proxy's 413 or 502, an error page) is met as the form would meet it.
        let origin = window().location().origin().unwrap_or_default();
        let page = answered.response_url();
        let followed = page.starts_with(&format!("{origin}/")) && page != posted.action();
        if answered.status() == Ok(200) && followed {
            let _ = window().location().assign(&page);
        } else {
            let _ = posted.submit();
        }
    });
    // The request could not be made (the connection dropped): the form posts itself.
    let failed = form.clone();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        let _ = failed.submit();
    });
    upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    upload.set_onload(Some(on_sent.as_ref().unchecked_ref()));
    request.set_onload(Some(on_answer.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Each lives as long as the request, which ends with the page.
    on_progress.forget();
    on_sent.forget();
    on_answer.forget();
    on_error.forget();
    if request.send_with_opt_form_data(Some(&data)).is_err() {
        let _ = form.submit();
    }
}
