//! Sign in, sign up, password reset and the account page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{get_account, ConfirmSignup, RequestReset, ResetPassword, SignIn, SignOut, SignUp};
use super::model::{Role, MIN_PASSWORD};
use crate::forms::{invalid, typed, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::{ErrorNotice, SignInFirst};

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let next =
        use_query_map().with_untracked(|q| q.get("next")).filter(|n| crate::i18n::is_local_path(n)).unwrap_or_default();
    view! {
        <Title text=lang.pick("Đăng nhập", "Sign in")/>
        <SignInForm next/>
    }
}

/// The sign-in form; `next` is where to go afterwards.
#[component]
fn SignInForm(next: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SignIn>::new();
    let result = crate::forms::last_result(action);
    let typed = typed::<SignIn>();
    let next = typed.or("next", next);
    view! {
        <section class="form-page">
            <h1>{lang.pick("Đăng nhập", "Sign in")}</h1>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="next" value=next/>
                <label for="email">"Email"</label>
                <input id="email" name="email" value=typed.or("email", "") type="email" autocomplete="username" required maxlength="120"/>
                <label for="password">{lang.pick("Mật khẩu", "Password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" aria-invalid=invalid(result, "password") aria-describedby="password-error"/>
                <FieldMessage result field="password"/>
                <button type="submit">{lang.pick("Đăng nhập", "Sign in")}</button>
            </ActionForm>
            <p><a href="/reset">{lang.pick("Quên mật khẩu?", "Forgot your password?")}</a></p>
            <p>{lang.pick("Chưa có tài khoản? ", "No account yet? ")}<a href="/signup">{lang.pick("Đăng ký", "Sign up")}</a></p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("Đăng ký", "Sign up")/>
        <SignUpForm/>
    }
}

#[component]
fn SignUpForm() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SignUp>::new();
    let result = crate::forms::last_result(action);
    let typed = typed::<SignUp>();
    // An invitation's page links here with the address it was sent to.
    let invited = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("email")).unwrap_or_default();
    let chosen = typed.or("role", "");
    let roles = [Role::Member, Role::Researcher].map(|role| {
        let hint = match role {
            Role::Member => lang.pick(
                "Đăng nhu cầu công nghệ, tìm đối tác, nộp hồ sơ kêu gọi và thử nghiệm.",
                "Post technology needs, find partners, apply to calls and pilots.",
            ),
            _ => lang.pick(
                "Quản lý hồ sơ phòng thí nghiệm, chuyên gia và công nghệ chào bán.",
                "Manage lab and expert profiles and technology offers.",
            ),
        };
        view! {
            <label class="choice">
                <input type="radio" name="role" value=role.code() checked=chosen == role.code() required/>
                <span><strong>{role.label(lang)}</strong><br/><span class="hint">{hint}</span></span>
            </label>
        }
    });
    let done = lang.pick(
        "Chúng tôi đã gửi thư tới email này. Hãy mở liên kết trong thư để hoàn tất đăng ký (hiệu lực 24 giờ).",
        "We have sent a mail to this address. Open the link in it to finish signing up (valid for 24 hours).",
    );
    // Once the mail is sent the form steps aside (it would invite a second sign-up); what to
    // do next, and what to do if no mail comes, takes its place.
    let sent = move || result.with(|r| matches!(r, Some(Ok(_))));
    view! {
        <section class="form-page" class:sent=sent>
            <h1>{lang.pick("Tạo tài khoản", "Create an account")}</h1>
            <FormStatus result done/>
            <p class="after-sent hint">
                {lang.pick(
                    "Chưa thấy thư sau vài phút? Hãy xem thư mục thư rác, hoặc ",
                    "No mail after a few minutes? Look in the spam folder, or ",
                )}
                <a href="/signup">{lang.pick("đăng ký lại", "sign up again")}</a>
                {lang.pick(" với đúng địa chỉ.", " with the right address.")}
            </p>
            <ActionForm action attr:class="stack-form">
                <label for="name">{lang.pick("Họ và tên", "Full name")}</label>
                <input id="name" name="name" value=typed.or("name", "") autocomplete="name" required maxlength="120" aria-invalid=invalid(result, "name") aria-describedby="name-error"/>
                <FieldMessage result field="name"/>
                <label for="email">"Email"</label>
                <input id="email" name="email" value=typed.or("email", &invited) type="email" autocomplete="email" required maxlength="120" aria-invalid=invalid(result, "email") aria-describedby="email-error"/>
                <FieldMessage result field="email"/>
                <label for="password">{lang.pick("Mật khẩu", "Password")}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength=MIN_PASSWORD.to_string() maxlength="200" aria-invalid=invalid(result, "password") aria-describedby="password-error"/>
                <p class="hint">{lang.pick(format!("Ít nhất {MIN_PASSWORD} ký tự."), format!("At least {MIN_PASSWORD} characters."))}</p>
                <FieldMessage result field="password"/>
                <fieldset class="choices">
                    <legend>{lang.pick("Bạn là", "You are")}</legend>
                    {roles}
                </fieldset>
                <FieldMessage result field="role"/>
                <label class="check consent">
                    <input type="checkbox" name="consent" value="yes" required aria-invalid=invalid(result, "consent") aria-describedby="consent-error"/>
                    <span>
                        {lang.pick("Tôi đồng ý với ", "I agree to the ")}
                        <a href="/terms" target="_blank">{lang.pick("điều khoản sử dụng", "terms of use")}</a>
                        {lang.pick(" và ", " and the ")}
                        <a href="/privacy" target="_blank">{lang.pick("chính sách bảo vệ dữ liệu cá nhân", "personal-data policy")}</a>
                        {lang.pick(" (Nghị định 13/2023/NĐ-CP).", " (Decree 13/2023/NĐ-CP).")}
                    </span>
                </label>
                <FieldMessage result field="consent"/>
                <button type="submit">{lang.pick("Tạo tài khoản", "Create account")}</button>
            </ActionForm>
            <p>{lang.pick("Đã có tài khoản? ", "Already registered? ")}<a href="/signin">{lang.pick("Đăng nhập", "Sign in")}</a></p>
        </section>
    }
}

/// The page a sign-up link opens: the password chosen at sign-up and one button confirm the
/// address (a link alone changes nothing, so a mail scanner that follows it creates no account,
/// and someone who signed up with another person's address cannot have them confirm it).
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let action = ServerAction::<ConfirmSignup>::new();
    let result = crate::forms::last_result(action);
    view! {
        <Title text=lang.pick("Xác nhận email", "Confirm your email")/>
        <section class="form-page">
            <h1>{lang.pick("Xác nhận email", "Confirm your email")}</h1>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="token" value=token/>
                <label for="password">{lang.pick("Mật khẩu bạn đã chọn khi đăng ký", "The password you chose when signing up")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" aria-invalid=invalid(result, "password") aria-describedby="password-error"/>
                <FieldMessage result field="password"/>
                <button type="submit">{lang.pick("Xác nhận và tạo tài khoản", "Confirm and create account")}</button>
            </ActionForm>
        </section>
    }
}

/// Asks for a reset link, or (with `?token=`) sets the new password.
#[component]
pub fn ResetPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_query_map().with_untracked(|q| q.get("token"));
    view! {
        <Title text=lang.pick("Đặt lại mật khẩu", "Reset password")/>
        <ResetForm token/>
    }
}

#[component]
fn ResetForm(token: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let form = match token {
        Some(token) => {
            let action = ServerAction::<ResetPassword>::new();
            let result = crate::forms::last_result(action);
            view! {
                <FormStatus result/>
                <ActionForm action attr:class="stack-form">
                    <input type="hidden" name="token" value=token/>
                    <label for="password">{lang.pick("Mật khẩu mới", "New password")}</label>
                    <input id="password" name="password" type="password" autocomplete="new-password" required minlength=MIN_PASSWORD.to_string() maxlength="200"/>
                    <FieldMessage result field="password"/>
                    <button type="submit">{lang.pick("Đặt mật khẩu", "Set password")}</button>
                </ActionForm>
            }
            .into_any()
        }
        None => {
            let action = ServerAction::<RequestReset>::new();
            let result = crate::forms::last_result(action);
            let email = typed::<RequestReset>().or("email", "");
            let done = lang.pick(
                "Nếu email này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu (hiệu lực 1 giờ).",
                "If this email has an account, we have sent a reset link (valid for 1 hour).",
            );
            view! {
                <FormStatus result done/>
                <ActionForm action attr:class="stack-form">
                    <label for="email">"Email"</label>
                    <input id="email" name="email" value=email type="email" autocomplete="email" required maxlength="120"/>
                    <button type="submit">{lang.pick("Gửi liên kết", "Send link")}</button>
                </ActionForm>
            }
            .into_any()
        }
    };
    view! {
        <section class="form-page">
            <h1>{lang.pick("Đặt lại mật khẩu", "Reset your password")}</h1>
            {form}
        </section>
    }
}

/// The sign-out button.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action attr:class="inline-form">
            <button type="submit" class="button-link">{lang.pick("Đăng xuất", "Sign out")}</button>
        </ActionForm>
    }
}

/// Who is signed in, asked once per page (`provide_viewer` at the top): the header, list pages
/// and forms all read this one answer.
#[derive(Clone, Copy)]
struct ViewerData(Resource<Result<super::model::Viewer, crate::error::AppError>>);

/// Asks who is signed in, once for the whole page.
pub fn provide_viewer() {
    provide_context(ViewerData(Resource::new(|| (), |_| super::api::get_viewer())));
}

/// Who is signed in: the page's one answer (or a request of its own outside `App`).
pub fn use_viewer() -> Resource<Result<super::model::Viewer, crate::error::AppError>> {
    use_context::<ViewerData>().map(|v| v.0).unwrap_or_else(|| Resource::new(|| (), |_| super::api::get_viewer()))
}

/// The header's account links: sign in, or the inbox with its count and the account page.
#[component]
pub fn AccountLinks(
    /// Who is signed in (the header draws these links twice, for a desktop and in a phone's
    /// menu, from one request).
    data: Resource<Result<super::model::Viewer, crate::error::AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => match v.user {
                        Some(user) => {
                            let label = if v.unread > 0 {
                                format!("{} ({})", lang.pick("Hộp thư", "Inbox"), v.unread)
                            } else {
                                lang.pick("Hộp thư", "Inbox").to_string()
                            };
                            view! {
                                <a class="account-link" href="/inbox">{label}</a>
                                <a class="account-link" href="/mine">{lang.pick("Của tôi", "Mine")}</a>
                                <a class="account-link" href="/account">{user.name}</a>
                            }
                            .into_any()
                        }
                        None => view! {
                            <a class="account-link" href="/signin">{lang.pick("Đăng nhập", "Sign in")}</a>
                            <a class="account-link account-cta" href="/signup">{lang.pick("Đăng ký", "Sign up")}</a>
                        }.into_any(),
                    },
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// Who I am, what I can do, and the way to my listings; `children` (what other domains add)
/// below the details.
#[component]
pub fn AccountPage(
    /// Below everything, the last part of the page, for the signed-in person.
    #[prop(into)]
    last: Callback<super::model::User, AnyView>,
    children: ChildrenFn,
) -> impl IntoView {
    let lang = use_lang();
    // Joining an organization comes back here with `?joined=`: read the account again.
    let joined = leptos_router::hooks::use_query_map();
    let data = Resource::new(move || joined.with(|q| q.get("joined")), |_| get_account());
    view! {
        <Title text=lang.pick("Tài khoản", "Account")/>
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                match data.await {
                    Ok(v) => match v.user {
                        Some(user) => view! {
                            <AccountSummary user=user.clone() organization_name=v.organization_name joined=joined.with_untracked(|q| q.get("joined"))>{children()}</AccountSummary>
                            {last.run(user)}
                        }.into_any(),
                        None => view! { <SignInFirst/> }.into_any(),
                    },
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn AccountSummary(
    user: super::model::User,
    organization_name: Option<String>,
    /// The organization the person just joined, if they came here from joining it.
    joined: Option<String>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let welcome = (joined.is_some() && joined == user.organization).then(|| {
        let name = organization_name.clone().unwrap_or_default();
        view! { <p class="form-done" role="status">{lang.pick(format!("Bạn đã là thành viên của {name}."), format!("You are now a member of {name}."))}</p> }
    });
    let roles = user.roles.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join(", ");
    let invitations = view! { <super::invite_pages::InvitationsForYou member=user.organization.is_some()/> };
    let invite = user.organization.is_some().then(|| {
        let organization_name = organization_name.clone().unwrap_or_default();
        view! { <super::invite_pages::InviteColleagues organization_name/> }
    });
    let organization = match user.organization.clone() {
        Some(id) => view! { <a href=format!("/organizations/{id}")>{organization_name.unwrap_or_else(|| id.clone())}</a> }.into_any(),
        None => view! { <a href="/organizations/new">{lang.pick("Tạo hồ sơ tổ chức", "Create your organization's profile")}</a> }.into_any(),
    };
    let admin = user
        .has(Role::Admin)
        .then(|| view! { <li><a href="/admin">{lang.pick("Quản trị", "Administration")}</a></li> });
    let moderation = user.is_staff().then(|| {
        view! {
            <li><a href="/moderation">{lang.pick("Kiểm duyệt", "Moderation")}</a></li>
            <li><a href=crate::imports::model::IMPORT_PAGE>{lang.pick("Nhập dữ liệu", "Import records")}</a></li>
        }
    });
    view! {
        <section class="form-page">
            <h1>{user.name.clone()}</h1>
            {welcome}
            <dl class="fields">
                <div class="field"><dt>"Email"</dt><dd>{user.email.clone()}</dd></div>
                <div class="field"><dt>{lang.pick("Vai trò", "Roles")}</dt><dd>{roles}</dd></div>
                <div class="field">
                    <dt>{lang.pick("Tổ chức", "Organization")}</dt>
                    <dd>{organization}</dd>
                </div>
            </dl>
            <super::rename::RenameForm name=user.name.clone()/>
            <super::email_change::ChangeEmailForm/>
            {invitations}
            {invite}
            {children()}
            <ul class="account-actions">
                <li><a href="/inbox">{lang.pick("Hộp thư", "Inbox")}</a></li>
                <li><a href="/mine">{lang.pick("Hồ sơ và hoạt động của tôi", "My listings and activity")}</a></li>
                <li><a href="/fn/export_my_data" download="du-lieu-cua-toi.json">{lang.pick("Tải về dữ liệu của tôi (JSON)", "Download my data (JSON)")}</a></li>
                {moderation}
                {admin}
            </ul>
            <SignOutButton/>
        </section>
        <super::security_pages::AccountSecurity/>
    }
}
