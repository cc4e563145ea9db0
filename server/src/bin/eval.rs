//! `cargo xtask eval`: search and matching quality on the judged sets, beside FTS5 (search
//! also on a held-out set that no weight was tuned on).

use server::eval::{eval_matching, eval_search, parse_judged, table, Bench};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = Bench::new(server::startup::DEMO_CATALOGUE).await?;
    let queries = parse_judged(&std::fs::read_to_string(root.join("eval/search-queries.jsonl"))?)?;
    let (engine, baseline) = eval_search(&bench, &queries, verbose).await?;
    println!(
        "{}",
        table(&format!("Search: {} judged queries over the demo catalogue", queries.len()), &engine, &baseline)
    );
    // Judged by someone else after the weights were set, and never tuned on: the check that a
    // change holds beyond the queries it was made with.
    let held_out = parse_judged(&std::fs::read_to_string(root.join("eval/search-heldout.jsonl"))?)?;
    let (engine, baseline) = eval_search(&bench, &held_out, verbose).await?;
    println!(
        "{}",
        table(&format!("Held-out search: {} judged queries never tuned on", held_out.len()), &engine, &baseline)
    );
    let needs = parse_judged(&std::fs::read_to_string(root.join("eval/match-needs.jsonl"))?)?;
    let (engine, baseline) = eval_matching(&bench, &needs, verbose).await?;
    println!(
        "{}",
        table(&format!("Matching: {} judged needs over the demo catalogue", needs.len()), &engine, &baseline)
    );
    Ok(())
}
