//! Importing a records file (JSON Lines, or a list's CSV read by `opendata::csv_read`): every
//! line is checked on its own, references are
//! resolved against the file and the portal, and the good lines are stored in one transaction.
//! The demo catalogue and `server import` both come through here.

use std::collections::HashMap;

mod reason;
pub use reason::Reason;

use super::model::{Kind, Record};
use super::repo::{self, Outcome};
use super::validate::Validator;
use crate::db::Db;
use crate::error::AppError;

/// A numbered line of the records format (one-based, as the file numbers it), or why the line
/// cannot be one (a CSV row that is not a record, say).
pub type Line = (usize, Result<String, String>);

/// A line that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// One-based line number in the file.
    pub line: usize,
    pub reason: Reason,
}

/// A line that was stored (or would be), and what storing it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// One-based line number in the file.
    pub line: usize,
    pub kind: Kind,
    pub id: String,
    pub outcome: Outcome,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Non-blank lines read.
    pub read: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
    /// Each line stored, in the file's order.
    pub stored: Vec<Stored>,
}

impl ImportReport {
    pub fn imported(&self) -> usize {
        self.inserted + self.updated + self.unchanged
    }

    /// Adds line `line`, `record`, which storing did (or would do) `outcome` to.
    fn count(&mut self, line: usize, record: &Record, outcome: Outcome) {
        let stored = Stored { line, kind: record.kind(), id: record.id().to_string(), outcome };
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
        self.stored.push(stored);
    }
}

/// Reads one line into a checked record, or says what is wrong with it.
pub fn parse_line(line: &str) -> Result<Record, Reason> {
    let mut value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        // serde counts bytes from 1; a person counts characters.
        let column = line.char_indices().filter(|(at, _)| *at < e.column()).count();
        Reason::NotJson { column, detail: e.to_string() }
    })?;
    // Texts composed after reading: composing the line itself could join an escape's letter
    // with a mark after it (`\n` then U+0301 is `\ń`, no escape at all).
    nfc_texts(&mut value);
    let kind = value.get("kind").and_then(|k| k.as_str()).ok_or(Reason::MissingKind)?.to_string();
    let Some(kind) = Kind::from_code(&kind) else { return Err(Reason::UnknownKind(kind)) };
    let id = value.get("id").and_then(|i| i.as_str()).unwrap_or("?").to_string();
    let record: Record = match serde_json::from_value(value) {
        Ok(record) => record,
        Err(e) => return Err(Reason::Shape { kind, id, detail: e.to_string() }),
    };
    let mut v = Validator::default();
    record.entry().validate(&mut v);
    match v.finish() {
        Ok(()) => Ok(record),
        Err(AppError::Validation(errors)) => Err(Reason::Invalid { kind, id, errors }),
        Err(other) => Err(Reason::Shape { kind, id, detail: other.to_string() }),
    }
}

/// Every text in `value`, in Unicode's composed form (NFC).
fn nfc_texts(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) => *text = crate::text::nfc(text),
        Value::Array(items) => items.iter_mut().for_each(nfc_texts),
        Value::Object(fields) => fields.values_mut().for_each(nfc_texts),
        _ => {}
    }
}

/// The kind and id a line names, when it is JSON enough to tell.
fn key_of(line: &str) -> Option<(Kind, String)> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let kind = Kind::from_code(value.get("kind")?.as_str()?)?;
    Some((kind, value.get("id")?.as_str()?.to_string()))
}

/// Imports the records in `text` (JSON Lines), calling `progress(done, total)` while storing.
pub async fn import_text(
    db: &Db,
    text: &str,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport, AppError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    import_lines(db, text.lines().enumerate().map(|(index, line)| (index + 1, Ok(line.to_string()))), progress).await
}

/// Imports numbered lines of the records format (a line already refused, `Err`, is reported
/// with its reason), calling `progress(done, total)` while storing.
pub async fn import_lines(
    db: &Db,
    lines: impl IntoIterator<Item = Line>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport, AppError> {
    let mut tx = db.begin().await?;
    let report = import_within(&mut tx, lines, progress).await?;
    tx.commit().await?;
    Ok(report)
}

/// What `import_lines` would do with `lines`, line by line, changing nothing. It only reads
/// (in one snapshot), so it takes no write lock: others keep writing while a file is checked.
pub async fn try_lines(db: &Db, lines: impl IntoIterator<Item = Line>) -> Result<ImportReport, AppError> {
    let mut tx = db.begin().await?;
    let (mut report, accepted) = check(&mut tx, lines).await?;
    let (numbers, records): (Vec<usize>, Vec<Record>) = accepted.into_iter().unzip();
    let outcomes = repo::outcomes_many(&mut tx, &records).await?;
    tx.rollback().await?;
    for ((outcome, record), line) in outcomes.into_iter().zip(&records).zip(numbers) {
        report.count(line, record, outcome);
    }
    report.stored.sort_by_key(|s| s.line);
    Ok(report)
}

/// `import_lines` within a transaction of the caller's, which commits it with what else it
/// writes.
pub async fn import_within(
    conn: &mut sqlx::SqliteConnection,
    lines: impl IntoIterator<Item = Line>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport, AppError> {
    let (mut report, accepted) = check(&mut *conn, lines).await?;
    let total = accepted.len();
    let now = crate::clock::now();
    let (numbers, records): (Vec<usize>, Vec<Record>) = accepted.into_iter().unzip();
    let mut done = 0;
    for (chunk, numbers) in records.chunks(repo::BATCH).zip(numbers.chunks(repo::BATCH)) {
        let outcomes = repo::upsert_many(&mut *conn, chunk, &now).await?;
        for ((outcome, record), line) in outcomes.into_iter().zip(chunk).zip(numbers) {
            report.count(*line, record, outcome);
        }
        done += chunk.len();
        progress(done, total);
    }
    report.stored.sort_by_key(|s| s.line);
    Ok(report)
}

/// Reads and checks every line, then resolves references (reading the portal only): the
/// report so far (lines read, lines rejected, in order) and the records to store, in storage
/// order.
async fn check(
    conn: &mut sqlx::SqliteConnection,
    lines: impl IntoIterator<Item = Line>,
) -> Result<(ImportReport, Vec<(usize, Record)>), AppError> {
    let mut report = ImportReport::default();
    let mut parsed: Vec<(usize, Record)> = Vec::new();
    let mut seen: HashMap<(Kind, String), usize> = HashMap::new();
    let mut failed: HashMap<(Kind, String), usize> = HashMap::new();
    for (number, line) in lines {
        let line = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => line,
            Err(reason) => {
                report.read += 1;
                report.rejected.push(Rejected { line: number, reason: Reason::Row(reason) });
                continue;
            }
        };
        let line = line.as_str();
        report.read += 1;
        match parse_line(line) {
            Ok(record) => {
                let key = (record.kind(), record.id().to_string());
                if let Some(&first) = seen.get(&key) {
                    let reason = Reason::Repeated { kind: key.0, id: key.1, first };
                    report.rejected.push(Rejected { line: number, reason });
                } else {
                    seen.insert(key, number);
                    parsed.push((number, record));
                }
            }
            Err(reason) => {
                if let Some(key) = key_of(line) {
                    failed.entry(key).or_insert(number);
                }
                report.rejected.push(Rejected { line: number, reason });
            }
        }
    }

    let accepted = resolve_references(conn, parsed, failed, &mut report).await?;
    report.rejected.sort_by_key(|r| r.line);
    Ok((report, accepted))
}

/// Keeps the records whose references exist in the file or the portal, in storage order;
/// rejects the others, and those that refer to a rejected record, until none is left to reject.
async fn resolve_references(
    conn: &mut sqlx::SqliteConnection,
    mut records: Vec<(usize, Record)>,
    mut rejected_at: HashMap<(Kind, String), usize>,
    report: &mut ImportReport,
) -> Result<Vec<(usize, Record)>, AppError> {
    let mut in_portal: HashMap<(Kind, String), bool> = HashMap::new();
    loop {
        let in_file: HashMap<(Kind, String), usize> =
            records.iter().map(|(n, r)| ((r.kind(), r.id().to_string()), *n)).collect();
        let mut kept = Vec::with_capacity(records.len());
        let mut changed = false;
        for (number, record) in records {
            let mut problem = None;
            for link in record.entry().links() {
                let key = (link.kind, link.id.clone());
                if in_file.contains_key(&key) {
                    continue;
                }
                let exists = match in_portal.get(&key) {
                    Some(found) => *found,
                    None => {
                        let found = repo::exists(conn, link.kind, &link.id).await?;
                        in_portal.insert(key.clone(), found);
                        found
                    }
                };
                if !exists {
                    let (kind, id) = (record.kind(), record.id().to_string());
                    problem = Some(match rejected_at.get(&key) {
                        Some(&line) => Reason::RefersToRejected { kind, id, to: key, line },
                        None => Reason::RefersToMissing { kind, id, rel: link.rel.clone(), to: key },
                    });
                    break;
                }
            }
            match problem {
                Some(reason) => {
                    changed = true;
                    rejected_at.insert((record.kind(), record.id().to_string()), number);
                    report.rejected.push(Rejected { line: number, reason });
                }
                None => kept.push((number, record)),
            }
        }
        records = kept;
        if !changed {
            break;
        }
    }
    records.sort_by_key(|(number, record)| (record.kind().rank(), *number));
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_line_parses() {
        let line = r#"{"kind":"organization","id":"ria3","name":"Viện Nghiên cứu Nuôi trồng Thủy sản III","org_type":"research_institute","description":"Nghiên cứu nuôi trồng thủy sản.","sectors":["aquaculture"],"location":"Nha Trang"}"#;
        let record = parse_line(line).unwrap();
        assert_eq!(record.kind(), Kind::Organization);
        assert_eq!(record.id(), "ria3");
    }

    #[test]
    fn each_kind_of_bad_line_says_why() {
        let cases = [
            ("not json", "not valid JSON"),
            (r#"{"id":"x1"}"#, "missing \"kind\""),
            (r#"{"kind":"robot","id":"x1"}"#, "unknown kind \"robot\""),
            (r#"{"kind":"organization","id":"x1","name":"A"}"#, "missing field"),
            (
                r#"{"kind":"organization","id":"x1","name":"A","org_type":"ngo","description":"d","sectors":[],"location":"L"}"#,
                "unknown variant `ngo`",
            ),
            (
                r#"{"kind":"organization","id":"Bad Id","name":"A","org_type":"sme","description":"d","sectors":[],"location":"L"}"#,
                "id: must be",
            ),
            (
                r#"{"kind":"offer","id":"o1","title":"T","summary":"S","sectors":[],"trl":12,"ip_status":"none","transfer_modes":[]}"#,
                "at least one of owner_org",
            ),
        ];
        for (line, expected) in cases {
            let err = parse_line(line).unwrap_err().to_string();
            assert!(err.contains(expected), "{line}: {err}");
        }
    }

    #[test]
    fn nfd_text_is_stored_as_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let line: String = r#"{"kind":"organization","id":"kh","name":"Khánh Hòa","org_type":"government","description":"Tỉnh","sectors":[],"location":"Nha Trang"}"#.nfd().collect();
        let Record::Organization(org) = parse_line(&line).unwrap() else { panic!() };
        assert_eq!(org.name, "Khánh Hòa");
        // A line break then a lone mark stays a line break then a mark.
        let line = format!(
            r#"{{"kind":"organization","id":"kh","name":"A","org_type":"government","description":"Tỉnh\n{}","sectors":[],"location":"L"}}"#,
            '\u{301}'
        );
        let Record::Organization(org) = parse_line(&line).unwrap() else { panic!() };
        assert_eq!(org.description, "Tỉnh\n\u{301}");
    }
}
