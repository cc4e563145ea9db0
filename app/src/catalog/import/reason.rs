//! Why an import refused a line: said in English as the records format's words (`server
//! import` prints them, scripts read them), and in Vietnamese for an officer on the import page.

use super::super::model::Kind;
use super::super::validate::message_in;
use crate::error::FieldError;
use crate::i18n::Lang;

/// Why a line was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not a JSON object: where the parser stopped (the character, counted from 1), and its
    /// words.
    NotJson {
        column: usize,
        detail: String,
    },
    MissingKind,
    UnknownKind(String),
    /// A row that cannot be a record, in the words of the reader that read it (a list's CSV).
    Row(String),
    /// Fields that do not fit the kind (serde's words: a missing field, an unknown code…).
    Shape {
        kind: Kind,
        id: String,
        detail: String,
    },
    /// Fields that fail the records format's checks.
    Invalid {
        kind: Kind,
        id: String,
        errors: Vec<FieldError>,
    },
    /// The same record twice in one file.
    Repeated {
        kind: Kind,
        id: String,
        first: usize,
    },
    /// A reference to a record of the file that was refused.
    RefersToRejected {
        kind: Kind,
        id: String,
        to: (Kind, String),
        line: usize,
    },
    /// A reference to a record neither in the file nor in the portal.
    RefersToMissing {
        kind: Kind,
        id: String,
        rel: String,
        to: (Kind, String),
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::NotJson { detail, .. } => write!(f, "not valid JSON: {detail}"),
            Reason::MissingKind => write!(f, "missing \"kind\""),
            Reason::UnknownKind(kind) => write!(f, "unknown kind \"{kind}\" (expected one of {})", known_kinds()),
            Reason::Row(detail) => write!(f, "{detail}"),
            Reason::Shape { kind, id, detail } => write!(f, "{} \"{id}\": {detail}", kind.code()),
            Reason::Invalid { kind, id, errors } => {
                let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{} \"{id}\": {}", kind.code(), errors.join("; "))
            }
            Reason::Repeated { kind, id, first } => {
                write!(f, "{} \"{id}\" appears already on line {first}", kind.code())
            }
            Reason::RefersToRejected { kind, id, to, line } => write!(
                f,
                "{} \"{id}\" refers to {} \"{}\", which was rejected on line {line}",
                kind.code(),
                to.0.code(),
                to.1
            ),
            Reason::RefersToMissing { kind, id, rel, to } => write!(
                f,
                "{} \"{id}\": {rel} refers to {} \"{}\", which is neither in this file nor in the portal",
                kind.code(),
                to.0.code(),
                to.1
            ),
        }
    }
}

impl Reason {
    /// The reason for a person reading `lang` (a row's reason stays in its reader's words).
    pub fn say(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let record = |kind: &Kind, id: &str| format!("{} «{id}»", kind.label(Lang::Vi));
        // Within a sentence: "tổ chức «ria3»".
        let named = |kind: &Kind, id: &str| {
            let label = kind.label(Lang::Vi);
            let mut chars = label.chars();
            let first: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
            format!("{first}{} «{id}»", chars.as_str())
        };
        match self {
            Reason::NotJson { column, .. } => format!("Không phải một dòng JSON hợp lệ (lỗi ở ký tự thứ {column})."),
            Reason::MissingKind => "Thiếu trường «kind» (loại hồ sơ).".into(),
            Reason::UnknownKind(kind) => format!("Không có loại hồ sơ «{kind}»; cần một trong: {}.", known_kinds()),
            Reason::Row(detail) => detail.clone(),
            Reason::Shape { kind, id, detail } => format!("{}: {}", record(kind, id), shape_in_vietnamese(detail)),
            Reason::Invalid { kind, id, errors } => {
                let errors: Vec<String> =
                    errors.iter().map(|e| format!("{}: {}", e.field, message_in(Lang::Vi, &e.message))).collect();
                format!("{}: {}", record(kind, id), errors.join(" "))
            }
            Reason::Repeated { kind, id, first } => format!("{} đã có ở dòng {first}.", record(kind, id)),
            Reason::RefersToRejected { kind, id, to, line } => {
                format!("{} tham chiếu đến {}, hồ sơ bị từ chối ở dòng {line}.", record(kind, id), named(&to.0, &to.1))
            }
            Reason::RefersToMissing { kind, id, rel, to } => format!(
                "{}: trường «{rel}» tham chiếu đến {}, không có trong tệp này cũng như trên cổng.",
                record(kind, id),
                named(&to.0, &to.1)
            ),
        }
    }
}

fn known_kinds() -> String {
    Kind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>().join(", ")
}

/// serde's words on a record's fields, in Vietnamese (names and codes stay as written).
fn shape_in_vietnamese(detail: &str) -> String {
    let detail = detail.split(" at line ").next().unwrap_or(detail);
    let quoted = |s: &str| s.replace('`', "").to_string();
    if let Some(field) = detail.strip_prefix("missing field ") {
        format!("thiếu trường «{}».", quoted(field))
    } else if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        format!("giá trị «{}» không có trong danh mục; cần một trong: {}.", quoted(value), quoted(expected))
    } else if let Some(rest) = detail.strip_prefix("unknown field ") {
        let field = rest.split(", expected").next().unwrap_or(rest);
        format!("trường «{}» không thuộc loại hồ sơ này.", quoted(field))
    } else if let Some(rest) = detail.strip_prefix("invalid type: ") {
        format!("sai kiểu dữ liệu ({}).", quoted(rest))
    } else if let Some(rest) = detail.strip_prefix("invalid value: ") {
        format!("giá trị không hợp lệ ({}).", quoted(rest))
    } else {
        format!("dữ liệu không đúng định dạng ({}).", quoted(detail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::import::parse_line;

    /// The reason a line gets, in Vietnamese.
    fn vi(line: &str) -> String {
        parse_line(line).unwrap_err().say(Lang::Vi)
    }

    #[test]
    fn each_reason_reads_in_vietnamese() {
        let org = |fields: &str| {
            format!(
                r#"{{"kind":"organization","id":"x1","name":"A","description":"d","sectors":[],"location":"L"{fields}}}"#
            )
        };
        let cases = [
            (vi("{\"kind\":\"lab\""), "Không phải một dòng JSON hợp lệ (lỗi ở ký tự thứ 13)."),
            (vi("{\"kind\":\"tổ chức\" x"), "Không phải một dòng JSON hợp lệ (lỗi ở ký tự thứ 19)."),
            (vi(r#"{"id":"x1"}"#), "Thiếu trường «kind» (loại hồ sơ)."),
            (vi(r#"{"kind":"robot"}"#), "Không có loại hồ sơ «robot»; cần một trong: organization, lab,"),
            (vi(&org("")), "Tổ chức «x1»: thiếu trường «org_type»."),
            (vi(&org(r#","org_type":"ngo""#)), "Tổ chức «x1»: giá trị «ngo» không có trong danh mục; cần một trong: "),
            (vi(&org(r#","org_type":"sme","founded":"x""#)), "Tổ chức «x1»: sai kiểu dữ liệu ("),
            (
                vi(&org(r#","org_type":"sme","name":" ""#).replacen(r#""name":"A","#, "", 1)),
                "Tổ chức «x1»: name: Không được để trống.",
            ),
        ];
        for (said, expected) in cases {
            assert!(said.starts_with(expected), "{said}\n  expected: {expected}");
        }
        let to = (Kind::Organization, "ria3".to_string());
        let refers = Reason::RefersToRejected { kind: Kind::Lab, id: "l1".into(), to: to.clone(), line: 2 };
        assert_eq!(
            refers.say(Lang::Vi),
            "Phòng thí nghiệm «l1» tham chiếu đến tổ chức «ria3», hồ sơ bị từ chối ở dòng 2."
        );
        assert_eq!(refers.to_string(), "lab \"l1\" refers to organization \"ria3\", which was rejected on line 2");
        let missing = Reason::RefersToMissing { kind: Kind::Lab, id: "l1".into(), rel: "organization".into(), to };
        assert!(missing
            .say(Lang::Vi)
            .contains("trường «organization» tham chiếu đến tổ chức «ria3», không có trong tệp"));
        let repeated = Reason::Repeated { kind: Kind::Lab, id: "l1".into(), first: 3 };
        assert_eq!(repeated.say(Lang::Vi), "Phòng thí nghiệm «l1» đã có ở dòng 3.");
        assert_eq!(repeated.say(Lang::En), "lab \"l1\" appears already on line 3");
    }
}
