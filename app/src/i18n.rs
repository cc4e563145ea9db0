//! The interface language: Vietnamese by default, English second.
//!
//! The server decides it from the page's `?lang=`, else the `lang` cookie, else
//! `Accept-Language`, and writes it into `<html lang>`; the browser reads it back from there
//! when it hydrates, so both sides agree.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers the reader's choice.
pub const LANG_COOKIE: &str = "lang";

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the Vietnamese or the English value.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The BCP 47 code, as in `<html lang>`.
    pub fn code(self) -> &'static str {
        self.pick("vi", "en")
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Vi)
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language from a `Cookie` header value, if the reader chose one.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value))
    }

    /// The preferred of Vietnamese and English in an `Accept-Language` header; Vietnamese when
    /// neither is named.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q =
                parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(lang) = Lang::from_code(primary) {
                if best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }

    /// A date as people write it in this language.
    pub fn date(self, date: chrono::NaiveDate) -> String {
        match self {
            Lang::Vi => date.format("%d/%m/%Y").to_string(),
            Lang::En => date.format("%-d %b %Y").to_string(),
        }
    }

    /// A stored UTC time (RFC 3339) as people in Khánh Hòa (UTC+7) read it, to the minute:
    /// "05/12/2026 22:18", "5 Dec 2026 22:18". Anything else is shown as it is.
    pub fn moment(self, rfc3339: &str) -> String {
        match local(rfc3339) {
            Some(at) => format!("{} {}", self.date(at.date_naive()), at.format("%H:%M")),
            None => rfc3339.to_string(),
        }
    }

    /// The day of a stored UTC time (RFC 3339) in Khánh Hòa, as people write dates.
    pub fn day(self, rfc3339: &str) -> String {
        match local(rfc3339) {
            Some(at) => self.date(at.date_naive()),
            None => rfc3339.to_string(),
        }
    }

    /// An amount of Vietnamese dong, grouped for reading; the sign never wraps to a line alone.
    pub fn money(self, vnd: u64) -> String {
        format!("{}\u{a0}₫", self.number(vnd))
    }

    /// A whole number grouped by thousands as the language writes it ("1.500.000", "1,500,000").
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let sep = self.pick('.', ',');
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }
}

/// A stored time in the province's time zone (UTC+7, no daylight saving).
fn local(rfc3339: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let at = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    Some(at.with_timezone(&chrono::FixedOffset::east_opt(7 * 3600)?))
}

/// The language of the current page (in an island in the browser, where the page's context
/// does not reach, read back from `<html lang>`).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(detect)
}

/// Works out the language of this request (server) or page (browser) and provides it.
pub fn provide_lang() -> Lang {
    let lang = detect();
    provide_context(lang);
    lang
}

/// The language of the request being served (server functions have no page context).
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    detect()
}

#[cfg(feature = "ssr")]
fn detect() -> Lang {
    use_context::<http::request::Parts>().map(|parts| page_lang(&parts)).unwrap_or_default()
}

/// The language a page is asked in: `?lang=vi|en` (a link someone shared), else `lang_of` its
/// headers. A `lang` that is neither is ignored on a page (the API answers it with a 400).
#[cfg(feature = "ssr")]
pub fn page_lang(parts: &http::request::Parts) -> Lang {
    let pairs = parts.uri.query().and_then(|q| crate::query::QueryPairs::parse(q).ok());
    pairs.and_then(|p| p.lang().ok().flatten()).unwrap_or_else(|| lang_of(&parts.headers))
}

/// The language a request asks for: the language cookie, else `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn lang_of(headers: &http::HeaderMap) -> Lang {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    header(http::header::COOKIE)
        .and_then(Lang::from_cookie_header)
        .or_else(|| header(http::header::ACCEPT_LANGUAGE).map(Lang::from_accept_language))
        .unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn detect() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn detect() -> Lang {
    Lang::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_read_in_the_province_one_way_per_language() {
        // 22:18 UTC is already the next morning in Nha Trang.
        assert_eq!(Lang::Vi.moment("2026-12-05T22:18:09Z"), "06/12/2026 05:18");
        assert_eq!(Lang::En.moment("2026-12-05T22:18:09Z"), "6 Dec 2026 05:18");
        assert_eq!(Lang::Vi.day("2026-12-05T16:59:59Z"), "05/12/2026");
        assert_eq!(Lang::Vi.day("2026-12-05T17:00:00Z"), "06/12/2026");
        assert_eq!(Lang::En.moment("not a time"), "not a time");
    }

    #[test]
    fn accept_language_prefers_the_higher_quality() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,vi;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr;q=1, vi;q=0.5, en;q=0.4"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("de-DE"), Lang::Vi);
        assert_eq!(Lang::from_accept_language(""), Lang::Vi);
    }

    #[test]
    fn cookie_choice_is_read_among_others() {
        assert_eq!(Lang::from_cookie_header("a=1; lang=en; b=2"), Some(Lang::En));
        assert_eq!(Lang::from_cookie_header("lang=xx"), None);
        assert_eq!(Lang::from_cookie_header("slang=en"), None);
    }

    #[test]
    fn money_and_dates_read_naturally() {
        assert_eq!(Lang::Vi.money(1_500_000_000), "1.500.000.000\u{a0}₫");
        assert_eq!(Lang::En.money(950), "950\u{a0}₫");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(Lang::Vi.date(d), "05/03/2026");
        assert_eq!(Lang::En.date(d), "5 Mar 2026");
    }
}

/// `GET /lang/{code}?next=/path`: remembers the reader's language and goes back to the page.
#[cfg(feature = "ssr")]
pub async fn switch_language(
    axum::extract::Path(code): axum::extract::Path<String>,
    query: crate::query::QueryPairs,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(lang) = Lang::from_code(&code) else {
        return crate::error::AppError::NotFound.into_response();
    };
    switched(lang, next_page(&query), None)
}

/// `POST /lang/{code}?next=/path&form=/fn/name`: the switch of a page holding a half-filled
/// form posts that form here (`pages::lang_switch`); this switches as the link does and brings
/// the page back with what was typed (`forms::kept::carry`).
#[cfg(feature = "ssr")]
pub async fn switch_language_keeping_form(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
    query: crate::query::QueryPairs,
    headers: http::HeaderMap,
    body: axum::body::Bytes,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(lang) = Lang::from_code(&code) else {
        return crate::error::AppError::NotFound.into_response();
    };
    let form = query.first("form").unwrap_or_default();
    let (address, cookie) = crate::forms::kept::carry(&state, &headers, form, next_page(&query), &body);
    switched(lang, &address, cookie)
}

/// The page to go back to: `next` when it stays on this site, else the home page.
#[cfg(feature = "ssr")]
fn next_page(query: &crate::query::QueryPairs) -> &str {
    query.first("next").filter(|n| is_local_path(n)).unwrap_or("/")
}

/// Goes to `address` remembering `lang` (and setting `cookie` too, when given).
#[cfg(feature = "ssr")]
fn switched(lang: Lang, address: &str, cookie: Option<http::HeaderValue>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let remembered = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    let mut response = (
        [(http::header::SET_COOKIE, remembered), (http::header::LOCATION, address.to_string())],
        http::StatusCode::SEE_OTHER,
    )
        .into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().append(http::header::SET_COOKIE, cookie);
    }
    response
}

/// Whether `path` stays on this site (no scheme, no `//host`, no backslash tricks).
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod path_tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert!(super::is_local_path("/labs?sector=aquaculture"));
        assert!(!super::is_local_path("//evil.example"));
        assert!(!super::is_local_path("https://evil.example"));
        assert!(!super::is_local_path("/\\evil.example"));
    }
}
