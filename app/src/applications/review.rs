//! Officers review the applications to a call or pilot on its page: move each to its next
//! stage with a comment, or reopen a decision.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{MoveApplication, ReopenApplication};
use super::model::{Application, Stage};
use super::pages::{Amount, Documents, History, Links};
use crate::forms::{invalid, last_result, result_for, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;

/// Officers: every application to this call or pilot, with the next stages.
#[component]
pub(super) fn Review(items: Vec<Application>, action: ServerAction<MoveApplication>) -> impl IntoView {
    let lang = use_lang();
    let list = if items.is_empty() {
        view! { <p class="empty">{lang.pick("Chưa có hồ sơ nào.", "No applications yet.")}</p> }.into_any()
    } else {
        let rows = items.into_iter().map(|a| view! { <ReviewItem a action/> }).collect_view();
        view! { <ul class="activity">{rows}</ul> }.into_any()
    };
    view! {
        <section class="review" id="applications">
            <h2>{lang.pick("Hồ sơ đã nộp", "Applications")}</h2>
            <FormStatus result=last_result(action)/>
            {list}
        </section>
    }
}

#[component]
fn ReviewItem(a: Application, action: ServerAction<MoveApplication>) -> impl IntoView {
    let lang = use_lang();
    let org = a.organization_name.clone().unwrap_or_else(|| a.organization.clone());
    let next: Vec<Stage> = Stage::ALL.iter().copied().filter(|s| a.stage.may_move_to(*s)).collect();
    let id = a.id.to_string();
    let typed = typed::<MoveApplication>();
    let comment = if typed.or("id", "") == id { typed.or("comment", "") } else { String::new() };
    let anchor = format!("application-{id}");
    let form = (!next.is_empty()).then(|| {
        let options = next.iter().map(|s| view! { <option value=s.code()>{s.label(lang)}</option> }).collect_view();
        view! {
            <ActionForm action attr:class="answer-form">
                <input type="hidden" name="id" value=id.clone()/>
                <ComeBackTo id=format!("application-{id}")/>
                <label for=format!("stage-{id}")>{lang.pick("Chuyển sang", "Move to")}</label>
                // No stage is chosen for the officer: a second tap never decides by accident.
                <select id=format!("stage-{id}") name="stage" required>
                    <option value="" selected disabled>{lang.pick("Chọn bước…", "Choose a stage…")}</option>
                    {options}
                </select>
                <label for=format!("comment-{id}")>{lang.pick("Nhận xét cho người nộp", "Comment for the applicant")}</label>
                <p class="hint" id=format!("comment-{id}-hint")>{lang.pick(
                    "Bắt buộc khi đề nghị bổ sung hoặc không chấp nhận.",
                    "Required when asking for more or rejecting.",
                )}</p>
                <textarea id=format!("comment-{id}") name="comment" rows="2" maxlength="2000" aria-describedby=format!("comment-{id}-hint")>{comment}</textarea>
                <button type="submit">{lang.pick("Cập nhật", "Update")}</button>
            </ActionForm>
        }
    });
    let reopen = matches!(a.stage, Stage::Accepted | Stage::Rejected).then(|| view! { <Reopen id=a.id/> });
    view! {
        <li class="activity-item" id=anchor>
            <p><strong>{org}</strong>" · "{a.applicant.clone()}" "<span class="badge">{a.stage.label(lang)}</span></p>
            <blockquote>{a.proposal.clone()}</blockquote>
            <Links links=a.links.clone()/>
            <p class="receipt">{lang.pick("Số biên nhận: ", "Receipt number: ")}{a.receipt.clone()}</p>
            <Amount amount=a.amount_vnd/>
            <Documents id=a.id terms=a.terms.clone() files=a.files.clone() editable=false/>
            <History steps=a.history.clone()/>
            {form}
            {reopen}
        </li>
    }
}

/// Officers: reopen a decision for evaluation, saying why (the applicant is told; audited).
#[component]
fn Reopen(id: i64) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ReopenApplication>::new();
    let item = result_for(action, &id.to_string());
    let (result, open, reason) = (item.result, item.mine, item.typed("reason"));
    let field = format!("reason-{id}");
    view! {
        <details class="confirm" open=open>
            <summary>{lang.pick("Mở lại quyết định…", "Reopen the decision…")}</summary>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <ComeBackTo id=format!("application-{id}")/>
                <label for=field.clone()>{lang.pick("Lý do mở lại (người nộp sẽ thấy)", "Why it is reopened (the applicant sees it)")}</label>
                <textarea id=field.clone() name="reason" rows="2" required maxlength="2000" aria-invalid=invalid(result, "reason") aria-describedby="reason-error">
                    {reason}
                </textarea>
                <FieldMessage result field="reason"/>
                <button type="submit">{lang.pick("Mở lại để đánh giá", "Reopen for evaluation")}</button>
            </ActionForm>
        </details>
    }
}
