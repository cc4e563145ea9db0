//! A list's CSV read back: what `/{kinds}.csv` writes, or a spreadsheet saved from it ("CSV
//! UTF-8", with or without its byte order mark). Each row becomes a line of the records format
//! for the same import as JSON Lines, numbered as the row's line in the file.

use super::csv::{columns, FORMULA_STARTS, PAGE_URL};
use crate::catalog::import::Line;
use crate::catalog::model::Kind;
use crate::listings::spec::{self, Input};

/// The rows of CSV `text`, each numbered as its line in the file. The kind is the one whose CSV has exactly these columns (in any
/// order); a file that is not one kind's list is refused whole, saying why.
pub fn rows(text: &str) -> Result<Vec<Line>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Spreadsheets where the decimal mark is a comma (Vietnamese among them) save with `;`.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if !first_line.contains(',') && first_line.contains(';') { b';' } else { b',' };
    let mut reader = ::csv::ReaderBuilder::new().flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let header: Vec<String> =
        reader.headers().map_err(|e| format!("line 1: {e}"))?.iter().map(|h| h.trim().to_string()).collect();
    let kind = kind_of(&header)?;
    // A row's line, counted to its first character (the reader's count, and where it says a
    // row starts, fall on the line break before it when lines end in `\r\n`). Rows come in
    // order: the count goes on from the last row's, so a file is read through once.
    let bytes = text.as_bytes();
    let mut counted = (0, 1);
    let mut line_at = |at: Option<&::csv::Position>| {
        let mut start = at.map_or(0, |p| p.byte() as usize).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let (from, line) = counted;
        let line = line + bytes[from.min(start)..start].iter().filter(|&&b| b == b'\n').count();
        counted = (start.max(from), line);
        line
    };
    let mut rows = Vec::new();
    for row in reader.records() {
        // A spreadsheet keeps rows it once had as empty cells: nothing to import.
        if row.as_ref().is_ok_and(|row| row.iter().all(|cell| cell.trim().is_empty())) {
            continue;
        }
        rows.push(match row {
            Ok(row) => (line_at(row.position()), to_line(kind, &header, &row)),
            Err(err) => (line_at(err.position()), Err(err.to_string())),
        });
    }
    Ok(rows)
}

/// The kind whose CSV has the columns of `header`.
fn kind_of(header: &[String]) -> Result<Kind, String> {
    let mut named: Vec<&str> = header.iter().map(String::as_str).collect();
    named.sort_unstable();
    for &kind in Kind::ALL {
        let mut expected = columns(kind);
        expected.sort_unstable();
        if named == expected {
            return Ok(kind);
        }
    }
    // The nearest kind (the first of those with most of the file's columns), to say what is
    // missing or extra.
    let nearest = Kind::ALL
        .iter()
        .rev()
        .copied()
        .max_by_key(|&kind| columns(kind).iter().filter(|c| named.contains(&c.as_str())).count())
        .unwrap_or(Kind::Organization);
    let expected = columns(nearest);
    let missing: Vec<&str> = expected.iter().map(String::as_str).filter(|c| !named.contains(c)).collect();
    let extra: Vec<&str> = named.iter().copied().filter(|c| !expected.iter().any(|e| e == c)).collect();
    Err(format!(
        "line 1: the columns are not those of a list's CSV (nearest: {}.csv; missing: {}; not known: {})",
        nearest.path().trim_start_matches('/'),
        if missing.is_empty() { "none".into() } else { missing.join(", ") },
        if extra.is_empty() { "none".into() } else { extra.join(", ") },
    ))
}

/// A row as a line of the records format: each cell as its field's type (lists split at `;`,
/// a lab's services and instruments as the JSON they are written in); empty cells are absent
/// fields; the page's address is not a field.
fn to_line(kind: Kind, header: &[String], row: &::csv::StringRecord) -> Result<String, String> {
    if row.len() != header.len() {
        return Err(format!("{} cells where the header has {}", row.len(), header.len()));
    }
    let mut record = serde_json::Map::new();
    record.insert("kind".into(), kind.code().into());
    for (name, cell) in header.iter().zip(row.iter()) {
        let input = spec::form(kind).iter().find(|f| f.name == name).map(|f| f.input);
        if name == PAGE_URL || (name == "url" && input.is_none()) {
            continue;
        }
        let cell = typed_text(cell);
        if let Some(value) = value(input, &cell).map_err(|why| format!("{name}: {why}"))? {
            record.insert(name.clone(), value);
        }
    }
    Ok(serde_json::Value::Object(record).to_string())
}

/// A cell's value for a field entered with `input` (none: a field outside the form, text);
/// none when the cell is empty.
fn value(input: Option<Input>, cell: &str) -> Result<Option<serde_json::Value>, String> {
    use serde_json::Value;
    let list = |cell: &str| match serde_json::from_str::<Vec<String>>(cell) {
        Ok(items) if cell.starts_with('[') => Value::from(items),
        _ => Value::from(cell.split(';').map(str::trim).filter(|i| !i.is_empty()).collect::<Vec<_>>()),
    };
    Ok(Some(match input {
        Some(Input::Lines | Input::Checks(_) | Input::Languages) => list(cell),
        Some(Input::Rows) if cell.trim().is_empty() => Value::Array(Vec::new()),
        Some(Input::Rows) => serde_json::from_str(cell).map_err(|e| format!("not a JSON list: {e}"))?,
        _ if cell.trim().is_empty() => return Ok(None),
        Some(Input::Number | Input::Trl) => {
            Value::Number(cell.trim().parse().map_err(|_| format!("\"{cell}\" is not a number"))?)
        }
        _ => Value::from(cell),
    }))
}

/// A cell as typed: without the `'` the CSV put before text a spreadsheet would run as a
/// formula, or before text that begins with `'` itself.
fn typed_text(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// What `rows` says of a file or a row, in `lang`: its words are English, as `server import`
/// prints them; for a Vietnamese reader each is said again (names, codes and cells as written).
pub fn said(lang: crate::i18n::Lang, words: &str) -> String {
    if lang == crate::i18n::Lang::En {
        return words.to_string();
    }
    let none = |list: &str| if list == "none" { "không có".to_string() } else { list.to_string() };
    if let Some(rest) = words.strip_prefix("line 1: the columns are not those of a list's CSV (nearest: ") {
        let rest = rest.trim_end_matches(')');
        let (nearest, rest) = rest.split_once("; missing: ").unwrap_or((rest, ""));
        let (missing, extra) = rest.split_once("; not known: ").unwrap_or((rest, ""));
        format!(
            "Dòng 1: các cột không khớp với danh sách nào (gần nhất: {nearest}; thiếu: {}; cột lạ: {}).",
            none(missing),
            none(extra)
        )
    } else if let Some(detail) = words.strip_prefix("line 1: ") {
        format!("Dòng 1: không đọc được dòng tiêu đề ({detail}).")
    } else if let Some((cells, header)) = words.split_once(" cells where the header has ") {
        format!("Có {cells} ô trong khi dòng tiêu đề có {header} cột.")
    } else if let Some((field, _)) = words.split_once(": not a JSON list: ") {
        format!("{field}: không phải danh sách JSON.")
    } else if let Some((field, cell)) = words.split_once(": \"").filter(|_| words.ends_with("\" is not a number")) {
        format!("{field}: «{}» không phải là số.", cell.trim_end_matches("\" is not a number"))
    } else {
        format!("Không đọc được dòng CSV ({words}).")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(kind: Kind, cells: &[(&str, &str)]) -> String {
        let columns = columns(kind);
        let row: Vec<String> = columns
            .iter()
            .map(|c| cells.iter().find(|(name, _)| name == c).map(|(_, v)| v.to_string()).unwrap_or_default())
            .collect();
        let mut out = ::csv::Writer::from_writer(Vec::new());
        out.write_record(&columns).unwrap();
        out.write_record(&row).unwrap();
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn cells_come_back_as_their_fields() {
        let text = csv_of(
            Kind::Need,
            &[("id", "can-cam-bien"), ("title", "'=Cảm biến"), ("sectors", "aquaculture; food"), ("budget_vnd", "5")],
        );
        let rows = rows(&format!("\u{feff}{text}")).unwrap();
        assert_eq!(rows.len(), 1);
        let (line, record) = &rows[0];
        assert_eq!(*line, 2);
        let record: serde_json::Value = serde_json::from_str(record.as_ref().unwrap()).unwrap();
        assert_eq!(record["kind"], "need");
        assert_eq!(record["title"], "=Cảm biến");
        assert_eq!(record["sectors"], serde_json::json!(["aquaculture", "food"]));
        assert_eq!(record["budget_vnd"], 5);
        assert!(record.get("deadline").is_none() && record.get("url").is_none());
    }

    /// As a spreadsheet saves it where the decimal mark is a comma: `;` between cells, rows it
    /// once had left empty.
    #[test]
    fn a_spreadsheets_own_csv_reads_the_same() {
        let text = csv_of(
            Kind::Need,
            &[("id", "a"), ("title", "''90s"), ("sectors", "[\"aquaculture\"]"), ("description", "x; y, z")],
        );
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let mut out = ::csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
        out.write_record(reader.headers().unwrap()).unwrap();
        for row in reader.records() {
            out.write_record(&row.unwrap()).unwrap();
        }
        let blank = ";".repeat(columns(Kind::Need).len() - 1);
        let saved = format!("{}{blank}\r\n{blank}\r\n", String::from_utf8(out.into_inner().unwrap()).unwrap());
        let rows = rows(&saved).unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        let record: serde_json::Value = serde_json::from_str(rows[0].1.as_ref().unwrap()).unwrap();
        assert_eq!(record["title"], "'90s");
        assert_eq!(record["description"], "x; y, z");
        assert_eq!(record["sectors"], serde_json::json!(["aquaculture"]));
    }

    #[test]
    fn a_bad_cell_or_row_is_refused_with_its_line_and_a_strange_file_whole() {
        let text = csv_of(Kind::Need, &[("id", "a"), ("budget_vnd", "năm triệu")]);
        let rows = rows(&format!("{text}\"b\",\"short\"\n").replace('\n', "\r\n")).unwrap();
        assert!(rows[0].1.as_ref().unwrap_err().contains("budget_vnd"), "{rows:?}");
        assert_eq!(rows[1].0, 3);
        assert!(rows[1].1.as_ref().unwrap_err().contains("cells"), "{rows:?}");
        let refused = super::rows("id,title,colour\na,b,c\n").unwrap_err();
        assert!(refused.contains("line 1") && refused.contains("colour"), "{refused}");

        // Each said again for a Vietnamese reader.
        let vi = |words: &str| said(crate::i18n::Lang::Vi, words);
        assert_eq!(vi(rows[0].1.as_ref().unwrap_err()), "budget_vnd: «năm triệu» không phải là số.");
        assert_eq!(
            vi(rows[1].1.as_ref().unwrap_err()),
            format!("Có 2 ô trong khi dòng tiêu đề có {} cột.", columns(Kind::Need).len())
        );
        assert!(
            vi(&refused)
                .starts_with("Dòng 1: các cột không khớp với danh sách nào (gần nhất: experts.csv; thiếu: name, "),
            "{}",
            vi(&refused)
        );
        assert!(vi(&refused).ends_with("; cột lạ: colour)."), "{}", vi(&refused));
        let text = csv_of(Kind::Lab, &[("id", "a"), ("instruments", "[{")]);
        let bad_list = &super::rows(&text).unwrap()[0].1;
        assert!(
            vi(bad_list.as_ref().unwrap_err()).starts_with("instruments: không phải danh sách JSON."),
            "{bad_list:?}"
        );
        assert_eq!(said(crate::i18n::Lang::En, &refused), refused);
    }
}
