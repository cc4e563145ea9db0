//! Records named as people name them: a title typed with or without marks, in either
//! language, a "Title (id)" label from a list of choices, or an id (the API and imports send
//! them). Forms use it so that nobody types an id.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::model::Kind;
use crate::error::AppError;
use crate::i18n::Lang;

/// Records offered to a field at most (a province lists far fewer organizations than this).
const MOST_CHOICES: i64 = 2000;

/// The public records of `kind` a form offers to choose, as ids and labels, by title.
pub async fn choices(conn: &mut SqliteConnection, kind: Kind) -> Result<Vec<(String, String)>, AppError> {
    let rows =
        sqlx::query_as("SELECT id, title FROM records WHERE kind = $1 AND hidden = FALSE ORDER BY sort_title LIMIT $2")
            .bind(kind.code())
            .bind(MOST_CHOICES)
            .fetch_all(&mut *conn)
            .await?;
    Ok(labelled(rows))
}

/// Labels people can tell apart: a title several records share gets the record's id after it.
pub fn labelled(rows: Vec<(String, String)>) -> Vec<(String, String)> {
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

/// The id of the one public record of `kind` that `text` names, or what to tell the person
/// when it names none or several.
pub async fn resolve(
    conn: &mut SqliteConnection,
    kind: Kind,
    text: &str,
    lang: Lang,
) -> Result<Result<String, String>, AppError> {
    let text = crate::text::nfc(text.trim());
    let found = named(conn, kind, &text).await?;
    Ok(match found.as_slice() {
        [id] => Ok(id.clone()),
        [] => {
            let near = near(conn, kind, &text).await?;
            Err(match near.is_empty() {
                true => lang.pick(
                    format!("Không tìm thấy «{text}». Hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý."),
                    format!("Nothing is called “{text}”. Type part of the name and choose from the suggestions."),
                ),
                false => lang.pick(
                    format!("Không tìm thấy «{text}». Có phải: {}?", near.join("; ")),
                    format!("Nothing is called “{text}”. Did you mean: {}?", near.join("; ")),
                ),
            })
        }
        _ => Err(lang.pick(
            format!("Có nhiều mục tên «{text}». Hãy chọn một mục trong danh sách gợi ý."),
            format!("Several records are called “{text}”. Choose one from the suggestions."),
        )),
    })
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
        "SELECT id FROM records WHERE kind = $1 AND hidden = FALSE
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
        "SELECT title FROM records WHERE kind = $1 AND hidden = FALSE AND sort_title LIKE '%' || $2 || '%'
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
