//! On "my" page, a list of lab orders of one kind (service requests, instrument bookings), each
//! with its page, whose side I am on and the other side, and where it stands.

use leptos::prelude::*;

/// One order as listed.
pub struct OrderLine {
    pub href: String,
    /// What was ordered (the service, the instrument).
    pub what: String,
    /// My side, the other side, and when.
    pub hint: String,
    pub status: &'static str,
}

/// The section `id` titled `title`; nothing when there are no orders.
#[component]
pub fn OrdersSection(id: &'static str, title: &'static str, lines: Vec<OrderLine>) -> impl IntoView {
    if lines.is_empty() {
        return ().into_any();
    }
    let rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <li class="activity-item">
                    <p><a href=line.href>{line.what}</a></p>
                    <p class="hint">{line.hint}</p>
                    <p><span class="badge">{line.status}</span></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="my-section" id=id>
            <h2>{title}</h2>
            <ul class="activity">{rows}</ul>
        </section>
    }
    .into_any()
}
