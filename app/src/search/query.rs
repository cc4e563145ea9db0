//! From what a person typed to ranked, faceted, highlighted results. User text is never
//! parsed as query syntax: it is split into words and each word becomes plain term queries.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;

/// Glossary equivalents a query is expanded with at most (a long need names many terms).
const MAX_EXPANSIONS: usize = 24;

use chrono::NaiveDate;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::analyzer::{pairs, words, Word};
use super::document::days;
use super::index::SearchIndex;
use super::model::{Hit, SearchRequest, SearchResults, Suggestion, DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_CHARS};
use super::schema::ENGLISH;
use super::snippet::snippet;
use crate::catalog::model::{Record, Text};
use crate::error::AppError;
use crate::i18n::Lang;

/// The facet dimensions counted for every search.
const DIMENSIONS: [&str; 5] = ["kind", "sector", "type", "status", "trl"];
/// Longest search kept by the result cache (bounds its memory: 2,000 × 4 KB keys).
const MAX_KEY_BYTES: usize = 4_096;
/// Most words of a query that are read.
const MAX_WORDS: usize = 24;

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(queries.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn facet_term(s: &super::schema::SearchSchema, path: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_facet(s.facets, &Facet::from(path)), IndexRecordOption::Basic))
}

/// The words of a query, read safely: trimmed to a sane length, at most `MAX_WORDS`.
pub fn query_words(q: &str) -> Vec<Word> {
    let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
    let mut w = words(&q);
    w.truncate(MAX_WORDS);
    w
}

impl SearchIndex {
    /// The English stem of a word, as the English field indexes it.
    fn stem(&self, word: &str) -> Option<String> {
        let mut analyzer = self.tantivy_index().tokenizers().get(ENGLISH)?;
        let mut stream = analyzer.token_stream(word);
        let mut out = None;
        stream.process(&mut |t| out = Some(t.text.clone()));
        out
    }

    /// The scoring part of a search: what the words, their pairs and their glossary
    /// equivalents match, exact marks and titles weighing most, typos and translations least,
    /// and a bonus for records that hold every word.
    fn text_query(&self, words: &[(Word, bool)]) -> Option<Box<dyn Query>> {
        let plain: Vec<Word> = words.iter().map(|(w, _)| w.clone()).collect();
        self.scoring_query(words, &pairs(&plain), words.len() > 1, &self.weights)
    }

    /// `text_query` with the every-word bonus chosen by the caller (a long need text would
    /// never hold it).
    pub(crate) fn scoring_query(
        &self,
        words: &[(Word, bool)],
        word_pairs: &[String],
        coverage: bool,
        w8: &super::index::Weights,
    ) -> Option<Box<dyn Query>> {
        if words.is_empty() {
            return None;
        }
        let s = &self.schema;
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut every_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (w, corrected) in words {
            let stem = self.stem(&w.exact);
            let mut exact = vec![boost(term(s.title_fold, &w.folded), w8.title), term(s.body_fold, &w.folded)];
            if w.has_marks() {
                exact.push(boost(term(s.title_exact, &w.exact), w8.marks * w8.title));
                exact.push(boost(term(s.body_exact, &w.exact), w8.marks));
            }
            if let Some(stem) = &stem {
                exact.push(boost(term(s.english, stem), w8.english));
            }
            let word_query = any_of(exact);
            every_word.push((Occur::Must, word_query.box_clone()));
            // A corrected typo counts a little less than a word typed right.
            per_word.push((Occur::Should, if *corrected { boost(word_query, w8.fuzzy) } else { word_query }));
        }
        if coverage {
            clauses.push(boost(Box::new(BooleanQuery::new(every_word)), w8.coverage));
        }
        let plain: Vec<Word> = words.iter().map(|(w, _)| w.clone()).collect();
        let folded: Vec<String> = plain.iter().map(|w| w.folded.clone()).collect();
        for kind in super::intent::kinds_named(&folded) {
            let named = facet_term(s, &format!("/kind/{}", kind.code()));
            clauses.push(Box::new(ConstScoreQuery::new(named, w8.intent)));
        }
        for pair in word_pairs {
            clauses.push(boost(term(s.title_pairs, pair), w8.pairs * w8.title));
            clauses.push(boost(term(s.body_pairs, pair), w8.pairs));
        }
        let expansions = self.glossary.expand(&plain);
        let mut gate: Vec<Box<dyn Query>> = Vec::new();
        if !expansions.is_empty() {
            let mut translated: Vec<Box<dyn Query>> = Vec::new();
            for phrase in expansions.iter().take(MAX_EXPANSIONS) {
                let mut parts: Vec<Box<dyn Query>> = Vec::new();
                for w in phrase {
                    parts.push(boost(term(s.title_fold, w), w8.title));
                    parts.push(term(s.body_fold, w));
                    if let Some(stem) = self.stem(w) {
                        parts.push(boost(term(s.english, &stem), w8.english));
                    }
                }
                for pair in phrase.windows(2).map(|p| format!("{}{}", p[0], p[1])) {
                    parts.push(boost(term(s.title_pairs, &pair), w8.pairs * w8.title));
                    parts.push(boost(term(s.body_pairs, &pair), w8.pairs));
                }
                translated.push(any_of(parts));
            }
            gate.push(boost(any_of(translated), w8.glossary));
        }
        // A record must hold enough of the words (or a glossary equivalent) to be a result at
        // all; the rest only ranks. This keeps common syllables from matching everything.
        let needed = ((per_word.len() as f32 * w8.min_words).floor() as usize).max(1);
        gate.insert(0, Box::new(BooleanQuery::with_minimum_required_clauses(per_word, needed)));
        let mut top: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, any_of(gate))];
        top.extend(clauses.into_iter().map(|c| (Occur::Should, c)));
        Some(Box::new(BooleanQuery::new(top)))
    }

    /// The filters of `req`, leaving out the dimension `skip` (for its own counts).
    pub(crate) fn filter_clauses(
        &self,
        req: &SearchRequest,
        today: NaiveDate,
        skip: Option<&str>,
    ) -> Vec<Box<dyn Query>> {
        let s = &self.schema;
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        let mut facet_filter = |dim: &str, values: Vec<String>| {
            if skip != Some(dim) && !values.is_empty() {
                must.push(any_of(values.iter().map(|v| facet_term(s, &format!("/{dim}/{v}"))).collect()));
            }
        };
        facet_filter("kind", req.kinds.iter().map(|k| k.code().to_string()).collect());
        facet_filter("sector", req.sectors.clone());
        facet_filter("type", req.org_types.clone());
        if skip != Some("status") && !req.statuses.is_empty() {
            let open_until = Term::from_field_i64(s.closes, days(today));
            let statuses = req.statuses.iter().map(|status| {
                let has = facet_term(s, &format!("/status/{status}"));
                if status == "open" {
                    let future: Box<dyn Query> =
                        Box::new(RangeQuery::new(Bound::Included(open_until.clone()), Bound::Unbounded));
                    Box::new(BooleanQuery::new(vec![(Occur::Must, has), (Occur::Must, future)])) as Box<dyn Query>
                } else {
                    has
                }
            });
            must.push(any_of(statuses.collect()));
        }
        if skip != Some("trl") && (req.trl_min.is_some() || req.trl_max.is_some()) {
            let bound = |t: Option<u8>, default: u64| {
                Bound::Included(Term::from_field_u64(s.trl, t.map(u64::from).unwrap_or(default)))
            };
            must.push(Box::new(RangeQuery::new(bound(req.trl_min, 1), bound(req.trl_max, 9))));
        }
        must
    }

    pub(crate) fn full_query(&self, text: Option<Box<dyn Query>>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = filters.into_iter().map(|f| (Occur::Must, f)).collect();
        match text {
            Some(text) => clauses.push((Occur::Must, text)),
            None if clauses.is_empty() => return Box::new(AllQuery),
            None => {}
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Runs a search, or answers it from the recent results of the same index generation.
    /// Blocking: call from a blocking thread.
    pub fn search(&self, req: &SearchRequest, lang: Lang, today: NaiveDate) -> Result<SearchResults, AppError> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        // The key holds what the search reads (the text it keeps, the page it can show), and a
        // request too long to be a person's (huge filter lists) is not kept at all.
        let read = SearchRequest {
            q: req.q.chars().take(MAX_QUERY_CHARS).collect(),
            offset: req.offset.min(10_000),
            limit: req.limit.min(MAX_LIMIT),
            ..req.clone()
        };
        let key = serde_json::to_string(&(&read, lang, today)).map_err(AppError::internal)?;
        if key.len() > MAX_KEY_BYTES {
            return self.search_with(&searcher, req, lang, today);
        }
        if let Some(results) = self.cache.get(generation, &key) {
            return Ok(SearchResults::clone(&results));
        }
        let results = self.search_with(&searcher, req, lang, today)?;
        self.cache.put(generation, key, std::sync::Arc::new(results.clone()));
        Ok(results)
    }

    /// Runs a search without the cache (to measure it).
    pub fn search_uncached(
        &self,
        req: &SearchRequest,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<SearchResults, AppError> {
        self.search_with(&self.reader.searcher(), req, lang, today)
    }

    fn search_with(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<SearchResults, AppError> {
        let typed = query_words(&req.q);
        let words = self.corrected(searcher, &typed);
        let text = self.text_query(&words);
        let query = self.full_query(text.as_ref().map(|t| t.box_clone()), self.filter_clauses(req, today, None));
        let limit = if req.limit == 0 { DEFAULT_LIMIT } else { req.limit.min(MAX_LIMIT) };
        let offset = req.offset.min(10_000);
        let mut facets_collector = FacetCollector::for_field("facets");
        for dim in DIMENSIONS {
            facets_collector.add_facet(format!("/{dim}").as_str());
        }
        let diversify = self.weights.diversity < 1.0;
        let fetch = if diversify { ((offset + limit) * 3).clamp(30, 400) } else { offset + limit };
        let top = TopDocs::with_limit(fetch).order_by_score();
        let (top, total, counts) =
            searcher.search(&query, &(top, Count, facets_collector)).map_err(AppError::internal)?;
        let top = if diversify { self.diversified(searcher, top)? } else { top };
        let top: Vec<(f32, DocAddress)> = top.into_iter().skip(offset).take(limit).collect();

        let mut facets = BTreeMap::new();
        for dim in DIMENSIONS {
            let filtered = match dim {
                "kind" => !req.kinds.is_empty(),
                "sector" => !req.sectors.is_empty(),
                "type" => !req.org_types.is_empty(),
                "status" => !req.statuses.is_empty(),
                _ => req.trl_min.is_some() || req.trl_max.is_some(),
            };
            let counts = if filtered {
                let q =
                    self.full_query(text.as_ref().map(|t| t.box_clone()), self.filter_clauses(req, today, Some(dim)));
                let mut c = FacetCollector::for_field("facets");
                c.add_facet(format!("/{dim}").as_str());
                searcher.search(&q, &c).map_err(AppError::internal)?.get(&format!("/{dim}")).map(leaf).collect()
            } else {
                counts.get(&format!("/{dim}")).map(leaf).collect()
            };
            facets.insert(dim.to_string(), counts);
        }

        let plain: Vec<Word> = words.iter().map(|(w, _)| w.clone()).collect();
        let terms = self.highlight_terms(&plain);
        let hits = top
            .into_iter()
            .map(|(score, address)| self.hit(searcher, address, score, lang, today, &terms))
            .collect::<Result<Vec<_>, _>>()?;
        let suggestion =
            words.iter().any(|(_, c)| *c).then(|| plain.iter().map(|w| w.exact.as_str()).collect::<Vec<_>>().join(" "));
        let mut results = SearchResults { total: total as u64, hits, facets, suggestion, without_filters: None };
        if total == 0 && !words.is_empty() && req.has_filters() {
            let q = self.full_query(text, Vec::new());
            results.without_filters = Some(searcher.search(&q, &Count).map_err(AppError::internal)? as u64);
        }
        Ok(results)
    }

    /// Re-ranks so that each further result of a kind already ranked counts a little less:
    /// a query about lobsters shows the lab, the expert and the offer, not ten offers.
    fn diversified(
        &self,
        searcher: &Searcher,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<(f32, DocAddress)>, AppError> {
        let mut seen = [0i32; 8];
        let mut out = Vec::with_capacity(top.len());
        for (score, address) in top {
            let kinds =
                searcher.segment_reader(address.segment_ord).fast_fields().u64("kind").map_err(AppError::internal)?;
            let kind = kinds.first(address.doc_id).unwrap_or(0).min(7) as usize;
            out.push((score * self.weights.diversity.powi(seen[kind]), address));
            seen[kind] += 1;
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(out)
    }

    /// The folded words to mark in snippets: the query's and their glossary equivalents'.
    fn highlight_terms(&self, words: &[Word]) -> HashSet<String> {
        let folded: Vec<String> = words.iter().map(|w| w.folded.clone()).collect();
        let mut terms: HashSet<String> = folded.iter().cloned().collect();
        for phrase in self.glossary.expand(words) {
            terms.extend(phrase);
        }
        terms
    }

    pub(crate) fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        lang: Lang,
        today: NaiveDate,
        terms: &HashSet<String>,
    ) -> Result<Hit, AppError> {
        let doc: TantivyDocument = searcher.doc(address).map_err(AppError::internal)?;
        let stored = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let record: Record = serde_json::from_str(&stored(self.schema.doc)).map_err(AppError::internal)?;
        let subtitle = serde_json::from_str::<serde_json::Value>(&stored(self.schema.parent))
            .ok()
            .and_then(|p| p.get(lang.code()).and_then(|t| t.as_str()).map(str::to_string));
        let entry = record.entry();
        let title = record.display_title(lang);
        let mut text = entry.summary().get(lang).to_string();
        for extra in record.lists().into_iter().map(|l| l.join(", ")) {
            text.push_str(" · ");
            text.push_str(&extra);
        }
        Ok(Hit {
            kind: record.kind(),
            id: entry.id().to_string(),
            title,
            subtitle,
            score,
            snippet: snippet(&text, terms, 32),
            badges: entry.badges(lang, today),
        })
    }

    /// The query's words with typos corrected: a word the index does not know becomes the
    /// closest word it does (flagged `true`).
    pub(crate) fn corrected(&self, searcher: &Searcher, words: &[Word]) -> Vec<(Word, bool)> {
        use super::correct::{correction, known};
        words
            .iter()
            .map(|w| {
                let s = &self.schema;
                if known(searcher, s.body_fold, &w.folded) || known(searcher, s.title_fold, &w.folded) {
                    return (w.clone(), false);
                }
                match correction(searcher, s.body_fold, &w.folded) {
                    Some(fixed) => (Word { exact: fixed.clone(), folded: fixed }, true),
                    None => (w.clone(), false),
                }
            })
            .collect()
    }

    /// Titles completing what is being typed: earlier words must match, the last is a prefix.
    pub fn suggest(&self, q: &str, lang: Lang, limit: usize) -> Result<Vec<Suggestion>, AppError> {
        let words = query_words(q);
        let Some((last, before)) = words.split_last() else { return Ok(Vec::new()) };
        let s = &self.schema;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = before
            .iter()
            .map(|w| (Occur::Must, any_of(vec![term(s.title_fold, &w.folded), term(s.body_fold, &w.folded)])))
            .collect();
        let prefix: Box<dyn Query> =
            Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(s.title_fold, &last.folded), 0, false));
        clauses.push((Occur::Must, prefix));
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&BooleanQuery::new(clauses), &TopDocs::with_limit(limit.min(20)).order_by_score())
            .map_err(AppError::internal)?;
        let mut out = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(AppError::internal)?;
            let Some(json) = doc.get_first(s.doc).and_then(|v| v.as_str()) else { continue };
            let record: Record = serde_json::from_str(json).map_err(AppError::internal)?;
            let title = Text::get(&record.entry().title(), lang).to_string();
            out.push(Suggestion { kind: record.kind(), id: record.id().to_string(), title });
        }
        Ok(out)
    }
}

/// `/kind/lab` → ("lab", n).
fn leaf((facet, count): (&Facet, u64)) -> (String, u64) {
    let path = facet.to_path();
    (path.last().map(|s| s.to_string()).unwrap_or_default(), count)
}
