//! Server functions of the import page: a file's verdicts, and storing its good lines.

use leptos::prelude::*;

use super::model::{Draft, Verdicts};
use crate::error::AppError;

/// The file `token` names, as the officer who sent it sees it (none for an empty token: the
/// page then offers to send one). Officers and administrators only.
#[server(prefix = "/fn", endpoint = "import_draft")]
pub async fn import_draft(token: String) -> Result<Option<Draft>, AppError> {
    use crate::accounts::model::Role;
    let officer = crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    if token.is_empty() {
        return Ok(None);
    }
    let state = crate::state::app_state()?;
    super::repo::draft(&state.db, officer.id, &token).await?.ok_or(AppError::NotFound).map(Some)
}

/// Stores the good lines of the file `token` names, once, in one transaction with the mark that
/// it was stored, what each line did, and the audit entry; answers what each line did.
#[server(prefix = "/fn", endpoint = "store_import")]
pub async fn store_import(token: String) -> Result<Verdicts, AppError> {
    use super::repo;
    use crate::accounts::model::Role;
    let officer = crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    let state = crate::state::app_state()?;
    let lang = crate::i18n::request_lang();
    let mut tx = state.db.begin().await?;
    let Some((file_name, lines)) = repo::take(&mut tx, officer.id, &token).await? else {
        drop(tx);
        return match repo::draft(&state.db, officer.id, &token).await? {
            Some(draft) if draft.stored => {
                Err(AppError::Conflict(lang.pick("Tệp này đã được lưu.", "This file has been stored already.").into()))
            }
            _ => Err(AppError::NotFound),
        };
    };
    let report = crate::catalog::import::import_within(&mut tx, lines, &|_, _| {}).await?;
    let verdicts = Verdicts::of(&report, lang);
    repo::settle(&mut tx, &token, &verdicts).await?;
    let detail = format!(
        "{} new, {} updated, {} unchanged, {} rejected",
        report.inserted,
        report.updated,
        report.unchanged,
        report.rejected.len()
    );
    crate::accounts::repo::audit(&mut *tx, officer.id, "import_records", &file_name, &detail).await?;
    tx.commit().await?;
    Ok(verdicts)
}
