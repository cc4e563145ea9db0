//! The API checked against its own description by schemathesis (from PyPI, pinned, in a venv
//! under the target directory): every documented operation, with generated valid and invalid
//! input and the described links, must answer as described, with a fixed seed so that a run
//! repeats.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Result;

use crate::{run, setup, target_dir};

const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// The schemathesis program, installed into its venv when missing.
pub fn install() -> Result<PathBuf> {
    let venv = target_dir().join("venv-schemathesis");
    let program = venv.join("bin/schemathesis");
    let stamp = venv.join("installed.txt");
    if program.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == SCHEMATHESIS) {
        return Ok(program);
    }
    let venv_made = Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv).status();
    if !venv_made.is_ok_and(|s| s.success()) {
        // Debian keeps venv's pip apart.
        setup::apt_install(&["python3-venv"])?;
        run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    }
    run(Command::new(venv.join("bin/pip")).args(["install", "-q", "--disable-pip-version-check", SCHEMATHESIS]))?;
    std::fs::write(&stamp, SCHEMATHESIS)?;
    Ok(program)
}

/// Runs schemathesis against the portal at `base` (`http://host:port`); fails on any failure
/// or error it reports.
pub fn check(program: &PathBuf, base: &str) -> Result<()> {
    let work = target_dir().join("schemathesis");
    std::fs::create_dir_all(&work)?;
    run(Command::new(program)
        .args(["run", &format!("{base}/api/openapi.json")])
        .args(["--checks", "all", "--max-examples", "100", "--workers", "1", "--seed", "7"])
        .args(["--request-timeout", "30", "--no-color"])
        .current_dir(work))
}
