//! Measuring search (and matching) quality on judged sets over the demo catalogue, side by
//! side with a naive SQLite FTS5 baseline built from the same records in the same run.
//!
//! Metrics, per category: nDCG@10 with gain 2^grade − 1; recall@10 of the records graded
//! 1 or more; MRR of the first record graded 2 or more.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use app::catalog::import::import_text;
use app::catalog::model::Record;
use app::db::Db;
use app::i18n::Lang;
use app::search::index::{sync, SearchIndex};
use app::search::model::SearchRequest;
use serde::Deserialize;

/// Results judged per query.
pub const K: usize = 10;

/// One judged query of `server/eval/search-queries.jsonl`.
#[derive(Debug, Deserialize)]
pub struct JudgedQuery {
    pub id: String,
    pub category: String,
    pub query: String,
    /// `kind/id` → grade 1..3.
    pub judgments: HashMap<String, u8>,
}

pub fn parse_judged<T: for<'de> Deserialize<'de>>(jsonl: &str) -> anyhow::Result<Vec<T>> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| anyhow::anyhow!("judged set line {}: {e}", n + 1)))
        .collect()
}

/// Scores of one ranked list against its judgments.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub ndcg: f64,
    pub recall: f64,
    pub mrr: f64,
}

pub fn score(ranked: &[String], judgments: &HashMap<String, u8>) -> Scores {
    let gain = |g: u8| f64::from((1u32 << g) - 1);
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 =
        ranked.iter().take(K).enumerate().map(|(i, key)| gain(*judgments.get(key).unwrap_or(&0)) * discount(i)).sum();
    let mut ideal: Vec<u8> = judgments.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal.iter().take(K).enumerate().map(|(i, g)| gain(*g) * discount(i)).sum();
    let relevant = judgments.values().filter(|g| **g >= 1).count();
    let found = ranked.iter().take(K).filter(|k| judgments.get(*k).is_some_and(|g| *g >= 1)).count();
    let first = ranked.iter().take(K).position(|k| judgments.get(k).is_some_and(|g| *g >= 2));
    Scores {
        ndcg: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        recall: if relevant > 0 { found as f64 / relevant as f64 } else { 0.0 },
        mrr: first.map(|p| 1.0 / (p + 1) as f64).unwrap_or(0.0),
    }
}

/// Mean scores per category, and over all.
#[derive(Debug, Default)]
pub struct Report {
    pub rows: BTreeMap<String, (usize, Scores)>,
}

impl Report {
    pub fn add(&mut self, category: &str, s: Scores) {
        for key in [category, "all"] {
            let (n, sum) = self.rows.entry(key.to_string()).or_default();
            *n += 1;
            sum.ndcg += s.ndcg;
            sum.recall += s.recall;
            sum.mrr += s.mrr;
        }
    }

    pub fn mean(&self, category: &str) -> Scores {
        let (n, sum) = self.rows.get(category).copied().unwrap_or_default();
        let n = n.max(1) as f64;
        Scores { ndcg: sum.ndcg / n, recall: sum.recall / n, mrr: sum.mrr / n }
    }
}

/// The demo catalogue in a fresh in-memory database, with its search index and FTS5 baseline.
pub struct Bench {
    pub db: Db,
    pub index: Arc<SearchIndex>,
    /// Matching's text weights (its own, or `KH_MATCH_WEIGHTS` over them).
    pub match_weights: app::search::index::Weights,
}

impl Bench {
    pub async fn new(catalogue: &str) -> anyhow::Result<Bench> {
        let db = app::db::connect_in_memory().await?;
        let report = import_text(&db, catalogue, &|_, _| {}).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        anyhow::ensure!(report.rejected.is_empty(), "catalogue lines rejected: {:?}", report.rejected);
        let mut index = SearchIndex::in_ram().map_err(|e| anyhow::anyhow!("{e}"))?;
        if let Ok(spec) = std::env::var("KH_WEIGHTS") {
            index.weights = app::search::index::Weights::parse(&spec, app::search::index::Weights::default());
        }
        let base = app::matching::weights::weights();
        let match_weights = match std::env::var("KH_MATCH_WEIGHTS") {
            Ok(spec) => app::search::index::Weights::parse(&spec, base),
            Err(_) => base,
        };
        let index = Arc::new(index);
        sync(&db, &index).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        build_fts(&db).await?;
        Ok(Bench { db, index, match_weights })
    }

    /// The engine's top keys for a query.
    pub fn search(&self, q: &str) -> anyhow::Result<Vec<String>> {
        let req = SearchRequest { q: q.to_string(), limit: K, ..SearchRequest::default() };
        let results =
            self.index.search_uncached(&req, Lang::Vi, app::clock::today()).map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(results.hits.into_iter().map(|h| format!("{}/{}", h.kind.code(), h.id)).collect())
    }

    /// The naive baseline's top keys: every word of the query OR-ed, ranked by bm25.
    pub async fn baseline(&self, q: &str, kinds: Option<&[&str]>) -> anyhow::Result<Vec<String>> {
        let words: Vec<String> =
            q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = "SELECT key FROM fts WHERE fts MATCH $1".to_string();
        if let Some(kinds) = kinds {
            let list: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.replace('\'', ""))).collect();
            sql.push_str(&format!(" AND kind IN ({})", list.join(",")));
        }
        sql.push_str(&format!(" ORDER BY bm25(fts) LIMIT {K}"));
        let keys: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(words.join(" OR ")).fetch_all(&self.db).await?;
        Ok(keys)
    }
}

/// An FTS5 table over title and all other text of every record (unicode61, diacritics removed).
async fn build_fts(db: &Db) -> anyhow::Result<()> {
    sqlx::query("CREATE VIRTUAL TABLE fts USING fts5(key UNINDEXED, kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
        .execute(db)
        .await?;
    let docs: Vec<String> = sqlx::query_scalar("SELECT doc FROM records").fetch_all(db).await?;
    for doc in docs {
        let record: Record = serde_json::from_str(&doc)?;
        let entry = record.entry();
        let t = entry.title();
        let title = [Some(t.base), t.en, t.vi].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let value: serde_json::Value = serde_json::from_str(&doc)?;
        let mut body = Vec::new();
        collect_strings(&value, &mut body);
        sqlx::query("INSERT INTO fts (key, kind, title, body) VALUES ($1, $2, $3, $4)")
            .bind(format!("{}/{}", record.kind().code(), record.id()))
            .bind(record.kind().code())
            .bind(title)
            .bind(body.join(" "))
            .execute(db)
            .await?;
    }
    Ok(())
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Prints a weak result for tuning: our ranking with grades, what it missed, FTS5's grades.
fn explain(label: &str, ours: &[String], theirs: &[String], judgments: &HashMap<String, u8>, (a, b): (Scores, Scores)) {
    let grade = |k: &String| judgments.get(k).map(|g| g.to_string()).unwrap_or("-".into());
    println!("{label}: nDCG {:.2} (FTS5 {:.2})", a.ndcg, b.ndcg);
    for (i, key) in ours.iter().enumerate() {
        println!("   {:>2}. {} {}", i + 1, grade(key), key);
    }
    let missed: Vec<_> = judgments.iter().filter(|(k, g)| **g >= 2 && !ours.contains(k)).collect();
    println!("   missed: {missed:?}");
    let fts: Vec<String> = theirs.iter().map(|k| format!("{}{}", grade(k), k.chars().next().unwrap_or(' '))).collect();
    println!("   FTS5: {}", fts.join(" "));
}

/// Runs the judged search queries through the engine and the baseline.
pub async fn eval_search(bench: &Bench, queries: &[JudgedQuery], verbose: bool) -> anyhow::Result<(Report, Report)> {
    let (mut engine, mut baseline) = (Report::default(), Report::default());
    for q in queries {
        let ours = bench.search(&q.query)?;
        let theirs = bench.baseline(&q.query, None).await?;
        let (a, b) = (score(&ours, &q.judgments), score(&theirs, &q.judgments));
        if verbose && a.ndcg < 0.85 {
            explain(&format!("{} [{}] {:?}", q.id, q.category, q.query), &ours, &theirs, &q.judgments, (a, b));
        }
        engine.add(&q.category, a);
        baseline.add(&q.category, b);
    }
    Ok((engine, baseline))
}

/// One judged need of `server/eval/match-needs.jsonl`.
#[derive(Debug, Deserialize)]
pub struct JudgedNeed {
    pub id: String,
    pub group: String,
    pub need: app::matching::model::MatchRequest,
    pub judgments: HashMap<String, u8>,
}

/// Runs the judged needs through the matcher and the baseline (title and description as an
/// OR query over the requested kinds).
pub async fn eval_matching(bench: &Bench, needs: &[JudgedNeed], verbose: bool) -> anyhow::Result<(Report, Report)> {
    use app::matching::matcher::{find_weighted, need_query};
    use app::matching::score::NeedProfile;
    let (mut engine, mut baseline) = (Report::default(), Report::default());
    let today = app::clock::today();
    for n in needs {
        let r = &n.need;
        let profile = NeedProfile { sectors: r.sectors.clone(), trl_min: r.trl_min };
        let query = need_query(&r.title, &r.description, profile, r.kinds());
        let ours: Vec<String> = find_weighted(&bench.index, &query, &bench.match_weights, K, Lang::Vi, today)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .into_iter()
            .map(|m| format!("{}/{}", m.kind.code(), m.id))
            .collect();
        let kinds: Vec<&str> = r.kinds().iter().map(|k| k.code()).collect();
        let theirs = bench.baseline(&format!("{} {}", r.title, r.description), Some(&kinds)).await?;
        let (a, b) = (score(&ours, &n.judgments), score(&theirs, &n.judgments));
        if verbose && a.ndcg < 0.85 {
            explain(&format!("{} [{}] {:?}", n.id, n.group, r.title), &ours, &theirs, &n.judgments, (a, b));
        }
        engine.add(&n.group, a);
        baseline.add(&n.group, b);
    }
    Ok((engine, baseline))
}

/// The side-by-side table.
pub fn table(title: &str, engine: &Report, baseline: &Report) -> String {
    let mut out = format!("\n{title}\n");
    out.push_str(&format!(
        "{:<12} {:>4} | {:>8} {:>9} {:>6} | {:>8} {:>9} {:>6}\n",
        "category", "n", "nDCG@10", "recall@10", "MRR", "FTS5 nDCG", "recall", "MRR"
    ));
    out.push_str(&format!("{}\n", "-".repeat(80)));
    let mut categories: Vec<&String> = engine.rows.keys().filter(|c| *c != "all").collect();
    let all = "all".to_string();
    categories.push(&all);
    for c in categories {
        let (a, b) = (engine.mean(c), baseline.mean(c));
        let n = engine.rows.get(c).map(|r| r.0).unwrap_or(0);
        out.push_str(&format!(
            "{:<12} {:>4} | {:>8.3} {:>9.3} {:>6.3} | {:>8.3} {:>9.3} {:>6.3}\n",
            c, n, a.ndcg, a.recall, a.mrr, b.ndcg, b.recall, b.mrr
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_empty_rankings() {
        let judged: HashMap<String, u8> = [("a".into(), 3), ("b".into(), 1)].into_iter().collect();
        let perfect = score(&["a".into(), "b".into()], &judged);
        assert!((perfect.ndcg - 1.0).abs() < 1e-9 && perfect.recall == 1.0 && perfect.mrr == 1.0);
        let reversed = score(&["b".into(), "a".into()], &judged);
        assert!(reversed.ndcg < 1.0 && reversed.mrr == 0.5);
        let none = score(&["x".into()], &judged);
        assert_eq!((none.ndcg, none.recall, none.mrr), (0.0, 0.0, 0.0));
    }
}
