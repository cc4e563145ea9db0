//! Atom feeds (RFC 4287): open calls, pilots accepting applications and new technology offers,
//! each optionally for one sector.

use atom_syndication::{Category, Entry as AtomEntry, Feed, FixedDateTime, Link, Person, Text};
use chrono::NaiveDate;

use super::Topic;
use crate::catalog::model::{excerpt, Facet, Kind, ListFilter};
use crate::catalog::repo::{self, Listed};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::vocab::Sector;

/// How many entries a feed carries.
const ENTRIES: u32 = 50;

/// The list filter of the records `topic` carries, in one sector or all.
fn filter(topic: Topic, sector: Option<Sector>) -> ListFilter {
    let mut filter = match topic {
        Topic::Calls => ListFilter::only(Facet::CallStatus, "open"),
        Topic::Pilots => ListFilter::only(Facet::PilotStatus, "accepting"),
        Topic::Offers => ListFilter { page: 1, ..Default::default() },
    };
    filter.facets.extend(sector.map(|s| (Facet::Sector, s.code().to_string())));
    filter
}

/// The feed of `topic` (in one sector) as Atom XML, links absolute under `origin`.
pub async fn feed(
    db: &Db,
    topic: Topic,
    sector: Option<Sector>,
    lang: Lang,
    origin: &str,
    today: NaiveDate,
) -> Result<String, AppError> {
    let filter = filter(topic, sector);
    let records = match topic {
        // Calls still open that have not passed their deadline, soonest first (the list puts
        // past deadlines last, so the first entries hold every one still to come).
        Topic::Calls => {
            let first = repo::list_first(db, Kind::Call, &filter, today, ENTRIES).await?;
            first.into_iter().filter(|l| l.record.entry().closes().is_none_or(|c| c >= today)).collect()
        }
        _ => repo::newest(db, topic.kind(), &filter, ENTRIES).await?,
    };
    let self_url = format!("{origin}{}", topic.href(sector.map(|s| s.code()), lang));
    let list_url = format!("{origin}{}?{}", topic.kind().path(), filter.query_string(1));
    let mut title = topic.title(lang).to_string();
    if let Some(sector) = sector {
        title = format!("{title} · {}", sector.label(lang));
    }
    let entries: Vec<AtomEntry> = records.iter().map(|l| entry(l, lang, origin)).collect();
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_else(now);
    let feed = Feed {
        title: Text::plain(format!("{title} · {}", crate::notices::portal_name(lang))),
        id: self_url.clone(),
        updated,
        authors: vec![Person {
            name: crate::notices::portal_name(lang).to_string(),
            uri: Some(origin.to_string()),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: self_url,
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link { href: list_url, rel: "alternate".into(), mime_type: Some("text/html".into()), ..Default::default() },
        ],
        rights: Some(Text::plain(format!("{} {}", super::LICENCE_NAME, super::LICENCE_URL))),
        lang: Some(lang.code().to_string()),
        entries,
        ..Default::default()
    };
    Ok(feed.to_string())
}

fn entry(listed: &Listed, lang: Lang, origin: &str) -> AtomEntry {
    let record = &listed.record;
    let entry = record.entry();
    let url = format!("{origin}{}/{}", record.kind().path(), entry.id());
    let mut summary = excerpt(entry.summary().get(lang), 400);
    if let Some(closes) = entry.closes() {
        let label = lang.pick("Hạn nộp", "Closes");
        summary = format!("{label}: {}. {summary}", lang.date(closes));
    }
    let updated =
        listed.updated_at.as_deref().and_then(|t| FixedDateTime::parse_from_rfc3339(t).ok()).unwrap_or_else(now);
    AtomEntry {
        title: Text::plain(entry.title().get(lang)),
        id: url.clone(),
        updated,
        links: vec![Link {
            href: url,
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        }],
        // HTML, escaped, so that a reader keeps the lines it was written in.
        summary: Some(Text::html(crate::text::html_escape(&summary).replace('\n', "<br>\n"))),
        categories: entry
            .sectors()
            .iter()
            .map(|s| Category { term: s.code().into(), label: Some(s.label(lang).into()), ..Default::default() })
            .collect(),
        ..Default::default()
    }
}

fn now() -> FixedDateTime {
    chrono::Utc::now().fixed_offset()
}
