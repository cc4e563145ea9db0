//! Reference fields by name: what a form offers to choose (the person's own labs and expert
//! profiles, or any organization by its name), and a submitted name turned back into the id it
//! stands for. Ids are still understood (the API and imports send them), never asked for.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::model::{Choices, FieldChoices, ListingForm};
use super::spec::{form, Input};
use crate::catalog::model::Kind;
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;

/// Records offered to a field at most (a province lists far fewer organizations than this).
const MOST_CHOICES: i64 = 2000;

/// What each reference field of `kind`'s form may name, for `user`: an owner field of an offer
/// only their own labs and expert profiles (officers: any), other fields any public record.
pub async fn choices(
    conn: &mut SqliteConnection,
    kind: Kind,
    user: &crate::accounts::model::User,
) -> Result<Choices, AppError> {
    let mut fields = HashMap::new();
    for field in form(kind) {
        let Input::Ref(target) = field.input else { continue };
        let closed = !user.is_staff() && matches!(field.name, "owner_lab" | "owner_expert");
        let rows: Vec<(String, String)> = if closed {
            sqlx::query_as(
                "SELECT r.id, r.title FROM records r JOIN listings l ON l.kind = r.kind AND l.id = r.id
                 WHERE r.kind = $1 AND l.owner = $2 AND r.hidden = 0 ORDER BY r.sort_title",
            )
            .bind(target.code())
            .bind(user.id)
            .fetch_all(&mut *conn)
            .await?
        } else {
            sqlx::query_as("SELECT id, title FROM records WHERE kind = $1 AND hidden = 0 ORDER BY sort_title LIMIT $2")
                .bind(target.code())
                .bind(MOST_CHOICES)
                .fetch_all(&mut *conn)
                .await?
        };
        fields.insert(field.name.to_string(), FieldChoices { closed, options: labelled(rows) });
    }
    Ok(Choices { fields })
}

/// Labels people can tell apart: a title several records share gets the record's id after it.
fn labelled(rows: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (_, title) in &rows {
        *seen.entry(crate::text::fold(title)).or_default() += 1;
    }
    rows.into_iter()
        .map(|(id, title)| {
            let label = if seen[&crate::text::fold(&title)] > 1 { format!("{title} ({id})") } else { title };
            (id, label)
        })
        .collect()
}

/// Turns each reference field's text (a name from the choices, typed with or without marks,
/// or an id) into the id it names. Answers the fields that name nothing or several records.
pub async fn resolve(
    conn: &mut SqliteConnection,
    kind: Kind,
    submitted: &mut ListingForm,
    lang: Lang,
) -> Result<Vec<FieldError>, AppError> {
    let mut errors = Vec::new();
    for field in form(kind) {
        let Input::Ref(target) = field.input else { continue };
        let Some(text) = submitted.text.get(field.name).map(|t| crate::text::nfc(t.trim())) else { continue };
        if text.is_empty() {
            continue;
        }
        let found = named(conn, target, &text).await?;
        match found.as_slice() {
            [id] => {
                submitted.text.insert(field.name.to_string(), id.clone());
            }
            [] => {
                let near = near(conn, target, &text).await?;
                let message = match near.is_empty() {
                    true => lang.pick(
                        format!("Không tìm thấy «{text}». Hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý."),
                        format!("Nothing is called “{text}”. Type part of the name and choose from the suggestions."),
                    ),
                    false => lang.pick(
                        format!("Không tìm thấy «{text}». Có phải: {}?", near.join("; ")),
                        format!("Nothing is called “{text}”. Did you mean: {}?", near.join("; ")),
                    ),
                };
                errors.push(FieldError { field: field.name.into(), message });
            }
            _ => errors.push(FieldError {
                field: field.name.into(),
                message: lang.pick(
                    format!("Có nhiều mục tên «{text}». Hãy chọn một mục trong danh sách gợi ý."),
                    format!("Several records are called “{text}”. Choose one from the suggestions."),
                ),
            }),
        }
    }
    Ok(errors)
}

/// The records of `kind` that `text` names: the record with that id, the one a "Title (id)"
/// label names, or those with that title in any language, marks and case aside (at most two).
async fn named(conn: &mut SqliteConnection, kind: Kind, text: &str) -> Result<Vec<String>, AppError> {
    let labelled_id = text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")).map(|(_, id)| id);
    for id in [Some(text), labelled_id].into_iter().flatten() {
        if crate::catalog::repo::exists(&mut *conn, kind, id).await? {
            return Ok(vec![id.to_string()]);
        }
    }
    let folded = crate::text::fold(text);
    Ok(sqlx::query_scalar(
        "SELECT id FROM records WHERE kind = $1 AND hidden = 0
           AND (sort_title = $2 OR lower(title_en) = lower($3) OR title_vi = $3) LIMIT 2",
    )
    .bind(kind.code())
    .bind(&folded)
    .bind(text)
    .fetch_all(&mut *conn)
    .await?)
}

/// Up to five public titles of `kind` containing what was typed, marks and case aside.
async fn near(conn: &mut SqliteConnection, kind: Kind, text: &str) -> Result<Vec<String>, AppError> {
    let folded = crate::text::fold(text).replace(['%', '_', '\\'], " ");
    Ok(sqlx::query_scalar(
        "SELECT title FROM records WHERE kind = $1 AND hidden = 0 AND instr(sort_title, $2) > 0
         ORDER BY sort_title LIMIT 5",
    )
    .bind(kind.code())
    .bind(folded.trim())
    .fetch_all(&mut *conn)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_title_is_told_apart_by_its_id() {
        let rows = vec![
            ("a".to_string(), "Viện Hải dương học".to_string()),
            ("b".to_string(), "Công ty Yến sào".to_string()),
            ("c".to_string(), "Viện hải dương học".to_string()),
        ];
        let labels: Vec<String> = labelled(rows).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["Viện Hải dương học (a)", "Công ty Yến sào", "Viện hải dương học (c)"]);
    }
}
