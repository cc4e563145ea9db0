//! A list as CSV: one row per record matching the list's filters, in the list's order, the
//! columns named as in the records format (contract/records.md) so that files and API agree.

use crate::catalog::model::{Kind, Record};
use crate::catalog::repo::Listed;
use crate::listings::spec;

/// The columns of a kind's CSV: `id`, its fields in form order, and the page's address.
pub fn columns(kind: Kind) -> Vec<&'static str> {
    std::iter::once("id").chain(spec::form(kind).iter().map(|f| f.name)).chain(std::iter::once("url")).collect()
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

fn row(record: &Record, columns: &[&str], origin: &str) -> Vec<String> {
    let value = serde_json::to_value(record).unwrap_or_default();
    columns
        .iter()
        .map(|column| match *column {
            "url" => format!("{origin}{}/{}", record.kind().path(), record.entry().id()),
            field => inert(cell(value.get(field))),
        })
        .collect()
}

/// A cell a spreadsheet shows as text, never runs: one that begins like a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'` (OWASP's advice on CSV injection).
fn inert(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// A field as text: lists joined with "; ".
fn cell(value: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items.iter().map(|i| cell(Some(i))).collect::<Vec<_>>().join("; "),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_the_records_format_fields() {
        let lab = columns(Kind::Lab);
        assert_eq!(lab.first(), Some(&"id"));
        assert_eq!(lab.last(), Some(&"url"));
        assert!(lab.contains(&"capabilities") && lab.contains(&"organization"));
    }

    #[test]
    fn lists_join_and_absent_fields_are_empty() {
        let value = serde_json::json!({"a": ["x", "y"], "n": 3});
        assert_eq!(cell(value.get("a")), "x; y");
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
    }
}
