//! `/api/openapi.json` describes every public JSON endpoint of the contract, and what those
//! endpoints really answer validates against it.

use crate::common::{send, small_state, SMALL};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// A validator for the component schema `name` of the description `doc`.
fn validator(doc: &Value, name: &str) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": doc["components"],
    });
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"))
}

fn assert_valid(doc: &Value, name: &str, instance: &Value) {
    let validator = validator(doc, name);
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{name} does not describe {instance}:\n{}", errors.join("\n"));
}

async fn get_json(state: &app::state::AppState, uri: &str) -> (StatusCode, Value) {
    let (status, _, body) = send(state, Method::GET, uri, &[], String::new()).await;
    (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}")))
}

#[tokio::test]
async fn the_description_covers_the_contract_and_matches_live_answers() {
    let state = small_state().await;
    let (status, doc) = get_json(&state, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "OpenAPI 3");
    for path in [
        "/healthz",
        "/api/search",
        "/api/match",
        "/api/needs/{id}/matches",
        "/api/{kind}/{id}",
        "/api/export.jsonl",
        "/dashboard/labs.json",
        "/dashboard/labs.csv",
        "/api/openapi.json",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is not described");
    }

    let (_, health) = get_json(&state, "/healthz").await;
    assert_valid(&doc, "Health", &health);
    let (_, found) = get_json(&state, "/api/search?q=tom+hum&kind=offer&kind=lab&limit=5").await;
    assert!(found["total"].as_u64().unwrap() > 0);
    assert_valid(&doc, "ApiResults", &found);
    let (status, refused) = get_json(&state, "/api/search?kind=spaceship").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_valid(&doc, "ErrorBody", &refused);

    let need =
        json!({ "title": "Tôm hùm chết", "description": "cần xét nghiệm PCR", "sectors": ["aquaculture"], "limit": 5 });
    assert_valid(&doc, "MatchRequest", &need);
    let (status, _, body) =
        send(&state, Method::POST, "/api/match", &[("content-type", "application/json")], need.to_string()).await;
    assert_eq!(status, StatusCode::OK);
    let matches: Value = serde_json::from_str(&body).unwrap();
    assert!(!matches["matches"].as_array().unwrap().is_empty());
    assert_valid(&doc, "ApiMatches", &matches);
    let (_, stored) = get_json(&state, "/api/needs/need-tom-hum-chet/matches?limit=3").await;
    assert_valid(&doc, "ApiMatches", &stored);

    // Every record of the catalogue, as the API and the export give it, is a valid Record.
    let records = validator(&doc, "Record");
    let (_, _, export) = send(&state, Method::GET, "/api/export.jsonl", &[], String::new()).await;
    assert_eq!(export.lines().count(), SMALL.lines().filter(|l| !l.trim().is_empty()).count());
    for line in export.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = records.iter_errors(&record).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{line}: {errors:?}");
    }
    let (_, offer) = get_json(&state, "/api/offer/kit-pcr-tom-hum").await;
    assert!(records.is_valid(&offer));
    assert!(!records.is_valid(&json!({ "kind": "offer", "id": "x" })), "a record missing its fields is not valid");
}

/// The bounds the description gives are the ones the server keeps: a value inside them is
/// answered, one outside is refused with a JSON error, and a need that says nothing is invalid
/// by the description as by the server (schemathesis found each of these apart).
#[tokio::test]
async fn the_described_bounds_are_the_ones_kept() {
    let state = small_state().await;
    let (_, doc) = get_json(&state, "/api/openapi.json").await;
    let param = |path: &str, method: &str, name: &str| {
        let params = doc["paths"][path][method]["parameters"].as_array().unwrap().clone();
        params.into_iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{path} {name}"))["schema"].clone()
    };
    for (path, uri, name) in [
        ("/api/search", "/api/search?q=t%C3%B4m", "limit"),
        ("/api/search", "/api/search?q=t%C3%B4m", "offset"),
        ("/api/needs/{id}/matches", "/api/needs/need-tom-hum-chet/matches?lang=vi", "limit"),
    ] {
        let schema = param(path, "get", name);
        let most = schema["maximum"].as_u64().unwrap_or_else(|| panic!("{path} {name}: {schema}"));
        let least = schema["minimum"].as_u64().unwrap_or(0);
        for (value, kept) in [(least, true), (most, true), (most + 1, false), (2_147_483_648, false)] {
            let (status, body) = get_json(&state, &format!("{uri}&{name}={value}")).await;
            match kept {
                true => assert!(status.is_success(), "{path} {name}={value}: {status} {body}"),
                false => {
                    assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {name}={value}: {body}");
                    assert!(body["error"].as_str().unwrap().contains(name), "{body}");
                }
            }
        }
    }
    // Each link goes from an answer to an operation that exists, with the parameters it takes.
    let operations: Vec<&Value> =
        doc["paths"].as_object().unwrap().values().flat_map(|ops| ops.as_object().unwrap().values()).collect();
    let mut links = 0;
    for operation in &operations {
        for link in operation["responses"]["200"]["links"].as_object().into_iter().flat_map(|l| l.values()) {
            let target =
                operations.iter().find(|o| o["operationId"] == link["operationId"]).unwrap_or_else(|| panic!("{link}"));
            for name in link["parameters"].as_object().unwrap().keys() {
                assert!(target["parameters"].as_array().unwrap().iter().any(|p| &p["name"] == name), "{name}: {link}");
            }
            links += 1;
        }
    }
    assert!(links >= 4, "{links} links");
    // The language is one of the two, wherever it is asked.
    let lang = json!({"$ref": "#/components/schemas/Lang"});
    assert_eq!(doc["components"]["schemas"]["Lang"]["enum"], json!(["vi", "en"]));
    for (path, method, uri) in [
        ("/api/search", "get", "/api/search?q=t%C3%B4m"),
        ("/api/needs/{id}/matches", "get", "/api/needs/need-tom-hum-chet/matches?limit=1"),
        ("/api/match", "post", "/api/match?title=x"),
    ] {
        assert_eq!(param(path, method, "lang"), lang, "{path}");
        if method == "get" {
            let (status, body) = get_json(&state, &format!("{uri}&lang=de")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        }
    }
    let request = validator(&doc, "MatchRequest");
    for (need, valid) in [
        (json!({"title": "Tôm hùm", "description": ""}), true),
        (json!({"title": " ", "description": "PCR"}), true),
        (json!({"title": "", "description": " "}), false),
        (json!({"title": "Tôm hùm", "limit": 51}), false),
        // Rust's white space, not one engine's `\s`: U+001C is text to both sides here.
        (json!({"title": "\u{1c}"}), true),
        (json!({"title": "\u{2003}\u{85}"}), false),
        (json!({"title": "Tôm hùm", "trl_min": 9}), true),
        (json!({"title": "Tôm hùm", "limit": 16.0, "trl_min": 3.0}), true),
        (json!({"title": "Tôm hùm", "limit": 1.5}), false),
        (json!({"title": "Tôm hùm", "trl_min": 0}), false),
        (json!({"title": "Tôm hùm", "trl_min": 2_147_483_646}), false),
        (json!({"title": "t".repeat(300)}), true),
        (json!({"title": "t".repeat(301)}), false),
        (json!({"title": "Tôm", "description": "d".repeat(20_001)}), false),
    ] {
        assert_eq!(request.is_valid(&need), valid, "{need}");
        let (status, _, body) =
            send(&state, Method::POST, "/api/match", &[("content-type", "application/json")], need.to_string()).await;
        assert_eq!(status.is_success(), valid, "{need}: {status} {body}");
    }
}
