//! The search index's schema: typed fields, each documented. Text arrives already analysed
//! (see `analyzer`) and is split on spaces; only the English field runs tantivy's stemmer.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, WhitespaceTokenizer};
use tantivy::Index;

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 5;

/// Tokenizer of the pre-analysed fields.
pub const SPACES: &str = "spaces";
/// Tokenizer of the English field.
pub const ENGLISH: &str = "english";

#[derive(Clone)]
pub struct SearchSchema {
    pub schema: Schema,
    /// `kind/id`, to replace or delete a record's document.
    pub key: Field,
    /// The record in the records format (stored only).
    pub doc: Field,
    /// The name of the record it belongs to, as `{"base","en","vi"}` (stored only).
    pub parent: Field,
    /// Title words as written (canonical tone placement, lower case).
    pub title_exact: Field,
    /// Title words folded (no marks).
    pub title_fold: Field,
    /// Adjacent folded title words joined ("tomhum").
    pub title_pairs: Field,
    pub body_exact: Field,
    pub body_fold: Field,
    pub body_pairs: Field,
    /// English text, stemmed.
    pub english: Field,
    /// `/kind/…`, `/sector/…`, `/type/…`, `/status/…`, `/trl/…`; a lab's service filters
    /// `/accredited/…`, `/turnaround/…`, `/price_max/…`.
    pub facets: Field,
    /// Technology readiness level (0 when none).
    pub trl: Field,
    /// Closing date as days since 1970 (0 when none).
    pub closes: Field,
    /// The record's kind, by its storage rank (for diversifying results).
    pub kind: Field,
    /// When the record was last saved, as days since 1970 (for freshness).
    pub updated: Field,
}

impl SearchSchema {
    pub fn new() -> Self {
        let mut b = Schema::builder();
        let analysed = |tokenizer: &str, positions: bool| {
            let option =
                if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(option))
        };
        let key = b.add_text_field("key", STRING | STORED);
        let doc = b.add_text_field("doc", STORED);
        let parent = b.add_text_field("parent", STORED);
        let title_exact = b.add_text_field("title_exact", analysed(SPACES, false));
        let title_fold = b.add_text_field("title_fold", analysed(SPACES, false));
        let title_pairs = b.add_text_field("title_pairs", analysed(SPACES, false));
        let body_exact = b.add_text_field("body_exact", analysed(SPACES, false));
        let body_fold = b.add_text_field("body_fold", analysed(SPACES, false));
        let body_pairs = b.add_text_field("body_pairs", analysed(SPACES, false));
        let english = b.add_text_field("english", analysed(ENGLISH, false));
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let trl = b.add_u64_field("trl", NumericOptions::default().set_indexed().set_fast());
        let closes = b.add_i64_field("closes", NumericOptions::default().set_indexed().set_fast());
        let kind = b.add_u64_field("kind", NumericOptions::default().set_fast());
        let updated = b.add_i64_field("updated", NumericOptions::default().set_fast());
        SearchSchema {
            schema: b.build(),
            key,
            doc,
            parent,
            title_exact,
            title_fold,
            title_pairs,
            body_exact,
            body_fold,
            body_pairs,
            english,
            facets,
            trl,
            closes,
            kind,
            updated,
        }
    }

    /// Registers the tokenizers the fields name.
    pub fn register_tokenizers(index: &Index) {
        let tokenizers = index.tokenizers();
        tokenizers.register(
            SPACES,
            TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(RemoveLongFilter::limit(60)).build(),
        );
        tokenizers.register(
            ENGLISH,
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(tantivy::tokenizer::Language::English))
                .build(),
        );
    }
}

impl Default for SearchSchema {
    fn default() -> Self {
        Self::new()
    }
}
