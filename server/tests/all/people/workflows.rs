//! Introductions, applications and saved searches, and the inbox telling each side.

use super::*;

#[tokio::test]
async fn a_startup_finds_a_lab_is_introduced_applies_and_hears_of_each_step() {
    let w = world(false).await;
    // The need is searchable and matched at once, and the researcher's new lab is among its partners.
    let (status, _, body) =
        send(&w.state, Method::GET, &format!("/api/needs/{}/matches", w.need), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let matches: Value = serde_json::from_str(&body).unwrap();
    assert!(matches["matches"].as_array().unwrap().iter().any(|m| m["id"] == w.lab.as_str()), "{body}");

    // The researcher is told, accepts, and both see each other's contacts.
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("asked to meet")));
    let (status, _, _) =
        call(&w.state, "answer_introduction", &w.researcher.cookie, &[("id", &w.introduction), ("answer", "accept")])
            .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, body) = call(&w.state, "my_introductions", &w.member.cookie, &[]).await;
    let intros: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(intros[0]["status"], "accepted");
    assert_eq!(intros[0]["contacts"], serde_json::json!(["member@example.vn", "researcher@example.vn"]));
    let (status, _, _) = call(
        &w.state,
        "answer_introduction",
        &w.researcher.cookie,
        &[("id", &w.introduction), ("answer", "decline"), ("reason", "terms")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "an answer is final");

    // The officer moves the application through its stages; the startup hears of each.
    for stage in ["screening", "accepted"] {
        let (status, _, body) = call(
            &w.state,
            "move_application",
            &w.officer.cookie,
            &[("id", &w.application), ("stage", stage), ("comment", "Hồ sơ tốt.")],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, _) = call(
        &w.state,
        "move_application",
        &w.officer.cookie,
        &[("id", &w.application), ("stage", "rejected"), ("comment", "x")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a decision stays");
    let news = inbox(&w.state, &w.member).await;
    for expected in [
        "researcher accepted your request to meet about Water sensor laboratory; contacts are now shared",
        "application to Hỗ trợ khởi nghiệp công nghệ nuôi biển was received",
        ": Screening",
        ": Accepted",
    ] {
        assert!(news.iter().any(|t| t.contains(expected)), "{expected} missing from {news:?}");
    }
    // Both sides' lists name the lab in the reader's language.
    for (lang, title) in [("vi", "Phòng cảm biến môi trường nước"), ("en", "Water sensor laboratory")] {
        for who in [&w.member, &w.researcher] {
            let cookie = format!("{}; lang={lang}", who.cookie);
            let (_, _, body) = call(&w.state, "my_introductions", &cookie, &[]).await;
            let items: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(items[0]["target_title"], title, "{body}");
        }
    }
    // Its account page names its organization.
    let (_, _, viewer) = call(&w.state, "get_account", &w.member.cookie, &[]).await;
    assert!(viewer.contains("\"organization_name\":\"Công ty TNHH Tôm hùm Vạn Ninh\""), "{viewer}");
    // A new open call in its sector reached the startup too.
    assert!(news.iter().any(|t| t.contains("A new call in your sectors")), "{news:?}");
}

#[tokio::test]
async fn an_applicant_keeps_every_comment_has_a_receipt_and_may_withdraw_before_a_decision() {
    let w = world(false).await;
    let mine = |who: &Person| {
        let (state, cookie) = (w.state.clone(), who.cookie.clone());
        async move {
            let (_, _, body) = call(&state, "my_applications", &cookie, &[]).await;
            serde_json::from_str::<Value>(&body).unwrap()[0].clone()
        }
    };
    // A receipt number, in the application and in the notice that it was received.
    let first = mine(&w.member).await;
    let receipt = first["receipt"].as_str().unwrap().to_string();
    assert!(receipt.starts_with("HS-20") && receipt.ends_with(&format!("{:0>5}", w.application)), "{receipt}");
    assert!(inbox(&w.state, &w.member).await.iter().any(|t| t.contains(&receipt)), "the notice quotes it");
    // What it asks for, and what the call asks of it.
    assert_eq!(first["amount_vnd"], 150_000_000);
    assert_eq!(first["terms"]["documents"], serde_json::json!(["Thuyết minh đề tài", "Dự toán kinh phí"]));
    // Two comments on two steps: the first is not lost when the second comes.
    for (stage, comment) in [("screening", "Vui lòng bổ sung báo giá thiết bị."), ("evaluation", "Đã nhận báo giá.")]
    {
        let params = [("id", w.application.as_str()), ("stage", stage), ("comment", comment)];
        assert_eq!(call(&w.state, "move_application", &w.officer.cookie, &params).await.0, StatusCode::OK);
    }
    let application = mine(&w.member).await;
    let steps: Vec<(&str, Option<&str>)> = application["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["comment"].as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("submitted", None),
            ("screening", Some("Vui lòng bổ sung báo giá thiết bị.")),
            ("evaluation", Some("Đã nhận báo giá."))
        ]
    );
    let (_, _, page) =
        send(&w.state, Method::GET, "/mine", &[("cookie", w.member.cookie.as_str())], String::new()).await;
    assert!(page.contains("Vui lòng bổ sung báo giá thiết bị.") && page.contains(&receipt), "both on the page");
    // Only the applicant withdraws; then officers are told and nothing moves it any more.
    let id = [("id", w.application.as_str())];
    assert_eq!(call(&w.state, "withdraw_application", &w.colleague.cookie, &id).await.0, StatusCode::FORBIDDEN);
    let (status, _, body) = call(&w.state, "withdraw_application", &w.member.cookie, &id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(mine(&w.member).await["stage"], "withdrawn");
    assert!(inbox(&w.state, &w.officer).await.iter().any(|t| t.contains(&receipt) && t.contains("withdrawn")));
    assert_eq!(call(&w.state, "withdraw_application", &w.member.cookie, &id).await.0, StatusCode::CONFLICT);
    let accept = [("id", w.application.as_str()), ("stage", "accepted")];
    assert_eq!(call(&w.state, "move_application", &w.officer.cookie, &accept).await.0, StatusCode::CONFLICT);
}

#[tokio::test]
async fn officers_ask_for_more_the_applicant_answers_and_a_decision_is_reopened_with_a_reason() {
    let w = world(false).await;
    let id = w.application.as_str();
    let stage_of = || async {
        let (_, _, body) = call(&w.state, "my_applications", &w.member.cookie, &[]).await;
        serde_json::from_str::<Value>(&body).unwrap()[0].clone()
    };
    // Asking for more says what.
    let ask = [("id", id), ("stage", "more_info"), ("comment", "")];
    let (status, _, body) = call(&w.state, "move_application", &w.officer.cookie, &ask).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("comment"), "{body}");
    let question = "Vui lòng bổ sung báo giá thiết bị tách chiết.";
    let ask = [("id", id), ("stage", "more_info"), ("comment", question)];
    assert_eq!(call(&w.state, "move_application", &w.officer.cookie, &ask).await.0, StatusCode::OK);
    let application = stage_of().await;
    assert_eq!(application["stage"], "more_info");
    let receipt = application["receipt"].as_str().unwrap().to_string();
    let news = inbox(&w.state, &w.member).await;
    assert!(
        news.iter().any(|t| t.contains(&receipt) && t.contains(question)),
        "the notice carries the question: {news:?}"
    );
    let (_, _, page) =
        send(&w.state, Method::GET, "/mine", &[("cookie", w.member.cookie.as_str())], String::new()).await;
    assert!(page.contains("info-request") && page.contains("Gửi bổ sung"), "the applicant is asked on the page");

    // Only the applicant answers, with something; then it is back where it was.
    let answer = "Đã bổ sung báo giá của hai nhà cung cấp (tệp đính kèm).";
    assert_eq!(
        call(&w.state, "answer_application", &w.colleague.cookie, &[("id", id), ("answer", answer)]).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _, body) =
        call(&w.state, "answer_application", &w.member.cookie, &[("id", id), ("answer", " ")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, body) =
        call(&w.state, "answer_application", &w.member.cookie, &[("id", id), ("answer", answer)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let application = stage_of().await;
    assert_eq!(application["stage"], "submitted");
    let last = application["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["comment"].as_str(), last["by_applicant"].as_bool()), (Some(answer), Some(true)));
    assert!(inbox(&w.state, &w.officer).await.iter().any(|t| t.contains(&receipt) && t.contains("completed")));
    let again = call(&w.state, "answer_application", &w.member.cookie, &[("id", id), ("answer", answer)]).await;
    assert_eq!(again.0, StatusCode::CONFLICT, "nothing is waiting for an answer");

    // A decision is reopened by an officer only, with a reason the applicant reads; audited.
    let accept = [("id", id), ("stage", "accepted"), ("comment", "Đạt.")];
    assert_eq!(call(&w.state, "move_application", &w.officer.cookie, &accept).await.0, StatusCode::OK);
    let reason = "Hội đồng phát hiện trùng lặp với một nhiệm vụ đang thực hiện.";
    for (who, status) in [(&w.member, StatusCode::FORBIDDEN), (&w.officer, StatusCode::BAD_REQUEST)] {
        let typed = if who.name == "officer" { "" } else { reason };
        assert_eq!(call(&w.state, "reopen_application", &who.cookie, &[("id", id), ("reason", typed)]).await.0, status);
    }
    let (status, _, body) =
        call(&w.state, "reopen_application", &w.officer.cookie, &[("id", id), ("reason", reason)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(stage_of().await["stage"], "evaluation");
    assert!(inbox(&w.state, &w.member).await.iter().any(|t| t.contains(reason)));
    let log = repo::audit_log(&w.state.db, 10).await.unwrap();
    assert!(log.iter().any(|e| e.action == "reopen_application" && e.detail.contains("trùng lặp")), "{log:?}");
    let again = call(&w.state, "reopen_application", &w.officer.cookie, &[("id", id), ("reason", reason)]).await;
    assert_eq!(again.0, StatusCode::CONFLICT, "only a decision is reopened");
}

#[tokio::test]
async fn applying_late_twice_or_when_not_eligible_is_refused_with_a_reason() {
    let w = world(false).await;
    let proposal = ("proposal", "Một đề xuất đủ dài để được xem xét.");
    let amount = ("amount", "100.000.000");
    let (status, _, body) =
        call(&w.state, "apply", &w.member.cookie, &[("kind", "call"), ("id", &w.call), proposal, amount]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // A call asks how much, within its largest award, before anything is stored.
    for (typed, says) in [("400.000.000", "300.000.000"), ("", "amount"), ("ba trăm triệu", "amount")] {
        let params = [("kind", "call"), ("id", w.call.as_str()), proposal, ("amount", typed)];
        let (status, _, body) = call(&w.state, "apply", &w.colleague.cookie, &params).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{typed}: {body}");
        assert!(body.contains("\"amount\"") && body.contains(says), "{typed}: {body}");
    }
    let (status, _, body) =
        call(&w.state, "apply", &w.other_member.cookie, &[("kind", "call"), ("id", &w.call), proposal, amount]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("not eligible") || body.contains("không thuộc đối tượng"), "{body}");
    // The call's page says so before anyone writes a proposal.
    let (_, _, panel) =
        call(&w.state, "application_panel", &w.other_member.cookie, &[("kind", "call"), ("id", &w.call)]).await;
    assert!(
        panel.contains("Closed") && (panel.contains("not eligible") || panel.contains("không thuộc đối tượng")),
        "{panel}"
    );
    // Someone of no organization yet is shown where to create its profile.
    let newcomer = person(&w.state, "newcomer", &[Role::Member], None).await;
    let html = page(&w.state, &format!("/calls/{}", w.call), &newcomer.cookie).await;
    assert!(html.contains("nhân danh một tổ chức") && html.contains("href=\"/organizations/new\""), "{html}");
    // A researcher is told how researchers take part, in place of a form they could not send.
    let html = page(&w.state, &format!("/calls/{}", w.call), &w.researcher.cookie).await;
    assert!(html.contains("id=\"apply\"") && html.contains("ghi tên bạn là chủ nhiệm"), "{html}");
    // The fixture's pilot closes in the past once the fixture is old; a closed call is refused.
    let closed = [
        ("text[title]", "Kêu gọi đã đóng"),
        ("text[description]", "Đã hết hạn."),
        ("text[issuer]", "so-khcn"),
        ("list[sectors][]", "aquaculture"),
        ("list[eligible][]", "startup"),
        ("text[opens]", "2020-01-01"),
        ("text[closes]", "2020-02-01"),
        ("text[status]", "closed"),
    ];
    let (status, href, body) = save(&w.state, &w.officer, "call", &closed).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = call(
        &w.state,
        "apply",
        &w.member.cookie,
        &[("kind", "call"), ("id", href.trim_start_matches("/calls/")), proposal],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("not taking applications") || body.contains("không nhận hồ sơ"), "{body}");
    // Nobody is sent to create a profile for a call that takes nothing.
    let html = page(&w.state, &href, &newcomer.cookie).await;
    assert!(html.contains("không nhận hồ sơ vào lúc này") && !html.contains("nhân danh một tổ chức"), "{html}");
}

#[tokio::test]
async fn an_introduction_carries_only_the_requesters_own_need() {
    let w = world(false).await;
    let message = ("message", "Chúng tôi muốn hiệu chuẩn cảm biến oxy của mình.");
    let (_, _, before) = call(&w.state, "my_introductions", &w.other_member.cookie, &[]).await;
    let (status, _, body) = call(
        &w.state,
        "request_introduction",
        &w.other_member.cookie,
        &[("kind", "lab"), ("id", &w.lab), ("need", &w.need), message],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "another organization's need: {body}");
    assert!(body.contains("\"with\""), "{body}");
    let (_, _, mine) = call(&w.state, "my_introductions", &w.other_member.cookie, &[]).await;
    assert_eq!(mine, before, "nothing was sent");
    let (status, _, body) =
        call(&w.state, "request_introduction", &w.other_member.cookie, &[("kind", "lab"), ("id", &w.lab), message])
            .await;
    assert_eq!(status, StatusCode::OK, "without it: {body}");
}

#[tokio::test]
async fn a_saved_search_tells_its_owner_once_about_each_new_result() {
    let w = world(false).await;
    assert_eq!(app::alerts::service::check_all(&w.state).await.unwrap(), 0, "nothing new since saving");
    let (status, _, _) =
        call(&w.state, "save_search", &w.member.cookie, &[("query", "kind=lab&q=c%E1%BA%A3m+bi%E1%BA%BFn")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "the same search, written in another order, is already saved");
    let (status, _, _) = call(&w.state, "save_search", &w.member.cookie, &[("query", "q=")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an empty search is not saved");
    let lab = [
        ("text[name]", "Phòng hiệu chuẩn cảm biến biển Nha Trang"),
        ("text[organization]", "ria3"),
        ("text[description]", "Hiệu chuẩn cảm biến độ mặn và oxy cho trạm quan trắc biển."),
        ("text[capabilities]", "Hiệu chuẩn cảm biến"),
        ("list[sectors][]", "oceanography"),
    ];
    save_confirmed(&w.state, &w.researcher, &w.officer, "lab", &lab).await;
    assert_eq!(app::alerts::service::check_all(&w.state).await.unwrap(), 1);
    assert_eq!(app::alerts::service::check_all(&w.state).await.unwrap(), 0, "told once");
    let news = inbox(&w.state, &w.member).await;
    assert!(news.iter().any(|t| t.contains("new results for your saved search “cảm biến” · Labs")), "{news:?}");
    let (status, _, _) = call(&w.state, "delete_search", &w.other_member.cookie, &[("id", &w.saved_search)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = call(&w.state, "delete_search", &w.member.cookie, &[("id", &w.saved_search)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, mine) = call(&w.state, "my_searches", &w.member.cookie, &[]).await;
    assert_eq!(mine, "[]");
}

#[tokio::test]
async fn a_rejection_says_why_and_offers_name_only_their_own_labs() {
    let w = world(false).await;
    let (status, _, body) =
        call(&w.state, "move_application", &w.officer.cookie, &[("id", &w.application), ("stage", "rejected")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("comment"), "{body}");
    let offer = [
        ("text[title]", "Quy trình sấy lạnh rong nho"),
        ("text[summary]", "Sấy lạnh giữ màu và độ giòn."),
        ("list[sectors][]", "aquaculture"),
        ("text[trl]", "6"),
        ("text[ip_status]", "know_how"),
        ("list[transfer_modes][]", "license"),
    ];
    let mut someone_elses = offer.to_vec();
    someone_elses.push(("text[owner_lab]", "lab-benh-hoc"));
    let (status, _, body) = save(&w.state, &w.researcher, "offer", &someone_elses).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("owner_lab"), "{body}");
    let mut own = offer.to_vec();
    own.push(("text[owner_lab]", w.lab.as_str()));
    let (status, _, body) = save(&w.state, &w.researcher, "offer", &own).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn an_accepted_introductions_outcome_starts_unchosen() {
    let w = world(true).await;
    for who in [&w.member, &w.researcher] {
        let html = page(&w.state, "/mine", &who.cookie).await;
        let select = format!("id=\"outcome-{}\"", w.introduction);
        let at = html.find(&select).unwrap_or_else(|| panic!("{}: no outcome form in {html}", who.name));
        let first = &html[at..].split("<option").nth(1).unwrap_or_default();
        // Nobody records "agreement signed" by saving the form as it comes.
        assert!(first.starts_with(" value=\"\""), "{}: the first choice is {first}", who.name);
        assert!(html[at..].contains("Chọn kết quả…"), "{}", who.name);
    }
}

#[tokio::test]
async fn the_inbox_count_goes_once_the_inbox_was_seen() {
    let w = world(true).await;
    let unread = |who: &Person| {
        let state = w.state.clone();
        let cookie = who.cookie.clone();
        async move {
            let (status, _, body) = call(&state, "get_viewer", &cookie, &[]).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<Value>(&body).unwrap()["unread"].as_u64().unwrap()
        }
    };
    // The researcher was told of the introduction (and more).
    assert!(unread(&w.researcher).await > 0);
    let seen = page(&w.state, "/inbox", &w.researcher.cookie).await;
    assert!(seen.contains("inbox-item unread"), "the new ones are marked on this look");
    assert_eq!(unread(&w.researcher).await, 0, "seen is read");
    let again = page(&w.state, "/inbox", &w.researcher.cookie).await;
    assert!(!again.contains("inbox-item unread"));
}

#[tokio::test]
async fn a_lab_asked_already_says_so_instead_of_an_empty_form() {
    let w = world(false).await;
    let lab = format!("/labs/{}", w.lab);
    // The member's request waits for the researcher's answer.
    let html = page(&w.state, &lab, &w.member.cookie).await;
    assert!(html.contains("Bạn đã gửi đề nghị: ") && html.contains("Đang chờ trả lời"), "the request is remembered");
    assert!(!html.contains("name=\"message\""), "no empty form to fill again");
    // A colleague who asked nothing gets the form.
    let html = page(&w.state, &lab, &w.colleague.cookie).await;
    assert!(html.contains("name=\"message\""));
}
