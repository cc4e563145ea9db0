//! Accounts: signing up, in and out, reset links, sessions, passwords, and throttled guessing.

use super::*;

#[tokio::test]
async fn accounts_sign_up_in_out_reset_and_slow_down_guessing() {
    let state = small_state().await;
    let up = [
        ("name", "Lan Nguyễn"),
        ("email", "Lan@Startup.vn"),
        ("password", "một mật khẩu dài"),
        ("role", "member"),
        ("consent", "yes"),
    ];
    let (status, headers) = sign_up_and_confirm(&state, &up).await;
    assert_eq!(status, StatusCode::OK);
    let set_cookie = headers["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let (_, _, body) = call(&state, "get_viewer", &cookie, &[]).await;
    assert!(body.contains("lan@startup.vn") && body.contains("member"), "{body}");
    // Signing up again with the same address answers the same as a new one; its owner is told.
    let (status, headers, body) = call(&state, "sign_up", "", &up).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "null"), "the same answer as for a new address");
    assert!(!headers.contains_key("set-cookie"));
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    assert!(mail.body.contains("/signin") && !mail.body.contains("token="), "one account per email: {}", mail.body);
    let (status, _, _) = call(
        &state,
        "sign_up",
        "",
        &[("name", "X"), ("email", "x@y.vn"), ("password", "long enough pw"), ("role", "admin"), ("consent", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "nobody signs up as admin");

    call(&state, "sign_out", &cookie, &[]).await;
    let (_, _, body) = call(&state, "get_viewer", &cookie, &[]).await;
    assert!(body.contains("\"user\":null"), "the session ended: {body}");

    let (status, _, _) =
        call(&state, "sign_in", "", &[("email", "lan@startup.vn"), ("password", "một mật khẩu dài")]).await;
    assert_eq!(status, StatusCode::OK);
    for _ in 0..5 {
        let (status, _, _) =
            call(&state, "sign_in", "", &[("email", "lan@startup.vn"), ("password", "wrong guess")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let (status, headers, body) =
        call(&state, "sign_in", "", &[("email", "lan@startup.vn"), ("password", "một mật khẩu dài")]).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "slowed for a while even with the right password, from the address that guessed"
    );
    assert!(headers.contains_key("retry-after") && body.contains("Quá nhiều lần thử"), "{body}");

    // A reset link arrives in the outbox, works once, and signs in.
    call(&state, "request_reset", "", &[("email", "lan@startup.vn")]).await;
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    let token = mail.body.split("token=").nth(1).unwrap().trim().to_string();
    let reset = [("token", token.as_str()), ("password", "mật khẩu mới thật dài")];
    let (status, headers, _) = call(&state, "reset_password", "", &reset).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key("set-cookie"));
    let (status, _, _) = call(&state, "reset_password", "", &reset).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a reset token works once");
}

#[tokio::test]
async fn guessing_is_answered_429_and_strangers_cannot_lock_an_owner_out() {
    let state = small_state().await;
    let up = LAN;
    assert_eq!(sign_up_and_confirm(&state, up).await.0, StatusCode::OK);
    let sign_in = |peer: &'static str, password: &'static str, lang: &'static str| {
        let state = state.clone();
        async move {
            let pairs = [("email", "lan@startup.vn"), ("password", password)];
            common::call_from(&state, peer, "sign_in", &[("accept-language", lang)], &pairs).await
        }
    };
    // The owner signs in from home once; the address is known from then on.
    assert_eq!(sign_in("198.51.100.1:1", "một mật khẩu dài", "vi").await.0, StatusCode::OK);

    // 40 tries from one socket, each with another X-Forwarded-For: past the free ones, 429s.
    let mut refused = 0;
    for n in 0..40 {
        let forwarded = format!("10.9.8.{n}");
        let email = format!("x{n}@example.vn");
        let pairs = [("email", email.as_str()), ("password", "wrong guess")];
        let extra = [("x-forwarded-for", forwarded.as_str())];
        let (status, headers, _) = common::call_from(&state, "203.0.113.9:5000", "sign_in", &extra, &pairs).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(headers["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
            refused += 1;
        }
    }
    assert!(refused >= 29, "only the first 10 or so are tried: {refused} refused");
    // Asked again, it is refused in the reader's language. Each failure let through doubles the
    // wait, so a slow machine (the loop above taking seconds) lets one or two more through,
    // never many. (Another account than Lan's: a failure let through here must not count
    // against hers below.)
    let mut answers = Vec::new();
    for _ in 0..3 {
        let pairs = [("email", "again@example.vn"), ("password", "wrong guess")];
        let (status, _, body) =
            common::call_from(&state, "203.0.113.9:5001", "sign_in", &[("accept-language", "en")], &pairs).await;
        answers.push(status);
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(body.contains("Too many attempts"), "in the reader's language: {body}");
            break;
        }
    }
    assert_eq!(answers.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{answers:?}");

    // Guessing at Lan's account from many addresses: five each, then that address waits...
    let peers: Vec<String> = (0..10).map(|n| format!("192.0.2.{}:7000", 100 + n)).collect();
    for peer in &peers {
        for _ in 0..5 {
            let pairs = [("email", "lan@startup.vn"), ("password", "wrong guess")];
            assert_eq!(common::call_from(&state, peer, "sign_in", &[], &pairs).await.0, StatusCode::BAD_REQUEST);
        }
    }
    let again = |peer: String| {
        let state = state.clone();
        async move {
            let pairs = [("email", "lan@startup.vn"), ("password", "một mật khẩu dài")];
            common::call_from(&state, &peer, "sign_in", &[], &pairs).await.0
        }
    };
    assert_eq!(
        again(peers[0].clone()).await,
        StatusCode::TOO_MANY_REQUESTS,
        "an address that guessed waits, even with the password"
    );
    // ...and past 50 failures in all, so does any address the account never signed in from,
    assert_eq!(again("192.0.2.200:1".into()).await, StatusCode::TOO_MANY_REQUESTS);
    // but the owner, from the address they use, is not locked out by strangers,
    assert_eq!(sign_in("198.51.100.1:2", "một mật khẩu dài", "vi").await.0, StatusCode::OK);
    // not even by strangers guessing at other accounts from that same address (a carrier's NAT).
    let mut last = StatusCode::OK;
    for n in 0..15 {
        let email = format!("y{n}@example.vn");
        let pairs = [("email", email.as_str()), ("password", "wrong guess")];
        last = common::call_from(&state, "198.51.100.1:9", "sign_in", &[], &pairs).await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "the shared address waits");
    assert_eq!(
        sign_in("198.51.100.1:4", "một mật khẩu dài", "vi").await.0,
        StatusCode::OK,
        "but not its known accounts"
    );
}

#[tokio::test]
async fn sign_ups_and_reset_requests_are_throttled_per_address_and_email() {
    let state = small_state().await;
    let mut statuses = Vec::new();
    for n in 0..8 {
        let email = format!("reset{n}@example.vn");
        statuses.push(common::call_from(&state, "203.0.113.20:1", "request_reset", &[], &[("email", &email)]).await.0);
    }
    assert_eq!(statuses[..5], [StatusCode::OK; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    let lan = [("email", "lan@startup.vn")];
    for n in 0..3 {
        let peer = format!("203.0.113.{}:1", 30 + n);
        assert_eq!(common::call_from(&state, &peer, "request_reset", &[], &lan).await.0, StatusCode::OK);
    }
    let fourth = common::call_from(&state, "203.0.113.40:1", "request_reset", &[], &lan).await.0;
    assert_eq!(
        fourth,
        StatusCode::TOO_MANY_REQUESTS,
        "one email is not mailed more than three times in a row, from anywhere"
    );

    let mut statuses = Vec::new();
    for n in 0..7 {
        let email = format!("new{n}@example.vn");
        let up = [
            ("name", "Người mới"),
            ("email", &email),
            ("password", "một mật khẩu dài"),
            ("role", "member"),
            ("consent", "yes"),
        ];
        statuses.push(common::call_from(&state, "203.0.113.50:1", "sign_up", &[], &up).await.0);
    }
    assert_eq!(statuses[..5], [StatusCode::OK; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");

    // Nor is anyone's mailbox flooded with confirmation mails from many addresses.
    let mut statuses = Vec::new();
    for n in 0..4 {
        let up = [
            ("name", "Người lạ"),
            ("email", "Victim@Example.vn"),
            ("password", "một mật khẩu dài"),
            ("role", "member"),
            ("consent", "yes"),
        ];
        let peer = format!("198.51.100.{}:1", 60 + n);
        statuses.push(common::call_from(&state, &peer, "sign_up", &[], &up).await.0);
    }
    assert_eq!(statuses[..3], [StatusCode::OK; 3]);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    let mails = repo::outbox(&state.db, 100).await.unwrap();
    assert_eq!(mails.iter().filter(|m| m.recipient == "victim@example.vn").count(), 3);
}

#[tokio::test]
async fn only_the_newest_reset_link_works_and_admins_never_see_one() {
    let state = small_state().await;
    let admin = person(&state, "admin", &[Role::Admin], None).await;
    repo::create_user(&state.db, "lan@startup.vn", "Lan", "no password", &[Role::Member]).await.unwrap();
    let token_of = |body: &str| body.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    call(&state, "request_reset", "", &[("email", "lan@startup.vn")]).await;
    let first = token_of(&repo::outbox(&state.db, 1).await.unwrap()[0].body);
    call(&state, "request_reset", "", &[("email", "lan@startup.vn")]).await;
    let second = token_of(&repo::outbox(&state.db, 1).await.unwrap()[0].body);
    assert_ne!(first, second);
    let (status, _, _) =
        call(&state, "reset_password", "", &[("token", &first), ("password", "mật khẩu mới thật dài")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a newer request revoked the older link");

    let (_, _, outbox) = call(&state, "read_outbox", &admin.cookie, &[]).await;
    assert!(outbox.contains("reset?token=…") && !outbox.contains(&second), "{outbox}");
    let (_, _, audit) = call(&state, "read_audit_log", &admin.cookie, &[]).await;
    assert!(audit.contains("read_outbox"), "{audit}");

    let (status, _, _) =
        call(&state, "reset_password", "", &[("token", &second), ("password", "mật khẩu mới thật dài")]).await;
    assert_eq!(status, StatusCode::OK);

    // Expired sessions and used or expired tokens are purged; a sent mail keeps no body.
    let user = repo::credentials(&state.db, "lan@startup.vn").await.unwrap().unwrap().0;
    repo::create_session(&state.db, "expired-session", user, -60).await.unwrap();
    assert!(
        repo::purge_expired(&state.db).await.unwrap() >= 1,
        "the expired session (the reset already revoked every token)"
    );
    assert!(repo::session_user(&state.db, "expired-session").await.unwrap().is_none());
    let (id, _) = repo::unsent(&state.db, 10).await.unwrap().remove(0);
    repo::mark_sent(&state.db, id).await.unwrap();
    assert!(
        repo::outbox(&state.db, 10).await.unwrap().iter().any(|m| m.body.is_empty()),
        "the sent mail's link is gone"
    );
}

#[tokio::test]
async fn sign_up_answers_the_same_for_a_new_and_an_existing_email_and_a_link_works_once() {
    let state = small_state().await;
    repo::create_user(&state.db, "taken@startup.vn", "Đã có", "no password", &[Role::Member]).await.unwrap();
    let form = |email: &'static str| {
        [
            ("name", "Người thử"),
            ("email", email),
            ("password", "một mật khẩu dài"),
            ("role", "researcher"),
            ("consent", "yes"),
        ]
    };
    let (new_status, new_headers, new_body) = call(&state, "sign_up", "", &form("new@startup.vn")).await;
    let (old_status, old_headers, old_body) = call(&state, "sign_up", "", &form("taken@startup.vn")).await;
    assert_eq!((new_status, new_body.as_str()), (old_status, old_body.as_str()));
    assert!(!new_headers.contains_key("set-cookie") && !old_headers.contains_key("set-cookie"));
    let mails = repo::outbox(&state.db, 2).await.unwrap();
    assert!(
        mails.iter().any(|m| m.recipient == "taken@startup.vn" && m.body.contains("/signin")),
        "the owner hears that someone tried"
    );
    let link = &mails.iter().find(|m| m.recipient == "new@startup.vn").unwrap().body;
    let token = link.split("confirm?token=").nth(1).unwrap().split_whitespace().next().unwrap();
    assert!(
        repo::credentials(&state.db, "new@startup.vn").await.unwrap().is_none(),
        "no account before the link is used"
    );

    // The link opens a page with a button; the button creates the account, once.
    let (_, _, page) = send(&state, Method::GET, &format!("/confirm?token={token}"), &[], String::new()).await;
    assert!(page.contains(token), "the page posts the token");
    assert!(
        repo::credentials(&state.db, "new@startup.vn").await.unwrap().is_none(),
        "opening the link alone creates nothing"
    );
    let confirm = [("token", token), ("password", "một mật khẩu dài")];
    let (status, headers, _) = call(&state, "confirm_signup", "", &confirm).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let (_, _, viewer) = call(&state, "get_viewer", &cookie, &[]).await;
    assert!(viewer.contains("new@startup.vn") && viewer.contains("researcher"), "{viewer}");
    assert_eq!(call(&state, "confirm_signup", "", &confirm).await.0, StatusCode::BAD_REQUEST, "a link works once");
}

#[tokio::test]
async fn a_sign_up_made_with_someone_elses_address_cannot_be_confirmed_by_them() {
    let state = small_state().await;
    // An intruder signs up with Lan's address and a password of their own; Lan, mailed a link,
    // opens it and types her password: no account with the intruder's password comes of it.
    let intruder = [
        ("name", "Lan Nguyễn"),
        ("email", "lan@startup.vn"),
        ("password", "mật khẩu kẻ lạ"),
        ("role", "member"),
        ("consent", "yes"),
    ];
    assert_eq!(call(&state, "sign_up", "", &intruder).await.0, StatusCode::OK);
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    let token = mail.body.split("confirm?token=").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let (status, headers, body) =
        call(&state, "confirm_signup", "", &[("token", &token), ("password", "mật khẩu của Lan")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("password") && !headers.contains_key("set-cookie"), "{body}");
    assert!(repo::credentials(&state.db, "lan@startup.vn").await.unwrap().is_none(), "no account");

    // Lan signs up herself; her own link and password work, and the intruder's link is spent.
    let lan = [
        ("name", "Lan Nguyễn"),
        ("email", "lan@startup.vn"),
        ("password", "mật khẩu của Lan"),
        ("role", "member"),
        ("consent", "yes"),
    ];
    let (status, _) = sign_up_and_confirm(&state, &lan).await;
    assert_eq!(status, StatusCode::OK);
    let (_, headers, _) =
        call(&state, "sign_in", "", &[("email", "lan@startup.vn"), ("password", "mật khẩu kẻ lạ")]).await;
    assert!(!headers.contains_key("set-cookie"), "the intruder's password opens nothing");
    let spent = [("token", token.as_str()), ("password", "mật khẩu kẻ lạ")];
    assert_eq!(call(&state, "confirm_signup", "", &spent).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn people_see_their_sessions_end_them_and_change_their_password() {
    let state = small_state().await;
    let up = LAN;
    let (_, headers) = sign_up_and_confirm(&state, up).await;
    let phone = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let sign_in = [("email", "lan@startup.vn"), ("password", "một mật khẩu dài")];
    let (_, headers, _) = call(&state, "sign_in", "", &sign_in).await;
    let laptop = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let stranger = person(&state, "stranger", &[Role::Member], None).await;

    let (_, _, listed) = call(&state, "my_sessions", &laptop, &[]).await;
    let sessions: Vec<Value> = serde_json::from_str(&listed).unwrap();
    assert_eq!(sessions.len(), 2, "{listed}");
    let other = sessions.iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    assert_eq!(sessions[0]["address"], "192.0.2.10", "where it started");

    // Nobody ends a session not theirs; the owner can.
    assert_eq!(call(&state, "end_session", &stranger.cookie, &[("id", &other)]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(call(&state, "end_session", &laptop, &[("id", &other)]).await.0, StatusCode::OK);
    let (_, _, viewer) = call(&state, "get_viewer", &phone, &[]).await;
    assert!(viewer.contains("\"user\":null"), "the phone's session ended: {viewer}");

    // A wrong current password changes nothing; the right one ends every session but this browser's new one.
    let (status, _, body) = call(
        &state,
        "change_password",
        &laptop,
        &[("current_password", "đoán bừa"), ("password", "mật khẩu mới rất dài")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("current_password"), "{body}");
    let (_, headers, _) = call(&state, "sign_in", "", &sign_in).await;
    let tablet = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let (status, headers, body) = call(
        &state,
        "change_password",
        &laptop,
        &[("current_password", "một mật khẩu dài"), ("password", "mật khẩu mới rất dài")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let fresh = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    for (cookie, signed_in) in [(&tablet, false), (&laptop, false), (&fresh, true)] {
        let (_, _, viewer) = call(&state, "get_viewer", cookie, &[]).await;
        assert_eq!(viewer.contains("lan@startup.vn"), signed_in, "{viewer}");
    }
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    assert!(mail.recipient == "lan@startup.vn" && mail.body.contains("/reset"), "the owner is told: {}", mail.body);
    let (status, _, _) =
        call(&state, "sign_in", "", &[("email", "lan@startup.vn"), ("password", "mật khẩu mới rất dài")]).await;
    assert_eq!(status, StatusCode::OK);

    // The account page shows both parts.
    let (_, _, page) = send(&state, Method::GET, "/account", &[("cookie", fresh.as_str())], String::new()).await;
    assert!(
        page.contains("id=\"current_password\"") && page.contains("(trình duyệt này)"),
        "the account page has the security part"
    );
    assert!(
        page.contains("class=\"first-steps\"")
            && page.contains("Đăng nhu cầu công nghệ<span class=\"hint\"> — sau bước trước"),
        "a newcomer is shown first steps: the organization, then a need: {page}"
    );
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    async fn fail(state: &AppState, peer: &str, n: usize) -> String {
        let email = format!("guess{n}@example.vn");
        let forwarded = format!("198.51.100.{n}");
        let pairs = [("email", email.as_str()), ("password", "wrong guess")];
        common::call_from(state, peer, "sign_in", &[("x-forwarded-for", forwarded.as_str())], &pairs).await.2
    }
    let throttled = |body: &str| body.contains("Quá nhiều lần thử");

    // A client that writes its own X-Forwarded-For is still one address.
    let state = small_state().await;
    for n in 0..10 {
        assert!(!throttled(&fail(&state, "203.0.113.5:4000", n).await));
    }
    assert!(
        throttled(&fail(&state, "203.0.113.5:4001", 10).await),
        "the 11th failure from one socket in a row is slowed"
    );
    assert!(!throttled(&fail(&state, "203.0.113.6:4000", 11).await), "another address is not");

    // Behind a trusted proxy, each forwarded client is its own address.
    let state = small_state().await.with_site(common::site("203.0.113.0/24"));
    for n in 0..25 {
        assert!(!throttled(&fail(&state, "203.0.113.5:4000", n).await), "client {n}");
    }
}

#[tokio::test]
async fn sign_up_asks_consent_to_the_terms_and_keeps_when_it_was_given() {
    let state = small_state().await;
    let up =
        [("name", "Lan Nguyễn"), ("email", "lan@startup.vn"), ("password", "một mật khẩu dài"), ("role", "member")];
    let (status, _, body) = call(&state, "sign_up", "", &up).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("\"consent\""), "{body}");
    assert!(repo::outbox(&state.db, 1).await.unwrap().is_empty(), "nothing is mailed");

    let (status, _) = sign_up_and_confirm(&state, &[&up[..], &[("consent", "yes")]].concat()).await;
    assert_eq!(status, StatusCode::OK);
    let at: Option<String> = sqlx::query_scalar("SELECT consented_at FROM users WHERE email = 'lan@startup.vn'")
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert!(at.is_some_and(|at| at.starts_with("20")), "the consent's time is kept");

    // The form links what is agreed to; the pages exist, in both languages.
    let form = page(&state, "/signup", "").await;
    assert!(form.contains("href=\"/terms\"") && form.contains("href=\"/privacy\"") && form.contains("13/2023/NĐ-CP"));
    for path in ["/about", "/contact", "/privacy", "/terms"] {
        assert!(page(&state, path, "").await.contains("<h1>"), "{path}");
        let english = common::send(&state, Method::GET, path, &[("accept-language", "en")], String::new()).await.2;
        assert!(english.contains("lang=\"en\""), "{path}");
    }
    assert!(page(&state, "/privacy", "").await.contains("Nghị định 13/2023/NĐ-CP"));
}

#[tokio::test]
async fn once_the_sign_up_mail_is_sent_the_form_steps_aside_without_javascript() {
    let state = small_state().await;
    let (cookie, back) = browser_cookie(&state, "sign_up", "/signup", LAN).await;
    assert!(back.starts_with("/signup"), "{back}");
    let html = page(&state, &back, &cookie).await;
    assert!(html.contains("Chúng tôi đã gửi thư tới email này"), "{html}");
    assert!(html.contains("class=\"form-page sent\""), "the form is set aside");
    assert!(html.contains("đăng ký lại"), "with what to do if no mail comes");
    // A refused sign-up keeps its form.
    let (cookie, back) = browser_cookie(&state, "sign_up", "/signup", &[("name", "Lan")]).await;
    assert!(!page(&state, &back, &cookie).await.contains("form-page sent"));
}

#[tokio::test]
async fn a_person_downloads_everything_kept_about_them_and_only_that() {
    let w = world(true).await;
    let export = |cookie: String| {
        let state = w.state.clone();
        async move {
            let headers: Vec<(&str, &str)> = if cookie.is_empty() { vec![] } else { vec![("cookie", cookie.as_str())] };
            send(&state, Method::GET, "/fn/export_my_data", &headers, String::new()).await
        }
    };
    let unread = || async {
        let (_, _, body) = call(&w.state, "get_viewer", &w.member.cookie, &[]).await;
        serde_json::from_str::<Value>(&body).unwrap()["unread"].clone()
    };
    let before = unread().await;
    let (status, headers, body) = export(w.member.cookie.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(headers["cache-control"], "private, no-store");
    let data: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["account"]["user"]["email"], "member@example.vn");
    assert!(data["applications"][0]["receipt"].as_str().unwrap().starts_with("HS-"));
    for part in ["listings", "introductions", "saved_searches", "inbox", "sessions"] {
        assert!(!data[part].as_array().unwrap().is_empty(), "{part}: {body}");
    }
    assert_eq!(unread().await, before, "downloading reads nothing as seen");
    // A colleague's data is their own: not the member's application or saved search.
    let (_, _, body) = export(w.colleague.cookie.clone()).await;
    let theirs: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(theirs["account"]["user"]["email"], "colleague@example.vn");
    assert!(
        theirs["applications"].as_array().unwrap().is_empty()
            && theirs["saved_searches"].as_array().unwrap().is_empty()
    );
    assert_eq!(export(String::new()).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_person_changes_their_own_name_and_nothing_else() {
    let w = world(false).await;
    // Nothing, too long, a tab, only a zero-width space, only accents, a direction override.
    for bad in ["   ", &"N".repeat(121), "tab\there", "\u{200B}", "\u{301}\u{301}", "Ann\u{202E}lee"] {
        let (status, _, body) = call(&w.state, "change_name", &w.member.cookie, &[("name", bad)]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(body.contains("\"name\""), "said next to the field: {body}");
    }
    let (status, _, body) = call(&w.state, "change_name", &w.member.cookie, &[("name", "  Trần Thị Hoa  ")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, viewer) = call(&w.state, "get_viewer", &w.member.cookie, &[]).await;
    assert!(viewer.contains("\"name\":\"Trần Thị Hoa\""), "{viewer}");
    let account = page(&w.state, "/account", &w.member.cookie).await;
    assert!(account.contains("<h1>Trần Thị Hoa</h1>") && account.contains("value=\"Trần Thị Hoa\""), "{account}");
    // Their colleagues see the new name; nobody else was renamed.
    let (_, _, members) = call(&w.state, "organization_members", &w.colleague.cookie, &[]).await;
    assert!(members.contains("Trần Thị Hoa") && members.contains("colleague"), "{members}");
    let log = repo::audit_log(&w.state.db, 5).await.unwrap();
    assert!(log.iter().any(|e| e.action == "change_name" && e.target == "member@example.vn"), "audited");
}
