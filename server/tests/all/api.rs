//! HTTP and import tests against a real SQLite database, through `router(state).oneshot`.

use app::catalog::import::import_text;
use app::state::AppState;
use axum::http::{header, StatusCode};

use crate::common::{empty_state, get, small_state, SMALL};

async fn export(state: &AppState) -> String {
    let (status, _, body) = get(state, "/api/export.jsonl", &[]).await;
    assert_eq!(status, StatusCode::OK);
    body
}

#[tokio::test]
async fn healthz_says_ok() {
    let state = empty_state().await;
    let (status, _, body) = get(&state, "/healthz", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, r#"{"status":"ok"}"#);
}

#[tokio::test]
async fn a_record_comes_back_in_the_records_format() {
    let state = small_state().await;
    let (status, headers, body) = get(&state, "/api/offer/kit-pcr-tom-hum", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["kind"], "offer");
    assert_eq!(json["owner_lab"], "lab-benh-hoc");
    assert_eq!(json["trl"], 7);
    let original = SMALL.lines().find(|l| l.contains("\"kit-pcr-tom-hum\"")).unwrap();
    assert_eq!(json, serde_json::from_str::<serde_json::Value>(original).unwrap());
}

#[tokio::test]
async fn unknown_records_and_paths_answer_404_json() {
    let state = small_state().await;
    for uri in ["/api/offer/nope", "/api/robot/kit-pcr-tom-hum", "/api/lab/..%2F..%2Fetc", "/api/a/b/c", "/api/"] {
        let (status, _, body) = get(&state, uri, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{uri}: {body}"));
        assert!(json["error"].is_string(), "{uri}");
    }
}

#[tokio::test]
async fn import_reports_each_bad_line_and_keeps_the_good_ones() {
    let state = empty_state().await;
    let text = format!(
        "{}\n\nnot json\n{}\n{}\n{}\n",
        SMALL.lines().nth(1).unwrap(), // ria3 (line 1)
        r#"{"kind":"lab","id":"lab-x","name":"X","organization":"khong-co","description":"d","capabilities":[],"sectors":[]}"#,
        r#"{"kind":"expert","id":"exp-x","name":"Y","organization":"ria3","bio":"b","expertise":[],"sectors":["moon"],"languages":[],"available_for":[],"based_in":"in_province"}"#,
        SMALL.lines().nth(1).unwrap(),
    );
    let report = import_text(&state.db, &text, &|_, _| {}).await.unwrap();
    assert_eq!(report.read, 5);
    assert_eq!(report.inserted, 1);
    let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6]);
    assert!(report.rejected[0].reason.to_string().contains("not valid JSON"));
    assert!(report.rejected[1].reason.to_string().contains("khong-co"), "{}", report.rejected[1].reason);
    assert!(report.rejected[2].reason.to_string().contains("moon"), "{}", report.rejected[2].reason);
    assert!(report.rejected[3].reason.to_string().contains("appears already on line 1"));
    let exported = export(&state).await;
    assert_eq!(exported.lines().count(), 1);
}

#[tokio::test]
async fn a_record_referring_to_a_rejected_one_is_rejected_too() {
    let state = empty_state().await;
    let text = [
        r#"{"kind":"organization","id":"org-bad","name":"","org_type":"sme","description":"d","sectors":[],"location":"Nha Trang"}"#,
        r#"{"kind":"lab","id":"lab-of-bad","name":"L","organization":"org-bad","description":"d","capabilities":[],"sectors":[]}"#,
        r#"{"kind":"offer","id":"offer-of-lab","title":"T","summary":"S","owner_lab":"lab-of-bad","sectors":[],"trl":3,"ip_status":"none","transfer_modes":[]}"#,
    ]
    .join("\n");
    let report = import_text(&state.db, &text, &|_, _| {}).await.unwrap();
    assert_eq!(report.imported(), 0);
    assert_eq!(report.rejected.len(), 3);
    assert!(report.rejected[1].reason.to_string().contains("rejected on line 1"), "{}", report.rejected[1].reason);
    assert!(report.rejected[2].reason.to_string().contains("rejected on line 2"), "{}", report.rejected[2].reason);
}

#[tokio::test]
async fn importing_twice_changes_nothing_and_round_trips() {
    let state = small_state().await;
    let first = export(&state).await;
    let again = import_text(&state.db, SMALL, &|_, _| {}).await.unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 9));
    assert_eq!(export(&state).await, first);

    let fresh = empty_state().await;
    let report = import_text(&fresh.db, &first, &|_, _| {}).await.unwrap();
    assert_eq!(report.inserted, 9);
    assert_eq!(export(&fresh).await, first);
    // Storage order: organizations first, then the kinds that refer to them.
    let kinds: Vec<String> = first
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        ["organization", "organization", "organization", "lab", "expert", "offer", "need", "call", "pilot"]
    );
}

#[tokio::test]
async fn an_edited_line_updates_the_record() {
    let state = small_state().await;
    let edited = SMALL.lines().nth(1).unwrap().replace("\"founded\":1984", "\"founded\":1985");
    let report = import_text(&state.db, &edited, &|_, _| {}).await.unwrap();
    assert_eq!(report.updated, 1);
    let (_, _, body) = get(&state, "/api/organization/ria3", &[]).await;
    assert!(body.contains("\"founded\":1985"));
}

#[tokio::test]
async fn the_demo_catalogue_imports_cleanly_and_is_large_enough() {
    let state = empty_state().await;
    let report = server::startup::load_demo_if_empty(&state.db).await.unwrap().expect("loaded");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert!(report.inserted >= 150, "only {} demo records", report.inserted);
    assert!(
        server::startup::load_demo_if_empty(&state.db).await.unwrap().is_none(),
        "loads only into an empty database"
    );
    let counts = app::catalog::repo::counts(&state.db).await.unwrap();
    assert!(counts.iter().all(|(_, n)| *n > 0), "{counts:?}");
}

#[tokio::test]
async fn pages_render_on_the_server_in_the_readers_language() {
    let state = small_state().await;
    let (status, _, body) = get(&state, "/labs", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"vi\""));
    assert!(body.contains("Phòng thí nghiệm Bệnh học thủy sản"), "list content is in the HTML");

    let (_, _, body) = get(&state, "/labs/lab-benh-hoc", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert!(body.contains("<html lang=\"en\""));
    assert!(body.contains("Aquatic Animal Pathology Lab"));
    assert!(body.contains("Research Institute for Aquaculture No. 3"), "the lab names its institute");
    assert!(body.contains("Nguyễn Văn A"), "the lab lists the institute's experts");

    let (_, _, body) = get(&state, "/labs", &[("cookie", "lang=en"), ("accept-language", "vi")]).await;
    assert!(body.contains("<html lang=\"en\""), "the cookie wins over the header");
    // A shared link's `?lang=` wins over both; one that is neither language is ignored.
    let (_, _, body) = get(&state, "/labs?lang=en", &[("cookie", "lang=vi"), ("accept-language", "vi")]).await;
    assert!(body.contains("<html lang=\"en\""), "the link's language");
    let (status, _, body) = get(&state, "/labs?lang=fr", &[("cookie", "lang=en")]).await;
    assert!(status == StatusCode::OK && body.contains("<html lang=\"en\""), "{status}");
    // People guess /login for the sign-in page.
    let (status, headers, _) = get(&state, "/login", &[]).await;
    assert_eq!(
        (status, headers.get("location").map(|l| l.to_str().unwrap())),
        (StatusCode::PERMANENT_REDIRECT, Some("/signin"))
    );
}

#[tokio::test]
async fn list_filters_narrow_the_html_list() {
    let state = small_state().await;
    let (_, _, all) = get(&state, "/organizations", &[]).await;
    assert!(all.contains("Sở Khoa học") && all.contains("Tôm hùm Vạn Ninh"));
    let (status, _, startups) = get(&state, "/organizations?type=startup&sector=aquaculture", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(startups.contains("Tôm hùm Vạn Ninh"));
    assert!(!startups.contains("card-title\"><a href=\"/organizations/so-khcn"));
    let (status, _, _) = get(&state, "/organizations?type=%27%3BDROP&trl_min=abc&page=-5", &[]).await;
    assert_eq!(status, StatusCode::OK, "nonsense filters are ignored");
}

#[tokio::test]
async fn unknown_pages_and_records_are_404_pages() {
    let state = small_state().await;
    for uri in ["/no-such-page", "/labs/no-such-lab", "/offers/UPPER"] {
        let (status, _, body) = get(&state, uri, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(body.contains("Không tìm thấy trang"), "{uri}");
    }
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_stays_on_the_site() {
    let state = empty_state().await;
    let (status, headers, _) = get(&state, "/lang/en?next=/labs%3Fsector%3Daquaculture", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/labs?sector=aquaculture");
    assert!(headers[header::SET_COOKIE].to_str().unwrap().starts_with("lang=en;"));
    let (_, headers, _) = get(&state, "/lang/vi?next=//evil.example", &[]).await;
    assert_eq!(headers[header::LOCATION], "/");
    let (status, _, _) = get(&state, "/lang/xx", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn record_pages_carry_schema_org_json_ld() {
    let state = small_state().await;
    for (uri, kind) in [
        ("/calls/call-khcn-2027", "Grant"),
        ("/experts/ts-nguyen-van-a", "Person"),
        ("/organizations/ria3", "Organization"),
        ("/offers/kit-pcr-tom-hum", "Service"),
    ] {
        let (_, _, body) = get(&state, uri, &[]).await;
        let start =
            body.find("<script type=\"application/ld+json\">").unwrap_or_else(|| panic!("{uri} has no JSON-LD"));
        let rest = &body[start..];
        let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
        let value: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{uri}: {e}: {json}"));
        assert_eq!(value["@type"], kind, "{uri}");
        assert_eq!(value["@context"], "https://schema.org");
        assert_eq!(value["url"], uri);
    }
}

#[tokio::test]
async fn large_imports_store_every_record_with_its_facets_across_batches() {
    let state = empty_state().await;
    let n = app::catalog::repo::BATCH * 2 + 7;
    let line = |i: usize, sector: &str| {
        format!(
            r#"{{"kind":"organization","id":"org-{i:04}","name":"Tổ chức {i}","org_type":"sme","description":"D","sectors":["{sector}"],"location":"Nha Trang"}}"#
        )
    };
    let text: Vec<String> = (0..n).map(|i| line(i, "aquaculture")).collect();
    let report = import_text(&state.db, &text.join("\n"), &|_, _| {}).await.unwrap();
    assert_eq!((report.inserted, report.rejected.len()), (n, 0));
    let count = |sector: &'static str| {
        let db = state.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM record_facets WHERE facet = 'sector' AND value = $1")
                .bind(sector)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("aquaculture").await, n as i64);
    let revisions: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT revision) FROM records").fetch_one(&state.db).await.unwrap();
    assert_eq!(revisions, n as i64, "every record has its own revision");

    // One record in the last batch changes sector: only its facets change.
    let mut again = text.clone();
    again[n - 1] = line(n - 1, "tourism");
    let report = import_text(&state.db, &again.join("\n"), &|_, _| {}).await.unwrap();
    assert_eq!((report.inserted, report.updated, report.unchanged), (0, 1, n - 1));
    assert_eq!((count("aquaculture").await, count("tourism").await), (n as i64 - 1, 1));
}

#[tokio::test]
async fn records_with_every_sector_and_type_import_in_full_batches() {
    // 400 calls × (19 sectors + 8 eligible types + status) facets would overflow SQLite's
    // bound-value limit in one statement.
    let state = empty_state().await;
    let sectors = r#"["oceanography","aquaculture","fisheries","biotechnology","vaccines","health","tourism","services","logistics","energy","environment","agriculture","digital","ai_data","cybersecurity","smart_city","fintech","education","manufacturing"]"#;
    let eligible =
        r#"["startup","sme","enterprise","research_institute","university","government","investor","support_org"]"#;
    let mut lines = vec![r#"{"kind":"organization","id":"so-khcn","name":"Sở KH&CN","org_type":"government","description":"D","sectors":["digital"],"location":"Nha Trang"}"#.to_string()];
    let n = app::catalog::repo::BATCH;
    lines.extend((0..n).map(|i| {
        format!(
            r#"{{"kind":"call","id":"call-{i:04}","title":"Đợt {i}","description":"D","issuer":"so-khcn","sectors":{sectors},"eligible":{eligible},"opens":"2026-01-01","closes":"2026-12-31","status":"open"}}"#
        )
    }));
    let report = import_text(&state.db, &lines.join("\n"), &|_, _| {}).await.unwrap();
    assert_eq!((report.inserted, report.rejected.len()), (n + 1, 0), "{:?}", report.rejected.first());
    let facets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM record_facets WHERE kind = 'call'")
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert_eq!(facets, (n * (19 + 8 + 1)) as i64);
}

#[tokio::test]
async fn a_record_page_names_it_once_and_shows_a_translated_titles_original() {
    let state = crate::common::demo_state().await;
    // An expert's academic title comes before the name; the name is not repeated under it.
    let (status, _, html) = get(&state, "/experts/au-duong-khai", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ThS. Âu Dương Khải"), "the heading");
    assert!(!html.contains("class=\"original-title\""), "the name once");
    // An English page of a record with an English title shows the Vietnamese one under it.
    let (_, _, html) = get(&state, "/offers/offer-kit-pcr-benh-sua-tom-hum", &[("accept-language", "en")]).await;
    assert!(html.contains("PCR kit for early detection of milky disease in spiny lobster"));
    assert!(html.contains("class=\"original-title\""), "the original under the translation");
}

#[tokio::test]
async fn the_contact_page_shows_the_configured_desk_and_nothing_invented() {
    let state = small_state().await;
    let (_, _, page) = get(&state, "/contact", &[]).await;
    assert!(!page.contains("mailto:") && !page.contains("contact-desk"), "nothing configured, nothing shown");
    let contact = app::site::Contact::new(Some("lienhe@skhcn.example.vn"), Some("0258 000 0000")).unwrap();
    let state = state.with_site(crate::common::site("").with_contact(contact));
    let (status, _, page) = get(&state, "/contact", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("href=\"mailto:lienhe@skhcn.example.vn\""), "{page}");
    assert!(page.contains("href=\"tel:02580000000\">0258 000 0000</a>"));
}
