//! In-process latency of search, matching and the naive SQLite FTS5 baseline, over the same
//! data folder and the same queries (used by `cargo xtask bench`). Prints `name p50 p95 p99`
//! in milliseconds, one line each.

use std::sync::Arc;
use std::time::Instant;

use app::i18n::Lang;
use app::search::index::SearchIndex;
use app::search::model::SearchRequest;
use server::eval::{parse_judged, JudgedNeed, JudgedQuery};

fn percentiles(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
    (at(0.50), at(0.95), at(0.99))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let data = std::path::PathBuf::from(value("--data").unwrap_or_else(|| "data".into()));
    let rounds: usize = value("--rounds").unwrap_or_else(|| "5".into()).parse()?;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let queries: Vec<JudgedQuery> = parse_judged(&std::fs::read_to_string(root.join("eval/search-queries.jsonl"))?)?;
    let needs: Vec<JudgedNeed> = parse_judged(&std::fs::read_to_string(root.join("eval/match-needs.jsonl"))?)?;
    let db = app::db::connect(&format!("sqlite:{}", data.join("portal.db").display())).await?;
    let mut index = SearchIndex::open(&data.join("search")).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Ok(spec) = std::env::var("KH_WEIGHTS") {
        index.weights = app::search::index::Weights::parse(&spec, app::search::index::Weights::default());
    }
    let index = Arc::new(index);
    let today = app::clock::today();
    // `--only search|match|fts5` runs one part (to profile it alone).
    let only = value("--only");
    let runs = |part: &str| only.as_deref().is_none_or(|o| o == part);

    let mut ms = Vec::new();
    for _ in 0..if runs("search") { rounds } else { 0 } {
        for q in &queries {
            let req = SearchRequest { q: q.query.clone(), limit: 20, ..SearchRequest::default() };
            let started = Instant::now();
            index.search_uncached(&req, Lang::Vi, today).map_err(|e| anyhow::anyhow!("{e}"))?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    if runs("search") {
        let (a, b, c) = percentiles(ms);
        println!("search {a:.2} {b:.2} {c:.2}");
    }

    let mut ms = Vec::new();
    for _ in 0..if runs("match") { rounds } else { 0 } {
        for n in &needs {
            let r = &n.need;
            let profile = app::matching::score::NeedProfile { sectors: r.sectors.clone(), trl_min: r.trl_min };
            let query = app::matching::matcher::need_query(&r.title, &r.description, profile, r.kinds());
            let started = Instant::now();
            app::matching::matcher::find(&index, &query, 10, Lang::Vi, today).map_err(|e| anyhow::anyhow!("{e}"))?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    if runs("match") {
        let (a, b, c) = percentiles(ms);
        println!("match {a:.2} {b:.2} {c:.2}");
    }
    if !runs("fts5") {
        return Ok(());
    }

    // The naive baseline: FTS5 over title and all text, every word OR-ed, bm25.
    let started = Instant::now();
    sqlx::query("DROP TABLE IF EXISTS bench_fts").execute(&db).await?;
    sqlx::query("CREATE VIRTUAL TABLE bench_fts USING fts5(key UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
        .execute(&db)
        .await?;
    sqlx::query("INSERT INTO bench_fts (key, title, body) SELECT kind || '/' || id, title || ' ' || COALESCE(title_en, ''), doc FROM records")
        .execute(&db)
        .await?;
    println!("fts5_build_s {:.2}", started.elapsed().as_secs_f64());
    let mut ms = Vec::new();
    for _ in 0..rounds {
        for q in &queries {
            let words: Vec<String> = q
                .query
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| format!("\"{w}\""))
                .collect();
            if words.is_empty() {
                continue;
            }
            let started = Instant::now();
            let _: Vec<String> = sqlx::query_scalar(
                "SELECT key FROM bench_fts WHERE bench_fts MATCH $1 ORDER BY bm25(bench_fts) LIMIT 20",
            )
            .bind(words.join(" OR "))
            .fetch_all(&db)
            .await?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let (a, b, c) = percentiles(ms);
    println!("fts5 {a:.2} {b:.2} {c:.2}");
    sqlx::query("DROP TABLE bench_fts").execute(&db).await?;
    Ok(())
}
