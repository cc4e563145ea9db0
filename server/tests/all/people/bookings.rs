//! Instrument bookings: the week of free hours, a booking the lab approves, cancelling that
//! frees the hours, two people sending the same hour at once, and what is refused.

use app::bookings::model::is_working_day;

use super::*;

/// The instrument people book: it needs a trained user.
pub(super) const HPLC: &str = "Máy sắc ký lỏng HPLC";

/// A world whose lab has instruments (`add_instruments`), and the member's booking of the HPLC:
/// two hours from 9 on the next working day after tomorrow (empty unless `booked`).
pub(super) async fn booking_world(booked: bool) -> World {
    let mut w = world(false).await;
    add_instruments(&w).await;
    if booked {
        let (status, _, body) = book(&w, &w.member, &working_day(), "9", "2").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        w.booking = first_id(&w.state, "my_bookings", &w.member).await;
    }
    w
}

/// Gives the world's lab a bookable HPLC (trained users, 400.000 ₫ an hour) and a microscope not
/// open for booking, keeping what it lists already.
pub(super) async fn add_instruments(w: &World) {
    let stored = app::catalog::repo::get(&w.state.db, app::catalog::model::Kind::Lab, &w.lab).await.unwrap().unwrap();
    let mut line = serde_json::to_value(&stored).unwrap();
    line["instruments"] = serde_json::json!([
        {"name": HPLC, "name_en": "HPLC", "make_model": "Agilent 1260", "state": "working", "bookable": true,
         "training_required": true, "hourly_rate_vnd": 400000},
        {"name": "Kính hiển vi điện tử", "state": "working", "bookable": false}
    ]);
    let report = app::catalog::import::import_text(&w.state.db, &line.to_string(), &|_, _| {}).await.unwrap();
    assert_eq!(report.imported(), 1, "{:?}", report.rejected);
}

/// The first working day after tomorrow (bookings start tomorrow; this one is never today).
pub(super) fn working_day() -> String {
    let mut day = app::clock::today() + app::clock::days(2);
    while !is_working_day(day) {
        day += app::clock::days(1);
    }
    day.to_string()
}

/// `who` books `hours` hours of the HPLC from `hour` on `day`, trained.
pub(super) async fn book(
    w: &World,
    who: &Person,
    day: &str,
    hour: &str,
    hours: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let start = format!("{day}T{hour}");
    let asked = [
        ("lab", w.lab.as_str()),
        ("instrument", HPLC),
        ("start", &start),
        ("hours", hours),
        ("operator", "Lê Thu"),
        ("training", "Tập huấn HPLC tại phòng, 10/2026"),
        ("purpose", "Đo histamine 12 mẫu nước mắm"),
    ];
    call(&w.state, "book_instrument", &who.cookie, &asked).await
}

/// The hours held in the week of `day`, as `(day, hour)`.
async fn taken(w: &World, day: &str) -> Vec<(String, u64)> {
    let body = format!(r#"{{"lab":"{}","instrument":0,"week":"{day}"}}"#, w.lab);
    let headers = [("content-type", "application/json"), ("accept", "application/json"), ("origin", common::ORIGIN)];
    let (status, _, body) = send(&w.state, Method::POST, "/fn/instrument_week", &headers, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let week: Value = serde_json::from_str(&body).unwrap();
    let held = week["taken"].as_array().unwrap().iter();
    held.map(|t| (t[0].as_str().unwrap().to_string(), t[1].as_u64().unwrap())).collect()
}

async fn booking_of(w: &World, who: &Person, id: &str) -> (StatusCode, Value) {
    let english = format!("{}; lang=en", who.cookie);
    let headers = [
        ("content-type", "application/json"),
        ("accept", "application/json"),
        ("origin", common::ORIGIN),
        ("cookie", &english),
    ];
    let (status, _, body) = send(&w.state, Method::POST, "/fn/booking", &headers, format!(r#"{{"id":{id}}}"#)).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_booking_holds_its_hours_until_the_lab_answers_and_a_cancel_frees_them() {
    let w = booking_world(true).await;
    let day = working_day();
    let id = w.booking.clone();
    assert_eq!(taken(&w, &day).await, vec![(day.clone(), 9), (day.clone(), 10)]);
    // The week is public; the lab's page leads to it.
    let lab_page = page(&w.state, &format!("/labs/{}", w.lab), "").await;
    assert!(lab_page.contains("/bookings/new?lab="), "the lab's page offers its HPLC's week");
    let week = page(&w.state, &format!("/bookings/new?lab={}&instrument=0&week={day}", w.lab), "").await;
    assert!(week.contains("Đã đặt"), "held hours show as booked");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|n| n.contains("booked “Máy sắc ký lỏng HPLC”")));

    let (status, booking) = booking_of(&w, &w.member, &id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(booking["status"], "requested");
    assert_eq!(booking["training"], "Tập huấn HPLC tại phòng, 10/2026");
    assert_eq!(booking["contacts"], Value::Null, "no emails before approval");
    // Only the lab answers; strangers see nothing.
    let decide = |decision: &'static str| [("id", id.clone()), ("decision", decision.to_string())];
    let approve = decide("approve");
    let approve: Vec<(&str, &str)> = approve.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = call(&w.state, "decide_booking", &w.member.cookie, &approve).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(booking_of(&w, &w.other_member, &id).await.0, StatusCode::FORBIDDEN);
    let (status, _, body) = call(&w.state, "decide_booking", &w.researcher.cookie, &approve).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = call(&w.state, "decide_booking", &w.researcher.cookie, &approve).await;
    assert_eq!(status, StatusCode::CONFLICT, "answered once");
    let (_, booking) = booking_of(&w, &w.member, &id).await;
    assert_eq!(booking["status"], "approved");
    assert!(booking["contacts"][0].as_str().unwrap().contains('@'));
    assert!(inbox(&w.state, &w.member).await.iter().any(|n| n.contains("approved the booking")));

    // The business cancels: the hours are free again, and it cannot be cancelled twice.
    let (status, _, body) =
        call(&w.state, "cancel_booking", &w.member.cookie, &[("id", &id), ("reason", "Mẫu chưa về kịp")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(taken(&w, &day).await.is_empty(), "a cancel frees the hours");
    let (status, _, _) = call(&w.state, "cancel_booking", &w.member.cookie, &[("id", &id)]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|n| n.contains("cancelled the booking")));
    let (status, _, body) = book(&w, &w.other_member, &day, "9", "1").await;
    assert_eq!(status, StatusCode::OK, "a freed hour is booked again: {body}");
}

#[tokio::test]
async fn two_bookings_of_one_hour_at_the_same_moment_one_wins() {
    let w = booking_world(false).await;
    let day = working_day();
    // The same hour, and an overlapping span, sent together.
    let (first, second) = tokio::join!(book(&w, &w.member, &day, "10", "1"), book(&w, &w.other_member, &day, "9", "3"));
    let statuses = [first.0, second.0];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{first:?} {second:?}");
    let lost = if first.0 == StatusCode::OK { second } else { first };
    assert_eq!(lost.0, StatusCode::CONFLICT, "{}", lost.2);
    assert!(lost.2.contains("vừa đặt"), "a clear message: {}", lost.2);
    let held = taken(&w, &day).await;
    assert!(held.len() == 1 || held.len() == 3, "only the winner's hours are held: {held:?}");
}

#[tokio::test]
async fn bookings_refuse_bad_hours_untrained_users_and_strangers() {
    let w = booking_world(true).await;
    let day = working_day();
    let refused = |hour: &'static str, hours: &'static str, day: String| {
        let w = &w;
        async move { book(w, &w.other_member, &day, hour, hours).await }
    };
    // Past the day's end, the lunch hour, no hours, a held hour, today, a Sunday, too far.
    let (status, _, body) = refused("16", "2", day.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("hours"), "{body}");
    assert_eq!(refused("12", "1", day.clone()).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(refused("8", "0", day.clone()).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(refused("10", "1", day.clone()).await.0, StatusCode::CONFLICT, "held by the member");
    assert_eq!(refused("8", "1", app::clock::today().to_string()).await.0, StatusCode::BAD_REQUEST);
    let mut weekend = app::clock::today() + app::clock::days(1);
    while is_working_day(weekend) {
        weekend += app::clock::days(1);
    }
    assert_eq!(refused("8", "1", weekend.to_string()).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(refused("8", "1", in_days(120)).await.0, StatusCode::BAD_REQUEST);
    // Training the lab asks for, a user's name, an instrument not for booking.
    let start = format!("{day}T14");
    let mut asked = vec![("lab", w.lab.as_str()), ("instrument", HPLC), ("start", start.as_str())];
    asked.extend([("hours", "1"), ("operator", "Lê Thu")]);
    let (status, _, body) = call(&w.state, "book_instrument", &w.other_member.cookie, &asked).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("training"), "{body}");
    asked[4] = ("operator", " ");
    asked.push(("training", "Có"));
    let (status, _, body) = call(&w.state, "book_instrument", &w.other_member.cookie, &asked).await;
    assert!(status == StatusCode::BAD_REQUEST && body.contains("operator"), "{status} {body}");
    asked[4] = ("operator", "Lê Thu");
    asked[1] = ("instrument", "Kính hiển vi điện tử");
    assert_eq!(call(&w.state, "book_instrument", &w.other_member.cookie, &asked).await.0, StatusCode::CONFLICT);
    asked[1] = ("instrument", "Máy không có");
    assert_eq!(call(&w.state, "book_instrument", &w.other_member.cookie, &asked).await.0, StatusCode::CONFLICT);
    asked[1] = ("instrument", HPLC);
    asked[2] = ("start", "sáng thứ Hai");
    assert_eq!(call(&w.state, "book_instrument", &w.other_member.cookie, &asked).await.0, StatusCode::BAD_REQUEST);
    // Officers do not book; the lab's own people do not book through the portal.
    assert_eq!(book(&w, &w.officer, &day, "14", "1").await.0, StatusCode::FORBIDDEN);
    assert_eq!(book(&w, &w.researcher, &day, "14", "1").await.0, StatusCode::BAD_REQUEST);
    let (status, _, _) = call(&w.state, "my_bookings", &w.other_member.cookie, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(taken(&w, &day).await.len(), 2, "nothing refused was held");
    // A decline needs a reason, and frees the hours.
    let id = w.booking.clone();
    let decline = [("id", id.as_str()), ("decision", "decline")];
    assert_eq!(call(&w.state, "decide_booking", &w.researcher.cookie, &decline).await.0, StatusCode::BAD_REQUEST);
    let decline = [("id", id.as_str()), ("decision", "decline"), ("reason", "Máy bảo trì tuần này")];
    assert_eq!(call(&w.state, "decide_booking", &w.researcher.cookie, &decline).await.0, StatusCode::OK);
    assert!(taken(&w, &day).await.is_empty());
    assert_eq!(call(&w.state, "cancel_booking", &w.member.cookie, &[("id", &id)]).await.0, StatusCode::CONFLICT);
}

#[tokio::test]
async fn bookings_are_in_my_data_and_a_closed_account_frees_its_hours() {
    let w = booking_world(true).await;
    let day = working_day();
    let (status, _, body) =
        send(&w.state, Method::GET, "/fn/export_my_data", &[("cookie", w.member.cookie.as_str())], String::new()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let data: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["bookings"][0]["instrument"], HPLC, "{body}");
    assert!(data["service_requests"].as_array().unwrap().is_empty());

    // A booking whose day has come (stored directly: the form books from tomorrow on).
    let booker: i64 = sqlx::query_scalar("SELECT booker FROM instrument_bookings WHERE id = $1")
        .bind(w.booking.parse::<i64>().unwrap())
        .fetch_one(&w.state.db)
        .await
        .unwrap();
    let today = app::clock::today().to_string();
    let today_at = |hours: &'static [u32]| app::bookings::repo::New {
        lab: &w.lab,
        instrument: HPLC,
        booker,
        organization: None,
        day: &today,
        hours,
        operator: "Lê Thu",
        training: None,
        purpose: "Đo mẫu hôm nay",
    };
    let begun = app::bookings::repo::create(&w.state.db, today_at(&[8])).await.unwrap().expect("the hour is free");
    let waiting = app::bookings::repo::create(&w.state.db, today_at(&[9])).await.unwrap().expect("the hour is free");
    let approve = [("id", begun.to_string()), ("decision", "approve".to_string())];
    let approve: Vec<(&str, &str)> = approve.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(call(&w.state, "decide_booking", &w.researcher.cookie, &approve).await.0, StatusCode::OK);

    let password = "một mật khẩu dài";
    let (_, cookie) = super::leaving::with_password(&w, password).await;
    let (status, _, body) =
        call(&w.state, "delete_account", &cookie, &[("confirm_password", password), ("understood", "yes")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let held = taken(&w, &day).await;
    assert!(held.iter().all(|(d, _)| *d != day), "the closed account's hours are free again: {held:?}");
    let (status, booking) = booking_of(&w, &w.researcher, &w.booking).await;
    assert_eq!(status, StatusCode::OK, "the lab keeps the cancelled booking");
    assert_eq!(booking["status"], "cancelled");
    let (status, _) = booking_of(&w, &w.researcher, &begun.to_string()).await;
    assert_eq!(status, StatusCode::OK);
    let kept: (String, i64) = sqlx::query_as(
        "SELECT b.status, COUNT(h.hour) FROM instrument_bookings b LEFT JOIN booked_hours h ON h.booking = b.id
         WHERE b.id = $1 GROUP BY b.status",
    )
    .bind(begun)
    .fetch_one(&w.state.db)
    .await
    .unwrap();
    assert_eq!(kept, ("approved".to_string(), 1), "an approved booking whose day has come stays, like the button");
    let (_, booking) = booking_of(&w, &w.researcher, &waiting.to_string()).await;
    assert_eq!(booking["status"], "cancelled", "today's booking nobody approved goes with the account");
}

#[tokio::test]
async fn forged_week_addresses_are_clamped_or_refused_never_an_error() {
    let w = booking_world(false).await;
    let lab = app::text::url_encode(&w.lab);
    let cookie = [("cookie", w.member.cookie.as_str())];
    let page = |query: String| {
        let (w, lab) = (&w, &lab);
        async move { send(&w.state, Method::GET, &format!("/bookings/new?lab={lab}&{query}"), &cookie, String::new()).await }
    };
    // A week far out of reach shows the last week open for booking, an impossible hour no form.
    let far = page(format!("instrument=0&week=9999-12-31&day={}&hour=99", working_day())).await;
    assert_eq!(far.0, StatusCode::OK, "{}", far.2);
    assert!(far.2.contains("không còn trống"), "hour 99 is never free");
    assert!(!far.2.contains("name=\"operator\""), "no form for hour 99");
    for query in [
        "instrument=0&week=-1&day=x&hour=-5",
        "instrument=0&week=2026-02-30&hour=18446744073709551616",
        "instrument=abc",
    ] {
        let (status, _, body) = page(query.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
    }
    let (status, _, _) = page("instrument=99".to_string()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an instrument the lab does not list");

    let body = format!(r#"{{"lab":"{}","instrument":0,"week":"9999-12-31"}}"#, w.lab);
    let headers = [("content-type", "application/json"), ("accept", "application/json"), ("origin", common::ORIGIN)];
    let (status, _, body) = send(&w.state, Method::POST, "/fn/instrument_week", &headers, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let week: Value = serde_json::from_str(&body).unwrap();
    let last = week["last_day"].as_str().unwrap().parse().unwrap();
    assert_eq!(week["monday"].as_str().unwrap(), app::bookings::model::monday_of(last).to_string(), "the last week");
}
