//! What a search asks and answers, shared by the search page, its server functions and the
//! JSON API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::model::{Badge, Facet, Kind};

/// Most hits one request may ask for.
pub const MAX_LIMIT: usize = 100;
/// The most hits a search may skip.
pub const MAX_OFFSET: usize = 10_000;
/// Hits per page when the request does not say.
pub const DEFAULT_LIMIT: usize = 20;
/// Longest query text read; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 500;

/// A search: the text as typed and the filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub q: String,
    pub kinds: Vec<Kind>,
    /// Sector codes.
    pub sectors: Vec<String>,
    /// Organization type codes.
    pub org_types: Vec<String>,
    /// `open` (calls open for proposals) or `accepting` (pilots taking applications).
    pub statuses: Vec<String>,
    pub trl_min: Option<u8>,
    pub trl_max: Option<u8>,
    /// Filters of labs' priced services (`SERVICE_FILTERS`), each with a code of its facet.
    #[serde(default)]
    pub services: Vec<(Facet, String)>,
    pub limit: usize,
    pub offset: usize,
}

/// The filters of labs' priced services a search offers (their codes are URL parameters).
pub const SERVICE_FILTERS: [Facet; 3] = [Facet::Accredited, Facet::Turnaround, Facet::PriceCeiling];

impl SearchRequest {
    /// The values chosen for service filter `facet`.
    pub fn service_values(&self, facet: Facet) -> Vec<String> {
        self.services.iter().filter(|(f, _)| *f == facet).map(|(_, v)| v.clone()).collect()
    }

    /// Whether any filter is set.
    pub fn has_filters(&self) -> bool {
        !(self.kinds.is_empty()
            && self.sectors.is_empty()
            && self.org_types.is_empty()
            && self.statuses.is_empty()
            && self.trl_min.is_none()
            && self.trl_max.is_none()
            && self.services.is_empty())
    }

    /// The same search without filters.
    pub fn without_filters(&self) -> SearchRequest {
        SearchRequest { q: self.q.clone(), limit: self.limit, offset: 0, ..SearchRequest::default() }
    }
}

/// A piece of a snippet; `mark` when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub mark: bool,
}

/// Segments as HTML: text escaped, matches in `<mark>`.
pub fn segments_html(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        let text = s.text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        if s.mark {
            out.push_str("<mark>");
            out.push_str(&text);
            out.push_str("</mark>");
        } else {
            out.push_str(&text);
        }
    }
    out
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// The organization, lab or owner it belongs to.
    pub subtitle: Option<String>,
    pub score: f32,
    pub snippet: Vec<Segment>,
    pub badges: Vec<Badge>,
    /// It holds only some of the query's words: not counted in `total`.
    #[serde(default)]
    pub related: bool,
    /// A lab's priced service the query names best, as one line (name, method, prices,
    /// turnaround): what someone searching for a test came for.
    #[serde(default)]
    pub service: Option<String>,
}

impl Hit {
    pub fn href(&self) -> String {
        format!("{}/{}", self.kind.path(), self.id)
    }
}

/// The answer to a search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The matches: results holding most of the query's words (every result when none does).
    pub total: u64,
    /// Results that hold fewer of the words (among the hits, marked `related`).
    #[serde(default)]
    pub related: u64,
    pub hits: Vec<Hit>,
    /// Counts per value for `kind`, `sector`, `type`, `status` and `trl`, each counted as if
    /// its own filter were not set.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
    /// A spelling that would find something, when nothing matched.
    pub suggestion: Option<String>,
    /// How many results the query has without its filters, when the filters left none.
    pub without_filters: Option<u64>,
    /// Words of the query that no record holds, left out of the search ("zzqx" in "tôm hùm
    /// zzqx"), so that the page can say so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<String>,
}

/// A completion offered while typing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: Kind,
    pub id: String,
    pub title: String,
}

impl SearchRequest {
    /// Reads a search from URL parameters (`q`, `kind`, `sector`, `type`, `status`, `trl_min`,
    /// `trl_max`, the service filters `accredited`, `turnaround`, `price_max`, `limit`,
    /// `offset`, `page`). With `strict`, an unknown code or a malformed
    /// number is an error for a person; otherwise it is ignored.
    pub fn from_pairs(pairs: &[(String, String)], strict: bool) -> Result<SearchRequest, String> {
        use crate::vocab::{OrgType, Sector};
        let mut req = SearchRequest::default();
        let mut page = None;
        for (key, value) in pairs {
            let value = value.trim();
            // A form's unfilled field says nothing (a lenient read ignores what it cannot use);
            // the API's empty filter is a mistake, said as such.
            let bad = |what: &str| {
                Err(if value.is_empty() { format!("{key}: must not be empty") } else { format!("{key}: {what}") })
            };
            let number = |max: usize| value.parse::<usize>().ok().filter(|n| *n <= max);
            match key.as_str() {
                "q" => req.q = value.chars().take(MAX_QUERY_CHARS * 4).collect(),
                "kind" => match Kind::from_code(value) {
                    Some(kind) if !req.kinds.contains(&kind) => req.kinds.push(kind),
                    Some(_) => {}
                    None if strict => return bad(&format!("unknown kind \"{value}\"")),
                    None => {}
                },
                "sector" | "type" | "status" => {
                    let known = match key.as_str() {
                        "sector" => Sector::from_code(value).is_some(),
                        "type" => OrgType::from_code(value).is_some(),
                        _ => value == "open" || value == "accepting",
                    };
                    let list = match key.as_str() {
                        "sector" => &mut req.sectors,
                        "type" => &mut req.org_types,
                        _ => &mut req.statuses,
                    };
                    if known && !list.iter().any(|v| v == value) {
                        list.push(value.to_string());
                    } else if !known && strict {
                        return bad(&format!("unknown value \"{value}\""));
                    }
                }
                "trl_min" | "trl_max" => match value.parse::<u8>().ok().filter(|t| (1..=9).contains(t)) {
                    Some(t) if key == "trl_min" => req.trl_min = Some(t),
                    Some(t) => req.trl_max = Some(t),
                    None if strict => return bad("must be a whole number from 1 to 9"),
                    None => {}
                },
                // A page asking for too many gets the most; the API says what it allows.
                "limit" => match number(usize::MAX) {
                    Some(n) if strict && !(1..=MAX_LIMIT).contains(&n) => {
                        return bad(&format!("must be a whole number from 1 to {MAX_LIMIT}"))
                    }
                    Some(n) => req.limit = n.clamp(1, MAX_LIMIT),
                    None if strict => return bad(&format!("must be a whole number from 1 to {MAX_LIMIT}")),
                    None => {}
                },
                "offset" => match number(MAX_OFFSET) {
                    Some(n) => req.offset = n,
                    None if strict => return bad(&format!("must be a whole number up to {MAX_OFFSET}")),
                    None => {}
                },
                "page" => page = number(500).filter(|p| *p >= 1),
                other => match SERVICE_FILTERS.iter().find(|f| f.code() == other) {
                    Some(&facet) if facet.codes().contains(&value) => {
                        let pair = (facet, value.to_string());
                        if !req.services.contains(&pair) {
                            req.services.push(pair);
                        }
                    }
                    Some(_) if strict => return bad(&format!("unknown value \"{value}\"")),
                    _ => {}
                },
            }
        }
        if req.limit == 0 {
            req.limit = DEFAULT_LIMIT;
        }
        if let Some(page) = page {
            req.offset = ((page - 1) * req.limit).min(MAX_OFFSET);
        }
        Ok(req)
    }

    /// The URL query of this search (for links), at `offset`.
    pub fn query_string(&self, offset: usize) -> String {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(format!("q={}", crate::text::url_encode(&self.q)));
        }
        pairs.extend(self.kinds.iter().map(|k| format!("kind={}", k.code())));
        pairs.extend(self.sectors.iter().map(|s| format!("sector={s}")));
        pairs.extend(self.org_types.iter().map(|s| format!("type={s}")));
        pairs.extend(self.statuses.iter().map(|s| format!("status={s}")));
        pairs.extend(self.trl_min.map(|t| format!("trl_min={t}")));
        pairs.extend(self.trl_max.map(|t| format!("trl_max={t}")));
        pairs.extend(self.services.iter().map(|(facet, code)| format!("{}={code}", facet.code())));
        let page = offset / self.limit.max(1) + 1;
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        pairs.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_repeated_filters_and_clamps_the_limit() {
        let req = SearchRequest::from_pairs(
            &pairs(&[
                ("q", "tôm hùm"),
                ("kind", "lab"),
                ("kind", "offer"),
                ("sector", "aquaculture"),
                ("limit", "500"),
            ]),
            false,
        )
        .unwrap();
        assert_eq!(req.kinds, vec![Kind::Lab, Kind::Offer]);
        assert_eq!(req.sectors, vec!["aquaculture"]);
        assert_eq!(req.limit, MAX_LIMIT);
        assert_eq!(req.query_string(0), "q=t%C3%B4m+h%C3%B9m&kind=lab&kind=offer&sector=aquaculture");
    }

    #[test]
    fn strict_reading_names_the_bad_parameter() {
        let filters = ["kind", "sector", "type", "status", "trl_min", "trl_max", "limit", "offset"];
        for key in filters.into_iter().chain(SERVICE_FILTERS.iter().map(|f| f.code())) {
            let refused = SearchRequest::from_pairs(&pairs(&[(key, " ")]), true).unwrap_err();
            assert_eq!(refused, format!("{key}: must not be empty"));
            // A form's unfilled field is no filter at all.
            let unfilled = SearchRequest::from_pairs(&pairs(&[(key, ""), ("q", "tôm")]), false).unwrap();
            assert_eq!(unfilled.query_string(0), "q=t%C3%B4m", "{key}");
        }
        assert!(SearchRequest::from_pairs(&pairs(&[("q", ""), ("colour", "")]), true).is_ok());
        assert!(SearchRequest::from_pairs(&pairs(&[("kind", "robot")]), true).unwrap_err().contains("kind"));
        for limit in ["-1", "0", "101", "2147483648"] {
            let refused = SearchRequest::from_pairs(&pairs(&[("limit", limit)]), true).unwrap_err();
            assert!(refused.contains("limit") && refused.contains("100"), "{limit}: {refused}");
        }
        assert_eq!(SearchRequest::from_pairs(&pairs(&[("limit", "100")]), true).unwrap().limit, MAX_LIMIT);
        assert!(SearchRequest::from_pairs(&pairs(&[("trl_min", "12")]), true).unwrap_err().contains("trl_min"));
        let lenient = SearchRequest::from_pairs(&pairs(&[("kind", "robot"), ("page", "3")]), false).unwrap();
        assert!(lenient.kinds.is_empty());
        assert_eq!(lenient.offset, 2 * DEFAULT_LIMIT);
    }
}
