//! Saving a search on the search page, and the saved searches on "my" page.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{my_searches, DeleteSearch, SaveSearch};
use crate::forms::{last_result, ComeBackTo, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;

/// "Notify me of new results" for the search on the page.
#[component]
pub fn SaveSearchButton() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveSearch>::new();
    let query = crate::notices::current_query();
    let done =
        lang.pick("Đã lưu. Hộp thư sẽ báo khi có kết quả mới.", "Saved. Your inbox will tell you about new results.");
    view! {
        <div class="save-search" id="save-search">
            <FormStatus result=last_result(action) done/>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="query" value=query/>
                <ComeBackTo id="save-search"/>
                <button type="submit" class="button-link">{lang.pick("Lưu tìm kiếm, báo khi có kết quả mới", "Save search and notify me of new results")}</button>
            </ActionForm>
        </div>
    }
}

/// My saved searches, each with a delete button.
#[component]
pub fn MySearches() -> impl IntoView {
    let lang = use_lang();
    let delete = ServerAction::<DeleteSearch>::new();
    let data = Resource::new(|| (), |_| my_searches());
    view! {
        <section class="my-section" id="saved-searches">
            <h2>{lang.pick("Tìm kiếm đã lưu", "Saved searches")}</h2>
            <FormStatus result=last_result(delete)/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty">{lang.pick("Chưa lưu tìm kiếm nào. Lưu từ trang Tìm kiếm để được báo khi có kết quả mới.", "No saved searches. Save one from the search page to hear about new results.")}</p>
                        }.into_any(),
                        Ok(items) => {
                            let rows = items.into_iter().map(|s| {
                                let label = s.label.clone();
                                view! {
                                    <li class="mine-item">
                                        <a href=s.href()>{label}</a>
                                        <ActionForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="id" value=s.id.to_string()/>
                                            <ComeBackTo id="saved-searches"/>
                                            <button type="submit" class="button-link">{lang.pick("Xóa", "Delete")}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view();
                            view! { <ul class="mine">{rows}</ul> }.into_any()
                        }
                        Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
