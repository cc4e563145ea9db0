//! A repeating group on a record form (`rows`): a block of inputs per item held, two empty
//! blocks to fill, and on each held item a box that takes it off.

use leptos::prelude::*;

use super::model::FormValues;
use super::rows::{columns, item_label, items, key, rows_key, Cell, BLANK};
use super::spec::FormField;
use crate::error::AppError;
use crate::forms::FieldMessage;
use crate::i18n::{use_lang, Lang};
use crate::labs::InstrumentState;

/// The group `field` with what `values` holds for it.
#[component]
pub fn RowsField(field: FormField, values: FormValues, result: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    let lang = use_lang();
    let group = field.name;
    let held = items(group, &values.text);
    let open = result.with_untracked(|r| matches!(r, Some(Err(_))));
    let total = held.len() + BLANK;
    let blocks = held
        .iter()
        .map(|row| Some(*row))
        .chain(std::iter::repeat_n(None, BLANK))
        .enumerate()
        .map(|(at, from)| block(group, at, from, &values, open, lang))
        .collect_view();
    view! {
        <fieldset class="check-field rows-field" id=group aria-describedby=format!("{group}-error")>
            <legend>{field.label(lang).to_string()}</legend>
            <p class="hint">{lang.pick(
                "Điền vào khối trống để thêm; cần thêm nữa thì lưu rồi mở lại biểu mẫu. Giá ghi một số (450000) hoặc một khoảng (450000-600000); để trống nếu không áp dụng.",
                "Fill an empty block to add one; to add more, save and open the form again. Write a price as one number (450000) or a range (450000-600000); leave it empty where it does not apply.",
            )}</p>
            <input type="hidden" name=format!("text[{}]", rows_key(group)) value=total.to_string()/>
            // What is wrong, before the blocks it names.
            <FieldMessage result field=group/>
            {blocks}
        </fieldset>
    }
}

/// Block `at` of `group`, filled from the values of item `from` (none: empty); a stored one
/// is folded unless `open`.
fn block(
    group: &'static str,
    at: usize,
    from: Option<usize>,
    values: &FormValues,
    open: bool,
    lang: Lang,
) -> impl IntoView {
    let get =
        |column: &str| from.and_then(|row| values.text.get(&key(group, row, column)).cloned()).unwrap_or_default();
    let inputs = columns(group)
        .iter()
        .map(|column| {
            let name = format!("text[{}]", key(group, at, column.key));
            let id = format!("{group}-{at}-{}", column.key);
            let value = get(column.key);
            let label = column.label(lang);
            match column.cell {
                Cell::Flag => view! {
                    <label class="check"><input type="checkbox" name=name value="yes" checked=!value.is_empty()/>" "{label}</label>
                }
                .into_any(),
                Cell::State => {
                    let options = InstrumentState::ALL
                        .iter()
                        .map(|state| {
                            let selected = value == state.code() || (value.is_empty() && *state == InstrumentState::Working);
                            view! { <option value=state.code() selected=selected>{state.label(lang)}</option> }
                        })
                        .collect_view();
                    view! {
                        <div class="form-field">
                            <label for=id.clone()>{label}</label>
                            <select id=id name=name>{options}</select>
                        </div>
                    }
                    .into_any()
                }
                Cell::Number | Cell::Amount | Cell::Price(_) => view! {
                    <div class="form-field">
                        <label for=id.clone()>{label}</label>
                        <input id=id name=name value=value inputmode="numeric" maxlength="40"/>
                    </div>
                }
                .into_any(),
                Cell::Text => view! {
                    <div class="form-field">
                        <label for=id.clone()>{label}</label>
                        <input id=id name=name value=value maxlength="300"/>
                    </div>
                }
                .into_any(),
            }
        })
        .collect_view();
    let label = item_label(group, at + 1, lang);
    match from {
        // A stored item folds to its name (the page stays short on a phone); it opens when
        // the form came back refused, to show what to mend.
        Some(_) => {
            let name = format!("text[{}]", key(group, at, "remove"));
            let summary = format!("{label}: {}", get("name"));
            view! {
                <details class="row-item" open=open>
                    <summary>{summary}</summary>
                    <div class="row-grid">{inputs}</div>
                    <label class="check remove"><input type="checkbox" name=name value="yes" checked=!get("remove").is_empty()/>" "{lang.pick("Bỏ mục này khi lưu", "Remove this one on saving")}</label>
                </details>
            }
            .into_any()
        }
        None => view! {
            <fieldset class="row-item">
                <legend>{label}</legend>
                <div class="row-grid">{inputs}</div>
            </fieldset>
        }
        .into_any(),
    }
}
