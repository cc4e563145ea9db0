//! Repeating groups of a record form: a lab's priced services and its instruments, one small
//! block of inputs per item. Works without JavaScript: the form shows the stored items and two
//! empty blocks to fill; an item is taken off with its "remove" box; saving with more to add
//! shows two empty blocks again. Inputs are named `text[group.row.column]`, and
//! `text[group.rows]` says the group was on the form (a form sent without it leaves the stored
//! items alone).

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::FieldError;
use crate::i18n::Lang;
use crate::labs::{Customer, InstrumentState};

/// How one input of an item is entered and stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// A line of text (left out when empty).
    Text,
    /// A whole number (digits only: "1.5" is not 15).
    Number,
    /// An amount in VND, written with or without dots, spaces or "₫".
    Amount,
    /// A price or a range ("450000" or "450000-600000") for one kind of customer, stored in
    /// the item's `prices`.
    Price(Customer),
    /// An instrument's state.
    State,
    /// Yes or no (a checkbox).
    Flag,
}

/// One input of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    vi: &'static str,
    en: &'static str,
    pub cell: Cell,
}

impl Column {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

const fn c(key: &'static str, vi: &'static str, en: &'static str, cell: Cell) -> Column {
    Column { key, vi, en, cell }
}

const SERVICE: &[Column] = &[
    c("name", "Tên dịch vụ", "Service name", Cell::Text),
    c("name_en", "Tên tiếng Anh", "English name", Cell::Text),
    c("method", "Phương pháp (ví dụ HPLC-FLD)", "Method (e.g. HPLC-FLD)", Cell::Text),
    c("standard", "Tiêu chuẩn (ví dụ TCVN 8352:2010)", "Standard (e.g. TCVN 8352:2010)", Cell::Text),
    c("accreditation", "Công nhận (ví dụ ISO/IEC 17025:2017)", "Accreditation (e.g. ISO/IEC 17025:2017)", Cell::Text),
    c("vilas", "Số VILAS", "VILAS number", Cell::Text),
    c("sample", "Mẫu gửi (loại, lượng)", "Sample (type, amount)", Cell::Text),
    c(
        "price_local_business",
        "Giá cho doanh nghiệp trong tỉnh (₫)",
        "Price, businesses in the province (₫)",
        Cell::Price(Customer::LocalBusiness),
    ),
    c(
        "price_business",
        "Giá cho doanh nghiệp khác (₫)",
        "Price, other businesses (₫)",
        Cell::Price(Customer::Business),
    ),
    c("price_research", "Giá cho nghiên cứu (₫)", "Price, research (₫)", Cell::Price(Customer::Research)),
    c("turnaround_days", "Thời gian trả kết quả (ngày làm việc)", "Turnaround (working days)", Cell::Number),
    c("capacity_per_month", "Số mẫu nhận mỗi tháng", "Samples a month", Cell::Number),
];

const INSTRUMENT: &[Column] = &[
    c("name", "Tên thiết bị", "Instrument name", Cell::Text),
    c("name_en", "Tên tiếng Anh", "English name", Cell::Text),
    c("make_model", "Hãng, model", "Make and model", Cell::Text),
    c("state", "Tình trạng", "State", Cell::State),
    c("bookable", "Nhận đặt lịch sử dụng", "Open for booking", Cell::Flag),
    c("training_required", "Cần người đã được đào tạo", "Needs a trained person", Cell::Flag),
    c("hourly_rate_vnd", "Giá thuê theo giờ (₫)", "Hourly rate (₫)", Cell::Amount),
];

/// The most items a form shows (the records format's limit).
const MAX_ROWS: usize = 100;
/// Empty blocks shown after the stored items.
pub const BLANK: usize = 2;

/// The inputs of an item of `group` (`service_catalog` or `instruments`).
pub fn columns(group: &str) -> &'static [Column] {
    match group {
        "instruments" => INSTRUMENT,
        _ => SERVICE,
    }
}

/// What one item is called on the form ("Dịch vụ 2").
pub fn item_label(group: &str, n: usize, lang: Lang) -> String {
    match group {
        "instruments" => lang.pick(format!("Thiết bị {n}"), format!("Instrument {n}")),
        _ => lang.pick(format!("Dịch vụ {n}"), format!("Service {n}")),
    }
}

/// The name of the input of `column` in item `row` of `group`.
pub fn key(group: &str, row: usize, column: &str) -> String {
    format!("{group}.{row}.{column}")
}

/// The key that says `group` was on the form, holding how many blocks it showed.
pub fn rows_key(group: &str) -> String {
    format!("{group}.rows")
}

/// The blocks of `group` in `text` that hold something (stored items, or those typed), in
/// order.
pub fn items(group: &str, text: &HashMap<String, String>) -> Vec<usize> {
    let shown: usize = text.get(&rows_key(group)).and_then(|n| n.parse().ok()).unwrap_or(0);
    (0..shown.min(MAX_ROWS + BLANK)).filter(|&row| !empty_row(group, row, text)).collect()
}

fn empty_row(group: &str, row: usize, text: &HashMap<String, String>) -> bool {
    columns(group)
        .iter()
        .filter(|c| c.cell != Cell::State)
        .all(|c| text.get(&key(group, row, c.key)).is_none_or(|v| v.trim().is_empty()))
}

/// "450000" or "450000-600000": a price or a range in VND (each as `text::vnd` reads it).
fn price(text: &str) -> Option<(i64, Option<i64>)> {
    match text.split_once(['-', '–']) {
        Some((min, max)) => {
            let (min, max) = (crate::text::vnd(min)?, crate::text::vnd(max)?);
            (min <= max).then_some((min, Some(max).filter(|&m| m > min)))
        }
        None => crate::text::vnd(text).map(|min| (min, None)),
    }
}

/// The items of `group` the form holds, as the records format stores them; `None` when the
/// group was not on the form. Every problem is one message against the group, item by item.
pub fn parse(group: &str, text: &HashMap<String, String>, lang: Lang) -> Option<Result<Value, FieldError>> {
    let shown: usize = text.get(&rows_key(group))?.parse().unwrap_or(0);
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for row in 0..shown.min(MAX_ROWS + BLANK) {
        let get = |column: &str| text.get(&key(group, row, column)).map(|v| crate::text::clean(v)).unwrap_or_default();
        if empty_row(group, row, text) || !get("remove").is_empty() {
            continue;
        }
        let label = item_label(group, row + 1, lang);
        let mut say = |vi: String, en: String| problems.push(format!("{label}: {}", lang.pick(vi, en)));
        let mut item = Map::new();
        let mut prices = Vec::new();
        for column in columns(group) {
            let value = get(column.key);
            match column.cell {
                Cell::Text if !value.is_empty() => {
                    item.insert(column.key.into(), value.into());
                }
                Cell::Text => {
                    if column.key == "name" {
                        say("cần có tên.".into(), "needs a name.".into());
                    }
                }
                Cell::Number if value.is_empty() => {}
                Cell::Amount if value.is_empty() => {}
                Cell::Amount => match crate::text::vnd(&value).filter(|n| *n >= 0) {
                    Some(n) => {
                        item.insert(column.key.into(), n.into());
                    }
                    None => say(
                        format!("«{}» cần là một số tiền, ví dụ 150000.", column.label(Lang::Vi)),
                        format!("“{}” must be an amount, e.g. 150000.", column.label(Lang::En)),
                    ),
                },
                Cell::Number => match value.replace(' ', "").parse::<u32>() {
                    Ok(n) => {
                        item.insert(column.key.into(), n.into());
                    }
                    Err(_) => say(
                        format!("«{}» cần là một số nguyên (chỉ chữ số).", column.label(Lang::Vi)),
                        format!("“{}” must be a whole number (digits only).", column.label(Lang::En)),
                    ),
                },
                Cell::Price(_) if value.is_empty() => {}
                Cell::Price(customer) => match price(&value) {
                    Some((min, max)) => {
                        let mut p = Map::new();
                        p.insert("customer".into(), customer.code().into());
                        p.insert("min_vnd".into(), min.into());
                        if let Some(max) = max {
                            p.insert("max_vnd".into(), max.into());
                        }
                        prices.push(Value::Object(p));
                    }
                    None => say(
                        format!("giá «{value}» chưa đúng: viết 450000, hoặc một khoảng 450000-600000."),
                        format!("the price “{value}” is not understood: write 450000, or a range 450000-600000."),
                    ),
                },
                Cell::State => {
                    let state = InstrumentState::from_code(&value).unwrap_or(InstrumentState::Working);
                    item.insert(column.key.into(), state.code().into());
                }
                Cell::Flag => {
                    item.insert(column.key.into(), (!value.is_empty()).into());
                }
            }
        }
        if let Some(days) = item.get("turnaround_days").and_then(Value::as_u64) {
            if !(1..=365).contains(&days) {
                say(
                    "thời gian trả kết quả từ 1 đến 365 ngày làm việc.".into(),
                    "turnaround is 1 to 365 working days.".into(),
                );
            }
        }
        if item.get("capacity_per_month").and_then(Value::as_u64) == Some(0) {
            say("số mẫu mỗi tháng ít nhất là 1.".into(), "at least 1 sample a month.".into());
        }
        if !prices.is_empty() {
            item.insert("prices".into(), Value::Array(prices));
        }
        items.push(Value::Object(item));
    }
    if items.len() > MAX_ROWS {
        problems.push(lang.pick(format!("Tối đa {MAX_ROWS} mục."), format!("At most {MAX_ROWS} items.")));
    }
    Some(if problems.is_empty() {
        Ok(Value::Array(items))
    } else {
        Err(FieldError { field: group.into(), message: problems.join(" ") })
    })
}

/// The form values of `group`'s stored `items` (the records format's array).
pub fn values(group: &str, items: &[Value], text: &mut HashMap<String, String>) {
    for (row, item) in items.iter().enumerate() {
        for column in columns(group) {
            let value = match column.cell {
                Cell::Text | Cell::State => item.get(column.key).and_then(Value::as_str).map(String::from),
                Cell::Number | Cell::Amount => item.get(column.key).and_then(Value::as_u64).map(|n| n.to_string()),
                Cell::Flag => item.get(column.key).and_then(Value::as_bool).filter(|b| *b).map(|_| "yes".to_string()),
                Cell::Price(customer) => item
                    .get("prices")
                    .and_then(Value::as_array)
                    .and_then(|prices| prices.iter().find(|p| p["customer"] == customer.code()))
                    .and_then(|p| {
                        let min = p["min_vnd"].as_i64()?;
                        Some(match p["max_vnd"].as_i64() {
                            Some(max) => format!("{min}-{max}"),
                            None => min.to_string(),
                        })
                    }),
            };
            if let Some(value) = value {
                text.insert(key(group, row, column.key), value);
            }
        }
    }
    text.insert(rows_key(group), items.len().to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn services_typed_in_blocks_become_the_records_format_and_back() {
        let text = form(&[
            ("service_catalog.rows", "3"),
            ("service_catalog.0.name", " Kiểm nghiệm histamine "),
            ("service_catalog.0.standard", "TCVN 8352:2010"),
            ("service_catalog.0.price_local_business", "450.000 ₫"),
            ("service_catalog.0.price_business", "500000 – 650000"),
            ("service_catalog.0.turnaround_days", "5"),
            ("service_catalog.1.name", "Bỏ đi"),
            ("service_catalog.1.remove", "yes"),
            ("service_catalog.2.name", ""),
        ]);
        let value = parse("service_catalog", &text, Lang::Vi).unwrap().unwrap();
        let services: Vec<crate::labs::LabService> = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(services.len(), 1, "the removed and the empty block are not items");
        assert_eq!(services[0].name, "Kiểm nghiệm histamine");
        assert_eq!(services[0].prices.len(), 2);
        assert_eq!((services[0].prices[0].min_vnd, services[0].prices[0].max_vnd), (450_000, None));
        assert_eq!((services[0].prices[1].min_vnd, services[0].prices[1].max_vnd), (500_000, Some(650_000)));
        assert_eq!(services[0].turnaround_days, Some(5));
        let mut back = HashMap::new();
        values("service_catalog", value.as_array().unwrap(), &mut back);
        assert_eq!(back["service_catalog.0.price_business"], "500000-650000");
        assert_eq!(back["service_catalog.rows"], "1");
        assert_eq!(parse("service_catalog", &back, Lang::Vi).unwrap().unwrap(), value, "round trip");
        assert!(parse("service_catalog", &form(&[]), Lang::Vi).is_none(), "not on the form: left alone");
    }

    #[test]
    fn a_bad_item_is_named_by_its_place_in_the_readers_language() {
        let text = form(&[
            ("service_catalog.rows", "2"),
            ("service_catalog.0.name", "Vi sinh"),
            ("service_catalog.0.price_research", "-5"),
            ("service_catalog.1.method", "PCR"),
            ("service_catalog.1.turnaround_days", "0"),
        ]);
        let problem = parse("service_catalog", &text, Lang::Vi).unwrap().unwrap_err();
        assert_eq!(problem.field, "service_catalog");
        assert!(problem.message.contains("Dịch vụ 1: giá «-5» chưa đúng"), "{}", problem.message);
        assert!(problem.message.contains("Dịch vụ 2: cần có tên."), "{}", problem.message);
        assert!(problem.message.contains("Dịch vụ 2: thời gian trả kết quả"), "{}", problem.message);
        let wordy = form(&[
            ("instruments.rows", "1"),
            ("instruments.0.name", "HPLC"),
            ("instruments.0.hourly_rate_vnd", "nhiều"),
        ]);
        let problem = parse("instruments", &wordy, Lang::En).unwrap().unwrap_err();
        assert!(
            problem.message.starts_with("Instrument 1: “Hourly rate (₫)” must be an amount"),
            "{}",
            problem.message
        );
        assert_eq!(price("600000-450000"), None, "a range upside down");
        assert_eq!(price("1.000.000 - 2.000.000 VNĐ"), Some((1_000_000, Some(2_000_000))));
        assert_eq!(price("450.000 đồng"), Some((450_000, None)));
        let decimal = form(&[
            ("service_catalog.rows", "1"),
            ("service_catalog.0.name", "Vi sinh"),
            ("service_catalog.0.turnaround_days", "1.5"),
        ]);
        let problem = parse("service_catalog", &decimal, Lang::En).unwrap().unwrap_err();
        assert!(problem.message.contains("must be a whole number"), "1.5 days is not 15: {}", problem.message);
        let rate = form(&[
            ("instruments.rows", "1"),
            ("instruments.0.name", "HPLC"),
            ("instruments.0.hourly_rate_vnd", "5.000.000.000 ₫"),
        ]);
        let value = parse("instruments", &rate, Lang::En).unwrap().unwrap();
        assert_eq!(value[0]["hourly_rate_vnd"], 5_000_000_000i64, "a rate above 4.29 billion");
    }
}
