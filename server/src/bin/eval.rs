//! `cargo xtask eval`: search and matching quality on the judged sets, beside FTS5.

use server::eval::{eval_search, parse_judged, table, Bench};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = Bench::new(server::startup::DEMO_CATALOGUE).await?;
    let queries = parse_judged(&std::fs::read_to_string(root.join("eval/search-queries.jsonl"))?)?;
    let (engine, baseline) = eval_search(&bench, &queries, verbose).await?;
    println!("{}", table(&format!("Search: {} judged queries over the demo catalogue", queries.len()), &engine, &baseline));
    Ok(())
}
