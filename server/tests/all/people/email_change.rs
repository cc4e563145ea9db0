//! Changing an account's email: it changes only once the new address confirms from its link;
//! the old address is told of the request and of the change.

use super::*;

fn token_of(body: &str) -> String {
    body.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_string()
}

#[tokio::test]
async fn an_email_changes_only_when_the_new_address_confirms() {
    let state = small_state().await;
    let up = [
        ("name", "Lan Nguyễn"),
        ("email", "lan@startup.vn"),
        ("password", "một mật khẩu dài"),
        ("role", "member"),
        ("consent", "yes"),
    ];
    let (status, headers) = sign_up_and_confirm(&state, &up).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    repo::create_user(&state.db, "taken@startup.vn", "Đã có", "no password", &[Role::Member]).await.unwrap();
    let outbox = || async { repo::outbox(&state.db, 100).await.unwrap() };
    let viewer = |cookie: String| {
        let state = state.clone();
        async move { call(&state, "get_viewer", &cookie, &[]).await.2 }
    };

    // A wrong password, a malformed address, the same address: refused by field, nothing mailed.
    let sent = outbox().await.len();
    for (email, password, field) in [
        ("lan@moi.vn", "wrong guess", "current_password"),
        ("lan", "một mật khẩu dài", "email"),
        ("LAN@startup.vn", "một mật khẩu dài", "email"),
    ] {
        let ask = [("email", email), ("current_password", password)];
        let (status, _, body) = call(&state, "request_email_change", &cookie, &ask).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{email}: {body}");
        assert!(body.contains(field), "{email}: {body}");
    }
    assert_eq!(outbox().await.len(), sent, "nothing mailed");
    let (status, _, _) =
        call(&state, "request_email_change", "", &[("email", "x@moi.vn"), ("current_password", "x")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out");

    // An address another account holds: the same answer; its owner is told, nothing moves.
    let ask = [("email", "taken@startup.vn"), ("current_password", "một mật khẩu dài")];
    let (status, _, body) = call(&state, "request_email_change", &cookie, &ask).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mails = outbox().await;
    let told = mails.iter().find(|m| m.recipient == "taken@startup.vn").expect("the holder is told");
    assert!(!told.body.contains("token="), "{}", told.body);

    // A free address gets a link; the old one hears of the request; nothing changed yet.
    let ask = [("email", " Lan.Moi@Startup.VN "), ("current_password", "một mật khẩu dài")];
    let (status, _, body) = call(&state, "request_email_change", &cookie, &ask).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mails = outbox().await;
    let link = mails.iter().find(|m| m.recipient == "lan.moi@startup.vn").expect("the link");
    assert!(link.body.contains("/account/email?token="), "{}", link.body);
    let token = token_of(&link.body);
    assert!(mails.iter().any(|m| m.recipient == "lan@startup.vn" && m.body.contains("lan.moi@startup.vn")));
    assert!(viewer(cookie.clone()).await.contains("\"lan@startup.vn\""));
    // The link's page asks for a press: a mail scanner opening it changes nothing.
    let confirm_page = page(&state, &format!("/account/email?token={token}"), "").await;
    assert!(confirm_page.contains("Xác nhận email mới") && confirm_page.contains(&token), "{confirm_page}");
    assert!(viewer(cookie.clone()).await.contains("\"lan@startup.vn\""));

    // A reset link mailed to the old address before the change stops working with it.
    call(&state, "request_reset", "", &[("email", "lan@startup.vn")]).await;
    let reset = token_of(&outbox().await.into_iter().find(|m| m.body.contains("/reset?token=")).unwrap().body);
    // Confirmed, even signed out: the account moves, the old address is told, the link is spent.
    let (status, _, body) = call(&state, "confirm_email_change", "", &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(viewer(cookie.clone()).await.contains("\"lan.moi@startup.vn\""), "the same session goes on");
    let told = outbox().await.into_iter().next().unwrap();
    assert_eq!(told.recipient, "lan@startup.vn");
    assert!(told.body.contains("đã đổi sang lan.moi@startup.vn"), "{}", told.body);
    let (status, _, _) = call(&state, "confirm_email_change", "", &[("token", &token)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a link works once");
    let (status, _, _) =
        call(&state, "reset_password", "", &[("token", &reset), ("password", "mật khẩu khác thật dài")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the old address's reset link is void");
    let sign_in = [("email", "lan.moi@startup.vn"), ("password", "một mật khẩu dài")];
    let (status, _, body) = call(&state, "sign_in", "", &sign_in).await;
    assert_eq!(status, StatusCode::OK, "the new address signs in: {body}");
    let old = [("email", "lan@startup.vn"), ("password", "một mật khẩu dài")];
    let (status, _, _) = call(&state, "sign_in", "", &old).await;
    assert_ne!(status, StatusCode::OK, "the old one no longer does");
    let log = repo::audit_log(&state.db, 20).await.unwrap();
    assert!(log.iter().any(|e| e.action == "change_email"), "audited");

    // Only the newest link works; an address taken meanwhile is not given twice.
    let ask = |email: &'static str| [("email", email), ("current_password", "một mật khẩu dài")];
    call(&state, "request_email_change", &cookie, &ask("first@startup.vn")).await;
    let first = token_of(&outbox().await.into_iter().find(|m| m.recipient == "first@startup.vn").unwrap().body);
    call(&state, "request_email_change", &cookie, &ask("later@startup.vn")).await;
    let later = token_of(&outbox().await.into_iter().find(|m| m.recipient == "later@startup.vn").unwrap().body);
    let (status, _, _) = call(&state, "confirm_email_change", "", &[("token", &first)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a newer request revoked the older link");
    repo::create_user(&state.db, "later@startup.vn", "Nhanh tay", "no password", &[Role::Member]).await.unwrap();
    let (status, _, body) = call(&state, "confirm_email_change", "", &[("token", &later)]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(viewer(cookie).await.contains("\"lan.moi@startup.vn\""), "nothing moved");
}
