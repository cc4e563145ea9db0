//! The officers' queue: what people publish or change waits there until an officer looks, as
//! does what people report; each is kept, taken down (its owner told why) or its owner
//! suspended (and mailed).

use super::*;

/// The queue as an officer reads it.
async fn queue(w: &World) -> Vec<Value> {
    let (status, _, body) = call(&w.state, "moderation_queue", &w.officer.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str::<Value>(&body).unwrap().as_array().unwrap().clone()
}

fn queued<'q>(items: &'q [Value], id: &str) -> Option<&'q Value> {
    items.iter().find(|item| item["id"] == id)
}

#[tokio::test]
async fn new_and_reported_listings_wait_for_an_officer_who_keeps_or_takes_them_down() {
    let w = world(false).await;
    // The member's new need waits; the officer's own call does not.
    let items = queue(&w).await;
    let need = queued(&items, &w.need).expect("the member's need waits");
    assert_eq!(need["unreviewed"], true);
    assert_eq!(need["owner"]["email"], "member@example.vn");
    assert!(queued(&items, &w.call).is_none(), "what an officer publishes is not queued");

    // Keeping it takes it off the queue.
    let keep = [("kind", "need"), ("id", w.need.as_str())];
    assert_eq!(call(&w.state, "keep_listing", &w.officer.cookie, &keep).await.0, StatusCode::OK);
    assert!(queued(&queue(&w).await, &w.need).is_none());

    // Reports: a reason is required; one per person stays open; strangers and hidden records
    // cannot be reported.
    let report = |reason: &'static str| [("kind", "need"), ("id", w.need.as_str()), ("reason", reason)];
    let (status, _, body) = call(&w.state, "report_listing", &w.other_member.cookie, &report(" ")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(call(&w.state, "report_listing", "", &report("Rác")).await.0, StatusCode::UNAUTHORIZED);
    // Reporting again replaces the reason; the owner cannot report their own.
    for reason in ["Rác", "Quảng cáo rác, không phải nhu cầu thật"] {
        let (status, _, body) = call(&w.state, "report_listing", &w.other_member.cookie, &report(reason)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, body) = call(&w.state, "report_listing", &w.member.cookie, &report("Tự báo cáo")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = call(&w.state, "report_listing", &w.researcher.cookie, &report("Trùng lặp")).await;
    assert_eq!(status, StatusCode::OK);
    let missing = [("kind", "need"), ("id", "khong-co"), ("reason", "Rác")];
    assert_eq!(call(&w.state, "report_listing", &w.researcher.cookie, &missing).await.0, StatusCode::NOT_FOUND);
    let items = queue(&w).await;
    let need = queued(&items, &w.need).expect("a reported need is back in the queue");
    let reasons: Vec<&str> =
        need["reports"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["Trùng lặp", "Quảng cáo rác, không phải nhu cầu thật"], "newest first, once each");
    assert_eq!(need["unreviewed"], false);

    // The queue page shows it, with the reasons, to officers only.
    let html = page(&w.state, "/moderation", &w.officer.cookie).await;
    assert!(html.contains("Quảng cáo rác, không phải nhu cầu thật") && html.contains(&format!("/needs/{}", w.need)));
    let (status, _, html) =
        send(&w.state, Method::GET, "/moderation", &[("cookie", w.member.cookie.as_str())], String::new()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("Quảng cáo rác"), "members see no queue");

    // Taken down: hidden, off the queue, its owner told why with its title.
    let down = [("kind", "need"), ("id", w.need.as_str()), ("reason", "Quảng cáo trá hình")];
    let (status, _, body) = call(&w.state, "take_down", &w.officer.cookie, &down).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "need", &w.need).await);
    assert!(queued(&queue(&w).await, &w.need).is_none());
    let notices = inbox(&w.state, &w.member).await.join("\n");
    assert!(notices.contains("Quảng cáo trá hình") && notices.contains("Cảm biến oxy hòa tan"), "{notices}");
}

#[tokio::test]
async fn a_record_page_offers_a_report_to_signed_in_people_who_do_not_manage_it() {
    let w = world(false).await;
    let path = format!("/needs/{}", w.need);
    let offers = |html: &str| html.contains("Báo cáo hồ sơ này");
    assert!(offers(&page(&w.state, &path, &w.other_member.cookie).await));
    assert!(!offers(&page(&w.state, &path, &w.member.cookie).await), "not to its owner");
    assert!(!offers(&page(&w.state, &path, "").await), "not to someone signed out");
    assert!(!offers(&page(&w.state, &path, &w.officer.cookie).await), "officers hide it instead");

    // Sent from the page, the report is thanked for on the page it came from.
    let report = [("kind", "need"), ("id", w.need.as_str()), ("reason", "Lừa đảo")];
    let back = post_page(&w.state, "report_listing", &w.other_member.cookie, &path, &report).await;
    let html = page(&w.state, &back, &w.other_member.cookie).await;
    let thanks = html.find("Cán bộ sẽ xem xét báo cáo").expect("the report is thanked for");
    assert!(thanks < html.find("class=\"lead\"").unwrap(), "where the page opens, not at its foot");
}

#[tokio::test]
async fn a_suspended_owner_is_mailed_why_and_leaves_the_queue() {
    let w = world(false).await;
    let member = queued(&queue(&w).await, &w.need).unwrap()["owner"]["id"].to_string();
    let reason = "Đăng quảng cáo rác nhiều lần";
    let (status, _, body) =
        call(&w.state, "suspend_user", &w.officer.cookie, &[("user_id", &member), ("reason", reason)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mail = repo::outbox(&w.state.db, 1).await.unwrap().remove(0);
    assert_eq!(mail.recipient, "member@example.vn");
    assert!(mail.body.contains(reason), "{}", mail.body);
    assert!(queued(&queue(&w).await, &w.need).is_none(), "its listings are settled");
    let (_, _, listed) = call(&w.state, "suspended_users", &w.officer.cookie, &[]).await;
    assert!(listed.contains("member@example.vn") && listed.contains(reason), "{listed}");

    let (status, _, _) = call(&w.state, "lift_suspension", &w.officer.cookie, &[("user_id", &member)]).await;
    assert_eq!(status, StatusCode::OK);
    let mail = repo::outbox(&w.state.db, 1).await.unwrap().remove(0);
    assert!(mail.recipient == "member@example.vn" && mail.subject.contains("mở khóa"), "{}", mail.subject);
}
