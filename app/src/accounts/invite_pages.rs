//! Inviting colleagues: the form on the account page, and the page an invitation's link opens.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::invitations::{
    invitation, invitations_for_me, organization_members, waiting_invitations, AcceptInvitation, DeclineInvitation,
    InvitationView, InviteColleague, JoinOrganization, WithdrawInvitation,
};
use super::pages::SignOutButton;
use crate::forms::{invalid, typed, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::ErrorNotice;

/// On the account page of a member of an organization: invite a colleague by email, and who
/// was invited and has not answered yet.
#[component]
pub fn InviteColleagues(organization_name: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<InviteColleague>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let result = crate::forms::last_result(action);
    // What was typed comes back when it was refused (or carried to the other language): once
    // sent, the box is empty for the next colleague (in the browser too).
    let sent = result.with_untracked(|r| matches!(r, Some(Ok(_))));
    let typed = if sent { String::new() } else { typed::<InviteColleague>().or("email", "") };
    let email = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if result.with(|r| matches!(r, Some(Ok(_)))) {
            if let Some(input) = email.get() {
                input.set_value("");
            }
        }
    });
    let waiting = Resource::new(move || (action.version().get(), withdraw.version().get()), |_| waiting_invitations());
    let members = Resource::new(|| (), |_| organization_members());
    let done =
        lang.pick("Đã gửi lời mời qua email (hiệu lực 7 ngày).", "The invitation was mailed (valid for 7 days).");
    view! {
        <section class="invite" id="invite">
            <h2>{lang.pick("Mời đồng nghiệp", "Invite colleagues")}</h2>
            <p class="hint">{lang.pick(
                format!("Đồng nghiệp nhận lời sẽ là thành viên của {organization_name}: sửa hồ sơ tổ chức, đăng nhu cầu và công nghệ, nộp hồ sơ thay mặt tổ chức và mời thêm người."),
                format!("Colleagues who accept become members of {organization_name}: they edit its profile, post its needs and offers, apply on its behalf and invite others."),
            )}</p>
            <FormStatus result done/>
            <ActionForm action attr:class="stack-form">
                <ComeBackTo id="invite"/>
                <label for="invite-email">{lang.pick("Email của đồng nghiệp", "Your colleague's email")}</label>
                <input id="invite-email" name="email" type="email" autocomplete="off" required maxlength="120"
                    node_ref=email value=typed aria-invalid=invalid(result, "email") aria-describedby="email-error"/>
                <FieldMessage result field="email"/>
                <button type="submit">{lang.pick("Gửi lời mời", "Send the invitation")}</button>
            </ActionForm>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let waiting = waiting.await.unwrap_or_default();
                    (!waiting.is_empty()).then(|| {
                        let items = waiting
                            .into_iter()
                            .map(|(email, expires)| {
                                let until = lang.pick(format!(" · đến {}", lang.day(&expires)), format!(" · until {}", lang.day(&expires)));
                                view! {
                                    <li>
                                        {email.clone()}<span class="hint">{until}</span>
                                        <ActionForm action=withdraw attr:class="inline-form">
                                            <input type="hidden" name="email" value=email.clone()/>
                                            <ComeBackTo id="invite"/>
                                            <button type="submit" class="button-link" aria-label=lang.pick(format!("Huỷ lời mời {email}"), format!("Withdraw the invitation of {email}"))>
                                                {lang.pick("Huỷ lời mời", "Withdraw")}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <h3>{lang.pick("Đang chờ trả lời", "Waiting for an answer")}</h3>
                            <ul class="invited">{items}</ul>
                        }
                    })
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let members = members.await.unwrap_or_default();
                    let count = members.len();
                    let items = members
                        .into_iter()
                        .map(|(name, email)| view! { <li>{name}<span class="hint">{format!(" · {email}")}</span></li> })
                        .collect_view();
                    view! {
                        <h3>{lang.pick(format!("Thành viên ({count})"), format!("Members ({count})"))}</h3>
                        <ul class="members">{items}</ul>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// On the account page: the invitations waiting for the person's address, each with a button
/// that accepts it (nothing shows when there are none). Someone invited before they had an
/// account lands here after confirming their address.
#[component]
pub fn InvitationsForYou(member: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AcceptInvitation>::new();
    let decline = ServerAction::<DeclineInvitation>::new();
    let result = crate::forms::last_result(action);
    let declined = crate::forms::last_result(decline);
    let waiting = Resource::new(move || decline.version().get(), |_| invitations_for_me());
    let done = lang.pick("Đã từ chối lời mời.", "Invitation declined.");
    view! {
        // Outside the list, which is gone once the last invitation is declined.
        <FormStatus result=declined done/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let waiting = waiting.await.unwrap_or_default();
                (!waiting.is_empty()).then(|| {
                    let items = waiting
                        .into_iter()
                        .map(|found| view! { <InvitationItem found action decline member/> })
                        .collect_view();
                    view! {
                        <section class="invitations" id="invitations">
                            <h2>{lang.pick("Lời mời tham gia tổ chức", "Invitations to join")}</h2>
                            <FormStatus result/>
                            <ul class="invited">{items}</ul>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn InvitationItem(
    found: InvitationView,
    action: ServerAction<AcceptInvitation>,
    decline: ServerAction<DeclineInvitation>,
    member: bool,
) -> impl IntoView {
    let lang = use_lang();
    let organization = found.organization_name.clone();
    let who = found.inviter.clone().unwrap_or_else(|| lang.pick("Một đồng nghiệp", "A colleague").to_string());
    let leaving = member.then(|| {
        view! { <p class="hint">{lang.pick("Bạn sẽ rời tổ chức hiện tại của mình.", "You will leave your current organization.")}</p> }
    });
    let join = lang.pick(format!("Tham gia {organization}"), format!("Join {organization}"));
    let href = format!("/organizations/{}", found.organization);
    let (accepted, declined) = (found.organization.clone(), found.organization.clone());
    let refuse =
        lang.pick(format!("Từ chối lời mời vào {organization}"), format!("Decline the invitation from {organization}"));
    view! {
        <li>
            <p>{lang.pick(format!("{who} mời bạn tham gia "), format!("{who} invites you to join "))}
                <a href=href>{organization.clone()}</a>"."
            </p>
            {leaving}
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="organization" value=accepted/>
                <button type="submit">{join}</button>
            </ActionForm>
            <ActionForm action=decline attr:class="inline-form">
                <input type="hidden" name="organization" value=declined/>
                <ComeBackTo id="invitations"/>
                <button type="submit" class="button-link" aria-label=refuse>
                    {lang.pick("Từ chối", "Decline")}
                </button>
            </ActionForm>
        </li>
    }
}

/// `/join?token=…`: what the invitation is, and what to do with it for whoever opens it.
#[component]
pub fn JoinPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let found = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        invitation,
    );
    let viewer = Resource::new(|| (), |_| super::api::get_viewer());
    view! {
        <Title text=lang.pick("Lời mời tham gia tổ chức", "An invitation to join")/>
        <section class="form-page">
            <h1>{lang.pick("Lời mời tham gia tổ chức", "An invitation to join")}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match (found.await, viewer.await) {
                            (Ok(Some(found)), Ok(viewer)) => view! { <Invitation found viewer token/> }.into_any(),
                            (Ok(None), _) => view! {
                                <p>{lang.pick(
                                    "Lời mời đã hết hạn hoặc đã được dùng. Hãy nhờ đồng nghiệp mời lại.",
                                    "This invitation has expired or was already used. Ask your colleague to invite you again.",
                                )}</p>
                            }.into_any(),
                            (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// A usable invitation, for someone signed in or not.
#[component]
fn Invitation(found: InvitationView, viewer: super::model::Viewer, token: String) -> impl IntoView {
    let lang = use_lang();
    let organization = found.organization_name.clone();
    let who = found.inviter.clone().unwrap_or_else(|| lang.pick("Một đồng nghiệp", "A colleague").to_string());
    let lead = lang.pick(
        format!("{who} mời bạn tham gia {organization} trên cổng."),
        format!("{who} invites you to join {organization} on the portal."),
    );
    let next = format!("/join?token={token}");
    let answer = match viewer.user {
        None => view! {
            <p>
                <a class="button" href=format!("/signin?next={}", crate::text::url_encode(&next))>{lang.pick("Đăng nhập để nhận lời", "Sign in to accept")}</a>
            </p>
            <p class="hint">
                {lang.pick("Chưa có tài khoản? ", "No account yet? ")}
                <a href=format!("/signup?email={}", crate::text::url_encode(&found.email))>{lang.pick("Đăng ký", "Sign up")}</a>
                {lang.pick(
                    format!(" bằng địa chỉ {}: sau khi xác nhận email, lời mời chờ bạn ở trang Tài khoản.", found.email),
                    format!(" with the address {}: once it is confirmed, the invitation waits on your account page.", found.email),
                )}
            </p>
        }
        .into_any(),
        Some(user) if user.email != found.email => view! {
            <p>{lang.pick(
                format!("Lời mời này gửi tới {}. Hãy đăng nhập bằng địa chỉ đó để nhận lời.", found.email),
                format!("This invitation was sent to {}. Sign in with that address to accept it.", found.email),
            )}</p>
            <SignOutButton/>
        }
        .into_any(),
        Some(user) if user.organization.as_deref() == Some(found.organization.as_str()) => view! {
            <p>{lang.pick("Bạn đã là thành viên của tổ chức này. ", "You are already a member of this organization. ")}
                <a href=format!("/organizations/{}", found.organization)>{organization.clone()}</a>
            </p>
        }
        .into_any(),
        Some(user) => {
            let action = ServerAction::<JoinOrganization>::new();
            let result = crate::forms::last_result(action);
            let leaving = user.organization.is_some().then(|| {
                view! { <p class="hint">{lang.pick("Bạn sẽ rời tổ chức hiện tại của mình.", "You will leave your current organization.")}</p> }
            });
            view! {
                {leaving}
                <FormStatus result/>
                <ActionForm action attr:class="stack-form">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit">{lang.pick(format!("Tham gia {organization}"), format!("Join {organization}"))}</button>
                </ActionForm>
                <p class="hint">
                    {lang.pick("Không muốn tham gia? ", "Not joining? ")}
                    <a href="/account#invitations">{lang.pick("Từ chối ở trang Tài khoản", "Decline it on your account page")}</a>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <p class="lead">{lead}</p>
        {answer}
    }
}
