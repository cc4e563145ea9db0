//! On `/mine`: the affiliation requests a person answers, and their own that wait.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{affiliation_requests, AnswerAffiliation};
use super::AffiliationRequest;
use crate::forms::{last_result, ComeBackTo, FormStatus};
use crate::i18n::use_lang;

/// Requests to confirm that a lab or expert belongs to an organization. Nothing when there
/// are none.
#[component]
pub fn AffiliationRequests() -> impl IntoView {
    let lang = use_lang();
    let answer = ServerAction::<AnswerAffiliation>::new();
    let data = Resource::new(|| (), |_| affiliation_requests());
    view! {
        <FormStatus result=last_result(answer)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(found) = data.await else { return ().into_any() };
                if found.to_answer.is_empty() && found.mine.is_empty() {
                    return ().into_any();
                }
                let to_answer = found.to_answer.into_iter().map(|r| view! { <ToAnswer request=r answer/> }).collect_view();
                let mine = found.mine.into_iter().map(|r| view! { <Waiting request=r/> }).collect_view();
                view! {
                    <section class="my-section" id="affiliations">
                        <h2>{lang.pick("Xác nhận thuộc tổ chức", "Affiliations to confirm")}</h2>
                        <ul class="activity">{to_answer}{mine}</ul>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The profile's title: a link once it is public.
fn record_title(request: &AffiliationRequest) -> AnyView {
    let title = request.record_title.clone();
    if request.draft {
        view! { <strong>{title}</strong> }.into_any()
    } else {
        view! { <a href=request.record_href()>{title}</a> }.into_any()
    }
}

#[component]
fn ToAnswer(request: AffiliationRequest, answer: ServerAction<AnswerAffiliation>) -> impl IntoView {
    let lang = use_lang();
    let id = request.id.to_string();
    let anchor = format!("affiliation-{id}");
    let come_back = anchor.clone();
    view! {
        <li class="activity-item" id=anchor>
            <p>
                <strong>{request.requester_name.clone()}</strong>
                {request.requester_email.clone().map(|email| view! {
                    " (" <a href=format!("mailto:{email}")>{email.clone()}</a> ")"
                })}
                " " {lang.pick("ghi ", "says ")}<span class="card-kind">{request.kind.label(lang)}</span>" "
                {record_title(&request)}
                {lang.pick(" thuộc ", " belongs to ")}<a href=format!("/organizations/{}", request.organization)>{request.organization_title.clone()}</a>
            </p>
            <ActionForm action=answer attr:class="answer-form">
                <input type="hidden" name="id" value=id/>
                <ComeBackTo id=come_back/>
                <button type="submit" name="answer" value="accept">{lang.pick("Xác nhận", "Confirm")}</button>
                <button type="submit" name="answer" value="decline" class="button-link">{lang.pick("Từ chối", "Decline")}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn Waiting(request: AffiliationRequest) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="activity-item">
            <p>
                <span class="card-kind">{request.kind.label(lang)}</span>" "{record_title(&request)}
                {lang.pick(": chờ ", ": waiting for ")}{request.organization_title.clone()}
                {lang.pick(" xác nhận thuộc tổ chức", " to confirm the affiliation")}
            </p>
            <p><span class="badge">{lang.pick("Chờ xác nhận", "Waiting")}</span></p>
        </li>
    }
}
