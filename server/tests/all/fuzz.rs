//! Bad input never panics and never fails as the server's fault: random text (control
//! characters, mixed scripts, emoji, query syntax, long runs) through the import line parser,
//! CSV reading, the query-string, search-form and listing-form decoders, search, suggestions
//! and matching.

use app::catalog::import::parse_line;
use app::catalog::model::Kind;
use app::error::AppError;
use app::i18n::Lang;
use app::listings::build::{record_from_form, Completeness};
use app::listings::model::ListingForm;
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

/// The form of the small catalogue's record of `kind`, as its edit page fills it.
fn good_form(kind: Kind) -> ListingForm {
    let good = crate::common::SMALL
        .lines()
        .filter_map(|line| parse_line(line).ok())
        .find(|record| record.kind() == kind)
        .expect("the small catalogue has every kind");
    let values = app::listings::build::values_of(&good);
    ListingForm { kind: kind.code().into(), text: values.text, list: values.list, ..ListingForm::default() }
}

#[test]
fn a_good_records_form_makes_a_whole_record() {
    for &kind in Kind::ALL {
        let made = record_from_form(kind, "ban-ghi-thu", &good_form(kind), Completeness::Whole, Lang::Vi);
        assert!(made.is_ok(), "{kind:?}: {made:?}");
    }
}

/// A listing form as a robot (or a hurried person) posts it: a good record's form, some of its
/// fields (or fields it has not) changed to random text, lists to random items.
fn listing_form() -> impl Strategy<Value = (Kind, ListingForm)> {
    let change = (0..40usize, text(), prop::collection::vec(text(), 0..4));
    (0..Kind::ALL.len(), prop::collection::vec(change, 0..4)).prop_map(|(kind, changes)| {
        let kind = Kind::ALL[kind];
        let mut form = good_form(kind);
        let fields = app::listings::spec::form(kind);
        for (field, text, items) in changes {
            let name = fields.get(field).map_or_else(|| format!("field-{field}"), |f| f.name.to_string());
            form.text.insert(name.clone(), text);
            form.list.insert(name, items);
        }
        (kind, form)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    /// A record a form makes whole is one the import takes too: the two doors agree.
    #[test]
    fn listing_forms_make_a_record_or_say_why((kind, form) in listing_form(), draft in any::<bool>(), english in any::<bool>()) {
        let completeness = if draft { Completeness::Draft } else { Completeness::Whole };
        let lang = if english { Lang::En } else { Lang::Vi };
        match record_from_form(kind, "ban-ghi-thu", &form, completeness, lang) {
            Ok(record) if !draft => {
                let line = serde_json::to_string(&record).unwrap();
                prop_assert!(parse_line(&line).is_ok(), "{line}: {:?}", parse_line(&line));
            }
            Ok(_) | Err(AppError::Validation(_) | AppError::BadRequest(_)) => {}
            Err(other) => prop_assert!(false, "{other:?}"),
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
