//! How much each kind of text match counts when a need's long text is the query: pairs of
//! adjacent words tell far more than single syllables there. Tuned on the judged needs
//! (`cargo xtask eval`; `KH_MATCH_WEIGHTS=pairs=6,…` tries others).

use crate::search::index::Weights;

pub fn weights() -> Weights {
    Weights { pairs: 8.0, glossary: 0.5, english: 1.0, title: 0.3, phrases: 0.0, ..Weights::default() }
}
