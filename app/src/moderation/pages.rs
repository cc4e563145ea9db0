//! `/moderation`, the officers' queue (new, changed and reported listings, each kept, taken
//! down, or its owner suspended; the listings hidden and the suspended accounts, each with a
//! way back), and the "report" box of a record's page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{LiftSuspension, SuspendUser};
use super::model::{Queued, Suspended};
use super::queue::{moderation_queue, suspended_users, KeepListing, ReportListing, TakeDown};
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::forms::{invalid, last_result, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::listings::mine::HiddenListings;
use crate::notices::{ErrorNotice, SignInFirst};

/// `/moderation`: what waits for an officer, the latest first, and the suspended accounts.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let lang = use_lang();
    let keep = ServerAction::<KeepListing>::new();
    let take_down = ServerAction::<TakeDown>::new();
    let suspend = ServerAction::<SuspendUser>::new();
    let lift = ServerAction::<LiftSuspension>::new();
    let queue = Resource::new(|| (), |_| moderation_queue());
    let suspended = Resource::new(|| (), |_| suspended_users());
    view! {
        <Title text=lang.pick("Kiểm duyệt", "Moderation")/>
        <h1>{lang.pick("Kiểm duyệt", "Moderation")}</h1>
        <FormStatus result=last_result(keep) done=lang.pick("Đã giữ nguyên hồ sơ; báo cáo đã được xử lý.", "The listing stays; its reports are settled.")/>
        <FormStatus result=last_result(take_down) done=lang.pick("Đã ẩn hồ sơ; người đăng (nếu có) được báo kèm lý do.", "The listing is hidden; its owner (if any) is told why.")/>
        <FormStatus result=last_result(suspend) done=lang.pick("Đã tạm khóa tài khoản; tin đăng của họ đã được ẩn.", "Account suspended; its listings are hidden.")/>
        <FormStatus result=last_result(lift) done=lang.pick("Đã mở khóa tài khoản.", "Suspension lifted.")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty">{lang.pick("Không có hồ sơ nào chờ xem xét.", "Nothing waits for review.")}</p>
                    }.into_any(),
                    Ok(items) => {
                        let rows = items
                            .into_iter()
                            .map(|item| view! { <QueueRow item keep take_down suspend/> })
                            .collect_view();
                        view! {
                            <section class="my-section">
                                <h2>{lang.pick("Chờ xem xét", "Waiting for review")}</h2>
                                <p class="hint">{lang.pick(
                                    "Hồ sơ mới đăng hoặc vừa sửa và hồ sơ bị báo cáo, mới nhất trước.",
                                    "Listings new or just changed and listings reported, the latest first.",
                                )}</p>
                                <ul class="activity">{rows}</ul>
                            </section>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <SignInFirst/> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
        <HiddenListings/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let accounts = suspended.await.unwrap_or_default();
                if accounts.is_empty() {
                    return ().into_any();
                }
                let rows = accounts.into_iter().map(|account| view! { <SuspendedRow account lift/> }).collect_view();
                view! {
                    <section class="my-section">
                        <h2>{lang.pick("Tài khoản đang tạm khóa", "Suspended accounts")}</h2>
                        <ul class="activity">{rows}</ul>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn QueueRow(
    item: Queued,
    keep: ServerAction<KeepListing>,
    take_down: ServerAction<TakeDown>,
    suspend: ServerAction<SuspendUser>,
) -> impl IntoView {
    let lang = use_lang();
    let Queued { kind, id, title, changed_at, unreviewed, owner, reports } = item;
    let key = format!("{}-{id}", kind.code());
    let new =
        unreviewed.then(|| view! { <span class="badge">{lang.pick("Mới đăng hoặc vừa sửa", "New or changed")}</span> });
    let reported = (!reports.is_empty()).then(|| {
        let count = reports.len();
        view! { <span class="badge badge-urgent">{lang.pick(format!("{count} báo cáo"), format!("{count} reports"))}</span> }
    });
    let reasons = reports
        .into_iter()
        .map(|r| view! { <li>{r.reason}<span class="hint">{format!(" · {}", lang.moment(&r.at))}</span></li> })
        .collect_view();
    let by = owner.as_ref().map(|o| {
        let suspended = o.suspended.then(|| view! { " " <span class="badge">{lang.pick("Đang tạm khóa", "Suspended")}</span> });
        view! { <p>{lang.pick("Người đăng: ", "Owner: ")}<strong>{o.name.clone()}</strong>" · "{o.email.clone()}{suspended}</p> }
    });
    let suspend_form = owner.filter(|o| !o.staff && !o.suspended).map(|o| {
        let field = format!("suspend-{key}");
        view! {
            <ActionForm action=suspend attr:class="reason-form">
                <input type="hidden" name="user_id" value=o.id.to_string()/>
                <label for=field.clone()>{lang.pick(format!("Lý do tạm khóa {}", o.name), format!("Reason to suspend {}", o.name))}</label>
                <input id=field name="reason" required maxlength="500"/>
                <button type="submit" class="button-link">{lang.pick("Tạm khóa người đăng", "Suspend the owner")}</button>
            </ActionForm>
        }
    });
    let hide_field = format!("hide-{key}");
    let href = format!("{}/{id}", kind.path());
    let hide_id = id.clone();
    view! {
        <li class="activity-item queue-item">
            <p>
                <span class="card-kind">{kind.label(lang)}</span>" "
                <a href=href>{title}</a>
            </p>
            <p class="hint">{new}" "{reported}" "{lang.moment(&changed_at)}</p>
            {by}
            <ul class="reasons">{reasons}</ul>
            <ActionForm action=keep attr:class="inline-form">
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button-link">{lang.pick("Giữ nguyên", "Keep it")}</button>
            </ActionForm>
            <ActionForm action=take_down attr:class="reason-form">
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="id" value=hide_id/>
                <label for=hide_field.clone()>{lang.pick("Lý do ẩn (người đăng sẽ được báo)", "Reason to hide it (its owner is told)")}</label>
                <input id=hide_field name="reason" required maxlength="500"/>
                <button type="submit" class="button-link">{lang.pick("Ẩn hồ sơ", "Hide it")}</button>
            </ActionForm>
            {suspend_form}
        </li>
    }
}

#[component]
fn SuspendedRow(account: Suspended, lift: ServerAction<LiftSuspension>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="activity-item">
            <p><strong>{account.name}</strong>" · "{account.email}</p>
            <p class="hint">{format!("{} · {}", lang.moment(&account.since), account.reason)}</p>
            <ActionForm action=lift attr:class="inline-form">
                <input type="hidden" name="user_id" value=account.id.to_string()/>
                <button type="submit" class="button-link">{lang.pick("Mở khóa", "Lift the suspension")}</button>
            </ActionForm>
        </li>
    }
}

/// What came of a report, where the page that comes back opens (the box is at its foot).
#[component]
pub fn ReportStatus() -> impl IntoView {
    let lang = use_lang();
    let result = last_result(ServerAction::<ReportListing>::new());
    view! { <FormStatus result done=lang.pick("Cảm ơn bạn. Cán bộ sẽ xem xét báo cáo.", "Thank you. An officer will look into it.")/> }
}

/// "Report this listing" on a record's page: why, in a few words, to the officers.
#[component]
pub fn ReportBox(kind: Kind, id: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ReportListing>::new();
    let result = last_result(action);
    let open = result.with_untracked(|r| matches!(r, Some(Err(_))));
    view! {
        <details class="report-box" open=open>
            <summary>{lang.pick("Báo cáo hồ sơ này", "Report this listing")}</summary>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="id" value=id/>
                <label for="report-reason">{lang.pick(
                    "Vì sao? (ví dụ: quảng cáo rác, thông tin sai, lừa đảo)",
                    "Why? (e.g. spam, wrong information, fraud)",
                )}</label>
                <textarea id="report-reason" name="reason" required maxlength="500" rows="3" aria-invalid=invalid(result, "reason") aria-describedby="reason-error"></textarea>
                <FieldMessage result field="reason"/>
                <button type="submit">{lang.pick("Gửi báo cáo", "Send the report")}</button>
            </ActionForm>
        </details>
    }
}
