//! What a list page asks for, and its URL codec.

use serde::{Deserialize, Serialize};

use super::{Facet, Kind};

/// What a list page asks for: filters from the URL and a page number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    /// Facet code and value pairs; several values of one facet match any of them.
    pub facets: Vec<(Facet, String)>,
    pub trl_min: Option<u8>,
    pub trl_max: Option<u8>,
    /// One-based.
    pub page: u32,
}

/// How many cards a list page shows.
pub const PAGE_SIZE: u32 = 12;

impl ListFilter {
    /// Reads the filters of a `kind` list from URL parameters (`values` gives every value of a
    /// key), ignoring values that are not codes of the facet.
    pub fn from_query(kind: Kind, values: impl Fn(&str) -> Vec<String>) -> Self {
        let mut facets: Vec<(Facet, String)> = Vec::new();
        for facet in std::iter::once(Facet::Sector).chain(kind.filters().iter().copied()) {
            let codes = facet.codes();
            for value in values(facet.code()) {
                let pair = (facet, value);
                if codes.contains(&pair.1.as_str()) && !facets.contains(&pair) {
                    facets.push(pair);
                }
            }
        }
        let number = |key: &str| values(key).first().and_then(|v| v.trim().parse::<u32>().ok());
        let trl = |key: &str| number(key).filter(|t| (1..=9).contains(t)).map(|t| t as u8).filter(|_| kind.has_trl());
        ListFilter {
            facets,
            trl_min: trl("trl_min"),
            trl_max: trl("trl_max"),
            page: number("page").filter(|p| (1..=100_000).contains(p)).unwrap_or(1),
        }
    }

    /// Only records with `value` for `facet`, first page.
    pub fn only(facet: Facet, value: &str) -> Self {
        ListFilter { facets: vec![(facet, value.to_string())], page: 1, ..Default::default() }
    }

    /// The one value chosen for `facet`, if exactly one is.
    pub fn value(&self, facet: Facet) -> Option<&str> {
        let mut values = self.facets.iter().filter(|(f, _)| *f == facet);
        match (values.next(), values.next()) {
            (Some((_, v)), None) => Some(v),
            _ => None,
        }
    }

    /// The URL query of these filters at `page` (codes are URL-safe as they are).
    pub fn query_string(&self, page: u32) -> String {
        let mut pairs: Vec<String> = self.facets.iter().map(|(f, v)| format!("{}={v}", f.code())).collect();
        pairs.extend(self.trl_min.map(|t| format!("trl_min={t}")));
        pairs.extend(self.trl_max.map(|t| format!("trl_max={t}")));
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        pairs.join("&")
    }

    pub fn is_empty(&self) -> bool {
        self.active() == 0
    }

    /// How many filters are set.
    pub fn active(&self) -> usize {
        self.facets.len() + usize::from(self.trl_min.is_some()) + usize::from(self.trl_max.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Vec<String> + 'a {
        move |key| pairs.iter().filter(|(k, _)| *k == key).map(|(_, v)| v.to_string()).collect()
    }

    #[test]
    fn filters_keep_only_known_codes_of_the_kind() {
        let pairs = [
            ("sector", "aquaculture"),
            ("sector", "nonsense"),
            ("type", "startup"),
            ("status", "open"),
            ("trl_min", "4"),
            ("page", "3"),
        ];
        let orgs = ListFilter::from_query(Kind::Organization, query(&pairs));
        assert_eq!(orgs.facets, vec![(Facet::Sector, "aquaculture".into()), (Facet::OrgType, "startup".into())]);
        assert_eq!(orgs.trl_min, None, "organizations have no TRL");
        assert_eq!(orgs.page, 3);
        let offers = ListFilter::from_query(Kind::Offer, query(&pairs));
        assert_eq!(offers.trl_min, Some(4));
        assert_eq!(offers.query_string(2), "sector=aquaculture&trl_min=4&page=2");
    }

    #[test]
    fn bad_numbers_fall_back() {
        let pairs = [("trl_min", "0"), ("trl_max", "99"), ("page", "-1")];
        let f = ListFilter::from_query(Kind::Offer, query(&pairs));
        assert_eq!((f.trl_min, f.trl_max, f.page), (None, None, 1));
    }
}
