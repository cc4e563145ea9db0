//! Snippets: the part of a record's text where the query's words are thickest, with those
//! words marked, compared folded so that "nuoi tom" marks "nuôi tôm".

use std::collections::HashSet;

use super::analyzer::words;
use super::model::Segment;

/// Whether `word` (folded) matches one of `terms`, exactly or, for words of five letters or
/// more, within one edit.
fn matches(word: &str, terms: &HashSet<String>) -> bool {
    terms.contains(word)
        || (word.chars().count() >= 5
            && terms.iter().any(|t| t.chars().count() >= 5 && strsim::damerau_levenshtein(word, t) <= 1))
}

/// The best window of about `max_words` words of `text`, with matches of `terms` marked.
pub fn snippet(text: &str, terms: &HashSet<String>, max_words: usize) -> Vec<Segment> {
    // Byte ranges of the words, and whether each matches.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric() && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let folded = words(&text[s..i]).into_iter().map(|w| w.folded).collect::<String>();
                spans.push((s, i, matches(&folded, terms)));
                start = None;
            }
            _ => {}
        }
    }
    if spans.is_empty() {
        return vec![Segment { text: text.to_string(), mark: false }];
    }
    let window = max_words.max(1).min(spans.len());
    let mut best = (0, 0usize);
    let mut count = spans[..window].iter().filter(|s| s.2).count();
    best.1 = count;
    for first in 1..=spans.len() - window {
        count = count + spans[first + window - 1].2 as usize - spans[first - 1].2 as usize;
        if count > best.1 {
            best = (first, count);
        }
    }
    // Start a little before the first match so that it reads in context.
    let first_match = (best.0..best.0 + window).find(|&i| spans[i].2).unwrap_or(best.0);
    let first = first_match.saturating_sub(3).min(spans.len() - window);
    let last = first + window - 1;
    let from = if first == 0 { 0 } else { spans[first].0 };
    let to = if last == spans.len() - 1 { text.len() } else { spans[last].1 };

    let mut out: Vec<Segment> = Vec::new();
    let mut push = |text: &str, mark: bool| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(text),
            _ => out.push(Segment { text: text.to_string(), mark }),
        }
    };
    if from > 0 {
        push("… ", false);
    }
    let mut at = from;
    let mut previous = false;
    for &(s, e, hit) in &spans[first..=last] {
        let gap = &text[at..s];
        // "tôm hùm" reads as one match, not two.
        push(gap, hit && previous && gap.trim().is_empty());
        push(&text[s..e], hit);
        previous = hit;
        at = e;
    }
    push(&text[at..to], false);
    if to < text.len() {
        push(" …", false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn marked(segments: &[Segment]) -> Vec<&str> {
        segments.iter().filter(|s| s.mark).map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn folded_query_words_mark_the_written_words() {
        let s = snippet("Nuôi tôm hùm lồng bè ở Vạn Ninh.", &terms(&["tom", "hum"]), 30);
        assert_eq!(marked(&s), ["tôm hùm"]);
        let text: String = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "Nuôi tôm hùm lồng bè ở Vạn Ninh.");
    }

    #[test]
    fn the_window_moves_to_the_matches() {
        let text = format!("{} vắc xin cúm {}", "một ".repeat(40), "hai ".repeat(40));
        let s = snippet(&text, &terms(&["vac", "xin"]), 10);
        assert_eq!(marked(&s), ["vắc xin"]);
        assert!(s.first().unwrap().text.starts_with('…') && s.last().unwrap().text.ends_with('…'));
    }

    #[test]
    fn typos_of_long_words_are_marked() {
        let s = snippet("A lobster hatchery in Cam Ranh", &terms(&["hatchry"]), 30);
        assert_eq!(marked(&s), ["hatchery"]);
    }

    #[test]
    fn html_is_escaped() {
        let s = vec![Segment { text: "<b>".into(), mark: false }, Segment { text: "x&y".into(), mark: true }];
        assert_eq!(super::super::model::segments_html(&s), "&lt;b&gt;<mark>x&amp;y</mark>");
    }
}
