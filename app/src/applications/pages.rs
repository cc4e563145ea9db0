//! Applying on a call's or pilot's page, the officers' review list there, and "my
//! applications".

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{
    my_applications, AnswerApplication, Apply, MoveApplication, RemoveApplicationFile, WithdrawApplication,
};
use super::model::{Application, FileInfo, Panel, Stage, Step, Terms, UPLOAD_PATH};
use crate::catalog::model::Kind;
use crate::forms::{invalid, last_result, last_result_at, result_for, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;

/// On a call's or pilot's page: apply, or see my application; officers review applications
/// (the page comes back showing the review).
#[component]
pub fn ApplyBox(kind: Kind, id: String, panel: Panel) -> impl IntoView {
    let lang = use_lang();
    let apply = ServerAction::<Apply>::new();
    let review = ServerAction::<MoveApplication>::new();
    match panel {
        Panel::Reviewer(items) => view! { <super::review::Review items action=review/> }.into_any(),
        Panel::Applicant(a) => { let a = *a; view! {
            <section class="introduce" id="apply"><h2>{lang.pick("Hồ sơ của bạn", "Your application")}</h2><ApplicationItem a/></section>
        }.into_any() }
        Panel::Apply(terms) => view! { <ApplyForm kind id terms action=apply/> }.into_any(),
        Panel::NoOrganization => view! {
            <section class="introduce" id="apply">
                <h2>{lang.pick("Nộp hồ sơ", "Apply")}</h2>
                <p>{lang.pick(
                    "Hồ sơ được nộp nhân danh một tổ chức: hãy tạo hồ sơ tổ chức của bạn trước.",
                    "Applications are made on an organization's behalf: create your organization's profile first.",
                )}</p>
                <p><a class="button" href="/organizations/new">{lang.pick("Tạo hồ sơ tổ chức", "Create your organization's profile")}</a></p>
            </section>
        }
        .into_any(),
        Panel::Closed(reason) => view! {
            <section class="introduce" id="apply"><h2>{lang.pick("Nộp hồ sơ", "Apply")}</h2><p>{reason}</p></section>
        }.into_any(),
        Panel::SignIn => view! {
            <p class="introduce-signin"><a href=crate::notices::sign_in_href()>{lang.pick("Đăng nhập để nộp hồ sơ", "Sign in to apply")}</a></p>
        }.into_any(),
        Panel::Nothing => ().into_any(),
    }
}

#[component]
fn ApplyForm(kind: Kind, id: String, terms: Terms, action: ServerAction<Apply>) -> impl IntoView {
    let lang = use_lang();
    let result = last_result(action);
    let typed = typed::<Apply>();
    let amount = terms.asks_amount.then(|| {
        let hint = terms.max_award_vnd.map(|max| {
            view! { <p class="hint" id="amount-hint">{lang.pick("Tối đa ", "At most ")}{lang.money(max)}</p> }
        });
        view! {
            <label for="amount">{lang.pick("Kinh phí đề nghị hỗ trợ (đồng)", "Amount requested (VND)")}</label>
            {hint}
            <input id="amount" name="amount" inputmode="numeric" required maxlength="30" autocomplete="off"
                aria-invalid=invalid(result, "amount") aria-describedby="amount-hint amount-error" value=typed.or("amount", "")/>
            <FieldMessage result field="amount"/>
        }
    });
    let documents = (!terms.documents.is_empty()).then(|| {
        let items = terms.checklist(lang).into_iter().map(|(_, label)| view! { <li>{label}</li> }).collect_view();
        view! {
            <div class="checklist">
                <p>{lang.pick("Hồ sơ cần nộp (tải lên sau khi gửi đề xuất):", "Documents to include (uploaded once the proposal is sent):")}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <section class="introduce" id="apply">
            <h2>{lang.pick("Nộp hồ sơ", "Apply")}</h2>
            {documents}
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="id" value=id/>
                <ComeBackTo id="apply"/>
                <label for="proposal">{lang.pick("Đề xuất của tổ chức bạn", "Your organization's proposal")}</label>
                <textarea id="proposal" name="proposal" rows="8" required minlength="20" maxlength="20000" aria-invalid=invalid(result, "proposal") aria-describedby="proposal-error">{typed.or("proposal", "")}</textarea>
                <FieldMessage result field="proposal"/>
                {amount}
                <label for="links">{lang.pick("Liên kết tài liệu (mỗi dòng một địa chỉ)", "Links to documents (one per line)")}</label>
                <textarea id="links" name="links" rows="2" aria-invalid=invalid(result, "links") aria-describedby="links-error">{typed.or("links", "")}</textarea>
                <FieldMessage result field="links"/>
                <button type="submit">{lang.pick("Nộp hồ sơ", "Submit application")}</button>
            </ActionForm>
        </section>
    }
}

/// One application: its receipt number, stage, every step with what the officers said, and
/// a way to withdraw it while that is still possible.
#[component]
fn ApplicationItem(a: Application) -> impl IntoView {
    let lang = use_lang();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let href = format!("{}/{}", a.target_kind.path(), a.target_id);
    let class = match a.stage {
        Stage::Accepted => "badge badge-positive",
        Stage::Rejected => "badge badge-urgent",
        _ => "badge",
    };
    let id = a.id.to_string();
    // Asked once more before it happens: a withdrawn application cannot come back.
    let withdraw_form = a.may_withdraw.then(|| {
        view! {
            <details class="confirm">
                <summary>{lang.pick("Rút hồ sơ…", "Withdraw…")}</summary>
                <p>{lang.pick(
                    "Hồ sơ đã rút không thể nộp lại cho kêu gọi này. Bạn chắc chắn muốn rút?",
                    "A withdrawn application cannot be sent again to this call. Withdraw it?",
                )}</p>
                <ActionForm action=withdraw attr:class="inline-form">
                    <input type="hidden" name="id" value=id.clone()/>
                    <ComeBackTo id=format!("application-{id}")/>
                    <button type="submit" class="button-danger">{lang.pick("Rút hồ sơ", "Withdraw it")}</button>
                </ActionForm>
            </details>
        }
    });
    let request = (a.stage == Stage::MoreInfo).then(|| view! { <InfoRequest a=a.clone()/> });
    view! {
        <div class="application" id=format!("application-{}", a.id)>
            <p><a href=href>{a.target_title.clone()}</a>" "<span class=class>{a.stage.label(lang)}</span></p>
            <p class="receipt">{lang.pick("Số biên nhận: ", "Receipt number: ")}<strong>{a.receipt.clone()}</strong></p>
            <Amount amount=a.amount_vnd/>
            <details class="sent-proposal">
                <summary>{lang.pick("Đề xuất đã gửi", "The proposal sent")}</summary>
                <blockquote>{a.proposal.clone()}</blockquote>
                <Links links=a.links.clone()/>
            </details>
            {request}
            <Documents id=a.id terms=a.terms.clone() files=a.files.clone() editable=a.may_add_files/>
            <History steps=a.history.clone()/>
            <FormStatus result=last_result(withdraw) done=lang.pick("Đã rút hồ sơ.", "The application was withdrawn.")/>
            {withdraw_form}
        </div>
    }
}

/// What the officers asked to add, and the applicant's answer (documents go through the
/// upload form below it).
#[component]
fn InfoRequest(a: Application) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AnswerApplication>::new();
    let id = a.id.to_string();
    let item = result_for(action, &id);
    let result = item.result;
    let asked = a.history.iter().rev().find(|s| s.stage == Stage::MoreInfo).and_then(|s| s.comment.clone());
    let field = format!("answer-{id}");
    view! {
        <div class="info-request">
            <p><strong>{lang.pick("Cơ quan quản lý đề nghị bổ sung: ", "The officers ask you to add: ")}</strong>{asked}</p>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="id" value=id.clone()/>
                <ComeBackTo id=format!("application-{id}")/>
                <label for=field.clone()>{lang.pick("Trả lời của bạn", "Your answer")}</label>
                <p class="hint" id=format!("{field}-hint")>{lang.pick(
                    "Tài liệu bổ sung: tải lên ở mục Tài liệu bên dưới trước khi gửi.",
                    "Documents to add: upload them under Documents below before sending.",
                )}</p>
                <textarea id=field.clone() name="answer" rows="4" required maxlength="5000" aria-describedby=format!("{field}-hint answer-error")>
                    {item.typed("answer")}
                </textarea>
                <FieldMessage result field="answer"/>
                <button type="submit">{lang.pick("Gửi bổ sung", "Send the answer")}</button>
            </ActionForm>
        </div>
    }
}

/// An application's documents: each item of the call's checklist with the files that answer
/// it, then any other; its applicant attaches and removes them while the application takes them.
#[component]
pub(super) fn Documents(id: i64, terms: Terms, files: Vec<FileInfo>, editable: bool) -> impl IntoView {
    let lang = use_lang();
    if terms.documents.is_empty() && files.is_empty() && !editable {
        return ().into_any();
    }
    let remove = ServerAction::<RemoveApplicationFile>::new();
    let file_list = |files: Vec<FileInfo>| {
        files
            .into_iter()
            .map(|f| {
                let label = format!("{} {}", lang.pick("Xoá", "Remove"), f.name);
                let remove_form = editable.then(|| {
                    view! {
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="file" value=f.id.to_string()/>
                            <ComeBackTo id=format!("application-{id}")/>
                            <button type="submit" class="button-link" aria-label=label>{lang.pick("Xoá", "Remove")}</button>
                        </ActionForm>
                    }
                });
                view! {
                    <li class="file">
                        <a href=f.href.clone() download>{f.name.clone()}</a>
                        " "<span class="file-size">{size_label(f.size, lang)}</span>
                        {remove_form}
                    </li>
                }
            })
            .collect_view()
    };
    let (checked, others): (Vec<FileInfo>, Vec<FileInfo>) =
        files.into_iter().partition(|f| terms.documents.contains(&f.document));
    let checklist = terms.checklist(lang);
    let items = checklist
        .iter()
        .map(|(document, label)| {
            let answering: Vec<FileInfo> = checked.iter().filter(|f| &f.document == document).cloned().collect();
            let missing = answering.is_empty().then(|| {
                view! { <span class="badge badge-urgent">{lang.pick("Chưa có", "Missing")}</span> }
            });
            view! {
                <li>
                    <span class="document-name">{label.clone()}</span>" "{missing}
                    <ul class="files">{file_list(answering)}</ul>
                </li>
            }
        })
        .collect_view();
    let other = (!others.is_empty()).then(|| {
        view! {
            <li>
                <span class="document-name">{lang.pick("Tài liệu khác", "Other documents")}</span>
                <ul class="files">{file_list(others)}</ul>
            </li>
        }
    });
    let (result, posted) = last_result_at(UPLOAD_PATH);
    let result = Signal::stored(result.filter(|_| posted.or("id", "") == id.to_string()));
    let remove_result = result_for(remove, &id.to_string()).result;
    let upload = editable.then(|| {
        let options = checklist
            .iter()
            .map(|(document, label)| view! { <option value=document.clone()>{label.clone()}</option> })
            .collect_view();
        view! {
            <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="upload-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <ComeBackTo id=format!("application-{id}")/>
                <label for=format!("document-{id}")>{lang.pick("Tài liệu", "Document")}</label>
                <select id=format!("document-{id}") name="document">
                    {options}
                    <option value="">{lang.pick("Tài liệu khác", "Another document")}</option>
                </select>
                <label for=format!("file-{id}")>{lang.pick("Tệp (PDF, DOCX, XLSX, ODT; tối đa 10 MB)", "File (PDF, DOCX, XLSX, ODT; at most 10 MB)")}</label>
                <input type="file" id=format!("file-{id}") name="file" required accept=".pdf,.docx,.xlsx,.odt" aria-invalid=invalid(result, "file") aria-describedby="file-error"/>
                <FieldMessage result field="file"/>
                <button type="submit">{lang.pick("Tải lên", "Upload")}</button>
            </form>
        }
    });
    view! {
        <div class="documents">
            <h3>{lang.pick("Tài liệu", "Documents")}</h3>
            <FormStatus result done=lang.pick("Đã tải lên.", "Uploaded.")/>
            <FormStatus result=remove_result done=lang.pick("Đã xoá tệp.", "The file was removed.")/>
            <ul class="document-list">{items}{other}</ul>
            {upload}
        </div>
    }
    .into_any()
}

/// A file's size as people read it: "350 KB", "1,2 MB".
fn size_label(bytes: i64, lang: crate::i18n::Lang) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let bytes = bytes.max(0) as f64;
    if bytes < MB {
        format!("{} KB", (bytes / 1024.0).ceil() as i64)
    } else {
        let text = format!("{:.1} MB", bytes / MB);
        lang.pick(text.replace('.', ","), text)
    }
}

/// The links an application gives to documents kept elsewhere.
#[component]
pub(super) fn Links(links: Vec<String>) -> impl IntoView {
    let items = links
        .into_iter()
        .map(|l| view! { <li><a href=l.clone() rel="nofollow noopener">{l.clone()}</a></li> })
        .collect_view();
    view! { <ul class="values">{items}</ul> }
}

/// The amount an application requests, where it requests one.
#[component]
pub(super) fn Amount(amount: Option<u64>) -> impl IntoView {
    let lang = use_lang();
    amount.map(|a| view! { <p class="amount">{lang.pick("Kinh phí đề nghị: ", "Amount requested: ")}<strong>{lang.money(a)}</strong></p> })
}

/// An application's steps, oldest first, each with the comment given.
#[component]
pub(super) fn History(steps: Vec<Step>) -> impl IntoView {
    let lang = use_lang();
    let items = steps
        .into_iter()
        .map(|step| {
            // What the applicant says is an answer (sending and withdrawing say nothing).
            let answer = step.by_applicant && step.comment.is_some();
            let who = answer.then(|| lang.pick(" · trả lời của người nộp", " · the applicant's answer"));
            let comment = step.comment.map(|c| view! { <p class="comment">{c}</p> });
            view! {
                <li>
                    <span class="history-stage">{step.stage.label(lang)}</span>{who}" · "
                    <time datetime=step.at.clone()>{lang.day(&step.at)}</time>
                    {comment}
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="history" open>
            <summary>{lang.pick("Các bước", "Steps")}</summary>
            <ol class="history-steps">{items}</ol>
        </details>
    }
}

/// The signed-in person's applications.
#[component]
pub fn MyApplications() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| my_applications());
    view! {
        <section class="my-section" id="applications">
            <h2>{lang.pick("Hồ sơ đã nộp", "My applications")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.pick("Chưa nộp hồ sơ nào.", "No applications yet.")}</p> }.into_any(),
                        Ok(items) => {
                            let rows = items.into_iter().map(|a| view! { <li class="activity-item"><ApplicationItem a/></li> }).collect_view();
                            view! { <ul class="activity">{rows}</ul> }.into_any()
                        }
                        Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
