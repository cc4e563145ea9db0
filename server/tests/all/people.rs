//! People acting on the portal, through the real server functions: accounts, publishing,
//! introductions, applications and the inbox; and who may do what (the authorization matrix).

use crate::common;

use crate::common::{call, person, send, small_state, Person};
use app::accounts::model::Role;
use app::accounts::repo;
use app::state::AppState;
use axum::http::{Method, StatusCode};
use serde_json::Value;

fn in_days(days: i64) -> String {
    app::clock::today().checked_add_signed(app::clock::days(days)).unwrap().to_string()
}

/// The page a server function sent the browser to.
fn location(headers: &axum::http::HeaderMap) -> String {
    headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// Everyone, and one of each thing they act on: a researcher's lab, a startup's need, an
/// officer's open call, an introduction (accepted or not) and an application.
struct World {
    state: AppState,
    anonymous: Person,
    member: Person,
    /// A second member of the member's organization.
    colleague: Person,
    other_member: Person,
    researcher: Person,
    officer: Person,
    admin: Person,
    lab: String,
    need: String,
    call: String,
    introduction: String,
    application: String,
    saved_search: String,
    /// The researcher's expert profile naming `so-khcn` (where `other_member` works), waiting
    /// as a draft, and its request.
    expert: String,
    affiliation: String,
    /// `other_member`'s request to meet a lab nobody manages on the portal (imported).
    unmanaged_introduction: String,
    /// A valid password-reset token of someone outside the world's roles.
    reset_token: String,
}

impl World {
    fn everyone(&self) -> Vec<Person> {
        [
            &self.anonymous,
            &self.member,
            &self.colleague,
            &self.other_member,
            &self.researcher,
            &self.officer,
            &self.admin,
        ]
        .into_iter()
        .cloned()
        .collect()
    }
}

async fn save(state: &AppState, who: &Person, kind: &str, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
    save_as(state, who, kind, "publish", fields).await
}

/// `save`, choosing whether to `publish` or keep a `draft`.
async fn save_as(
    state: &AppState,
    who: &Person,
    kind: &str,
    mode: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let mut pairs = vec![("kind", kind), ("save", mode)];
    pairs.extend_from_slice(fields);
    let (status, headers, body) = call(state, "save_listing", &who.cookie, &pairs).await;
    (status, location(&headers), body)
}

const LAB: &[(&str, &str)] = &[
    ("text[name]", "Phòng cảm biến môi trường nước"),
    ("text[organization]", "ria3"),
    ("text[description]", "Thiết kế và hiệu chuẩn cảm biến oxy hòa tan, pH và độ mặn cho ao nuôi tôm hùm."),
    ("text[capabilities]", "Hiệu chuẩn cảm biến oxy hòa tan\nGiám sát chất lượng nước ao nuôi"),
    ("list[sectors][]", "aquaculture"),
];

/// An expert profile naming `so-khcn`, an organization the researcher does not belong to.
const EXPERT: &[(&str, &str)] = &[
    ("text[name]", "TS. Nguyễn Văn Biển"),
    ("text[organization]", "so-khcn"),
    ("text[bio]", "Nghiên cứu quan trắc môi trường biển ven bờ và mô hình dòng chảy vịnh Nha Trang."),
    ("text[expertise]", "Quan trắc môi trường biển"),
    ("list[sectors][]", "oceanography"),
    ("text[languages]", "vi\nen"),
    ("list[available_for][]", "consulting"),
    ("text[based_in]", "in_province"),
];

const NEED: &[(&str, &str)] = &[
    ("text[title]", "Cảm biến oxy hòa tan cho lồng nuôi tôm hùm"),
    (
        "text[description]",
        "Cần hệ thống cảm biến oxy hòa tan đo liên tục, cảnh báo qua điện thoại cho lồng nuôi tôm hùm ở Vạn Ninh.",
    ),
    ("list[sectors][]", "aquaculture"),
    ("list[partner_types][]", "lab"),
];

async fn world(accepted: bool) -> World {
    let state = small_state().await;
    let anonymous = Person { name: "anonymous", cookie: String::new() };
    let member = person(&state, "member", &[Role::Member], Some("tom-hum-van-ninh")).await;
    let colleague = person(&state, "colleague", &[Role::Member], Some("tom-hum-van-ninh")).await;
    let other_member = person(&state, "other", &[Role::Member], Some("so-khcn")).await;
    let researcher = person(&state, "researcher", &[Role::Researcher], None).await;
    let officer = person(&state, "officer", &[Role::Officer], None).await;
    let admin = person(&state, "admin", &[Role::Admin], None).await;

    // The lab names ria3, which the researcher does not belong to: an officer confirms it.
    let lab = save_confirmed(&state, &researcher, &officer, "lab", LAB).await;
    let lab = lab.trim_start_matches("/labs/").to_string();
    let (status, place, body) = save(&state, &researcher, "expert", EXPERT).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"), "{body}");
    let request = waiting(&state, &officer).await.pop().expect("a request");
    let (expert, affiliation) = (request["record_id"].as_str().unwrap().to_string(), request["id"].to_string());
    let (status, need, body) = save(&state, &member, "need", NEED).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let need = need.trim_start_matches("/needs/").to_string();
    let (opens, closes) = (in_days(-1), in_days(60));
    let call_fields = [
        ("text[title]", "Hỗ trợ khởi nghiệp công nghệ nuôi biển"),
        ("text[description]", "Tài trợ thử nghiệm công nghệ mới cho nuôi biển bền vững."),
        ("text[issuer]", "so-khcn"),
        ("list[sectors][]", "aquaculture"),
        ("list[eligible][]", "startup"),
        ("text[opens]", opens.as_str()),
        ("text[closes]", closes.as_str()),
        ("text[status]", "open"),
    ];
    let (status, call_href, body) = save(&state, &officer, "call", &call_fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let call_id = call_href.trim_start_matches("/calls/").to_string();

    let message = "Chúng tôi cần hiệu chuẩn cảm biến oxy cho 40 lồng nuôi.";
    let (status, _, body) = call(
        &state,
        "request_introduction",
        &member.cookie,
        &[("kind", "lab"), ("id", &lab), ("need", &need), ("message", message)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let introduction = first_id(&state, "my_introductions", &member).await;
    if accepted {
        let (status, _, body) =
            call(&state, "answer_introduction", &researcher.cookie, &[("id", &introduction), ("answer", "accept")])
                .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let proposal = "Lắp thử 10 cảm biến oxy tại Vạn Ninh trong 6 tháng.";
    let (status, _, body) =
        call(&state, "apply", &member.cookie, &[("kind", "call"), ("id", &call_id), ("proposal", proposal)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let application = first_id(&state, "my_applications", &member).await;
    let (status, _, body) =
        call(&state, "save_search", &member.cookie, &[("query", "q=c%E1%BA%A3m+bi%E1%BA%BFn&kind=lab")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let saved_search = first_id(&state, "my_searches", &member).await;
    let (status, _, body) = call(
        &state,
        "request_introduction",
        &other_member.cookie,
        &[("kind", "lab"), ("id", "lab-benh-hoc"), ("message", "Xin gặp phòng bệnh học để hợp tác.")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let unmanaged_introduction = first_id(&state, "my_introductions", &other_member).await;
    repo::create_user(&state.db, "lan@startup.vn", "Lan", "no password", &[Role::Member]).await.unwrap();
    call(&state, "request_reset", "", &[("email", "lan@startup.vn")]).await;
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    let reset_token = mail.body.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    World {
        state,
        anonymous,
        member,
        colleague,
        other_member,
        researcher,
        officer,
        admin,
        lab,
        need,
        call: call_id,
        introduction,
        application,
        saved_search,
        expert,
        affiliation,
        unmanaged_introduction,
        reset_token,
    }
}

/// The affiliation requests `who` answers, oldest first.
async fn waiting(state: &AppState, who: &Person) -> Vec<Value> {
    let (status, _, body) = call(state, "affiliation_requests", &who.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let found: Value = serde_json::from_str(&body).unwrap();
    found["to_answer"].as_array().unwrap().clone()
}

/// Saves a lab or expert of `author` naming an organization not theirs, and has `officer`
/// confirm it; answers the record's page.
async fn save_confirmed(
    state: &AppState,
    author: &Person,
    officer: &Person,
    kind: &str,
    fields: &[(&str, &str)],
) -> String {
    let (status, place, body) = save(state, author, kind, fields).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"), "{body}");
    let request = waiting(state, officer).await.pop().expect("a request");
    let (status, _, body) =
        call(state, "answer_affiliation", &officer.cookie, &[("id", &request["id"].to_string()), ("answer", "accept")])
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let kind = app::catalog::model::Kind::from_code(kind).unwrap();
    format!("{}/{}", kind.path(), request["record_id"].as_str().unwrap())
}

async fn first_id(state: &AppState, endpoint: &str, who: &Person) -> String {
    let (status, _, body) = call(state, endpoint, &who.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items: Value = serde_json::from_str(&body).unwrap();
    items[0]["id"].as_i64().expect("an item").to_string()
}

async fn inbox(state: &AppState, who: &Person) -> Vec<String> {
    let (status, _, body) = call(state, "inbox", &who.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items: Value = serde_json::from_str(&body).unwrap();
    items.as_array().unwrap().iter().map(|n| n["text_en"].as_str().unwrap().to_string()).collect()
}

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
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("asks to be introduced")));
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
        "accepted your introduction",
        "application to Hỗ trợ khởi nghiệp công nghệ nuôi biển was received",
        ": Screening",
        ": Accepted",
    ] {
        assert!(news.iter().any(|t| t.contains(expected)), "{expected} missing from {news:?}");
    }
    // Its account page names its organization.
    let (_, _, viewer) = call(&w.state, "get_account", &w.member.cookie, &[]).await;
    assert!(viewer.contains("\"organization_name\":\"Công ty TNHH Tôm hùm Vạn Ninh\""), "{viewer}");
    // A new open call in its sector reached the startup too.
    assert!(news.iter().any(|t| t.contains("A new call in your sectors")), "{news:?}");
}

#[tokio::test]
async fn applying_late_twice_or_when_not_eligible_is_refused_with_a_reason() {
    let w = world(false).await;
    let proposal = ("proposal", "Một đề xuất đủ dài để được xem xét.");
    let (status, _, body) =
        call(&w.state, "apply", &w.member.cookie, &[("kind", "call"), ("id", &w.call), proposal]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _, body) =
        call(&w.state, "apply", &w.other_member.cookie, &[("kind", "call"), ("id", &w.call), proposal]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("not eligible") || body.contains("không thuộc đối tượng"), "{body}");
    // The call's page says so before anyone writes a proposal.
    let (_, _, panel) =
        call(&w.state, "application_panel", &w.other_member.cookie, &[("kind", "call"), ("id", &w.call)]).await;
    assert!(
        panel.contains("Closed") && (panel.contains("not eligible") || panel.contains("không thuộc đối tượng")),
        "{panel}"
    );
    // The fixture's pilot closes in the past once the fixture is old; a closed call is refused.
    let closed = [
        ("text[title]", "Kêu gọi đã đóng"),
        ("text[description]", "Đã hết hạn."),
        ("text[issuer]", "so-khcn"),
        ("list[sectors][]", "aquaculture"),
        ("list[eligible][]", "startup"),
        ("text[opens]", "2020-01-01"),
        ("text[closes]", "2020-02-01"),
        ("text[status]", "open"),
    ];
    let (_, href, _) = save(&w.state, &w.officer, "call", &closed).await;
    let (status, _, body) = call(
        &w.state,
        "apply",
        &w.member.cookie,
        &[("kind", "call"), ("id", href.trim_start_matches("/calls/")), proposal],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("not taking applications") || body.contains("không nhận hồ sơ"), "{body}");
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

/// Posts a form as a browser does without any script: it asks for HTML, names the page it
/// came from, and follows the redirect.
async fn post_page(state: &AppState, endpoint: &str, cookie: &str, from: &str, pairs: &[(&str, &str)]) -> String {
    let referer = format!("{}{from}", common::ORIGIN);
    let mut headers = vec![
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "text/html,application/xhtml+xml"),
        ("referer", referer.as_str()),
        ("origin", common::ORIGIN),
    ];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    let (status, headers, _) =
        common::send(state, Method::POST, &format!("/fn/{endpoint}"), &headers, common::form(pairs)).await;
    assert_eq!(status, StatusCode::FOUND);
    location(&headers)
}

/// The cookie a signed-out browser receives with its first refused form.
async fn browser_cookie(state: &AppState, endpoint: &str, from: &str, pairs: &[(&str, &str)]) -> (String, String) {
    let referer = format!("{}{from}", common::ORIGIN);
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "text/html"),
        ("referer", referer.as_str()),
        ("origin", common::ORIGIN),
    ];
    let (_, headers, _) =
        common::send(state, Method::POST, &format!("/fn/{endpoint}"), &headers, common::form(pairs)).await;
    let cookie = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    assert!(cookie.starts_with("kh_form="), "{cookie}");
    (cookie, location(&headers))
}

/// Signs up with `fields` and uses the link mailed to confirm the address: the confirmation's
/// status and headers (its `set-cookie` starts the session).
async fn sign_up_and_confirm(state: &AppState, fields: &[(&str, &str)]) -> (StatusCode, axum::http::HeaderMap) {
    let (status, _, body) = call(state, "sign_up", "", fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mail = repo::outbox(&state.db, 1).await.unwrap().remove(0);
    let token = mail
        .body
        .split("confirm?token=")
        .nth(1)
        .expect("a confirmation link")
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let (status, headers, _) = call(state, "confirm_signup", "", &[("token", &token)]).await;
    (status, headers)
}

async fn page(state: &AppState, path: &str, cookie: &str) -> String {
    let headers: Vec<(&str, &str)> = if cookie.is_empty() { vec![] } else { vec![("cookie", cookie)] };
    let (status, _, body) = common::send(state, Method::GET, path, &headers, String::new()).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    body
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
    let up = [("name", "Lan Nguyễn"), ("email", "lan@startup.vn"), ("password", "ngắn"), ("role", "member")];
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

#[tokio::test]
async fn accounts_sign_up_in_out_reset_and_slow_down_guessing() {
    let state = small_state().await;
    let up =
        [("name", "Lan Nguyễn"), ("email", "Lan@Startup.vn"), ("password", "một mật khẩu dài"), ("role", "member")];
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
        &[("name", "X"), ("email", "x@y.vn"), ("password", "long enough pw"), ("role", "admin")],
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
    let (_, headers, _) = send(&state, Method::GET, "/labs", &[], String::new()).await;
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));
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
    let (_, headers, _) = send(&state, Method::GET, "/labs", &[], String::new()).await;
    assert!(!headers.contains_key("cache-control"), "an anonymous public page may be cached");
}

#[tokio::test]
async fn over_https_cookies_are_host_only_and_forms_return_only_to_this_site() {
    let https = app::site::Site::new(Some("https://portal.example"), "127.0.0.1:3000".parse().unwrap(), "").unwrap();
    let state = small_state().await.with_site(https);
    let up =
        [("name", "Lan Nguyễn"), ("email", "lan@startup.vn"), ("password", "một mật khẩu dài"), ("role", "member")];
    let (status, headers) = sign_up_and_confirm(&state, &up).await;
    assert_eq!(status, StatusCode::OK);
    let set = headers["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("__Host-kh_session=") && set.contains("; Secure") && set.contains("Path=/"), "{set}");
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

    // A plain form whose Referer is another site comes back to a page of this one.
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "text/html"),
        ("origin", "https://portal.example"),
        ("referer", "https://evil.example/phish"),
    ];
    let (status, headers, _) = send(
        &state,
        Method::POST,
        "/fn/sign_in",
        &headers,
        common::form(&[("email", "x@y.vn"), ("password", "wrong guess")]),
    )
    .await;
    assert_eq!(status, StatusCode::FOUND);
    let to = location(&headers);
    assert_eq!(to, "/");
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "text/html"),
        ("origin", "https://portal.example"),
        ("referer", "https://portal.example/signin"),
    ];
    let (_, headers, _) = send(
        &state,
        Method::POST,
        "/fn/sign_in",
        &headers,
        common::form(&[("email", "x@y.vn"), ("password", "wrong guess")]),
    )
    .await;
    assert!(location(&headers).starts_with("/signin?__path=/fn/sign_in&__err="), "{}", location(&headers));
    assert!(headers["set-cookie"].to_str().unwrap().starts_with("__Host-kh_form="));
}

#[tokio::test]
async fn guessing_is_answered_429_and_strangers_cannot_lock_an_owner_out() {
    let state = small_state().await;
    let up =
        [("name", "Lan Nguyễn"), ("email", "lan@startup.vn"), ("password", "một mật khẩu dài"), ("role", "member")];
    assert_eq!(sign_up_and_confirm(&state, &up).await.0, StatusCode::OK);
    let sign_in = |peer: &'static str, password: &'static str, lang: &'static str| {
        let state = state.clone();
        async move {
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "application/json"),
                ("origin", common::ORIGIN),
                ("accept-language", lang),
            ];
            let body = common::form(&[("email", "lan@startup.vn"), ("password", password)]);
            common::send_from(&state, peer, Method::POST, "/fn/sign_in", &headers, body).await
        }
    };
    // The owner signs in from home once; the address is known from then on.
    assert_eq!(sign_in("198.51.100.1:1", "một mật khẩu dài", "vi").await.0, StatusCode::OK);

    // 40 tries from one socket, each with another X-Forwarded-For: past the free ones, 429s.
    let mut refused = 0;
    for n in 0..40 {
        let forwarded = format!("10.9.8.{n}");
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
            ("origin", common::ORIGIN),
            ("x-forwarded-for", forwarded.as_str()),
        ];
        let body = common::form(&[("email", &format!("x{n}@example.vn")), ("password", "wrong guess")]);
        let (status, headers, _) =
            common::send_from(&state, "203.0.113.9:5000", Method::POST, "/fn/sign_in", &headers, body).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(headers["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
            refused += 1;
        }
    }
    assert!(refused >= 29, "only the first 10 or so are tried: {refused} refused");
    let (status, _, body) = sign_in("203.0.113.9:5001", "wrong guess", "en").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("Too many attempts"), "in the reader's language: {body}");

    // Guessing at Lan's account from many addresses: five each, then that address waits...
    let peers: Vec<String> = (0..10).map(|n| format!("192.0.2.{}:7000", 100 + n)).collect();
    for peer in &peers {
        for _ in 0..5 {
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "application/json"),
                ("origin", common::ORIGIN),
            ];
            let body = common::form(&[("email", "lan@startup.vn"), ("password", "wrong guess")]);
            assert_eq!(
                common::send_from(&state, peer, Method::POST, "/fn/sign_in", &headers, body).await.0,
                StatusCode::BAD_REQUEST
            );
        }
    }
    let again = |peer: String| {
        let state = state.clone();
        async move {
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "application/json"),
                ("origin", common::ORIGIN),
            ];
            let body = common::form(&[("email", "lan@startup.vn"), ("password", "một mật khẩu dài")]);
            common::send_from(&state, &peer, Method::POST, "/fn/sign_in", &headers, body).await.0
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
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
            ("origin", common::ORIGIN),
        ];
        let body = common::form(&[("email", &format!("y{n}@example.vn")), ("password", "wrong guess")]);
        last = common::send_from(&state, "198.51.100.1:9", Method::POST, "/fn/sign_in", &headers, body).await.0;
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
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("accept", "application/json"),
        ("origin", common::ORIGIN),
    ];
    let mut statuses = Vec::new();
    for n in 0..8 {
        let email = format!("reset{n}@example.vn");
        statuses.push(
            common::send_from(
                &state,
                "203.0.113.20:1",
                Method::POST,
                "/fn/request_reset",
                &headers,
                common::form(&[("email", &email)]),
            )
            .await
            .0,
        );
    }
    assert_eq!(statuses[..5], [StatusCode::OK; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    for n in 0..3 {
        assert_eq!(
            common::send_from(
                &state,
                &format!("203.0.113.{}:1", 30 + n),
                Method::POST,
                "/fn/request_reset",
                &headers,
                common::form(&[("email", "lan@startup.vn")])
            )
            .await
            .0,
            StatusCode::OK
        );
    }
    let fourth = common::send_from(
        &state,
        "203.0.113.40:1",
        Method::POST,
        "/fn/request_reset",
        &headers,
        common::form(&[("email", "lan@startup.vn")]),
    )
    .await
    .0;
    assert_eq!(
        fourth,
        StatusCode::TOO_MANY_REQUESTS,
        "one email is not mailed more than three times in a row, from anywhere"
    );

    let mut statuses = Vec::new();
    for n in 0..7 {
        let email = format!("new{n}@example.vn");
        let up = common::form(&[
            ("name", "Người mới"),
            ("email", &email),
            ("password", "một mật khẩu dài"),
            ("role", "member"),
        ]);
        statuses.push(common::send_from(&state, "203.0.113.50:1", Method::POST, "/fn/sign_up", &headers, up).await.0);
    }
    assert_eq!(statuses[..5], [StatusCode::OK; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
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
    let answers = futures::future::join_all(requests).await;
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
    assert!(body.contains("need"), "{body}");
    let (_, _, mine) = call(&w.state, "my_introductions", &w.other_member.cookie, &[]).await;
    assert_eq!(mine, before, "nothing was sent");
    let (status, _, body) =
        call(&w.state, "request_introduction", &w.other_member.cookie, &[("kind", "lab"), ("id", &w.lab), message])
            .await;
    assert_eq!(status, StatusCode::OK, "without it: {body}");
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
        [("name", "Người thử"), ("email", email), ("password", "một mật khẩu dài"), ("role", "researcher")]
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
    let (status, headers, _) = call(&state, "confirm_signup", "", &[("token", token)]).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let (_, _, viewer) = call(&state, "get_viewer", &cookie, &[]).await;
    assert!(viewer.contains("new@startup.vn") && viewer.contains("researcher"), "{viewer}");
    assert_eq!(
        call(&state, "confirm_signup", "", &[("token", token)]).await.0,
        StatusCode::BAD_REQUEST,
        "a link works once"
    );
}

#[tokio::test]
async fn people_see_their_sessions_end_them_and_change_their_password() {
    let state = small_state().await;
    let up =
        [("name", "Lan Nguyễn"), ("email", "lan@startup.vn"), ("password", "một mật khẩu dài"), ("role", "member")];
    let (_, headers) = sign_up_and_confirm(&state, &up).await;
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

#[tokio::test]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    async fn fail(state: &AppState, peer: &str, n: usize) -> String {
        let email = format!("guess{n}@example.vn");
        let forwarded = format!("198.51.100.{n}");
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
            ("x-forwarded-for", forwarded.as_str()),
        ];
        let body = common::form(&[("email", &email), ("password", "wrong guess")]);
        common::send_from(state, peer, Method::POST, "/fn/sign_in", &headers, body).await.2
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

/// One state-changing (or restricted) server function, who may call it, and how.
struct Action {
    endpoint: &'static str,
    /// Run on a world whose introduction was already accepted.
    accepted: bool,
    allowed: &'static [&'static str],
    params: fn(&World) -> Vec<(String, String)>,
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The matrix's people: `member` and `colleague` share an organization (its need, its
/// applications), `other` is of another one; the member's saved search and introduction stay
/// the member's own.
const EVERYONE: &[&str] = &["anonymous", "member", "colleague", "other", "researcher", "officer", "admin"];
const SIGNED_IN: &[&str] = &["member", "colleague", "other", "researcher", "officer", "admin"];

fn matrix() -> Vec<Action> {
    vec![
        Action {
            endpoint: "sign_up",
            accepted: false,
            allowed: EVERYONE,
            params: |_| {
                pairs(&[("name", "N"), ("email", "n@x.vn"), ("password", "long enough password"), ("role", "member")])
            },
        },
        Action { endpoint: "confirm_signup", accepted: false, allowed: EVERYONE, params: |_| pairs(&[("token", "0")]) },
        Action {
            endpoint: "change_password",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("current_password", "wrong"), ("password", "long enough pw")]),
        },
        Action { endpoint: "end_session", accepted: false, allowed: SIGNED_IN, params: |_| pairs(&[("id", "others")]) },
        Action {
            endpoint: "sign_in",
            accepted: false,
            allowed: EVERYONE,
            params: |_| pairs(&[("email", "member@example.vn"), ("password", "wrong")]),
        },
        Action { endpoint: "sign_out", accepted: false, allowed: EVERYONE, params: |_| vec![] },
        Action {
            endpoint: "request_reset",
            accepted: false,
            allowed: EVERYONE,
            params: |_| pairs(&[("email", "member@example.vn")]),
        },
        Action {
            endpoint: "reset_password",
            accepted: false,
            allowed: EVERYONE,
            params: |_| pairs(&[("token", "0"), ("password", "long enough pw")]),
        },
        Action { endpoint: "mark_inbox_read", accepted: false, allowed: SIGNED_IN, params: |_| vec![] },
        Action { endpoint: "inbox", accepted: false, allowed: SIGNED_IN, params: |_| vec![] },
        Action {
            endpoint: "assign_user",
            accepted: false,
            allowed: &["admin"],
            params: |_| pairs(&[("user_id", "1"), ("roles[0]", "member")]),
        },
        Action { endpoint: "list_users", accepted: false, allowed: &["admin"], params: |_| vec![] },
        Action { endpoint: "read_audit_log", accepted: false, allowed: &["admin"], params: |_| vec![] },
        Action { endpoint: "read_outbox", accepted: false, allowed: &["admin"], params: |_| vec![] },
        Action {
            endpoint: "record_indicator",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("indicator", "patents"), ("year", "2025"), ("value", "4"), ("source", "Sở KH&CN")]),
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["member", "colleague", "other", "officer", "admin"],
            params: |_| {
                let mut p = pairs(&[("kind", "need"), ("save", "publish")]);
                p.extend(pairs(NEED));
                p
            },
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["member", "colleague", "officer", "admin"],
            params: |w| {
                let mut p = pairs(&[("kind", "need"), ("id", &w.need), ("save", "publish")]);
                p.extend(pairs(NEED));
                p
            },
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["researcher", "officer", "admin"],
            params: |w| {
                let mut p = pairs(&[("kind", "lab"), ("id", &w.lab), ("save", "publish")]);
                p.extend(pairs(LAB));
                p
            },
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "call"), ("id", &w.call), ("save", "publish"), ("text[title]", "Đổi tên")]),
        },
        Action {
            endpoint: "confirm_listing",
            accepted: false,
            allowed: &["member", "colleague", "officer", "admin"],
            params: |w| pairs(&[("kind", "need"), ("id", &w.need)]),
        },
        Action {
            endpoint: "confirm_listing",
            accepted: false,
            allowed: &["researcher", "officer", "admin"],
            params: |w| pairs(&[("kind", "lab"), ("id", &w.lab)]),
        },
        Action {
            endpoint: "confirm_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "call"), ("id", &w.call)]),
        },
        // Creating each kind: who may start one (the rest are refused before their fields are read).
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["researcher", "officer", "admin"],
            params: |_| {
                let mut p = pairs(&[("kind", "lab"), ("save", "publish")]);
                p.extend(pairs(LAB));
                p
            },
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["researcher", "officer", "admin"],
            params: |_| {
                pairs(&[
                    ("kind", "expert"),
                    ("save", "publish"),
                    ("text[name]", "TS. Nguyễn Văn Biển"),
                    ("text[organization]", "ria3"),
                ])
            },
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("kind", "offer"), ("save", "publish"), ("text[title]", "Kit PCR nhanh")]),
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("kind", "call"), ("save", "publish"), ("text[title]", "Kêu gọi mới")]),
        },
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("kind", "pilot"), ("save", "publish"), ("text[title]", "Thử nghiệm mới")]),
        },
        Action {
            endpoint: "moderate_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "lab"), ("id", &w.lab), ("hidden", "false")]),
        },
        // The expert names so-khcn: its people and officers answer, nobody else.
        Action {
            endpoint: "answer_affiliation",
            accepted: false,
            allowed: &["other", "officer", "admin"],
            params: |w| pairs(&[("id", &w.affiliation), ("answer", "decline")]),
        },
        Action {
            endpoint: "save_search",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("query", "q=vaccine")]),
        },
        Action {
            endpoint: "delete_search",
            accepted: false,
            allowed: &["member"],
            params: |w| pairs(&[("id", &w.saved_search)]),
        },
        Action { endpoint: "hidden_listings", accepted: false, allowed: &["officer", "admin"], params: |_| vec![] },
        Action {
            endpoint: "moderate_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "need"), ("id", &w.need), ("hidden", "true")]),
        },
        Action {
            endpoint: "verify_organization",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("id", "tom-hum-van-ninh")]),
        },
        Action {
            endpoint: "request_introduction",
            accepted: false,
            allowed: &["member", "colleague", "other"],
            params: |w| pairs(&[("kind", "lab"), ("id", &w.lab), ("message", "Xin được giới thiệu để hợp tác.")]),
        },
        Action {
            endpoint: "answer_introduction",
            accepted: false,
            allowed: &["researcher"],
            params: |w| pairs(&[("id", &w.introduction), ("answer", "accept")]),
        },
        Action {
            endpoint: "record_outcome",
            accepted: true,
            allowed: &["member", "researcher"],
            params: |w| pairs(&[("id", &w.introduction), ("outcome", "joint_project")]),
        },
        Action {
            endpoint: "apply",
            accepted: false,
            allowed: &["member", "colleague", "other"],
            params: |w| {
                pairs(&[("kind", "call"), ("id", &w.call), ("proposal", "Một đề xuất đủ dài để được xem xét.")])
            },
        },
        // Someone else's draft: only its author and officers.
        Action {
            endpoint: "save_listing",
            accepted: false,
            allowed: &["researcher", "officer", "admin"],
            params: |w| {
                let mut p = pairs(&[("kind", "expert"), ("id", &w.expert), ("save", "draft")]);
                p.extend(pairs(EXPERT));
                p
            },
        },
        // An introduction to a record nobody manages here: officers answer it.
        Action {
            endpoint: "answer_introduction",
            accepted: false,
            allowed: &["officer"],
            params: |w| pairs(&[("id", &w.unmanaged_introduction), ("answer", "accept")]),
        },
        // Pilots take applications as calls do.
        Action {
            endpoint: "apply",
            accepted: false,
            allowed: &["member", "colleague", "other"],
            params: |_| {
                pairs(&[
                    ("kind", "pilot"),
                    ("id", "pilot-drone-nuoi-bien"),
                    ("proposal", "Thử nghiệm drone giám sát lồng nuôi ở vịnh Vân Phong trong ba tháng."),
                ])
            },
        },
        // A reset link works for whoever holds it, signed in or not.
        Action {
            endpoint: "reset_password",
            accepted: false,
            allowed: EVERYONE,
            params: |w| pairs(&[("token", &w.reset_token), ("password", "mật khẩu mới thật dài")]),
        },
        Action {
            endpoint: "move_application",
            accepted: false,
            allowed: &["officer"],
            params: |w| pairs(&[("id", &w.application), ("stage", "screening")]),
        },
        Action {
            endpoint: "applications_for",
            accepted: false,
            allowed: &["officer"],
            params: |w| pairs(&[("kind", "call"), ("id", &w.call)]),
        },
    ]
}

/// Every state-changing server function × every role and anonymous: allowed ones are not
/// refused (they may still meet a 4xx about their input or a conflict), forbidden ones get
/// 401 (anonymous) or 403, and nothing answers 5xx.
#[tokio::test]
async fn authorization_matrix() {
    let mut table = Vec::new();
    for action in matrix() {
        for who in EVERYONE {
            // A fresh world per call: one person's change must not decide the next one's answer.
            let w = world(action.accepted).await;
            let person = w.everyone().into_iter().find(|p| p.name == *who).unwrap();
            let params = (action.params)(&w);
            let refs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let (status, _, body) = call(&w.state, action.endpoint, &person.cookie, &refs).await;
            assert!(!status.is_server_error(), "{} as {who}: {status} {body}", action.endpoint);
            let refused = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
            let expected = action.allowed.contains(who);
            if expected == refused {
                table.push(format!(
                    "{} as {who}: expected {}, got {status} {body}",
                    action.endpoint,
                    if expected { "allowed" } else { "refused" }
                ));
            }
            if !expected && *who == "anonymous" {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{} as anonymous", action.endpoint);
            }
        }
    }
    assert!(table.is_empty(), "authorization matrix mismatches:\n{}", table.join("\n"));
}

/// Server functions that only read what their caller may see: they change nothing, so they
/// need no row of the matrix (each checks its caller itself, as its own tests show).
const READ_ONLY: &[&str] = &[
    "affiliation_requests",
    "get_viewer",
    "get_account",
    "edit_listing",
    "get_listing_meta",
    "my_listings",
    "my_introductions",
    "my_applications",
    "application_panel",
    "my_searches",
    "my_sessions",
    "dashboard",
    "find_partners",
    "get_record",
    "list_cards",
    "overview",
    "record_matches",
    "record_page",
    "search",
    "suggest",
];

/// POST routes outside the server functions that change nothing (a match computed for the
/// posted need is not stored).
const READ_ONLY_ROUTES: &[&str] = &["/api/match"];

/// The registered server functions (server_fn's own registry, at run time) that have neither a
/// row in `matrix` nor a place in `READ_ONLY`.
fn without_a_row(matrix: &[Action]) -> Vec<String> {
    let mut missing: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/fn/").to_string())
        .filter(|name| !matrix.iter().any(|a| a.endpoint == name) && !READ_ONLY.contains(&name.as_str()))
        .collect();
    missing.sort();
    missing
}

/// Every registered server function has a row (or is read-only), so a new one cannot be missed.
#[test]
fn the_matrix_covers_every_registered_server_function() {
    let registered = leptos::server_fn::axum::server_fn_paths().count();
    assert!(registered >= 40, "the registry lists the app's server functions ({registered})");
    assert_eq!(
        without_a_row(&matrix()),
        Vec::<String>::new(),
        "server functions without a row in the authorization matrix"
    );
    // The check fails for a function without a row: drop one and it is named.
    let short: Vec<Action> = matrix().into_iter().filter(|a| a.endpoint != "moderate_listing").collect();
    assert_eq!(without_a_row(&short), vec!["moderate_listing".to_string()]);
}

/// Every state-changing route outside the server functions (as the OpenAPI document lists them)
/// is known, and every server function refuses a cross-site call from a signed-in browser.
#[tokio::test]
async fn every_state_changing_route_is_known_and_refuses_cross_site_calls() {
    let w = world(false).await;
    let (_, _, doc) = send(&w.state, Method::GET, "/api/openapi.json", &[], String::new()).await;
    let doc: Value = serde_json::from_str(&doc).unwrap();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations
            .as_object()
            .unwrap()
            .keys()
            .filter(|m| !["get", "head", "options", "parameters"].contains(&m.as_str()))
        {
            assert!(READ_ONLY_ROUTES.contains(&path.as_str()), "{method} {path} changes state and has no row");
        }
    }
    for action in matrix() {
        let params = (action.params)(&w);
        let body = common::form(&params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>());
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
            ("origin", "https://evil.example"),
            ("cookie", w.admin.cookie.as_str()),
        ];
        let (status, _, _) = send(&w.state, Method::POST, &format!("/fn/{}", action.endpoint), &headers, body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{} from another site", action.endpoint);
    }
}

#[tokio::test]
async fn owners_are_asked_once_to_confirm_listings_after_ninety_days() {
    let w = world(false).await;
    assert_eq!(app::listings::notify::remind_due(&w.state.db).await.unwrap(), 0, "everything was just confirmed");
    let long_ago = repo::from_now(-91 * 24 * 3600);
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

async fn public(state: &AppState, kind: &str, id: &str) -> bool {
    let (status, _, _) = send(state, Method::GET, &format!("/api/{kind}/{id}"), &[], String::new()).await;
    let (_, _, found) =
        send(state, Method::GET, "/api/search?q=oxy%20hoa%20tan%20tom%20hum&limit=100", &[], String::new()).await;
    let (_, _, export) = send(state, Method::GET, "/api/export.jsonl", &[], String::new()).await;
    let (_, _, list) = send(state, Method::GET, &format!("/{kind}s"), &[], String::new()).await;
    let in_search = found.contains(&format!("\"id\":\"{id}\""));
    let in_export = export.contains(&format!("\"id\":\"{id}\""));
    let in_list = list.contains(&format!("href=\"/{kind}s/{id}\""));
    assert_eq!((status == StatusCode::OK), in_search, "page and search agree for {id}");
    assert_eq!(in_search, in_export, "search and export agree for {id}");
    assert_eq!(in_search, in_list, "search and the (kept) list page agree for {id}");
    in_search
}

#[tokio::test]
async fn listings_unconfirmed_for_180_days_leave_search_until_confirmed() {
    let w = world(false).await;
    assert!(public(&w.state, "need", &w.need).await);
    let long_ago = repo::from_now(-181 * 24 * 3600);
    sqlx::query("UPDATE listings SET confirmed_at = $1 WHERE kind = 'need'")
        .bind(&long_ago)
        .execute(&w.state.db)
        .await
        .unwrap();
    assert_eq!(app::listings::notify::hide_stale(&w.state.db).await.unwrap(), 1);
    app::search::index::sync(&w.state.db, &w.state.search).await.unwrap();
    assert!(!public(&w.state, "need", &w.need).await);
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
    assert!(inbox(&w.state, &w.member).await.iter().any(|t| t.contains("An officer has hidden")));
    let show = [("kind", "need"), ("id", w.need.as_str()), ("hidden", "false")];
    call(&w.state, "moderate_listing", &w.officer.cookie, &show).await;
    assert!(public(&w.state, "need", &w.need).await);
    let log = repo::audit_log(&w.state.db, 10).await.unwrap();
    assert!(log.iter().any(|e| e.action == "hide_listing") && log.iter().any(|e| e.action == "show_listing"));
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

/// The researcher's expert profile among their listings.
async fn researchers_expert(w: &World) -> Value {
    let (status, _, body) = call(&w.state, "my_listings", &w.researcher.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let mine: Value = serde_json::from_str(&body).unwrap();
    mine.as_array().unwrap().iter().find(|l| l["kind"] == "expert").cloned().expect("the expert profile")
}

#[tokio::test]
async fn a_profile_naming_another_organization_waits_for_its_people_to_confirm() {
    let w = world(false).await;
    // Until so-khcn answers, the profile is a draft nobody else sees.
    let draft = researchers_expert(&w).await;
    assert_eq!(draft["draft"], true);
    let id = draft["id"].as_str().unwrap().to_string();
    let (status, _, _) = send(&w.state, Method::GET, &format!("/api/expert/{id}"), &[], String::new()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // so-khcn's people are told and see the request; people of other organizations do not.
    assert!(inbox(&w.state, &w.other_member).await.iter().any(|t| t.contains("belongs to")), "told");
    assert!(inbox(&w.state, &w.officer).await.iter().any(|t| t.contains("belongs to")), "officers too");
    assert!(!inbox(&w.state, &w.member).await.iter().any(|t| t.contains("belongs to")));
    let asked = waiting(&w.state, &w.other_member).await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0]["requester_name"], "researcher");
    assert!(asked[0]["requester_email"].is_null(), "an organization's people learn the name, not the address");
    assert!(inbox(&w.state, &w.admin).await.iter().any(|t| t.contains("belongs to")), "admins are told");
    assert_eq!(waiting(&w.state, &w.officer).await[0]["requester_email"], "researcher@example.vn");
    assert_eq!(asked[0]["record_title"], "TS. Nguyễn Văn Biển");
    assert!(waiting(&w.state, &w.member).await.is_empty());
    let (_, _, body) = call(&w.state, "affiliation_requests", &w.researcher.cookie, &[]).await;
    let own: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(own["mine"][0]["organization"], "so-khcn", "the author sees it waiting");
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.member.cookie, &[("id", &w.affiliation), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.researcher.cookie, &[("id", &w.affiliation), ("answer", "accept")])
            .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nobody confirms their own claim");

    // A decline is told to the author; the profile stays a draft they may correct.
    let (status, _, body) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &w.affiliation), ("answer", "decline")])
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("did not confirm")));
    assert_eq!(researchers_expert(&w).await["draft"], true);
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &w.affiliation), ("answer", "accept")])
            .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an answered request cannot be answered again");

    // Asked again and confirmed, the profile is published under so-khcn.
    let mut again = vec![("id", id.as_str())];
    again.extend_from_slice(EXPERT);
    let (status, place, _) = save(&w.state, &w.researcher, "expert", &again).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"));
    let request = waiting(&w.state, &w.other_member).await.pop().unwrap()["id"].to_string();
    let (status, _, body) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &request), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(&w.state, Method::GET, &format!("/api/expert/{id}"), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["organization"], "so-khcn");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("confirmed that")));
    let log = repo::audit_log(&w.state.db, 50).await.unwrap();
    assert!(log.iter().any(|e| e.action == "accept_affiliation" && e.target == format!("expert/{id}")), "{log:?}");

    // Officers name any organization at once.
    let (status, place, body) = save(&w.state, &w.officer, "lab", LAB).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(place.starts_with("/labs/"), "{place}");
}

#[tokio::test]
async fn a_confirmed_draft_stays_a_draft_and_a_changed_request_is_a_new_one() {
    let w = world(false).await;
    let told = |texts: Vec<String>| texts.iter().filter(|t| t.contains("belongs to")).count();
    let mut draft = LAB.to_vec();
    draft[1] = ("text[organization]", "so-khcn");
    let asks = |status: StatusCode, place: String, body: String| {
        assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"), "{body}");
    };
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    let before = told(inbox(&w.state, &w.other_member).await);
    let request = waiting(&w.state, &w.other_member).await.pop().unwrap();
    let (first, lab) = (request["id"].to_string(), request["record_id"].as_str().unwrap().to_string());

    // Saved again naming the same organization: the same request, nobody told twice.
    draft.push(("id", &lab));
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    assert_eq!(told(inbox(&w.state, &w.other_member).await), before, "not told again");
    assert_eq!(waiting(&w.state, &w.other_member).await.pop().unwrap()["id"].to_string(), first);

    // Naming another organization is a new request: an answer to the old one finds nothing.
    draft[1] = ("text[organization]", "ria3");
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &first), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the old request is gone");
    draft[1] = ("text[organization]", "so-khcn");
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    let request = waiting(&w.state, &w.other_member).await.pop().unwrap()["id"].to_string();
    assert_ne!(request, first);

    // Confirmed, the draft stays a draft, now under so-khcn; published later, nobody is asked again.
    let (status, _, body) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &request), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "lab", &lab).await, "the author chose to keep a draft");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("still your draft")));
    let mut publish = LAB.to_vec();
    publish[1] = ("text[organization]", "so-khcn");
    publish.push(("id", &lab));
    let (status, place, body) = save(&w.state, &w.researcher, "lab", &publish).await;
    assert_eq!((status, place), (StatusCode::OK, format!("/labs/{lab}")), "{body}");
    assert!(public(&w.state, "lab", &lab).await);
    assert!(waiting(&w.state, &w.other_member).await.iter().all(|r| r["record_id"] != lab.as_str()));
}

#[tokio::test]
async fn an_edited_profile_keeps_its_organization_until_the_new_one_confirms() {
    let w = world(false).await;
    let moved = [
        ("id", w.lab.as_str()),
        ("text[name]", "Phòng cảm biến môi trường nước"),
        ("text[organization]", "so-khcn"),
        ("text[description]", "Hiệu chuẩn cảm biến oxy hòa tan cho ao nuôi, nay cả trạm quan trắc biển."),
        ("text[capabilities]", "Hiệu chuẩn cảm biến oxy hòa tan"),
        ("list[sectors][]", "aquaculture"),
    ];
    let (status, place, body) = save(&w.state, &w.researcher, "lab", &moved).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"), "{body}");
    let (_, _, body) = send(&w.state, Method::GET, &format!("/api/lab/{}", w.lab), &[], String::new()).await;
    let lab: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(lab["organization"], "ria3", "the confirmed organization stays");
    assert!(lab["description"].as_str().unwrap().contains("trạm quan trắc"), "the other changes are published");
    assert_eq!(waiting(&w.state, &w.other_member).await.len(), 2, "so-khcn is asked");

    // Naming the confirmed organization again withdraws the request.
    let mut back = moved;
    back[2] = ("text[organization]", "ria3");
    let (status, place, _) = save(&w.state, &w.researcher, "lab", &back).await;
    assert_eq!((status, place), (StatusCode::OK, format!("/labs/{}", w.lab)));
    let left = waiting(&w.state, &w.other_member).await;
    assert!(left.iter().all(|r| r["kind"] != "lab"), "{left:?}");
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
