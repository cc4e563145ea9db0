//! People acting on the portal, through the real server functions: accounts, publishing,
//! introductions, applications and the inbox; and who may do what (the authorization matrix).
//! Here: the world they act in and the helpers the domains' tests share.

use app::accounts::model::Role;
use app::accounts::repo;
use app::state::AppState;
use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::common;
use crate::common::{call, person, send, small_state, Person};

mod accounts;
mod affiliations;
mod bookings;
mod both_ways;
mod documents;
mod email_change;
mod imports;
mod invitations;
mod lab_figures;
mod lab_results;
mod lab_services;
mod leaving;
mod listings;
mod mail;
mod matrix;
mod moderation;
mod reads;
mod requests;
mod suspensions;
mod workflows;

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
    /// The member's request for a service of the researcher's lab, quoted (empty until
    /// `lab_services::quoted_world` makes it).
    service_request: String,
    /// The member's booking of the lab's HPLC (empty until `bookings::booking_world` makes it).
    booking: String,
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

/// Lan signs up as a business member, agreeing to the terms.
const LAN: &[(&str, &str)] = &[
    ("name", "Lan Nguyễn"),
    ("email", "lan@startup.vn"),
    ("password", "một mật khẩu dài"),
    ("role", "member"),
    ("consent", "yes"),
];

const LAB: &[(&str, &str)] = &[
    ("text[name]", "Phòng cảm biến môi trường nước"),
    // Chosen by name, as the form offers it.
    ("text[organization]", "Viện Nghiên cứu Nuôi trồng Thủy sản III"),
    ("text[description]", "Thiết kế và hiệu chuẩn cảm biến oxy hòa tan, pH và độ mặn cho ao nuôi tôm hùm."),
    ("text[capabilities]", "Hiệu chuẩn cảm biến oxy hòa tan\nGiám sát chất lượng nước ao nuôi"),
    ("list[sectors][]", "aquaculture"),
    ("text[name_en]", "Water sensor laboratory"),
];

/// An expert profile naming `so-khcn`, an organization the researcher does not belong to.
const EXPERT: &[(&str, &str)] = &[
    ("text[name]", "TS. Nguyễn Văn Biển"),
    // Typed without marks.
    ("text[organization]", "so khoa hoc va cong nghe tinh khanh hoa"),
    ("text[bio]", "Nghiên cứu quan trắc môi trường biển ven bờ và mô hình dòng chảy vịnh Nha Trang."),
    ("text[expertise]", "Quan trắc môi trường biển"),
    ("list[sectors][]", "oceanography"),
    ("list[languages][]", "vi"),
    ("list[languages][]", "en"),
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
        ("text[max_award_vnd]", "300.000.000"),
        ("text[documents]", "Thuyết minh đề tài\nDự toán kinh phí"),
        ("text[documents_en]", "Project description"),
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
    let (status, _, body) = call(
        &state,
        "apply",
        &member.cookie,
        &[("kind", "call"), ("id", &call_id), ("proposal", proposal), ("amount", "150.000.000")],
    )
    .await;
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
        service_request: String::new(),
        booking: String::new(),
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
    let password = fields.iter().find(|(name, _)| *name == "password").map_or("", |(_, value)| *value);
    let (status, headers, _) = call(state, "confirm_signup", "", &[("token", &token), ("password", password)]).await;
    (status, headers)
}

async fn page(state: &AppState, path: &str, cookie: &str) -> String {
    let headers: Vec<(&str, &str)> = if cookie.is_empty() { vec![] } else { vec![("cookie", cookie)] };
    let (status, _, body) = common::send(state, Method::GET, path, &headers, String::new()).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    body
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

/// The researcher's expert profile among their listings.
async fn researchers_expert(w: &World) -> Value {
    let (status, _, body) = call(&w.state, "my_listings", &w.researcher.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let mine: Value = serde_json::from_str(&body).unwrap();
    mine.as_array().unwrap().iter().find(|l| l["kind"] == "expert").cloned().expect("the expert profile")
}
