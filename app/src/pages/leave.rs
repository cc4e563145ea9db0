//! Deleting one's account (the right to erasure of Decree 13/2023/NĐ-CP): the download of one's
//! data offered first, what goes and what stays said plainly, the password asked once more.
//! Each domain lets go of its part; the account is closed last, so a failure half-way leaves
//! an account that can try again.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::{invalid, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;

/// Deletes the signed-in person's account: drafts, saved searches, unanswered introduction
/// and service requests, inbox and sessions go; instrument bookings to come are cancelled (today's
/// only if not yet approved); published records stay in the catalogue with nobody managing them; applications stay with the officers under the name "deleted account". Staff delete theirs once another
/// admin has taken their roles away (the province's work is not left without its officers).
#[server(prefix = "/fn", endpoint = "delete_account")]
pub async fn delete_account(confirm_password: String, #[server(default)] understood: String) -> Result<(), AppError> {
    use crate::accounts::{checks, repo, security_api, session};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let user = session::require_user().await?;
    if user.is_staff() {
        return Err(AppError::Forbidden);
    }
    if understood != "yes" {
        let message = lang.pick("Hãy đánh dấu ô xác nhận.", "Tick the box to confirm.");
        return Err(checks::field("understood", message));
    }
    security_api::confirm_password(&state.db, &user, confirm_password, "confirm_password").await?;
    crate::listings::repo::release(&state.db, user.id).await?;
    crate::alerts::repo::delete_all(&state.db, user.id).await?;
    crate::introductions::repo::drop_waiting(&state.db, user.id).await?;
    crate::service_requests::repo::drop_waiting(&state.db, user.id).await?;
    crate::bookings::repo::cancel_held(&state.db, user.id, &crate::clock::today().to_string()).await?;
    crate::inbox::repo::forget(&state.db, user.id).await?;
    repo::email_changes::forget(&state.db, user.id, true).await?;
    repo::audit(&state.db, user.id, "delete_account", &format!("user:{}", user.id), "").await?;
    session::end(&state.db).await?;
    repo::close_account(&state.db, user.id).await?;
    let body = "Tài khoản của bạn trên Sàn Đổi mới sáng tạo Khánh Hòa đã được xoá theo yêu cầu của bạn.\n\n\
                Your account on the Khánh Hòa Innovation Exchange was deleted, as you asked.\n";
    repo::queue_mail(&state.db, &user.email, "Tài khoản đã được xoá · Your account was deleted", body).await?;
    leptos_axum::redirect("/?account=deleted");
    Ok(())
}

/// The last part of the account page: delete the account, behind one more click (officers and
/// administrators are told what comes first).
#[component]
pub fn DeleteAccount(staff: bool) -> impl IntoView {
    let lang = use_lang();
    if staff {
        return view! {
            <section class="account-delete" id="delete">
                <h2>{lang.pick("Xoá tài khoản", "Delete the account")}</h2>
                <p>{lang.pick(
                    "Tài khoản cán bộ, quản trị viên xoá được sau khi một quản trị viên khác gỡ vai trò của tài khoản (trang Quản trị).",
                    "An officer or administrator account can be deleted once another administrator has removed its roles (Administration page).",
                )}</p>
            </section>
        }
        .into_any();
    }
    let action = ServerAction::<DeleteAccount>::new();
    let result = crate::forms::last_result(action);
    let refused = result.get_untracked().is_some_and(|r| r.is_err());
    view! {
        <section class="account-delete" id="delete">
            <h2>{lang.pick("Xoá tài khoản", "Delete the account")}</h2>
            <details class="confirm" open=refused>
                <summary>{lang.pick("Xoá tài khoản của tôi…", "Delete my account…")}</summary>
                <p>
                    {lang.pick("Trước khi xoá, bạn có thể ", "Before you do, you may ")}
                    <a href="/fn/export_my_data" download="du-lieu-cua-toi.json">{lang.pick("tải về dữ liệu của mình", "download your data")}</a>
                    "."
                </p>
                <ul class="consequences">
                    <li>{lang.pick(
                        "Bị xoá ngay: họ tên, email, mật khẩu, bản nháp, tìm kiếm đã lưu, đề nghị gặp và yêu cầu dịch vụ chưa được trả lời, hộp thư và mọi phiên đăng nhập; lịch đặt thiết bị sắp tới (và lịch hôm nay chưa được duyệt) được hủy, trả lại giờ trống.",
                        "Deleted at once: your name, email, password, drafts, saved searches, requests to meet and service requests not yet settled, inbox and every session; instrument bookings ahead (and today's not yet approved) are cancelled, freeing their hours.",
                    )}</li>
                    <li>{lang.pick(
                        "Được giữ lại: hồ sơ đã đăng công khai (Sở Khoa học và Công nghệ quản lý thay) và hồ sơ đã nộp cho kêu gọi, thử nghiệm: cán bộ vẫn xem được, người nộp hiện là «Tài khoản đã xoá».",
                        "Kept: published records (the Department of Science and Technology looks after them) and the applications you sent to calls and pilots: officers still see them, the applicant shown as “Deleted account”.",
                    )}</li>
                    <li>{lang.pick("Không thể hoàn tác.", "This cannot be undone.")}</li>
                </ul>
                <FormStatus result/>
                <ActionForm action attr:class="stack-form">
                    <ComeBackTo id="delete"/>
                    <label for="confirm_password">{lang.pick("Mật khẩu của bạn", "Your password")}</label>
                    <input id="confirm_password" name="confirm_password" type="password" autocomplete="current-password" required maxlength="200"
                        aria-invalid=invalid(result, "confirm_password") aria-describedby="confirm_password-error"/>
                    <FieldMessage result field="confirm_password"/>
                    <label class="check">
                        <input type="checkbox" name="understood" value="yes" required
                            aria-invalid=invalid(result, "understood") aria-describedby="understood-error"/>
                        <span>{lang.pick("Tôi hiểu tài khoản bị xoá vĩnh viễn.", "I understand the account is deleted for good.")}</span>
                    </label>
                    <FieldMessage result field="understood"/>
                    <button type="submit" class="button-danger">{lang.pick("Xoá vĩnh viễn tài khoản", "Delete the account for good")}</button>
                </ActionForm>
            </details>
        </section>
    }
    .into_any()
}
