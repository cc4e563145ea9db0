//! Bad input never panics and never fails as the server's fault: random text (control
//! characters, mixed scripts, emoji, query syntax, long runs) through the import line parser,
//! CSV reading, the query-string and search-form decoders, search, suggestions and matching.

use app::catalog::import::parse_line;
use app::error::AppError;
use app::i18n::Lang;
use app::search::model::SearchRequest;
use proptest::prelude::*;

/// Text as robots and hurried people type it: anything, weighted towards what breaks parsers.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("tôm hùm".to_string()),
        Just("\"".to_string()),
        Just("(".to_string()),
        Just(":".to_string()),
        Just("*".to_string()),
        Just("AND".to_string()),
        Just("-".to_string()),
        Just("🦞".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{0}".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just("\r\n".to_string()),
        Just("{\"kind\":".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn not_the_servers_fault<T>(result: Result<T, AppError>) -> Result<(), TestCaseError> {
    match result {
        Err(AppError::Internal) => Err(TestCaseError::fail("an internal error")),
        _ => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn lines_and_files_are_read_or_refused(line in text(), name in "[a-z]{0,4}(\\.(csv|jsonl|txt))?") {
        let _ = parse_line(&line);
        let _ = app::opendata::csv_read::rows(&line);
        let _ = app::imports::file::lines_of(&name, &line);
        let header = app::opendata::csv_read::rows(&format!("id,name,org_type,description,sectors,location\n{line}"));
        prop_assert!(header.is_err(), "not every column of a list: refused whole");
    }

    #[test]
    fn query_strings_and_search_forms_decode_or_refuse(query in text(), pairs in prop::collection::vec((text(), text()), 0..6)) {
        let _ = app::query::QueryPairs::parse(&query);
        for strict in [true, false] {
            if let Ok(request) = SearchRequest::from_pairs(&pairs, strict) {
                prop_assert!(request.offset <= 10_000 && (1..=100).contains(&request.limit), "{request:?}");
            }
        }
    }
}

#[test]
fn search_suggestions_and_matching_answer_any_text() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let state = runtime.block_on(crate::common::small_state());
    let today = app::clock::today();
    let config = ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(q in text(), english in any::<bool>())| {
        let lang = if english { Lang::En } else { Lang::Vi };
        let request = SearchRequest { q: q.clone(), ..SearchRequest::default() };
        not_the_servers_fault(state.search.search(&request, lang, today))?;
        not_the_servers_fault(state.search.suggest(&q, lang, 8))?;
        let need = app::matching::model::MatchRequest { title: q.chars().take(300).collect(), ..Default::default() };
        if need.validate().is_ok() {
            not_the_servers_fault(runtime.block_on(app::matching::service::for_request(&state, need, lang)))?;
        }
    });
}
