//! A business asks a lab for a priced service, the lab quotes, the business accepts: each step
//! told to both sides, seen by nobody else; an expired quote is not accepted.

use super::*;

/// The service the world's lab sells.
const SERVICE: &str = "Hiệu chuẩn cảm biến oxy hòa tan";

/// The world, with the member's request for the service of the researcher's lab, quoted.
pub(super) async fn quoted_world(accepted: bool) -> World {
    let mut w = world(accepted).await;
    w.service_request = quoted_request(&w.state, &w.member, &w.researcher, &w.lab).await;
    w
}

/// Gives the researcher's `lab` a priced service; `member` asks for it (4 samples) and the
/// researcher quotes it, valid a month. Answers the request's id.
async fn quoted_request(state: &AppState, member: &Person, researcher: &Person, lab: &str) -> String {
    let stored = app::catalog::repo::get(&state.db, app::catalog::model::Kind::Lab, lab).await.unwrap().unwrap();
    let mut line = serde_json::to_value(&stored).unwrap();
    line["service_catalog"] = serde_json::json!([{"name": SERVICE, "turnaround_days": 3,
        "prices": [{"customer": "local_business", "min_vnd": 250000}]}]);
    let report = app::catalog::import::import_text(&state.db, &line.to_string(), &|_, _| {}).await.unwrap();
    assert_eq!(report.imported(), 1, "{:?}", report.rejected);
    let asked = [("lab", lab), ("service", "0"), ("name", SERVICE), ("samples", "4"), ("notes", "Cảm biến YSI")];
    let (status, headers, body) = call(state, "request_service", &member.cookie, &asked).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = first_id(state, "my_service_requests", member).await;
    assert_eq!(location(&headers), format!("/requests/{id}"));
    let until = in_days(30);
    let (status, _, body) = call(state, "quote_service_request", &researcher.cookie, &quote(&id, &until)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

/// A quote of two lines (4 × 250.000 ₫ and a 50.000 ₫ fee) valid until `until`.
fn quote<'a>(id: &'a str, until: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("line[label.0]", "Hiệu chuẩn cảm biến"),
        ("line[quantity.0]", "4"),
        ("line[unit.0]", "250.000 ₫"),
        ("line[label.1]", "Phí nhận mẫu"),
        ("line[unit.1]", "50000"),
        ("valid_until", until),
        ("conditions", "Gửi mẫu tới Cầu Đá, Nha Trang."),
    ]
}

async fn request_of(state: &AppState, who: &Person, id: &str) -> (StatusCode, Value) {
    let english = format!("{}; lang=en", who.cookie);
    let (status, _, body) =
        send(state, Method::POST, "/fn/service_request", &json_headers(&english), format!(r#"{{"id":{id}}}"#)).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn json_headers(cookie: &str) -> Vec<(&str, &str)> {
    vec![
        ("content-type", "application/json"),
        ("accept", "application/json"),
        ("origin", common::ORIGIN),
        ("cookie", cookie),
    ]
}

/// Request `id`'s label as `who` gets it.
async fn label(w: &World, who: &Person, id: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let english = format!("{}; lang=en", who.cookie);
    let body = format!(r#"{{"id":{id}}}"#);
    send(&w.state, Method::POST, "/fn/service_request_label", &json_headers(&english), body).await
}

/// `who` moves request `id` on to `step`.
async fn advance(w: &World, who: &Person, id: &str, step: &str) -> StatusCode {
    call(&w.state, "advance_service_request", &who.cookie, &[("id", id), ("to", step)]).await.0
}

#[tokio::test]
async fn a_business_asks_a_lab_for_a_quote_and_accepts_it() {
    let w = quoted_world(false).await;
    let id = w.service_request.clone();

    // Both sides were told of each step, the member on the page of the request.
    let told = inbox(&w.state, &w.researcher).await;
    assert!(
        told.iter().any(|t| t.starts_with("member requested “Hiệu chuẩn cảm biến oxy hòa tan” (4 samples)")),
        "{told:?}"
    );
    let told = inbox(&w.state, &w.member).await;
    assert!(told[0].contains("quoted 1,050,000") && told[0].contains("valid until"), "{told:?}");

    // Both sides see the quote and the history; nobody else does, not even a colleague.
    let (status, seen) = request_of(&w.state, &w.member, &id).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!((seen["status"].as_str(), seen["side"].as_str()), (Some("quoted"), Some("Customer")));
    assert_eq!(seen["quote"]["total_vnd"], 1_050_000);
    assert_eq!(seen["quote"]["lines"][1]["quantity"], 1);
    assert_eq!(seen["organization"], "Công ty TNHH Tôm hùm Vạn Ninh", "the organization by name");
    assert_eq!(seen["steps"].as_array().unwrap().len(), 2);
    assert!(seen["contacts"].is_null(), "contacts wait for the acceptance");
    let (status, seen) = request_of(&w.state, &w.researcher, &id).await;
    assert_eq!((status, seen["side"].as_str()), (StatusCode::OK, Some("Lab")));
    for stranger in [&w.colleague, &w.other_member, &w.officer, &w.admin] {
        let (status, seen) = request_of(&w.state, stranger, &id).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}: {seen}", stranger.name);
        let (_, _, listed) = call(&w.state, "my_service_requests", &stranger.cookie, &[]).await;
        assert_eq!(listed, "[]", "{}", stranger.name);
    }
    let path = format!("/requests/{id}");
    let (status, _, theirs) =
        send(&w.state, Method::GET, &path, &[("cookie", w.other_member.cookie.as_str())], String::new()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!theirs.contains("1.050.000") && theirs.contains("Không có quyền"), "no price on a stranger's page");

    // A quote with a bad line or a past date is refused, named, and changes nothing.
    let yesterday = in_days(-1);
    let (status, _, body) =
        call(&w.state, "quote_service_request", &w.researcher.cookie, &quote(&id, &yesterday)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("valid_until"), "{body}");
    let until = in_days(20);
    let mut negative = quote(&id, &until);
    negative[3] = ("line[unit.0]", "-250000");
    let (status, _, body) = call(&w.state, "quote_service_request", &w.researcher.cookie, &negative).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("Dòng 1: đơn giá là số tiền"), "{body}");
    let (_, seen) = request_of(&w.state, &w.member, &id).await;
    assert_eq!(seen["steps"].as_array().unwrap().len(), 2, "nothing changed");

    // The lab sends a new quote while the member reads the first: accepting the one on their
    // page does not accept the new one unseen.
    let first = seen["quote"]["id"].to_string();
    let (status, _, body) = call(&w.state, "quote_service_request", &w.researcher.cookie, &quote(&id, &until)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let stale = [("id", id.as_str()), ("answer", "accept"), ("quote", first.as_str())];
    let (status, _, body) = call(&w.state, "answer_quote", &w.member.cookie, &stale).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("báo giá mới"), "{body}");
    let (_, seen) = request_of(&w.state, &w.member, &id).await;
    let latest = seen["quote"]["id"].to_string();
    assert_ne!(latest, first);

    // Only the one who asked answers the quote; the lab cannot accept for them.
    let accept = [("id", id.as_str()), ("answer", "accept"), ("quote", latest.as_str())];
    let (status, _, _) = call(&w.state, "answer_quote", &w.researcher.cookie, &accept).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = call(&w.state, "answer_quote", &w.member.cookie, &accept).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, seen) = request_of(&w.state, &w.researcher, &id).await;
    assert_eq!(seen["status"], "accepted");
    let steps = seen["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4, "asked, quoted, quoted again, accepted: {steps:?}");
    assert_eq!(steps[3]["quote"]["id"].to_string(), latest, "the acceptance names the quote accepted");
    assert_eq!(seen["contacts"][0], "member@example.vn");
    let told = inbox(&w.state, &w.researcher).await;
    assert!(told[0].starts_with("member accepted the quote for “Hiệu chuẩn cảm biến oxy hòa tan”"), "{told:?}");

    // Settled: neither side moves it again.
    let (status, _, _) = call(&w.state, "answer_quote", &w.member.cookie, &accept).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let decline = [("id", id.as_str()), ("reason", "no_capacity")];
    let (status, _, _) = call(&w.state, "decline_service_request", &w.researcher.cookie, &decline).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The member prints the parcel's label: its code and a QR code of the request's page;
    // nobody else gets it.
    let (status, _, printed) = label(&w, &w.member, &id).await;
    assert_eq!(status, StatusCode::OK, "{printed}");
    let printed: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(printed["tracking"], format!("YC-{id:0>6}"));
    assert!(printed["svg"].as_str().unwrap().starts_with("<svg"), "{printed}");
    let (status, _, _) = label(&w, &w.other_member, &id).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let page_of_label = page(&w.state, &format!("/requests/{id}/label"), &w.member.cookie).await;
    assert!(page_of_label.contains(&format!("YC-{id:0>6}")) && page_of_label.contains("<svg"), "{page_of_label}");

    // The lab follows the samples one step at a time; each step reaches both inboxes.
    assert_eq!(advance(&w, &w.researcher, &id, "ready").await, StatusCode::CONFLICT, "not before the samples arrive");
    assert_eq!(
        advance(&w, &w.member, &id, "received").await,
        StatusCode::FORBIDDEN,
        "the lab says so, not the business"
    );
    for step in ["received", "in_analysis"] {
        assert_eq!(advance(&w, &w.researcher, &id, step).await, StatusCode::OK, "{step}");
    }
    let (status, _) =
        super::lab_results::send_results(&w, &w.researcher.cookie, &id, "kq.pdf", super::documents::PDF).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(advance(&w, &w.researcher, &id, "ready").await, StatusCode::OK);
    assert!(inbox(&w.state, &w.member).await[0].contains("has the results ready for “Hiệu chuẩn cảm biến oxy hòa tan”"));
    let (_, seen) = request_of(&w.state, &w.member, &id).await;
    assert_eq!((seen["status"].as_str(), seen["turnaround_days"].as_i64()), (Some("ready"), Some(0)));

    // The page shows the quote, the history and the contacts to the member.
    let page = page(&w.state, &format!("/requests/{id}"), &w.member.cookie).await;
    for shown in ["1.050.000", "Phí nhận mẫu", "Đã có kết quả", "chấp nhận báo giá", "researcher@example.vn", "YC-0"]
    {
        assert!(page.contains(shown), "{shown}: {page}");
    }
}

#[tokio::test]
async fn an_expired_quote_cannot_be_accepted_and_the_lab_quotes_again() {
    let w = quoted_world(false).await;
    let id = w.service_request.clone();
    sqlx::query("UPDATE service_quotes SET valid_until = $1").bind(in_days(-1)).execute(&w.state.db).await.unwrap();
    let (_, seen) = request_of(&w.state, &w.member, &id).await;
    assert_eq!(seen["expired"], true);
    let page = page(&w.state, &format!("/requests/{id}"), &w.member.cookie).await;
    assert!(page.contains("Báo giá đã hết hiệu lực") && !page.contains("Chấp nhận báo giá</button>"), "{page}");
    let accept = [("id", id.as_str()), ("answer", "accept")];
    let (status, _, body) = call(&w.state, "answer_quote", &w.member.cookie, &accept).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("hết hiệu lực"), "{body}");

    // A new quote replaces it; valid until today, it is accepted today.
    let today = in_days(0);
    let (status, _, body) = call(&w.state, "quote_service_request", &w.researcher.cookie, &quote(&id, &today)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = call(&w.state, "answer_quote", &w.member.cookie, &accept).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, seen) = request_of(&w.state, &w.member, &id).await;
    assert_eq!(seen["steps"].as_array().unwrap().len(), 4, "asked, quoted, quoted again, accepted");
}

/// `other_member` asks for `samples` samples of the world's lab's service named `name`.
async fn ask(w: &World, samples: &str, wanted: String, name: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let pairs = [
        ("lab", w.lab.as_str()),
        ("service", "0"),
        ("name", name),
        ("samples", samples),
        ("wanted_by", wanted.as_str()),
    ];
    call(&w.state, "request_service", &w.other_member.cookie, &pairs).await
}

#[tokio::test]
async fn a_request_needs_a_service_the_lab_still_sells_and_sensible_numbers() {
    let w = quoted_world(false).await;
    let (status, _, body) = ask(&w, "0", String::new(), SERVICE).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("samples"), "{body}");
    let (status, _, body) = ask(&w, "2", in_days(-3), SERVICE).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("wanted_by"), "{body}");
    let (status, _, body) = ask(&w, "2", in_days(400), SERVICE).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, body) = ask(&w, "2", String::new(), "Dịch vụ đã bỏ").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (_, _, listed) = call(&w.state, "my_service_requests", &w.other_member.cookie, &[]).await;
    assert_eq!(listed, "[]", "nothing was stored");

    // Officers do not order tests; the lab's own manager is told it is theirs; a lab nobody
    // manages here is not asked for quotes (its page says where to turn).
    let pairs = [("lab", w.lab.as_str()), ("service", "0"), ("name", SERVICE), ("samples", "1")];
    let (status, _, _) = call(&w.state, "request_service", &w.officer.cookie, &pairs).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = call(&w.state, "request_service", &w.researcher.cookie, &pairs).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, body) = call(&w.state, "request_service", &w.other_member.cookie, &pairs).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The lab declines with a reason from the list, explained when it is "other".
    let asked = first_id(&w.state, "my_service_requests", &w.other_member).await;
    let other = [("id", asked.as_str()), ("reason", "other")];
    let (status, _, body) = call(&w.state, "decline_service_request", &w.researcher.cookie, &other).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let sample = [("id", asked.as_str()), ("reason", "sample"), ("note", "Cần mẫu tươi.")];
    let (status, _, body) = call(&w.state, "decline_service_request", &w.researcher.cookie, &sample).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let told = inbox(&w.state, &w.other_member).await;
    assert!(
        told[0].contains("declined the request for “Hiệu chuẩn cảm biến oxy hòa tan”: The sample does not suit"),
        "{told:?}"
    );

    // Asked again and quoted, the business declines the quote.
    let (status, _, body) = call(&w.state, "request_service", &w.other_member.cookie, &pairs).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let again = first_id(&w.state, "my_service_requests", &w.other_member).await;
    let until = in_days(7);
    let (status, _, body) = call(&w.state, "quote_service_request", &w.researcher.cookie, &quote(&again, &until)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let no = [("id", again.as_str()), ("answer", "decline"), ("note", "Giá cao hơn dự kiến.")];
    let (status, _, body) = call(&w.state, "answer_quote", &w.other_member.cookie, &no).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, seen) = request_of(&w.state, &w.other_member, &again).await;
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["steps"][2]["note"], "Giá cao hơn dự kiến.");
    let (status, _, _) = label(&w, &w.other_member, &again).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no label for work never agreed");

    let stored = app::catalog::repo::get(&w.state.db, app::catalog::model::Kind::Lab, "lab-benh-hoc").await.unwrap();
    let mut line = serde_json::to_value(stored.unwrap()).unwrap();
    line["service_catalog"] = serde_json::json!([{"name": "Xét nghiệm PCR bệnh tôm"}]);
    app::catalog::import::import_text(&w.state.db, &line.to_string(), &|_, _| {}).await.unwrap();
    let pairs = [("lab", "lab-benh-hoc"), ("service", "0"), ("name", "Xét nghiệm PCR bệnh tôm"), ("samples", "1")];
    let (status, _, body) = call(&w.state, "request_service", &w.other_member.cookie, &pairs).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("chưa có người quản lý"), "{body}");

    // The lab's page offers each service with the way to ask, but not to its own manager.
    let lab_page = page(&w.state, &format!("/labs/{}", w.lab), &w.member.cookie).await;
    assert!(lab_page.contains(&format!("/requests/new?lab={}&amp;service=0", w.lab)), "{lab_page}");
    let own = page(&w.state, &format!("/labs/{}", w.lab), &w.researcher.cookie).await;
    assert!(!own.contains("/requests/new?"), "{own}");
}
