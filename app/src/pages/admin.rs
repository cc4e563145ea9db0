//! `/admin`: people with their roles and suspensions (accounts and moderation meet here), the
//! audit log, and the outbox.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::api::{list_users, read_outbox, AssignUser};
use crate::accounts::audit_log::read_audit_log;
use crate::accounts::model::{People, Role, User};
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::forms::{last_result, FormStatus};
use crate::i18n::{use_lang, Lang};
use crate::moderation::api::{LiftSuspension, SuspendUser};
use crate::notices::ErrorNotice;

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("Quản trị", "Administration")/>
        <h1>{lang.pick("Quản trị", "Administration")}</h1>
        <p>
            <a href=crate::imports::model::IMPORT_PAGE>{lang.pick("Nhập dữ liệu", "Import records")}</a>
            {lang.pick(
                " từ bảng tính (CSV) hoặc tệp JSON Lines: xem kết quả từng dòng trước khi lưu.",
                " from a spreadsheet (CSV) or a JSON Lines file: see each line's verdict before storing.",
            )}
        </p>
        <Administration/>
    }
}

/// People with their roles, the audit log and the outbox.
#[component]
fn Administration() -> impl IntoView {
    let lang = use_lang();
    let assign = ServerAction::<AssignUser>::new();
    let suspend = ServerAction::<SuspendUser>::new();
    let lift = ServerAction::<LiftSuspension>::new();
    let users = Resource::new(|| (), |_| list_users());
    let log = Resource::new(|| (), |_| read_audit_log());
    let outbox = Resource::new(|| (), |_| read_outbox());
    view! {
        <FormStatus result=last_result(assign) done=lang.pick("Đã lưu vai trò và tổ chức.", "Roles and organization saved.")/>
        <FormStatus result=last_result(suspend) done=lang.pick("Đã tạm khóa tài khoản; tin đăng của họ đã được ẩn.", "Account suspended; its listings are hidden.")/>
        <FormStatus result=last_result(lift) done=lang.pick("Đã mở khóa tài khoản.", "Suspension lifted.")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(People { users, organizations }) => {
                        let names: std::collections::HashMap<String, String> = organizations.iter().cloned().collect();
                        let rows = users
                            .into_iter()
                            .map(|user| {
                                let organization = user.organization.as_ref().map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone()));
                                view! { <UserRow user organization assign suspend lift/> }
                            })
                            .collect_view();
                        let options = organizations.into_iter().map(|(_, label)| view! { <option value=label/> }).collect_view();
                        view! {
                            <section class="my-section">
                                <h2>{lang.pick("Người dùng", "People")}</h2>
                                <datalist id="organization-names">{options}</datalist>
                                <ul class="activity">{rows}</ul>
                            </section>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <crate::notices::SignInFirst/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let rows = log.await.unwrap_or_default().into_iter().map(|e| view! {
                    <tr>
                        <td>{lang.moment(&e.at)}</td>
                        <td>{e.email.unwrap_or_default()}</td>
                        <td title=e.action.clone()>{action_label(&e.action, lang)}</td>
                        <td>{match e.record {
                            Some((title, href)) => view! { <a href=href title=e.target>{title}</a> }.into_any(),
                            None => e.target.into_any(),
                        }}</td>
                        <td>{e.detail}</td>
                    </tr>
                }).collect_view();
                view! {
                    <section class="my-section">
                        <h2>{lang.pick("Nhật ký thao tác", "Audit log")}</h2>
                        // Scrolls sideways on a phone: reachable by keyboard, named.
                        <div class="table-wrap" tabindex="0" role="region" aria-label=lang.pick("Nhật ký thao tác", "Audit log")><table>
                            <thead><tr>
                                <th scope="col">{lang.pick("Thời điểm", "When")}</th>
                                <th scope="col">{lang.pick("Người làm", "Who")}</th>
                                <th scope="col">{lang.pick("Thao tác", "Action")}</th>
                                <th scope="col">{lang.pick("Đối tượng", "On")}</th>
                                <th scope="col">{lang.pick("Chi tiết", "Detail")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table></div>
                    </section>
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let rows = outbox.await.unwrap_or_default().into_iter().map(|m| view! {
                    <li class="activity-item"><p><strong>{m.recipient}</strong>" · "{m.subject}" · "{lang.moment(&m.created_at)}</p><pre>{m.body}</pre></li>
                }).collect_view();
                view! { <section class="my-section"><h2>{lang.pick("Thư đi", "Outbox")}</h2><ul class="activity">{rows}</ul></section> }
            })}
        </Suspense>
    }
}

#[component]
fn UserRow(
    user: User,
    /// The name of their organization.
    organization: Option<String>,
    assign: ServerAction<AssignUser>,
    suspend: ServerAction<SuspendUser>,
    lift: ServerAction<LiftSuspension>,
) -> impl IntoView {
    let lang = use_lang();
    let id = user.id.to_string();
    let boxes = Role::ALL
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let checked = user.has(*role);
            view! { <label class="check"><input type="checkbox" name=format!("roles[{i}]") value=role.code() checked=checked/>" "{role.label(lang)}</label> }
        })
        .collect_view();
    let sid = id.clone();
    let suspension = match user.suspended.clone() {
        Some(reason) => view! {
            <p><span class="badge">{lang.pick("Đang tạm khóa", "Suspended")}</span>" "{reason}</p>
            <ActionForm action=lift attr:class="inline-form">
                <input type="hidden" name="user_id" value=sid.clone()/>
                <button type="submit" class="button-link">{lang.pick("Mở khóa", "Lift the suspension")}</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <ActionForm action=suspend attr:class="reason-form">
                <input type="hidden" name="user_id" value=sid.clone()/>
                <label for=format!("suspend-{sid}")>{lang.pick("Lý do tạm khóa", "Reason to suspend")}</label>
                <input id=format!("suspend-{sid}") name="reason" required maxlength="500"/>
                <button type="submit" class="button-link">{lang.pick("Tạm khóa", "Suspend")}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <li class="activity-item">
            <p><strong>{user.name.clone()}</strong>" · "{user.email.clone()}</p>
            {suspension}
            <ActionForm action=assign attr:class="answer-form">
                <input type="hidden" name="user_id" value=id.clone()/>
                {boxes}
                <label for=format!("org-{id}")>{lang.pick("Tổ chức", "Organization")}</label>
                <input id=format!("org-{id}") class="name-input" name="organization" value=organization.unwrap_or_default() list="organization-names" maxlength="300"/>
                <button type="submit">{lang.pick("Lưu", "Save")}</button>
            </ActionForm>
        </li>
    }
}

/// An audit log action in words (an unknown code as it is).
fn action_label(code: &str, lang: Lang) -> String {
    if let Some(kind) = code.strip_prefix("publish_").and_then(Kind::from_code) {
        return format!("{}: {}", lang.pick("Đăng", "Published"), kind.label(lang));
    }
    let label = match code {
        "assign_user" => lang.pick("Đổi vai trò, tổ chức", "Changed roles, organization"),
        "change_password" => lang.pick("Đổi mật khẩu", "Changed password"),
        "reset_password" => lang.pick("Đặt lại mật khẩu", "Reset password"),
        "end_session" => lang.pick("Đăng xuất một phiên", "Ended a session"),
        "read_outbox" => lang.pick("Xem thư đi", "Read the outbox"),
        "record_indicator" => lang.pick("Ghi số liệu chỉ tiêu", "Recorded an indicator"),
        "verify_organization" => lang.pick("Xác minh tổ chức", "Verified an organization"),
        "hide_listing" => lang.pick("Ẩn tin đăng", "Hid a listing"),
        "show_listing" => lang.pick("Hiện lại tin đăng", "Showed a listing again"),
        "keep_listing" => lang.pick("Giữ nguyên tin đăng (kiểm duyệt)", "Kept a listing (moderation)"),
        "accept_affiliation" => lang.pick("Xác nhận thuộc tổ chức", "Confirmed an affiliation"),
        "decline_affiliation" => lang.pick("Từ chối thuộc tổ chức", "Declined an affiliation"),
        "move_application" => lang.pick("Chuyển bước hồ sơ", "Moved an application"),
        "suspend_user" => lang.pick("Tạm khóa tài khoản", "Suspended an account"),
        "lift_suspension" => lang.pick("Mở khóa tài khoản", "Lifted a suspension"),
        "reopen_application" => lang.pick("Mở lại hồ sơ để đánh giá", "Reopened an application"),
        "delete_account" => lang.pick("Xoá tài khoản của mình", "Deleted their account"),
        "invite_colleague" => lang.pick("Mời đồng nghiệp", "Invited a colleague"),
        "withdraw_invitation" => lang.pick("Huỷ lời mời", "Withdrew an invitation"),
        "decline_invitation" => lang.pick("Từ chối lời mời", "Declined an invitation"),
        "change_name" => lang.pick("Đổi họ tên", "Changed their name"),
        "request_email_change" => lang.pick("Yêu cầu đổi email", "Asked to change their email"),
        "change_email" => lang.pick("Đổi email", "Changed their email"),
        "join_organization" => lang.pick("Tham gia tổ chức", "Joined an organization"),
        "import_records" => lang.pick("Nhập dữ liệu từ tệp", "Imported records from a file"),
        other => other,
    };
    label.to_string()
}
