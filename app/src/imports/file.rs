//! A file of records as numbered lines of the records format: JSON Lines or a list's CSV, told
//! by the file's name, else by whether it begins like JSON.

use crate::catalog::import::Line;
use crate::opendata::csv_read;

/// The lines of `text`, a file named `name`; a CSV whose header is not a list's is refused
/// whole, saying why.
pub fn lines_of(name: &str, text: &str) -> Result<Vec<Line>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    let csv = match extension.as_str() {
        "csv" => true,
        "jsonl" | "ndjson" | "json" => false,
        _ => !text.trim().is_empty() && !text.trim_start().starts_with('{'),
    };
    if csv {
        return csv_read::rows(text);
    }
    Ok(text.lines().enumerate().map(|(index, line)| (index + 1, Ok(line.to_string()))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_told_by_name_then_by_content() {
        let json = "\u{feff}{\"kind\":\"need\"}\n\n{\"kind\":\"lab\"}";
        let lines = lines_of("nhu-cau.jsonl", json).unwrap();
        assert_eq!(lines.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(lines[0].1.as_deref(), Ok("{\"kind\":\"need\"}"));
        assert_eq!(lines_of("", "\n\n").unwrap().len(), 2, "blank lines, no records");
        // Not a list's columns: refused whole, as a CSV.
        for name in ["data.csv", "data.txt", ""] {
            let refused = lines_of(name, "ten,mau\nA,B\n").unwrap_err();
            assert!(refused.contains("line 1"), "{name}: {refused}");
        }
        assert!(lines_of("lines.CSV", json).is_err(), "a .csv is read as CSV");
    }
}
