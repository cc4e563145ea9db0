//! The catalogue's read path: records, cards with their parents' titles, list pages with their
//! filter counts, links both ways, and what changed since a revision.

use chrono::NaiveDate;
use sqlx::{QueryBuilder, Sqlite, SqliteExecutor};

use crate::catalog::model::{Facet, Kind, Link, ListFilter, Record, Text, PAGE_SIZE};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

/// One record, public or hidden (for its owner and officers).
pub async fn get_any<'c>(
    db: impl SqliteExecutor<'c>,
    kind: Kind,
    id: &str,
) -> Result<Option<(Record, bool)>, AppError> {
    let row: Option<(String, bool)> = sqlx::query_as("SELECT doc, hidden FROM records WHERE kind = $1 AND id = $2")
        .bind(kind.code())
        .bind(id)
        .fetch_optional(db)
        .await?;
    note_read(kind, id);
    row.map(|(doc, hidden)| Ok((parse(&doc)?, hidden))).transpose()
}

/// A record's title (public or hidden): as written, in Vietnamese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titles {
    pub base: String,
    pub vi: String,
    pub en: String,
}

/// The titles of `kind`/`id`, if there is such a record (public or hidden).
pub async fn titles<'c>(db: impl SqliteExecutor<'c>, kind: Kind, id: &str) -> Result<Option<Titles>, AppError> {
    Ok(get_any(db, kind, id).await?.map(|(record, _)| {
        let title = record.entry().title();
        Titles {
            base: title.base.to_string(),
            vi: title.get(Lang::Vi).to_string(),
            en: title.get(Lang::En).to_string(),
        }
    }))
}

/// Tells the trace (target `record_read`) that a record was read whole: a test counts these to
/// hold that a page reads its record once.
fn note_read(kind: Kind, id: &str) {
    tracing::trace!(target: "record_read", kind = kind.code(), id, "record read");
}

fn parse(doc: &str) -> Result<Record, AppError> {
    serde_json::from_str(doc).map_err(AppError::internal)
}

/// One public record.
pub async fn get(db: &Db, kind: Kind, id: &str) -> Result<Option<Record>, AppError> {
    let doc: Option<String> =
        sqlx::query_scalar("SELECT doc FROM records WHERE kind = $1 AND id = $2 AND hidden = FALSE")
            .bind(kind.code())
            .bind(id)
            .fetch_optional(db)
            .await?;
    note_read(kind, id);
    doc.as_deref().map(parse).transpose()
}

/// A record with the title of the record its card names (its first link).
#[derive(Debug, Clone)]
pub struct Listed {
    pub record: Record,
    parent: Option<(String, Option<String>, Option<String>)>,
    /// When it was last stored (RFC 3339), where the query read it.
    pub updated_at: Option<String>,
    /// Out of public view (the search index drops it).
    pub hidden: bool,
}

impl Listed {
    /// The name of the record it belongs to, in `lang` when translated.
    pub fn parent_title(&self, lang: Lang) -> Option<String> {
        self.parent.as_ref().map(|(base, en, vi)| Text::new(base, en, vi).get(lang).to_string())
    }
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    doc: String,
    #[sqlx(default)]
    updated_at: Option<String>,
    #[sqlx(default)]
    hidden: bool,
    parent_title: Option<String>,
    parent_title_en: Option<String>,
    parent_title_vi: Option<String>,
}

impl TryFrom<ListedRow> for Listed {
    type Error = AppError;

    fn try_from(row: ListedRow) -> Result<Self, AppError> {
        Ok(Listed {
            record: parse(&row.doc)?,
            parent: row.parent_title.map(|t| (t, row.parent_title_en, row.parent_title_vi)),
            updated_at: row.updated_at,
            hidden: row.hidden,
        })
    }
}

const LISTED_COLUMNS: &str =
    "SELECT r.revision, r.doc, r.updated_at, r.hidden, p.title AS parent_title, p.title_en AS parent_title_en,
    p.title_vi AS parent_title_vi FROM records r
    LEFT JOIN record_links l ON l.kind = r.kind AND l.id = r.id AND l.position = 0
    LEFT JOIN records p ON p.kind = l.target_kind AND p.id = l.target_id ";

/// Adds the conditions of `filter` (all but `skip`) for records of `kind` aliased `r`.
fn push_filter(q: &mut QueryBuilder<Sqlite>, kind: Kind, filter: &ListFilter, skip: Option<Facet>) {
    q.push(" WHERE r.hidden = FALSE AND r.kind = ").push_bind(kind.code());
    let mut facets: Vec<Facet> = filter.facets.iter().map(|(f, _)| *f).filter(|f| Some(*f) != skip).collect();
    facets.sort();
    facets.dedup();
    for facet in facets {
        q.push(" AND EXISTS (SELECT 1 FROM record_facets f WHERE f.kind = r.kind AND f.id = r.id AND f.facet = ")
            .push_bind(facet.code())
            .push(" AND f.value IN (");
        let mut values = q.separated(", ");
        for (_, value) in filter.facets.iter().filter(|(f, _)| *f == facet) {
            values.push_bind(value.clone());
        }
        q.push("))");
    }
    if let Some(min) = filter.trl_min {
        q.push(" AND r.trl >= ").push_bind(i64::from(min));
    }
    if let Some(max) = filter.trl_max {
        q.push(" AND r.trl <= ").push_bind(i64::from(max));
    }
}

/// One page of records of `kind` matching `filter`: for kinds with deadlines, upcoming ones
/// first; otherwise by name.
pub async fn list(db: &Db, kind: Kind, filter: &ListFilter, today: NaiveDate) -> Result<(u64, Vec<Listed>), AppError> {
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM records r");
    push_filter(&mut count, kind, filter, None);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let offset = i64::from(filter.page.max(1) - 1) * i64::from(PAGE_SIZE);
    Ok((total as u64, ordered(db, kind, filter, today, Some((i64::from(PAGE_SIZE), offset))).await?))
}

/// Every record of `kind` matching `filter`, in the order of its list.
pub async fn list_all(db: &Db, kind: Kind, filter: &ListFilter, today: NaiveDate) -> Result<Vec<Listed>, AppError> {
    ordered(db, kind, filter, today, None).await
}

/// The first `limit` records of `kind` matching `filter`, in the order of its list.
pub async fn list_first(
    db: &Db,
    kind: Kind,
    filter: &ListFilter,
    today: NaiveDate,
    limit: u32,
) -> Result<Vec<Listed>, AppError> {
    ordered(db, kind, filter, today, Some((i64::from(limit), 0))).await
}

/// Records of `kind` matching `filter` in list order, `page` = (limit, offset) of them or all.
/// The page's keys are chosen first, so that only its documents are read and joined.
async fn ordered(
    db: &Db,
    kind: Kind,
    filter: &ListFilter,
    today: NaiveDate,
    page: Option<(i64, i64)>,
) -> Result<Vec<Listed>, AppError> {
    let mut q = QueryBuilder::<Sqlite>::new("WITH page AS (SELECT r.kind, r.id, r.closes, r.sort_title FROM records r");
    push_filter(&mut q, kind, filter, None);
    let deadlines = matches!(kind, Kind::Call | Kind::Pilot | Kind::Need);
    let order = |q: &mut QueryBuilder<Sqlite>| {
        if deadlines {
            q.push(" ORDER BY CASE WHEN r.closes >= ")
                .push_bind(today.to_string())
                .push(" THEN 0 WHEN r.closes IS NULL THEN 1 ELSE 2 END, r.closes, r.sort_title, r.id");
        } else {
            q.push(" ORDER BY r.sort_title, r.id");
        }
    };
    order(&mut q);
    if let Some((limit, offset)) = page {
        q.push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    }
    q.push(") ").push(
        LISTED_COLUMNS.replace("FROM records r", "FROM page JOIN records r ON r.kind = page.kind AND r.id = page.id"),
    );
    order(&mut q);
    let rows: Vec<ListedRow> = q.build_query_as().fetch_all(db).await?;
    rows.into_iter().map(Listed::try_from).collect()
}

/// For each of `facets`, its values among records of `kind` matching the other filters, with counts.
pub async fn facet_counts(
    db: &Db,
    kind: Kind,
    filter: &ListFilter,
    facets: &[Facet],
) -> Result<Vec<(Facet, Vec<(String, u64)>)>, AppError> {
    let mut out = Vec::new();
    for facet in facets {
        let others_filtered =
            filter.facets.iter().any(|(f, _)| f != facet) || filter.trl_min.is_some() || filter.trl_max.is_some();
        let mut q = if others_filtered {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT v.value, COUNT(*) FROM record_facets v JOIN records r ON r.kind = v.kind AND r.id = v.id",
            );
            push_filter(&mut q, kind, filter, Some(*facet));
            q
        } else {
            // Nothing else narrows the list: the facet table alone answers, from its index.
            let mut q = QueryBuilder::<Sqlite>::new("SELECT v.value, COUNT(*) FROM record_facets v WHERE v.kind = ");
            q.push_bind(kind.code());
            q
        };
        q.push(" AND v.facet = ").push_bind(facet.code()).push(" GROUP BY v.value");
        let rows: Vec<(String, i64)> = q.build_query_as().fetch_all(db).await?;
        let order = facet.codes();
        let mut counts: Vec<(String, u64)> = rows.into_iter().map(|(v, n)| (v, n as u64)).collect();
        counts.sort_by_key(|(v, _)| order.iter().position(|c| c == v).unwrap_or(usize::MAX));
        out.push((*facet, counts));
    }
    Ok(out)
}

/// The public records `links` name (a record's own, so a draft's too), in their order, with
/// the field of each link.
pub async fn links_of(db: &Db, links: &[Link]) -> Result<Vec<(String, Listed)>, AppError> {
    let sql = "SELECT $3 AS rel, t.doc, p.title AS parent_title, p.title_en AS parent_title_en,
        p.title_vi AS parent_title_vi
        FROM records t
        LEFT JOIN record_links tl ON tl.kind = t.kind AND tl.id = t.id AND tl.position = 0
        LEFT JOIN records p ON p.kind = tl.target_kind AND p.id = tl.target_id
        WHERE t.kind = $1 AND t.id = $2 AND t.hidden = FALSE";
    let mut rows = Vec::with_capacity(links.len());
    for link in links {
        let q = sqlx::query_as(sql).bind(link.kind.code()).bind(&link.id).bind(&link.rel);
        rows.extend(q.fetch_optional(db).await?);
    }
    related(rows)
}

/// The records that refer to `kind`/`id`, by kind then name.
pub async fn links_to(db: &Db, kind: Kind, id: &str) -> Result<Vec<(String, Listed)>, AppError> {
    let sql = "SELECT l.rel, r.doc, NULL AS parent_title, NULL AS parent_title_en, NULL AS parent_title_vi
        FROM record_links l JOIN records r ON r.kind = l.kind AND r.id = l.id
        WHERE l.target_kind = $1 AND l.target_id = $2 AND r.hidden = FALSE ORDER BY r.kind, r.sort_title";
    related(sqlx::query_as(sql).bind(kind.code()).bind(id).fetch_all(db).await?)
}

#[derive(sqlx::FromRow)]
struct RelatedRow {
    rel: String,
    #[sqlx(flatten)]
    listed: ListedRow,
}

fn related(rows: Vec<RelatedRow>) -> Result<Vec<(String, Listed)>, AppError> {
    rows.into_iter().map(|row| Ok((row.rel, Listed::try_from(row.listed)?))).collect()
}

/// The newest records of `kind` matching `filter`.
pub async fn newest(db: &Db, kind: Kind, filter: &ListFilter, limit: u32) -> Result<Vec<Listed>, AppError> {
    let mut q = QueryBuilder::<Sqlite>::new(LISTED_COLUMNS);
    push_filter(&mut q, kind, filter, None);
    q.push(" ORDER BY r.created_at DESC, r.closes NULLS FIRST, r.sort_title LIMIT ").push_bind(i64::from(limit));
    let rows: Vec<ListedRow> = q.build_query_as().fetch_all(db).await?;
    rows.into_iter().map(Listed::try_from).collect()
}

/// Up to `limit` records whose revision is above `revision`, in revision order, with it.
pub async fn listed_since(db: &Db, revision: i64, limit: i64) -> Result<Vec<(i64, Listed)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        revision: i64,
        #[sqlx(flatten)]
        listed: ListedRow,
    }
    let sql = format!("{LISTED_COLUMNS} WHERE r.revision > $1 ORDER BY r.revision LIMIT $2");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(revision).bind(limit).fetch_all(db).await?;
    rows.into_iter().map(|row| Ok((row.revision, Listed::try_from(row.listed)?))).collect()
}

/// How many records of each kind are stored.
pub async fn counts(db: &Db) -> Result<Vec<(Kind, u64)>, AppError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, COUNT(*) FROM records WHERE hidden = FALSE GROUP BY kind").fetch_all(db).await?;
    Ok(Kind::ALL
        .iter()
        .map(|k| (*k, rows.iter().find(|(c, _)| c == k.code()).map(|(_, n)| *n as u64).unwrap_or(0)))
        .collect())
}

/// Every record's document, in storage order (kind, then id), for export.
pub fn export_sql() -> String {
    let ranks: String = Kind::ALL.iter().map(|k| format!(" WHEN '{}' THEN {}", k.code(), k.rank())).collect();
    format!("SELECT doc FROM records WHERE hidden = FALSE ORDER BY CASE kind{ranks} END, id")
}
