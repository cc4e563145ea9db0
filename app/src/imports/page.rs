//! `/admin/import`: send a file of records, see what each line would do, then store the good
//! lines (or send another file).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{import_draft, StoreImport};
use super::model::{Draft, LineVerdict, Verdict, Verdicts, IMPORT_PAGE, LISTED, SEND_PATH};
use crate::forms::progress::UploadProgress;
use crate::forms::{invalid, last_result, last_result_at, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::loading::Loaded;

#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let store = ServerAction::<StoreImport>::new();
    let token = move || query.with(|q| q.get("file").unwrap_or_default());
    let data = Resource::new(move || (token(), store.version().get()), |(token, _)| import_draft(token));
    view! {
        <Title text=lang.pick("Nhập dữ liệu", "Import records")/>
        <p class="hint"><a href="/account">{lang.pick("Tài khoản", "Account")}</a></p>
        <h1>{lang.pick("Nhập dữ liệu", "Import records")}</h1>
        <Loaded data show={move |draft: Option<Draft>| show(draft, store)}/>
    }
}

/// A file's verdicts, or (none sent yet) the form that sends one.
fn show(draft: Option<Draft>, store: ServerAction<StoreImport>) -> AnyView {
    match draft {
        Some(draft) => view! { <DraftView draft store/> }.into_any(),
        None => view! { <SendForm/> }.into_any(),
    }
}

/// The form that sends a file: nothing is stored before its verdicts are seen.
#[component]
fn SendForm() -> impl IntoView {
    let lang = use_lang();
    let result = Signal::stored(last_result_at(SEND_PATH).0);
    view! {
        <section class="my-section" id="import">
            <p class="lead">{lang.pick(
                "Gửi tệp CSV tải từ một danh sách của cổng (hoặc lưu lại từ bảng tính dưới dạng «CSV UTF-8»), hoặc tệp JSON Lines theo định dạng dữ liệu mở. Cổng kiểm tra từng dòng và cho biết dòng nào mới, cập nhật, không đổi hay bị từ chối; chưa lưu gì cho đến khi bạn xác nhận.",
                "Send a CSV downloaded from one of the portal's lists (or saved from a spreadsheet as “CSV UTF-8”), or a JSON Lines file in the open-data format. The portal checks each line and says which are new, updated, unchanged or rejected; nothing is stored until you confirm.",
            )}</p>
            <FormStatus result/>
            <form method="post" action=SEND_PATH enctype="multipart/form-data" class="upload-form" data-progress="">
                <ComeBackTo id="import"/>
                <label for="import-file">{lang.pick("Tệp (CSV hoặc JSON Lines, tối đa 10 MB)", "File (CSV or JSON Lines, at most 10 MB)")}</label>
                <input type="file" id="import-file" name="file" required accept=".csv,.jsonl,.json,.txt,text/csv,application/json" aria-invalid=invalid(result, "file") aria-describedby="file-error"/>
                <FieldMessage result field="file"/>
                <button type="submit">{lang.pick("Kiểm tra tệp", "Check the file")}</button>
            </form>
            <UploadProgress
                sending=lang.pick("Đang gửi tệp:", "Sending the file:").to_string()
                checking=lang.pick("Đã gửi xong; cổng đang kiểm tra từng dòng…", "Sent; the portal is checking each line…").to_string()
            />
        </section>
    }
}

/// A file's verdicts, and the button that stores its good lines (once).
#[component]
fn DraftView(draft: Draft, store: ServerAction<StoreImport>) -> impl IntoView {
    let lang = use_lang();
    let verdicts = draft.verdicts;
    let changes = verdicts.count(Verdict::New) + verdicts.count(Verdict::Updated);
    let state = if draft.stored {
        view! {
            <p class="form-done" role="status">{format!(
                "{} {}.",
                lang.pick("Đã lưu trong một giao dịch:", "Stored in one transaction:"),
                summary(&verdicts, lang)
            )}</p>
        }
        .into_any()
    } else if verdicts.stored() == 0 {
        view! { <p class="form-error" role="alert">{lang.pick("Không dòng nào lưu được: hãy sửa tệp rồi gửi lại.", "No line can be stored: correct the file and send it again.")}</p> }.into_any()
    } else if changes == 0 {
        view! { <p>{lang.pick("Cổng đã có đúng như tệp ở mọi dòng đọc được: không có gì để lưu.", "The portal already holds every readable line as the file has it: nothing to store.")}</p> }.into_any()
    } else {
        view! {
            <p>{format!("{} {}.", lang.pick("Nếu lưu:", "If stored:"), summary(&verdicts, lang))}</p>
            <ActionForm action=store attr:class="stack-form">
                <input type="hidden" name="token" value=draft.token.clone()/>
                <ComeBackTo id="verdicts"/>
                <button type="submit" disabled=move || store.pending().get()>{format!("{} {changes} {}", lang.pick("Lưu", "Store"), lang.pick("hồ sơ", "records"))}</button>
            </ActionForm>
        }
        .into_any()
    };
    let listed = !verdicts.lines.is_empty();
    let rows =
        verdicts.lines.iter().cloned().map(|line| view! { <VerdictRow line stored=draft.stored/> }).collect_view();
    let cut = Verdict::ALL.iter().any(|v| *v != Verdict::Unchanged && verdicts.count(*v) > LISTED);
    view! {
        <section class="my-section" id="verdicts">
            <h2>{draft.file_name}</h2>
            <p class="hint">{lang.pick("Gửi lúc ", "Sent ")}{lang.moment(&draft.sent_at)}</p>
            <FormStatus result=last_result(store)/>
            {state}
            <ul class="counts import-counts">
                {Verdict::ALL.iter().map(|v| view! {
                    <li class="count-tile"><span class="count">{verdicts.count(*v)}</span>" "<span class="count-label">{v.label(lang)}</span></li>
                }).collect_view()}
            </ul>
            {listed.then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=lang.pick("Kết quả từng dòng", "Each line's verdict")><table>
                    <thead><tr>
                        <th scope="col">{lang.pick("Dòng", "Line")}</th>
                        <th scope="col">{lang.pick("Kết quả", "Verdict")}</th>
                        <th scope="col">{lang.pick("Hồ sơ hoặc lý do", "Record or reason")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            })}
            {cut.then(|| view! { <p class="hint">{lang.pick("Mỗi loại kết quả chỉ liệt kê 500 dòng đầu.", "Only the first 500 lines of each verdict are listed.")}</p> })}
            <p><a href=IMPORT_PAGE>{lang.pick("Gửi tệp khác", "Send another file")}</a></p>
        </section>
    }
}

#[component]
fn VerdictRow(line: LineVerdict, stored: bool) -> impl IntoView {
    let lang = use_lang();
    let what = match line.record {
        Some((kind, id)) if stored => {
            view! { {kind.label(lang)}" · "<a href=format!("{}/{id}", kind.path())>{id.clone()}</a> }.into_any()
        }
        Some((kind, id)) => view! { {kind.label(lang)}" · "{id} }.into_any(),
        None => line.reason.into_any(),
    };
    view! {
        <tr class=(line.verdict == Verdict::Rejected).then_some("rejected")>
            <td>{line.line}</td>
            <td>{line.verdict.label(lang)}</td>
            <td>{what}</td>
        </tr>
    }
}

/// "3 new, 1 updated, …" in `lang`.
fn summary(verdicts: &Verdicts, lang: crate::i18n::Lang) -> String {
    Verdict::ALL
        .iter()
        .map(|v| format!("{} {}", verdicts.count(*v), v.label(lang).to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}
