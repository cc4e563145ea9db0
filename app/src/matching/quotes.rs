//! What a need and a candidate say alike, as a person would quote it: whole phrases of two
//! or more words, a code such as "PCR", or a glossary term (in either language), never a lone
//! Vietnamese syllable. Marks count where both sides carry them ("biển" is not "biến"); stop
//! words, words too common to tell anything and place names are left out. Pure.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::places;
use super::words::{generic_only, is_stop};
use crate::search::analyzer::{words, Word};
use crate::search::glossary::Glossary;

/// A word of a text with where it stands in it.
struct Token {
    span: Range<usize>,
    word: Word,
    /// Only spaces or a hyphen stand between it and the word before.
    joined: bool,
}

/// The words of `text` (in NFC) with their places.
fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let Some(word) = words(&text[s..i]).into_iter().next() else { continue };
        let gap = out.last().map_or("", |t| &text[t.span.end..s]);
        let joined = !out.is_empty() && gap.chars().all(|c| c.is_whitespace() || c == '-');
        out.push(Token { span: s..i, word, joined });
    }
    out
}

/// Same word: folded alike, and written alike where both carry marks.
fn same(a: &Word, b: &Word) -> bool {
    a.folded == b.folded && (!a.has_marks() || !b.has_marks() || a.exact == b.exact)
}

/// A code: an abbreviation in capitals ("PCR", "HPLC") or letters with digits ("H2S").
fn is_code(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    text.is_ascii()
        && text.len() >= 2
        && letters > 0
        && (digits > 0 || text.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
}

/// What a need says, ready to be compared with candidates.
#[derive(Debug, Default)]
pub struct Said {
    /// Adjacent words (folded) to the ways they were written.
    pairs: HashMap<(String, String), Vec<(Word, Word)>>,
    /// Its words, folded (a code a candidate writes is looked up here).
    words: HashSet<String>,
    /// The glossary entries it names.
    entries: HashSet<usize>,
    /// The places it names, folded.
    places: HashSet<String>,
    /// Folded words too common in the catalogue to explain a match alone.
    common: HashSet<String>,
    /// Its words that tell something (folded): neither stop words nor too common.
    telling: HashSet<String>,
}

impl Said {
    /// `text` read against `glossary`; `common`: folded words too common to tell anything.
    pub fn new(text: &str, glossary: &Glossary, common: HashSet<String>) -> Said {
        let text = crate::text::nfc(text);
        let tokens = tokens(&text);
        let mut said = Said { common, ..Said::default() };
        for pair in tokens.windows(2).filter(|p| p[1].joined) {
            let key = (pair[0].word.folded.clone(), pair[1].word.folded.clone());
            said.pairs.entry(key).or_default().push((pair[0].word.clone(), pair[1].word.clone()));
        }
        said.words = tokens.iter().map(|t| t.word.folded.clone()).collect();
        said.telling = tokens
            .iter()
            .filter(|t| !is_stop(&t.word) && !said.common.contains(&t.word.folded))
            .map(|t| t.word.folded.clone())
            .collect();
        let words: Vec<Word> = tokens.iter().map(|t| t.word.clone()).collect();
        said.entries = glossary
            .found(&words)
            .into_iter()
            .filter(|(span, _)| written_together(&tokens, span))
            .flat_map(|(_, entries)| entries)
            .collect();
        let refs: Vec<&Word> = words.iter().collect();
        said.places = places::spans(&refs).into_iter().map(|r| folded(&words[r])).collect();
        said
    }

    /// Its words that tell something (folded).
    pub fn telling_words(&self) -> &HashSet<String> {
        &self.telling
    }

    fn shares_pair(&self, a: &Word, b: &Word) -> bool {
        let key = (a.folded.clone(), b.folded.clone());
        self.pairs.get(&key).is_some_and(|forms| forms.iter().any(|(x, y)| same(a, x) && same(b, y)))
    }

    /// Whether `words` tell something: one of them is neither a stop word nor too common.
    fn telling(&self, words: &[Word]) -> bool {
        words.iter().any(|w| !is_stop(w) && !self.common.contains(&w.folded))
    }
}

/// Whether the words of `span` stand together, in one sentence ("lobster. Milky disease" is
/// not "lobster milky disease").
fn written_together(tokens: &[Token], span: &Range<usize>) -> bool {
    tokens[span.start + 1..span.end].iter().all(|t| t.joined)
}

fn folded(words: &[Word]) -> String {
    words.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ")
}

/// A shared phrase as the candidate writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub text: String,
    /// The glossary entry the phrase is a term of, if it is one.
    pub entry: Option<usize>,
    /// A code, the same in every language.
    pub code: bool,
    /// Only general compounds ("quy trình", "hỗ trợ"): it brings a candidate near, but is no
    /// reason to show.
    pub generic: bool,
}

/// What `text` shares with the need, longest first, each phrase once.
pub fn quotes(said: &Said, text: &str, glossary: &Glossary) -> Vec<Quote> {
    let text = crate::text::nfc(text);
    let tokens = tokens(&text);
    let words: Vec<Word> = tokens.iter().map(|t| t.word.clone()).collect();
    let refs: Vec<&Word> = words.iter().collect();
    let mut place = vec![false; tokens.len()];
    for span in places::spans(&refs) {
        place[span].iter_mut().for_each(|p| *p = true);
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    // Runs of words each written next to the one before in the need too.
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1;
        while end < tokens.len()
            && tokens[end].joined
            && !place[end - 1]
            && !place[end]
            && said.shares_pair(&words[end - 1], &words[end])
        {
            end += 1;
        }
        let (mut a, mut b) = (i, end);
        while a < b && is_stop(&words[a]) {
            a += 1;
        }
        while b > a && is_stop(&words[b - 1]) {
            b -= 1;
        }
        if b - a >= 2 && said.telling(&words[a..b]) {
            found.push(a..b);
        }
        i = end;
    }
    // Terms of the glossary the need names too, in whichever language; and codes.
    let terms = glossary.found(&words);
    for (span, entries) in &terms {
        let shared = entries.iter().any(|e| said.entries.contains(e));
        let apart = !written_together(&tokens, span) || place[span.clone()].contains(&true);
        if shared && !apart && said.telling(&words[span.clone()]) {
            found.push(span.clone());
        }
    }
    for (n, token) in tokens.iter().enumerate() {
        if is_code(&text[token.span.clone()]) && said.words.contains(&token.word.folded) {
            found.push(n..n + 1);
        }
    }
    // The longest first; a phrase inside one already quoted goes.
    found.sort_by_key(|r| (std::cmp::Reverse(r.len()), r.start));
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut seen = HashSet::new();
    for r in found {
        let overlaps = kept.iter().any(|k| r.start < k.end && k.start < r.end);
        if !overlaps && seen.insert(folded(&words[r.clone()])) {
            kept.push(r);
        }
    }
    kept.into_iter()
        .map(|r| {
            let quoted = sentence_case(&text[tokens[r.start].span.start..tokens[r.end - 1].span.end]);
            let entry = terms.iter().find(|(span, _)| *span == r).and_then(|(_, entries)| {
                entries.iter().find(|e| said.entries.contains(e)).or(entries.first()).copied()
            });
            let code = r.len() == 1 && is_code(&quoted);
            let generic = !code && generic_only(&words[r]);
            Quote { text: quoted, entry, code, generic }
        })
        .collect()
}

/// A phrase as it reads inside a sentence: "Kiểm nghiệm" (a title's first word) as
/// "kiểm nghiệm"; "HPLC", "IoT" and names ("Nhật Bản") stay.
fn sentence_case(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second))
            if first.is_uppercase() && second.is_lowercase() && !chars.any(char::is_uppercase) =>
        {
            first.to_lowercase().chain(phrase.chars().skip(1)).collect()
        }
        _ => phrase.to_string(),
    }
}

/// The places in the province or the country `text` names that the need names too, each by
/// its name ("Van Ninh" is Vạn Ninh).
pub fn shared_places(said: &Said, text: &str) -> Vec<String> {
    let text = crate::text::nfc(text);
    let tokens = tokens(&text);
    let words: Vec<Word> = tokens.iter().map(|t| t.word.clone()).collect();
    let refs: Vec<&Word> = words.iter().collect();
    places::spans(&refs)
        .into_iter()
        .filter(|r| places::is_area(&refs[r.clone()]) && said.places.contains(&folded(&words[r.clone()])))
        .map(|r| places::name(&refs[r]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::parse("x\ttôm hùm\tlobster\nx\tcảm biến\tsensor\nx\tcông nghệ\ttechnology\n").unwrap()
    }

    fn quoted(need: &str, text: &str) -> Vec<String> {
        let g = glossary();
        quotes(&Said::new(need, &g, HashSet::new()), text, &g)
            .into_iter()
            .filter(|q| !q.generic)
            .map(|q| q.text)
            .collect()
    }

    #[test]
    fn phrases_not_syllables() {
        assert_eq!(quoted("đo histamin bằng HPLC", "Phân tích bằng HPLC"), ["HPLC"]);
        let need = "Cần đo lượng oxy hòa tan qua cảm biến cho lồng nuôi hàng loạt";
        let lab = "Phòng đo oxy hòa tan, lượng mưa; phần mềm đặt hàng";
        assert_eq!(quoted(need, lab), ["oxy hòa tan"], "no lone 'lượng', 'hàng' or 'đo'");
    }

    #[test]
    fn marks_count_where_both_sides_carry_them() {
        assert_eq!(
            quoted("quan trắc môi trường biển", "biến đổi môi trường biến dạng"),
            ["môi trường"],
            "biển is not biến"
        );
        assert_eq!(quoted("quan trac moi truong bien", "Quan trắc môi trường biển"), ["quan trắc môi trường biển"]);
    }

    #[test]
    fn places_stop_words_and_common_words_are_not_reasons() {
        assert!(quoted("nuôi ở vịnh Vân Phong", "Văn phòng tại vịnh Vân Phong").is_empty());
        let g = glossary();
        let common: HashSet<String> = ["cong", "nghe"].iter().map(|s| s.to_string()).collect();
        let said = Said::new("công nghệ của tôm hùm", &g, common);
        let found: Vec<String> = quotes(&said, "công nghệ của ngành tôm hùm", &g).into_iter().map(|q| q.text).collect();
        assert_eq!(found, ["tôm hùm"]);
        assert_eq!(shared_places(&said, "ở Vạn Ninh"), Vec::<String>::new());
        let said = Said::new("lồng nuôi ở Vạn Ninh", &g, HashSet::new());
        assert_eq!(shared_places(&said, "Trại giống Van Ninh"), ["Vạn Ninh"]);
    }

    #[test]
    fn general_compounds_alone_are_not_reasons_but_stay_inside_telling_phrases() {
        assert!(quoted("Cần cơ sở hỗ trợ kỹ thuật", "Cơ sở hỗ trợ kỹ thuật cho doanh nghiệp").is_empty());
        // Still found, as a weak sign of nearness, but flagged.
        let g = glossary();
        let said = Said::new("Cần cơ sở hỗ trợ kỹ thuật", &g, HashSet::new());
        let found = quotes(&said, "Cơ sở hỗ trợ kỹ thuật cho doanh nghiệp", &g);
        assert!(found.len() == 1 && found[0].generic, "{found:?}");
        assert!(quoted("can co so ho tro", "Cơ sở hỗ trợ khởi nghiệp").is_empty(), "typed without marks too");
        assert!(quoted("quality management system", "A quality management system for labs").is_empty());
        assert_eq!(
            quoted("Quy trình sản xuất nước mắm", "Chuẩn hóa quy trình sản xuất nước mắm truyền thống"),
            ["quy trình sản xuất nước mắm"]
        );
        assert_eq!(quoted("water quality sensors", "Water quality sensors for ponds"), ["water quality sensors"]);
        // A general compound with one syllable of the next word is no phrase at all.
        assert!(quoted("cơ sở sản xuất", "Cơ sở sản phẩm và kiểm nghiệm").is_empty());
        assert_eq!(quoted("water quality", "Water quality in ponds"), ["water quality"]);
    }

    #[test]
    fn names_keep_their_capitals_and_terms_stay_in_their_sentence() {
        assert_eq!(sentence_case("Nhật Bản"), "Nhật Bản");
        assert_eq!(sentence_case("IoT"), "IoT");
        assert_eq!(sentence_case("Kiểm nghiệm"), "kiểm nghiệm");
        assert!(quoted("xuất khẩu sang Nhật Bản", "Tiêu chuẩn xuất khẩu Nhật Bản").iter().all(|q| !q.contains("Nhật")));
        let g = Glossary::parse("x\ttôm hùm bệnh sữa\tlobster milky disease\n").unwrap();
        let said = Said::new("bệnh sữa trên tôm hùm bệnh sữa", &g, HashSet::new());
        assert!(quotes(&said, "Trị bệnh tôm hùm. Bệnh sữa thì khác", &g).iter().all(|q| q.entry.is_none()));
    }

    #[test]
    fn terms_across_languages_and_codes() {
        let g = glossary();
        let said = Said::new("Lobster cage sensor with pcr checks", &g, HashSet::new());
        let found = quotes(&said, "Cảm biến cho lồng tôm hùm, xét nghiệm PCR", &g);
        let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["cảm biến", "tôm hùm", "PCR"]);
        assert_eq!(g.main_term(found[1].entry.unwrap(), false), "lobster");
        assert!(found[2].code && found[2].entry.is_none());
    }
}
