//! On a lab's page: its instruments open for booking, each with the way to its week.

use leptos::prelude::*;

use crate::catalog::model::Text;
use crate::i18n::use_lang;
use crate::labs::Instrument;

/// The lab's bookable instruments with "see free hours" where someone answers (`managed`).
#[component]
pub fn InstrumentsBox(lab: String, instruments: Vec<Instrument>, managed: bool) -> impl IntoView {
    let lang = use_lang();
    let bookable: Vec<(usize, &Instrument)> =
        instruments.iter().enumerate().filter(|(_, i)| i.open_for_booking()).collect();
    if !managed || bookable.is_empty() {
        return ().into_any();
    }
    let items = bookable
        .into_iter()
        .map(|(n, instrument)| {
            let name = Text::new(&instrument.name, &instrument.name_en, &None).get(lang).to_string();
            let href = format!("/bookings/new?lab={}&instrument={n}", crate::text::url_encode(&lab));
            let label = format!("{} {name}", lang.pick("Xem giờ trống và đặt lịch:", "See free hours and book:"));
            view! {
                <li class="activity-item">
                    <p><strong>{name}</strong></p>
                    <p class="hint">{instrument.line(lang)}</p>
                    <a class="button" href=href aria-label=label>{lang.pick("Xem giờ trống, đặt lịch", "See free hours, book")}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="services" id="instruments">
            <h2>{lang.pick("Đặt lịch thiết bị của phòng", "Book this lab's instruments")}</h2>
            <ul class="activity">{items}</ul>
        </section>
    }
    .into_any()
}
