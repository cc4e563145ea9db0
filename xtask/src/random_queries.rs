//! Random queries against search, suggestions and matching, as people and robots send them:
//! control characters, huge numbers, mixed scripts, emoji, query syntax, 10 kB strings,
//! broken percent-encoding. None may get a 5xx.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Pieces that queries are made of.
const PIECES: &[&str] = &[
    "tôm hùm",
    "tom hum",
    "nuôi biển",
    "vắc-xin",
    "vac xin",
    "PCR",
    "HPLC",
    "ISO/IEC 17025",
    "AND",
    "OR",
    "NOT",
    "\"",
    "(",
    ")",
    ":",
    "*",
    "?",
    "~2",
    "^3",
    "-",
    "+",
    "[",
    "]",
    "{",
    "}",
    "/",
    "\\",
    "title:",
    "kind:lab",
    "😀",
    "🦞",
    "👩‍🔬",
    "🇻🇳",
    "水产养殖",
    "مختبر",
    "лаборатория",
    "ทดสอบ",
    "\u{301}",
    "\u{200f}",
    "\u{feff}",
    "\u{0}",
    "\t",
    "\n",
    "\u{7}",
    "\u{1b}[31m",
    "\u{85}",
    "\u{2028}",
    "99999999999999999999999999",
    "-1",
    "1e308",
    "NaN",
    "%",
    "&",
    "=",
    "#",
    "'; DROP TABLE records; --",
    "<script>alert(1)</script>",
    "ǅ",
    "ﬁ",
    "İ",
    "ẞ",
];

/// An answer: the endpoint asked, its status, and the (shortened) request.
type Answer = (&'static str, u16, String);

/// Sends `count` random queries from `seed` to the portal at `addr` (`host:port`) over two
/// connections at a time; fails when any answer is a 5xx or none comes.
pub fn check(addr: &str, count: usize, seed: u64) -> Result<()> {
    let started = Instant::now();
    let answers: Vec<Result<Vec<Answer>>> = std::thread::scope(|scope| {
        let workers: Vec<_> =
            (0..2u64).map(|worker| scope.spawn(move || send_many(addr, count / 2, seed * 2 + worker))).collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|_| bail!("a sender panicked"))).collect()
    });
    let mut statuses: BTreeMap<(&str, u16), usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for answer in answers {
        for (endpoint, status, request) in answer? {
            *statuses.entry((endpoint, status)).or_default() += 1;
            if status >= 500 {
                failures.push(format!("{status} from {request}"));
            }
        }
    }
    let table: Vec<String> = statuses.iter().map(|((e, s), n)| format!("{e} {s} ×{n}")).collect();
    eprintln!("xtask: {count} random queries in {:.0?}: {}", started.elapsed(), table.join(", "));
    if !failures.is_empty() {
        bail!("{} answers were 5xx, first: {}", failures.len(), failures[..failures.len().min(3)].join(" | "));
    }
    Ok(())
}

/// One sender's queries and their answers.
fn send_many(addr: &str, count: usize, seed: u64) -> Result<Vec<Answer>> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut answers = Vec::with_capacity(count);
    for i in 0..count {
        let text = random_text(&mut rng);
        let (endpoint, request) = match i % 3 {
            0 => {
                let q = if rng.u8(..20) == 0 { "%FF%FE%C3".to_string() } else { encode(&text) };
                let limit = if rng.bool() { format!("&limit={}", number(&mut rng)) } else { String::new() };
                ("search", format!("GET /api/search?q={q}{limit}&lang=vi HTTP/1.1\r\n"))
            }
            1 => ("suggest", post("/fn/suggest", &serde_json::json!({ "q": text, "lang": "vi" }))),
            _ => {
                let need = serde_json::json!({
                    "title": text,
                    "description": random_text(&mut rng),
                    "trl_min": rng.bool().then(|| number(&mut rng).parse::<f64>().ok()).flatten(),
                    "limit": rng.bool().then(|| number(&mut rng).parse::<f64>().ok()).flatten(),
                });
                ("match", post("/api/match?lang=en", &need))
            }
        };
        let status = send(addr, &request).with_context(|| format!("{endpoint}: {}", shorten(&request)))?;
        answers.push((endpoint, status, shorten(&request)));
    }
    Ok(answers)
}

/// Some text: pieces joined, a 10 kB run of them, or random Unicode.
fn random_text(rng: &mut fastrand::Rng) -> String {
    let piece = |rng: &mut fastrand::Rng| PIECES[rng.usize(..PIECES.len())];
    match rng.u8(..10) {
        0 => {
            let mut text = String::new();
            while text.len() < 10_000 {
                text.push_str(piece(rng));
                text.push(' ');
            }
            text
        }
        1 => (0..rng.usize(1..40)).filter_map(|_| char::from_u32(rng.u32(..0x11_0000))).collect(),
        _ => (0..rng.usize(1..8)).map(|_| piece(rng)).collect::<Vec<_>>().join(if rng.bool() { " " } else { "" }),
    }
}

/// A number as a query might carry it, sensible or not.
fn number(rng: &mut fastrand::Rng) -> String {
    match rng.u8(..6) {
        0 => "99999999999999999999".into(),
        1 => "-3".into(),
        2 => "0".into(),
        3 => "2.5".into(),
        4 => rng.u32(1..60).to_string(),
        _ => rng.u32(1..10).to_string(),
    }
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn post(path: &str, body: &serde_json::Value) -> String {
    let body = body.to_string();
    format!(
        "POST {path} HTTP/1.1\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// The request's first line, or its start.
fn shorten(request: &str) -> String {
    request.chars().take(160).collect()
}

/// Sends `request` (its request line and headers, without `Host`; a body after a blank line)
/// and answers the status.
fn send(addr: &str, request: &str) -> Result<u16> {
    let (head, body) = request.split_once("\r\n\r\n").unwrap_or((request.trim_end(), ""));
    let message = format!("{head}\r\nhost: {addr}\r\nconnection: close\r\n\r\n{body}");
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.write_all(message.as_bytes())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let line = String::from_utf8_lossy(&answer[..answer.len().min(20)]).to_string();
    line.split(' ').nth(1).and_then(|s| s.parse().ok()).with_context(|| format!("no status in {line:?}"))
}
