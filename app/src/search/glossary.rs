//! The bilingual glossary (`glossary.tsv`, which the province can extend): finds the domain
//! terms in a query, in either language, and gives their equivalents in the other.

use std::collections::HashMap;

use super::analyzer::words;

/// The glossary shipped with the portal.
pub const GLOSSARY_TSV: &str = include_str!("glossary.tsv");

/// A term of one entry: its folded words.
type Phrase = Vec<String>;

#[derive(Debug, Default)]
pub struct Glossary {
    /// Every term, folded, to the entries it belongs to.
    terms: HashMap<Phrase, Vec<usize>>,
    /// Per entry: the Vietnamese terms, then the English terms.
    entries: Vec<(Vec<Phrase>, Vec<Phrase>)>,
    longest: usize,
}

fn phrase(text: &str) -> Phrase {
    words(text).into_iter().map(|w| w.folded).collect()
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
            let [_, vi, en] = columns[..] else {
                return Err(format!("glossary line {}: expected 3 tab-separated columns", n + 1));
            };
            let side = |s: &str| s.split('|').map(phrase).filter(|p| !p.is_empty()).collect::<Vec<_>>();
            let entry = glossary.entries.len();
            let (vi, en) = (side(vi), side(en));
            for p in vi.iter().chain(en.iter()) {
                glossary.longest = glossary.longest.max(p.len());
                glossary.terms.entry(p.clone()).or_default().push(entry);
            }
            glossary.entries.push((vi, en));
        }
        Ok(glossary)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The equivalents of the glossary terms found in `query` (folded words), longest terms
    /// first: for a Vietnamese term its English ones and the reverse, plus same-language
    /// synonyms. Each is a phrase of folded words, never one of the query's own terms.
    pub fn expand(&self, query: &[String]) -> Vec<Phrase> {
        let mut out: Vec<Phrase> = Vec::new();
        let mut i = 0;
        while i < query.len() {
            let mut matched = 0;
            for len in (1..=self.longest.min(query.len() - i)).rev() {
                if let Some(entries) = self.terms.get(&query[i..i + len]) {
                    for &e in entries {
                        let (vi, en) = &self.entries[e];
                        for p in vi.iter().chain(en.iter()) {
                            if p.as_slice() != &query[i..i + len] && !out.contains(p) {
                                out.push(p.clone());
                            }
                        }
                    }
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        phrase(text)
    }

    #[test]
    fn the_shipped_glossary_parses_and_is_large() {
        let g = Glossary::parse(GLOSSARY_TSV).unwrap();
        assert!(g.len() >= 500, "{} entries", g.len());
    }

    #[test]
    fn english_finds_vietnamese_and_the_reverse() {
        let g = Glossary::parse("aquaculture\ttôm hùm\tlobster | spiny lobster\naquaculture\ttrại giống\thatchery\n").unwrap();
        let en = g.expand(&folded("lobster hatchery"));
        assert!(en.contains(&folded("tôm hùm")) && en.contains(&folded("trại giống")), "{en:?}");
        let vi = g.expand(&folded("nuoi tom hum"));
        assert!(vi.contains(&folded("lobster")) && vi.contains(&folded("spiny lobster")), "{vi:?}");
        assert!(!vi.contains(&folded("tom hum")), "the query's own terms are not repeated");
    }

    #[test]
    fn the_longest_term_wins() {
        let g = Glossary::parse("x\ttôm\tshrimp\nx\ttôm hùm\tlobster\n").unwrap();
        let out = g.expand(&folded("tôm hùm"));
        assert_eq!(out, vec![folded("lobster")]);
    }

    #[test]
    fn malformed_lines_are_reported() {
        assert!(Glossary::parse("only two\tcolumns\n").unwrap_err().contains("line 1"));
    }
}
