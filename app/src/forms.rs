//! What every form shares: the message next to a field, and the message above the form.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_lang;

/// The message for `field` in the result of the last submission, if it failed there.
pub fn field_message<T>(result: &Option<Result<T, AppError>>, field: &str) -> Option<String> {
    match result {
        Some(Err(AppError::Validation(errors))) => {
            let messages: Vec<_> = errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect();
            (!messages.is_empty()).then(|| messages.join(" "))
        }
        _ => None,
    }
}

/// The result of an action's last submission, as the form helpers read it.
pub fn last_result<A, T>(action: ServerAction<A>) -> Signal<Option<Result<T, AppError>>>
where
    A: server_fn::ServerFn<Output = T, Error = AppError> + Send + Sync + Clone + 'static,
    T: Send + Sync + Clone + 'static,
    A::Output: Send + Sync,
{
    Signal::derive(move || action.value().get())
}

/// Once `action` succeeds, loads the page again: the page is rendered on the server, so this is
/// how everything on it (not only the island that acted) shows the change.
pub fn reload_on_success<A, T>(action: ServerAction<A>)
where
    A: server_fn::ServerFn<Output = T, Error = AppError> + Send + Sync + Clone + 'static,
    T: Send + Sync + Clone + 'static,
    A::Output: Send + Sync,
{
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            #[cfg(feature = "hydrate")]
            let _ = leptos::prelude::window().location().reload();
        }
    });
}

/// The error next to a field, linked to it by `id` (`{field}-error`) for screen readers.
#[component]
pub fn FieldMessage<T: Send + Sync + Clone + 'static>(
    /// The result of the form's last submission.
    result: Signal<Option<Result<T, AppError>>>,
    /// The field's name.
    field: &'static str,
) -> impl IntoView {
    let message = move || result.with(|r| field_message(r, field));
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" id=format!("{field}-error") role="alert">{message}</p>
        </Show>
    }
}

/// Above a form: what went wrong that is not about one field, or `done` once it succeeded.
#[component]
pub fn FormStatus<T: Send + Sync + Clone + 'static>(
    /// The result of the form's last submission.
    result: Signal<Option<Result<T, AppError>>>,
    /// What to say once the submission succeeded (nothing when empty).
    #[prop(optional)]
    done: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    // One shape for every message (a paragraph, maybe starting with a link): the browser
    // bundle then carries one view type instead of one per case.
    move || {
        let error = |text: String| Some(("form-error", "alert", None, text));
        let message = result.with(|r| match r {
            Some(Err(AppError::Validation(_))) => error(lang.pick("Hãy sửa các ô được đánh dấu bên dưới.", "Please correct the fields marked below.").to_string()),
            Some(Err(AppError::Unauthorized)) => Some((
                "form-error",
                "alert",
                Some(lang.pick("Hãy đăng nhập", "Please sign in")),
                lang.pick(" để làm việc này.", " to do this.").to_string(),
            )),
            Some(Err(AppError::Forbidden)) => error(lang.pick("Tài khoản của bạn không có quyền làm việc này.", "Your account may not do this.").to_string()),
            Some(Err(AppError::Internal)) => error(lang.pick("Có lỗi phía máy chủ; hãy thử lại.", "Something went wrong on our side; please try again.").to_string()),
            Some(Err(AppError::BadRequest(message) | AppError::Conflict(message))) => error(message.clone()),
            Some(Err(err)) => error(err.to_string()),
            Some(Ok(_)) if !done.is_empty() => Some(("form-done", "status", None, done.to_string())),
            _ => None,
        });
        message.map(|(class, role, link, text)| {
            view! { <p class=class role=role>{link.map(|l| view! { <a href="/signin">{l}</a> })}{text}</p> }
        })
    }
}
