//! A page's data: the number in its path, and the data once loaded, or what went wrong.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::AppError;
use crate::notices::ErrorNotice;

/// The `:id` of the page's path as a number (0, which is nobody's, when it is none).
pub fn path_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0))
}

/// `data` drawn by `show` once loaded; a refusal or a failure says what went wrong.
#[component]
pub fn Loaded<T, F, V>(data: Resource<Result<T, AppError>>, show: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => show(value).into_any(),
                        Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
