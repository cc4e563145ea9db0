//! What matching asks of the index, through one consistent view of it: how common a word is,
//! the typo corrections of a text's words, and the records that text finds, decoded.

use chrono::NaiveDate;
use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::analyzer::Word;
use super::index::{SearchIndex, Weights};
use super::model::SearchRequest;
use crate::catalog::model::Record;
use crate::error::AppError;
use crate::i18n::Lang;

/// A record a text found, with what ranking it further needs.
pub struct Candidate {
    /// The index's text score under the weights asked for.
    pub score: f32,
    pub record: Record,
    /// When the record last changed.
    pub updated: Option<NaiveDate>,
    /// Its parent's title per language (a lab's organization…), as indexed.
    parent: Option<serde_json::Value>,
}

impl Candidate {
    /// The parent's title in `lang`.
    pub fn parent(&self, lang: Lang) -> Option<String> {
        self.parent.as_ref().and_then(|p| p.get(lang.code())).and_then(|t| t.as_str()).map(str::to_string)
    }
}

/// The index as it is at one moment: every answer below agrees with the others.
pub struct Snapshot<'a> {
    index: &'a SearchIndex,
    searcher: Searcher,
}

impl SearchIndex {
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot { index: self, searcher: self.reader.searcher() }
    }
}

impl Snapshot<'_> {
    /// Records in the index.
    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Records holding the folded word `folded`.
    pub fn doc_freq(&self, folded: &str) -> u64 {
        let term = Term::from_field_text(self.index.schema.body_fold, folded);
        self.searcher.doc_freq(&term).unwrap_or(0)
    }

    /// `words` with typos corrected (flagged `true`), as search reads them.
    pub fn corrected(&self, words: &[Word]) -> Vec<(Word, bool)> {
        self.index.corrected(&self.searcher, words)
    }

    /// The `limit` best records for `words` and adjacent `pairs` under `weights`, among those
    /// `filter` lets through on `today`, best first.
    pub fn candidates(
        &self,
        words: &[(Word, bool)],
        pairs: &[String],
        filter: &SearchRequest,
        weights: &Weights,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Vec<Candidate>, AppError> {
        let index = self.index;
        let Some(text) = index.scoring_query(&self.searcher, words, pairs, false, weights) else {
            return Ok(Vec::new());
        };
        let query = index.full_query(Some(text.ranked), index.filter_clauses(filter, today, None));
        let top =
            self.searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()).map_err(AppError::internal)?;
        let mut found = Vec::with_capacity(top.len());
        for (score, address) in top {
            if let Some(candidate) = self.decode(score, address)? {
                found.push(candidate);
            }
        }
        Ok(found)
    }

    fn decode(&self, score: f32, address: DocAddress) -> Result<Option<Candidate>, AppError> {
        let s = &self.index.schema;
        let doc: TantivyDocument = self.searcher.doc(address).map_err(AppError::internal)?;
        let Some(json) = doc.get_first(s.doc).and_then(|v| v.as_str()) else { return Ok(None) };
        let record: Record = serde_json::from_str(json).map_err(AppError::internal)?;
        let parent = doc.get_first(s.parent).and_then(|v| v.as_str()).and_then(|p| serde_json::from_str(p).ok());
        let updated = self
            .searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .i64("updated")
            .ok()
            .and_then(|c| c.first(address.doc_id))
            .filter(|d| *d > 0)
            .and_then(|d| NaiveDate::default().checked_add_signed(chrono::Duration::days(d)));
        Ok(Some(Candidate { score, record, updated, parent }))
    }
}
