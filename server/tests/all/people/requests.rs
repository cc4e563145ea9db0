//! What every request goes through: the host check, cross-site refusals, cookies, caching,
//! security headers, and titles that cannot break out of the page.

use super::*;

#[tokio::test]
async fn cross_site_posts_are_refused_and_responses_carry_security_headers() {
    let state = small_state().await;
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("origin", "https://evil.example"),
        ("host", "portal.example"),
    ];
    let (status, _, _) = send(&state, Method::POST, "/fn/sign_out", &headers, String::new()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let same = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("origin", "https://portal.example"),
        ("host", "portal.example"),
        ("accept", "application/json"),
    ];
    let (status, _, _) = send(&state, Method::POST, "/fn/sign_out", &same, String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let length = (300 * 1024).to_string();
    let big = [("content-type", "application/x-www-form-urlencoded"), ("content-length", length.as_str())];
    let (status, _, _) = send(&state, Method::POST, "/fn/sign_out", &big, "x".repeat(300 * 1024)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (_, headers, page) = send(&state, Method::GET, "/labs", &[], String::new()).await;
    assert_eq!(headers.get_all("content-security-policy").iter().count(), 1, "one policy per page");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a script nonce");
    let scripts = page.matches("<script").count();
    assert!(scripts >= 2, "{page}");
    assert_eq!(page.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "every script of the page carries it");
    let (_, again, _) = send(&state, Method::GET, "/labs", &[], String::new()).await;
    assert!(!again["content-security-policy"].to_str().unwrap().contains(nonce), "a new nonce per response");
    let (_, missing, _) = send(&state, Method::GET, "/labs/no-such-lab", &[], String::new()).await;
    assert!(missing["content-security-policy"].to_str().unwrap().contains("'nonce-"), "error pages too");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));
}

#[tokio::test]
async fn a_server_functions_error_answers_with_its_own_status() {
    let state = small_state().await;
    let (status, headers, body) = call(&state, "my_listings", "", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(headers["cache-control"], "no-store");
    let json = [("content-type", "application/json"), ("accept", "application/json"), ("origin", common::ORIGIN)];
    let missing = r#"{"kind":"lab","id":"no-such-lab","lang":"vi"}"#;
    let (status, _, body) = send(&state, Method::POST, "/fn/get_record", &json, missing.into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _, body) =
        call(&state, "sign_in", "", &[("email", "x@example.vn"), ("password", &"p".repeat(300))]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("password"), "the error names its field: {body}");
    let (status, _, body) = call(&state, "answer_affiliation", "", &[("id", "1"), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    // A throttled call: 429 with Retry-After (a real failure would stay 500).
    for _ in 0..5 {
        call(&state, "request_reset", "", &[("email", "x@example.vn")]).await;
    }
    let (status, headers, body) = call(&state, "request_reset", "", &[("email", "x@example.vn")]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(headers["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
}

#[tokio::test]
async fn a_forged_host_never_reaches_a_page_or_a_mail() {
    let state = small_state().await;
    repo::create_user(&state.db, "lan@startup.vn", "Lan", "no password", &[Role::Member]).await.unwrap();
    let form = [("content-type", "application/x-www-form-urlencoded"), ("accept", "application/json")];
    let forged = [form[0], form[1], ("host", "evil.example")];
    let (status, _, _) =
        send(&state, Method::POST, "/fn/request_reset", &forged, common::form(&[("email", "lan@startup.vn")])).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    assert!(repo::outbox(&state.db, 10).await.unwrap().is_empty(), "no mail for a forged host");
    let absolute = send(&state, Method::GET, "http://evil.example/labs", &[], String::new()).await;
    assert_eq!(absolute.0, StatusCode::MISDIRECTED_REQUEST, "nor through an absolute request target");
    let (status, _, _) =
        send(&state, Method::GET, "/labs", &[("host", "portal.example"), ("host", "evil.example")], String::new())
            .await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "two Host headers name no one host");
    for host in ["evil.example", "portal.example.evil.example", "127.0.0.1:3001"] {
        let (status, _, body) = send(&state, Method::GET, "/labs", &[("host", host)], String::new()).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(!body.contains(host));
    }

    // The configured address, or the listen address a proxy passes on, is served; links name the configured one.
    for host in ["portal.example", "PORTAL.example:80", "127.0.0.1:3000"] {
        let (status, _, _) = send(&state, Method::GET, "/labs", &[("host", host)], String::new()).await;
        assert_eq!(status, StatusCode::OK, "{host}");
    }
    let proxied = [form[0], form[1], ("host", "127.0.0.1:3000")];
    let (status, _, _) =
        send(&state, Method::POST, "/fn/request_reset", &proxied, common::form(&[("email", "lan@startup.vn")])).await;
    assert_eq!(status, StatusCode::OK);
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    assert!(mail.body.contains("http://portal.example/reset?token="), "{}", mail.body);
}

#[tokio::test]
async fn a_post_with_a_cookie_but_no_origin_is_refused_and_personal_answers_are_not_cached() {
    let state = small_state().await;
    let lan = person(&state, "lan", &[Role::Member], None).await;
    let form = ("content-type", "application/x-www-form-urlencoded");
    for headers in [
        vec![form, ("cookie", lan.cookie.as_str())],
        vec![form, ("cookie", lan.cookie.as_str()), ("sec-fetch-site", "same-site"), ("origin", common::ORIGIN)],
    ] {
        let (status, _, _) = send(&state, Method::POST, "/fn/sign_out", &headers, String::new()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    let (_, _, viewer) = call(&state, "get_viewer", &lan.cookie, &[]).await;
    assert!(viewer.contains("lan@example.vn"), "the session survives: {viewer}");
    let browser = [form, ("cookie", "kh_form=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")];
    assert_eq!(send(&state, Method::POST, "/fn/sign_in", &browser, String::new()).await.0, StatusCode::FORBIDDEN);
    let fetch =
        [form, ("cookie", lan.cookie.as_str()), ("sec-fetch-site", "same-origin"), ("accept", "application/json")];
    assert_eq!(
        send(&state, Method::POST, "/fn/get_viewer", &fetch, String::new()).await.0,
        StatusCode::OK,
        "Sec-Fetch-Site alone will do"
    );
    let script = [form, ("accept", "application/json")];
    assert_eq!(
        send(&state, Method::POST, "/fn/get_viewer", &script, String::new()).await.0,
        StatusCode::OK,
        "a script without cookies borrows nobody's rights"
    );

    // Personal pages and server functions' answers are never cached; public pages may be.
    for path in ["/account", "/mine", "/labs"] {
        let (status, headers, _) =
            send(&state, Method::GET, path, &[("cookie", lan.cookie.as_str())], String::new()).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
    }
    let (_, headers, _) = call(&state, "get_viewer", "", &[]).await;
    assert_eq!(headers["cache-control"], "no-store");
    // Signed out, a personal page asks once to sign in (not once per part).
    for path in ["/account", "/mine", "/inbox"] {
        let (_, _, page) = send(&state, Method::GET, path, &[], String::new()).await;
        assert_eq!(page.matches("<h1>Cần đăng nhập</h1>").count(), 1, "{path}");
    }
    let (_, headers, _) = send(&state, Method::GET, "/labs", &[], String::new()).await;
    assert!(!headers.contains_key("cache-control"), "an anonymous public page may be cached");
}

#[tokio::test]
async fn over_https_cookies_are_host_only_and_forms_return_only_to_this_site() {
    let https = app::site::Site::new(Some("https://portal.example"), "127.0.0.1:3000".parse().unwrap(), "").unwrap();
    let state = small_state().await.with_site(https);
    let up = LAN;
    let (status, headers) = sign_up_and_confirm(&state, up).await;
    assert_eq!(status, StatusCode::OK);
    let set = headers["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("__Host-kh_session=") && set.contains("; Secure") && set.contains("Path=/"), "{set}");
    assert_eq!(headers["strict-transport-security"], "max-age=31536000", "browsers keep to HTTPS");
    let (_, plain, _) = send(&small_state().await, Method::GET, "/", &[], String::new()).await;
    assert!(!plain.contains_key("strict-transport-security"), "not over plain HTTP");
    let session = set.split(';').next().unwrap();
    let (_, _, viewer) = call(&state, "get_viewer", session, &[]).await;
    assert!(viewer.contains("lan@startup.vn"));
    let planted = session.trim_start_matches("__Host-");
    let (_, _, viewer) = call(&state, "get_viewer", planted, &[]).await;
    assert!(
        viewer.contains("\"user\":null"),
        "a cookie without the prefix (a sibling subdomain could set it) is not read"
    );
    let downgraded = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "application/json"),
        ("origin", "http://portal.example"),
        ("cookie", session),
    ];
    let (status, _, _) = send(&state, Method::POST, "/fn/sign_out", &downgraded, String::new()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a plain-HTTP page of an https portal is not the portal");

    // A refused plain sign-in form, sent from the page `referer`: where it comes back to.
    let refused_from = |referer: &'static str| {
        let state = state.clone();
        async move {
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "text/html"),
                ("origin", "https://portal.example"),
                ("referer", referer),
            ];
            let guess = common::form(&[("email", "x@y.vn"), ("password", "wrong guess")]);
            let (status, headers, _) = send(&state, Method::POST, "/fn/sign_in", &headers, guess).await;
            assert_eq!(status, StatusCode::FOUND);
            headers
        }
    };
    // A plain form whose Referer is another site comes back to a page of this one.
    assert_eq!(location(&refused_from("https://evil.example/phish").await), "/");
    let headers = refused_from("https://portal.example/signin").await;
    assert!(location(&headers).starts_with("/signin?__path=/fn/sign_in&__err="), "{}", location(&headers));
    assert!(headers["set-cookie"].to_str().unwrap().starts_with("__Host-kh_form="));
}

#[tokio::test]
async fn a_typed_or_published_title_cannot_break_out_of_the_page_title() {
    let w = world(false).await;
    let attack = "</title><meta http-equiv=refresh content=\"0;url=http://evil.example/phish\">";
    let (status, _, page) =
        send(&w.state, Method::GET, &format!("/search?q={}", app::text::url_encode(attack)), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<meta http-equiv=refresh"), "a search cannot write markup into <title>");
    assert!(page.contains("&lt;/title&gt;&lt;meta http-equiv=refresh"), "it is shown as text");

    let name = format!("Cơ sở thử {attack}");
    let mut lab = vec![("text[name]", name.as_str())];
    lab.extend_from_slice(&LAB[1..]);
    let place = save_confirmed(&w.state, &w.researcher, &w.officer, "lab", &lab).await;
    let (_, _, page) = send(&w.state, Method::GET, &place, &[], String::new()).await;
    assert!(!page.contains("<meta http-equiv=refresh"), "a record's name cannot either");
}

#[tokio::test]
async fn refusals_carry_the_security_headers_and_a_malformed_call_is_the_callers_fault() {
    let state = small_state().await;
    let cross = [("content-type", "application/x-www-form-urlencoded"), ("origin", "https://evil.example")];
    let (status, headers, _) = send(&state, Method::POST, "/fn/sign_out", &cross, String::new()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (misdirected, other, _) = send(&state, Method::GET, "/", &[("host", "evil.example")], String::new()).await;
    assert_eq!(misdirected, StatusCode::MISDIRECTED_REQUEST);
    for headers in [&headers, &other] {
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.contains_key("content-security-policy") && headers.contains_key("x-frame-options"));
    }
    let json = [("content-type", "application/json"), ("accept", "application/json"), ("origin", common::ORIGIN)];
    for body in [r#"{"q":"bi"}"#, "{not json", "[]"] {
        let (status, _, answer) = send(&state, Method::POST, "/fn/suggest", &json, body.into()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
    }
    // The language switch of a page with a query comes back to that page with its query.
    let (_, _, page) = send(&state, Method::GET, "/search?q=vaccine", &[], String::new()).await;
    assert!(page.contains("/lang/en?next=/search%3Fq%3Dvaccine"), "the switch keeps ?q=");
}
