//! One service request on its page: what was asked, the quote, every step, and the forms of
//! whoever acts next (the lab quotes or declines; the business accepts or declines the quote).

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{AdvanceServiceRequest, AnswerQuote, DeclineServiceRequest, QuoteServiceRequest};
use super::model::{LabDecline, Quote, RequestStatus, ServiceRequest, Side, Step, QUOTE_LINES, RESULTS_PATH};
use crate::catalog::components::FieldList;
use crate::catalog::model::Fields;
use crate::forms::{invalid, last_result, last_result_at, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::{use_lang, Lang};

#[component]
pub fn RequestView(request: ServiceRequest) -> impl IntoView {
    let lang = use_lang();
    let lab_href = format!("/labs/{}", request.lab_id);
    let organization = request.organization.clone().map(|o| format!(" ({o})")).unwrap_or_default();
    let fields = Fields::default()
        .text(lang.pick("Người yêu cầu", "Requested by"), format!("{}{organization}", request.requester))
        .text(lang.pick("Ngày gửi", "Sent on"), lang.day(&request.created_at))
        .text(lang.pick("Số mẫu", "Samples"), request.samples.to_string())
        .text(lang.pick("Mong có kết quả trước", "Results wanted by"), request.wanted_by.map(|day| lang.date(day)))
        .long(lang.pick("Ghi chú", "Notes"), Some(request.notes.as_str()))
        .build();
    let quote = request.quote.clone().map(|q| view! { <QuoteTable quote=q expired=request.expired/> });
    let contacts = request.contacts.clone().map(|(customer, lab)| view! {
        <p class="contacts">
            {lang.pick("Liên hệ — khách hàng: ", "Contacts — customer: ")}<a href=format!("mailto:{customer}")>{customer.clone()}</a>
            {lang.pick(" · phòng thí nghiệm: ", " · lab: ")}<a href=format!("mailto:{lab}")>{lab.clone()}</a>
        </p>
    });
    let next = match request.side {
        Side::Lab if request.lab_answers() => {
            view! { <LabForms id=request.id quoted=request.quote.is_some()/> }.into_any()
        }
        Side::Customer if request.customer_answers() => {
            let quote = request.quote.as_ref().map(|q| q.id).unwrap_or_default();
            view! { <CustomerForm id=request.id quote expired=request.expired/> }.into_any()
        }
        Side::Lab => match request.lab_next() {
            Some(to) => view! { <AdvanceForm id=request.id to/> }.into_any(),
            None => ().into_any(),
        },
        _ => ().into_any(),
    };
    // Once agreed: the parcel's code and its label; once ready, how long the lab took.
    let tracking = request.tracking.clone().map(|code| {
        let label = format!("/requests/{}/label", request.id);
        view! {
            <p class="tracking">
                {lang.pick("Mã gửi mẫu: ", "Parcel code: ")}<strong>{code}</strong>" · "
                <a href=label>{lang.pick("In nhãn gửi mẫu (có mã QR)", "Print the parcel label (with QR code)")}</a>
            </p>
        }
    });
    let turnaround = request.turnaround_days.map(|days| {
        let said = match days {
            0 => {
                lang.pick("Có kết quả ngay trong ngày nhận mẫu.", "Results on the day the samples arrived.").to_string()
            }
            days => lang.pick(
                format!("Có kết quả sau {days} ngày kể từ khi nhận mẫu."),
                format!("Results {days} days after the samples arrived."),
            ),
        };
        view! { <p>{said}</p> }
    });
    let results = view! { <Results request=request.clone()/> };
    let steps = request.steps.iter().map(|s| view! { <StepItem step=s.clone()/> }).collect_view();
    view! {
        <nav class="breadcrumb" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href="/mine#service-requests">{lang.pick("Hồ sơ của tôi", "My listings")}</a>" › "{lang.pick("Yêu cầu dịch vụ", "Service request")}
        </nav>
        <article class="record service-request">
            <header class="record-head">
                <p class="card-kind">{lang.pick("Yêu cầu dịch vụ", "Service request")}</p>
                <h1>{request.service.clone()}</h1>
                <p><a href=lab_href>{request.lab_title.clone()}</a></p>
                <p><span class="badge">{request.status.label(lang)}</span></p>
            </header>
            <FieldList fields/>
            {tracking}
            {turnaround}
            {quote}
            {contacts}
        </article>
        {results}
        {next}
        <section class="history" id="history">
            <h2>{lang.pick("Các bước", "History")}</h2>
            <ol class="activity">{steps}</ol>
        </section>
    }
}

/// A quote's lines, total and validity.
#[component]
fn QuoteTable(quote: Quote, expired: bool) -> impl IntoView {
    let lang = use_lang();
    let money = move |n: i64| lang.money(n.max(0) as u64);
    let rows = quote
        .lines
        .iter()
        .map(|l| view! { <tr><td>{l.label.clone()}</td><td>{format!("{} × {}", l.quantity, money(l.unit_vnd))}</td><td>{money(l.amount())}</td></tr> })
        .collect_view();
    let validity = match expired {
        true => view! { <p class="form-error">{lang.pick("Báo giá đã hết hiệu lực ngày ", "The quote expired on ")}{lang.date(quote.valid_until)}</p> }.into_any(),
        false => view! { <p>{lang.pick("Hiệu lực đến hết ngày ", "Valid until ")}{lang.date(quote.valid_until)}</p> }.into_any(),
    };
    let conditions = (!quote.conditions.is_empty())
        .then(|| view! { <p class="hint">{lang.pick("Điều kiện: ", "Conditions: ")}{quote.conditions.clone()}</p> });
    view! {
        <section class="quote" id="quote">
            <h2>{lang.pick("Báo giá", "Quote")}</h2>
            // Focusable: on a narrow phone the table may scroll sideways.
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("Bảng báo giá", "Quote table")>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{lang.pick("Nội dung", "Item")}</th>
                        <th scope="col">{lang.pick("Số lượng × đơn giá", "Quantity × unit price")}</th>
                        <th scope="col">{lang.pick("Thành tiền", "Amount")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row" colspan="2">{lang.pick("Tổng cộng", "Total")}</th><td><strong>{money(quote.total_vnd)}</strong></td></tr></tfoot>
                </table>
            </div>
            {validity}
            {conditions}
        </section>
    }
}

/// The lab's forms: a quote (again, replacing the last while unanswered), or a decline.
#[component]
fn LabForms(id: i64, quoted: bool) -> impl IntoView {
    let lang = use_lang();
    let quote = ServerAction::<QuoteServiceRequest>::new();
    let decline = ServerAction::<DeclineServiceRequest>::new();
    let (quoted_result, declined) = (last_result(quote), last_result(decline));
    let typed = typed::<QuoteServiceRequest>();
    let lines = (0..QUOTE_LINES)
        .map(|n| {
            let key = |column: &str| format!("line[{column}.{n}]");
            let value = |column: &str| typed.or(&key(column), "");
            let label = lang.pick(format!("Dòng {}", n + 1), format!("Line {}", n + 1));
            view! {
                <fieldset class="quote-line">
                    <legend>{label}</legend>
                    <div>
                        <label for=format!("line-{n}-label")>{lang.pick("Nội dung", "Item")}</label>
                        <input id=format!("line-{n}-label") name=key("label") aria-describedby="line-error" maxlength="200" value=value("label")/>
                    </div>
                    <div>
                        <label for=format!("line-{n}-quantity")>{lang.pick("Số lượng", "Quantity")}</label>
                        <input id=format!("line-{n}-quantity") name=key("quantity") aria-describedby="line-error" inputmode="numeric" value=value("quantity")/>
                    </div>
                    <div>
                        <label for=format!("line-{n}-unit")>{lang.pick("Đơn giá (₫)", "Unit price (₫)")}</label>
                        <input id=format!("line-{n}-unit") name=key("unit") aria-describedby="line-error" inputmode="numeric" value=value("unit")/>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let reasons =
        LabDecline::ALL.iter().map(|r| view! { <option value=r.code()>{r.label(lang)}</option> }).collect_view();
    let heading = match quoted {
        true => lang.pick("Gửi báo giá mới (thay báo giá trên)", "Send a new quote (replaces the one above)"),
        false => lang.pick("Gửi báo giá", "Send a quote"),
    };
    view! {
        <section class="answer" id="answer">
            <h2>{heading}</h2>
            <FormStatus result=quoted_result done=lang.pick("Đã gửi báo giá.", "Quote sent.")/>
            <ActionForm action=quote attr:class="stack-form">
                <input type="hidden" name="id" value=id/>
                <ComeBackTo id="answer"/>
                <FieldMessage result=quoted_result field="line"/>
                {lines}
                <label for="valid_until">{lang.pick("Hiệu lực đến ngày *", "Valid until *")}</label>
                <input id="valid_until" name="valid_until" type="date" required value=typed.or("valid_until", "") aria-invalid=invalid(quoted_result, "valid_until") aria-describedby="valid_until-error"/>
                <FieldMessage result=quoted_result field="valid_until"/>
                <label for="conditions">{lang.pick("Điều kiện (cách gửi mẫu, thanh toán…)", "Conditions (how to send samples, payment…)")}</label>
                <textarea id="conditions" name="conditions" rows="3" maxlength="2000" aria-invalid=invalid(quoted_result, "conditions") aria-describedby="conditions-error">{typed.or("conditions", "")}</textarea>
                <FieldMessage result=quoted_result field="conditions"/>
                <button type="submit">{lang.pick("Gửi báo giá", "Send quote")}</button>
            </ActionForm>
            <h2>{lang.pick("Hoặc từ chối", "Or decline")}</h2>
            <FormStatus result=declined/>
            <ActionForm action=decline attr:class="stack-form">
                <input type="hidden" name="id" value=id/>
                <ComeBackTo id="answer"/>
                <label for="reason">{lang.pick("Lý do *", "Reason *")}</label>
                <select id="reason" name="reason" required aria-invalid=invalid(declined, "reason") aria-describedby="reason-error">
                    <option value="">"—"</option>{reasons}
                </select>
                <FieldMessage result=declined field="reason"/>
                <label for="decline-note">{lang.pick("Giải thích (bắt buộc với «Lý do khác»)", "Explanation (required for “Other”)")}</label>
                <input id="decline-note" name="note" maxlength="2000" aria-invalid=invalid(declined, "note") aria-describedby="note-error"/>
                <FieldMessage result=declined field="note"/>
                <button type="submit" class="button-link">{lang.pick("Từ chối yêu cầu", "Decline the request")}</button>
            </ActionForm>
        </section>
    }
}

/// The business's answer to a quote: accept (while valid) or decline.
#[component]
fn CustomerForm(id: i64, quote: i64, expired: bool) -> impl IntoView {
    let lang = use_lang();
    let answer = ServerAction::<AnswerQuote>::new();
    let result = last_result(answer);
    let accept = match expired {
        true => view! { <p class="hint">{lang.pick("Báo giá đã hết hiệu lực nên không thể chấp nhận; phòng thí nghiệm có thể gửi báo giá mới.", "The quote has expired and cannot be accepted; the lab may send a new one.")}</p> }.into_any(),
        false => view! { <button type="submit" name="answer" value="accept">{lang.pick("Chấp nhận báo giá", "Accept the quote")}</button> }.into_any(),
    };
    view! {
        <section class="answer" id="answer">
            <h2>{lang.pick("Trả lời báo giá", "Answer the quote")}</h2>
            <FormStatus result/>
            <ActionForm action=answer attr:class="stack-form">
                <input type="hidden" name="id" value=id/>
                // The quote on the page: a newer one is not accepted unseen.
                <input type="hidden" name="quote" value=quote/>
                <ComeBackTo id="answer"/>
                <label for="answer-note">{lang.pick("Lời nhắn cho phòng thí nghiệm", "Message to the lab")}</label>
                <textarea id="answer-note" name="note" rows="2" maxlength="2000" aria-invalid=invalid(result, "note") aria-describedby="note-error"></textarea>
                <FieldMessage result field="note"/>
                {accept}
                <button type="submit" name="answer" value="decline" class="button-link">{lang.pick("Không nhận báo giá", "Decline the quote")}</button>
            </ActionForm>
        </section>
    }
}

/// The results file: a download for both sides once sent; the lab's upload while it works.
#[component]
fn Results(request: ServiceRequest) -> impl IntoView {
    let lang = use_lang();
    let id = request.id;
    let (result, posted) = last_result_at(RESULTS_PATH);
    // About this request (a body refused whole by its size came back before its id was read:
    // one form of results per page, so it is this one's).
    let about = posted.or("id", "");
    let result = Signal::stored(result.filter(|_| about == id.to_string() || about.is_empty()));
    let file = request.results.clone().map(|(name, size)| {
        let size = format!("{} KB", (size + 1023) / 1024);
        view! {
            <p><a href=format!("/requests/{id}/results") download=name.clone()>{lang.pick("Tải kết quả: ", "Download the results: ")}{name.clone()}</a>" ("{size}")"</p>
        }
    });
    let working = matches!(request.status, RequestStatus::InAnalysis | RequestStatus::Ready);
    let upload = (request.side == Side::Lab && working).then(|| {
        view! {
            <form method="post" action=RESULTS_PATH enctype="multipart/form-data" class="upload-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <ComeBackTo id="results"/>
                <label for="results-file">{lang.pick("Tệp kết quả (PDF, tối đa 10 MB)", "Results file (PDF, at most 10 MB)")}</label>
                <input type="file" id="results-file" name="file" required accept=".pdf,application/pdf" aria-invalid=invalid(result, "file") aria-describedby="file-error"/>
                <FieldMessage result field="file"/>
                <button type="submit">{lang.pick("Gửi kết quả", "Send the results")}</button>
            </form>
        }
    });
    // A refused upload says why even where no form is offered (sent from an older page).
    if file.is_none() && upload.is_none() && result.with_untracked(Option::is_none) {
        return ().into_any();
    }
    view! {
        <section class="results" id="results">
            <h2>{lang.pick("Kết quả", "Results")}</h2>
            <FormStatus result done=lang.pick("Đã gửi tệp kết quả.", "The results file was sent.")/>
            {file}
            {upload}
        </section>
    }
    .into_any()
}

/// The lab's next step on the samples: received, in analysis, results ready.
#[component]
fn AdvanceForm(id: i64, to: RequestStatus) -> impl IntoView {
    let lang = use_lang();
    let advance = ServerAction::<AdvanceServiceRequest>::new();
    let result = last_result(advance);
    let button = match to {
        RequestStatus::Received => lang.pick("Đánh dấu đã nhận mẫu", "Mark the samples received"),
        RequestStatus::InAnalysis => lang.pick("Đánh dấu đang phân tích", "Mark the analysis started"),
        _ => lang.pick("Báo đã có kết quả", "Report the results ready"),
    };
    view! {
        <section class="answer" id="answer">
            <h2>{lang.pick("Tiến độ", "Progress")}</h2>
            <FormStatus result/>
            <ActionForm action=advance attr:class="stack-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="to" value=to.code()/>
                <ComeBackTo id="answer"/>
                <button type="submit">{button}</button>
            </ActionForm>
        </section>
    }
}

/// One step of the history.
#[component]
fn StepItem(step: Step) -> impl IntoView {
    let lang = use_lang();
    let what = match step.status {
        RequestStatus::Requested => lang.pick("gửi yêu cầu", "sent the request"),
        RequestStatus::Quoted => lang.pick("gửi báo giá", "sent a quote"),
        RequestStatus::Declined => lang.pick("từ chối yêu cầu", "declined the request"),
        RequestStatus::Accepted => lang.pick("chấp nhận báo giá", "accepted the quote"),
        RequestStatus::Rejected => lang.pick("không nhận báo giá", "declined the quote"),
        RequestStatus::Received => lang.pick("đã nhận mẫu", "received the samples"),
        RequestStatus::InAnalysis => lang.pick("bắt đầu phân tích", "started the analysis"),
        RequestStatus::Ready => lang.pick("báo đã có kết quả", "reported the results ready"),
    };
    let quote = step.quote.as_ref().map(|q| quoted(q, lang));
    let reason = step.reason.map(|r| r.label(lang).to_string());
    let detail: Vec<String> = [quote, reason, step.note.clone()].into_iter().flatten().collect();
    let detail = (!detail.is_empty()).then(|| view! { <p class="hint">{detail.join(" · ")}</p> });
    view! {
        <li class="activity-item">
            <p><strong>{step.by.clone()}</strong>" "{what}" · "{lang.moment(&step.at)}</p>
            {detail}
        </li>
    }
}

/// "1.050.000 ₫, valid until 20/12/2026".
fn quoted(quote: &Quote, lang: Lang) -> String {
    let until = lang.date(quote.valid_until);
    let money = lang.money(quote.total_vnd.max(0) as u64);
    lang.pick(format!("{money}, hiệu lực đến {until}"), format!("{money}, valid until {until}"))
}
