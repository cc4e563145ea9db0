//! Colleagues invited to one's organization: a member names an address; the link mailed to it
//! (a week, once, only for the account with that address) makes its holder a member too. The
//! inviter is told when it is used.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

crate::keeps_typed!(InviteColleague);

/// How long an invitation can be used, in seconds.
#[cfg(feature = "ssr")]
const VALID_FOR: i64 = 7 * 24 * 3600;
/// How long someone who declined is not invited again to the same organization.
#[cfg(feature = "ssr")]
const DECLINED_REST: i64 = 30 * 24 * 3600;

/// An invitation as its link's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub organization: String,
    pub organization_name: String,
    /// Who invited, while their account exists.
    pub inviter: Option<String>,
    /// The address it was sent to.
    pub email: String,
}

/// Invites `email` to the signed-in person's organization: mails the link (an address that is
/// already a member is told so instead, and nothing is sent).
#[server(prefix = "/fn", endpoint = "invite_colleague")]
pub async fn invite_colleague(email: String) -> Result<(), AppError> {
    use super::{checks, repo, secret, session, throttle};
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let user = session::require_user().await?;
    let organization = user.organization.clone().ok_or(AppError::Forbidden)?;
    let email = email.trim().to_lowercase();
    checks::email(lang, &email)?;
    if repo::is_member(&state.db, &organization, &email).await? {
        let message = lang
            .pick("Người này đã là thành viên của tổ chức.", "This person is already a member of the organization.");
        return Err(checks::field("email", message));
    }
    if repo::waiting_invitations(&state.db, &organization).await?.iter().any(|(invited, _)| *invited == email) {
        let message = lang.pick(
            "Địa chỉ này đã được mời và lời mời vẫn còn hiệu lực.",
            "This address was already invited and the invitation is still valid.",
        );
        return Err(checks::field("email", message));
    }
    if repo::declined_since(&state.db, &organization, &email, DECLINED_REST).await? {
        let message = lang.pick(
            "Người này vừa từ chối lời mời của tổ chức; có thể mời lại sau 30 ngày.",
            "This person declined an invitation to the organization lately; you may invite them again after 30 days.",
        );
        return Err(checks::field("email", message));
    }
    let (subject, recipient) = (format!("account:{}", user.id), format!("email:{email}"));
    throttle::check(&state.db, &throttle::INVITES_ACCOUNT, &subject, lang).await?;
    throttle::check(&state.db, &throttle::INVITES_EMAIL, &recipient, lang).await?;
    throttle::record(&state.db, &throttle::INVITES_ACCOUNT, &[&subject]).await?;
    throttle::record(&state.db, &throttle::INVITES_EMAIL, &[&recipient]).await?;
    let token = secret::new_token()?;
    repo::create_invitation(&state.db, &secret::token_hash(&token), &organization, &email, user.id, VALID_FOR).await?;
    let (vi, en) = names(&state.db, &organization).await?;
    let origin = state.site.origin();
    let body = format!(
        "{name} mời bạn tham gia {vi} trên Sàn Đổi mới sáng tạo Khánh Hòa. Mở liên kết (hiệu lực 7 ngày):\n\
         {origin}/join?token={token}\n\
         Chưa có tài khoản? Hãy đăng ký bằng chính địa chỉ email này: lời mời sẽ chờ bạn ở trang Tài khoản.\n\n\
         {name} invites you to join {en} on the Khánh Hòa Innovation Exchange. Open the link (valid for 7 days) above.\n\
         No account yet? Sign up with this very email address: the invitation will wait on your account page.\n",
        name = user.name,
    );
    repo::queue_mail(&state.db, &email, "Lời mời tham gia tổ chức · An invitation to join", &body).await?;
    repo::audit(&state.db, user.id, "invite_colleague", &organization, &email).await
}

/// The invitation of a link's `token`, if it can still be used.
#[server(prefix = "/fn", endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<Option<InvitationView>, AppError> {
    let state = crate::state::app_state()?;
    let hash = super::secret::token_hash(token.trim());
    let Some(found) = super::repo::invitation(&state.db, &hash).await? else { return Ok(None) };
    let (vi, en) = names(&state.db, &found.organization).await?;
    let organization_name = crate::i18n::request_lang().pick(vi, en);
    Ok(Some(InvitationView {
        organization: found.organization,
        organization_name,
        inviter: found.inviter,
        email: found.email,
    }))
}

/// Uses the invitation of `token`: the signed-in person, if theirs is the address it was sent
/// to, becomes a member of its organization (leaving any other); the inviter is told.
#[server(prefix = "/fn", endpoint = "join_organization")]
pub async fn join_organization(token: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let hash = super::secret::token_hash(token.trim());
    let found = super::repo::invitation(&state.db, &hash).await?.ok_or_else(gone)?;
    if found.email != user.email {
        return Err(AppError::Forbidden);
    }
    join(&state, &user, found).await
}

/// The invitations waiting for the signed-in person's address (to organizations other than
/// their own), newest first: someone who signed up after being invited finds them on their
/// account page without the mailed link.
#[server(prefix = "/fn", endpoint = "invitations_for_me")]
pub async fn invitations_for_me() -> Result<Vec<InvitationView>, AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let lang = crate::i18n::request_lang();
    let mut views = Vec::new();
    for found in super::repo::invitations_for(&state.db, &user.email).await? {
        if user.organization.as_deref() == Some(found.organization.as_str())
            || views.iter().any(|v: &InvitationView| v.organization == found.organization)
        {
            continue;
        }
        let (vi, en) = names(&state.db, &found.organization).await?;
        let organization_name = lang.pick(vi, en);
        views.push(InvitationView {
            organization: found.organization,
            organization_name,
            inviter: found.inviter,
            email: found.email,
        });
    }
    Ok(views)
}

/// Accepts the invitation to `organization` waiting for the signed-in person's address, as
/// `join_organization` does with the mailed link.
#[server(prefix = "/fn", endpoint = "accept_invitation")]
pub async fn accept_invitation(organization: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let found = super::repo::invitations_for(&state.db, &user.email)
        .await?
        .into_iter()
        .find(|found| found.organization == organization)
        .filter(|found| user.organization.as_deref() != Some(found.organization.as_str()))
        .ok_or_else(gone)?;
    join(&state, &user, found).await
}

/// Declines the invitations to `organization` waiting for the signed-in person's address: they
/// stop waiting on the account page, their links stop working, and whoever invited is told.
#[server(prefix = "/fn", endpoint = "decline_invitation")]
pub async fn decline_invitation(organization: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let found: Vec<_> = super::repo::invitations_for(&state.db, &user.email)
        .await?
        .into_iter()
        .filter(|found| found.organization == organization)
        .collect();
    if found.is_empty() {
        return Err(gone());
    }
    super::repo::decline_invitations(&state.db, &organization, &user.email).await?;
    super::repo::audit(&state.db, user.id, "decline_invitation", &organization, "").await?;
    let inviters: Vec<i64> = found.iter().filter_map(|found| found.invited_by).collect();
    let (vi, en) = names(&state.db, &organization).await?;
    let news = crate::inbox::model::News {
        topic: "organization",
        vi: format!("{} đã từ chối lời mời tham gia {vi}.", user.name),
        en: format!("{} declined your invitation to join {en}.", user.name),
        link: "/account#invite".to_string(),
    };
    crate::inbox::repo::notify(&state.db, &inviters, &news).await
}

/// What an invitation that cannot be used any more says.
#[cfg(feature = "ssr")]
fn gone() -> AppError {
    let message = crate::i18n::request_lang().pick(
        "Lời mời đã hết hạn hoặc đã được dùng. Hãy nhờ đồng nghiệp mời lại.",
        "This invitation has expired or was already used. Ask your colleague to invite you again.",
    );
    AppError::BadRequest(message.into())
}

/// Uses invitation `found`, sent to `user`'s address: they become a member of its
/// organization; the inviter is told; the account page says so.
#[cfg(feature = "ssr")]
async fn join(
    state: &crate::state::AppState,
    user: &super::model::User,
    found: super::repo::Invitation,
) -> Result<(), AppError> {
    use super::repo;
    let organization = repo::accept_invitation(&state.db, &found.token_hash, user.id).await?.ok_or_else(gone)?;
    repo::audit(&state.db, user.id, "join_organization", &organization, "").await?;
    if let Some(inviter) = found.invited_by {
        let (vi, en) = names(&state.db, &organization).await?;
        let news = crate::inbox::model::News {
            topic: "organization",
            vi: format!("{} đã nhận lời mời và tham gia {vi}.", user.name),
            en: format!("{} accepted your invitation and joined {en}.", user.name),
            link: format!("/organizations/{organization}"),
        };
        crate::inbox::repo::notify(&state.db, &[inviter], &news).await?;
    }
    leptos_axum::redirect(&format!("/account?joined={}", crate::text::url_encode(&organization)));
    Ok(())
}

/// The addresses invited to the signed-in person's organization that have not answered yet,
/// each with the day its invitation expires (RFC 3339).
#[server(prefix = "/fn", endpoint = "waiting_invitations")]
pub async fn waiting_invitations() -> Result<Vec<(String, String)>, AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    match &user.organization {
        Some(organization) => super::repo::waiting_invitations(&state.db, organization).await,
        None => Ok(Vec::new()),
    }
}

/// Withdraws the signed-in person's organization's waiting invitation of `email`: its link
/// stops working.
#[server(prefix = "/fn", endpoint = "withdraw_invitation")]
pub async fn withdraw_invitation(email: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    let organization = user.organization.clone().ok_or(AppError::Forbidden)?;
    let email = email.trim().to_lowercase();
    if super::repo::withdraw_invitations(&state.db, &organization, &email).await? == 0 {
        return Err(AppError::NotFound);
    }
    super::repo::audit(&state.db, user.id, "withdraw_invitation", &organization, &email).await
}

/// The people of the signed-in person's organization (name, address), by name.
#[server(prefix = "/fn", endpoint = "organization_members")]
pub async fn organization_members() -> Result<Vec<(String, String)>, AppError> {
    let state = crate::state::app_state()?;
    let user = super::session::require_user().await?;
    match &user.organization {
        Some(organization) => super::repo::members(&state.db, organization).await,
        None => Ok(Vec::new()),
    }
}

/// The organization's name in Vietnamese and English (its id if it is not in the catalogue).
#[cfg(feature = "ssr")]
async fn names(db: &crate::db::Db, organization: &str) -> Result<(String, String), AppError> {
    let found = crate::catalog::repo::titles(db, crate::catalog::model::Kind::Organization, organization).await?;
    Ok(found.map_or_else(|| (organization.to_string(), organization.to_string()), |t| (t.vi, t.en)))
}
