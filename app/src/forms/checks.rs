//! Checks of what a person typed into a form, with messages they can act on.

use crate::error::{AppError, FieldError};
use crate::i18n::Lang;

/// The longest note, condition or purpose.
pub const MAX_NOTE: usize = 2000;

/// A validation error on field `name`.
pub fn field(name: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError { field: name.into(), message: message.into() }])
}

/// A short or long text of field `name`, cleaned; none when empty; refused when longer than
/// `max` characters or holding control characters.
pub fn text(typed: &str, name: &str, max: usize, lang: Lang) -> Result<Option<String>, AppError> {
    let text = crate::text::clean(typed);
    if text.chars().count() > max {
        return Err(field(name, lang.pick(format!("Tối đa {max} ký tự."), format!("At most {max} characters."))));
    }
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
        return Err(field(
            name,
            lang.pick(
                "Có ký tự điều khiển không đọc được; hãy gõ lại.",
                "It holds unreadable control characters; type it again.",
            ),
        ));
    }
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// An optional note of at most 2000 characters (see `text`).
pub fn note(typed: &str, name: &str, lang: Lang) -> Result<Option<String>, AppError> {
    text(typed, name, MAX_NOTE, lang)
}
