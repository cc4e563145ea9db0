//! The query string of a request to the public API and the downloads: one extractor, one error,
//! one rule for `lang`. axum's own `Query` answers a malformed query in plain text; this answers
//! it as every other API error is answered (`{"error": …}`, 400).

use axum::extract::{FromRequestParts, RawQuery};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::i18n::Lang;

/// The query's `key=value` pairs, decoded, in order (a key may come more than once).
#[derive(Debug, Clone, Default)]
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    /// Decodes `query` (without its `?`).
    pub fn parse(query: &str) -> Result<Self, AppError> {
        serde_urlencoded::from_str(query)
            .map(QueryPairs)
            .map_err(|_| AppError::BadRequest("the query string is not valid URL encoding".into()))
    }

    /// Every value of `key`, in order.
    pub fn values<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The first value of `key`.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// `lang=vi|en`: `None` when absent, a 400 when it is anything else (empty too).
    pub fn lang(&self) -> Result<Option<Lang>, AppError> {
        match self.first("lang") {
            None => Ok(None),
            Some(code) => {
                Lang::from_code(code).map(Some).ok_or_else(|| AppError::BadRequest("lang must be vi or en".into()))
            }
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let RawQuery(query) = RawQuery::from_request_parts(parts, state).await.map_err(AppError::internal)?;
        QueryPairs::parse(query.as_deref().unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_keep_order_and_repeats_and_lang_is_checked() {
        let pairs = QueryPairs::parse("sector=a&q=t%C3%B4m+hum&sector=b&lang=en").unwrap();
        assert_eq!(pairs.values("sector").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(pairs.first("q"), Some("tôm hum"));
        assert_eq!(pairs.lang().unwrap(), Some(Lang::En));
        assert_eq!(QueryPairs::parse("q=").unwrap().lang().unwrap(), None);
        for refused in ["lang=fr", "lang="] {
            assert!(matches!(QueryPairs::parse(refused).unwrap().lang(), Err(AppError::BadRequest(_))), "{refused}");
        }
    }
}
