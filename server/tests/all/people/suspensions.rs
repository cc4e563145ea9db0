//! An officer suspends a spammer: the account's sessions end, it cannot sign in (and is told
//! why), its public listings leave the portal; lifting the suspension brings them back.

use super::*;

const PASSWORD: &str = "a long enough password";

/// The id of `name@example.vn`.
async fn id_of(state: &AppState, name: &str) -> String {
    repo::credentials(&state.db, &format!("{name}@example.vn")).await.unwrap().unwrap().0.to_string()
}

#[tokio::test]
async fn a_suspended_account_publishes_nothing_and_cannot_sign_in_until_lifted() {
    let w = world(false).await;
    let member = id_of(&w.state, "member").await;
    assert!(public(&w.state, "need", &w.need).await, "the member's need is public");

    // A reason is required; an officer cannot suspend staff.
    let (status, _, _) = call(&w.state, "suspend_user", &w.officer.cookie, &[("user_id", &member)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let admin = id_of(&w.state, "admin").await;
    let (status, _, _) =
        call(&w.state, "suspend_user", &w.officer.cookie, &[("user_id", &admin), ("reason", "x")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let reason = "Đăng quảng cáo rác";
    let (status, _, body) =
        call(&w.state, "suspend_user", &w.officer.cookie, &[("user_id", &member), ("reason", reason)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "need", &w.need).await, "its listings leave the portal");
    // Its session ended: it can publish nothing.
    let (status, _, _) = save(&w.state, &w.member, "need", NEED).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Signing in again is refused, with the reason (even with the right password).
    let hash = app::accounts::secret::hash_password(PASSWORD.to_string()).await.unwrap();
    repo::set_password(&w.state.db, member.parse().unwrap(), &hash).await.unwrap();
    let (status, _, body) =
        call(&w.state, "sign_in", "", &[("email", "member@example.vn"), ("password", PASSWORD)]).await;
    assert_ne!(status, StatusCode::OK);
    assert!(body.contains(reason), "{body}");
    // The audit log says who did it.
    let log = repo::audit_log(&w.state.db, 10).await.unwrap();
    assert!(log.iter().any(|e| e.action == "suspend_user" && e.target == "member@example.vn"));

    let (status, _, body) = call(&w.state, "lift_suspension", &w.officer.cookie, &[("user_id", &member)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(public(&w.state, "need", &w.need).await, "lifting brings the need back");
    let (status, _, body) =
        call(&w.state, "sign_in", "", &[("email", "member@example.vn"), ("password", PASSWORD)]).await;
    assert!(status.is_success() || status.is_redirection(), "{status} {body}");
}

#[tokio::test]
async fn a_listing_hidden_before_the_suspension_stays_out_until_it_is_lifted() {
    let w = world(false).await;
    let member = id_of(&w.state, "member").await;
    // An officer hides the spammer's need first, then suspends the account.
    let hide = [("kind", "need"), ("id", w.need.as_str()), ("hidden", "true"), ("reason", "Spam")];
    assert_eq!(call(&w.state, "moderate_listing", &w.officer.cookie, &hide).await.0, StatusCode::OK);
    let suspend = [("user_id", member.as_str()), ("reason", "Quảng cáo rác")];
    assert_eq!(call(&w.state, "suspend_user", &w.officer.cookie, &suspend).await.0, StatusCode::OK);
    // Showing the need again meanwhile is refused, with why: it would stay hidden anyway.
    let show = [("kind", "need"), ("id", w.need.as_str()), ("hidden", "false"), ("reason", "")];
    let (status, _, body) = call(&w.state, "moderate_listing", &w.officer.cookie, &show).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("tạm khóa"), "{body}");
    assert!(!public(&w.state, "need", &w.need).await, "still out of view");
    // Lifting the suspension leaves it as the officer left it (hidden); showing it then works.
    assert_eq!(call(&w.state, "lift_suspension", &w.officer.cookie, &[("user_id", &member)]).await.0, StatusCode::OK);
    assert!(!public(&w.state, "need", &w.need).await, "the officer's hiding stands");
    let (status, _, body) = call(&w.state, "moderate_listing", &w.officer.cookie, &show).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(public(&w.state, "need", &w.need).await);
}

#[tokio::test]
async fn the_admin_page_confirms_what_was_done_and_logs_it_in_words() {
    let w = world(false).await;
    let member = id_of(&w.state, "member").await;
    let back = post_page(
        &w.state,
        "assign_user",
        &w.admin.cookie,
        "/admin",
        &[
            ("user_id", &member),
            ("roles[0]", "member"),
            ("roles[1]", "researcher"),
            ("organization", "tom-hum-van-ninh"),
        ],
    )
    .await;
    let html = page(&w.state, &back, &w.admin.cookie).await;
    assert!(html.contains("Đã lưu vai trò và tổ chức."), "the change is confirmed");
    assert!(
        html.contains("Vai trò: Thành viên doanh nghiệp, Nhà khoa học · Tổ chức: Công ty TNHH Tôm hùm Vạn Ninh"),
        "the log names roles and the organization in words"
    );
    let back = post_page(
        &w.state,
        "suspend_user",
        &w.admin.cookie,
        "/admin",
        &[("user_id", &member), ("reason", "Quảng cáo rác")],
    )
    .await;
    let html = page(&w.state, &back, &w.admin.cookie).await;
    assert!(html.contains("Đã tạm khóa tài khoản"), "the suspension is confirmed");
    assert!(html.contains("Đang tạm khóa"), "the row says so, with a way to lift it");
    for (code, words) in [("assign_user", "Đổi vai trò, tổ chức"), ("suspend_user", "Tạm khóa tài khoản")]
    {
        assert!(html.contains(&format!("<td title=\"{code}\">{words}</td>")), "{code} in words");
    }
}

#[tokio::test]
async fn listings_leave_with_their_hidden_organization_and_come_back_with_it() {
    let w = world(false).await;
    let org = [("kind", "organization"), ("id", "tom-hum-van-ninh"), ("hidden", "true"), ("reason", "Spam")];
    let (status, _, body) = call(&w.state, "moderate_listing", &w.officer.cookie, &org).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let organization = || send(&w.state, Method::GET, "/api/organization/tom-hum-van-ninh", &[], String::new());
    assert_eq!(organization().await.0, StatusCode::NOT_FOUND);
    assert!(!public(&w.state, "need", &w.need).await, "the organization's need leaves with it");

    // A colleague of the same organization publishes another need: it is not public either.
    let fields = [
        ("text[title]", "Máy đo oxy hòa tan cho trại tôm hùm giống"),
        ("text[description]", "Cần máy đo oxy hòa tan cầm tay cho trại ương tôm hùm giống ở Vạn Ninh, có hiệu chuẩn."),
        ("list[sectors][]", "aquaculture"),
        ("list[partner_types][]", "lab"),
    ];
    let (status, place, body) = save(&w.state, &w.colleague, "need", &fields).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#listings"), "{body}");
    let (_, _, mine) = call(&w.state, "my_listings", &w.colleague.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&mine).unwrap();
    let second = mine[0]["id"].as_str().unwrap().to_string();
    assert!(!public(&w.state, "need", &second).await, "a need published for a hidden organization waits");
    // Editing the first one (which confirms it) does not bring it back either.
    let (status, _, body) = save(&w.state, &w.member, "need", &[&[("id", w.need.as_str())], NEED].concat()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "need", &w.need).await, "an edit does not show it");

    // An officer hides the second need on its own account; showing the organization brings
    // back the first need and not the second.
    let own = [("kind", "need"), ("id", second.as_str()), ("hidden", "true"), ("reason", "Trùng lặp")];
    assert_eq!(call(&w.state, "moderate_listing", &w.officer.cookie, &own).await.0, StatusCode::OK);
    let show = [("kind", "organization"), ("id", "tom-hum-van-ninh"), ("hidden", "false"), ("reason", "")];
    let (status, _, body) = call(&w.state, "moderate_listing", &w.officer.cookie, &show).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(organization().await.0, StatusCode::OK);
    assert!(public(&w.state, "need", &w.need).await, "the need comes back with its organization");
    assert!(!public(&w.state, "need", &second).await, "the need an officer hid stays hidden");
}

#[tokio::test]
async fn the_offers_of_a_hidden_organizations_labs_leave_with_it() {
    let w = world(false).await;
    let offer = [
        ("text[title]", "Quy trình hiệu chuẩn cảm biến oxy hòa tan cho lồng nuôi tôm hùm"),
        ("text[summary]", "Hiệu chuẩn cảm biến oxy hòa tan tại hiện trường cho lồng nuôi tôm hùm."),
        ("list[sectors][]", "aquaculture"),
        ("text[trl]", "6"),
        ("text[ip_status]", "know_how"),
        ("list[transfer_modes][]", "license"),
        ("text[owner_lab]", w.lab.as_str()),
    ];
    let (status, place, body) = save(&w.state, &w.researcher, "offer", &offer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let offer_id = place.trim_start_matches("/offers/").to_string();
    assert!(public(&w.state, "offer", &offer_id).await);

    // The lab belongs to ria3: hiding ria3 takes the lab, and the lab's offer, with it.
    let hide = [("kind", "organization"), ("id", "ria3"), ("hidden", "true"), ("reason", "Giả mạo")];
    assert_eq!(call(&w.state, "moderate_listing", &w.officer.cookie, &hide).await.0, StatusCode::OK);
    assert!(!public(&w.state, "lab", &w.lab).await);
    assert!(!public(&w.state, "offer", &offer_id).await, "an offer of a hidden lab is hidden");
    // An offer the lab publishes meanwhile waits too.
    let title = "Bộ cảm biến oxy hòa tan giá rẻ cho lồng nuôi tôm hùm";
    let second: Vec<_> = offer.iter().map(|&(k, v)| if k == "text[title]" { (k, title) } else { (k, v) }).collect();
    let (status, place, body) = save(&w.state, &w.researcher, "offer", &second).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(place, "/mine#listings", "the author is shown why it is not public");
    let (_, _, mine) = call(&w.state, "my_listings", &w.researcher.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&mine).unwrap();
    let second = mine.as_array().unwrap().iter().find(|l| l["title"] == title).expect("the second offer");
    assert_eq!(second["held"], true, "{second}");
    let second_id = second["id"].as_str().unwrap().to_string();
    assert!(!public(&w.state, "offer", &second_id).await);
    let html = page(&w.state, "/mine", &w.researcher.cookie).await;
    assert!(html.contains("Đang ẩn vì tổ chức của hồ sơ bị cán bộ ẩn"));

    let show = [("kind", "organization"), ("id", "ria3"), ("hidden", "false"), ("reason", "")];
    assert_eq!(call(&w.state, "moderate_listing", &w.officer.cookie, &show).await.0, StatusCode::OK);
    for (kind, id) in [("lab", &w.lab), ("offer", &offer_id), ("offer", &second_id)] {
        assert!(public(&w.state, kind, id).await, "{kind} {id} comes back");
    }
}

#[tokio::test]
async fn the_admin_gives_an_organization_by_its_name_and_never_sees_an_id() {
    let w = world(false).await;
    let researcher = id_of(&w.state, "researcher").await;
    let give = |name: &'static str| {
        let state = w.state.clone();
        let (cookie, researcher) = (w.admin.cookie.clone(), researcher.clone());
        async move {
            let fields = [("user_id", researcher.as_str()), ("roles[0]", "researcher"), ("organization", name)];
            call(&state, "assign_user", &cookie, &fields).await
        }
    };
    // Typed without marks; a name that names nothing says what it might have meant.
    let (status, _, body) = give("vien nghien cuu nuoi trong thuy san iii").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = give("Viện Nuôi trồng").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Không tìm thấy «Viện Nuôi trồng»"), "{body}");
    let html = page(&w.state, "/admin", &w.admin.cookie).await;
    assert!(html.contains("value=\"Viện Nghiên cứu Nuôi trồng Thủy sản III\" list=\"organization-names\""), "by name");
    assert!(!html.contains("(mã)") && !html.contains("value=\"ria3\""), "no id shown");
}
