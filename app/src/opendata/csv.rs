//! A list as CSV: one row per record matching the list's filters, in the list's order, the
//! columns named as in the records format (contract/records.md) so that files and API agree.

use crate::catalog::model::{Kind, Record};
use crate::catalog::repo::Listed;
use crate::listings::spec;

/// The columns of a kind's CSV: `id`, its fields in form order, the fields of the records
/// format no form shows (translations kept as imported), and the page's address on the portal:
/// `url`, or `page_url` for a kind whose records have a `url` of their own (a call's web page),
/// so that no two columns share a name. Every field has its column, so a file read back loses
/// nothing.
pub fn columns(kind: Kind) -> Vec<String> {
    let form: Vec<&'static str> = spec::form(kind).iter().map(|f| f.name).collect();
    let others: Vec<String> =
        record_fields(kind).into_iter().filter(|f| f != "id" && !form.contains(&f.as_str())).collect();
    let page = if form.contains(&"url") { PAGE_URL } else { "url" };
    let form = form.into_iter().map(str::to_string);
    std::iter::once("id".to_string()).chain(form).chain(others).chain(std::iter::once(page.to_string())).collect()
}

/// How a cell that a spreadsheet would run as a formula begins.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The portal page's column where `url` is a field of the record.
pub const PAGE_URL: &str = "page_url";

/// Every field of a kind's records, as its schema in the API's description names them.
fn record_fields(kind: Kind) -> Vec<String> {
    let schema = schema_of(kind);
    schema["properties"].as_object().map(|fields| fields.keys().cloned().collect()).unwrap_or_default()
}

/// A kind's schema in the API's description, as JSON.
fn schema_of(kind: Kind) -> serde_json::Value {
    use utoipa::PartialSchema;
    let schema = match kind {
        Kind::Organization => crate::organizations::Organization::schema(),
        Kind::Lab => crate::labs::Lab::schema(),
        Kind::Expert => crate::experts::Expert::schema(),
        Kind::Offer => crate::offers::Offer::schema(),
        Kind::Need => crate::needs::Need::schema(),
        Kind::Call => crate::calls::Call::schema(),
        Kind::Pilot => crate::pilots::Pilot::schema(),
    };
    serde_json::to_value(schema).unwrap_or_default()
}

/// One CSV file (UTF-8 with a byte order mark, so spreadsheets read Vietnamese right).
pub fn write(kind: Kind, records: &[Listed], origin: &str) -> Result<Vec<u8>, ::csv::Error> {
    let columns = columns(kind);
    let mut out = ::csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(&columns)?;
    for listed in records {
        out.write_record(row(&listed.record, &columns, origin))?;
    }
    out.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))
}

/// A record's cells: its fields, then (the last column) its page's address.
fn row(record: &Record, columns: &[String], origin: &str) -> Vec<String> {
    let value = serde_json::to_value(record).unwrap_or_default();
    let (_page, fields) = columns.split_last().expect("a CSV has columns");
    let mut cells: Vec<String> = fields.iter().map(|field| inert(cell(value.get(field)))).collect();
    cells.push(format!("{origin}{}/{}", record.kind().path(), record.entry().id()));
    cells
}

/// A cell a spreadsheet shows as text, never runs: one that begins like a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'` (OWASP's advice on CSV injection),
/// and so does one that begins with `'` itself, so that reading takes exactly one away.
fn inert(text: String) -> String {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text
    }
}

/// A field as text: lists joined with "; ", and as one JSON array, as the records format
/// writes it, a list that joining would change (a lab's priced services and instruments, which
/// are objects; an item holding `;`; a first item that begins like a JSON array).
fn cell(value: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => {
            let texts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            match texts {
                Some(texts) if !texts.iter().any(|t| t.contains(';')) && !texts.concat().starts_with('[') => {
                    texts.join("; ")
                }
                _ => Value::Array(items.clone()).to_string(),
            }
        }
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_the_records_format_fields() {
        let lab = columns(Kind::Lab);
        assert_eq!(lab.first().map(String::as_str), Some("id"));
        assert_eq!(lab.last().map(String::as_str), Some("url"));
        for field in ["capabilities", "organization", "name_vi", "service_catalog"] {
            assert!(lab.iter().any(|c| c == field), "{field}: {lab:?}");
        }
        for &kind in Kind::ALL {
            let columns = columns(kind);
            let distinct: std::collections::HashSet<_> = columns.iter().collect();
            assert_eq!(distinct.len(), columns.len(), "{kind:?}: {columns:?}");
        }
        let call = columns(Kind::Call);
        assert!(call.iter().any(|c| c == "url") && call.last().map(String::as_str) == Some("page_url"), "{call:?}");
    }

    /// A field no form shows is read back from its cell as text: so each must be text.
    #[test]
    fn the_fields_outside_the_forms_are_optional_text() {
        for &kind in Kind::ALL {
            let (schema, form): (_, Vec<&str>) = (schema_of(kind), spec::form(kind).iter().map(|f| f.name).collect());
            let outside: Vec<String> =
                record_fields(kind).into_iter().filter(|f| f != "id" && !form.contains(&f.as_str())).collect();
            assert!(!outside.is_empty(), "{kind:?}: its Vietnamese translations at least");
            for field in outside {
                assert_eq!(
                    schema["properties"][&field]["type"],
                    serde_json::json!(["string", "null"]),
                    "{kind:?} {field}"
                );
            }
        }
    }

    #[test]
    fn lists_join_and_absent_fields_are_empty() {
        let value = serde_json::json!({"a": ["x", "y"], "n": 3});
        assert_eq!(cell(value.get("a")), "x; y");
        let kept = serde_json::json!({"a": ["Tôm; cua", "y"], "b": ["[A] x"], "c": [1, 2]});
        for field in ["a", "b", "c"] {
            assert_eq!(cell(kept.get(field)), kept[field].to_string(), "{field}");
        }
        assert_eq!(cell(value.get("n")), "3");
        assert_eq!(cell(value.get("missing")), "");
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            inert("=HYPERLINK(\"http://evil.example\",\"x\")".into()),
            "'=HYPERLINK(\"http://evil.example\",\"x\")"
        );
        for start in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(inert(start.into()).starts_with('\''), "{start:?}");
        }
        assert_eq!(inert("Viện Hải dương học".into()), "Viện Hải dương học");
        assert_eq!(inert("'90s".into()), "''90s");
    }
}
