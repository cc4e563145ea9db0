//! sitemap.xml (an index of one file for the fixed pages and files of up to 40,000 record pages
//! per kind) and robots.txt.

use crate::catalog::model::Kind;
use crate::db::Db;
use crate::error::AppError;

/// Record pages per sitemap file (the protocol allows 50,000).
pub const PER_FILE: i64 = 40_000;

/// Pages that are not records.
const PAGES: &[&str] =
    &["/", "/search", "/match", "/dashboard", "/open-data", "/about", "/contact", "/privacy", "/terms"];

/// `/sitemap.xml`: the sitemap files, one for the fixed pages and as many per kind as needed.
pub async fn index(db: &Db, origin: &str) -> Result<String, AppError> {
    let counts = crate::catalog::repo::counts(db).await?;
    let mut files = vec![format!("{origin}/sitemaps/pages.xml")];
    for (kind, count) in counts {
        let parts = (count as i64 + PER_FILE - 1) / PER_FILE;
        files.extend((1..=parts).map(|n| format!("{origin}/sitemaps/{}-{n}.xml", kind.code())));
    }
    let body: String = files.iter().map(|f| format!("<sitemap><loc>{}</loc></sitemap>", escape(f))).collect();
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{body}</sitemapindex>\n"
    ))
}

/// One sitemap file by its name (`pages.xml`, `lab-1.xml`); `None` when there is no such file.
pub async fn file(db: &Db, origin: &str, name: &str) -> Result<Option<String>, AppError> {
    let urls: Vec<(String, Option<String>)> = if name == "pages.xml" {
        let mut urls: Vec<_> = PAGES.iter().map(|p| (format!("{origin}{p}"), None)).collect();
        urls.extend(Kind::ALL.iter().map(|k| (format!("{origin}{}", k.path()), None)));
        urls
    } else {
        let Some((kind, part)) = name.strip_suffix(".xml").and_then(|n| n.rsplit_once('-')) else { return Ok(None) };
        let (Some(kind), Ok(part)) = (Kind::from_code(kind), part.parse::<i64>()) else { return Ok(None) };
        if part < 1 {
            return Ok(None);
        }
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, updated_at FROM records WHERE kind = $1 AND hidden = FALSE ORDER BY id LIMIT $2 OFFSET $3",
        )
        .bind(kind.code())
        .bind(PER_FILE)
        .bind((part - 1) * PER_FILE)
        .fetch_all(db)
        .await?;
        if rows.is_empty() && part > 1 {
            return Ok(None);
        }
        rows.into_iter()
            .map(|(id, at)| (format!("{origin}{}/{id}", kind.path()), Some(at.chars().take(10).collect())))
            .collect()
    };
    let body: String = urls
        .iter()
        .map(|(url, modified)| match modified {
            Some(day) => format!("<url><loc>{}</loc><lastmod>{}</lastmod></url>", escape(url), escape(day)),
            None => format!("<url><loc>{}</loc></url>", escape(url)),
        })
        .collect();
    Ok(Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{body}</urlset>\n"
    )))
}

/// robots.txt: everything public may be crawled; accounts, forms and server functions not.
pub fn robots(origin: &str) -> String {
    let private = [
        "/fn/", "/lang/", "/account", "/admin", "/mine", "/inbox", "/signin", "/signup", "/reset", "/confirm",
        "/*/new", "/*/edit",
    ];
    let rules: String = private.iter().map(|p| format!("Disallow: {p}\n")).collect();
    format!("User-agent: *\n{rules}Allow: /\n\nSitemap: {origin}/sitemap.xml\n")
}

/// Text for XML character data (quick-xml's escaping, the library the Atom feeds are written with).
fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}
