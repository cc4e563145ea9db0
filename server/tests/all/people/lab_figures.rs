//! What the province learns from the labs' work: per lab on the dashboard, and as CSV and JSON.

use super::bookings::{add_instruments, book, working_day};
use super::documents::PDF;
use super::lab_results::send_results;
use super::lab_services::quoted_world;
use super::*;

#[tokio::test]
async fn the_dashboard_counts_each_labs_requests_turnaround_and_instrument_use() {
    let w = quoted_world(false).await;
    add_instruments(&w).await;
    let id = w.service_request.clone();
    let (status, _, body) =
        call(&w.state, "answer_quote", &w.member.cookie, &[("id", &id), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for step in ["received", "in_analysis"] {
        let (status, _, body) =
            call(&w.state, "advance_service_request", &w.researcher.cookie, &[("id", &id), ("to", step)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    send_results(&w, &w.researcher.cookie, &id, "ket-qua.pdf", PDF).await;
    let (status, _, body) =
        call(&w.state, "advance_service_request", &w.researcher.cookie, &[("id", &id), ("to", "ready")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Two hours booked and approved; two more asked for by another business, not yet approved.
    let (status, _, body) = book(&w, &w.member, &working_day(), "9", "2").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let booking = first_id(&w.state, "my_bookings", &w.member).await;
    let approve = [("id", booking.as_str()), ("decision", "approve")];
    assert_eq!(call(&w.state, "decide_booking", &w.researcher.cookie, &approve).await.0, StatusCode::OK);
    let (status, _, body) = book(&w, &w.other_member, &working_day(), "13", "2").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, _, body) = send(&w.state, Method::GET, "/dashboard/labs.json", &[], String::new()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let labs: Value = serde_json::from_str(&body).unwrap();
    let lab = labs.as_array().unwrap().iter().find(|l| l["id"] == w.lab.as_str()).expect("the lab is listed");
    assert_eq!(lab["requests"], 1);
    assert_eq!(lab["accepted"], 1);
    assert_eq!(lab["median_turnaround_days"], 0.0, "received and ready the same day");
    assert_eq!(lab["province_share"], 100.0, "the member's company is in Vạn Ninh");
    assert_eq!(lab["booked_hours"], 2, "approved hours only");
    let offered = lab["offered_hours"].as_u64().unwrap();
    // One bookable instrument, 8 open hours on each working day of 183 days (130 or 131 of them).
    assert!((130 * 8..=131 * 8).contains(&offered), "{offered}");
    assert_eq!(labs[0]["id"], w.lab.as_str(), "the most requested lab first");

    let (status, headers, csv) = send(&w.state, Method::GET, "/dashboard/labs.csv", &[], String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("id,title,services,requests,accepted_quotes,median_turnaround_days"));
    let row = lines.find(|l| l.starts_with(&format!("{},", w.lab))).expect("the lab's row");
    assert!(row.contains(",1,1,0.0,100.0,2,"), "{row}");
    // The page shows the same, in the reader's language.
    let page = page(&w.state, "/dashboard", "").await;
    assert!(page.contains("id=\"labs\"") && page.contains("/dashboard/labs.csv"), "the dashboard has the table");
}
