//! A record as a search document: which of its texts go where.

use tantivy::schema::Facet as TantivyFacet;
use tantivy::TantivyDocument;

use super::analyzer::Analyzed;
use super::schema::SearchSchema;
use crate::catalog::model::{Facet, Record};
use crate::catalog::repo::Listed;
use crate::i18n::Lang;

/// Fields that hold ids, codes, dates or addresses rather than words.
const NOT_TEXT: &[&str] = &[
    "kind",
    "id",
    "organization",
    "owner_org",
    "owner_lab",
    "owner_expert",
    "issuer",
    "supervisor",
    "website",
    "url",
    "sectors",
    "org_type",
    "stage",
    "ip_status",
    "transfer_modes",
    "partner_types",
    "eligible",
    "status",
    "based_in",
    "available_for",
    "languages",
    "opens",
    "closes",
    "deadline",
];

/// The facet path of a filter value in the index.
pub fn facet_path(facet: Facet, code: &str) -> Option<String> {
    let name = match facet {
        Facet::Sector => "sector",
        Facet::OrgType => "type",
        Facet::CallStatus | Facet::PilotStatus => "status",
        Facet::Accredited | Facet::Turnaround | Facet::PriceCeiling => facet.code(),
        _ => return None,
    };
    Some(format!("/{name}/{code}"))
}

/// Days since 1970-01-01.
pub fn days(date: chrono::NaiveDate) -> i64 {
    (date - chrono::NaiveDate::default()).num_days()
}

/// Builds the document of `listed` (a record and the name of what it belongs to).
pub fn document(s: &SearchSchema, listed: &Listed) -> TantivyDocument {
    let record = &listed.record;
    let entry = record.entry();
    let mut doc = TantivyDocument::default();
    doc.add_text(s.key, key(record));
    doc.add_text(s.doc, serde_json::to_string(record).unwrap_or_default());
    let parent = (listed.parent_title(Lang::Vi), listed.parent_title(Lang::En));
    if let (Some(vi), Some(en)) = &parent {
        doc.add_text(s.parent, serde_json::json!({ "vi": vi, "en": en }).to_string());
    }

    let mut title = Analyzed::default();
    let t = entry.title();
    title.push(t.base);
    let original = title.known();
    for text in [t.en, t.vi].into_iter().flatten() {
        title.push_translation(text, &original);
    }
    let mut body = Analyzed::default();
    let mut english = String::new();
    let json = serde_json::to_value(record).unwrap_or_default();
    let texts: Vec<(&String, Vec<&str>)> = json
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, _)| {
            !(NOT_TEXT.contains(&name.as_str())
                || name.starts_with("name")
                || (name.starts_with("title") && !matches!(record, Record::Expert(_))))
        })
        .map(|(name, value)| (name, strings(value)))
        .collect();
    let translation = |name: &str| name.ends_with("_en") || name.ends_with("_vi");
    for text in texts.iter().filter(|(name, _)| !translation(name)).flat_map(|(_, texts)| texts) {
        body.push(text);
    }
    let original = body.known();
    for (name, texts) in &texts {
        for text in texts {
            if translation(name) {
                body.push_translation(text, &original);
            }
            if name.ends_with("_en") || name.as_str() == "keywords" {
                english.push_str(text);
                english.push('\n');
            }
        }
    }
    for text in [t.en, t.vi.or(Some(t.base))].into_iter().flatten() {
        english.push_str(text);
        english.push('\n');
    }
    // Vocabulary labels in both languages let "aquaculture" find "nuôi trồng thủy sản" (a
    // lab's service filters are bounds, "within 20 days", not words of the lab).
    let sectors = entry.sectors().iter().map(|sector| (Facet::Sector, sector.code()));
    let described = entry.facets().into_iter().filter(|(f, _)| !super::model::SERVICE_FILTERS.contains(f));
    for (facet, code) in sectors.chain(described) {
        body.push(&facet.value_label(code, Lang::Vi));
        let en = facet.value_label(code, Lang::En);
        body.push(&en);
        english.push_str(&en);
        english.push('\n');
    }
    if let Some(p) = &parent.0 {
        body.push(p);
    }
    doc.add_text(s.title_exact, &title.exact);
    doc.add_text(s.title_fold, &title.folded);
    doc.add_text(s.title_pairs, &title.pairs);
    doc.add_text(s.body_exact, &body.exact);
    doc.add_text(s.body_fold, &body.folded);
    doc.add_text(s.body_pairs, &body.pairs);
    doc.add_text(s.english, &english);

    doc.add_facet(s.facets, TantivyFacet::from(format!("/kind/{}", record.kind().code()).as_str()));
    let sectors = entry.sectors().iter().map(|sector| (Facet::Sector, sector.code()));
    for (facet, code) in sectors.chain(entry.facets()) {
        if let Some(path) = facet_path(facet, code) {
            doc.add_facet(s.facets, TantivyFacet::from(path.as_str()));
        }
    }
    if let Some(trl) = entry.trl() {
        doc.add_facet(s.facets, TantivyFacet::from(format!("/trl/{trl}").as_str()));
    }
    doc.add_u64(s.trl, entry.trl().map(u64::from).unwrap_or(0));
    doc.add_i64(s.closes, entry.closes().map(days).unwrap_or(0));
    doc.add_u64(s.kind, record.kind().rank() as u64);
    let updated = listed.updated_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
    doc.add_i64(s.updated, updated.map(|t| days(t.date_naive())).unwrap_or(0));
    doc
}

/// `kind/id`.
pub fn key(record: &Record) -> String {
    format!("{}/{}", record.kind().code(), record.id())
}

/// The words of a field: its text, the texts of a list, and the texts of a list's objects (a
/// lab's services and instruments: names, methods, standards), codes left out.
fn strings(value: &serde_json::Value) -> Vec<&str> {
    use serde_json::Value;
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(fields) => fields
            .iter()
            .filter(|(name, _)| !NESTED_CODES.contains(&name.as_str()))
            .flat_map(|(_, value)| strings(value))
            .collect(),
        _ => Vec::new(),
    }
}

/// Fields of objects inside a record that hold codes rather than words.
const NESTED_CODES: &[&str] = &["customer", "state", "prices"];
