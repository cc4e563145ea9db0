//! Search and matching quality must not regress: every category of the judged queries and every
//! language group of the judged needs keeps nDCG@10 of at least 0.85 and stays above the naive
//! FTS5 baseline measured in the same run.

use server::eval::{eval_search, parse_judged, Bench, JudgedQuery};

#[tokio::test]
async fn every_category_of_the_judged_queries_beats_the_bar_and_the_baseline() {
    let bench = Bench::new(server::startup::DEMO_CATALOGUE).await.unwrap();
    let queries: Vec<JudgedQuery> = parse_judged(include_str!("../../eval/search-queries.jsonl")).unwrap();
    assert!(queries.len() >= 60);
    let (engine, baseline) = eval_search(&bench, &queries, false).await.unwrap();
    for category in engine.rows.keys() {
        let (ours, theirs) = (engine.mean(category).ndcg, baseline.mean(category).ndcg);
        assert!(ours >= 0.85, "{category}: nDCG@10 {ours:.3} is below 0.85");
        assert!(ours > theirs, "{category}: nDCG@10 {ours:.3} is not above FTS5's {theirs:.3}");
    }
}

#[tokio::test]
async fn matching_beats_the_baseline_in_every_language_group() {
    use server::eval::{eval_matching, JudgedNeed};
    let bench = Bench::new(server::startup::DEMO_CATALOGUE).await.unwrap();
    let needs: Vec<JudgedNeed> = parse_judged(include_str!("../../eval/match-needs.jsonl")).unwrap();
    assert!(needs.len() >= 30);
    let (engine, baseline) = eval_matching(&bench, &needs, false).await.unwrap();
    for group in engine.rows.keys() {
        let (ours, theirs) = (engine.mean(group).ndcg, baseline.mean(group).ndcg);
        assert!(ours > theirs, "{group}: nDCG@10 {ours:.3} is not above FTS5's {theirs:.3}");
        assert!(ours >= 0.85, "{group}: nDCG@10 {ours:.3} is below 0.85");
    }
}
