//! `server`: the Khánh Hòa Innovation Exchange and its data commands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use futures::StreamExt;

use server::config::Config;
use server::{router, startup};

#[derive(Parser)]
#[command(name = "server", version, about = "Khánh Hòa Innovation Exchange: the portal and its data commands.")]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the portal (the default).
    Serve {
        /// Do not load the demo catalogue into an empty database.
        #[arg(long)]
        no_demo: bool,
    },
    /// Import records (JSON Lines, see contract/records.md; or a list's CSV as `/{kinds}.csv`
    /// writes it, for a file named `*.csv`); exit 1 if any line is rejected.
    Import { file: PathBuf },
    /// Write every public record as JSON Lines to FILE, or to standard output.
    Export { file: Option<PathBuf> },
    /// Rebuild the search index from the database (a running server keeps its own up to date).
    Reindex,
    /// Create an administrator (or make an existing account one). The password comes from
    /// ADMIN_PASSWORD, or a random one is printed.
    CreateAdmin {
        email: String,
        /// The name shown on the portal.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
}

fn main() -> ExitCode {
    // Searches and matches run on tokio's blocking threads and are CPU-bound: a few threads per
    // core keep every core busy, while the default (up to 512) would run 50 concurrent searches
    // side by side, each with its own stack and allocator arena, for no more throughput.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().max_blocking_threads((cores * 2).max(4)).build();
    match runtime {
        Ok(runtime) => runtime.block_on(run()),
        Err(err) => {
            eprintln!("cannot start the runtime: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve { no_demo: false }) {
        Command::Serve { no_demo } => serve(&cli.config, !no_demo).await,
        Command::Import { file } => import(&cli.config, &file).await,
        Command::Export { file } => export(&cli.config, file).await,
        Command::Reindex => reindex(&cli.config).await,
        Command::CreateAdmin { email, name } => create_admin(&cli.config, &email, &name).await,
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    let state = startup::state(config, demo).await?;
    startup::follow_database(&state);
    startup::remind_owners(&state);
    startup::run_saved_searches(&state);
    startup::housekeeping(&state);
    startup::close_past_dates(&state);
    startup::mail_news(&state);
    startup::deliver_mail(&state, config)?;
    let warm = state.clone();
    tokio::spawn(async move { app::dashboard::service::prepare(&warm).await });
    let state_origin = state.site.origin().to_string();
    let app = router::router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.site_addr))?;
    tracing::info!("serving on http://{} as {}", config.site_addr, state_origin);
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
}

async fn import(config: &Config, file: &PathBuf) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let db = startup::open_db(config).await?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} records {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let lines = app::imports::file::lines_of(&file.to_string_lossy(), &text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let report = app::catalog::import::import_lines(&db, lines, &progress)
        .await
        .map_err(|e| anyhow::anyhow!("import failed: {e}"))?;
    bar.finish_and_clear();
    for rejected in &report.rejected {
        eprintln!("line {}: {}", rejected.line, rejected.reason);
    }
    println!(
        "{} lines read: {} new, {} updated, {} unchanged, {} rejected",
        report.read,
        report.inserted,
        report.updated,
        report.unchanged,
        report.rejected.len()
    );
    Ok(if report.rejected.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

async fn export(config: &Config, file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let db = startup::open_db(config).await?;
    let mut out: Box<dyn Write> = match &file {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut lines = std::pin::pin!(app::catalog::http::export_lines(db));
    let mut count = 0usize;
    while let Some(line) = lines.next().await {
        writeln!(out, "{}", line?)?;
        count += 1;
    }
    out.flush()?;
    if file.is_some() {
        eprintln!("{count} records exported");
    }
    Ok(ExitCode::SUCCESS)
}

async fn reindex(config: &Config) -> anyhow::Result<ExitCode> {
    let db = startup::open_db(config).await?;
    let dir = config.data_dir.join("search");
    let index = tokio::task::spawn_blocking(move || app::search::index::SearchIndex::open(&dir))
        .await?
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let index = std::sync::Arc::new(index);
    let started = std::time::Instant::now();
    let count = app::search::index::rebuild(&db, &index).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{count} records indexed in {:.1} s", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

async fn create_admin(config: &Config, email: &str, name: &str) -> anyhow::Result<ExitCode> {
    let db = startup::open_db(config).await?;
    let (password, generated) = match std::env::var("ADMIN_PASSWORD") {
        Ok(password) => (password, false),
        Err(_) => (app::accounts::secret::new_token().map_err(|e| anyhow::anyhow!("{e}"))?[..20].to_string(), true),
    };
    let created = app::accounts::admin::create_admin(&db, email, name, password.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    match (created, generated) {
        (true, true) => println!("admin {email} created; password: {password}"),
        (true, false) => println!("admin {email} created with the password from ADMIN_PASSWORD"),
        (false, _) => println!("{email} already had an account; it is now an admin (password unchanged)"),
    }
    Ok(ExitCode::SUCCESS)
}
