//! From a submitted form to a record of the records format, and back to form values. Every
//! problem is reported against its field, in the reader's language.

use serde_json::{Map, Value};

use super::model::{FormValues, ListingForm};
use super::spec::{form, Input};
use crate::catalog::model::{Kind, Record};
use crate::catalog::validate::{message_in, Validator};
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;

/// How much of a form a save needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Everything a published record must say.
    Whole,
    /// A draft, to finish later: its name and well-formed values; texts and lists may wait.
    Draft,
}

impl Completeness {
    /// Whether `field`, when empty, is a problem now.
    fn requires(self, field: &str, input: Input) -> bool {
        let may_wait = matches!(input, Input::Line | Input::Area | Input::Lines | Input::Checks(_) | Input::Languages);
        self == Completeness::Whole || !may_wait || field == "title" || field == "name"
    }
}

/// `record`, built from its form, with the fields `stored` holds that the form does not show
/// (or a repeating group a form was sent without: a client of the older form), so that saving
/// the form never loses them. Translations of the form's own fields (`x_vi` beside `x`) are not
/// kept: the text they translate may just have changed.
pub fn with_unformed(record: Record, stored: &Record, submitted: &ListingForm) -> Record {
    let kind = record.kind();
    let shown = |name: &str| {
        let base = name.strip_suffix("_vi").or_else(|| name.strip_suffix("_en")).unwrap_or(name);
        // A repeating group counts as shown only when the form sent it.
        let sent = |f: &super::spec::FormField| {
            f.input != Input::Rows || submitted.text.contains_key(&super::rows::rows_key(f.name))
        };
        ["kind", "id"].contains(&name) || form(kind).iter().any(|f| (f.name == name || f.name == base) && sent(f))
    };
    let (Ok(Value::Object(mut fields)), Ok(Value::Object(old))) =
        (serde_json::to_value(&record), serde_json::to_value(stored))
    else {
        return record;
    };
    for (name, value) in old {
        if !shown(&name) {
            fields.entry(name).or_insert(value);
        }
    }
    serde_json::from_value(Value::Object(fields)).unwrap_or(record)
}

/// The record `form` describes, as `kind`/`id`, or every problem with it.
pub fn record_from_form(
    kind: Kind,
    id: &str,
    submitted: &ListingForm,
    completeness: Completeness,
    lang: Lang,
) -> Result<Record, AppError> {
    let mut errors = Vec::new();
    let mut group_problems = Vec::new();
    let mut doc = Map::new();
    doc.insert("kind".into(), kind.code().into());
    doc.insert("id".into(), id.into());
    for field in form(kind) {
        let text = submitted.text.get(field.name).map(|t| crate::text::clean(t)).unwrap_or_default();
        let required = field.required && completeness.requires(field.name, field.input);
        let mut fail = |vi: &str, en: &str| {
            errors.push(FieldError { field: field.name.into(), message: lang.pick(vi, en).into() })
        };
        let value = match field.input {
            // Not on the form: the stored items stay (`with_unformed`).
            Input::Rows => match super::rows::parse(field.name, &submitted.text, lang) {
                Some(Ok(items)) => Some(items),
                Some(Err(problem)) => {
                    group_problems.push(problem);
                    None
                }
                None => None,
            },
            Input::Checks(_) | Input::Languages | Input::Lines => {
                let items: Vec<String> = match field.input {
                    Input::Checks(_) | Input::Languages => submitted.list.get(field.name).cloned().unwrap_or_default(),
                    _ => text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
                };
                // Forms ask for what matching needs, even where the records format allows none.
                if required && items.is_empty() {
                    fail("Cần chọn hoặc nhập ít nhất một mục.", "Choose or enter at least one.");
                }
                Some(Value::from(items))
            }
            _ if text.is_empty() => {
                if required {
                    fail("Không được để trống.", "Must not be empty.");
                }
                // A draft's text still to be written is empty, not missing.
                field.required.then(|| Value::from("")).filter(|_| !required)
            }
            Input::Number => match text.replace([' ', '.', ',', '_'], "").parse::<u64>() {
                Ok(n) => Some(Value::from(n)),
                Err(_) => {
                    fail("Hãy nhập một số nguyên (chỉ chữ số).", "Enter a whole number (digits only).");
                    None
                }
            },
            Input::Trl => match text.parse::<u8>() {
                Ok(n) if (1..=9).contains(&n) => Some(Value::from(n)),
                _ => {
                    fail("Chọn mức từ 1 đến 9.", "Choose a level from 1 to 9.");
                    None
                }
            },
            Input::Date => match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(date) => Some(Value::from(date.to_string())),
                Err(_) => {
                    fail("Hãy nhập ngày dạng năm-tháng-ngày.", "Enter a date as year-month-day.");
                    None
                }
            },
            Input::Line | Input::Area | Input::Choice(_) | Input::Ref(_) => Some(Value::from(text)),
        };
        if let Some(value) = value {
            doc.insert(field.name.into(), value);
        }
    }
    errors.append(&mut group_problems);
    // The form's own problems and the records format's, together, so a person fixes all at once.
    let record: Result<Record, _> = serde_json::from_value(Value::Object(doc));
    let record = match record {
        Ok(record) => record,
        Err(_) if !errors.is_empty() => return Err(AppError::Validation(errors)),
        Err(e) => {
            return Err(AppError::BadRequest(format!(
                "{}: {e}",
                lang.pick("Biểu mẫu không hợp lệ", "The form is not valid")
            )))
        }
    };
    let mut v = Validator::default();
    record.entry().validate(&mut v);
    if let Err(AppError::Validation(found)) = v.finish() {
        let input = |name: &str| form(kind).iter().find(|f| f.name == name).map_or(Input::Line, |f| f.input);
        for e in found {
            let field = e.field.split('[').next().unwrap_or_default().to_string();
            let empty = e.message == "must not be empty" || e.message.starts_with("needs at least one");
            if empty && !completeness.requires(&field, input(&field)) {
                continue;
            }
            if !errors.iter().any(|known| known.field == field) {
                errors.push(FieldError { field, message: message_in(lang, &e.message) });
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(record)
}

/// What a record published on `today` may not say: an open call or a pilot accepting
/// applications whose closing date has passed, a need whose deadline has. (A draft may.)
pub fn past_dates(record: &Record, today: chrono::NaiveDate, lang: Lang) -> Vec<FieldError> {
    let past =
        |field: &str, vi: &str, en: &str| vec![FieldError { field: field.into(), message: lang.pick(vi, en).into() }];
    match record {
        // The rule pages and the hourly job follow: a status the date has already changed.
        Record::Call(call) if call.status_on(today) != call.status => past(
            "closes",
            "Hạn nộp đã qua: hãy chọn một ngày từ hôm nay, hoặc trạng thái «Đã đóng».",
            "The closing date has passed: choose today or a later date, or the status “Closed”.",
        ),
        Record::Pilot(pilot) if pilot.status_on(today) != pilot.status => past(
            "closes",
            "Hạn đăng ký đã qua: hãy chọn một ngày từ hôm nay, hoặc trạng thái khác «Đang nhận hồ sơ».",
            "The registration deadline has passed: choose today or a later date, or a status other than “Accepting”.",
        ),
        Record::Need(need) if need.deadline.is_some_and(|d| d < today) => past(
            "deadline",
            "Hạn đã qua: hãy chọn một ngày từ hôm nay, hoặc để trống.",
            "The deadline has passed: choose today or a later date, or leave it empty.",
        ),
        _ => Vec::new(),
    }
}

/// The form values of a stored record, for its edit form.
pub fn values_of(record: &Record) -> FormValues {
    let mut values = FormValues::default();
    let Ok(Value::Object(doc)) = serde_json::to_value(record) else { return values };
    for field in form(record.kind()) {
        match (doc.get(field.name), field.input) {
            (items, Input::Rows) => {
                let items = items.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                super::rows::values(field.name, items, &mut values.text);
            }
            (Some(Value::Array(items)), Input::Checks(_) | Input::Languages) => {
                values
                    .list
                    .insert(field.name.into(), items.iter().filter_map(|i| i.as_str().map(String::from)).collect());
            }
            (Some(Value::Array(items)), _) => {
                let lines: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                values.text.insert(field.name.into(), lines.join("\n"));
            }
            (Some(Value::String(s)), _) => {
                values.text.insert(field.name.into(), s.clone());
            }
            (Some(Value::Number(n)), _) => {
                values.text.insert(field.name.into(), n.to_string());
            }
            _ => {}
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need_form() -> ListingForm {
        let mut form = ListingForm { kind: "need".into(), ..Default::default() };
        for (k, v) in [
            ("title", " Cảm biến oxy hòa tan cho ao tôm "),
            ("description", "Cần đo liên tục."),
            ("organization", "vnio"),
            ("budget_vnd", "1.500.000.000"),
            ("deadline", "2027-03-31"),
        ] {
            form.text.insert(k.into(), v.into());
        }
        form.list.insert("sectors".into(), vec!["aquaculture".into()]);
        form.list.insert("partner_types".into(), vec!["lab".into(), "offer".into()]);
        form
    }

    #[test]
    fn a_form_becomes_a_checked_record_and_back() {
        let record = record_from_form(Kind::Need, "cam-bien-oxy", &need_form(), Completeness::Whole, Lang::Vi).unwrap();
        let Record::Need(need) = &record else { panic!("not a need") };
        assert_eq!(need.title, "Cảm biến oxy hòa tan cho ao tôm");
        assert_eq!(need.budget_vnd, Some(1_500_000_000));
        let values = values_of(&record);
        assert_eq!(values.text["budget_vnd"], "1500000000");
        assert_eq!(values.list["partner_types"], ["lab", "offer"]);
    }

    #[test]
    fn problems_are_reported_by_field_in_the_readers_language() {
        let mut form = need_form();
        form.text.insert("title".into(), "   ".into());
        form.text.insert("budget_vnd".into(), "nhiều".into());
        form.text.insert("deadline".into(), "31/03/2027".into());
        let Err(AppError::Validation(errors)) =
            record_from_form(Kind::Need, "x1", &form, Completeness::Whole, Lang::Vi)
        else {
            panic!("accepted")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "budget_vnd", "deadline"]);
        assert_eq!(errors[0].message, "Không được để trống.");

        let mut form = need_form();
        form.list.insert("sectors".into(), vec![]);
        form.text.insert("description".into(), "x".repeat(20_001));
        let Err(AppError::Validation(errors)) =
            record_from_form(Kind::Need, "x1", &form, Completeness::Whole, Lang::En)
        else {
            panic!("accepted")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["sectors", "description"], "the form's own checks and the format's, together");
        form.list.insert("sectors".into(), vec!["aquaculture".into()]);
        let Err(AppError::Validation(errors)) =
            record_from_form(Kind::Need, "x1", &form, Completeness::Whole, Lang::En)
        else {
            panic!("accepted")
        };
        assert_eq!(errors[0].field, "description");
        assert!(errors[0].message.starts_with("Is 20001 characters long"), "{}", errors[0].message);
    }

    #[test]
    fn a_forged_vocabulary_code_is_refused() {
        let mut form = need_form();
        form.list.insert("sectors".into(), vec!["weapons".into()]);
        assert!(matches!(
            record_from_form(Kind::Need, "x1", &form, Completeness::Whole, Lang::En),
            Err(AppError::BadRequest(_))
        ));
    }

    #[test]
    fn browsers_encoding_of_the_form_is_understood() {
        let body = "kind=need&id=&save=publish&text%5Btitle%5D=C%E1%BA%A3m+bi%E1%BA%BFn&list%5Bsectors%5D%5B%5D=aquaculture&list%5Bsectors%5D%5B%5D=digital";
        let form: ListingForm = serde_qs::Config::new(5, false).deserialize_str(body).unwrap();
        assert_eq!(form.text["title"], "Cảm biến");
        assert_eq!(form.list["sectors"], ["aquaculture", "digital"]);
    }
}
