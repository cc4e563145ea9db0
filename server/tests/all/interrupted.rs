//! `server import` killed halfway (SIGKILL: no chance to clean up) leaves the catalogue as it
//! was; the same command run again stores the whole file. (The search index is built from the
//! database by the server, so it is unchanged when the database is.)

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SERVER: &str = env!("CARGO_BIN_EXE_server");

fn server(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(SERVER).args(args).env("DATA_DIR", data).env("RUST_LOG", "warn").output().unwrap()
}

/// The catalogue as `server export` writes it.
fn export(data: &Path) -> String {
    let out = server(data, &["export"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn an_import_killed_halfway_changes_nothing_and_the_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let small = dir.path().join("small.jsonl");
    std::fs::write(&small, crate::common::SMALL).unwrap();
    assert!(server(&data, &["import", small.to_str().unwrap()]).status.success());
    let before = export(&data);

    // Many records that refer to those stored: copies of every one but the organizations.
    let mut big = String::new();
    let mut copies = 0;
    for round in 0..1500 {
        for line in crate::common::SMALL.lines().filter(|l| !l.trim().is_empty()) {
            let mut record: serde_json::Value = serde_json::from_str(line).unwrap();
            if record["kind"] == "organization" {
                continue;
            }
            record["id"] = format!("{}-ban-{round}", record["id"].as_str().unwrap()).into();
            big.push_str(&record.to_string());
            big.push('\n');
            copies += 1;
        }
    }
    let file = dir.path().join("big.jsonl");
    std::fs::write(&file, &big).unwrap();

    // Killed once the transaction is writing (its pages spill into the write-ahead log).
    let wal = data.join("portal.db-wal");
    let wal_size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let at_start = wal_size();
    let mut child = Command::new(SERVER)
        .args(["import", file.to_str().unwrap()])
        .env("DATA_DIR", &data)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while wal_size() < at_start + 2_000_000 {
        assert!(child.try_wait().unwrap().is_none(), "the import ended before it could be killed");
        assert!(started.elapsed() < Duration::from_secs(120), "the import never wrote");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished: {status}");
    assert_eq!(export(&data), before, "nothing of the killed import is stored");

    let rerun = server(&data, &["import", file.to_str().unwrap()]);
    assert!(rerun.status.success(), "{}", String::from_utf8_lossy(&rerun.stderr));
    let stdout = String::from_utf8_lossy(&rerun.stdout);
    assert!(stdout.contains(&format!("{copies} new")), "{stdout}");
    assert_eq!(export(&data).lines().count(), before.lines().count() + copies);
}
