//! `cargo xtask bench [--records N] [--seconds S] [--debug]`: a synthetic catalogue imported into
//! a fresh data folder, the portal started on it, and one table of numbers: import and index
//! time, cold start, memory, search/match/page latency and throughput under wrk, the naive
//! FTS5 baseline on the same catalogue and queries, and the size of what a browser downloads.
//! Numbers only: budgets are checked by reading them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::{cargo, root, run, site, target_dir};

struct Options {
    records: usize,
    seconds: u32,
    release: bool,
}

fn options(args: &[String]) -> Result<Options> {
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    Ok(Options {
        records: value("--records").map(|v| v.parse()).transpose()?.unwrap_or(100_000),
        seconds: value("--seconds").map(|v| v.parse()).transpose()?.unwrap_or(10),
        release: !args.iter().any(|a| a == "--debug"),
    })
}

fn binary(release: bool, name: &str) -> PathBuf {
    target_dir().join(if release { "release" } else { "debug" }).join(name)
}

fn timed(cmd: &mut Command) -> Result<f64> {
    let started = Instant::now();
    run(cmd)?;
    Ok(started.elapsed().as_secs_f64())
}

/// Resident memory in MB from one read of `/proc/{pid}/status`: (all, the process's own heap
/// and stacks, pages of mapped files such as the search index, which the kernel can drop and
/// read again).
fn memory_mb(pid: u32) -> (f64, f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let mb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(&format!("{key}:")))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (mb("VmRSS"), mb("RssAnon"), mb("RssFile") + mb("RssShmem"))
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn judged(file: &str, field: &str) -> Result<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(root().join("server/eval").join(file))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Ok(serde_json::from_str::<serde_json::Value>(l)?[field].clone()))
        .collect()
}

/// A wrk script that cycles through `requests` (method, path, body) and prints a RESULT line.
fn wrk_script(dir: &Path, name: &str, requests: &[(String, String, Option<String>)]) -> Result<PathBuf> {
    let mut lua = String::from("local reqs = {\n");
    for (method, path, body) in requests {
        let body = body.as_ref().map(|b| format!("[==[{b}]==]")).unwrap_or_else(|| "nil".into());
        lua.push_str(&format!("  {{ \"{method}\", [==[{path}]==], {body} }},\n"));
    }
    lua.push_str(
        r#"}
local i = 0
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  i = i + 1
  local r = reqs[(i % #reqs) + 1]
  return wrk.format(r[1], r[2], nil, r[3])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.2f %.2f %.2f %.0f %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1000000), errors))
end
"#,
    );
    let path = dir.join(format!("{name}.lua"));
    std::fs::write(&path, lua)?;
    Ok(path)
}

/// Runs wrk; returns (p50, p95, p99 in ms, requests/s, errors).
fn wrk(addr: &str, script: &Path, clients: u32, seconds: u32) -> Result<(f64, f64, f64, f64, f64)> {
    let threads = clients.min(2);
    let out = Command::new("wrk")
        .args([
            "-t",
            &threads.to_string(),
            "-c",
            &clients.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--timeout",
            "10s",
            "-s",
        ])
        .arg(script)
        .arg(format!("http://{addr}"))
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line =
        text.lines().find(|l| l.starts_with("RESULT")).with_context(|| format!("wrk printed no result: {text}"))?;
    let n: Vec<f64> = line.split_whitespace().skip(1).filter_map(|v| v.parse().ok()).collect();
    Ok((n[0], n[1], n[2], n[3], n[4]))
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// A file's size raw, gzipped and brotli-compressed, as the bench prints it.
pub fn sizes(path: &Path) -> Result<String> {
    Ok(format!(
        "{} KB raw · {} KB gzip · {} KB brotli",
        size_of(path) / 1024,
        compressed(path, &["gzip", "-9", "-c"])? / 1024,
        compressed(path, &["brotli", "-q", "11", "-c"])? / 1024
    ))
}

fn compressed(path: &Path, tool: &[&str]) -> Result<u64> {
    let out = Command::new(tool[0]).args(&tool[1..]).stdin(std::fs::File::open(path)?).output()?;
    Ok(out.stdout.len() as u64)
}

/// Bytes a browser downloads for `path`, compressed as the server sends it.
fn transfer(addr: &str, path: &str) -> Result<u64> {
    let out = Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-H", "Accept-Encoding: br, gzip", "-w", "%{size_download}"])
        .arg(format!("http://{addr}{path}"))
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0))
}

pub fn run_bench(args: &[String]) -> Result<()> {
    let o = options(args)?;
    crate::setup::for_build(o.release)?;
    for (tool, package) in [("wrk", "wrk"), ("brotli", "brotli"), ("curl", "curl")] {
        if !crate::setup::found(tool) {
            crate::setup::apt_install(&[package])?;
        }
    }
    site::build(o.release)?;
    let mut bins = cargo();
    bins.args(["build", "-p", "server", "--bin", "gen", "--bin", "latency"]);
    if o.release {
        bins.arg("--release");
    }
    run(&mut bins)?;

    let dir = root().join("target/bench");
    let data = dir.join("data");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&data)?;
    let catalogue = dir.join("catalogue.jsonl");
    let gen_s = timed(
        Command::new(binary(o.release, "gen")).args(["--records", &o.records.to_string(), "--out"]).arg(&catalogue),
    )?;
    let server = binary(o.release, "server");
    let import_s = timed(Command::new(&server).arg("import").arg(&catalogue).env("DATA_DIR", &data))?;
    let index_s = timed(Command::new(&server).arg("reindex").env("DATA_DIR", &data))?;

    // Starts the server on the bench's data; `cache` is the search result cache's setting.
    let start = |cache: &str| -> Result<(std::process::Child, String, f64)> {
        let addr = format!("127.0.0.1:{}", crate::e2e::free_port()?);
        let started = Instant::now();
        let mut child = Command::new(&server)
            .args(["serve", "--no-demo"])
            .env("DATA_DIR", &data)
            .env("LEPTOS_SITE_ADDR", &addr)
            .env("LEPTOS_SITE_ROOT", site::site_root())
            .env("RUST_LOG", "warn")
            .env("KH_SEARCH_CACHE", cache)
            .stdout(Stdio::null())
            .spawn()?;
        while !crate::e2e::healthy(&addr) {
            if started.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                bail!("the server did not start");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Ok((child, addr, started.elapsed().as_secs_f64()))
    };
    let (mut child, addr, cold_start_s) = start("1")?;
    std::thread::sleep(Duration::from_millis(500));
    let rest_mb = memory_mb(child.id()).0;

    let result = (|| -> Result<Vec<(String, String)>> {
        let queries = judged("search-queries.jsonl", "query")?;
        let search: Vec<_> = queries
            .iter()
            .filter_map(|q| q.as_str())
            .map(|q| ("GET".into(), format!("/api/search?q={}", encode(q)), None))
            .collect();
        let needs = judged("match-needs.jsonl", "need")?;
        let matches: Vec<_> = needs.iter().map(|n| ("POST".into(), "/api/match".into(), Some(n.to_string()))).collect();
        let per_kind = o.records / 10;
        let lists: Vec<_> = (1..=20).map(|p| ("GET".into(), format!("/labs?page={p}"), None)).collect();
        let details: Vec<_> = (0..200)
            .map(|i| ("GET".into(), format!("/experts/expert-{:06}", (i * 7919) % per_kind.max(1)), None))
            .collect();
        let dashboard = vec![("GET".to_string(), "/dashboard".to_string(), None)];
        let scripts = [
            ("search", wrk_script(&dir, "search", &search)?),
            ("match", wrk_script(&dir, "match", &matches)?),
            ("list page", wrk_script(&dir, "list", &lists)?),
            ("detail page", wrk_script(&dir, "detail", &details)?),
            ("dashboard page", wrk_script(&dir, "dashboard", &dashboard)?),
        ];
        let mut rows = Vec::new();
        let mut peak_mb: f64 = rest_mb;
        let (_, mut peak_anon, mut peak_file) = memory_mb(child.id());
        for (name, script) in &scripts {
            for clients in [1u32, 50] {
                let pid = child.id();
                let sampler = std::thread::spawn(move || {
                    let mut peak = (0.0f64, 0.0f64, 0.0f64);
                    let end = Instant::now() + Duration::from_secs(u64::from(o.seconds));
                    while Instant::now() < end {
                        let (rss, anon, file) = memory_mb(pid);
                        peak = (peak.0.max(rss), peak.1.max(anon), peak.2.max(file));
                        std::thread::sleep(Duration::from_millis(200));
                    }
                    peak
                });
                let (p50, p95, p99, rps, errors) = wrk(&addr, script, clients, o.seconds)?;
                let (rss, anon, file) = sampler.join().unwrap_or_default();
                peak_mb = peak_mb.max(rss);
                peak_anon = peak_anon.max(anon);
                peak_file = peak_file.max(file);
                rows.push((
                    format!("{name}, {clients} client{}", if clients > 1 { "s" } else { "" }),
                    format!(
                        "p50 {p50:.1} ms · p95 {p95:.1} ms · p99 {p99:.1} ms · {rps:.0} req/s · {errors:.0} errors"
                    ),
                ));
            }
        }
        rows.push(("server memory under load (peak RSS)".into(), format!("{peak_mb:.0} MB")));
        rows.push((
            "  of which heap (peak RssAnon) / mapped files (peak RssFile)".into(),
            format!("{peak_anon:.0} MB / {peak_file:.0} MB"),
        ));

        // An edit, from `server import` in another process to a search hit.
        let token = format!("benchedit{}", std::process::id());
        let edit = dir.join("edit.jsonl");
        std::fs::write(
            &edit,
            format!(
                r#"{{"kind":"expert","id":"bench-edit","name":"Bench Edit","bio":"{token} measures how fast an edit is searchable.","expertise":[],"sectors":[],"languages":["vi"],"available_for":[],"based_in":"in_province"}}"#
            ),
        )?;
        run(Command::new(&server).arg("import").arg(&edit).env("DATA_DIR", &data))?;
        let edited = Instant::now();
        loop {
            let out = Command::new("curl").args(["-s", &format!("http://{addr}/api/search?q={token}")]).output()?;
            if String::from_utf8_lossy(&out.stdout).contains("bench-edit") {
                break;
            }
            if edited.elapsed() > Duration::from_secs(30) {
                bail!("the edit was not searchable after 30 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        rows.push((
            "edit searchable after (import in another process)".into(),
            format!("{:.2} s", edited.elapsed().as_secs_f64()),
        ));

        let pkg = site::site_root().join("pkg");
        let wasm = pkg.join("kh-innovation_bg.wasm");
        rows.push(("hydrate wasm".into(), sizes(&wasm)?));
        // The files the page links (hashed names in a release build).
        let page = Command::new("curl").args(["-s", &format!("http://{addr}/")]).output()?;
        let page = String::from_utf8_lossy(&page.stdout).to_string();
        let mut files: Vec<String> = page
            .split("/pkg/")
            .skip(1)
            .filter_map(|rest| rest.split(['"', '\'', ' ']).next())
            .map(|name| format!("/pkg/{name}"))
            .collect();
        files.sort();
        files.dedup();
        let html = transfer(&addr, "/").unwrap_or(0);
        let home: u64 = html
            + files
                .iter()
                .chain(["/favicon.svg".to_string()].iter())
                .map(|p| transfer(&addr, p).unwrap_or(0))
                .sum::<u64>();
        rows.push((
            "home page, total transfer (first visit)".into(),
            format!("{} KB ({})", home / 1024, files.join(", ")),
        ));
        rows.push(("home page, repeat visit (assets cached)".into(), format!("{} KB", html / 1024)));
        Ok(rows)
    })();
    let _ = child.kill();
    let _ = child.wait();
    let mut rows = result?;

    // Search again without the result cache: every request is a search.
    let (mut child, addr, _) = start("0")?;
    let uncached = (|| -> Result<()> {
        let script = dir.join("search.lua");
        for clients in [1u32, 50] {
            let (p50, p95, p99, rps, errors) = wrk(&addr, &script, clients, o.seconds)?;
            rows.push((
                format!("search, {clients} client{}, cache off", if clients > 1 { "s" } else { "" }),
                format!("p50 {p50:.1} ms · p95 {p95:.1} ms · p99 {p99:.1} ms · {rps:.0} req/s · {errors:.0} errors"),
            ));
        }
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    uncached?;

    let latency = Command::new(binary(o.release, "latency")).args(["--data"]).arg(&data).output()?;
    let latency = String::from_utf8_lossy(&latency.stdout).to_string();
    let line = |name: &str| latency.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap_or("").to_string();

    println!(
        "\nBenchmark: {} records, {} build, {} s per load run, {} cores",
        o.records,
        if o.release { "release" } else { "debug" },
        o.seconds,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!("{}", "-".repeat(100));
    let print = |k: &str, v: &str| println!("{k:<52} {v}");
    print("generate catalogue", &format!("{gen_s:.1} s"));
    print("import (database)", &format!("{import_s:.1} s · {:.0} records/s", o.records as f64 / import_s));
    print("index build (server reindex)", &format!("{index_s:.1} s"));
    print("import + indexing", &format!("{:.1} s", import_s + index_s));
    print("cold start (to /healthz ok)", &format!("{cold_start_s:.2} s"));
    print("server memory at rest (RSS)", &format!("{rest_mb:.0} MB"));
    for (k, v) in &rows {
        print(k, v);
    }
    let ms = |l: String| {
        let v: Vec<&str> = l.split_whitespace().collect();
        if v.len() == 4 {
            format!("p50 {} ms · p95 {} ms · p99 {} ms", v[1], v[2], v[3])
        } else {
            "n/a".into()
        }
    };
    print("search in-process (same queries)", &ms(line("search")));
    print("match in-process (same needs)", &ms(line("match")));
    print("FTS5 baseline in-process (same queries)", &ms(line("fts5")));
    print(
        "FTS5 baseline index build",
        &format!("{} s", line("fts5_build_s").split_whitespace().nth(1).unwrap_or("n/a")),
    );
    Ok(())
}
