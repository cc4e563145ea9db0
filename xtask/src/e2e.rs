//! The end-to-end run: the built portal on a free port with a fresh data folder and its demo
//! catalogue, driven by the tests in `end2end/` in headless Chromium, then its API checked
//! against its description by schemathesis and sent ten thousand random queries.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::{root, site};

/// The officer account the end-to-end run creates (a throwaway database; not a secret).
const OFFICER_EMAIL: &str = "officer@e2e.test";
const OFFICER_PASSWORD: &str = "e2e officer password";

/// Stops the server however the run ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Whether `GET /healthz` answers 200.
pub fn healthy(addr: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(addr) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200")
}

pub fn run(browser: &Path, schemathesis: &std::path::PathBuf) -> Result<()> {
    let data = root().join("target/e2e-data");
    let _ = std::fs::remove_dir_all(&data);
    let addr = format!("127.0.0.1:{}", free_port()?);
    // An officer for the tests that publish calls and review applications.
    crate::run(
        Command::new(site::server_binary(false))
            .args(["create-admin", OFFICER_EMAIL, "--name", "Cán bộ Sở KH&CN"])
            .env("DATA_DIR", &data)
            .env("ADMIN_PASSWORD", OFFICER_PASSWORD)
            .env("RUST_LOG", "warn")
            .current_dir(root()),
    )?;
    // No mail server here: mail goes to files, where the tests read confirmation links.
    let mail = data.join("mail");
    let child = Command::new(site::server_binary(false))
        .arg("serve")
        .env("DATA_DIR", &data)
        .env("MAIL_DIR", &mail)
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("LEPTOS_SITE_ROOT", site::site_root())
        .env("RUST_LOG", "warn")
        .current_dir(root())
        .spawn()
        .context("starting the server")?;
    let _server = Server(child);
    let started = Instant::now();
    while !healthy(&addr) {
        if started.elapsed() > Duration::from_secs(60) {
            bail!("the server did not become healthy at {addr} within 60 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut tests: Vec<_> = std::fs::read_dir(root().join("end2end/tests"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    crate::run(
        Command::new("node")
            .arg("--test")
            .arg("--test-concurrency=1")
            .args(&tests)
            .env("BASE_URL", format!("http://{addr}"))
            .env("CHROMIUM_PATH", browser)
            .env("SCREENSHOT_DIR", root().join("target/screenshots"))
            .env("OFFICER_EMAIL", OFFICER_EMAIL)
            .env("OFFICER_PASSWORD", OFFICER_PASSWORD)
            .env("MAIL_DIR", &mail)
            .current_dir(root().join("end2end")),
    )?;
    // The API as other systems meet it, after the pages (its many requests would only slow them).
    crate::api_check::check(schemathesis, &format!("http://{addr}"))?;
    crate::random_queries::check(&addr, 10_000, 7)
}
