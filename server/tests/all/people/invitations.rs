//! Colleagues invited to an organization: the link mailed to their address, used once and only
//! by the account with that address; the inviter told.

use super::*;

/// The token of the newest mail's `/join` link, and to whom it went.
async fn mailed_token(state: &AppState) -> (String, String) {
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    let at = mail.body.find("/join?token=").expect("a join link") + "/join?token=".len();
    let token: String = mail.body[at..].chars().take_while(char::is_ascii_alphanumeric).collect();
    (mail.recipient, token)
}

async fn page(w: &World, path: &str, cookie: &str) -> String {
    let headers: Vec<(&str, &str)> = if cookie.is_empty() { vec![] } else { vec![("cookie", cookie)] };
    send(&w.state, Method::GET, path, &headers, String::new()).await.2
}

#[tokio::test]
async fn a_member_invites_a_colleague_who_joins_with_the_mailed_link() {
    let w = world(false).await;
    let invite = |who: &Person, email: &str| {
        let (state, cookie, email) = (w.state.clone(), who.cookie.clone(), email.to_string());
        async move { call(&state, "invite_colleague", &cookie, &[("email", email.as_str())]).await }
    };
    // The account page offers it to members of an organization only.
    assert!(page(&w, "/account", &w.member.cookie).await.contains("id=\"invite-email\""));
    assert!(!page(&w, "/account", &w.researcher.cookie).await.contains("id=\"invite-email\""));
    assert_eq!(invite(&w.researcher, "a@b.vn").await.0, StatusCode::FORBIDDEN, "no organization to invite to");
    for (email, said) in [("không phải email", "Email chưa đúng dạng"), ("colleague@example.vn", "đã là thành viên")]
    {
        let (status, _, body) = invite(&w.member, email).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains(said), "{body}");
    }

    let (status, _, body) = invite(&w.member, " Researcher@Example.vn ").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (recipient, token) = mailed_token(&w.state).await;
    assert_eq!(recipient, "researcher@example.vn");
    let (_, _, waiting) = call(&w.state, "waiting_invitations", &w.member.cookie, &[]).await;
    assert!(waiting.contains("researcher@example.vn"), "{waiting}");
    let join = format!("/join?token={token}");

    // Whoever opens the link is told what to do; only the address it went to may use it.
    let anonymous = page(&w, &join, "").await;
    assert!(
        anonymous.contains("mời bạn tham gia") && anonymous.contains("/signin?next=/join%3Ftoken%3D"),
        "{anonymous}"
    );
    let stranger = page(&w, &join, &w.other_member.cookie).await;
    assert!(stranger.contains("Lời mời này gửi tới researcher@example.vn"), "{stranger}");
    let (status, _, _) = call(&w.state, "join_organization", &w.other_member.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page(&w, &join, &w.researcher.cookie).await.contains("name=\"token\""), "the invited person may join");

    let (status, headers, body) = call(&w.state, "join_organization", &w.researcher.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(location(&headers), "/account?joined=tom-hum-van-ninh");
    let (_, _, viewer) = call(&w.state, "get_viewer", &w.researcher.cookie, &[]).await;
    assert!(viewer.contains("\"organization\":\"tom-hum-van-ninh\""), "{viewer}");
    let (inviter, _) = repo::credentials(&w.state.db, "member@example.vn").await.unwrap().unwrap();
    let told: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND topic = 'organization'")
            .bind(inviter)
            .fetch_one(&w.state.db)
            .await
            .unwrap();
    assert_eq!(told, 1, "the inviter is told");

    // Used once.
    let (status, _, body) = call(&w.state, "join_organization", &w.researcher.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(page(&w, &join, "").await.contains("Lời mời đã hết hạn hoặc đã được dùng"));
    let (_, _, waiting) = call(&w.state, "waiting_invitations", &w.member.cookie, &[]).await;
    assert_eq!(waiting, "[]");
}

#[tokio::test]
async fn an_invitation_dies_with_its_inviters_place_and_is_not_sent_twice() {
    let w = world(false).await;
    let (status, _, body) =
        call(&w.state, "invite_colleague", &w.member.cookie, &[("email", "admin@example.vn")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, token) = mailed_token(&w.state).await;
    let (status, _, body) =
        call(&w.state, "invite_colleague", &w.colleague.cookie, &[("email", "admin@example.vn")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "one invitation at a time: {body}");
    assert!(body.contains("đã được mời"), "{body}");

    // The inviter leaves the organization before the link is used: it no longer opens it.
    let (inviter, _) = repo::credentials(&w.state.db, "member@example.vn").await.unwrap().unwrap();
    repo::set_organization(&w.state.db, inviter, Some("so-khcn")).await.unwrap();
    let (status, _, body) = call(&w.state, "join_organization", &w.admin.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(page(&w, &format!("/join?token={token}"), &w.admin.cookie).await.contains("Lời mời đã hết hạn"));
    // Nor is it shown as waiting to the colleagues left, who may invite the address again.
    let (_, _, waiting) = call(&w.state, "waiting_invitations", &w.colleague.cookie, &[]).await;
    assert_eq!(waiting, "[]");
    let (status, _, body) =
        call(&w.state, "invite_colleague", &w.colleague.cookie, &[("email", "admin@example.vn")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn someone_invited_before_having_an_account_finds_the_invitation_on_the_account_page() {
    let w = world(false).await;
    let (status, _, body) = call(&w.state, "invite_colleague", &w.member.cookie, &[("email", "Thu@Rong.vn")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, token) = mailed_token(&w.state).await;
    // The link's page sends a newcomer to sign up with the invited address already filled in.
    let join = page(&w, &format!("/join?token={token}"), "").await;
    assert!(join.contains("href=\"/signup?email=thu%40rong.vn\""), "{join}");
    let signup = page(&w, "/signup?email=thu%40rong.vn", "").await;
    assert!(signup.contains("value=\"thu@rong.vn\""), "{signup}");

    let up = [
        ("name", "Trần Thu"),
        ("email", "thu@rong.vn"),
        ("password", "một mật khẩu dài"),
        ("role", "member"),
        ("consent", "yes"),
    ];
    let (status, headers) = sign_up_and_confirm(&w.state, &up).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    assert_eq!(location(&headers), "/account");

    // Nobody else sees it or can take it; its owner's account page offers to join.
    let (_, _, others) = call(&w.state, "invitations_for_me", &w.other_member.cookie, &[]).await;
    assert_eq!(others, "[]");
    let taking = [("organization", "tom-hum-van-ninh")];
    let (status, _, _) = call(&w.state, "accept_invitation", &w.other_member.cookie, &taking).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an invitation to another address is not theirs");
    let (_, _, mine) = call(&w.state, "invitations_for_me", &cookie, &[]).await;
    assert!(mine.contains("\"organization\":\"tom-hum-van-ninh\""), "{mine}");
    let account = page(&w, "/account", &cookie).await;
    assert!(account.contains("id=\"invitations\"") && account.contains("name=\"organization\""), "{account}");

    // A second invitation of the same address (two colleagues at once) is spent with the first:
    // nothing is left to bring the person back after they leave.
    let (colleague, _) = repo::credentials(&w.state.db, "colleague@example.vn").await.unwrap().unwrap();
    repo::create_invitation(&w.state.db, "second", "tom-hum-van-ninh", "thu@rong.vn", colleague, 3600).await.unwrap();
    let (status, headers, body) = call(&w.state, "accept_invitation", &cookie, &taking).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(location(&headers), "/account?joined=tom-hum-van-ninh");
    let (_, _, viewer) = call(&w.state, "get_viewer", &cookie, &[]).await;
    assert!(viewer.contains("\"organization\":\"tom-hum-van-ninh\""), "{viewer}");
    let welcome = page(&w, "/account?joined=tom-hum-van-ninh", &cookie).await;
    assert!(welcome.contains("Bạn đã là thành viên của"), "{welcome}");
    // Used: gone from the page, and the mailed link is spent too.
    let (_, _, mine) = call(&w.state, "invitations_for_me", &cookie, &[]).await;
    assert_eq!(mine, "[]");
    assert!(!page(&w, "/account", &cookie).await.contains("id=\"invitations\""));
    let (status, _, _) = call(&w.state, "join_organization", &cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = call(&w.state, "accept_invitation", &cookie, &taking).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "nothing left to accept");
    let (thu, _) = repo::credentials(&w.state.db, "thu@rong.vn").await.unwrap().unwrap();
    repo::set_organization(&w.state.db, thu, None).await.unwrap();
    let (_, _, mine) = call(&w.state, "invitations_for_me", &cookie, &[]).await;
    assert_eq!(mine, "[]", "no leftover invitation brings her back");
}

#[tokio::test]
async fn members_see_their_colleagues_and_withdraw_an_invitation() {
    let w = world(false).await;
    let (_, _, members) = call(&w.state, "organization_members", &w.member.cookie, &[]).await;
    assert!(members.contains("member@example.vn") && members.contains("colleague@example.vn"), "{members}");
    assert!(!members.contains("other@example.vn"), "only their own organization: {members}");
    let (_, _, none) = call(&w.state, "organization_members", &w.researcher.cookie, &[]).await;
    assert_eq!(none, "[]");

    let (status, _, body) = call(&w.state, "invite_colleague", &w.member.cookie, &[("email", "thu@rong.vn")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, token) = mailed_token(&w.state).await;
    let account = page(&w, "/account", &w.member.cookie).await;
    assert!(account.contains("Huỷ lời mời thu@rong.vn") && account.contains("Thành viên (2)"), "{account}");
    // Another organization's member cannot withdraw it; a colleague of the inviter can.
    let withdraw = [("email", "Thu@Rong.vn")];
    let (status, _, _) = call(&w.state, "withdraw_invitation", &w.other_member.cookie, &withdraw).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = call(&w.state, "withdraw_invitation", &w.colleague.cookie, &withdraw).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, waiting) = call(&w.state, "waiting_invitations", &w.member.cookie, &[]).await;
    assert_eq!(waiting, "[]");
    assert!(page(&w, &format!("/join?token={token}"), "").await.contains("Lời mời đã hết hạn hoặc đã được dùng"));
    let (status, _, _) = call(&w.state, "withdraw_invitation", &w.colleague.cookie, &withdraw).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing left to withdraw");
    let log = repo::audit_log(&w.state.db, 5).await.unwrap();
    assert!(log.iter().any(|e| e.action == "withdraw_invitation"), "audited");
}

#[tokio::test]
async fn someone_invited_declines_and_the_inviter_hears_of_it() {
    let w = world(false).await;
    let (status, _, body) =
        call(&w.state, "invite_colleague", &w.member.cookie, &[("email", "researcher@example.vn")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, token) = mailed_token(&w.state).await;
    let account = page(&w, "/account", &w.researcher.cookie).await;
    assert!(account.contains("Từ chối lời mời vào"), "{account}");
    let join = page(&w, &format!("/join?token={token}"), &w.researcher.cookie).await;
    assert!(join.contains("href=\"/account#invitations\""), "the link's page says where to decline: {join}");

    // Only the invited address can decline it.
    let declining = [("organization", "tom-hum-van-ninh")];
    let (status, _, _) = call(&w.state, "decline_invitation", &w.other_member.cookie, &declining).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "not their invitation");
    let (_, _, waiting) = call(&w.state, "waiting_invitations", &w.member.cookie, &[]).await;
    assert!(waiting.contains("researcher@example.vn"), "still waiting: {waiting}");

    let (status, _, body) = call(&w.state, "decline_invitation", &w.researcher.cookie, &declining).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, mine) = call(&w.state, "invitations_for_me", &w.researcher.cookie, &[]).await;
    assert_eq!(mine, "[]");
    let (_, _, waiting) = call(&w.state, "waiting_invitations", &w.member.cookie, &[]).await;
    assert_eq!(waiting, "[]", "no longer waiting for an answer");
    assert!(page(&w, &format!("/join?token={token}"), "").await.contains("Lời mời đã hết hạn hoặc đã được dùng"));
    let news = inbox(&w.state, &w.member).await;
    assert!(news.iter().any(|n| n.contains("declined your invitation")), "{news:?}");
    let (_, _, viewer) = call(&w.state, "get_viewer", &w.researcher.cookie, &[]).await;
    assert!(!viewer.contains("tom-hum-van-ninh"), "not a member: {viewer}");
    let (status, _, _) = call(&w.state, "decline_invitation", &w.researcher.cookie, &declining).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "nothing left to decline");
    // No at-once invitation again: the organization may ask again after 30 days.
    let again = [("email", "researcher@example.vn")];
    let (status, _, body) = call(&w.state, "invite_colleague", &w.colleague.cookie, &again).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("vừa từ chối lời mời") && body.contains("\"email\""), "{body}");
    let log = repo::audit_log(&w.state.db, 5).await.unwrap();
    assert!(log.iter().any(|e| e.action == "decline_invitation"), "audited");
    // The audit log names the organization by its title, linked, not by its id.
    let admin = page(&w, "/admin", &w.admin.cookie).await;
    assert!(
        admin.contains(
            "<a href=\"/organizations/tom-hum-van-ninh\" title=\"tom-hum-van-ninh\">Công ty TNHH Tôm hùm Vạn Ninh</a>"
        ),
        "{admin}"
    );
}

#[tokio::test]
async fn one_address_gets_at_most_three_invitations_a_day() {
    let w = world(false).await;
    let to = [("email", "thu@rong.vn")];
    for _ in 0..3 {
        let (status, _, body) = call(&w.state, "invite_colleague", &w.member.cookie, &to).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _, _) = call(&w.state, "withdraw_invitation", &w.member.cookie, &to).await;
        assert_eq!(status, StatusCode::OK);
    }
    // Whoever sends the fourth, from any organization.
    let (status, _, body) = call(&w.state, "invite_colleague", &w.other_member.cookie, &to).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let (status, _, body) =
        call(&w.state, "invite_colleague", &w.other_member.cookie, &[("email", "lan@rong.vn")]).await;
    assert_eq!(status, StatusCode::OK, "another address is not held up: {body}");
}
