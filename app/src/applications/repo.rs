//! All SQL of applications.

use crate::catalog::model::joined_title;
use crate::clock::now;
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub applicant: i64,
    pub applicant_name: String,
    pub organization: String,
    pub organization_name: Option<String>,
    pub target_kind: String,
    pub target_id: String,
    pub target_title: Option<String>,
    pub target_title_en: Option<String>,
    pub target_title_vi: Option<String>,
    pub proposal: String,
    pub amount_vnd: Option<i64>,
    pub links: String,
    pub status: String,
    pub comment: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The call's or pilot's closing date (YYYY-MM-DD), if it has one.
    pub target_closes: Option<String>,
}

impl Row {
    /// Whether its applicant may still withdraw it on `today` (YYYY-MM-DD): nothing decided,
    /// and the call or pilot not closed (dates compare as text).
    pub fn may_withdraw(&self, today: &str) -> bool {
        let stage = super::model::Stage::from_code(&self.status);
        let open = self.target_closes.as_deref().is_none_or(|closes| closes >= today);
        stage.is_some_and(|s| !s.is_final()) && open
    }

    /// Whether its applicant may still attach documents on `today`: as long as they may
    /// withdraw it, and after the closing date while officers ask for more.
    pub fn may_add_files(&self, today: &str) -> bool {
        self.may_withdraw(today) || self.status == super::model::Stage::MoreInfo.code()
    }

    /// The title of the call or pilot applied to, in `lang`.
    pub fn target_title(&self, lang: Lang) -> String {
        joined_title(lang, &self.target_title, &self.target_title_en, &self.target_title_vi, &self.target_id)
    }
}

const SELECT: &str = "SELECT a.id, a.applicant, u.name AS applicant_name, a.organization, o.title AS organization_name,
    a.target_kind, a.target_id, r.title AS target_title, r.title_en AS target_title_en,
    r.title_vi AS target_title_vi, a.proposal, a.amount_vnd, a.links, a.status, a.comment, a.created_at, a.updated_at,
    r.closes AS target_closes
    FROM applications a JOIN users u ON u.id = a.applicant
    LEFT JOIN records o ON o.kind = 'organization' AND o.id = a.organization
    LEFT JOIN records r ON r.kind = a.target_kind AND r.id = a.target_id ";

/// A new application, as its applicant sent it.
pub struct New<'a> {
    pub applicant: i64,
    pub organization: &'a str,
    pub kind: &'a str,
    pub id: &'a str,
    pub proposal: &'a str,
    pub amount_vnd: Option<u64>,
    pub links: &'a str,
}

/// Stores an application, with its first step: its id and when it was sent; `None` when this
/// person already applied.
pub async fn create(db: &Db, new: New<'_>) -> Result<Option<(i64, String)>, AppError> {
    let at = now();
    let applicant = new.applicant;
    let mut tx = db.begin().await?;
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO applications (applicant, organization, target_kind, target_id, proposal, amount_vnd, links, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $8) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(applicant)
    .bind(new.organization)
    .bind(new.kind)
    .bind(new.id)
    .bind(new.proposal)
    .bind(new.amount_vnd.and_then(|a| i64::try_from(a).ok()))
    .bind(new.links)
    .bind(&at)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(application) = created {
        step(&mut tx, application, applicant, "submitted", None, &at).await?;
    }
    tx.commit().await?;
    Ok(created.map(|id| (id, at)))
}

/// Keeps one step of `application`'s history.
async fn step(
    conn: &mut sqlx::SqliteConnection,
    application: i64,
    actor: i64,
    stage: &str,
    comment: Option<&str>,
    at: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO application_events (application, at, actor, stage, comment) VALUES ($1, $2, $3, $4, $5)")
        .bind(application)
        .bind(at)
        .bind(actor)
        .bind(stage)
        .bind(comment)
        .execute(conn)
        .await?;
    Ok(())
}

/// One step of an application's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub application: i64,
    pub stage: String,
    pub at: String,
    pub comment: Option<String>,
    /// Who took it (none once their account is gone).
    pub actor: Option<i64>,
}

/// The steps of `applications`, oldest first.
pub async fn history(db: &Db, applications: &[i64]) -> Result<Vec<Event>, AppError> {
    if applications.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "SELECT application, stage, at, comment, actor FROM application_events WHERE application IN (",
    );
    let mut ids = q.separated(", ");
    for id in applications {
        ids.push_bind(*id);
    }
    q.push(") ORDER BY application, id");
    Ok(q.build_query_as().fetch_all(db).await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Row>, AppError> {
    let sql = format!("{SELECT} WHERE a.id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?)
}

/// The applications of `applicant`, newest first.
pub async fn by_applicant(db: &Db, applicant: i64) -> Result<Vec<Row>, AppError> {
    let sql = format!("{SELECT} WHERE a.applicant = $1 ORDER BY a.id DESC");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(applicant).fetch_all(db).await?)
}

/// The applications to `kind`/`id`, oldest first.
pub async fn for_target(db: &Db, kind: &str, id: &str) -> Result<Vec<Row>, AppError> {
    let sql = format!("{SELECT} WHERE a.target_kind = $1 AND a.target_id = $2 ORDER BY a.id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(kind).bind(id).fetch_all(db).await?)
}

/// Moves an application from `from` to `to`, if it is still at `from`, keeping the step
/// taken by `actor` (an officer, or the applicant answering).
pub async fn move_to(
    db: &Db,
    id: i64,
    from: &str,
    to: &str,
    comment: Option<&str>,
    actor: i64,
) -> Result<bool, AppError> {
    let at = now();
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("UPDATE applications SET status = $1, comment = $2, updated_at = $3 WHERE id = $4 AND status = $5")
            .bind(to)
            .bind(comment)
            .bind(&at)
            .bind(id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 1 {
        step(&mut tx, id, actor, to, comment, &at).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws `applicant`'s application `id` if it is not decided yet.
pub async fn withdraw(db: &Db, id: i64, applicant: i64) -> Result<bool, AppError> {
    let at = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE applications SET status = 'withdrawn', updated_at = $1
         WHERE id = $2 AND applicant = $3 AND status NOT IN ('accepted', 'rejected', 'withdrawn')",
    )
    .bind(&at)
    .bind(id)
    .bind(applicant)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        step(&mut tx, id, applicant, "withdrawn", None, &at).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// A document to attach.
pub struct NewFile<'a> {
    pub application: i64,
    pub document: &'a str,
    pub name: &'a str,
    pub media_type: &'a str,
    pub content: &'a [u8],
    pub uploaded_by: i64,
}

/// Attaches `file` unless its application already holds `most` files (then `false`).
pub async fn add_file(db: &Db, file: &NewFile<'_>, most: usize) -> Result<bool, AppError> {
    let most = i64::try_from(most).unwrap_or(i64::MAX);
    let size = i64::try_from(file.content.len()).unwrap_or(i64::MAX);
    let done = sqlx::query(
        "INSERT INTO application_files (application, document, name, media_type, size, content, uploaded_by, at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8
         WHERE (SELECT COUNT(*) FROM application_files WHERE application = $1) < $9",
    )
    .bind(file.application)
    .bind(file.document)
    .bind(file.name)
    .bind(file.media_type)
    .bind(size)
    .bind(file.content)
    .bind(file.uploaded_by)
    .bind(now())
    .bind(most)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The documents of `applications`, oldest first, without their content:
/// (application, id, document, name, size, at).
pub async fn files_of(db: &Db, applications: &[i64]) -> Result<Vec<(i64, i64, String, String, i64, String)>, AppError> {
    if applications.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "SELECT application, id, document, name, size, at FROM application_files WHERE application IN (",
    );
    let mut ids = q.separated(", ");
    for id in applications {
        ids.push_bind(*id);
    }
    q.push(") ORDER BY application, id");
    Ok(q.build_query_as().fetch_all(db).await?)
}

/// Document `file` of application `application`: its name, media type and content.
pub async fn file(db: &Db, application: i64, file: i64) -> Result<Option<(String, String, Vec<u8>)>, AppError> {
    Ok(sqlx::query_as("SELECT name, media_type, content FROM application_files WHERE id = $1 AND application = $2")
        .bind(file)
        .bind(application)
        .fetch_optional(db)
        .await?)
}

/// Removes document `file` of application `application`.
pub async fn remove_file(db: &Db, application: i64, file: i64) -> Result<bool, AppError> {
    let done = sqlx::query("DELETE FROM application_files WHERE id = $1 AND application = $2")
        .bind(file)
        .bind(application)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}
