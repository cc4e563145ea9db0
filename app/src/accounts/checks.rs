//! What a sign-up form must satisfy, with messages for the person filling it in.

use super::model::{is_plausible_email, Role, MAX_NAME, MAX_PASSWORD, MIN_PASSWORD};
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;

/// A validation error on one field.
pub fn field(name: &str, message: &str) -> AppError {
    AppError::Validation(vec![FieldError { field: name.into(), message: message.into() }])
}

/// Checks a new password.
pub fn password(lang: Lang, password: &str) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD {
        return Err(field(
            "password",
            &lang.pick(
                format!("Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự."),
                format!("The password needs at least {MIN_PASSWORD} characters."),
            ),
        ));
    }
    if password.len() > MAX_PASSWORD {
        return Err(field(
            "password",
            &lang.pick(
                format!("Mật khẩu dài tối đa {MAX_PASSWORD} ký tự."),
                format!("The password can have at most {MAX_PASSWORD} characters."),
            ),
        ));
    }
    Ok(())
}

/// Whether `name` (trimmed) may be a person's name: at most `MAX_NAME` characters, with a
/// letter or digit (not only invisible or combining characters), no control characters and no
/// direction overrides (which would turn the text around it back to front).
pub fn name_ok(name: &str) -> bool {
    let overrides = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    name.chars().count() <= MAX_NAME
        && name.chars().any(char::is_alphanumeric)
        && !name.chars().any(|c| c.is_control() || overrides(c))
}

/// What a refused name is told (Vietnamese, English).
const NAME_VI: &str = "Hãy nhập họ tên bằng chữ (tối đa 120 ký tự, không xuống dòng, không ký tự ẩn).";
const NAME_EN: &str = "Enter your name in letters (at most 120 characters, on one line, no hidden characters).";

/// What a refused name is told, in `lang`.
pub fn name_message(lang: Lang) -> &'static str {
    lang.pick(NAME_VI, NAME_EN)
}

const EMAIL_VI: &str = "Email chưa đúng dạng, ví dụ: ten@congty.vn.";
const EMAIL_EN: &str = "This does not look like an email address, e.g. name@company.vn.";

/// Refuses, next to the `email` field, an address that cannot receive mail.
pub fn email(lang: Lang, email: &str) -> Result<(), AppError> {
    match is_plausible_email(email) {
        true => Ok(()),
        false => Err(field("email", lang.pick(EMAIL_VI, EMAIL_EN))),
    }
}

/// Checks a sign-up form, listing every problem.
pub fn sign_up(
    lang: Lang,
    name: &str,
    email: &str,
    pass: &str,
    role: Option<Role>,
    consent: bool,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, vi: &str, en: &str| {
        errors.push(FieldError { field: field.into(), message: lang.pick(vi, en).into() })
    };
    if !name_ok(name) {
        fail("name", NAME_VI, NAME_EN);
    }
    if !is_plausible_email(email) {
        fail("email", EMAIL_VI, EMAIL_EN);
    }
    if role.is_none() {
        fail(
            "role",
            "Hãy chọn bạn là doanh nghiệp hay nhà khoa học.",
            "Choose whether you are a business or a researcher.",
        );
    }
    if !consent {
        fail(
            "consent",
            "Hãy đồng ý với điều khoản sử dụng và chính sách bảo vệ dữ liệu cá nhân để tạo tài khoản.",
            "Agree to the terms of use and the personal-data policy to create an account.",
        );
    }
    if let Err(AppError::Validation(mut more)) = password(lang, pass) {
        errors.append(&mut more);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(result: Result<(), AppError>) -> Vec<String> {
        match result {
            Err(AppError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        assert_eq!(
            fields(sign_up(Lang::Vi, "", "lan", "short", None, false)),
            ["name", "email", "role", "consent", "password"]
        );
        assert_eq!(
            fields(sign_up(Lang::En, "Lan", "lan@startup.vn", &"x".repeat(201), Some(Role::Member), true)),
            ["password"]
        );
        assert!(sign_up(Lang::En, "Lan", "lan@startup.vn", "đủ dài rồi nhé", Some(Role::Member), true).is_ok());
    }

    #[test]
    fn a_password_has_at_least_twelve_characters() {
        assert_eq!(fields(password(Lang::Vi, "mười một ký")), ["password"], "11 characters (ASVS 2.1.1 asks for 12)");
        assert!(password(Lang::Vi, "mười hai ký!").is_ok());
    }
}
