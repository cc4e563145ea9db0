//! Building the application state: data folder, database, demo catalogue.

use anyhow::Context;
use app::catalog::import::{import_text, ImportReport};
use app::db::Db;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use app::search::{self, index::SearchIndex};
use app::state::AppState;

use crate::config::Config;

const HOUR: Duration = Duration::from_secs(3600);

/// The built-in demo catalogue of Khánh Hòa's innovation ecosystem, in the records format.
pub const DEMO_CATALOGUE: &str = include_str!("../demo/catalogue.jsonl");

/// Opens the database, migrating it.
pub async fn open_db(config: &Config) -> anyhow::Result<Db> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create the data folder {}", config.data_dir.display()))?;
    let url = config.database_url();
    app::db::connect(&url).await.with_context(|| format!("cannot open the database {url}"))
}

/// Loads the demo catalogue through the import path when the database holds no record.
pub async fn load_demo_if_empty(db: &Db) -> anyhow::Result<Option<ImportReport>> {
    let counts = app::catalog::repo::counts(db).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    if counts.iter().any(|(_, n)| *n > 0) {
        return Ok(None);
    }
    let report = import_text(db, DEMO_CATALOGUE, &|_, _| {}).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    for rejected in &report.rejected {
        tracing::warn!("demo catalogue line {}: {}", rejected.line, rejected.reason);
    }
    tracing::info!("loaded the demo catalogue: {} records", report.imported());
    Ok(Some(report))
}

/// Opens the search index under the data folder (rebuilding it when it is missing, unreadable
/// or of an older schema) and brings it up to date with the database.
pub async fn open_search(config: &Config, db: &Db) -> anyhow::Result<Arc<SearchIndex>> {
    let dir = config.data_dir.join("search");
    let index =
        tokio::task::spawn_blocking(move || SearchIndex::open(&dir)).await?.map_err(|e| anyhow::anyhow!("{e}"))?;
    let index = Arc::new(index);
    let indexed = search::index::sync(db, &index).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    if indexed > 0 {
        tracing::info!("indexed {indexed} records for search");
    }
    Ok(index)
}

/// Everything the server needs, built once.
pub async fn state(config: &Config, demo: bool) -> anyhow::Result<AppState> {
    let site = config.site()?;
    let db = open_db(config).await?;
    if demo {
        load_demo_if_empty(&db).await?;
    }
    let search = open_search(config, &db).await?;
    Ok(AppState::new(db, search, config.leptos_options()).with_site(site))
}

/// Runs `job` at start and then every `period`, for as long as the server runs.
fn every<F, Fut>(period: Duration, state: &AppState, job: F)
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            job(state.clone()).await;
        }
    });
}

/// Logs what a job did: how many `things` it handled (nothing when none), or why it failed.
/// Answers whether it handled any.
fn counted<N: std::fmt::Display + PartialEq + Default>(things: &str, result: Result<N, app::error::AppError>) -> bool {
    match result {
        Ok(n) if n == N::default() => false,
        Ok(n) => {
            tracing::info!("{n} {things}");
            true
        }
        Err(err) => {
            tracing::error!("{things}: failed: {err}");
            false
        }
    }
}

/// Keeps the search index within a second of the database, whoever wrote to it (this server,
/// or `server import` from another process).
pub fn follow_database(state: &AppState) {
    every(Duration::from_millis(500), state, |state| async move {
        match search::repo::latest_revision(&state.db).await {
            Ok(latest) if latest > state.search.revision() => {
                if let Err(err) = search::index::sync(&state.db, &state.search).await {
                    tracing::error!("search sync failed: {err}");
                }
            }
            Ok(_) => {}
            Err(err) => tracing::error!("search sync check failed: {err}"),
        }
    });
}

/// Once an hour, asks the owners of listings unconfirmed for 90 days to confirm them (inbox),
/// and takes those unconfirmed for 180 days out of search and matches.
pub fn remind_owners(state: &AppState) {
    every(HOUR, state, |state| async move {
        counted("owners asked to confirm their listings", app::listings::notify::remind_due(&state.db).await);
        counted("listings unconfirmed for 180 days hidden", app::listings::notify::hide_stale(&state.db).await);
    });
}

/// At start and once an hour, closes the calls and pilots whose closing date has passed, so
/// that lists, search, feeds and notices follow the dates.
pub fn close_past_dates(state: &AppState) {
    every(HOUR, state, |state| async move {
        let closed = app::catalog::dates::close_past(&state.db, app::clock::today()).await;
        if counted("calls and pilots past their closing date closed", closed) {
            if let Err(err) = app::search::index::sync(&state.db, &state.search).await {
                tracing::error!("indexing closed calls failed: {err}");
            }
        }
    });
}

/// Once an hour, forgets what no rule needs any more: throttled attempts past their window,
/// expired sessions and reset tokens, mail sent a month ago.
pub fn housekeeping(state: &AppState) {
    every(HOUR, state, |state| async move {
        counted("old throttled attempts forgotten", app::accounts::throttle::purge(&state.db).await);
        counted(
            "expired sessions, reset tokens and sent mails deleted",
            app::accounts::repo::purge_expired(&state.db).await,
        );
    });
}

/// Every ten minutes, runs the saved searches and tells their owners about new results.
pub fn run_saved_searches(state: &AppState) {
    every(Duration::from_secs(600), state, |state| async move {
        if let Err(err) = app::alerts::service::check_all(&state).await {
            tracing::error!("saved searches failed: {err}");
        }
    });
}

/// Every minute, queues the inbox news each person wants by mail (at once, or the morning
/// summary); `deliver_mail` sends it.
pub fn mail_news(state: &AppState) {
    every(Duration::from_secs(60), state, |state| async move {
        counted("mails of news queued", app::inbox::mail::send_news(&state.db, state.site.origin()).await);
    });
}

/// With `SMTP_URL`, sends the outbox every thirty seconds; else with `MAIL_DIR`, writes it there
/// every second.
pub fn deliver_mail(state: &AppState, config: &Config) -> anyhow::Result<()> {
    use app::accounts::mail;
    let from: mail::Mailbox = config.mail_from.parse().map_err(|e| anyhow::anyhow!("MAIL_FROM: {e}"))?;
    if let Some(url) = config.smtp_url.as_deref() {
        let transport = mail::smtp(url).map_err(anyhow::Error::msg)?;
        keep_delivering(state, transport, from, Duration::from_secs(30));
    } else if let Some(dir) = &config.mail_dir {
        let transport = mail::folder(dir).map_err(anyhow::Error::msg)?;
        tracing::info!("no SMTP_URL: mail is written to {}", dir.display());
        keep_delivering(state, transport, from, Duration::from_secs(1));
    } else {
        tracing::info!("no SMTP_URL nor MAIL_DIR: mail stays in the outbox (admins see it on /admin, links hidden)");
    }
    Ok(())
}

fn keep_delivering<T>(state: &AppState, transport: T, from: app::accounts::mail::Mailbox, period: Duration)
where
    T: app::accounts::mail::AsyncTransport + Send + Sync + 'static,
    T::Error: std::fmt::Display,
{
    let job = Arc::new((transport, from));
    every(period, state, move |state| {
        let job = job.clone();
        async move {
            if let Err(err) = app::accounts::mail::deliver(&state.db, &job.0, &job.1, 50).await {
                tracing::error!("mail delivery failed: {err}");
            }
        }
    });
}
