//! `cargo xtask`: the project's own set-up, build, serve and test commands, so that a fresh
//! machine needs nothing but cargo and the package registries.

mod api_check;
mod bench;
mod e2e;
mod random_queries;
mod setup;
mod site;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--release]   set up what is missing, build, and start the portal with its demo catalogue
  build [--release]   build the server binary and the site (target/site)
  test                set up what is missing and run every test: unit, integration, end-to-end
  e2e                 only the end-to-end tests in Chromium (builds the site first)
  queries HOST:PORT [N]   send N (10,000) random queries to a running portal; fails on any 5xx
  wasm                build only the release hydrate wasm and print its size
  eval [--verbose]    search and matching quality on the judged sets, beside a naive SQLite FTS5 baseline
  gen --records N [--out FILE]   a synthetic catalogue in the records format
  bench [--records N] [--seconds S] [--debug]   import, start, load and measure; prints one table";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let release = args.iter().any(|a| a == "--release");
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(release),
        Some("build") => setup::for_build(release).and_then(|_| site::build(release)),
        Some("test") => test(),
        Some("e2e") => e2e_only(),
        Some("queries") => match (args.get(1), args.get(2).map(|n| n.parse::<usize>())) {
            (Some(addr), None) => random_queries::check(addr, 10_000, 7),
            (Some(addr), Some(Ok(count))) => random_queries::check(addr, count, 7),
            _ => Err(anyhow::anyhow!("usage: cargo xtask queries HOST:PORT [COUNT]")),
        },
        Some("gen") => {
            run(cargo().args(["run", "-q", "--release", "-p", "server", "--bin", "gen", "--"]).args(&args[1..]))
        }
        Some("bench") => setup::toolchain().and_then(|_| bench::run_bench(&args[1..])),
        Some("wasm") => setup::for_build(true).and_then(|_| site::wasm_size()),
        Some("eval") => run(cargo().args(["run", "-q", "-p", "server", "--bin", "eval", "--"]).args(&args[1..])),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    // `cargo run` sets the variable at run time too; prefer it, because a binary built by
    // another clone sharing the target directory carries that clone's path.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().unwrap_or(Path::new(".")).to_path_buf()
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// Runs a command from the repository root, failing when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: {shown}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    let status = cmd.status().with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Deletes the big artifacts (test binaries, the server's rlib, ~1 GB each) that an older
/// build left behind under another hash: a shared target directory otherwise grows until the
/// disk is full. The newest file of each name is kept.
fn prune_stale_artifacts() {
    let deps = target_dir().join("debug/deps");
    let Ok(entries) = std::fs::read_dir(&deps) else { return };
    // (name without hash, extension) -> (modified, path, size) of each build of it.
    type Builds = Vec<(std::time::SystemTime, PathBuf, u64)>;
    let mut newest: std::collections::HashMap<(String, String), Builds> = Default::default();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let (stem, ext) =
            name.split_once('.').map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or((name.clone(), String::new()));
        let Some((base, hash)) = stem.rsplit_once('-') else { continue };
        let Ok(meta) = entry.metadata() else { continue };
        if hash.len() != 16 || !hash.chars().all(|c| c.is_ascii_hexdigit()) || meta.len() < 50_000_000 {
            continue;
        }
        let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
        newest.entry((base.to_string(), ext)).or_default().push((modified, entry.path(), meta.len()));
    }
    let mut freed = 0;
    for files in newest.values_mut() {
        files.sort_by_key(|file| std::cmp::Reverse(file.0));
        for (_, path, size) in files.iter().skip(1) {
            if std::fs::remove_file(path).is_ok() {
                freed += size;
            }
        }
    }
    if freed > 0 {
        eprintln!("xtask: removed {} MB of stale build artifacts", freed / 1_000_000);
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn serve(release: bool) -> Result<()> {
    prune_stale_artifacts();
    setup::for_build(release)?;
    site::build(release)?;
    let binary = site::server_binary(release);
    let mut cmd = Command::new(&binary);
    cmd.arg("serve").env("LEPTOS_SITE_ROOT", site::site_root());
    // Without a mail server, mail (sign-up confirmations, reset links) is written as files.
    if std::env::var_os("SMTP_URL").is_none() && std::env::var_os("MAIL_DIR").is_none() {
        let mail = crate::target_dir().join("mail");
        eprintln!("xtask: mail is written to {} (set SMTP_URL to send it)", mail.display());
        cmd.env("MAIL_DIR", mail);
    }
    eprintln!(
        "xtask: starting the portal at http://{}",
        std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into())
    );
    run(&mut cmd)
}

/// Only the browser tests (after the Rust tests passed once): builds the site and runs them.
fn e2e_only() -> Result<()> {
    setup::toolchain()?;
    let browser = setup::browser()?;
    setup::npm_packages()?;
    let schemathesis = api_check::install()?;
    site::build(false)?;
    e2e::run(&browser, &schemathesis)
}

fn test() -> Result<()> {
    prune_stale_artifacts();
    setup::toolchain()?;
    run(cargo().args(["test", "-p", "app", "-p", "server"]))?;
    e2e_only()
}
