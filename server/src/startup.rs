//! Building the application state: data folder, database, demo catalogue.

use anyhow::Context;
use app::catalog::import::{import_text, ImportReport};
use app::db::Db;
use app::state::AppState;

use crate::config::Config;

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

/// Everything the server needs, built once.
pub async fn state(config: &Config, demo: bool) -> anyhow::Result<AppState> {
    let db = open_db(config).await?;
    if demo {
        load_demo_if_empty(&db).await?;
    }
    Ok(AppState { db, leptos_options: config.leptos_options() })
}
