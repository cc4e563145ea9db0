//! The introduction request on a record's page, and the introductions list of "my" page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{my_introductions, AnswerIntroduction, RecordOutcome, RequestIntroduction};
use super::model::{introducible, DeclineReason, IntroStatus, Introduction, Outcome};
use crate::accounts::model::Role;
use crate::catalog::model::Kind;
use crate::forms::{last_result, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;

/// On a lab's, expert's or offer's page: ask to be introduced.
#[component]
pub fn IntroduceBox(
    kind: Kind,
    id: String,
    viewer: Option<crate::accounts::model::User>,
    /// The viewer's request is waiting for its answer.
    sent: bool,
) -> impl IntoView {
    let lang = use_lang();
    if !introducible(kind) {
        return ().into_any();
    }
    let need = use_query_map().with_untracked(|q| q.get("need")).unwrap_or_default();
    match viewer {
        Some(_) if sent => view! {
            <section class="introduce" id="introduce">
                <h2>{lang.pick("Đề nghị giới thiệu", "Ask for an introduction")}</h2>
                <p>
                    {lang.pick("Bạn đã gửi đề nghị giới thiệu; đang chờ trả lời. ", "You asked for an introduction; it awaits an answer. ")}
                    <a href="/mine#introductions">{lang.pick("Xem đề nghị của bạn", "See your requests")}</a>
                </p>
            </section>
        }.into_any(),
        Some(user) if user.has(Role::Member) => view! { <IntroduceForm kind id need/> }.into_any(),
        Some(_) => ().into_any(),
        None => view! {
            <p class="introduce-signin"><a href=crate::notices::sign_in_href()>{lang.pick("Đăng nhập để đề nghị giới thiệu", "Sign in to ask for an introduction")}</a></p>
        }.into_any(),
    }
}

#[component]
fn IntroduceForm(kind: Kind, id: String, need: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestIntroduction>::new();
    let result = last_result(action);
    let message = typed::<RequestIntroduction>().or("message", "");
    view! {
        <section class="introduce" id="introduce">
            <h2>{lang.pick("Đề nghị giới thiệu", "Ask for an introduction")}</h2>
            <p class="hint">{lang.pick(
                "Lời nhắn của bạn được gửi tới người quản lý hồ sơ này. Khi họ nhận lời, hai bên nhận được thông tin liên hệ của nhau.",
                "Your message goes to whoever manages this listing. When they accept, both sides receive each other's contact details.",
            )}</p>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="need" value=need/>
                <ComeBackTo id="introduce"/>
                <label for="message">{lang.pick("Lời nhắn", "Message")}</label>
                <textarea id="message" name="message" rows="4" required minlength="10" maxlength="2000" aria-describedby="message-error">{message}</textarea>
                <FieldMessage result field="message"/>
                <button type="submit">{lang.pick("Gửi đề nghị", "Send request")}</button>
            </ActionForm>
        </section>
    }
}

/// The introductions I sent and those I answer.
#[component]
pub fn MyIntroductions() -> impl IntoView {
    let lang = use_lang();
    let answer = ServerAction::<AnswerIntroduction>::new();
    let outcome = ServerAction::<RecordOutcome>::new();
    let data = Resource::new(|| (), |_| my_introductions());
    let answered = last_result(answer);
    view! {
        <section class="my-section" id="introductions">
            <h2>{lang.pick("Đề nghị giới thiệu", "Introductions")}</h2>
            <FormStatus result=answered/>
            <FormStatus result=last_result(outcome)/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.pick("Chưa có đề nghị nào.", "No introductions yet.")}</p> }.into_any(),
                        Ok(items) => {
                            let rows = items.into_iter().map(|i| view! { <IntroductionItem intro=i answer outcome answered/> }).collect_view();
                            view! { <ul class="activity">{rows}</ul> }.into_any()
                        }
                        Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn IntroductionItem(
    intro: Introduction,
    answer: ServerAction<AnswerIntroduction>,
    outcome: ServerAction<RecordOutcome>,
    answered: Signal<Option<Result<(), crate::error::AppError>>>,
) -> impl IntoView {
    let lang = use_lang();
    let target = format!("{}/{}", intro.target_kind.path(), intro.target_id);
    let who = if intro.sent {
        view! { <p>{lang.pick("Bạn đề nghị giới thiệu tới ", "You asked to meet ")}<a href=target>{intro.target_title.clone()}</a></p> }.into_any()
    } else {
        view! { <p><strong>{intro.requester.clone()}</strong>{lang.pick(" đề nghị giới thiệu tới ", " asks to meet ")}<a href=target>{intro.target_title.clone()}</a></p> }.into_any()
    };
    let need = intro.need.clone().map(|(id, title)| view! {
        <p class="hint">{lang.pick("Về nhu cầu: ", "About the need: ")}<a href=format!("/needs/{id}")>{title}</a></p>
    });
    let reason = intro.reason.map(|r| {
        format!("{}{}", r.label(lang), intro.reason_text.as_ref().map(|t| format!(": {t}")).unwrap_or_default())
    });
    let contacts = intro.contacts.clone().map(|(a, b)| view! {
        <p class="contacts">{lang.pick("Liên hệ: ", "Contacts: ")}<a href=format!("mailto:{a}")>{a.clone()}</a>" · "<a href=format!("mailto:{b}")>{b.clone()}</a></p>
    });
    let id = intro.id.to_string();
    // The answer's messages and typed explanation belong to the introduction answered.
    let typed = typed::<AnswerIntroduction>();
    let answered_here = typed.or("id", "") == id;
    let answered = if answered_here { answered } else { Signal::stored(None) };
    let answer_form = (!intro.sent && intro.status == IntroStatus::Requested).then(|| {
        let id = id.clone();
        let reasons = DeclineReason::ALL.iter().map(|r| view! { <option value=r.code()>{r.label(lang)}</option> }).collect_view();
        view! {
            <ActionForm action=answer attr:class="answer-form">
                <input type="hidden" name="id" value=id.clone()/>
                <ComeBackTo id=format!("intro-{id}")/>
                <button type="submit" name="answer" value="accept">{lang.pick("Nhận lời", "Accept")}</button>
                <label for=format!("reason-{id}")>{lang.pick("hoặc từ chối vì", "or decline because")}</label>
                <select id=format!("reason-{id}") name="reason"><option value="">"—"</option>{reasons}</select>
                <input name="reason_text" value=typed.or("reason_text", "") maxlength="2000" placeholder=lang.pick("Giải thích (bắt buộc với \"Lý do khác\")", "Explain (required for \"Other\")") aria-label=lang.pick("Giải thích", "Explanation")/>
                <button type="submit" name="answer" value="decline" class="button-link">{lang.pick("Từ chối", "Decline")}</button>
            </ActionForm>
            <FieldMessage result=answered field="reason"/>
            <FieldMessage result=answered field="reason_text"/>
        }
    });
    let outcome_form = (intro.status == IntroStatus::Accepted).then(|| {
        let id = id.clone();
        let options = Outcome::ALL
            .iter()
            .map(|o| view! { <option value=o.code() selected=intro.outcome == Some(*o)>{o.label(lang)}</option> })
            .collect_view();
        view! {
            <ActionForm action=outcome attr:class="inline-form">
                <input type="hidden" name="id" value=id.clone()/>
                <ComeBackTo id=format!("intro-{id}")/>
                <label for=format!("outcome-{id}")>{lang.pick("Kết quả: ", "Outcome: ")}</label>
                <select id=format!("outcome-{id}") name="outcome" required>
                    <option value="" disabled selected=intro.outcome.is_none()>{lang.pick("Chọn kết quả…", "Choose an outcome…")}</option>
                    {options}
                </select>
                <button type="submit" class="button-link">{lang.pick("Lưu", "Save")}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="activity-item" id=format!("intro-{id}")>
            {who}
            {need}
            <blockquote>{intro.message.clone()}</blockquote>
            <p><span class="badge">{intro.status.label(lang)}</span>" "{reason}</p>
            {contacts}
            {answer_form}
            {outcome_form}
        </li>
    }
}
