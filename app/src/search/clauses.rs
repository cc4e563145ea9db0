//! From a query's words to a tantivy query. User text is never parsed as query syntax: it is
//! split into words, typos are corrected against the index's own words, and each word becomes
//! plain term queries (marks as typed, folded, English stem, adjacent pairs, glossary
//! equivalents), weighted, then gated by the request's filters.

use std::ops::{Bound, Range};

use chrono::NaiveDate;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::analyzer::{pairs, words, Word};
use super::document::days;
use super::glossary::Term as GlossaryTerm;
use super::index::{SearchIndex, Weights};
use super::model::{SearchRequest, MAX_QUERY_CHARS};
use super::schema::ENGLISH;

/// Glossary equivalents a query is expanded with at most (a long need names many terms).
const MAX_EXPANSIONS: usize = 24;

/// Most words of a query that are read.
const MAX_WORDS: usize = 24;

/// Share of all records above which a word is too common to count towards a match.
const COMMON_SHARE: f32 = 0.2;
/// Records a catalogue needs before word shares mean anything.
const MIN_RECORDS_FOR_SHARE: u64 = 100;

/// A query's text as tantivy queries.
pub(crate) struct TextQuery {
    /// What ranks the results: every record holding one of the words (or an equivalent).
    pub ranked: Box<dyn Query>,
    /// The records holding most of the words (`Weights::most_words`): the matches.
    pub most_words: Box<dyn Query>,
    /// The words typed that no record holds (nothing corrected them), left out of what is
    /// counted while some other word is held; empty when none is.
    pub unheld: Vec<String>,
}

pub(super) fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}

pub(super) fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(queries.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn facet_term(s: &super::schema::SearchSchema, path: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_facet(s.facets, &Facet::from(path)), IndexRecordOption::Basic))
}

/// The query's words, `n` of them, grouped: the words of overlapping `terms` together, every
/// other word alone; in order.
fn units(n: usize, mut terms: Vec<Range<usize>>) -> Vec<Range<usize>> {
    terms.sort_by_key(|t| t.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut next = 0;
    for term in terms.into_iter().filter(|t| t.end <= n) {
        match out.last_mut() {
            Some(last) if term.start < last.end => last.end = last.end.max(term.end),
            _ => {
                out.extend((next..term.start).map(|i| i..i + 1));
                out.push(term.clone());
            }
        }
        next = out.last().map_or(0, |l| l.end);
    }
    out.extend((next..n).map(|i| i..i + 1));
    out
}

/// Records that must write two words together (in titles, or in texts) for the pair to count
/// as one thing.
const MIN_COMPOUND: u64 = 2;

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
    pub(super) fn text_query(&self, searcher: &Searcher, words: &[(Word, bool)]) -> Option<TextQuery> {
        let plain: Vec<Word> = words.iter().map(|(w, _)| w.clone()).collect();
        self.scoring_query(searcher, words, &pairs(&plain), words.len() > 1, &self.weights)
    }

    /// `text_query` with the every-word bonus chosen by the caller (a long need text would
    /// never hold it).
    pub(crate) fn scoring_query(
        &self,
        searcher: &Searcher,
        words: &[(Word, bool)],
        word_pairs: &[String],
        coverage: bool,
        w8: &Weights,
    ) -> Option<TextQuery> {
        if words.is_empty() {
            return None;
        }
        let s = &self.schema;
        let plain: Vec<Word> = words.iter().map(|(w, _)| w.clone()).collect();
        // Glossary equivalents score (any of their words) and let a record in; with `phrases`,
        // a record holding one as a whole phrase also holds the words of the query's term.
        let folded: Vec<String> = plain.iter().map(|w| w.folded.clone()).collect();
        let spans = self.glossary.expand_spans(&plain);
        let expansions = super::glossary::distinct(&spans);
        let loose: Vec<Box<dyn Query>> =
            expansions.iter().take(MAX_EXPANSIONS).map(|p| self.phrase_query(p, w8, false)).collect();
        let loose = (!loose.is_empty()).then(|| boost(any_of(loose), w8.glossary));
        let mut equivalents: Vec<Vec<Box<dyn Query>>> = (0..words.len()).map(|_| Vec::new()).collect();
        // The words that stand for one thing (a glossary term, a kind's name) count as one.
        let mut terms: Vec<Range<usize>> = Vec::new();
        // What holds the whole query when it is one such thing ("nước mắm": "fish sauce").
        let mut whole_query: Vec<Box<dyn Query>> = Vec::new();
        if w8.phrases > 0.0 {
            let mut expanded = 0;
            for (span, phrases) in spans {
                terms.push(span.clone());
                let take = MAX_EXPANSIONS.saturating_sub(expanded).min(phrases.len());
                expanded += take;
                let whole: Vec<Box<dyn Query>> =
                    phrases.iter().take(take).map(|p| self.phrase_query(p, w8, true)).collect();
                if whole.is_empty() {
                    continue;
                }
                // Held, not scored: their score comes once, from `loose`.
                let held: Box<dyn Query> = Box::new(ConstScoreQuery::new(any_of(whole), 0.0));
                if span == (0..words.len()) {
                    whole_query.push(held.box_clone());
                }
                for i in span {
                    equivalents[i].push(held.box_clone());
                }
            }
            // Words naming a kind ("phòng thí nghiệm HPLC") are held by every record of it.
            for (span, kind) in super::intent::names_at(&folded) {
                terms.push(span.clone());
                let of_kind = facet_term(s, &format!("/kind/{}", kind.code()));
                if span == (0..words.len()) {
                    whole_query.push(Box::new(ConstScoreQuery::new(of_kind.box_clone(), 0.0)));
                }
                for i in span {
                    equivalents[i].push(Box::new(ConstScoreQuery::new(of_kind.box_clone(), 0.0)));
                }
            }
        }
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut every_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Whether any record holds each word (itself, its English stem or an equivalent).
        let mut known: Vec<bool> = Vec::with_capacity(words.len());
        let holding = |field: Field, text: &str| searcher.doc_freq(&Term::from_field_text(field, text)).unwrap_or(1);
        for ((w, corrected), translated) in words.iter().zip(equivalents) {
            let stem = self.stem(&w.exact);
            known.push(
                !translated.is_empty()
                    || holding(s.body_fold, &w.folded) + holding(s.title_fold, &w.folded) > 0
                    || stem.as_deref().is_some_and(|stem| holding(s.english, stem) > 0),
            );
            let mut exact = vec![boost(term(s.title_fold, &w.folded), w8.title), term(s.body_fold, &w.folded)];
            if w.has_marks() {
                exact.push(boost(term(s.title_exact, &w.exact), w8.marks * w8.title));
                exact.push(boost(term(s.body_exact, &w.exact), w8.marks));
            }
            if let Some(stem) = &stem {
                exact.push(boost(term(s.english, stem), w8.english));
            }
            let word_query = any_of(exact);
            let literal = word_query.box_clone();
            // A corrected typo counts a little less than a word typed right.
            let typed = if *corrected { boost(word_query, w8.fuzzy) } else { word_query };
            // A word is held by a record that has it, or a glossary equivalent of its term.
            let held = match translated.is_empty() {
                true => typed,
                false => any_of(std::iter::once(typed).chain(translated).collect()),
            };
            // The bonus for holding every word scores the words typed, not their equivalents.
            every_word.push((Occur::Must, Box::new(ConstScoreQuery::new(held.box_clone(), 0.0))));
            every_word.push((Occur::Should, literal));
            per_word.push((Occur::Should, held));
        }
        if coverage {
            clauses.push(boost(Box::new(BooleanQuery::new(every_word)), w8.coverage));
        }
        for kind in super::intent::kinds_named(&folded) {
            let named = facet_term(s, &format!("/kind/{}", kind.code()));
            clauses.push(Box::new(ConstScoreQuery::new(named, w8.intent)));
        }
        for pair in word_pairs {
            clauses.push(boost(term(s.title_pairs, pair), w8.pairs * w8.title));
            clauses.push(boost(term(s.body_pairs, pair), w8.pairs));
        }
        // A record must hold one of the words (or an equivalent) to be a result at all, and
        // most of them to be counted as a match (the rest are only related; they rank as
        // before, among the matches). Counting matches alone keeps common syllables from
        // counting the whole catalogue; and words found in much of it ("công nghệ") are not
        // counted at all beside words that tell something ("công nghệ nuôi tôm": "nuôi tôm").
        let total = searcher.num_docs();
        let common = |folded: &str| {
            let holding = searcher.doc_freq(&Term::from_field_text(s.body_fold, folded)).unwrap_or(0);
            total >= MIN_RECORDS_FOR_SHARE && holding as f32 > COMMON_SHARE * total as f32
        };
        // A word no record holds (a typo nothing corrects, something the catalogue lacks) does
        // not count either: "tôm hùm zzqx" is about lobsters.
        let all = units(words.len(), terms);
        let held: Vec<Range<usize>> = all.iter().filter(|unit| (*unit).clone().all(|i| known[i])).cloned().collect();
        let unheld = match held.is_empty() {
            true => Vec::new(),
            false => {
                let mut unheld: Vec<String> = Vec::new();
                for i in (0..words.len()).filter(|i| !known[*i]) {
                    if !unheld.contains(&plain[i].exact) {
                        unheld.push(plain[i].exact.clone());
                    }
                }
                unheld
            }
        };
        let held = if held.is_empty() { all } else { held };
        let telling: Vec<Range<usize>> =
            held.iter().filter(|unit| !(*unit).clone().all(|i| common(&folded[i]))).cloned().collect();
        let counted = if telling.is_empty() { held } else { telling };
        let units: Vec<(Occur, Box<dyn Query>)> = counted
            .into_iter()
            .map(|unit| {
                let all: Vec<(Occur, Box<dyn Query>)> =
                    unit.map(|i| (Occur::Must, per_word[i].1.box_clone())).collect();
                (Occur::Should, Box::new(BooleanQuery::new(all)) as Box<dyn Query>)
            })
            .collect();
        let most = ((units.len() as f32 * w8.most_words).ceil() as usize).clamp(1, units.len().max(1));
        let mut most_words: Box<dyn Query> = Box::new(BooleanQuery::with_minimum_required_clauses(units, most));
        // Two words the catalogue writes together ("nước mắm") name one thing: a record holding
        // them apart ("nước … mầm bệnh") is related, not a match; one holding the pair, or
        // what the pair stands for, is.
        if let [a, b] = folded.as_slice() {
            let pair = format!("{a}{b}");
            let records = |field: Field| searcher.doc_freq(&Term::from_field_text(field, &pair)).unwrap_or(0);
            if records(s.body_pairs).max(records(s.title_pairs)) >= MIN_COMPOUND {
                whole_query.push(term(s.title_pairs, &pair));
                whole_query.push(term(s.body_pairs, &pair));
                most_words = any_of(whole_query);
            }
        }
        let mut gate: Box<dyn Query> = Box::new(BooleanQuery::with_minimum_required_clauses(per_word, 1));
        if let Some(loose) = loose {
            gate = any_of(vec![gate, loose]);
        }
        let mut top: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, gate)];
        top.extend(clauses.into_iter().map(|c| (Occur::Should, c)));
        Some(TextQuery { ranked: Box::new(BooleanQuery::new(top)), most_words, unheld })
    }

    /// A glossary equivalent: with `whole`, as a phrase (every adjacent pair of its words, or
    /// its one word, must be there, so "sắc ký lỏng" never matches a "lồng" alone); else any of
    /// its words will do, pairs scoring more, but a Vietnamese term's head must be there with
    /// its marks ("tính toán hiệu năng cao" is not "sắc ký lỏng hiệu năng cao").
    fn phrase_query(&self, phrase: &GlossaryTerm, w8: &Weights, whole: bool) -> Box<dyn Query> {
        let s = &self.schema;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, w) in phrase.words.iter().enumerate() {
            let head = phrase.head == Some(i);
            let occur = if head { Occur::Must } else { Occur::Should };
            if !whole && head && w.has_marks() {
                let word = vec![boost(term(s.title_exact, &w.exact), w8.title), term(s.body_exact, &w.exact)];
                parts.push((occur, any_of(word)));
                continue;
            }
            let mut word = vec![boost(term(s.title_fold, &w.folded), w8.title), term(s.body_fold, &w.folded)];
            if let Some(stem) = self.stem(&w.folded) {
                word.push(boost(term(s.english, &stem), w8.english));
            }
            parts.push((occur, any_of(word)));
        }
        let pair_occur = if whole { Occur::Must } else { Occur::Should };
        for pair in phrase.words.windows(2).map(|p| format!("{}{}", p[0].folded, p[1].folded)) {
            let in_title = boost(term(s.title_pairs, &pair), w8.pairs * w8.title);
            parts.push((pair_occur, any_of(vec![in_title, boost(term(s.body_pairs, &pair), w8.pairs)])));
        }
        Box::new(BooleanQuery::new(parts))
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
        for facet in super::model::SERVICE_FILTERS {
            facet_filter(facet.code(), req.service_values(facet));
        }
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
}

#[cfg(test)]
mod tests {
    use super::units;

    #[test]
    fn the_words_of_a_term_count_as_one() {
        let phrase = 0..3;
        assert_eq!(units(4, vec![phrase]), vec![0..3, 3..4]);
        assert_eq!(units(3, vec![]), vec![0..1, 1..2, 2..3]);
        assert_eq!(units(5, vec![3..5, 1..2, 0..2]), vec![0..2, 2..3, 3..5]);
        assert_eq!(units(4, vec![0..2, 1..3]), vec![0..3, 3..4]);
    }
}
