//! Publishing: forms that refuse with reasons and keep what was typed, drafts, ownership,
//! confirming listings and officers hiding them.

use super::*;

/// Posts `pairs`, a form's fields, to the language switch as its script does.
async fn switch_with_form(
    state: &AppState,
    address: &str,
    cookie: &str,
    pairs: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let mut headers = vec![
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "text/html"),
        ("origin", common::ORIGIN),
    ];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    let (status, headers, _) = common::send(state, Method::POST, address, &headers, common::form(pairs)).await;
    let cookies: Vec<&str> = headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).collect();
    (status, location(&headers), cookies.join("\n"))
}

#[tokio::test]
async fn a_half_filled_form_crosses_the_language_switch() {
    let w = world(false).await;
    let typed = [
        ("kind", "need"),
        ("id", ""),
        ("text[title]", "Cảm biến đo mặn"),
        ("text[description]", "Cho ao tôm\nở Vạn Ninh"),
        ("list[sectors][]", "aquaculture"),
    ];
    let address = "/lang/en?next=/needs/new&form=/fn/save_listing";
    let (status, back, cookies) = switch_with_form(&w.state, address, &w.member.cookie, &typed).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(back.starts_with("/needs/new?__typed=/fn/save_listing&__kept="), "{back}");
    assert!(cookies.contains("lang=en;"), "{cookies}");
    let english = format!("{}; lang=en", w.member.cookie);
    let form = page(&w.state, &back, &english).await;
    assert!(form.contains("<html lang=\"en\""), "the other language");
    assert!(form.contains("value=\"Cảm biến đo mặn\""), "the title is still there");
    assert!(form.contains("Cho ao tôm\nở Vạn Ninh</textarea>"), "so is the description, lines and all");
    assert!(form.contains("value=\"aquaculture\" checked"), "the ticked sector stays ticked");
    assert!(
        !form.contains("class=\"form-done\"") && !form.contains("class=\"form-error\""),
        "neither saved nor refused"
    );
    assert!(!form.contains("id=\"title-error\"") && !form.contains("aria-invalid"), "no field is marked wrong");
    let other = page(&w.state, &back, &w.other_member.cookie).await;
    assert!(!other.contains("Cảm biến đo mặn"), "another browser never sees it");

    // Signed out, the browser gets its form cookie with the switch.
    let up = [("name", "Lan Nguyễn"), ("email", "lan@startup.vn"), ("password", "một mật khẩu")];
    let (_, back, cookies) = switch_with_form(&w.state, "/lang/en?next=/signup&form=/fn/sign_up", "", &up).await;
    let browser = cookies.lines().find(|c| c.starts_with("kh_form=")).unwrap().split(';').next().unwrap();
    let form = page(&w.state, &back, browser).await;
    assert!(form.contains("value=\"Lan Nguyễn\"") && !form.contains("một mật khẩu"), "the name, never the password");

    // A form that shows nothing typed again, or an address off the portal: a plain switch.
    let (_, back, _) =
        switch_with_form(&w.state, "/lang/en?next=/inbox&form=/fn/mark_inbox_read", &w.member.cookie, &[("x", "1")])
            .await;
    assert_eq!(back, "/inbox");
    let (_, back, _) =
        switch_with_form(&w.state, "/lang/vi?next=//evil.example&form=/fn/save_listing", &w.member.cookie, &typed)
            .await;
    assert!(back.starts_with("/?__typed="), "{back}");

    // Another site cannot post a form to the switch.
    let cross = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "text/html"),
        ("origin", "https://evil.example"),
        ("cookie", w.member.cookie.as_str()),
    ];
    let (status, _, _) = common::send(&w.state, Method::POST, address, &cross, common::form(&typed)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_form_with_problems_says_which_field_and_stores_nothing() {
    let w = world(false).await;
    let before = app::catalog::repo::counts(&w.state.db).await.unwrap();
    let bad = [
        ("text[title]", ""),
        ("text[description]", "x"),
        ("list[sectors][]", "aquaculture"),
        ("list[partner_types][]", "lab"),
        ("text[budget_vnd]", "nhiều tiền"),
    ];
    let (status, _, body) = save_as(&w.state, &w.member, "need", "delete", NEED).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a form saves as publish or draft, nothing else: {body}");
    let (status, _, body) = save(&w.state, &w.member, "need", &bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let errors: Value = serde_json::from_str(&body).unwrap();
    let fields: Vec<&str> =
        errors["Validation"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "budget_vnd"]);
    let forged = [
        ("text[title]", "Tiêu đề"),
        ("text[description]", "Mô tả"),
        ("list[sectors][]", "weapons"),
        ("list[partner_types][]", "lab"),
    ];
    let (status, _, _) = save(&w.state, &w.member, "need", &forged).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let long_title = "t".repeat(301);
    let (status, _, _) = save(
        &w.state,
        &w.member,
        "need",
        &[
            ("text[title]", long_title.as_str()),
            ("text[description]", "Mô tả"),
            ("list[sectors][]", "aquaculture"),
            ("list[partner_types][]", "lab"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(app::catalog::repo::counts(&w.state.db).await.unwrap(), before);
}

#[tokio::test]
async fn a_refused_form_comes_back_with_what_was_typed_and_a_saved_one_says_so() {
    let w = world(false).await;
    let typed = [
        ("kind", "need"),
        ("save", "publish"),
        ("text[title]", ""),
        ("text[description]", "Cần cảm biến đo mặn cho ao tôm"),
        ("list[sectors][]", "aquaculture"),
        ("list[partner_types][]", "lab"),
    ];
    let back = post_page(&w.state, "save_listing", &w.member.cookie, "/needs/new", &typed).await;
    assert!(back.starts_with("/needs/new?__path=/fn/save_listing&__err=") && back.contains("&__kept="), "{back}");
    let form = page(&w.state, &back, &w.member.cookie).await;
    assert!(form.contains("Cần cảm biến đo mặn cho ao tôm</textarea>"), "the description is still there");
    assert!(form.contains("id=\"title-error\""), "the title says what is wrong");
    assert!(form.contains("value=\"aquaculture\" checked"), "the ticked sector stays ticked");
    let other = page(&w.state, &back, &w.other_member.cookie).await;
    assert!(!other.contains("Cần cảm biến đo mặn cho ao tôm"), "another browser never sees it");

    // Refused again from the page that came back: one error in the address, the newest.
    let again = post_page(&w.state, "save_listing", &w.member.cookie, &back, &typed).await;
    assert_eq!(again.matches("__err=").count(), 1, "{again}");
    assert_eq!(again.matches("__kept=").count(), 1, "{again}");

    // Signed out: tied to the browser by a cookie; a password is never kept.
    let up = [
        ("name", "Lan Nguyễn"),
        ("email", "lan@startup.vn"),
        ("password", "ngắn"),
        ("role", "member"),
        ("consent", "yes"),
    ];
    let (browser, back) = browser_cookie(&w.state, "sign_up", "/signup", &up).await;
    let form = page(&w.state, &back, &browser).await;
    assert!(form.contains("value=\"Lan Nguyễn\"") && form.contains("value=\"lan@startup.vn\""), "name and email stay");
    assert!(!form.contains("ngắn\""), "the password does not");
    assert!(form.contains("id=\"password-error\""));
    let elsewhere = page(&w.state, &back, "").await;
    assert!(
        !elsewhere.contains("Lan Nguyễn") && !elsewhere.contains("id=\"password-error\""),
        "another browser with the link sees nothing"
    );

    // An error made up in a link is not shown.
    let (_, error) = back.split_once("__err=").unwrap();
    let error = error.split('&').next().unwrap();
    let forged = page(&w.state, &format!("/signup?__path=/fn/sign_up&__err={error}"), &browser).await;
    assert!(!forged.contains("id=\"password-error\""));

    // Done, back on the same page: it says so.
    let back = post_page(&w.state, "request_reset", &browser, "/reset", &[("email", "lan@startup.vn")]).await;
    assert!(back.starts_with("/reset?__done=/fn/request_reset&__kept="), "{back}");
    assert!(page(&w.state, &back, &browser).await.contains("class=\"form-done\""));
    assert!(
        !page(&w.state, "/reset?__done=/fn/request_reset", &browser).await.contains("class=\"form-done\""),
        "not without what was kept"
    );
}

#[tokio::test]
async fn a_members_need_stays_its_organizations_and_drafts_stay_private() {
    let w = world(false).await;
    // Editing cannot move the need to another organization.
    let mut fields = NEED.to_vec();
    fields.push(("id", w.need.as_str()));
    fields.push(("text[organization]", "so-khcn"));
    let (status, _, body) = save(&w.state, &w.member, "need", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, body) = send(&w.state, Method::GET, &format!("/api/need/{}", w.need), &[], String::new()).await;
    assert!(body.contains("\"organization\":\"tom-hum-van-ninh\""), "{body}");
    // A draft is in nobody's catalogue, search or export.
    let mut draft = vec![("kind", "need"), ("save", "draft")];
    draft.extend_from_slice(&[
        ("text[title]", "Bản nháp bí mật về rong sụn"),
        ("text[description]", "Chưa công bố."),
        ("list[sectors][]", "aquaculture"),
        ("list[partner_types][]", "lab"),
    ]);
    let (status, headers, _) = call(&w.state, "save_listing", &w.member.cookie, &draft).await;
    assert_eq!((status, location(&headers).as_str()), (StatusCode::OK, "/mine"));
    let (_, _, export) = send(&w.state, Method::GET, "/api/export.jsonl", &[], String::new()).await;
    assert!(!export.contains("rong sụn"));
    let (_, _, found) = send(&w.state, Method::GET, "/api/search?q=rong%20sun", &[], String::new()).await;
    assert!(!found.contains("rong sụn"), "{found}");
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(mine.contains("Bản nháp bí mật về rong sụn") && mine.contains("\"draft\":true"), "{mine}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_publishing_the_same_title_at_once_get_two_records() {
    use tower::ServiceExt;
    let state = small_state().await;
    let mut people = Vec::new();
    for (name, org) in
        [("an", "tom-hum-van-ninh"), ("binh", "so-khcn"), ("chi", "tom-hum-van-ninh"), ("dung", "so-khcn")]
    {
        people.push(person(&state, name, &[Role::Member], Some(org)).await);
    }
    let requests = people.iter().map(|who| {
        let description = format!("Nhu cầu của {}: cảm biến oxy hòa tan cho lồng nuôi tôm hùm ở Vạn Ninh.", who.name);
        let body = common::form(&[
            ("kind", "need"),
            ("save", "publish"),
            ("text[title]", "Cảm biến oxy cho lồng nuôi"),
            ("text[description]", &description),
            ("list[sectors][]", "aquaculture"),
            ("list[partner_types][]", "lab"),
        ]);
        let request = axum::http::Request::post("/fn/save_listing")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", common::ORIGIN)
            .header("cookie", who.cookie.as_str())
            .extension(axum::extract::ConnectInfo("192.0.2.10:1".parse::<std::net::SocketAddr>().unwrap()))
            .body(axum::body::Body::from(body))
            .unwrap();
        server::router::router(state.clone()).oneshot(request)
    });
    let answers = {
        let _turn = common::turn().await;
        futures::future::join_all(requests).await
    };
    for answer in &answers {
        let answer = answer.as_ref().unwrap();
        assert!(answer.status().is_success() || answer.status().is_redirection(), "{:?}", answer);
    }
    let mut places: Vec<String> = answers.iter().map(|a| location(a.as_ref().unwrap().headers())).collect();
    places.sort();
    places.dedup();
    assert_eq!(places.len(), 4, "four records: {places:?}");
    for place in &places {
        let (_, _, page) = send(&state, Method::GET, place, &[], String::new()).await;
        let owners = people.iter().filter(|p| page.contains(&format!("Nhu cầu của {}:", p.name))).count();
        assert_eq!(owners, 1, "each record holds one person's text: {place}");
    }
}

#[tokio::test]
async fn nothing_of_anothers_draft_is_revealed() {
    let w = world(false).await;
    let mut draft = vec![("kind", "need"), ("save", "draft")];
    draft.extend_from_slice(&[
        ("text[title]", "Kế hoạch bí mật nuôi cá bớp"),
        ("text[description]", "Một kế hoạch chưa công bố về nuôi cá bớp ở Vân Phong."),
        ("list[sectors][]", "aquaculture"),
        ("list[partner_types][]", "lab"),
    ]);
    assert_eq!(call(&w.state, "save_listing", &w.member.cookie, &draft).await.0, StatusCode::OK);
    let id = "ke-hoach-bi-mat-nuoi-ca-bop";
    let meta = |who: &Person| {
        let (state, cookie) = (w.state.clone(), who.cookie.clone());
        async move {
            let body = serde_json::json!({ "kind": "need", "id": id }).to_string();
            let mut headers =
                vec![("content-type", "application/json"), ("accept", "application/json"), ("origin", common::ORIGIN)];
            if !cookie.is_empty() {
                headers.push(("cookie", cookie.as_str()));
            }
            send(&state, Method::POST, "/fn/get_listing_meta", &headers, body).await.0
        }
    };
    assert_eq!(meta(&w.member).await, StatusCode::OK, "the owner sees their draft's listing");
    assert_eq!(meta(&w.officer).await, StatusCode::OK);
    for who in [&w.other_member, &w.researcher, &w.anonymous] {
        assert_eq!(meta(who).await, StatusCode::NOT_FOUND, "{} learns nothing, not even that it exists", who.name);
    }
    assert_eq!(meta(&w.other_member).await, StatusCode::NOT_FOUND);
    let (status, _, _) = send(
        &w.state,
        Method::GET,
        &format!("/needs/{id}"),
        &[("cookie", w.other_member.cookie.as_str())],
        String::new(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Its owner sees it at its address, said to be a preview; an officer does not read a
    // draft never published.
    let page = |who: &Person| {
        let (state, cookie) = (w.state.clone(), who.cookie.clone());
        async move {
            send(&state, Method::GET, &format!("/needs/{id}"), &[("cookie", cookie.as_str())], String::new()).await
        }
    };
    let (status, _, body) = page(&w.member).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Kế hoạch bí mật nuôi cá bớp") && body.contains("Bản xem trước."), "{body}");
    assert!(body.contains(r#"name="robots" content="noindex""#), "kept out of search engines");
    assert_eq!(page(&w.officer).await.0, StatusCode::NOT_FOUND);
    // Nor through its edit form: to others it does not exist.
    for who in [&w.officer, &w.other_member] {
        let uri = format!("/needs/{id}/edit");
        let (status, _, body) =
            send(&w.state, Method::GET, &uri, &[("cookie", who.cookie.as_str())], String::new()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", who.name);
        assert!(!body.contains("Kế hoạch bí mật"), "{body}");
    }
}

#[tokio::test]
async fn a_draft_takes_what_its_writer_has_so_far() {
    let w = world(false).await;
    // A title is all a draft needs: no description, sector or partner yet.
    let only_title = [("kind", "need"), ("save", "draft"), ("text[title]", "Ý tưởng máy phân loại tôm")];
    let (status, _, body) = call(&w.state, "save_listing", &w.member.cookie, &only_title).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = "y-tuong-may-phan-loai-tom";
    let uri = format!("/needs/{id}");
    let (status, _, page) =
        send(&w.state, Method::GET, &uri, &[("cookie", w.member.cookie.as_str())], String::new()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Bản xem trước."), "{page}");
    // Never published, so nothing to have confirmed; its organization is named all the same.
    assert!(!page.contains("Xác nhận lần cuối"), "{page}");
    assert!(page.contains("Thuộc tổ chức"), "the draft's own link to its organization: {page}");
    // A nameless draft is refused: it could not be found again.
    let nameless = [("kind", "need"), ("save", "draft"), ("text[description]", "Chưa đặt tên")];
    let (status, _, body) = call(&w.state, "save_listing", &w.member.cookie, &nameless).await;
    assert_ne!(status, StatusCode::OK, "{body}");
    assert!(body.contains("title"), "{body}");
    // Publishing asks for everything, and keeps the draft meanwhile.
    let publish = [("kind", "need"), ("id", id), ("save", "publish"), ("text[title]", "Ý tưởng máy phân loại tôm")];
    let (status, _, body) = call(&w.state, "save_listing", &w.member.cookie, &publish).await;
    assert_ne!(status, StatusCode::OK, "{body}");
    assert!(body.contains("sectors") && body.contains("description"), "{body}");
    assert_eq!(send(&w.state, Method::GET, &uri, &[], String::new()).await.0, StatusCode::NOT_FOUND, "not published");
    let (status, _, page) =
        send(&w.state, Method::GET, &uri, &[("cookie", w.member.cookie.as_str())], String::new()).await;
    assert!(status == StatusCode::OK && page.contains("Ý tưởng máy phân loại tôm"), "the draft is still there");
}

#[tokio::test]
async fn owners_are_asked_once_to_confirm_listings_after_ninety_days() {
    let w = world(false).await;
    assert_eq!(app::listings::notify::remind_due(&w.state.db).await.unwrap(), 0, "everything was just confirmed");
    let long_ago = app::clock::from_now(-91 * 24 * 3600);
    sqlx::query("UPDATE listings SET confirmed_at = $1 WHERE kind = 'need'")
        .bind(&long_ago)
        .execute(&w.state.db)
        .await
        .unwrap();
    assert_eq!(app::listings::notify::remind_due(&w.state.db).await.unwrap(), 1);
    assert_eq!(app::listings::notify::remind_due(&w.state.db).await.unwrap(), 0, "asked once");
    assert!(inbox(&w.state, &w.member).await.iter().any(|t| t.contains("has not been confirmed for 90 days")));
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(mine.contains("\"due\":true"), "{mine}");
    let (status, _, _) =
        call(&w.state, "confirm_listing", &w.member.cookie, &[("kind", "need"), ("id", &w.need)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(!mine.contains("\"due\":true"), "{mine}");
}

#[tokio::test]
async fn listings_unconfirmed_for_180_days_leave_search_until_confirmed() {
    let w = world(false).await;
    assert!(public(&w.state, "need", &w.need).await);
    let long_ago = app::clock::from_now(-181 * 24 * 3600);
    sqlx::query("UPDATE listings SET confirmed_at = $1 WHERE kind = 'need'")
        .bind(&long_ago)
        .execute(&w.state.db)
        .await
        .unwrap();
    assert_eq!(app::listings::notify::hide_stale(&w.state.db).await.unwrap(), 1);
    app::search::index::sync(&w.state.db, &w.state.search).await.unwrap();
    assert!(!public(&w.state, "need", &w.need).await);
    let told = inbox(&w.state, &w.member).await;
    let notice = told.iter().find(|t| t.contains("180 days")).expect("the owner is told");
    assert!(notice.contains("Cảm biến oxy hòa tan cho lồng nuôi tôm hùm") && !notice.contains(&w.need), "{notice}");
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(mine.contains("\"hidden\":true"), "{mine}");
    let (_, _, counts) = send(&w.state, Method::GET, "/needs", &[], String::new()).await;
    assert!(!counts.contains("Cảm biến oxy hòa tan cho lồng nuôi tôm hùm"), "the list page leaves it out");
    let (status, _, _) =
        call(&w.state, "confirm_listing", &w.member.cookie, &[("kind", "need"), ("id", &w.need)]).await;
    assert_eq!(status, StatusCode::OK);
    app::search::index::sync(&w.state.db, &w.state.search).await.unwrap();
    assert!(public(&w.state, "need", &w.need).await);
}

#[tokio::test]
async fn a_listing_an_officer_hides_stays_hidden_until_an_officer_shows_it() {
    let w = world(false).await;
    assert!(public(&w.state, "need", &w.need).await);
    let hide = [("kind", "need"), ("id", w.need.as_str()), ("hidden", "true")];
    let (status, _, _) = call(&w.state, "moderate_listing", &w.officer.cookie, &hide).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "hiding takes a reason");
    assert!(public(&w.state, "need", &w.need).await);
    let hide = [("kind", "need"), ("id", w.need.as_str()), ("hidden", "true"), ("reason", "Quảng cáo trá hình")];
    let (status, _, body) = call(&w.state, "moderate_listing", &w.officer.cookie, &hide).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "need", &w.need).await);
    call(&w.state, "confirm_listing", &w.member.cookie, &[("kind", "need"), ("id", &w.need)]).await;
    app::search::index::sync(&w.state.db, &w.state.search).await.unwrap();
    assert!(!public(&w.state, "need", &w.need).await, "the owner cannot undo an officer's decision");
    let mut edited = vec![("id", w.need.as_str())];
    edited.extend_from_slice(NEED);
    let (status, _, body) = save(&w.state, &w.member, "need", &edited).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "need", &w.need).await, "nor can an edit");
    // The owner is told which listing, by its title, and why.
    let told = inbox(&w.state, &w.member).await;
    let notice = told.iter().find(|t| t.contains("An officer has hidden")).expect("a notice");
    assert!(notice.contains("Cảm biến oxy hòa tan cho lồng nuôi tôm hùm"), "{notice}");
    assert!(notice.contains("Quảng cáo trá hình") && !notice.contains(&w.need), "{notice}");
    let show = [("kind", "need"), ("id", w.need.as_str()), ("hidden", "false")];
    call(&w.state, "moderate_listing", &w.officer.cookie, &show).await;
    assert!(public(&w.state, "need", &w.need).await);
    let log = repo::audit_log(&w.state.db, 10).await.unwrap();
    assert!(log.iter().any(|e| e.action == "hide_listing") && log.iter().any(|e| e.action == "show_listing"));
}

#[tokio::test]
async fn forms_name_records_by_name_and_never_ask_for_an_id() {
    let w = world(false).await;
    // The world's lab and expert were saved with an organization chosen by name (the expert's
    // typed without marks): each names the organization's id.
    let lab = page(&w.state, &format!("/api/lab/{}", w.lab), "").await;
    assert!(lab.contains("\"organization\":\"ria3\""), "{lab}");
    let requests = waiting(&w.state, &w.officer).await;
    assert!(requests.iter().any(|r| r["record_id"] == w.expert.as_str() && r["organization"] == "so-khcn"));

    // The forms offer names; no label asks for an id.
    for kind in ["organizations", "labs", "experts", "offers", "needs", "calls", "pilots"] {
        let html = page(&w.state, &format!("/{kind}/new"), &w.officer.cookie).await;
        let html = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        for id_word in ["(mã)", " id)", "(id)"] {
            let at = html.find(id_word).map(|i| &html[i.saturating_sub(200)..i + 20]);
            assert_eq!(at, None, "{kind}");
        }
        // (A lab's accreditation may say "ISO/IEC 17025"; no language is asked for by its code.)
        let codes = ["ISO 639", "mã ISO", "ISO code"].iter().find(|c| html.contains(*c));
        assert_eq!(codes, None, "{kind}: languages by name");
    }
    let html = page(&w.state, "/labs/new", &w.researcher.cookie).await;
    assert!(html.contains("<datalist id=\"organization-choices\">"), "{html}");
    assert!(html.contains("<option value=\"Viện Nghiên cứu Nuôi trồng Thủy sản III\">"));
    // The edit form shows the name it stores the id of.
    let html = page(&w.state, &format!("/labs/{}/edit", w.lab), &w.researcher.cookie).await;
    assert!(html.contains("value=\"Viện Nghiên cứu Nuôi trồng Thủy sản III\""), "{html}");
    // An offer's owner lab is picked from the researcher's own labs, and already picked when
    // there is one.
    let html = page(&w.state, "/offers/new", &w.researcher.cookie).await;
    let picked = format!("<option value=\"{}\" selected", w.lab);
    assert!(html.contains("<select id=\"owner_lab\"") && html.contains(&picked), "{html}");

    // A name that fits nothing is refused with the names that come near.
    let mut fields = LAB.to_vec();
    fields[1] = ("text[organization]", "nuoi trong thuy san");
    let (status, _, body) = save(&w.state, &w.researcher, "lab", &fields).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("Có phải: Viện Nghiên cứu Nuôi trồng Thủy sản III?"), "{body}");
}

#[tokio::test]
async fn list_pages_offer_to_post_to_those_who_may() {
    let w = world(false).await;
    let offers = |html: &str, kind: &str| html.contains(&format!("href=\"/{kind}/new\""));
    let needs = page(&w.state, "/needs", &w.member.cookie).await;
    assert!(offers(&needs, "needs") && needs.contains("Đăng nhu cầu công nghệ"));
    assert!(!offers(&page(&w.state, "/needs", &w.researcher.cookie).await, "needs"), "researchers post no needs");
    assert!(offers(&page(&w.state, "/labs", &w.researcher.cookie).await, "labs"));
    assert!(!offers(&page(&w.state, "/calls", &w.member.cookie).await, "calls"), "only officers publish calls");
    assert!(offers(&page(&w.state, "/calls", &w.officer.cookie).await, "calls"));
    assert!(!offers(&page(&w.state, "/needs", "").await, "needs"));

    // Whoever opens a form they could not send is told why and shown the way instead.
    let newcomer = person(&w.state, "newcomer", &[Role::Member], None).await;
    let form = page(&w.state, "/needs/new", &newcomer.cookie).await;
    assert!(form.contains("href=\"/organizations/new\"") && !form.contains("name=\"text[title]\""), "{form}");
    let form = page(&w.state, "/needs/new", &w.researcher.cookie).await;
    assert!(form.contains("do nhà nghiên cứu đăng") && !form.contains("name=\"text[title]\""), "{form}");
    assert!(page(&w.state, "/needs/new", &w.member.cookie).await.contains("name=\"text[title]\""));
}

fn fields(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn status_follows_dates_and_nothing_past_is_published_as_open() {
    let w = world(false).await;
    let (yesterday, soon) = (in_days(-1), in_days(10));
    // An open call, an accepting pilot or a need cannot be published with a date gone by.
    let call = |closes: &str, status: &str| {
        vec![
            ("text[title]".to_string(), "Hỗ trợ chuyển đổi số cho hợp tác xã nuôi biển".to_string()),
            ("text[description]".to_string(), "Tài trợ phần mềm quản lý lồng nuôi.".to_string()),
            ("text[issuer]".to_string(), "so-khcn".to_string()),
            ("list[sectors][]".to_string(), "aquaculture".to_string()),
            ("list[eligible][]".to_string(), "startup".to_string()),
            ("text[opens]".to_string(), in_days(-30)),
            ("text[closes]".to_string(), closes.to_string()),
            ("text[status]".to_string(), status.to_string()),
        ]
    };
    let (status, _, body) = save(&w.state, &w.officer, "call", &fields(&call(&yesterday, "open"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("\"closes\""), "{body}");
    assert_eq!(save(&w.state, &w.officer, "call", &fields(&call(&yesterday, "closed"))).await.0, StatusCode::OK);
    let (status, _, body) =
        save(&w.state, &w.member, "need", &[NEED, &[("text[deadline]", yesterday.as_str())]].concat()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("\"deadline\""), "{body}");

    // Once its closing date has passed, an open call is closed: in its record, the lists of
    // open calls and their feed.
    let (status, place, body) = save(&w.state, &w.officer, "call", &fields(&call(&soon, "open"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = place.trim_start_matches("/calls/").to_string();
    let later = app::clock::today().checked_add_signed(app::clock::days(11)).unwrap();
    let record: app::catalog::model::Record =
        serde_json::from_str(&page(&w.state, &format!("/api/call/{id}"), "").await).unwrap();
    let badges: Vec<String> = record.entry().badges(app::i18n::Lang::Vi, later).into_iter().map(|b| b.text).collect();
    assert!(badges.contains(&"Đã đóng".to_string()), "pages read the date even before the job: {badges:?}");
    let fields = record.entry().fields(app::i18n::Lang::Vi, later);
    let status = fields.iter().find(|f| f.label == "Trạng thái").map(|f| format!("{:?}", f.value));
    assert!(status.as_deref().is_some_and(|s| s.contains("Đã đóng")), "and so do its fields: {fields:?}");
    assert!(page(&w.state, "/calls?status=open", "").await.contains(&id));
    assert_eq!(app::catalog::dates::close_past(&w.state.db, later).await.unwrap(), 1);
    app::search::index::sync(&w.state.db, &w.state.search).await.unwrap();
    assert!(page(&w.state, &format!("/api/call/{id}"), "").await.contains("\"status\":\"closed\""));
    assert!(!page(&w.state, "/calls?status=open", "").await.contains(&id), "it leaves the open calls");
    assert!(!page(&w.state, "/feeds/calls.atom", "").await.contains(&id), "and their feed");
    assert_eq!(app::catalog::dates::close_past(&w.state.db, later).await.unwrap(), 0, "once");

    // A need past its deadline says so.
    let need: app::catalog::model::Record =
        serde_json::from_str(&page(&w.state, &format!("/api/need/{}", w.need), "").await).unwrap();
    let app::catalog::model::Record::Need(mut need) = need else { panic!("a need") };
    need.deadline = Some(app::clock::today());
    let badges: Vec<String> = app::catalog::model::Record::Need(need)
        .entry()
        .badges(app::i18n::Lang::Vi, later)
        .into_iter()
        .map(|b| b.text)
        .collect();
    assert!(badges.contains(&"Đã hết hạn".to_string()), "{badges:?}");
}

#[tokio::test]
async fn a_members_organization_is_theirs_once_published_even_from_a_draft() {
    let w = world(false).await;
    let newcomer = common::person(&w.state, "newcomer", &[Role::Member], None).await;
    let org = [
        ("text[name]", "Công ty TNHH Rong Sụn Ninh Hòa"),
        ("text[org_type]", "sme"),
        ("text[description]", "Nuôi và sơ chế rong sụn xuất khẩu."),
        ("list[sectors][]", "aquaculture"),
        ("text[location]", "Ninh Hòa, Khánh Hòa"),
    ];
    let (status, place, body) = save_as(&w.state, &newcomer, "organization", "draft", &org).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine"), "{body}");
    let (_, _, mine) = call(&w.state, "my_listings", &newcomer.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&mine).unwrap();
    let id = mine[0]["id"].as_str().unwrap().to_string();
    let (status, _, body) = save(&w.state, &newcomer, "need", NEED).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("còn là bản nháp"), "they are told to publish their draft, not to create one: {body}");
    let (status, _, body) =
        save(&w.state, &newcomer, "organization", &[&[("id", id.as_str())], &org[..]].concat()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, viewer) = call(&w.state, "get_viewer", &newcomer.cookie, &[]).await;
    assert!(viewer.contains(&format!("\"organization\":\"{id}\"")), "{viewer}");
    let (status, _, body) = save(&w.state, &newcomer, "need", NEED).await;
    assert_eq!(status, StatusCode::OK, "they may post a need now: {body}");
}

#[tokio::test]
async fn a_listings_dates_read_one_way_per_language() {
    let w = world(false).await;
    let path = format!("/needs/{}", w.need);
    let today = |lang: app::i18n::Lang| lang.day(&app::clock::now());
    let vi = page(&w.state, &path, "").await;
    assert!(vi.contains(&format!("Xác nhận lần cuối: {}", today(app::i18n::Lang::Vi))), "dd/mm/yyyy");
    let (_, _, en) = send(&w.state, Method::GET, &path, &[("accept-language", "en")], String::new()).await;
    assert!(en.contains(&format!("Last confirmed: {}", today(app::i18n::Lang::En))), "as in 6 Dec 2026");
}

#[tokio::test]
async fn a_listing_keeps_its_lines_as_typed_without_marks_that_reverse_it() {
    let w = world(false).await;
    let mut fields = NEED.to_vec();
    // Browsers send a textarea's line breaks as CRLF.
    fields[1] =
        ("text[description]", "Yêu cầu:\r\n- đo \u{202E}oxy hòa tan\u{202C} liên tục\r\n- cảnh báo qua điện thoại");
    let (status, place, body) = save(&w.state, &w.member, "need", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = place.trim_start_matches("/needs/");
    let (status, _, body) = send(&w.state, Method::GET, &format!("/api/need/{id}"), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let need: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(need["description"], "Yêu cầu:\n- đo oxy hòa tan liên tục\n- cảnh báo qua điện thoại", "{body}");
}

#[tokio::test]
async fn owners_take_listings_down_with_why_and_delete_drafts_never_published() {
    let w = world(false).await;
    let need = [("kind", "need"), ("id", w.need.as_str())];
    let public = |state: &AppState, id: &str| {
        let uri = format!("/api/need/{id}");
        let state = state.clone();
        async move { common::get(&state, &uri, &[]).await.0 }
    };
    let (status, _, _) =
        call(&w.state, "withdraw_listing", &w.other_member.cookie, &[&need[..], &[("why", "found")]].concat()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nobody takes down what is not theirs");
    let (status, _, body) =
        call(&w.state, "withdraw_listing", &w.member.cookie, &[&need[..], &[("why", "gone")]].concat()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(public(&w.state, &w.need).await, StatusCode::OK);

    let (status, _, body) =
        call(&w.state, "withdraw_listing", &w.member.cookie, &[&need[..], &[("why", "found")]].concat()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(public(&w.state, &w.need).await, StatusCode::NOT_FOUND, "it leaves the catalogue");
    let address = format!("/needs/{}", w.need);
    for who in [&w.member, &w.officer] {
        let (status, _, page) = common::get(&w.state, &address, &[("cookie", who.cookie.as_str())]).await;
        assert_eq!(status, StatusCode::OK, "{} still sees it, as a preview", who.name);
        assert!(page.contains("Bản xem trước.") && !page.contains("Báo cáo hồ sơ này"), "{page}");
        assert!(!page.contains("Xác nhận còn hiệu lực") && !page.contains("Đối tác phù hợp"), "{page}");
    }
    assert_eq!(
        common::get(&w.state, &address, &[("cookie", w.other_member.cookie.as_str())]).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, _, found) = common::get(&w.state, "/api/search?q=cam%20bien%20oxy%20hoa%20tan", &[]).await;
    assert!(!found.contains(&w.need), "and search: {found}");
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(mine.contains("\"withdrawn\":\"found\""), "its owner sees why it is down: {mine}");
    call(&w.state, "confirm_listing", &w.member.cookie, &need).await;
    assert_eq!(public(&w.state, &w.need).await, StatusCode::NOT_FOUND, "confirming does not bring it back");

    let (status, _, body) = save(&w.state, &w.member, "need", &[&[("id", w.need.as_str())], NEED].concat()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(public(&w.state, &w.need).await, StatusCode::OK, "publishing again brings it back");
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(mine.contains("\"withdrawn\":null"), "{mine}");

    // Hidden by an officer while its owner keeps an edit as a draft, it is still taken down:
    // showing it again leaves it down.
    let edit = [("text[title]", "Cảm biến oxy hòa tan (bản sửa)"), ("text[description]", "Đang sửa.")];
    let (status, _, body) =
        save_as(&w.state, &w.member, "need", "draft", &[&[("id", w.need.as_str())], &edit[..], &NEED[2..]].concat())
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let moderate = |hidden: &'static str| {
        [("kind", "need"), ("id", w.need.as_str()), ("hidden", hidden), ("reason", "Cần kiểm tra")]
    };
    assert_eq!(call(&w.state, "moderate_listing", &w.officer.cookie, &moderate("true")).await.0, StatusCode::OK);
    let (status, _, body) =
        call(&w.state, "withdraw_listing", &w.member.cookie, &[&need[..], &[("why", "revise")]].concat()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(mine.contains("\"withdrawn\":\"revise\""), "{mine}");
    // Its owner revises it, down: officers see what was published, never the draft.
    let revised = [("text[title]", "Cảm biến oxy hòa tan (bản nháp mới)"), ("text[description]", "Đang sửa lại.")];
    let fields = [&[("id", w.need.as_str())], &revised[..], &NEED[2..]].concat();
    assert_eq!(save_as(&w.state, &w.member, "need", "draft", &fields).await.0, StatusCode::OK);
    let (_, _, seen) = common::get(&w.state, &address, &[("cookie", w.officer.cookie.as_str())]).await;
    assert!(
        seen.contains("Bản xem trước.") && seen.contains("(bản sửa)") && !seen.contains("(bản nháp mới)"),
        "{seen}"
    );
    let (_, _, seen) = common::get(&w.state, &address, &[("cookie", w.member.cookie.as_str())]).await;
    assert!(seen.contains("(bản nháp mới)"), "its owner sees the draft");
    assert_eq!(call(&w.state, "moderate_listing", &w.officer.cookie, &moderate("false")).await.0, StatusCode::OK);
    assert_eq!(public(&w.state, &w.need).await, StatusCode::NOT_FOUND, "its owner took it down");

    // Drafts: only one never published is deleted, by its owner.
    let (status, _, body) = call(&w.state, "delete_draft", &w.member.cookie, &need).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a published listing is taken down, not deleted: {body}");
    let draft = [("text[title]", "Bản nháp máy sấy rong biển"), ("text[description]", "Chưa xong.")];
    let (status, _, body) = save_as(&w.state, &w.member, "need", "draft", &[&draft[..], &NEED[2..]].concat()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&mine).unwrap();
    let id = mine.as_array().unwrap().iter().find(|l| l["never_published"] == true).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let draft = [("kind", "need"), ("id", id.as_str())];
    assert_eq!(call(&w.state, "delete_draft", &w.other_member.cookie, &draft).await.0, StatusCode::FORBIDDEN);
    assert_eq!(call(&w.state, "delete_draft", &w.member.cookie, &draft).await.0, StatusCode::OK);
    let (_, _, mine) = call(&w.state, "my_listings", &w.member.cookie, &[]).await;
    assert!(!mine.contains(&id) && mine.contains(&w.need), "{mine}");
    let expert = [("kind", "expert"), ("id", w.expert.as_str())];
    let (_, _, asked) = call(&w.state, "affiliation_requests", &w.other_member.cookie, &[]).await;
    assert!(asked.contains(&w.expert), "{asked}");
    assert_eq!(call(&w.state, "delete_draft", &w.researcher.cookie, &expert).await.0, StatusCode::OK);
    let (_, _, asked) = call(&w.state, "affiliation_requests", &w.other_member.cookie, &[]).await;
    assert!(!asked.contains(&w.expert), "its affiliation request goes with it: {asked}");
}

#[tokio::test]
async fn the_account_page_lists_first_steps_until_they_are_done() {
    let w = world(false).await;
    let account = |who: &Person| {
        let (state, cookie) = (w.state.clone(), who.cookie.clone());
        async move { common::get(&state, "/account", &[("cookie", cookie.as_str())]).await.2 }
    };
    let page = account(&w.member).await;
    assert!(!page.contains("first-steps"), "organization and need done: nothing left to say");
    let page = account(&w.researcher).await;
    assert!(page.contains("first-steps"), "{page}");
    assert!(
        page.contains(&format!("href=\"/experts/{}/edit\"", w.expert)),
        "the draft profile is where to go on: {page}"
    );
    assert!(!account(&w.officer).await.contains("first-steps"));
}

#[tokio::test]
async fn saving_a_lab_through_its_form_keeps_its_priced_services() {
    let w = world(false).await;
    let stored = app::catalog::repo::get(&w.state.db, app::catalog::model::Kind::Lab, &w.lab).await.unwrap().unwrap();
    let mut line = serde_json::to_value(&stored).unwrap();
    line["service_catalog"] = serde_json::json!([{"name": "Hiệu chuẩn cảm biến oxy hòa tan", "turnaround_days": 3,
        "prices": [{"customer": "local_business", "min_vnd": 250000}]}]);
    line["instruments"] = serde_json::json!([{"name": "Bể hiệu chuẩn", "state": "working", "bookable": true}]);
    let report = app::catalog::import::import_text(&w.state.db, &line.to_string(), &|_, _| {}).await.unwrap();
    assert_eq!(report.imported(), 1, "{:?}", report.rejected);

    let mut fields = vec![("id", w.lab.as_str()), ("text[description]", "Mô tả mới của phòng.")];
    fields.extend(LAB.iter().filter(|(name, _)| *name != "text[description]"));
    let (status, _, body) = save(&w.state, &w.researcher, "lab", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let saved = page(&w.state, &format!("/api/lab/{}", w.lab), "").await;
    assert!(saved.contains("Mô tả mới của phòng."), "the edit is saved");
    assert!(saved.contains("Hiệu chuẩn cảm biến oxy hòa tan") && saved.contains("Bể hiệu chuẩn"), "{saved}");
}

#[tokio::test]
async fn a_lab_manager_edits_priced_services_and_instruments_in_the_form() {
    let w = world(false).await;
    let stored = app::catalog::repo::get(&w.state.db, app::catalog::model::Kind::Lab, &w.lab).await.unwrap().unwrap();
    let mut line = serde_json::to_value(&stored).unwrap();
    line["service_catalog"] = serde_json::json!([{"name": "Hiệu chuẩn cảm biến oxy hòa tan", "turnaround_days": 3,
        "prices": [{"customer": "local_business", "min_vnd": 250000, "max_vnd": 300000}]}]);
    line["instruments"] = serde_json::json!([{"name": "Bể hiệu chuẩn", "state": "working", "bookable": true}]);
    let report = app::catalog::import::import_text(&w.state.db, &line.to_string(), &|_, _| {}).await.unwrap();
    assert_eq!(report.imported(), 1, "{:?}", report.rejected);

    // The edit form shows each stored item in its own block, and two empty ones to fill.
    let form = page(&w.state, &format!("/labs/{}/edit", w.lab), &w.researcher.cookie).await;
    assert!(form.contains("Bảng giá dịch vụ") && form.contains("Dịch vụ 3"), "{form}");
    assert!(form.contains(r#"name="text[service_catalog.0.name]" value="Hiệu chuẩn cảm biến oxy hòa tan""#), "{form}");
    assert!(
        form.contains(r#"value="250000-300000""#) && form.contains(r#"name="text[service_catalog.rows]" value="3""#)
    );
    assert!(form.contains(r#"name="text[instruments.0.bookable]" value="yes" checked"#), "{form}");

    // A price nobody can read is refused, named by its block, and nothing changes.
    let mut fields = vec![("id", w.lab.as_str())];
    fields.extend(LAB);
    let mut bad = fields.clone();
    bad.extend([
        ("text[service_catalog.rows]", "1"),
        ("text[service_catalog.0.name]", "Vi sinh"),
        ("text[service_catalog.0.price_research]", "-5"),
    ]);
    let (status, _, body) = save(&w.state, &w.researcher, "lab", &bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("Dịch vụ 1: giá «-5» chưa đúng"), "{body}");
    let kept = page(&w.state, &format!("/api/lab/{}", w.lab), "").await;
    assert!(kept.contains("Hiệu chuẩn cảm biến oxy hòa tan") && !kept.contains("Vi sinh"));

    // One changed, one added, the instrument taken off.
    fields.extend([
        ("text[service_catalog.rows]", "3"),
        ("text[service_catalog.0.name]", "Hiệu chuẩn cảm biến oxy hòa tan"),
        ("text[service_catalog.0.price_local_business]", "280.000"),
        ("text[service_catalog.0.turnaround_days]", "3"),
        ("text[service_catalog.1.name]", "Kiểm nghiệm histamine trong nước mắm"),
        ("text[service_catalog.1.standard]", "TCVN 8352:2010"),
        ("text[service_catalog.1.accreditation]", "ISO/IEC 17025:2017"),
        ("text[service_catalog.1.price_business]", "450000-600000"),
        ("text[instruments.rows]", "3"),
        ("text[instruments.0.name]", "Bể hiệu chuẩn"),
        ("text[instruments.0.remove]", "yes"),
    ]);
    let (status, _, body) = save(&w.state, &w.researcher, "lab", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let saved: Value = serde_json::from_str(&page(&w.state, &format!("/api/lab/{}", w.lab), "").await).unwrap();
    let services = saved["service_catalog"].as_array().expect("services");
    assert_eq!(services.len(), 2);
    assert_eq!(services[0]["prices"], serde_json::json!([{"customer": "local_business", "min_vnd": 280000}]));
    assert_eq!(services[1]["prices"][0]["max_vnd"], 600000);
    assert_eq!(services[1]["accreditation"], "ISO/IEC 17025:2017");
    assert!(saved.get("instruments").is_none_or(|i| i.as_array().is_some_and(|i| i.is_empty())), "{saved}");
    // The lab's page and search show the new service.
    let lab_page = page(&w.state, &format!("/labs/{}", w.lab), "").await;
    assert!(lab_page.contains("Kiểm nghiệm histamine trong nước mắm"), "{lab_page}");
}
