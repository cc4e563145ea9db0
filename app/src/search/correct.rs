//! Typos: a word the index does not know is read as the most frequent indexed word within
//! one edit (two for words of eight letters or more), found by a Levenshtein automaton over
//! the term dictionary, so the cost does not grow with the size of the vocabulary.

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};
use std::sync::OnceLock;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};
use tantivy_fst::Automaton;

/// A Levenshtein DFA as an automaton over the term dictionary.
struct Lev<'a>(&'a DFA);

impl Automaton for Lev<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

/// Whether `word` is a term of `field`.
pub fn known(searcher: &Searcher, field: Field, word: &str) -> bool {
    searcher.doc_freq(&Term::from_field_text(field, word)).unwrap_or(0) > 0
}

/// The indexed word of `field` closest to `word` (four letters or more), the most frequent
/// among equally close ones; `None` when there is none within reach.
pub fn correction(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let len = word.chars().count();
    if len < 4 {
        return None;
    }
    let max = if len >= 8 { 2 } else { 1 };
    let dfa = builder(max).build_dfa(word);
    let mut best: Option<(u8, u64, String)> = None;
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else { continue };
        let Ok(mut stream) = inverted.terms().search(Lev(&dfa)).into_stream() else { continue };
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else { continue };
            let distance = match dfa.eval(candidate) {
                Distance::Exact(d) => d,
                Distance::AtLeast(_) => continue,
            };
            let freq = u64::from(stream.value().doc_freq);
            let better = match &best {
                None => true,
                Some((d, f, c)) => {
                    (distance, std::cmp::Reverse(freq), candidate) < (*d, std::cmp::Reverse(*f), c.as_str())
                }
            };
            if better {
                best = Some((distance, freq, candidate.to_string()));
            }
        }
    }
    best.map(|(_, _, c)| c)
}
