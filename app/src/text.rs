//! Text normalisation shared by storage and search, and the one way a text goes into a URL.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The text in Unicode NFC, the form the portal stores.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Lower case without diacritics, `đ` as `d`: how a person types without a Vietnamese keyboard.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// `text` percent-encoded for a URL's query value: unreserved characters and `/` stay as they are
/// (a path in `next=` or `__path=` stays readable), a space is `+`, every other byte is `%XX`.
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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
