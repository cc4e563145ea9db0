//! The database connection. SQLite is embedded; the SQL in the `repo` modules keeps to what
//! PostgreSQL accepts too, so that a `postgres:` `DATABASE_URL` can be added here alone.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// The pool every repository takes.
pub type Db = sqlx::SqlitePool;

/// Opens (creating if needed) and migrates the database at `url`.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5));
    let db = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    sqlx::migrate!("migrations/sqlite").run(&db).await?;
    Ok(db)
}

/// A fresh in-memory database, for tests.
pub async fn connect_in_memory() -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
    // One connection: each in-memory connection would be a database of its own.
    let db = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
    sqlx::migrate!("migrations/sqlite").run(&db).await?;
    Ok(db)
}
