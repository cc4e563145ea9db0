//! The introduction request on a record's page, and the introductions list of "my" page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{my_introductions, AnswerIntroduction, RecordOutcome, RequestIntroduction};
use super::model::{
    asking, heading, introducible, DeclineReason, IntroStatus, Introduction, Outcome, Setup, ANSWER_DAYS,
};
use crate::catalog::model::Kind;
use crate::forms::{invalid, last_result, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;

/// On the page of a record one may ask to meet: the request form, or where the viewer's
/// request stands.
#[component]
pub fn IntroduceBox(kind: Kind, id: String, signed_in: bool, setup: Option<Setup>) -> impl IntoView {
    let lang = use_lang();
    if !introducible(kind) {
        return ().into_any();
    }
    let Some(setup) = setup else {
        return match signed_in {
            true => ().into_any(),
            false => view! {
                <p class="introduce-signin"><a href=crate::notices::sign_in_href()>{format!("{}{}", heading(kind, lang), lang.pick(": đăng nhập", ": sign in"))}</a></p>
            }
            .into_any(),
        };
    };
    if setup.own || !setup.may_ask {
        return ().into_any();
    }
    let status = setup.latest.clone().map(|latest| {
        let due = latest.due.map(|day| dated(lang.pick("trả lời dự kiến trước ", "answer due by "), day, lang));
        let again = latest
            .again
            .filter(|_| !latest.open)
            .map(|day| dated(lang.pick("có thể gửi lại từ ", "you may ask again from "), day, lang));
        view! {
            <p class="intro-status">
                {lang.pick("Bạn đã gửi đề nghị: ", "You asked: ")}
                <span class="badge">{latest.status.label(lang)}</span>{due}{again}" "
                <a href="/mine#introductions">{lang.pick("Xem đề nghị của bạn", "See your requests")}</a>
            </p>
        }
    });
    let closed = setup.latest.as_ref().is_some_and(|l| !l.open);
    let form = (!closed).then(|| view! { <IntroduceForm kind id setup/> });
    view! {
        <section class="introduce" id="introduce">
            <h2>{heading(kind, lang)}</h2>
            {status}
            {form}
        </section>
    }
    .into_any()
}

#[component]
fn IntroduceForm(kind: Kind, id: String, setup: Setup) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestIntroduction>::new();
    let result = last_result(action);
    let typed = typed::<RequestIntroduction>();
    let message = typed.or("message", "");
    // A match's "propose" link names what goes along (`?with=lab/…`, or `?need=…`).
    let asked = use_query_map()
        .with_untracked(|q| q.get("with").or_else(|| q.get("need").map(|n| format!("need/{n}"))).unwrap_or_default());
    let chosen = typed.or("with", &asked);
    let who = match setup.managed {
        true => lang.pick(
            "Lời nhắn của bạn được gửi tới người quản lý hồ sơ này",
            "Your message goes to whoever manages this listing",
        ),
        false => lang.pick(
            "Hồ sơ này chưa có người quản lý trên cổng: Văn phòng Sở Khoa học và Công nghệ nhận lời nhắn của bạn",
            "Nobody manages this listing on the portal: the province's Department of Science and Technology receives your message",
        ),
    };
    let hint = format!(
        "{who}{} {ANSWER_DAYS} {}",
        lang.pick(" và trả lời trong vòng", " and answers within"),
        lang.pick(
            "ngày. Khi họ nhận lời, hai bên nhận được thông tin liên hệ của nhau.",
            "days. When they accept, both sides receive each other's contact details.",
        ),
    );
    let with = (!setup.attachable.is_empty()).then(|| {
        let options = setup
            .attachable
            .iter()
            .map(|(value, label)| view! { <option value=value.clone() selected=*value == chosen>{label.clone()}</option> })
            .collect_view();
        let label = match kind {
            Kind::Need => lang.pick("Bạn đề xuất (hồ sơ của bạn)", "What you offer (your listing)"),
            Kind::Organization => lang.pick("Liên quan đến", "Regarding"),
            _ => lang.pick("Về nhu cầu của bạn", "About your need"),
        };
        view! {
            <label for="with">{label}</label>
            <select id="with" name="with" aria-invalid=invalid(result, "with") aria-describedby="with-error">
                <option value="">{lang.pick("— Không kèm —", "— None —")}</option>
                {options}
            </select>
            <FieldMessage result field="with"/>
        }
    });
    view! {
        <p class="hint">{hint}</p>
        <FormStatus result/>
        <ActionForm action attr:class="stack-form">
            <input type="hidden" name="kind" value=kind.code()/>
            <input type="hidden" name="id" value=id/>
            <ComeBackTo id="introduce"/>
            {with}
            <label for="message">{lang.pick("Lời nhắn", "Message")}</label>
            <textarea id="message" name="message" rows="4" required minlength="10" maxlength="2000" aria-invalid=invalid(result, "message") aria-describedby="message-error">{message}</textarea>
            <FieldMessage result field="message"/>
            <button type="submit">{lang.pick("Gửi lời nhắn", "Send message")}</button>
        </ActionForm>
    }
}

/// " · answer due by 13/12/2026": what a date means, after a status badge.
fn dated(what: &str, day: chrono::NaiveDate, lang: crate::i18n::Lang) -> String {
    format!(" · {what}{}", lang.date(day))
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
    // "Lan asked to meet" with the record's title as a link.
    let requester = (!intro.sent).then_some(intro.requester.as_str());
    let said = asking(intro.target_kind, requester, lang);
    let who = view! { <p>{said}" "<a href=target>{intro.target_title.clone()}</a></p> };
    let with = intro.with.clone().map(|w| view! {
        <p class="hint">{lang.pick("Kèm theo: ", "Along with: ")}{w.kind.label(lang)}" "<a href=format!("{}/{}", w.kind.path(), w.id)>{w.title}</a></p>
    });
    let due = intro.due.map(|day| dated(lang.pick("trả lời dự kiến trước ", "answer due by "), day, lang));
    let reason = intro.reason.map(|r| {
        format!("{}{}", r.label(lang), intro.reason_text.as_ref().map(|t| format!(": {t}")).unwrap_or_default())
    });
    let contacts = intro.contacts.clone().map(|(a, b)| view! {
        <p class="contacts">
            {lang.pick("Liên hệ — người đề nghị: ", "Contacts — who asked: ")}<a href=format!("mailto:{a}")>{a.clone()}</a>
            {lang.pick(" · người trả lời: ", " · who answered: ")}<a href=format!("mailto:{b}")>{b.clone()}</a>
        </p>
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
            {with}
            <blockquote>{intro.message.clone()}</blockquote>
            <p><span class="badge">{intro.status.label(lang)}</span>{due}" "{reason}</p>
            {contacts}
            {answer_form}
            {outcome_form}
        </li>
    }
}
