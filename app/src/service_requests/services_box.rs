//! On a lab's page: its priced services, each with the way to ask for a quote.

use leptos::prelude::*;

use crate::catalog::model::Text;
use crate::i18n::use_lang;
use crate::labs::LabService;

/// The lab's services with "ask for a quote" where the viewer may ask (`asks`: signed out, or
/// a business member or researcher, not of the lab) and someone answers (`managed`).
#[component]
pub fn ServicesBox(lab: String, services: Vec<LabService>, asks: bool, managed: bool) -> impl IntoView {
    let lang = use_lang();
    if services.is_empty() {
        return ().into_any();
    }
    let ask_here = asks && managed;
    let unmanaged = (asks && !managed).then(|| {
        view! {
            <p class="hint">{lang.pick(
                "Phòng thí nghiệm này chưa có người quản lý trên cổng nên chưa nhận yêu cầu báo giá trực tuyến: hãy dùng «Đề nghị giới thiệu» bên dưới.",
                "Nobody manages this lab on the portal yet, so it takes no quote requests here: use “Ask for an introduction” below.",
            )}</p>
        }
    });
    let items = services
        .iter()
        .enumerate()
        .map(|(n, service)| {
            let name = Text::new(&service.name, &service.name_en, &None).get(lang).to_string();
            let ask = ask_here.then(|| {
                let href = format!("/requests/new?lab={}&service={n}", crate::text::url_encode(&lab));
                let label = format!("{} {name}", lang.pick("Yêu cầu báo giá:", "Ask for a quote:"));
                view! { <a class="button" href=href aria-label=label>{lang.pick("Yêu cầu báo giá", "Ask for a quote")}</a> }
            });
            view! {
                <li class="activity-item">
                    <p><strong>{name}</strong></p>
                    <p class="hint">{service.brief(lang)}</p>
                    {ask}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="services" id="services">
            <h2>{lang.pick("Đặt dịch vụ của phòng", "Order this lab's services")}</h2>
            {unmanaged}
            <ul class="activity">{items}</ul>
        </section>
    }
    .into_any()
}
