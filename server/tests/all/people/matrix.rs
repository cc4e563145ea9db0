//! The authorization matrix: every server function and mutating route, each role × anonymous.

use super::*;

/// One state-changing (or restricted) server function, who may call it, and how.
#[derive(Clone, Copy)]
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
                pairs(&[
                    ("name", "N"),
                    ("email", "n@x.vn"),
                    ("password", "long enough password"),
                    ("role", "member"),
                    ("consent", "yes"),
                ])
            },
        },
        Action {
            endpoint: "confirm_signup",
            accepted: false,
            allowed: EVERYONE,
            params: |_| pairs(&[("token", "0"), ("password", "0")]),
        },
        Action {
            endpoint: "change_password",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("current_password", "wrong"), ("password", "long enough pw")]),
        },
        Action { endpoint: "end_session", accepted: false, allowed: SIGNED_IN, params: |_| pairs(&[("id", "others")]) },
        // Members of an organization invite colleagues to it; anyone signed in may try a link.
        Action {
            endpoint: "invite_colleague",
            accepted: false,
            allowed: &["member", "colleague", "other"],
            params: |_| pairs(&[("email", "new.colleague@example.vn")]),
        },
        Action {
            endpoint: "join_organization",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("token", "0")]),
        },
        Action {
            endpoint: "withdraw_invitation",
            accepted: false,
            allowed: &["member", "colleague", "other"],
            params: |_| pairs(&[("email", "nobody.invited@example.vn")]),
        },
        Action {
            endpoint: "request_email_change",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("email", "moi@example.vn"), ("current_password", "wrong")]),
        },
        // A confirmation link works for whoever holds it, signed in or not.
        Action {
            endpoint: "confirm_email_change",
            accepted: false,
            allowed: EVERYONE,
            params: |_| pairs(&[("token", "0")]),
        },
        Action {
            endpoint: "change_name",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("name", "Tên mới của tôi")]),
        },
        Action {
            endpoint: "decline_invitation",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("organization", "tom-hum-van-ninh")]),
        },
        Action {
            endpoint: "accept_invitation",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("organization", "tom-hum-van-ninh")]),
        },
        // Anyone but staff deletes their own account (here with a wrong password: refused for it).
        Action {
            endpoint: "delete_account",
            accepted: false,
            allowed: &["member", "colleague", "other", "researcher"],
            params: |_| pairs(&[("confirm_password", "wrong"), ("understood", "yes")]),
        },
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
            endpoint: "set_mail_news",
            accepted: false,
            allowed: SIGNED_IN,
            params: |_| pairs(&[("mode", "daily")]),
        },
        Action {
            endpoint: "assign_user",
            accepted: false,
            allowed: &["admin"],
            params: |_| pairs(&[("user_id", "1"), ("roles[0]", "member")]),
        },
        Action { endpoint: "list_users", accepted: false, allowed: &["admin"], params: |_| vec![] },
        // User 3 is `other`, a member (the world creates member, colleague, other, … in order).
        Action {
            endpoint: "suspend_user",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("user_id", "3"), ("reason", "spam")]),
        },
        Action {
            endpoint: "lift_suspension",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("user_id", "3")]),
        },
        Action { endpoint: "read_audit_log", accepted: false, allowed: &["admin"], params: |_| vec![] },
        // Officers store the files they sent (another's token is not found: not refused).
        Action {
            endpoint: "store_import",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |_| pairs(&[("token", "0")]),
        },
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
        Action {
            endpoint: "withdraw_listing",
            accepted: false,
            allowed: &["member", "colleague", "officer", "admin"],
            params: |w| pairs(&[("kind", "need"), ("id", &w.need), ("why", "found")]),
        },
        Action {
            endpoint: "delete_draft",
            accepted: false,
            allowed: &["researcher", "officer", "admin"],
            params: |w| pairs(&[("kind", "expert"), ("id", &w.expert)]),
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
            endpoint: "report_listing",
            accepted: false,
            allowed: SIGNED_IN,
            params: |w| pairs(&[("kind", "need"), ("id", &w.need), ("reason", "spam")]),
        },
        Action { endpoint: "moderation_queue", accepted: false, allowed: &["officer", "admin"], params: |_| vec![] },
        Action { endpoint: "suspended_users", accepted: false, allowed: &["officer", "admin"], params: |_| vec![] },
        Action {
            endpoint: "keep_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "lab"), ("id", &w.lab)]),
        },
        Action {
            endpoint: "take_down",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "need"), ("id", &w.need), ("reason", "spam")]),
        },
        Action {
            endpoint: "moderate_listing",
            accepted: false,
            allowed: &["officer", "admin"],
            params: |w| pairs(&[("kind", "need"), ("id", &w.need), ("hidden", "true"), ("reason", "spam")]),
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
            allowed: &["member", "colleague", "other", "researcher"],
            params: |w| pairs(&[("kind", "lab"), ("id", &w.lab), ("message", "Xin được giới thiệu để hợp tác.")]),
        },
        // The other way: proposing the researcher's lab to the member's need.
        Action {
            endpoint: "request_introduction",
            accepted: false,
            allowed: &["member", "colleague", "other", "researcher"],
            params: |w| {
                let with = format!("lab/{}", w.lab);
                pairs(&[
                    ("kind", "need"),
                    ("id", &w.need),
                    ("with", &with),
                    ("message", "Xin đề xuất phòng thí nghiệm."),
                ])
            },
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
                pairs(&[
                    ("kind", "call"),
                    ("id", &w.call),
                    ("proposal", "Một đề xuất đủ dài để được xem xét."),
                    ("amount", "100000000"),
                ])
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
        // Only the applicant withdraws an application (a colleague does not).
        Action {
            endpoint: "withdraw_application",
            accepted: false,
            allowed: &["member"],
            params: |w| pairs(&[("id", &w.application)]),
        },
        // Only the applicant answers a request for more information; only officers reopen.
        Action {
            endpoint: "answer_application",
            accepted: false,
            allowed: &["member"],
            params: |w| pairs(&[("id", &w.application), ("answer", "Đã bổ sung báo giá.")]),
        },
        Action {
            endpoint: "reopen_application",
            accepted: false,
            allowed: &["officer"],
            params: |w| pairs(&[("id", &w.application), ("reason", "Có khiếu nại mới.")]),
        },
        // Only the applicant removes a document of the application.
        Action {
            endpoint: "remove_application_file",
            accepted: false,
            allowed: &["member"],
            params: |w| pairs(&[("id", &w.application), ("file", "1")]),
        },
        // Businesses and researchers ask a lab for a service (its manager is told it is theirs).
        Action {
            endpoint: "request_service",
            accepted: false,
            allowed: &["member", "colleague", "other", "researcher"],
            params: |w| {
                pairs(&[
                    ("lab", &w.lab),
                    ("service", "0"),
                    ("name", "Hiệu chuẩn cảm biến oxy hòa tan"),
                    ("samples", "2"),
                ])
            },
        },
        // Only the lab's side quotes or declines; only the one who asked answers the quote.
        Action {
            endpoint: "quote_service_request",
            accepted: false,
            allowed: &["researcher"],
            params: |w| {
                pairs(&[
                    ("id", &w.service_request),
                    ("line[label.0]", "Hiệu chuẩn"),
                    ("line[unit.0]", "100000"),
                    ("valid_until", &in_days(5)),
                ])
            },
        },
        Action {
            endpoint: "decline_service_request",
            accepted: false,
            allowed: &["researcher"],
            params: |w| pairs(&[("id", &w.service_request), ("reason", "no_capacity")]),
        },
        // Only the lab follows the samples (this request waits for its answer: refused as
        // too early, not as forbidden).
        Action {
            endpoint: "advance_service_request",
            accepted: false,
            allowed: &["researcher"],
            params: |w| pairs(&[("id", &w.service_request), ("to", "received")]),
        },
        Action {
            endpoint: "answer_quote",
            accepted: false,
            allowed: &["member"],
            params: |w| pairs(&[("id", &w.service_request), ("answer", "accept")]),
        },
        // Businesses and researchers book a lab's instrument (its manager is told it is theirs);
        // only the lab answers a booking; either side cancels it.
        Action {
            endpoint: "book_instrument",
            accepted: false,
            allowed: &["member", "colleague", "other", "researcher"],
            params: |w| {
                pairs(&[
                    ("lab", &w.lab),
                    ("instrument", super::bookings::HPLC),
                    ("start", &format!("{}T14", super::bookings::working_day())),
                    ("hours", "1"),
                    ("operator", "Lê Thu"),
                    ("training", "Tập huấn tại phòng"),
                ])
            },
        },
        Action {
            endpoint: "decide_booking",
            accepted: false,
            allowed: &["researcher"],
            params: |w| pairs(&[("id", &w.booking), ("decision", "approve")]),
        },
        Action {
            endpoint: "cancel_booking",
            accepted: false,
            allowed: &["member", "researcher"],
            params: |w| pairs(&[("id", &w.booking)]),
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
/// 401 (anonymous) or 403, and nothing answers 5xx. The calls run two at a time (each in a
/// world of its own, so none sees another's changes).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_matrix() {
    let mut calls = tokio::task::JoinSet::new();
    let at_once = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
    for action in matrix() {
        for who in EVERYONE {
            let turn = at_once.clone().acquire_owned().await.unwrap();
            calls.spawn(async move {
                let answer = try_as(action, who).await;
                drop(turn);
                answer
            });
        }
    }
    let mut table = Vec::new();
    while let Some(answer) = calls.join_next().await {
        table.extend(answer.expect("a call of the matrix"));
    }
    table.sort();
    assert!(table.is_empty(), "authorization matrix mismatches:\n{}", table.join("\n"));
}

/// The actions on the lab service that the world's member asked for and the lab quoted.
const QUOTED: &[&str] =
    &["request_service", "quote_service_request", "decline_service_request", "answer_quote", "advance_service_request"];

/// The actions on the instrument the world's member booked.
const BOOKED: &[&str] = &["book_instrument", "decide_booking", "cancel_booking"];

/// Calls `action` as `who` in a fresh world (one person's change must not decide the next
/// one's answer): what differs from the matrix, if anything.
async fn try_as(action: Action, who: &'static str) -> Option<String> {
    // A world with a quoted service request only where the action needs it (it costs time).
    let w = if QUOTED.contains(&action.endpoint) {
        super::lab_services::quoted_world(action.accepted).await
    } else if BOOKED.contains(&action.endpoint) {
        super::bookings::booking_world(true).await
    } else {
        world(action.accepted).await
    };
    let person = w.everyone().into_iter().find(|p| p.name == who).unwrap();
    let params = (action.params)(&w);
    let refs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, _, body) = call(&w.state, action.endpoint, &person.cookie, &refs).await;
    assert!(!status.is_server_error(), "{} as {who}: {status} {body}", action.endpoint);
    let refused = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
    let expected = action.allowed.contains(&who);
    if !expected && who == "anonymous" {
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{} as anonymous", action.endpoint);
    }
    (expected == refused).then(|| {
        format!(
            "{} as {who}: expected {}, got {status} {body}",
            action.endpoint,
            if expected { "allowed" } else { "refused" }
        )
    })
}

/// Server functions that only read what their caller may see: they change nothing, so they
/// need no row of the matrix (each checks its caller itself, as its own tests show).
const READ_ONLY: &[&str] = &[
    "import_draft",
    "affiliation_requests",
    "get_viewer",
    "get_account",
    "mail_news",
    "edit_listing",
    "get_listing_meta",
    "my_listings",
    "my_introductions",
    "my_service_requests",
    "my_bookings",
    "booking",
    "instrument_week",
    "service_request",
    "service_request_label",
    "service_request_setup",
    "my_applications",
    "export_my_data",
    "invitation",
    "waiting_invitations",
    "invitations_for_me",
    "organization_members",
    "application_panel",
    "my_searches",
    "my_sessions",
    "dashboard",
    "find_partners",
    "form_choices",
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
