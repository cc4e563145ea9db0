//! Finding partners for a need: candidates come from the search index (same Vietnamese and
//! cross-language analysis as search), restricted to the kinds wanted; each is then scored by
//! `score` and the list is diversified so that one organization does not fill it.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::Match;
use super::quotes::Said;
use super::reasons::Explainer;
use super::score::{availability, freshness, location, sector_fit, trl_fit, Components, NeedProfile};
use super::words::is_stop_word;
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::search::analyzer::{words, Word};
use crate::search::index::{SearchIndex, Weights};
use crate::search::model::SearchRequest;

/// Candidates scored per request.
const CANDIDATES: usize = 200;
/// Most words of a need's text that are read.
const MAX_WORDS: usize = 400;
/// Share of all records above which a word is too common to tell fit.
const COMMON_SHARE: f32 = 0.2;
/// Records a catalogue needs before word shares mean anything.
const MIN_RECORDS_FOR_SHARE: u64 = 100;
/// Candidates whose phrases are read at least (twice the matches asked for, when more).
const MIN_READ: usize = 20;
/// Score kept by each further match from an organization already listed.
const SAME_ORGANIZATION: f32 = 0.9;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct MatchQuery {
    /// The need's words (title and description).
    pub text: String,
    pub profile: NeedProfile,
    pub kinds: Vec<Kind>,
    /// Organization types allowed, for organizations (a call's eligible types).
    pub org_types: Vec<String>,
    /// A record never to suggest (the one being matched).
    pub exclude: Option<(Kind, String)>,
}

/// Ranked, explained matches. Blocking: call from a blocking thread.
pub fn find(
    index: &SearchIndex,
    q: &MatchQuery,
    limit: usize,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<Match>, AppError> {
    find_weighted(index, q, &super::weights::weights(), limit, lang, today)
}

/// `find` under other text weights (for tuning them).
pub fn find_weighted(
    index: &SearchIndex,
    q: &MatchQuery,
    weights: &Weights,
    limit: usize,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<Match>, AppError> {
    // Retrieve: every distinct word of the need once, and the pairs of adjacent words as written.
    let view = index.snapshot();
    let mut typed = words(&q.text);
    typed.truncate(MAX_WORDS);
    let mut pairs: Vec<String> = crate::search::analyzer::pairs(&typed);
    pairs.sort();
    pairs.dedup();
    let mut seen = std::collections::HashSet::new();
    typed.retain(|w| !is_stop_word(&w.folded) && seen.insert(w.folded.clone()));
    let corrected = view.corrected(&typed);
    let words = distinctive(corrected.clone(), view.num_docs(), |w| view.doc_freq(w));
    // Words dropped as too common do not explain a match either.
    let common = corrected.into_iter().map(|(w, _)| w.folded).filter(|f| !words.iter().any(|(w, _)| w.folded == *f));
    let said = Said::new(&q.text, index.glossary(), common.collect());
    let explainer = Explainer { said, need: &q.profile, glossary: index.glossary(), lang, today };
    let filter = SearchRequest { kinds: q.kinds.clone(), org_types: q.org_types.clone(), ..SearchRequest::default() };
    let candidates = view.candidates(&words, &pairs, &filter, weights, CANDIDATES, today)?;
    let best = candidates.first().map(|c| c.score).unwrap_or(1.0).max(f32::EPSILON);

    // Score: the text's share of the best, with the fit the need asks for; first as if each
    // candidate had something in common with the need (the most it can score).
    let mut scored: Vec<(f32, Record, Option<String>, Components)> = Vec::new();
    for candidate in candidates {
        let record = &candidate.record;
        if q.exclude.as_ref().is_some_and(|(k, id)| *k == record.kind() && id == record.id()) {
            continue;
        }
        let components = Components {
            text: candidate.score / best,
            sector: sector_fit(&q.profile.sectors, record.entry().sectors()),
            trl: trl_fit(q.profile.trl_min, record),
            availability: availability(record, today),
            location: location(record),
            freshness: freshness(candidate.updated, today),
            in_common: 1.0,
        };
        let parent = candidate.parent(lang);
        scored.push((components.score(), candidate.record, parent, components));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Then what each has in common, best first, until no further candidate could make the
    // list: reading a record's phrases is the costly part.
    let keep = (limit * 2).max(MIN_READ);
    let mut kept: Vec<f32> = Vec::new();
    let mut settled: Vec<(f32, Record, Option<String>)> = Vec::with_capacity(scored.len());
    for (most, record, parent, mut components) in scored {
        let out_of_reach = kept.len() >= keep && kept.last().is_some_and(|kth| most < *kth);
        components.in_common = if out_of_reach { 0.0 } else { explainer.in_common(&record) };
        let score = components.score();
        let at = kept.partition_point(|k| *k >= score);
        if at < keep {
            kept.insert(at, score);
            kept.truncate(keep);
        }
        settled.push((score, record, parent));
    }
    settled.sort_by(|a, b| b.0.total_cmp(&a.0));

    // Diversify: each further match from the same organization counts a little less.
    let mut per_parent: HashMap<String, i32> = HashMap::new();
    let mut diversified: Vec<(f32, Record, Option<String>)> = settled
        .into_iter()
        .map(|(score, record, parent)| {
            let key = parent.clone().unwrap_or_else(|| format!("{}/{}", record.kind().code(), record.id()));
            let seen = per_parent.entry(key).or_insert(0);
            let adjusted = score * SAME_ORGANIZATION.powi(*seen);
            *seen += 1;
            (adjusted, record, parent)
        })
        .collect();
    diversified.sort_by(|a, b| b.0.total_cmp(&a.0));

    // Explain: only what is shown.
    Ok(diversified
        .into_iter()
        .take(limit)
        .map(|(score, record, parent)| {
            let (strength, reasons) = explainer.explain(&record);
            Match {
                kind: record.kind(),
                id: record.id().to_string(),
                title: record.display_title(lang),
                score: (score * 1000.0).round() / 1000.0,
                strength,
                reasons,
                subtitle: parent,
                badges: record.entry().badges(lang, today),
            }
        })
        .collect())
}

/// The words of a need that say something about fit: in a catalogue large enough to tell, words
/// found in more than `COMMON_SHARE` of all records ("system", "công nghệ") are dropped, unless
/// that would leave nothing. Tuned on the judged needs (0.15 to 0.3 score alike).
/// `doc_freq` gives the number of records holding a folded word, out of `total`.
fn distinctive(words: Vec<(Word, bool)>, total: u64, doc_freq: impl Fn(&str) -> u64) -> Vec<(Word, bool)> {
    if total < MIN_RECORDS_FOR_SHARE {
        return words;
    }
    let common = |w: &Word| doc_freq(&w.folded) as f32 > COMMON_SHARE * total as f32;
    let kept: Vec<(Word, bool)> = words.iter().filter(|(w, _)| !common(w)).cloned().collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// What a stored or posted need looks for.
pub fn need_query(title: &str, description: &str, profile: NeedProfile, kinds: Vec<Kind>) -> MatchQuery {
    MatchQuery { text: format!("{title}. {title}. {description}"), profile, kinds, ..MatchQuery::default() }
}

/// The other direction: what an offer, lab or expert could answer (needs), or who a call
/// could fund (eligible organizations).
pub fn reverse_query(record: &Record) -> Option<MatchQuery> {
    let entry = record.entry();
    if !matches!(record, Record::Lab(_) | Record::Expert(_) | Record::Offer(_) | Record::Call(_)) {
        return None;
    }
    let mut text = format!("{} {}", entry.title().base, entry.summary().base);
    for item in record.lists().into_iter().flatten() {
        text.push_str(". ");
        text.push_str(item);
    }
    let profile = NeedProfile { sectors: entry.sectors().to_vec(), trl_min: None };
    let exclude = Some((record.kind(), record.id().to_string()));
    Some(match record {
        Record::Call(call) => MatchQuery {
            text,
            profile,
            kinds: vec![Kind::Organization],
            org_types: call.eligible.iter().map(|t| t.code().to_string()).collect(),
            exclude,
        },
        _ => MatchQuery { text, profile, kinds: vec![Kind::Need], org_types: Vec::new(), exclude },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Vec<(Word, bool)> {
        words(text).into_iter().map(|w| (w, false)).collect()
    }

    fn folded(words: &[(Word, bool)]) -> Vec<&str> {
        words.iter().map(|(w, _)| w.folded.as_str()).collect()
    }

    #[test]
    fn words_in_more_than_a_fifth_of_the_catalogue_are_dropped() {
        let df = |w: &str| if w == "cong" || w == "nghe" { 400 } else { 3 };
        assert_eq!(folded(&distinctive(typed("công nghệ ăn mòn"), 1000, df)), ["an", "mon"]);
        assert_eq!(folded(&distinctive(typed("công nghệ"), 1000, df)), ["cong", "nghe"], "never left with nothing");
        assert_eq!(folded(&distinctive(typed("công nghệ ăn mòn"), 50, df)).len(), 4, "a small catalogue cannot tell");
    }
}
