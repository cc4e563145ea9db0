//! Text normalisation shared by storage and search, and the one way a text goes into a URL.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The text in Unicode NFC, the form the portal stores.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Free text as a person typed it into a form, as the portal keeps it: line breaks as `\n`
/// (browsers send `\r\n`), without bidirectional formatting marks (U+200E/F, U+202A–E,
/// U+2066–9: they make a text read differently from what it is), trimmed, in NFC.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text.chars().filter(|c| !is_direction_mark(*c)).collect();
    nfc(kept.trim())
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Without diacritics, `đ` as `d`, case kept: "Kết quả YC.pdf" → "Ket qua YC.pdf".
pub fn unmarked(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// `text` percent-encoded for a header parameter (RFC 8187, `filename*=UTF-8''…`): like
/// `url_encode`, but a space is `%20` (a `+` there is a plus sign).
pub fn header_encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// Lower case without diacritics, `đ` as `d`: how a person types without a Vietnamese keyboard.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// An amount in VND as people write it: "450.000", "450,000", "450 000 ₫", "450000 VNĐ",
/// "450.000 đồng". Dots, commas and spaces group thousands only: "12.5" or "350.000,50" (a
/// decimal, never a whole number of dong) is not an amount.
pub fn vnd(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    let bare = ["vnđ", "vnd", "đồng", "dong", "₫", "đ"].iter().fold(lower, |t, unit| t.replace(unit, ""));
    let groups: Vec<&str> = bare.trim().split([' ', '.', ',', '_']).collect();
    let (first, rest) = groups.split_first()?;
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    if !digits(first) || !rest.iter().all(|g| g.len() == 3 && digits(g)) {
        return None;
    }
    groups.concat().parse().ok()
}

/// What a query value keeps as it is: unreserved characters, and `/` (a path in `next=` or
/// `__path=` stays readable). Every other byte is `%XX`.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');

/// `text` percent-encoded for a URL's query value (the portal's one encoder), a space as `+`
/// as forms write it (a `%` is `%25`, so every `%20` was a space).
pub fn url_encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string().replace("%20", "+")
}

/// `text` safe inside HTML text or a quoted attribute: `&`, `<`, `>`, `"` and `'` as entities.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_with_their_thousands_grouped_any_way() {
        for typed in ["450000", "450.000", "450,000", "450 000 ₫", "450000 VNĐ", "450.000 đồng", " 450_000đ "] {
            assert_eq!(vnd(typed), Some(450_000), "{typed}");
        }
        for typed in ["12.5", "350.000,50", "-5", "", "ba trăm", "1.00.000", "450.000.", "1e6"] {
            assert_eq!(vnd(typed), None, "{typed}");
        }
    }

    #[test]
    fn typed_text_keeps_its_lines_and_loses_direction_marks() {
        let typed = " \u{202E}Hồ sơ:\r\n- thuyết minh\r- dự toán\u{2066}\n\u{200F} ";
        assert_eq!(clean(typed), "Hồ sơ:\n- thuyết minh\n- dự toán");
        // Decomposed marks (as some keyboards send them) are stored composed.
        assert_eq!(clean("to\u{302}m hu\u{300}m"), "tôm hùm");
    }

    #[test]
    fn a_query_value_keeps_paths_readable_and_encodes_the_rest() {
        assert_eq!(url_encode("/search?q=tôm hùm&x=1"), "/search%3Fq%3Dt%C3%B4m+h%C3%B9m%26x%3D1");
        assert_eq!(url_encode("100% +"), "100%25+%2B");
        assert_eq!(url_encode("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn folds_vietnamese_marks_and_d() {
        assert_eq!(fold("Viện Hải dương học"), "vien hai duong hoc");
        assert_eq!(fold("ĐÀ NẴNG"), "da nang");
        assert_eq!(fold("Khánh Hoà"), fold("Khánh Hòa"));
    }

    #[test]
    fn nfd_input_becomes_nfc() {
        let nfd: String = "Khánh Hòa".nfd().collect();
        assert_ne!(nfd, "Khánh Hòa");
        assert_eq!(nfc(&nfd), "Khánh Hòa");
    }
}
