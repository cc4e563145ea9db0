//! From a request to ranked, faceted, highlighted results: run the query `clauses` builds,
//! count the facets, keep kinds varied, and present each hit with its snippet; and the
//! suggestions shown while typing.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, FuzzyTermQuery, Occur, Query, Weight};
use tantivy::schema::{Facet, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use super::analyzer::Word;
use super::clauses::{any_of, query_words, term};
use super::index::SearchIndex;
use super::model::{Hit, SearchRequest, SearchResults, Suggestion, DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_CHARS};
use super::snippet::snippet;
use crate::catalog::model::{Record, Text};
use crate::error::AppError;
use crate::i18n::Lang;

/// The facet dimensions counted for every search (the last three: labs' service filters,
/// `SERVICE_FILTERS`).
const DIMENSIONS: [&str; 8] = ["kind", "sector", "type", "status", "trl", "accredited", "turnaround", "price_max"];
/// Longest search kept by the result cache (bounds its memory: 2,000 × 4 KB keys).
const MAX_KEY_BYTES: usize = 4_096;

impl SearchIndex {
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
        let text = self.text_query(searcher, &words);
        let filters = |skip: Option<&str>| self.filter_clauses(req, today, skip);
        let query = self.full_query(text.as_ref().map(|t| t.ranked.box_clone()), filters(None));
        let limit = if req.limit == 0 { DEFAULT_LIMIT } else { req.limit.min(MAX_LIMIT) };
        let offset = req.offset.min(10_000);
        let facet_counter = || {
            let mut collector = FacetCollector::for_field("facets");
            for dim in DIMENSIONS {
                collector.add_facet(format!("/{dim}").as_str());
            }
            collector
        };
        // What is counted (total, facets): the matches, which hold most of the words; when
        // nothing does, the facets count every result (what is shown).
        let matched = match &text {
            Some(t) => {
                let q = self.full_query(Some(t.most_words.box_clone()), filters(None));
                Some(searcher.search(&q, &(Count, facet_counter())).map_err(AppError::internal)?)
            }
            None => None,
        }
        .filter(|(n, _)| *n > 0);
        let matches = matched.as_ref().map_or(0, |(n, _)| *n);
        let counting = |skip: Option<&str>| match &text {
            Some(t) if matches > 0 => self.full_query(Some(t.most_words.box_clone()), filters(skip)),
            t => self.full_query(t.as_ref().map(|t| t.ranked.box_clone()), filters(skip)),
        };
        let diversify = self.weights.diversity < 1.0;
        let fetch = if diversify { ((offset + limit) * 3).clamp(30, 400) } else { offset + limit };
        let top = TopDocs::with_limit(fetch).order_by_score();
        let (top, found, counts) = match matched {
            Some((_, counts)) => {
                let (top, found) = searcher.search(&query, &(top, Count)).map_err(AppError::internal)?;
                (top, found, counts)
            }
            None => searcher.search(&query, &(top, Count, facet_counter())).map_err(AppError::internal)?,
        };
        let top = if diversify { self.diversified(searcher, top)? } else { top };
        let top: Vec<(f32, DocAddress)> = top.into_iter().skip(offset).take(limit).collect();
        // With words, only the matches count: when nothing holds most of them, what holds some
        // is shown, every one marked related, and the count says there is no match.
        let total = if text.is_some() { matches } else { found };

        let mut facets = BTreeMap::new();
        for dim in DIMENSIONS {
            let filtered = match dim {
                "kind" => !req.kinds.is_empty(),
                "sector" => !req.sectors.is_empty(),
                "type" => !req.org_types.is_empty(),
                "status" => !req.statuses.is_empty(),
                "trl" => req.trl_min.is_some() || req.trl_max.is_some(),
                service => req.services.iter().any(|(facet, _)| facet.code() == service),
            };
            let counts = if filtered {
                let mut c = FacetCollector::for_field("facets");
                c.add_facet(format!("/{dim}").as_str());
                searcher
                    .search(&counting(Some(dim)), &c)
                    .map_err(AppError::internal)?
                    .get(&format!("/{dim}"))
                    .map(leaf)
                    .collect()
            } else {
                counts.get(&format!("/{dim}")).map(leaf).collect()
            };
            facets.insert(dim.to_string(), counts);
        }

        let plain: Vec<Word> = words.iter().map(|(w, _)| w.clone()).collect();
        let terms = self.highlight_terms(&plain);
        let is_match = match (&text, matches) {
            (Some(t), 1..) => {
                Some(t.most_words.weight(EnableScoring::disabled_from_searcher(searcher)).map_err(AppError::internal)?)
            }
            _ => None,
        };
        let hits = top
            .into_iter()
            .map(|(score, address)| {
                let mut hit = self.hit(searcher, address, score, lang, today, &terms)?;
                hit.related = match &is_match {
                    Some(weight) => !holds(weight.as_ref(), searcher, address)?,
                    None => text.is_some(),
                };
                Ok(hit)
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let suggestion =
            words.iter().any(|(_, c)| *c).then(|| plain.iter().map(|w| w.exact.as_str()).collect::<Vec<_>>().join(" "));
        let related = found.saturating_sub(total) as u64;
        let ignored = text.as_ref().map(|t| t.unheld.clone()).unwrap_or_default();
        let mut results =
            SearchResults { total: total as u64, related, hits, facets, suggestion, without_filters: None, ignored };
        if found == 0 && !words.is_empty() && req.has_filters() {
            let q = self.full_query(text.map(|t| t.ranked), Vec::new());
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
            related: false,
            service: match &record {
                Record::Lab(lab) => crate::labs::best_for(&lab.service_catalog, terms).map(|s| s.line(lang)),
                _ => None,
            },
        })
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

/// Whether the query of `weight` matches the document at `address`.
fn holds(weight: &dyn Weight, searcher: &Searcher, address: DocAddress) -> Result<bool, AppError> {
    let mut scorer = weight.scorer(searcher.segment_reader(address.segment_ord), 1.0).map_err(AppError::internal)?;
    // A scorer starts on its first document and only moves forward.
    if scorer.doc() > address.doc_id {
        return Ok(false);
    }
    Ok(scorer.seek(address.doc_id) == address.doc_id)
}
