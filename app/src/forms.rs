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
    move || {
        result.with(|r| match r {
            Some(Err(AppError::Validation(_))) => Some(
                view! { <p class="form-error" role="alert">{lang.pick("Hãy sửa các ô được đánh dấu bên dưới.", "Please correct the fields marked below.")}</p> }.into_any(),
            ),
            Some(Err(AppError::Unauthorized)) => Some(
                view! { <p class="form-error" role="alert"><a href="/signin">{lang.pick("Hãy đăng nhập", "Please sign in")}</a>{lang.pick(" để làm việc này.", " to do this.")}</p> }.into_any(),
            ),
            Some(Err(AppError::Forbidden)) => Some(
                view! { <p class="form-error" role="alert">{lang.pick("Tài khoản của bạn không có quyền làm việc này.", "Your account may not do this.")}</p> }.into_any(),
            ),
            Some(Err(AppError::Internal)) => Some(
                view! { <p class="form-error" role="alert">{lang.pick("Có lỗi phía máy chủ; hãy thử lại.", "Something went wrong on our side; please try again.")}</p> }.into_any(),
            ),
            Some(Err(AppError::BadRequest(message) | AppError::Conflict(message))) => {
                Some(view! { <p class="form-error" role="alert">{message.clone()}</p> }.into_any())
            }
            Some(Err(err)) => Some(view! { <p class="form-error" role="alert">{err.to_string()}</p> }.into_any()),
            Some(Ok(_)) if !done.is_empty() => Some(view! { <p class="form-done" role="status">{done}</p> }.into_any()),
            _ => None,
        })
    }
}
