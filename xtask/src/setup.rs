//! Installs what the build and the tests need when it is missing, from package registries
//! only: the wasm target (rustup), Chromium (Debian), the end-to-end packages (npm).

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{root, run};

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false)
}

pub fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Installs Debian packages when running as root, else says what to install.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if !is_root() {
        bail!(
            "please install the Debian packages {} (sudo apt-get install {})",
            packages.join(", "),
            packages.join(" ")
        );
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get").args(["install", "-y", "-qq"]).args(packages).env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The wasm target for the browser bundle.
pub fn toolchain() -> Result<()> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match installed {
        Ok(out) if String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown") => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(_) => {
            eprintln!("xtask: rustup not found; assuming the wasm32-unknown-unknown target is installed");
            Ok(())
        }
    }
}

/// What a build needs: the wasm target, and for a release build binaryen's wasm-opt (npm).
pub fn for_build(release: bool) -> Result<()> {
    toolchain()?;
    if release {
        npm_packages()?;
    }
    Ok(())
}

/// Debian's Chromium for the end-to-end tests; its path.
pub fn browser() -> Result<PathBuf> {
    let path = PathBuf::from(std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if !path.exists() {
        apt_install(&["chromium"])?;
    }
    if !path.exists() {
        bail!("Chromium is not at {}; install Debian's chromium package", path.display());
    }
    Ok(path)
}

/// Node.js and the npm packages of `end2end/` (Playwright's driver, binaryen's wasm-opt).
pub fn npm_packages() -> Result<()> {
    if !found("node") || !found("npm") {
        apt_install(&["nodejs", "npm"])?;
    }
    let dir = root().join("end2end");
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    let fresh = match (lock.metadata().and_then(|m| m.modified()), stamp.metadata().and_then(|m| m.modified())) {
        (Ok(lock), Ok(stamp)) => stamp >= lock,
        _ => false,
    };
    if !fresh {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
            .context("npm ci in end2end/")?;
    }
    Ok(())
}
