//! The bilingual glossary (`glossary.tsv`, which the province can extend): finds the domain
//! terms in a query, in either language, and gives their equivalents in the other.

use std::collections::HashMap;
use std::ops::Range;

use super::analyzer::{words, Word};

/// The glossary shipped with the portal.
pub const GLOSSARY_TSV: &str = include_str!("glossary.tsv");

/// A term's folded words.
type Phrase = Vec<String>;

/// A term of one entry: its words as written (marks and all) and, for a Vietnamese term, its
/// head, the first word, which the others qualify ("sắc ký lỏng hiệu năng cao" is a "sắc ký",
/// chromatography; "hiệu năng cao" alone is not). English terms have none: their words vary
/// too much ("current forecasting", "forecasting of currents").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub words: Vec<Word>,
    pub head: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Glossary {
    /// Every term, folded, to the entries it belongs to with the term's words as written.
    terms: HashMap<Phrase, Vec<(usize, Vec<String>)>>,
    /// Per entry: the Vietnamese terms, then the English terms.
    entries: Vec<(Vec<Term>, Vec<Term>)>,
    /// Per entry: its main Vietnamese and English terms as written.
    mains: Vec<(String, String)>,
    longest: usize,
}

fn folded(words: &[Word]) -> Phrase {
    words.iter().map(|w| w.folded.clone()).collect()
}

impl Glossary {
    /// Parses the TSV format: `domain<TAB>vi | vi…<TAB>en | en…`, `#` comments.
    pub fn parse(tsv: &str) -> Result<Glossary, String> {
        let mut glossary = Glossary::default();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').collect();
            let [_, vi_text, en_text] = columns[..] else {
                return Err(format!("glossary line {}: expected 3 tab-separated columns", n + 1));
            };
            let side = |s: &str| s.split('|').map(words).filter(|p| !p.is_empty()).collect::<Vec<_>>();
            let entry = glossary.entries.len();
            let (vi, en) = (side(vi_text), side(en_text));
            for term in vi.iter().chain(en.iter()) {
                glossary.longest = glossary.longest.max(term.len());
                let exact = term.iter().map(|w| w.exact.clone()).collect();
                glossary.terms.entry(folded(term)).or_default().push((entry, exact));
            }
            let main = |side: &str| side.split('|').next().unwrap_or("").trim().to_string();
            glossary.mains.push((main(vi_text), main(en_text)));
            let terms = |side: Vec<Vec<Word>>, vietnamese: bool| {
                let term = |words: Vec<Word>| Term { head: vietnamese.then_some(0), words };
                side.into_iter().map(term).collect()
            };
            glossary.entries.push((terms(vi, true), terms(en, false)));
        }
        Ok(glossary)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The equivalents of the glossary terms found in `query`, longest terms first: for a
    /// Vietnamese term its English ones and the reverse, plus same-language synonyms. Each is
    /// a phrase of folded words, never one of the query's own terms. Words typed with marks
    /// must carry the term's marks ("bảo" is not "bão"); words typed without marks match any.
    pub fn expand(&self, query: &[Word]) -> Vec<Phrase> {
        distinct(&self.expand_spans(query)).iter().map(|t| folded(&t.words)).collect()
    }

    /// `expand`, each term with the words of the query it stands for.
    pub fn expand_spans(&self, query: &[Word]) -> Vec<(Range<usize>, Vec<Term>)> {
        let folded_query = folded(query);
        self.found(query)
            .into_iter()
            .map(|(span, entries)| {
                let mut phrases: Vec<Term> = Vec::new();
                for e in entries {
                    let (vi, en) = &self.entries[e];
                    for p in vi.iter().chain(en.iter()) {
                        // A code both columns write ("PCR") once, as the Vietnamese term.
                        let seen = |q: &Term| q.words == p.words;
                        if folded(&p.words) != folded_query[span.clone()] && !phrases.iter().any(seen) {
                            phrases.push(p.clone());
                        }
                    }
                }
                (span, phrases)
            })
            .collect()
    }

    /// The glossary terms in `text`, longest first at each place, each with the entries it
    /// belongs to. Words written with marks must carry the term's marks.
    pub fn found(&self, text: &[Word]) -> Vec<(Range<usize>, Vec<usize>)> {
        let folded_text = folded(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let mut matched = 0;
            for len in (1..=self.longest.min(text.len() - i)).rev() {
                let span = &text[i..i + len];
                let Some(entries) = self.terms.get(&folded_text[i..i + len]) else { continue };
                let same_marks = |exact: &Vec<String>| {
                    span.iter().zip(exact).all(|(q, t)| !q.has_marks() || q.folded == *t || q.exact == *t)
                };
                let mut kept: Vec<usize> = Vec::new();
                for (e, _) in entries.iter().filter(|(_, exact)| same_marks(exact)) {
                    if !kept.contains(e) {
                        kept.push(*e);
                    }
                }
                if !kept.is_empty() {
                    out.push((i..i + len, kept));
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
        out
    }

    /// Whether `text` is one of `entry`'s terms in Vietnamese (`vietnamese`) or English.
    pub fn is_term(&self, entry: usize, vietnamese: bool, text: &str) -> bool {
        let phrase = folded(&words(text));
        self.entries
            .get(entry)
            .is_some_and(|(vi, en)| if vietnamese { vi } else { en }.iter().any(|t| folded(&t.words) == phrase))
    }

    /// Whether `text` is `entry`'s main term in Vietnamese (`vietnamese`) or English.
    pub fn is_main_term(&self, entry: usize, vietnamese: bool, text: &str) -> bool {
        folded(&words(text)) == folded(&words(self.main_term(entry, vietnamese)))
    }

    /// An entry's main term in Vietnamese (`vietnamese`) or English, as written.
    pub fn main_term(&self, entry: usize, vietnamese: bool) -> &str {
        self.mains.get(entry).map_or("", |(vi, en)| if vietnamese { vi } else { en })
    }
}

/// The equivalents of `expand_spans`, each once, in order.
pub fn distinct(spans: &[(Range<usize>, Vec<Term>)]) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for p in spans.iter().flat_map(|(_, phrases)| phrases) {
        if !out.iter().any(|q| q.words == p.words) {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> Vec<String> {
        folded(&words(text))
    }

    #[test]
    fn the_shipped_glossary_parses_and_is_large() {
        let g = Glossary::parse(GLOSSARY_TSV).unwrap();
        assert!(g.len() >= 500, "{} entries", g.len());
    }

    #[test]
    fn english_finds_vietnamese_and_the_reverse() {
        let g = Glossary::parse("aquaculture\ttôm hùm\tlobster | spiny lobster\naquaculture\ttrại giống\thatchery\n")
            .unwrap();
        let en = g.expand(&words("lobster hatchery"));
        assert!(en.contains(&phrase("tôm hùm")) && en.contains(&phrase("trại giống")), "{en:?}");
        let vi = g.expand(&words("nuoi tom hum"));
        assert!(vi.contains(&phrase("lobster")) && vi.contains(&phrase("spiny lobster")), "{vi:?}");
        assert!(!vi.contains(&phrase("tom hum")), "the query's own terms are not repeated");
    }

    #[test]
    fn a_code_in_both_columns_comes_once() {
        let g = Glossary::parse("x\thệ thống nuôi tuần hoàn | RAS\trecirculating aquaculture system | ras\n").unwrap();
        let out = g.expand(&words("he thong nuoi tuan hoan"));
        assert_eq!(out.iter().filter(|p| **p == phrase("ras")).count(), 1, "{out:?}");
    }

    #[test]
    fn the_longest_term_wins() {
        let g = Glossary::parse("x\ttôm\tshrimp\nx\ttôm hùm\tlobster\n").unwrap();
        let out = g.expand(&words("tôm hùm"));
        assert_eq!(out, vec![phrase("lobster")]);
    }

    #[test]
    fn words_typed_with_marks_keep_them() {
        let g = Glossary::parse("x\tbão\ttyphoon\nx\tbảo quản\tpreservation\n").unwrap();
        assert!(g.expand(&words("bảo dưỡng")).is_empty(), "bảo is not bão");
        assert_eq!(g.expand(&words("bão số 5")), vec![phrase("typhoon")]);
        assert_eq!(g.expand(&words("bao")), vec![phrase("typhoon")], "typed without marks, it may be");
        assert_eq!(g.expand(&words("bảo quản xoài")), vec![phrase("preservation")]);
    }

    #[test]
    fn malformed_lines_are_reported() {
        assert!(Glossary::parse("only two\tcolumns\n").unwrap_err().contains("line 1"));
    }
}
