//! The pages of service requests: asking for a service (`/requests/new`), one request with
//! its quote, its history and what either side may do next (`/requests/{id}`), and the list on
//! "my" page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{
    get_service_request, my_service_requests, service_request_label, service_request_setup, RequestService,
};
use super::model::{Label, RequestItem, RequestSetup, Side};
use crate::forms::{invalid, last_result, typed, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::lab_orders::list::{OrderLine, OrdersSection};
use crate::loading::{path_id, Loaded};

/// `/requests/new?lab=…&service=N`: what the service is, and the form asking for it.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let asked = move || {
        query.with(|q| (q.get("lab").unwrap_or_default(), q.get("service").and_then(|s| s.parse().ok()).unwrap_or(0)))
    };
    let data = Resource::new(asked, |(lab, service)| service_request_setup(lab, service));
    view! {
        <Title text=lang.pick("Yêu cầu dịch vụ", "Request a service")/>
        <Loaded data show=|setup| view! { <RequestForm setup/> }/>
    }
}

#[component]
fn RequestForm(setup: RequestSetup) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestService>::new();
    let result = last_result(action);
    let typed = typed::<RequestService>();
    let lab_href = format!("/labs/{}", setup.lab_id);
    let service = setup.index.to_string();
    let organization = setup.organization.clone().map(|o| {
        view! { <p>{lang.pick("Yêu cầu cho: ", "Requested for: ")}<strong>{o}</strong></p> }
    });
    let form = match setup.refusal.clone() {
        Some(refusal) => view! { <p class="form-error" role="alert">{refusal}</p> }.into_any(),
        None => view! {
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="lab" value=setup.lab_id.clone()/>
                <input type="hidden" name="service" value=service/>
                <input type="hidden" name="name" value=setup.service.clone()/>
                <label for="samples">{lang.pick("Số mẫu *", "Number of samples *")}</label>
                <input id="samples" name="samples" type="number" inputmode="numeric" min="1" max="10000" required value=typed.or("samples", "1") aria-invalid=invalid(result, "samples") aria-describedby="samples-error"/>
                <FieldMessage result field="samples"/>
                <label for="wanted_by">{lang.pick("Mong có kết quả trước ngày", "Results wanted by")}</label>
                <input id="wanted_by" name="wanted_by" type="date" value=typed.or("wanted_by", "") aria-invalid=invalid(result, "wanted_by") aria-describedby="wanted_by-error"/>
                <FieldMessage result field="wanted_by"/>
                <label for="notes">{lang.pick("Ghi chú cho phòng thí nghiệm", "Notes for the lab")}</label>
                <textarea id="notes" name="notes" rows="4" maxlength="2000" placeholder=lang.pick("Loại mẫu, cách bảo quản, chỉ tiêu cần đo…", "Kind of sample, how it is kept, what to measure…") aria-invalid=invalid(result, "notes") aria-describedby="notes-error">{typed.or("notes", "")}</textarea>
                <FieldMessage result field="notes"/>
                <button type="submit">{lang.pick("Gửi yêu cầu báo giá", "Ask for a quote")}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <nav class="breadcrumb" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href="/labs">{lang.pick("Phòng thí nghiệm", "Labs")}</a>" › "<a href=lab_href>{setup.lab_title.clone()}</a>
        </nav>
        <section class="form-page">
            <h1>{lang.pick("Yêu cầu báo giá dịch vụ", "Ask for a quote")}</h1>
            <p class="lead">{setup.line.clone()}</p>
            <p class="hint">{lang.pick(
                "Phòng thí nghiệm gửi báo giá (các khoản, tổng tiền, hạn hiệu lực) hoặc trả lời vì sao chưa nhận. Bạn chấp nhận báo giá rồi mới gửi mẫu; mọi bước đều có trong Hộp thư của bạn.",
                "The lab sends a quote (items, total, valid until) or says why it cannot take the work. You accept the quote before sending samples; every step reaches your inbox.",
            )}</p>
            {organization}
            {form}
        </section>
    }
}

/// `/requests/{id}`: one request, for either side.
#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(path_id(), get_service_request);
    view! {
        <Title text=lang.pick("Yêu cầu dịch vụ", "Service request")/>
        <Loaded data show=|request| view! { <super::request_view::RequestView request/> }/>
    }
}

/// `/requests/{id}/label`: the label to print and stick on the samples' parcel.
#[component]
pub fn LabelPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(path_id(), service_request_label);
    view! {
        <Title text=lang.pick("Nhãn gửi mẫu", "Parcel label")/>
        <Loaded data show=|label| view! { <LabelView label/> }/>
    }
}

#[component]
fn LabelView(label: Label) -> impl IntoView {
    let lang = use_lang();
    let back = format!("/requests/{}", label.id);
    view! {
        <nav class="breadcrumb no-print" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href=back>{lang.pick("Yêu cầu dịch vụ", "Service request")}</a>" › "{lang.pick("Nhãn gửi mẫu", "Parcel label")}
        </nav>
        <p class="hint no-print">{lang.pick(
            "In trang này (lệnh In của trình duyệt) và dán nhãn lên kiện mẫu. Mã QR mở trang yêu cầu cho phòng thí nghiệm.",
            "Print this page (the browser's Print) and stick the label on the parcel. The QR code opens the request's page for the lab.",
        )}</p>
        <article class="parcel-label">
            <h1>{label.tracking.clone()}</h1>
            <div class="qr" role="img" aria-label=lang.pick("Mã QR của yêu cầu", "QR code of the request") inner_html=label.svg.clone()></div>
            <dl>
                <dt>{lang.pick("Gửi tới", "To")}</dt><dd>{label.lab_title.clone()}</dd>
                <dt>{lang.pick("Dịch vụ", "Service")}</dt><dd>{label.service.clone()}</dd>
                <dt>{lang.pick("Số mẫu", "Samples")}</dt><dd>{label.samples}</dd>
                <dt>{lang.pick("Người gửi", "From")}</dt><dd>{label.sender.clone()}</dd>
            </dl>
        </article>
    }
}

/// On "my" page: the requests I made and those to the labs I manage.
#[component]
pub fn MyServiceRequests() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| my_service_requests());
    let show = move |items: Vec<RequestItem>| {
        let lines = items
            .into_iter()
            .map(|item| {
                let side = match item.side {
                    Side::Customer => lang.pick("Bạn yêu cầu", "You asked"),
                    Side::Lab => lang.pick("Gửi tới phòng của bạn", "To your lab"),
                };
                OrderLine {
                    href: format!("/requests/{}", item.id),
                    what: item.service,
                    hint: format!("{side} · {} · {}", item.other_side, lang.day(&item.created_at)),
                    status: item.status.label(lang),
                }
            })
            .collect();
        let title = lang.pick("Yêu cầu dịch vụ phòng thí nghiệm", "Lab service requests");
        view! { <OrdersSection id="service-requests" title lines/> }
    };
    view! { <Loaded data show/> }
}
