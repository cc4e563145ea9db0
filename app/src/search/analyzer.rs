//! How the portal reads Vietnamese and English text, for indexing and for queries alike:
//! NFC, one tone placement (hoà = hòa, thuỷ = thủy, khoẻ = khỏe), lower case, words; each word
//! also folded (no marks, đ → d), and adjacent folded words joined in pairs so that a
//! multi-syllable word (tôm hùm → "tomhum") outranks the same syllables scattered.

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks, as combining characters.
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// One word of a text: as written (canonical tone placement, lower case) and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub exact: String,
    pub folded: String,
}

impl Word {
    /// Whether the word carries Vietnamese marks (the person typed them).
    pub fn has_marks(&self) -> bool {
        self.exact != self.folded
    }
}

/// Moves the tone of a syllable ending in "oa", "oe" or "uy" (old placement: hoà, khoẻ,
/// thuỷ) onto the first vowel (new placement: hòa, khỏe, thủy). `word` is lower case.
fn canonical_tone(word: &str) -> String {
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    let mut tone: Option<(usize, char)> = None;
    for c in word.nfd() {
        if TONES.contains(&c) && !letters.is_empty() {
            tone = Some((letters.len() - 1, c));
        } else if unicode_normalization::char::is_combining_mark(c) && !letters.is_empty() {
            if let Some(last) = letters.last_mut() {
                last.1.push(c);
            }
        } else {
            letters.push((c, Vec::new()));
        }
    }
    if let Some((at, mark)) = tone {
        let bases: String = letters.iter().map(|(b, _)| *b).collect();
        let n = letters.len();
        let old_placement = n >= 2
            && at == n - 1
            && (bases.ends_with("oa") || bases.ends_with("oe") || (bases.ends_with("uy") && !bases.ends_with("quy")))
            && letters[n - 2].1.is_empty()
            && letters[n - 1].1.is_empty();
        let target = if old_placement { n - 2 } else { at };
        letters[target].1.push(mark);
    }
    letters.into_iter().flat_map(|(b, marks)| std::iter::once(b).chain(marks)).nfc().collect()
}

/// The words of `text`, normalised and folded.
pub fn words(text: &str) -> Vec<Word> {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let exact = canonical_tone(w);
            let folded = crate::text::fold(&exact);
            Word { exact, folded }
        })
        .collect()
}

/// Adjacent folded words joined: "tôm hùm bông" → ["tomhum", "humbong"].
pub fn pairs(words: &[Word]) -> Vec<String> {
    words.windows(2).map(|w| format!("{}{}", w[0].folded, w[1].folded)).collect()
}

/// The three token streams of a text, space separated, ready for a whitespace tokenizer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Analyzed {
    pub exact: String,
    pub folded: String,
    pub pairs: String,
}

impl Analyzed {
    /// Adds a piece of text (a field, a list item); pairs never span two pieces.
    pub fn push(&mut self, text: &str) {
        self.push_unless(text, &Known::default());
    }

    /// Adds a translation of what is already pushed: only the words and pairs the original
    /// lacks, so that a code or a name written alike in both languages ("HPLC", "Nha Trang")
    /// counts once, and a translated record does not outrank an untranslated one for it.
    pub fn push_translation(&mut self, text: &str, original: &Known) {
        self.push_unless(text, original);
    }

    /// What is pushed so far, to tell a translation's new words.
    pub fn known(&self) -> Known {
        Known {
            words: self.folded.split(' ').map(str::to_string).collect(),
            pairs: self.pairs.split(' ').map(str::to_string).collect(),
        }
    }

    fn push_unless(&mut self, text: &str, known: &Known) {
        let words = words(text);
        for w in words.iter().filter(|w| !known.words.contains(&w.folded)) {
            push_token(&mut self.exact, &w.exact);
            push_token(&mut self.folded, &w.folded);
        }
        for p in pairs(&words).into_iter().filter(|p| !known.pairs.contains(p)) {
            push_token(&mut self.pairs, &p);
        }
    }
}

/// The folded words and pairs of an original text.
#[derive(Debug, Default)]
pub struct Known {
    words: std::collections::HashSet<String>,
    pairs: std::collections::HashSet<String>,
}

fn push_token(out: &mut String, token: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(token);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.exact).collect()
    }

    #[test]
    fn a_translation_adds_only_the_words_its_original_lacks() {
        let mut text = Analyzed::default();
        text.push("Định lượng bằng HPLC tại Nha Trang");
        let original = text.known();
        text.push_translation("HPLC assay in Nha Trang", &original);
        assert_eq!(text.folded.matches("hplc").count(), 1, "{}", text.folded);
        assert_eq!(text.pairs.matches("nhatrang").count(), 1, "{}", text.pairs);
        assert!(text.folded.ends_with("assay in"), "{}", text.folded);
    }

    #[test]
    fn old_and_new_tone_placement_are_equal() {
        assert_eq!(exact("hoà thuỷ khoẻ hoá uỷ tuỳ"), exact("hòa thủy khỏe hóa ủy tùy"));
        assert_eq!(exact("Khánh Hoà"), vec!["khánh", "hòa"]);
        // Syllables where both placements agree are left alone.
        assert_eq!(exact("hoài thuyền quý quỳnh toàn"), vec!["hoài", "thuyền", "quý", "quỳnh", "toàn"]);
    }

    #[test]
    fn nfd_and_nfc_read_the_same() {
        let nfd: String = "Viện Hải dương học Nha Trang".nfd().collect();
        assert_eq!(words(&nfd), words("Viện Hải dương học Nha Trang"));
        let old_nfd: String = "thuỷ sản Khánh Hoà".nfd().collect();
        assert_eq!(exact(&old_nfd), vec!["thủy", "sản", "khánh", "hòa"]);
    }

    #[test]
    fn folding_drops_marks_and_d() {
        let w = words("Điện mặt trời ĐÀ NẴNG");
        let folded: Vec<_> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["dien", "mat", "troi", "da", "nang"]);
        assert!(w[0].has_marks());
        assert!(!words("nuoi tom")[0].has_marks());
    }

    #[test]
    fn words_split_on_punctuation_and_keep_digits() {
        assert_eq!(exact("ISO/IEC 17025, GMP-WHO; \"PCR\"!"), ["iso", "iec", "17025", "gmp", "who", "pcr"]);
        assert!(words("  *** ()  ").is_empty());
    }

    #[test]
    fn pairs_join_adjacent_syllables_within_a_piece() {
        let mut a = Analyzed::default();
        a.push("Tôm hùm bông");
        a.push("vắc xin");
        assert_eq!(a.pairs, "tomhum humbong vacxin");
        assert_eq!(a.folded, "tom hum bong vac xin");
        assert_eq!(a.exact, "tôm hùm bông vắc xin");
    }
}
