//! Applications as their readers see them: each row with its history, the call's checklist and
//! its files, read at once for a whole list.

use super::model::{receipt, Application, FileInfo, Stage, Step, Terms};
use super::repo::{self, Row};
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::i18n::Lang;

/// `rows` as their readers see them, each with its whole history, read at once.
pub async fn views(db: &crate::db::Db, rows: Vec<Row>, lang: Lang) -> Result<Vec<Application>, AppError> {
    views_of(db, rows, None, lang).await
}

/// `views`, where `loaded` is the call or pilot applied to when the caller has it already.
pub(super) async fn views_of(
    db: &crate::db::Db,
    rows: Vec<Row>,
    loaded: Option<&Record>,
    lang: Lang,
) -> Result<Vec<Application>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let applicants: std::collections::HashMap<i64, i64> = rows.iter().map(|r| (r.id, r.applicant)).collect();
    let mut steps: std::collections::HashMap<i64, Vec<Step>> = std::collections::HashMap::new();
    for event in repo::history(db, &ids).await? {
        let Some(stage) = Stage::from_code(&event.stage) else { continue };
        let by_applicant = event.actor.is_some() && event.actor == applicants.get(&event.application).copied();
        let step = Step { stage, at: event.at, comment: event.comment, by_applicant };
        steps.entry(event.application).or_default().push(step);
    }
    let mut terms: std::collections::HashMap<(String, String), Terms> = std::collections::HashMap::new();
    if let Some(record) = loaded {
        let key = (record.kind().code().to_string(), record.entry().id().to_string());
        terms.insert(key, Terms::of(record).unwrap_or_default());
    }
    for row in &rows {
        let key = (row.target_kind.clone(), row.target_id.clone());
        if terms.contains_key(&key) {
            continue;
        }
        let Some(kind) = Kind::from_code(&row.target_kind) else { continue };
        let record = crate::catalog::repo::get(db, kind, &row.target_id).await?;
        terms.insert(key, record.as_ref().and_then(Terms::of).unwrap_or_default());
    }
    let mut files: std::collections::HashMap<i64, Vec<FileInfo>> = std::collections::HashMap::new();
    for (application, id, document, name, size, at) in repo::files_of(db, &ids).await? {
        let href = format!("/applications/{application}/files/{id}");
        files.entry(application).or_default().push(FileInfo { id, document, name, size, at, href });
    }
    let today = crate::clock::today().to_string();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let history = steps.remove(&row.id).unwrap_or_default();
            let terms = terms.get(&(row.target_kind.clone(), row.target_id.clone())).cloned().unwrap_or_default();
            let files = files.remove(&row.id).unwrap_or_default();
            view(row, history, terms, files, lang, &today)
        })
        .collect())
}

fn view(
    row: Row,
    history: Vec<Step>,
    terms: Terms,
    files: Vec<FileInfo>,
    lang: Lang,
    today: &str,
) -> Option<Application> {
    let target_title = row.target_title(lang);
    let stage = Stage::from_code(&row.status)?;
    let may_withdraw = row.may_withdraw(today);
    let may_add_files = row.may_add_files(today);
    Some(Application {
        id: row.id,
        applicant: row.applicant_name,
        organization: row.organization,
        organization_name: row.organization_name,
        target_kind: Kind::from_code(&row.target_kind)?,
        target_title,
        target_id: row.target_id,
        proposal: row.proposal,
        amount_vnd: row.amount_vnd.and_then(|a| u64::try_from(a).ok()),
        links: row.links.lines().map(String::from).collect(),
        stage,
        comment: row.comment,
        receipt: receipt(row.id, &row.created_at),
        created_at: row.created_at,
        updated_at: row.updated_at,
        history,
        may_withdraw,
        terms,
        files,
        may_add_files,
    })
}
