//! Search through HTTP: the contract's shape, filters, malformed queries, and the index
//! following the database.

use std::sync::Arc;

use app::catalog::import::import_text;
use app::search::index::{sync, SearchIndex};
use app::state::AppState;
use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::common::{send, small_state as state, SMALL};

/// A `GET` of the JSON API: status and body (`Null` when not JSON).
async fn get(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let (status, _, body) = send(state, Method::GET, uri, &[], String::new()).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn ids(json: &Value) -> Vec<String> {
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| format!("{}/{}", h["kind"].as_str().unwrap(), h["id"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn answers_in_the_contract_shape() {
    let state = state().await;
    let (status, json) = get(&state, "/api/search?q=t%C3%B4m+h%C3%B9m").await;
    assert_eq!(status, StatusCode::OK);
    assert!(json["total"].as_u64().unwrap() >= 3);
    let hit = &json["hits"][0];
    for key in ["kind", "id", "title", "score", "snippet"] {
        assert!(!hit[key].is_null(), "hit has {key}");
    }
    assert!(json["facets"]["kind"].is_object() && json["facets"]["sector"].is_object());
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>"));
}

#[tokio::test]
async fn the_same_words_are_found_with_or_without_marks_and_in_english() {
    let state = state().await;
    let (_, marked) = get(&state, "/api/search?q=b%E1%BB%87nh+s%E1%BB%AFa+t%C3%B4m+h%C3%B9m").await; // bệnh sữa tôm hùm
    let (_, plain) = get(&state, "/api/search?q=benh+sua+tom+hum").await;
    let (_, english) = get(&state, "/api/search?q=lobster+milky+disease").await;
    for json in [&marked, &plain, &english] {
        assert_eq!(ids(json)[0], "offer/kit-pcr-tom-hum", "{json}");
    }
}

#[tokio::test]
async fn kind_and_sector_filters_repeat_and_count() {
    let state = state().await;
    let (_, json) = get(&state, "/api/search?q=tom+hum&kind=lab&kind=expert").await;
    let found = ids(&json);
    assert!(!found.is_empty());
    assert!(found.iter().all(|k| k.starts_with("lab/") || k.starts_with("expert/")), "{found:?}");
    // Kind counts ignore the kind filter itself, so a person sees what the other kinds hold.
    assert!(json["facets"]["kind"]["offer"].as_u64().unwrap() >= 1);
    let (_, json) = get(&state, "/api/search?sector=digital").await;
    assert!(ids(&json).iter().any(|k| k == "pilot/pilot-drone-nuoi-bien"));
    assert!(!ids(&json).iter().any(|k| k == "lab/lab-benh-hoc"));
}

#[tokio::test]
async fn malformed_queries_never_fail() {
    let state = state().await;
    let long = "a".repeat(10_000);
    let nasty = [
        "\"unclosed",
        "(tom",
        "tom)",
        "AND",
        "OR NOT",
        "NOT tom",
        "*",
        "title:tom",
        "tom~2",
        "tom^3",
        "[a TO b]",
        "{x}",
        "🦞 🐟",
        "\u{0}\u{1}\u{7}",
        "\u{200b}",
        "\\",
        "''",
        "--",
        "%",
        "+-+&&||!",
        "tôm hùm AND NOT *:*",
        long.as_str(),
    ];
    for q in nasty {
        // Every byte escaped, even the safe ones: the query reaches the server exactly as it is.
        let encoded: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
        let (status, json) = get(&state, &format!("/api/search?q={encoded}")).await;
        assert_eq!(status, StatusCode::OK, "q={}", &q[..q.len().min(40)]);
        assert!(json["total"].is_u64());
    }
}

#[tokio::test]
async fn bad_parameters_get_a_clear_400() {
    let state = state().await;
    for (uri, word) in
        [("/api/search?kind=robot", "kind"), ("/api/search?limit=abc", "limit"), ("/api/search?sector=moon", "sector")]
    {
        let (status, json) = get(&state, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(json["error"].as_str().unwrap().contains(word), "{uri}: {json}");
    }
    // Above the most the description allows is refused as it says (it was answered with 100).
    let (status, json) = get(&state, "/api/search?limit=1000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json["error"].as_str().unwrap().contains("from 1 to 100"), "{json}");
    let (status, json) = get(&state, "/api/search?limit=100").await;
    assert_eq!(status, StatusCode::OK);
    assert!(json["hits"].as_array().unwrap().len() <= 100);
}

#[tokio::test]
async fn a_saved_record_is_searchable_after_sync() {
    let state = state().await;
    let (_, before) = get(&state, "/api/search?q=hypothermia").await;
    assert_eq!(before["total"], 0);
    let line = r#"{"kind":"expert","id":"dr-lanh","name":"Lê Lạnh","bio":"Nghiên cứu hạ thân nhiệt ở cá.","bio_en":"Studies hypothermia in fish.","expertise":["hypothermia"],"sectors":["aquaculture"],"languages":["vi"],"available_for":["consulting"],"based_in":"national"}"#;
    import_text(&state.db, line, &|_, _| {}).await.unwrap();
    let indexed = sync(&state.db, &state.search).await.unwrap();
    assert_eq!(indexed, 1, "only the changed record is indexed again");
    let (_, after) = get(&state, "/api/search?q=hypothermia").await;
    assert_eq!(ids(&after), vec!["expert/dr-lanh"]);
    // Importing the same line again changes nothing, so nothing is indexed again.
    import_text(&state.db, line, &|_, _| {}).await.unwrap();
    assert_eq!(sync(&state.db, &state.search).await.unwrap(), 0);
}

#[tokio::test]
async fn a_renamed_organization_is_renamed_on_its_records_hits() {
    let state = state().await;
    // The search page's cards say whom a record belongs to.
    let page = |state: &AppState| {
        let state = state.clone();
        async move { send(&state, Method::GET, "/search?q=t%C3%B4m+h%C3%B9m+ch%E1%BA%BFt", &[], String::new()).await.2 }
    };
    assert!(page(&state).await.contains("class=\"card-sub\">Công ty TNHH Tôm hùm Vạn Ninh<"));
    let line = SMALL.lines().find(|l| l.contains(r#""id":"tom-hum-van-ninh""#)).unwrap();
    let renamed = line.replace("Công ty TNHH Tôm hùm Vạn Ninh", "Công ty CP Hải sản Vạn Ninh");
    import_text(&state.db, &renamed, &|_, _| {}).await.unwrap();
    // The organization and the need that names it are indexed again; nothing else.
    assert_eq!(sync(&state.db, &state.search).await.unwrap(), 2);
    let after = page(&state).await;
    assert!(after.contains("class=\"card-sub\">Công ty CP Hải sản Vạn Ninh<"), "{after}");
    assert!(!after.contains("Công ty TNHH Tôm hùm Vạn Ninh"), "{after}");
    // A change that keeps the name leaves its records alone.
    let described = renamed.replace("Nuôi tôm hùm lồng bè", "Nuôi tôm hùm và ốc hương lồng bè");
    import_text(&state.db, &described, &|_, _| {}).await.unwrap();
    assert_eq!(sync(&state.db, &state.search).await.unwrap(), 1);
}

#[tokio::test]
async fn a_missing_or_stale_index_is_rebuilt_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = app::db::connect_in_memory().await.unwrap();
    import_text(&db, SMALL, &|_, _| {}).await.unwrap();
    let path = dir.path().join("search");
    {
        let index = Arc::new(SearchIndex::open(&path).unwrap());
        assert_eq!(sync(&db, &index).await.unwrap(), 9);
    }
    {
        // Reopened: it remembers how far it got, so nothing needs indexing.
        let index = Arc::new(SearchIndex::open(&path).unwrap());
        assert_eq!(index.len(), 9);
        assert_eq!(sync(&db, &index).await.unwrap(), 0);
    }
    // A damaged index (here: its meta file garbled) is rebuilt.
    std::fs::write(path.join("meta.json"), "{ not json").unwrap();
    let index = Arc::new(SearchIndex::open(&path).unwrap());
    assert_eq!(index.len(), 0);
    assert_eq!(sync(&db, &index).await.unwrap(), 9);
    drop(index);
    // An index written under another schema version is rebuilt too.
    let meta = std::fs::read_to_string(path.join("meta.json")).unwrap();
    let stale = meta.replace("\\\"schema\\\":", "\\\"schema\\\":9").replace("\"schema\":", "\"schema\":9");
    assert_ne!(meta, stale, "the payload records the schema version");
    std::fs::write(path.join("meta.json"), stale).unwrap();
    let index = Arc::new(SearchIndex::open(&path).unwrap());
    assert_eq!(index.len(), 0);
    assert_eq!(sync(&db, &index).await.unwrap(), 9);
    // A missing index is created.
    drop(index);
    std::fs::remove_dir_all(&path).unwrap();
    let index = Arc::new(SearchIndex::open(&path).unwrap());
    assert_eq!(sync(&db, &index).await.unwrap(), 9);
}

/// A `POST` of a JSON body: status and body (`Null` when not JSON).
async fn post(state: &AppState, uri: &str, body: &str) -> (StatusCode, Value) {
    let (status, _, body) =
        send(state, Method::POST, uri, &[("content-type", "application/json")], body.to_string()).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_posted_need_gets_explained_matches_of_the_kinds_asked() {
    let state = state().await;
    let need = r#"{"title":"Tôm hùm chết hàng loạt","description":"Cần xét nghiệm PCR bệnh sữa","sectors":["aquaculture"],"partner_types":["lab","offer","expert"],"trl_min":6}"#;
    let (status, json) = post(&state, "/api/match", need).await;
    assert_eq!(status, StatusCode::OK);
    let matches = json["matches"].as_array().unwrap();
    assert!(!matches.is_empty());
    for m in matches {
        assert!(["lab", "offer", "expert"].contains(&m["kind"].as_str().unwrap()), "{m}");
        assert!(!m["reasons"].as_array().unwrap().is_empty(), "every match says why: {m}");
        assert!(m["score"].as_f64().unwrap() > 0.0);
    }
    let kit = matches.iter().find(|m| m["id"] == "kit-pcr-tom-hum").expect("the PCR kit is suggested");
    let reasons: Vec<&str> = kit["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(reasons.iter().any(|r| r.starts_with("Khớp:") && r.contains("PCR")), "{reasons:?}");
    assert!(reasons.contains(&"TRL 7 đạt yêu cầu (≥ 6)"), "{reasons:?}");
    assert_eq!(kit["strength"], "strong", "{kit}");
    // Every reason is whole words: no quoted phrase is a lone Vietnamese syllable.
    for m in matches {
        let quoted = m["reasons"][0].as_str().unwrap().strip_prefix("Khớp: ").unwrap_or_default().to_string();
        for phrase in quoted.split(", ").filter(|p| !p.is_empty()) {
            let code = phrase.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            assert!(code || phrase.contains(' '), "{phrase} in {m}");
        }
    }
    // An English reader reads the Vietnamese terms translated, the original beside them.
    let (_, english) = post(&state, "/api/match?lang=en", need).await;
    let kit = english["matches"].as_array().unwrap().iter().find(|m| m["id"] == "kit-pcr-tom-hum").unwrap();
    let reasons = kit["reasons"].to_string();
    assert!(reasons.contains("Matches: PCR") && reasons.contains("lobster (tôm hùm)"), "{reasons}");
    assert!(reasons.contains("TRL 7 meets the requirement (≥ 6)"), "{reasons}");
}

#[tokio::test]
async fn a_stored_need_is_matched_by_id() {
    let state = state().await;
    let (status, json) = get(&state, "/api/needs/need-tom-hum-chet/matches?limit=3").await;
    assert_eq!(status, StatusCode::OK);
    let matches = json["matches"].as_array().unwrap();
    assert!(!matches.is_empty() && matches.len() <= 3);
    assert!(
        matches.iter().all(|m| ["lab", "expert", "offer"].contains(&m["kind"].as_str().unwrap())),
        "only its partner_types"
    );
    let (status, json) = get(&state, "/api/needs/khong-co/matches").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json["error"].is_string());
    let (status, _) = get(&state, "/api/needs/need-tom-hum-chet/matches?limit=zero").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_match_bodies_get_a_clear_400() {
    let state = state().await;
    for (body, word) in [
        ("not json", "not a valid need"),
        ("{}", "describe the need"),
        (r#"{"title":"x","sectors":["moon"]}"#, "moon"),
        (r#"{"title":"x","partner_types":["robot"]}"#, "robot"),
        (r#"{"title":"x","trl_min":12}"#, "trl_min"),
        (r#"{"title":"x","limit":0}"#, "limit"),
        (r#"{"title":5}"#, "not a valid need"),
    ] {
        let (status, json) = post(&state, "/api/match", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(json["error"].as_str().unwrap().contains(word), "{body}: {json}");
    }
    let long = format!(r#"{{"title":"{}"}}"#, "a".repeat(301));
    assert_eq!(post(&state, "/api/match", &long).await.0, StatusCode::BAD_REQUEST);
}

/// A tiny catalogue of organizations (kind/id → name, description), indexed.
async fn orgs(list: &[(&str, &str, &str)]) -> AppState {
    let state = state().await;
    let lines: Vec<String> = list
        .iter()
        .map(|(id, name, description)| {
            serde_json::json!({"kind":"organization","id":id,"name":name,"org_type":"sme","description":description,"sectors":[],"location":"Nha Trang"}).to_string()
        })
        .collect();
    let report = import_text(&state.db, &lines.join("\n"), &|_, _| {}).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    sync(&state.db, &state.search).await.unwrap();
    state
}

fn rank(json: &Value, key: &str) -> usize {
    ids(json).iter().position(|k| k == key).unwrap_or_else(|| panic!("{key} not found in {json}"))
}

#[tokio::test]
async fn the_marks_typed_rank_above_a_folded_match() {
    let state =
        orgs(&[("co-ma", "Công ty Ma Xanh", "Sản xuất hàng"), ("co-maa", "Công ty Má Xanh", "Sản xuất hàng")]).await;
    let (_, json) = get(&state, "/api/search?q=m%C3%A1+xanh&kind=organization").await; // "má xanh"
    assert!(rank(&json, "organization/co-maa") < rank(&json, "organization/co-ma"), "{json}");
    let (_, json) = get(&state, "/api/search?q=ma+xanh&kind=organization").await; // no marks: both found
    assert!(
        ids(&json).contains(&"organization/co-ma".to_string())
            && ids(&json).contains(&"organization/co-maa".to_string())
    );
}

#[tokio::test]
async fn a_multi_syllable_word_outranks_its_syllables_scattered() {
    let state = orgs(&[
        ("scattered", "Hợp tác xã Bình Minh", "Nuôi tôm thẻ trong ao đất, bán hùm xám giống cho người nuôi."),
        ("together", "Hợp tác xã Rạng Đông", "Nuôi tôm hùm lồng bè ở vịnh, bán giống cho người nuôi."),
    ])
    .await;
    let (_, json) = get(&state, "/api/search?q=tom+hum&kind=organization").await;
    assert!(rank(&json, "organization/together") < rank(&json, "organization/scattered"), "{json}");
}

#[tokio::test]
async fn english_is_stemmed_and_vietnamese_variants_meet() {
    let state = state().await;
    // "hatcheries" (plural) finds an English "hatchery"; NFD and old tone placement find NFC.
    let line = r#"{"kind":"organization","id":"trai-giong","name":"Trại giống Khánh Hòa","name_en":"Khanh Hoa lobster hatchery","org_type":"sme","description":"Sản xuất giống thủy sản.","sectors":[],"location":"Nha Trang"}"#;
    import_text(&state.db, line, &|_, _| {}).await.unwrap();
    sync(&state.db, &state.search).await.unwrap();
    for q in ["hatcheries", "Kh%C3%A1nh+Ho%C3%A0", "Kha%CC%81nh+Ho%CC%80a", "thu%E1%BB%B7+s%E1%BA%A3n"] {
        let (_, json) = get(&state, &format!("/api/search?q={q}&kind=organization")).await;
        assert!(ids(&json).contains(&"organization/trai-giong".to_string()), "q={q}: {json}");
    }
    let (_, json) = get(&state, "/api/search?q=thu%E1%BB%B7+s%E1%BA%A3n&kind=organization").await; // old "thuỷ"
    let snippet = json["hits"].as_array().unwrap().iter().find(|h| h["id"] == "trai-giong").unwrap()["snippet"].clone();
    assert!(snippet.as_str().unwrap().contains("<mark>thủy sản</mark>"), "{snippet}");
}

/// `q` over the demo catalogue: what it counts as matches, what only relates, and the hits.
async fn demo_search(state: &AppState, q: &str) -> (u64, u64, Vec<String>) {
    let uri = format!("/api/search?limit=100&q={}", app::text::url_encode(q));
    let (status, json) = get(state, &uri).await;
    assert_eq!(status, StatusCode::OK, "{q}");
    (json["total"].as_u64().unwrap(), json["related"].as_u64().unwrap(), ids(&json))
}

#[tokio::test]
async fn a_search_counts_the_records_holding_most_of_its_words() {
    let state = crate::common::demo_state().await;
    let records = 212;
    // Two words that both stand in many records ("nước": water) find only fish sauce.
    let (total, related, hits) = demo_search(&state, "nuoc mam").await;
    assert!((1..=10).contains(&total), "nuoc mam: {total} matches");
    assert!(related > 20, "the rest only relate: {related}");
    assert_eq!(hits.len() as u64, (total + related).min(100), "the hits hold both");
    let (_, json) = get(&state, "/api/search?limit=100&q=nuoc+mam").await;
    let marked = json["hits"].as_array().unwrap().iter().filter(|h| h["related"] == false).count();
    assert_eq!(marked as u64, total, "each hit says whether it is a match");
    // A three-word search no longer counts most of the catalogue.
    let (total, _, _) = demo_search(&state, "nước mắm Nha Trang").await;
    assert!(total < records / 5, "nước mắm Nha Trang: {total} of {records}");
    // A word no record holds does not count: these are about lobsters.
    let (total, _, hits) = demo_search(&state, "tôm hùm zzqx").await;
    let (lobster, _, _) = demo_search(&state, "tôm hùm").await;
    assert!(total > 0 && total == lobster, "{total} of {lobster}");
    assert_eq!(hits[..3], demo_search(&state, "tôm hùm").await.2[..3]);
    // ... and the answer says it was left out (never for a word that is held, nor when no
    // word is: then nothing was found, and the page says what to try).
    let ignored = |json: &serde_json::Value| json.get("ignored").cloned().unwrap_or_default();
    assert_eq!(ignored(&get(&state, "/api/search?q=t%C3%B4m+h%C3%B9m+zzqx").await.1), serde_json::json!(["zzqx"]));
    assert_eq!(ignored(&get(&state, "/api/search?q=t%C3%B4m+h%C3%B9m").await.1), serde_json::Value::Null);
    assert_eq!(ignored(&get(&state, "/api/search?q=zzqxw").await.1), serde_json::Value::Null);
    let (_, _, page) = send(&state, Method::GET, "/search?q=tom+hum+zzqx", &[], String::new()).await;
    assert!(page.contains("Không mục nào có “zzqx” nên đã bỏ qua khi tìm."), "{page}");
    // When no record holds most of the words, nothing is counted as a match: the results
    // each hold some, are all marked related, and the page says so.
    let q = "vaccine blockchain satellite";
    let (total, related, hits) = demo_search(&state, q).await;
    assert!(total == 0 && related > 0 && hits.len() as u64 == related.min(100), "{total} + {related}");
    let (_, _, page) = send(&state, Method::GET, "/search?q=vaccine+blockchain+satellite", &[], String::new()).await;
    assert!(page.contains(&format!("Không có kết quả khớp đủ “{q}” · {related} kết quả liên quan một phần")), "{page}");
}

#[tokio::test]
async fn a_glossary_equivalent_is_held_as_a_whole_phrase() {
    let state = crate::common::demo_state().await;
    // "HPLC" is "sắc ký lỏng hiệu năng cao": its words one by one ("cao", "lỏng" ~ "lồng")
    // relate to half the catalogue, but only the records naming HPLC are counted.
    let (total, _, hits) = demo_search(&state, "HPLC").await;
    assert!(total <= 10, "HPLC: {total} matches");
    assert!(hits.iter().any(|h| h == "lab/lab-hoa-phan-tich-nitra"), "{hits:?}");
    // Asking for a lab by name puts the HPLC labs first and counts them alone ("phòng thí
    // nghiệm" is one thing, held by every lab, not three words that outvote "HPLC").
    let (total, _, hits) = demo_search(&state, "phong thi nghiem HPLC").await;
    assert_eq!(hits[0], "lab/lab-hoa-phan-tich-nitra", "{hits:?}");
    let naming_hplc = crate::common::DEMO.lines().filter(|line| line.contains("HPLC")).count() as u64;
    assert!((1..=naming_hplc).contains(&total), "phong thi nghiem HPLC: {total} matches of {naming_hplc} naming it");
    // "HPLC" alone: what names it comes first in search; in matching, what names it or
    // chromatography ("sắc ký") leads; a lab with a "high-performance" computer ("hiệu năng
    // cao") and sea cages ("lồng") is not about it.
    // The records naming it (labs through their services too).
    let naming: Vec<String> = crate::common::DEMO
        .lines()
        .filter(|line| line.contains("HPLC"))
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .map(|record| format!("{}/{}", record["kind"].as_str().unwrap(), record["id"].as_str().unwrap()))
        .collect();
    assert!(naming.contains(&"lab/lab-hoa-phan-tich-nitra".to_string()) && naming.len() >= 4, "{naming:?}");
    let naming: Vec<&str> = naming.iter().map(String::as_str).collect();
    let (_, _, hits) = demo_search(&state, "HPLC").await;
    assert!(naming.contains(&hits[0].as_str()), "{hits:?}");
    // A lab holding the instrument first: a translated offer does not count "HPLC" twice.
    assert!(hits[0].starts_with("lab/"), "{hits:?}");
    let (status, json) = post(&state, "/api/match", r#"{"title":"HPLC","description":""}"#).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let found: Vec<String> = json["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{}/{}", m["kind"].as_str().unwrap(), m["id"].as_str().unwrap()))
        .collect();
    let chromatography =
        ["lab/lab-nghien-cuu-vac-xin-ivac", "expert/phan-minh-khoa", "offer/offer-que-thu-nhanh-dengue-ns1"];
    let about = |m: &String| naming.contains(&m.as_str()) || chromatography.contains(&m.as_str());
    assert!(found.len() >= 6 && found[..6].iter().all(about), "{found:?}");
    assert!(!found.iter().take(5).any(|m| m == "lab/lab-vat-ly-dong-luc-bien-vnio"), "{found:?}");
    // What names HPLC comes before what only holds an equivalent ("sắc ký protein"), and an
    // open call with nothing in common never comes before it, however open or fresh.
    assert!(found[..3].iter().all(|m| naming.contains(&m.as_str())), "{found:?}");
    let last_naming = found.iter().rposition(|m| naming.contains(&m.as_str()) && !m.starts_with("expert/"));
    let first_call = found.iter().position(|m| m.starts_with("call/"));
    assert!(first_call.is_none_or(|c| last_naming.is_some_and(|n| n < c)), "{found:?}");
    let strength =
        |id: &str| json["matches"].as_array().unwrap().iter().find(|m| m["id"] == id).map(|m| m["strength"].clone());
    assert_eq!(strength("lab-hoa-phan-tich-nitra").unwrap(), "good", "one phrase quoted, whatever its score");
    assert!(strength("lab-nghien-cuu-vac-xin-ivac").is_none_or(|s| s == "partial"));
    // Whom a lab belongs to is said once, as its organization, not again among the reasons.
    let lab = json["matches"].as_array().unwrap().iter().find(|m| m["id"] == "lab-hoa-phan-tich-nitra").unwrap();
    assert!(lab["belongs_to"].as_str().is_some_and(|o| !o.is_empty()), "{lab}");
    assert!(lab["reasons"].as_array().unwrap().iter().all(|r| !r.as_str().unwrap().starts_with("Thuộc ")), "{lab}");
}

#[tokio::test]
async fn a_labs_priced_services_are_on_its_page_found_by_search_and_checked_on_import() {
    let state = crate::common::demo_state().await;
    let lab = "lab-kiem-nghiem-an-toan-thuc-pham-ntu";
    let (_, _, page) = send(&state, Method::GET, &format!("/labs/{lab}"), &[], String::new()).await;
    assert!(page.contains("Bảng giá dịch vụ") && page.contains("Kiểm nghiệm histamine"), "the services are listed");
    assert!(page.contains("ngày làm việc") && page.contains("Doanh nghiệp trong tỉnh: "), "with turnaround and prices");
    // Typed without marks, or in English, the histamine test's lab comes first.
    for q in ["kiem+nghiem+histamine+nuoc+mam", "histamine+in+fish+sauce"] {
        let (_, json) = get(&state, &format!("/api/search?q={q}")).await;
        assert_eq!(ids(&json)[0], format!("lab/{lab}"), "{q}");
        // The hit names the service asked for, with its price and turnaround.
        let service = json["hits"][0]["service"].as_str().unwrap_or_default();
        assert!(service.starts_with("Kiểm nghiệm histamine") && service.contains("ngày làm việc"), "{q}: {service}");
    }
    // Matching a need to the lab names the service that answers it, with what a business weighs.
    let need = r#"{"title":"Kiểm nghiệm histamine nước mắm","description":"Cần kiểm nghiệm histamine cho lô nước mắm xuất khẩu."}"#;
    let (status, json) = post(&state, "/api/match", need).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let found = json["matches"].as_array().unwrap().iter().find(|m| m["id"] == lab).expect("the lab is matched");
    let reasons: Vec<&str> = found["reasons"].as_array().unwrap().iter().filter_map(|r| r.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("Kiểm nghiệm histamine trong nước mắm") && r.contains("₫")),
        "{reasons:?}"
    );

    // A negative price, a price range upside down, no name: refused with the field named.
    let line = |service: &str| {
        format!(
            r#"{{"kind":"lab","id":"lab-thu","name":"Phòng thử","organization":"dai-hoc-nha-trang","description":"Thử.","capabilities":["Thử"],"sectors":["aquaculture"],"service_catalog":[{service}]}}"#
        )
    };
    for (service, field) in [
        (r#"{"name":"Đo pH","prices":[{"customer":"research","min_vnd":-5}]}"#, "service_catalog[0].prices[0]"),
        (
            r#"{"name":"Đo pH","prices":[{"customer":"research","min_vnd":9,"max_vnd":1}]}"#,
            "service_catalog[0].prices[0]",
        ),
        (r#"{"name":" ","turnaround_days":3}"#, "service_catalog[0].name"),
    ] {
        let report = import_text(&state.db, &line(service), &|_, _| {}).await.unwrap();
        assert_eq!(report.imported(), 0, "{service}");
        assert!(format!("{:?}", report.rejected).contains(field), "{service}: {:?}", report.rejected);
    }
    let report = import_text(&state.db, &line(r#"{"name":"Đo pH","turnaround_days":3}"#), &|_, _| {}).await.unwrap();
    assert_eq!(report.imported(), 1, "a well-formed service is taken: {:?}", report.rejected);
}

#[tokio::test]
async fn a_search_narrows_to_labs_with_accredited_fast_or_cheap_services() {
    let state = crate::common::demo_state().await;
    let accredited_labs: Vec<String> = crate::common::DEMO
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|r| r["kind"] == "lab")
        .filter(|r| {
            let services = r["service_catalog"].as_array().cloned().unwrap_or_default();
            services.iter().any(|s| s.get("accreditation").is_some() || s.get("vilas").is_some())
        })
        .map(|r| format!("lab/{}", r["id"].as_str().unwrap()))
        .collect();
    let (_, all) = get(&state, "/api/search?q=kiem+nghiem&limit=100").await;
    assert!(all["facets"]["accredited"]["yes"].as_u64().unwrap() >= 1, "{}", all["facets"]);
    let (_, json) = get(&state, "/api/search?q=kiem+nghiem&accredited=yes&limit=100").await;
    let found = ids(&json);
    assert!(!found.is_empty() && found.len() < ids(&all).len(), "{found:?}");
    assert!(found.iter().all(|id| accredited_labs.contains(id)), "only accredited labs: {found:?}");
    assert_eq!(json["total"], all["facets"]["accredited"]["yes"], "as many as the filter's count said");
    // Two bounds of one filter find either; a code nobody offers is refused, in JSON.
    let (_, wider) = get(&state, "/api/search?q=kiem+nghiem&turnaround=3&turnaround=20&limit=100").await;
    let (_, within20) = get(&state, "/api/search?q=kiem+nghiem&turnaround=20&limit=100").await;
    let set = |json: &Value| ids(json).into_iter().collect::<std::collections::BTreeSet<_>>();
    assert_eq!(set(&wider), set(&within20));
    let (status, body) = get(&state, "/api/search?q=x&price_max=7").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // The search page offers the filters with their counts, and keeps them chosen.
    let (_, _, page) = send(&state, Method::GET, "/search?q=kiem+nghiem&accredited=yes", &[], String::new()).await;
    assert!(page.contains(r#"name="accredited" value="yes" checked"#), "{page}");
    assert!(page.contains("Trong 5 ngày làm việc ("), "{page}");
}

#[tokio::test]
async fn two_words_written_together_count_only_where_they_stand_together() {
    let state = crate::common::demo_state().await;
    for q in ["nuoc+mam", "n%C6%B0%E1%BB%9Bc+m%E1%BA%AFm"] {
        let (_, json) = get(&state, &format!("/api/search?q={q}&limit=100")).await;
        let hits = json["hits"].as_array().unwrap();
        let counted: Vec<&Value> = hits.iter().filter(|h| h["related"] == false).collect();
        let is_counted = |id: &str| counted.iter().any(|h| h["id"] == id);
        assert!(is_counted("lab-cong-nghe-che-bien-ntu"), "{q}: the lab that makes fish sauce");
        assert!(!is_counted("offer-ras-uong-giong"), "{q}: water and pathogens apart are not fish sauce");
        assert!(hits.iter().any(|h| h["id"] == "offer-ras-uong-giong"), "{q}: still shown, as related");
        // Each match writes the two words together, or says fish sauce.
        for hit in &counted {
            let (_, record) =
                get(&state, &format!("/api/{}/{}", hit["kind"].as_str().unwrap(), hit["id"].as_str().unwrap())).await;
            let text = app::text::fold(&record.to_string());
            assert!(text.contains("nuoc mam") || text.contains("fish sauce"), "{q}: {}", hit["id"]);
        }
        assert_eq!(json["total"].as_u64().unwrap(), counted.len() as u64, "{q}: the count is the matches");
    }
}
