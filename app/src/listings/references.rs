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
        let options = if closed {
            let rows = sqlx::query_as(
                "SELECT r.id, r.title FROM records r JOIN listings l ON l.kind = r.kind AND l.id = r.id
                 WHERE r.kind = $1 AND l.owner = $2 AND r.hidden = FALSE ORDER BY r.sort_title",
            )
            .bind(target.code())
            .bind(user.id)
            .fetch_all(&mut *conn)
            .await?;
            crate::catalog::names::labelled(rows)
        } else {
            crate::catalog::names::choices(conn, target).await?
        };
        fields.insert(field.name.to_string(), FieldChoices { closed, options });
    }
    Ok(Choices { fields })
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
        let Some(text) = submitted.text.get(field.name).map(|t| crate::text::clean(t)) else { continue };
        if text.is_empty() {
            continue;
        }
        match crate::catalog::names::resolve(conn, target, &text, lang).await? {
            Ok(id) => {
                submitted.text.insert(field.name.to_string(), id);
            }
            Err(message) => errors.push(FieldError { field: field.name.into(), message }),
        }
    }
    Ok(errors)
}
