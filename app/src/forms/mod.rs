//! What every form shares: the message next to a field, the message above the form, and what
//! the person typed when the server refused it. Forms are plain HTML forms rendered on the
//! server (no browser code): see `kept` for how a refused form comes back.

use leptos::prelude::*;

/// Declares that the forms of these server functions show typed values again:
/// `keeps_typed!(SignIn, SignUp);` beside their `#[server]` functions. Defined outside `kept`
/// (server only) so that the declarations compile in the browser build too, where they are empty.
#[macro_export]
macro_rules! keeps_typed {
    ($($function:ty),+ $(,)?) => {
        $(
            #[cfg(feature = "ssr")]
            inventory::submit! { $crate::forms::kept::KeepsTyped(<$function as server_fn::ServerFn>::PATH) }
        )+
    };
}

pub mod checks;
#[cfg(feature = "ssr")]
pub mod kept;
pub mod progress;

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

/// The result of the last submission of the form posting to `A`, as the form helpers read it:
/// its error when the page came back refused, `Ok` when it came back done (see `kept`).
pub fn last_result<A>(action: ServerAction<A>) -> Signal<Option<Result<(), AppError>>>
where
    A: server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    A::Output: Send + Sync + Clone + 'static,
{
    #[cfg(feature = "ssr")]
    {
        // Not the action's value: on the server that is whatever `__err` the address carries.
        let _ = action;
        let result = came_back::<A>().filter(|kept| !kept.carried).map(|kept| match kept.error {
            Some(error) => Err(server_fn::error::ServerFnUrlError::<AppError>::decode_err(&error)),
            None => Ok(()),
        });
        Signal::stored(result)
    }
    #[cfg(not(feature = "ssr"))]
    Signal::derive(move || action.value().get().map(|result| result.map(|_| ())))
}

/// `last_result` for a form that posts to `path` outside server functions (`kept::come_back`),
/// with what it kept (the item posted).
pub fn last_result_at(path: &str) -> (Option<Result<(), AppError>>, Typed) {
    #[cfg(feature = "ssr")]
    if let Some(kept) = came_back_to(path).filter(|kept| !kept.carried) {
        let result = match kept.error {
            Some(error) => Err(server_fn::error::ServerFnUrlError::<AppError>::decode_err(&error)),
            None => Ok(()),
        };
        return (Some(result), Typed(kept.pairs));
    }
    let _ = path;
    (None, Typed::default())
}

/// What the person typed into the form posting to `A`, when the page came back from it,
/// refused or done, or across the language switch (see `kept`); nothing otherwise. Passwords are never kept.
pub fn typed<A: server_fn::ServerFn>() -> Typed {
    #[cfg(feature = "ssr")]
    if let Some(kept) = came_back::<A>() {
        return Typed(kept.pairs);
    }
    Typed::default()
}

/// What was kept of the form posting to `A` that this page came back from.
#[cfg(feature = "ssr")]
fn came_back<A: server_fn::ServerFn>() -> Option<kept::Kept> {
    came_back_to(A::PATH)
}

/// What was kept of the form posting to `path` that this page came back from.
#[cfg(feature = "ssr")]
fn came_back_to(path: &str) -> Option<kept::Kept> {
    let query = crate::notices::current_query();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&query).unwrap_or_default();
    let mark = |name: &str| pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let carried = mark("__typed") == Some(path);
    if !carried && mark("__path") != Some(path) && mark("__done") != Some(path) {
        return None;
    }
    let state = use_context::<crate::state::AppState>()?;
    let owner = kept::owner_of(&state.site, &crate::accounts::session::request_headers())?;
    let kept = state.kept.get(mark("__kept")?, &owner, path)?;
    Some(if carried { kept::Kept { error: None, carried, ..kept } } else { kept })
}

/// Fields as a form posted them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed(pub Vec<(String, String)>);

impl Typed {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of the field `name`, else `default`.
    pub fn or(&self, name: &str, default: impl Into<String>) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_else(|| default.into())
    }
}

/// A page with one form of the same action per item (answer this application, reopen that
/// one, remove this file): what the last submission came back with, only where it was about
/// this item (the form's `id` field).
pub struct ItemResult {
    pub result: Signal<Option<Result<(), AppError>>>,
    /// The last submission was about this item.
    pub mine: bool,
    typed: Typed,
}

impl ItemResult {
    /// What was typed into `name`, if the last submission was about this item.
    pub fn typed(&self, name: &str) -> String {
        if self.mine {
            self.typed.or(name, "")
        } else {
            String::new()
        }
    }
}

/// The `ItemResult` of `action`'s form for item `id`.
pub fn result_for<A>(action: ServerAction<A>, id: &str) -> ItemResult
where
    A: server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    A::Output: Send + Sync + Clone + 'static,
{
    let typed = typed::<A>();
    let mine = typed.or("id", "") == id;
    let result = last_result(action);
    ItemResult { result: Signal::derive(move || result.get().filter(|_| mine)), mine, typed }
}

/// Inside a form: once it has posted, the page comes back scrolled to the element `id` (where
/// its messages are) instead of the top.
#[component]
pub fn ComeBackTo(#[prop(into)] id: String) -> impl IntoView {
    view! { <input type="hidden" name="__at" value=id/> }
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

/// `aria-invalid` for `field`'s control: "true" while the last submission refused it (the
/// style marks such a control, and screen readers announce it).
pub fn invalid<T: Send + Sync + Clone + 'static>(
    result: Signal<Option<Result<T, AppError>>>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Clone + 'static {
    move || result.with(|r| field_message(r, field).map(|_| "true"))
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
            Some(Err(AppError::Validation(_))) => error(
                lang.pick("Hãy sửa các ô được đánh dấu bên dưới.", "Please correct the fields marked below.")
                    .to_string(),
            ),
            Some(Err(AppError::Unauthorized)) => Some((
                "form-error",
                "alert",
                Some(lang.pick("Hãy đăng nhập", "Please sign in")),
                lang.pick(" để làm việc này.", " to do this.").to_string(),
            )),
            Some(Err(AppError::Forbidden)) => error(
                lang.pick("Tài khoản của bạn không có quyền làm việc này.", "Your account may not do this.")
                    .to_string(),
            ),
            Some(Err(AppError::Internal)) => error(
                lang.pick("Có lỗi phía máy chủ; hãy thử lại.", "Something went wrong on our side; please try again.")
                    .to_string(),
            ),
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
