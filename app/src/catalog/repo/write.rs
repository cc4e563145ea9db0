//! The catalogue's write path: storing records with their facets and links, hiding them, and
//! checking that a reference resolves.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use std::collections::HashMap;

use crate::catalog::model::{Facet, Kind, Link, Record};
use crate::error::AppError;

/// What storing a record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// Inserts or replaces `record`, with its facets and links; leaves an identical one untouched.
pub async fn upsert(conn: &mut SqliteConnection, record: &Record, now: &str) -> Result<Outcome, AppError> {
    Ok(upsert_many(conn, std::slice::from_ref(record), now).await?.remove(0))
}

/// Records per statement when storing many: SQLite allows 32,766 bound values per statement
/// and a record's row binds 12.
pub const BATCH: usize = 400;

/// Facet or link rows per insert statement (at most 6 values each: 24,000 of SQLite's 32,766).
const ROWS_PER_INSERT: usize = 4_000;

/// `upsert` for many records (distinct keys) in a few statements per `BATCH` of them: imports
/// are bound by round trips to the database thread, not by SQLite. Outcomes in input order.
pub async fn upsert_many(conn: &mut SqliteConnection, records: &[Record], now: &str) -> Result<Vec<Outcome>, AppError> {
    let mut outcomes = Vec::with_capacity(records.len());
    for chunk in records.chunks(BATCH) {
        outcomes.extend(upsert_chunk(conn, chunk, now).await?);
    }
    Ok(outcomes)
}

/// A stored record's key, document, whether hidden, and titles (base, English, Vietnamese).
type StoredRow = (String, String, String, bool, String, Option<String>, Option<String>);

/// Records of `changed` whose titles differ from what `stored` held: the records that name
/// them first (a lab's institute, an offer's lab) take new revisions, so that the search
/// index, which shows whom a record belongs to, follows the rename.
async fn renamed_parents(
    conn: &mut SqliteConnection,
    stored: &[StoredRow],
    changed: &[(&Record, &String)],
) -> Result<(), AppError> {
    let titles: HashMap<_, _> = stored
        .iter()
        .map(|(kind, id, _, _, base, en, vi)| {
            ((kind.as_str(), id.as_str()), (base.as_str(), en.as_deref(), vi.as_deref()))
        })
        .collect();
    for (record, _) in changed {
        let title = record.entry().title();
        let renamed = titles
            .get(&(record.kind().code(), record.id()))
            .is_some_and(|before| *before != (title.base, title.en, title.vi));
        if !renamed {
            continue;
        }
        let children: Vec<(String, String)> = sqlx::query_as(
            "SELECT kind, id FROM record_links WHERE position = 0 AND target_kind = $1 AND target_id = $2
             ORDER BY kind, id",
        )
        .bind(record.kind().code())
        .bind(record.id())
        .fetch_all(&mut *conn)
        .await?;
        for (kind, id) in children {
            sqlx::query(
                "UPDATE records SET revision = (SELECT MAX(revision) + 1 FROM records) WHERE kind = $1 AND id = $2",
            )
            .bind(kind)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Appends `(VALUES (kind, id), …)` of `records` to `q`.
fn push_keys<'r>(q: &mut QueryBuilder<Sqlite>, records: impl IntoIterator<Item = &'r Record>) {
    q.push("(VALUES ");
    let mut keys = q.separated(", ");
    for record in records {
        keys.push("(")
            .push_bind_unseparated(record.kind().code())
            .push_unseparated(", ")
            .push_bind_unseparated(record.id())
            .push_unseparated(")");
    }
    q.push(")");
}

/// The stored rows of `records` (those that exist), read in one statement.
async fn stored_rows(conn: &mut SqliteConnection, records: &[Record]) -> Result<Vec<StoredRow>, AppError> {
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT kind, id, doc, hidden, title, title_en, title_vi FROM records WHERE (kind, id) IN ",
    );
    push_keys(&mut q, records);
    Ok(q.build_query_as().fetch_all(&mut *conn).await?)
}

/// Each record's document as stored.
fn documents(records: &[Record]) -> Result<Vec<String>, AppError> {
    records.iter().map(|r| serde_json::to_string(r).map_err(AppError::internal)).collect()
}

/// What storing each of `records` (documents `docs`) over `stored` would do.
fn outcomes_over(records: &[Record], docs: &[String], stored: &[StoredRow]) -> Vec<Outcome> {
    let stored: HashMap<(&str, &str), &str> =
        stored.iter().map(|(k, i, d, ..)| ((k.as_str(), i.as_str()), d.as_str())).collect();
    records
        .iter()
        .zip(docs)
        .map(|(r, doc)| match stored.get(&(r.kind().code(), r.id())) {
            None => Outcome::Inserted,
            Some(existing) if existing == doc => Outcome::Unchanged,
            Some(_) => Outcome::Updated,
        })
        .collect()
}

/// What `upsert_many` would do with `records` (distinct keys), reading only: a check of a file
/// takes no write lock, so nobody else waits for it.
pub async fn outcomes_many(conn: &mut SqliteConnection, records: &[Record]) -> Result<Vec<Outcome>, AppError> {
    let mut outcomes = Vec::with_capacity(records.len());
    for chunk in records.chunks(BATCH) {
        let stored = stored_rows(conn, chunk).await?;
        outcomes.extend(outcomes_over(chunk, &documents(chunk)?, &stored));
    }
    Ok(outcomes)
}

async fn upsert_chunk(conn: &mut SqliteConnection, records: &[Record], now: &str) -> Result<Vec<Outcome>, AppError> {
    let docs = documents(records)?;
    let rows = stored_rows(conn, records).await?;
    let outcomes = outcomes_over(records, &docs, &rows);
    let hidden: HashMap<(&str, &str), bool> =
        rows.iter().map(|(k, i, _, h, ..)| ((k.as_str(), i.as_str()), *h)).collect();
    let stored_of = |r: &Record| hidden.get(&(r.kind().code(), r.id())).copied();
    let changed: Vec<(&Record, &String)> =
        records.iter().zip(&docs).zip(&outcomes).filter(|(_, o)| **o != Outcome::Unchanged).map(|(rd, _)| rd).collect();
    if changed.is_empty() {
        return Ok(outcomes);
    }
    let base: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(revision), 0) FROM records").fetch_one(&mut *conn).await?;
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO records (kind, id, title, title_en, title_vi, sort_title, trl, closes, doc, created_at, updated_at, revision) ",
    );
    q.push_values(changed.iter().enumerate(), |mut row, (i, (record, doc))| {
        let entry = record.entry();
        let title = entry.title();
        row.push_bind(record.kind().code())
            .push_bind(entry.id())
            .push_bind(title.base)
            .push_bind(title.en)
            .push_bind(title.vi)
            .push_bind(crate::text::fold(title.base))
            .push_bind(entry.trl().map(i64::from))
            .push_bind(entry.closes().map(|d| d.to_string()))
            .push_bind(doc.as_str())
            .push_bind(now)
            .push_bind(now)
            .push_bind(base + i as i64 + 1);
    });
    q.push(
        " ON CONFLICT (kind, id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en,
           title_vi = excluded.title_vi, sort_title = excluded.sort_title, trl = excluded.trl,
           closes = excluded.closes, doc = excluded.doc, updated_at = excluded.updated_at,
           revision = excluded.revision",
    );
    q.build().execute(&mut *conn).await?;

    renamed_parents(conn, &rows, &changed).await?;

    let updated: Vec<&Record> = changed.iter().map(|(r, _)| *r).filter(|r| stored_of(r).is_some()).collect();
    if !updated.is_empty() {
        for table in ["record_facets", "record_links"] {
            let mut q = QueryBuilder::<Sqlite>::new(format!("DELETE FROM {table} WHERE (kind, id) IN "));
            push_keys(&mut q, updated.iter().copied());
            q.build().execute(&mut *conn).await?;
        }
    }
    // Hidden records keep no facet rows, so that counts leave them out.
    let facets: Vec<(&Record, Facet, &str)> = changed
        .iter()
        .filter(|(r, _)| stored_of(r) != Some(true))
        .flat_map(|(r, _)| facets_of(r).into_iter().map(move |(f, v)| (*r, f, v)))
        .collect();
    // A record may have dozens of facets: rows go in groups that stay under SQLite's limit.
    for rows in facets.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO record_facets (kind, id, facet, value) ");
        q.push_values(rows, |mut row, (record, facet, value)| {
            row.push_bind(record.kind().code()).push_bind(record.id()).push_bind(facet.code()).push_bind(*value);
        });
        q.build().execute(&mut *conn).await?;
    }
    let links: Vec<(&Record, usize, Link)> = changed
        .iter()
        .flat_map(|(r, _)| r.entry().links().into_iter().enumerate().map(move |(i, l)| (*r, i, l)))
        .collect();
    for rows in links.chunks(ROWS_PER_INSERT) {
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO record_links (kind, id, rel, position, target_kind, target_id) ");
        q.push_values(rows, |mut row, (record, position, link)| {
            row.push_bind(record.kind().code())
                .push_bind(record.id())
                .push_bind(link.rel.as_str())
                .push_bind(*position as i64)
                .push_bind(link.kind.code())
                .push_bind(link.id.as_str());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(outcomes)
}

/// Takes a record out of public view or brings it back; true if that changed anything. It
/// takes the next revision, so the search index follows.
pub async fn set_hidden(conn: &mut SqliteConnection, kind: Kind, id: &str, hidden: bool) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE records SET hidden = $1, revision = (SELECT COALESCE(MAX(revision), 0) + 1 FROM records)
         WHERE kind = $2 AND id = $3 AND hidden <> $1",
    )
    .bind(hidden)
    .bind(kind.code())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let changed = done.rows_affected() == 1;
    if !changed {
        return Ok(false);
    }
    // Facet counts read the facet table alone: a hidden record has no facets there.
    sqlx::query("DELETE FROM record_facets WHERE kind = $1 AND id = $2")
        .bind(kind.code())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if !hidden {
        let doc: String = sqlx::query_scalar("SELECT doc FROM records WHERE kind = $1 AND id = $2")
            .bind(kind.code())
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
        let record: Record = serde_json::from_str(&doc).map_err(AppError::internal)?;
        insert_facets(&mut *conn, &record).await?;
    }
    Ok(true)
}

/// Stores the vocabulary values of `record` for filters and counts.
async fn insert_facets(conn: &mut SqliteConnection, record: &Record) -> Result<(), AppError> {
    let (kind, entry) = (record.kind().code(), record.entry());
    let facets = facets_of(record);
    if !facets.is_empty() {
        // One statement for all of a record's facets: imports are bound by round trips.
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO record_facets (kind, id, facet, value) ");
        q.push_values(facets, |mut row, (facet, value)| {
            row.push_bind(kind).push_bind(entry.id()).push_bind(facet.code()).push_bind(value);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The vocabulary values of `record` (sectors and its kind's facets), each once.
fn facets_of(record: &Record) -> Vec<(Facet, &'static str)> {
    let entry = record.entry();
    let mut facets: Vec<_> = entry.sectors().iter().map(|s| (Facet::Sector, s.code())).chain(entry.facets()).collect();
    facets.sort();
    facets.dedup();
    facets
}

/// Whether a record of `kind` with `id` is stored.
pub async fn exists(conn: &mut SqliteConnection, kind: Kind, id: &str) -> Result<bool, AppError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM records WHERE kind = $1 AND id = $2")
        .bind(kind.code())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}
