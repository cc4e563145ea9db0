//! Field checks shared by every kind of record: one `Validator` collects every problem of a
//! record so that a person can fix them all at once.

use crate::error::{AppError, FieldError};
use crate::i18n::Lang;

/// Longest name or title, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest description, bio or condition text.
pub const MAX_TEXT: usize = 20_000;
/// Longest item of a list (a capability, a keyword...).
pub const MAX_ITEM: usize = 300;
/// Most items in a list.
pub const MAX_ITEMS: usize = 60;

/// Path segments that are pages of a kind (`/needs/new`), never a record's id.
pub const RESERVED_IDS: [&str; 2] = ["new", "edit"];

/// Whether `id` is a stable slug: `[a-z0-9][a-z0-9-]{1,79}`, and not a page's name.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !RESERVED_IDS.contains(&id)
        && (2..=80).contains(&bytes.len())
        && bytes[0].is_ascii_lowercase() | bytes[0].is_ascii_digit()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// A validation message of the records format, in the reader's language.
pub fn message_in(lang: Lang, message: &str) -> String {
    if lang == Lang::En {
        let mut chars = message.chars();
        return chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".").unwrap_or_default();
    }
    let vi = if message == "must not be empty" {
        "Không được để trống.".to_string()
    } else if message.starts_with("needs at least one") {
        "Cần chọn hoặc nhập ít nhất một mục.".to_string()
    } else if let Some((len, max)) =
        message.strip_prefix("is ").and_then(|rest| rest.split_once(" characters long; at most "))
    {
        format!("Dài {len} ký tự; tối đa {} ký tự.", max.trim_end_matches(" are allowed"))
    } else if message == "is only for startups" {
        "Chỉ dành cho doanh nghiệp khởi nghiệp.".to_string()
    } else if message == "must be from 1 to 120 months" {
        "Cần từ 1 đến 120 tháng.".to_string()
    } else if message.starts_with("must be a two-letter ISO 639-1 code") {
        "Cần là mã ngôn ngữ hai chữ cái theo ISO 639-1, ví dụ \"vi\".".to_string()
    } else if message == "contains control characters" {
        "Có ký tự điều khiển không hợp lệ.".to_string()
    } else if message.starts_with("must be a web address") {
        "Cần là địa chỉ web bắt đầu bằng http:// hoặc https://.".to_string()
    } else if message == "must not exceed the total budget" {
        "Không được lớn hơn tổng kinh phí.".to_string()
    } else if message.starts_with("has more items than") {
        "Nhiều mục hơn danh sách gốc: mỗi dòng dịch một dòng của danh sách gốc, cùng thứ tự.".to_string()
    } else if let Some((counted, _)) = message.strip_prefix("has ").and_then(|rest| rest.split_once("; at most ")) {
        let (count, noun) = counted.split_once(' ').unwrap_or((counted, ""));
        let noun = if noun == "values" { "giá trị" } else { "mục" };
        format!("Có {count} {noun}; tối đa {MAX_ITEMS} {noun}.")
    } else if let Some(id) = message.strip_suffix("' is not a valid record id").and_then(|m| m.strip_prefix('\'')) {
        format!("«{id}» không phải là mã hồ sơ hợp lệ.")
    } else if message.starts_with("must be 2 to 80 characters") {
        "Cần 2 đến 80 ký tự a-z, 0-9 và dấu '-', bắt đầu bằng chữ hoặc số.".to_string()
    } else if message == "must not be before opens" {
        "Hạn không được trước ngày mở.".to_string()
    } else if message.starts_with("an offer needs at least one of") {
        "Cần ít nhất một chủ sở hữu: tổ chức, phòng thí nghiệm hoặc chuyên gia.".to_string()
    } else if message.starts_with("must be a year") {
        "Cần là một năm, ví dụ 2019.".to_string()
    } else if message.starts_with("must be from 1 to 9") {
        "Cần từ 1 đến 9.".to_string()
    } else {
        message.to_string()
    };
    vi
}

#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_string(), message: message.into() });
    }

    pub fn check(&mut self, ok: bool, field: &str, message: impl Into<String>) {
        if !ok {
            self.error(field, message);
        }
    }

    pub fn id(&mut self, id: &str) {
        self.check(
            is_valid_id(id),
            "id",
            "must be 2 to 80 characters of a-z, 0-9 and '-', starting with a letter or digit",
        );
    }

    /// A reference to another record: a well-formed id (that it exists is checked on import).
    pub fn reference(&mut self, field: &str, id: &str) {
        self.check(is_valid_id(id), field, format!("'{id}' is not a valid record id"));
    }

    /// A text that must be present.
    pub fn required(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
        } else {
            self.text(field, value, max);
        }
    }

    /// A required text with its optional `_en` and `_vi` translations.
    pub fn translated(&mut self, field: &str, base: &str, en: &Option<String>, vi: &Option<String>, max: usize) {
        self.required(field, base, max);
        self.optional(&format!("{field}_en"), en, max);
        self.optional(&format!("{field}_vi"), vi, max);
    }

    /// A text that may be absent.
    pub fn optional(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(value) = value {
            self.text(field, value, max);
        }
    }

    fn text(&mut self, field: &str, value: &str, max: usize) {
        let len = value.chars().count();
        if len > max {
            self.error(field, format!("is {len} characters long; at most {max} are allowed"));
        }
        if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
            self.error(field, "contains control characters");
        }
    }

    /// A list of short texts; `required` lists need at least one item.
    pub fn list(&mut self, field: &str, items: &[String], required: bool) {
        if required && items.is_empty() {
            self.error(field, "needs at least one item");
        }
        if items.len() > MAX_ITEMS {
            self.error(field, format!("has {} items; at most {MAX_ITEMS} are allowed", items.len()));
        }
        for (i, item) in items.iter().enumerate() {
            self.required(&format!("{field}[{i}]"), item, MAX_ITEM);
        }
    }

    /// The translations of `items`, item by item: no more of them than there are items.
    pub fn translated_list(&mut self, field: &str, translations: &[String], items: &[String]) {
        self.list(field, translations, false);
        if translations.len() > items.len() {
            self.error(field, format!("has more items than the list it translates ({})", items.len()));
        }
    }

    /// A list of vocabulary codes (already checked by their type); `required` needs one.
    pub fn codes<T>(&mut self, field: &str, items: &[T], required: bool) {
        if required && items.is_empty() {
            self.error(field, "needs at least one value");
        }
        if items.len() > MAX_ITEMS {
            self.error(field, format!("has {} values; at most {MAX_ITEMS} are allowed", items.len()));
        }
    }

    pub fn trl(&mut self, field: &str, trl: u8) {
        self.check((1..=9).contains(&trl), field, format!("must be from 1 to 9, not {trl}"));
    }

    /// A web address people can follow.
    pub fn url(&mut self, field: &str, value: &Option<String>) {
        if let Some(url) = value {
            let ok = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() <= 500
                && !url.chars().any(|c| c.is_whitespace() || c.is_control());
            self.check(ok, field, "must be a web address starting with http:// or https://");
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs() {
        assert!(is_valid_id("vien-hai-duong-hoc"));
        assert!(is_valid_id("9x"));
        assert!(!is_valid_id("a"));
        assert!(!is_valid_id("new") && !is_valid_id("edit"), "a page's name");
        assert!(!is_valid_id("-abc"));
        assert!(!is_valid_id("Viện"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(&"a".repeat(81)));
        assert!(is_valid_id(&"a".repeat(80)));
    }

    #[test]
    fn collects_every_problem() {
        let mut v = Validator::default();
        v.required("name", "  ", MAX_TITLE);
        v.required("description", &"x".repeat(MAX_TEXT + 1), MAX_TEXT);
        v.list("capabilities", &["ok".into(), "".into()], true);
        v.trl("trl", 10);
        v.url("website", &Some("javascript:alert(1)".into()));
        v.optional("name_en", &Some("bad\u{0007}bell".into()), MAX_TITLE);
        v.translated_list("documents_en", &["A".into(), "B".into()], &["Một".into()]);
        let Err(AppError::Validation(errors)) = v.finish() else { panic!("expected errors") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "description", "capabilities[1]", "trl", "website", "name_en", "documents_en"]);
    }

    #[test]
    fn clean_values_pass() {
        let mut v = Validator::default();
        v.required("name", "Viện Hải dương học", MAX_TITLE);
        v.list("capabilities", &["PCR".into()], true);
        v.translated_list("capabilities_en", &[], &["PCR".into()]);
        v.trl("trl", 9);
        v.url("website", &Some("https://vnio.org.vn".into()));
        assert!(v.finish().is_ok());
    }
}
