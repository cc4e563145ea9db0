//! `cargo xtask`: the project's own set-up, build, serve and test commands, so that a fresh
//! machine needs nothing but cargo and the package registries.

mod bench;
mod e2e;
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
        Some("gen") => run(cargo().args(["run", "-q", "--release", "-p", "server", "--bin", "gen", "--"]).args(&args[1..])),
        Some("bench") => setup::toolchain().and_then(|_| bench::run_bench(&args[1..])),
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
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
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

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn serve(release: bool) -> Result<()> {
    setup::for_build(release)?;
    site::build(release)?;
    let binary = site::server_binary(release);
    let mut cmd = Command::new(&binary);
    cmd.arg("serve").env("LEPTOS_SITE_ROOT", site::site_root());
    eprintln!("xtask: starting the portal at http://{}", std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into()));
    run(&mut cmd)
}

fn test() -> Result<()> {
    setup::toolchain()?;
    let browser = setup::browser()?;
    setup::npm_packages()?;
    run(cargo().args(["test", "-p", "app", "-p", "server"]))?;
    site::build(false)?;
    e2e::run(&browser)
}
