//! The search index: derived from the database, which stays the source of truth. One index,
//! one writer, one reader opened once and shared. It follows the database by revision: every
//! stored change raises a record's revision, and `sync` indexes what is newer than the
//! revision the last commit recorded.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::document::document;
use super::glossary::{Glossary, GLOSSARY_TSV};
use super::schema::{SearchSchema, SCHEMA_VERSION};
use crate::catalog::repo::Listed;
use crate::db::Db;
use crate::error::AppError;

/// Memory for the writer's indexing buffer.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// Records read from the database per indexing batch.
const SYNC_BATCH: i64 = 2_000;

/// What each commit records about itself.
#[derive(Serialize, Deserialize)]
struct Payload {
    schema: u32,
    revision: i64,
}

/// How much each kind of match counts; tuned on the judged query set (`cargo xtask eval`).
#[derive(Debug, Clone)]
pub struct Weights {
    /// Multiplier for matches in a title over the body.
    pub title: f32,
    /// Extra for a word matched with the marks the person typed.
    pub marks: f32,
    /// The English (stemmed) field.
    pub english: f32,
    /// Adjacent words matched as a pair.
    pub pairs: f32,
    /// Records holding every word of the query.
    pub coverage: f32,
    /// A typo corrected to a known word.
    pub fuzzy: f32,
    /// Records of a kind the query names ("chuyên gia …", "… lab").
    pub intent: f32,
    /// Glossary equivalents in the other language.
    pub glossary: f32,
    /// Score kept by each further result of a kind already shown (diversity), 1 to keep all.
    pub diversity: f32,
    /// Share of the query's words a match holds (rounded up): the rest are only related.
    pub most_words: f32,
    /// 1: a record holding a glossary equivalent as a whole phrase holds the words of its term
    /// (and one of a kind holds the words naming it), for `most_words` and the every-word
    /// bonus; 0: only the words themselves (long need texts: matching).
    pub phrases: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            title: 0.8,
            marks: 1.0,
            english: 0.5,
            pairs: 1.5,
            coverage: 3.0,
            fuzzy: 0.8,
            intent: 8.0,
            glossary: 0.25,
            diversity: 0.8,
            most_words: 0.66,
            phrases: 1.0,
        }
    }
}

impl Weights {
    /// Reads `name=value,…` over the defaults (for tuning with `cargo xtask eval`).
    pub fn parse(spec: &str, base: Weights) -> Weights {
        let mut w = base;
        for pair in spec.split(',') {
            let Some((name, value)) = pair.split_once('=') else { continue };
            let Ok(v) = value.trim().parse::<f32>() else { continue };
            match name.trim() {
                "title" => w.title = v,
                "marks" => w.marks = v,
                "english" => w.english = v,
                "pairs" => w.pairs = v,
                "coverage" => w.coverage = v,
                "fuzzy" => w.fuzzy = v,
                "intent" => w.intent = v,
                "glossary" => w.glossary = v,
                "diversity" => w.diversity = v,
                "most_words" => w.most_words = v,
                "phrases" => w.phrases = v,
                _ => {}
            }
        }
        w
    }
}

pub struct SearchIndex {
    pub(crate) schema: SearchSchema,
    /// Ranking weights of search.
    pub weights: Weights,
    pub(crate) reader: IndexReader,
    pub(crate) glossary: Glossary,
    index: Index,
    writer: Mutex<IndexWriter>,
    revision: AtomicI64,
    /// Recent results, until the index changes.
    pub(crate) cache: super::cache::ResultCache,
}

fn index_error(err: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("search index: {err}"))
}

impl SearchIndex {
    /// Opens the index in `dir`, or builds an empty one there when it is missing, unreadable
    /// or of another schema version (a `sync` then fills it from the database).
    pub fn open(dir: &Path) -> Result<SearchIndex, AppError> {
        std::fs::create_dir_all(dir).map_err(index_error)?;
        match Self::open_existing(dir) {
            Ok(Some(index)) => return Ok(index),
            Ok(None) => {}
            Err(err) => tracing::warn!("rebuilding the search index: {err}"),
        }
        for entry in std::fs::read_dir(dir).map_err(index_error)? {
            let path = entry.map_err(index_error)?.path();
            let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            removed.map_err(index_error)?;
        }
        let schema = SearchSchema::new();
        let directory = MmapDirectory::open(dir).map_err(index_error)?;
        let index = Index::create(directory, schema.schema.clone(), Default::default()).map_err(index_error)?;
        Self::with_index(index, schema, 0)
    }

    fn open_existing(dir: &Path) -> Result<Option<SearchIndex>, String> {
        if !dir.join("meta.json").exists() {
            return Ok(None);
        }
        let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
        let metas = index.load_metas().map_err(|e| e.to_string())?;
        let payload: Option<Payload> = metas.payload.as_deref().and_then(|p| serde_json::from_str(p).ok());
        let schema = SearchSchema::new();
        match payload {
            Some(p) if p.schema == SCHEMA_VERSION && index.schema() == schema.schema => {
                Self::with_index(index, schema, p.revision).map(Some).map_err(|e| e.to_string())
            }
            _ => Err("its schema version changed".into()),
        }
    }

    /// An index in memory, for tests and evaluation.
    pub fn in_ram() -> Result<SearchIndex, AppError> {
        let schema = SearchSchema::new();
        let index = Index::create_in_ram(schema.schema.clone());
        Self::with_index(index, schema, 0)
    }

    fn with_index(index: Index, schema: SearchSchema, revision: i64) -> Result<SearchIndex, AppError> {
        SearchSchema::register_tokenizers(&index);
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                AppError::Conflict("the search index is in use by another process (is the server running?)".into())
            }
            other => index_error(other),
        })?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(index_error)?;
        let glossary = Glossary::parse(GLOSSARY_TSV).map_err(index_error)?;
        Ok(SearchIndex {
            schema,
            weights: Weights::default(),
            reader,
            glossary,
            index,
            writer: Mutex::new(writer),
            revision: AtomicI64::new(revision),
            cache: super::cache::ResultCache::from_env(super::cache::CAPACITY),
        })
    }

    /// The bilingual glossary queries are expanded with.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The database revision the index has caught up with.
    pub fn revision(&self) -> i64 {
        self.revision.load(Ordering::SeqCst)
    }

    /// Replaces the documents of `records`, commits recording `revision`, and makes the
    /// change visible to searches. Blocking: call from a blocking thread.
    pub fn apply(&self, records: &[Listed], revision: i64) -> Result<(), AppError> {
        let mut writer = self.writer.lock().map_err(index_error)?;
        for listed in records {
            let key = super::document::key(&listed.record);
            writer.delete_term(Term::from_field_text(self.schema.key, &key));
            if !listed.hidden {
                writer.add_document(document(&self.schema, listed)).map_err(index_error)?;
            }
        }
        self.commit(&mut writer, revision)
    }

    /// Removes every document (before a rebuild). Blocking.
    pub fn clear(&self) -> Result<(), AppError> {
        let mut writer = self.writer.lock().map_err(index_error)?;
        writer.delete_all_documents().map_err(index_error)?;
        self.commit(&mut writer, 0)
    }

    fn commit(&self, writer: &mut IndexWriter, revision: i64) -> Result<(), AppError> {
        let mut commit = writer.prepare_commit().map_err(index_error)?;
        commit.set_payload(&serde_json::to_string(&Payload { schema: SCHEMA_VERSION, revision }).unwrap_or_default());
        commit.commit().map_err(index_error)?;
        self.reader.reload().map_err(index_error)?;
        self.revision.store(revision, Ordering::SeqCst);
        Ok(())
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[doc(hidden)]
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }
}

/// Indexes every record stored since the index's revision; returns how many.
pub async fn sync(db: &Db, index: &Arc<SearchIndex>) -> Result<usize, AppError> {
    let mut done = 0;
    loop {
        let batch = crate::catalog::repo::listed_since(db, index.revision(), SYNC_BATCH).await?;
        let Some(revision) = batch.last().map(|(r, _)| *r) else { break };
        let records: Vec<Listed> = batch.into_iter().map(|(_, l)| l).collect();
        done += records.len();
        let index = index.clone();
        tokio::task::spawn_blocking(move || index.apply(&records, revision)).await.map_err(index_error)??;
    }
    Ok(done)
}

/// Empties the index and indexes every record again.
pub async fn rebuild(db: &Db, index: &Arc<SearchIndex>) -> Result<usize, AppError> {
    let cleared = index.clone();
    tokio::task::spawn_blocking(move || cleared.clear()).await.map_err(index_error)??;
    sync(db, index).await
}
