//! The words matching leaves out of its reasons: stop words, words that neither begin nor end a
//! quoted phrase, and compounds too general to say anything of fit. General language, not
//! tuned on judged sets. Pure.

use std::collections::HashSet;

use crate::search::analyzer::Word;

/// Words too common to explain a match.
const STOP: &[&str] = &[
    "cua", "va", "cac", "cho", "trong", "voi", "duoc", "co", "la", "nhung", "mot", "de", "tu", "theo", "tai", "ve",
    "nay", "da", "khong", "nguoi", "can", "nhu", "cau", "hien", "tren", "moi", "nhieu", "ra", "vao", "thi", "hoac",
    "cung", "dang", "the", "and", "of", "for", "in", "to", "a", "an", "with", "on", "by", "we", "our", "need", "needs",
    "is", "are", "that", "this", "from", "or", "at", "be", "as", "it", "its", "can", "per", "into",
];

/// Whether a folded word is too common to tell anything.
pub fn is_stop_word(word: &str) -> bool {
    STOP.contains(&word)
}

/// The stop words as Vietnamese writes them: "môi" (in "môi trường") folds as "mới" does, and
/// is not one.
const MARKED_STOP: &[&str] = &[
    "của", "và", "các", "cho", "trong", "với", "được", "có", "là", "những", "nhưng", "một", "để", "từ", "theo", "tại",
    "về", "này", "nay", "đã", "không", "người", "cần", "như", "cầu", "hiện", "trên", "mới", "mọi", "mỗi", "nhiều",
    "ra", "vào", "thì", "hoặc", "cũng", "cùng", "đang", "thể",
];

/// Words that neither begin nor end a quoted phrase ("bằng HPLC" is "HPLC").
const EDGE: &[&str] = &["bằng", "qua", "ở", "đến", "dưới", "the", "of", "for", "by", "with", "in", "on", "to", "and"];

/// Compounds so general in proposals and profiles that sharing only them says nothing of fit
/// ("cơ sở", "quy trình", "hỗ trợ"; "system", "support"): a phrase made of them and stop words
/// alone is not a reason. Vietnamese two-syllable words as written (compared folded, so typing
/// without marks counts); English single words. General language, not tuned on judged sets.
const GENERIC: &[&str] = &[
    "cơ sở",
    "quy trình",
    "hỗ trợ",
    "hệ thống",
    "giải pháp",
    "phát triển",
    "nâng cao",
    "ứng dụng",
    "hiệu quả",
    "công nghệ",
    "nghiên cứu",
    "sản phẩm",
    "dịch vụ",
    "doanh nghiệp",
    "quản lý",
    "thực hiện",
    "sử dụng",
    "sản xuất",
    "kỹ thuật",
    "chất lượng",
    "thông tin",
    "tư vấn",
    "đánh giá",
    "kết quả",
    "yêu cầu",
    "đề xuất",
    "triển khai",
    "cải thiện",
    "cải tiến",
    "xây dựng",
    "đối tác",
    "hợp tác",
    "chuyển giao",
    "khoa học",
    "đổi mới",
    "sáng tạo",
    "khởi nghiệp",
    "kinh phí",
    "tài trợ",
    "dự án",
    "năng lực",
    "hoạt động",
    "tổ chức",
    "chương trình",
    "phương pháp",
    "vấn đề",
    "mục tiêu",
    "quy mô",
    "thị trường",
    "kinh doanh",
    "system",
    "systems",
    "solution",
    "solutions",
    "support",
    "development",
    "process",
    "processes",
    "quality",
    "technology",
    "technologies",
    "research",
    "product",
    "products",
    "service",
    "services",
    "management",
    "company",
    "startup",
    "startups",
    "funding",
    "business",
    "project",
    "projects",
    "application",
    "applications",
    "platform",
    "partner",
    "partners",
    "innovation",
    "improvement",
    "based",
    "new",
    "using",
];

/// `GENERIC`, folded.
static GENERIC_FOLDED: std::sync::LazyLock<HashSet<String>> =
    std::sync::LazyLock::new(|| GENERIC.iter().map(|g| crate::text::fold(g)).collect());

/// Whether `words`, stop words aside, are general compounds only, or those and one lone
/// Vietnamese syllable ("cơ sở sản", cut out of "cơ sở sản xuất": a syllable alone names
/// nothing; an English word does).
pub fn generic_only(words: &[Word]) -> bool {
    let kept: Vec<&Word> = words.iter().filter(|w| !is_stop(w)).collect();
    let mut left: Vec<&Word> = Vec::new();
    let mut i = 0;
    while i < kept.len() {
        if i + 1 < kept.len() && GENERIC_FOLDED.contains(&format!("{} {}", kept[i].folded, kept[i + 1].folded)) {
            i += 2;
        } else if GENERIC_FOLDED.contains(&kept[i].folded) {
            i += 1;
        } else {
            left.push(kept[i]);
            i += 1;
        }
    }
    match left.as_slice() {
        [] => true,
        [syllable] => syllable.has_marks() && left.len() < kept.len(),
        _ => false,
    }
}

/// Whether a word is left out of a quoted phrase: a stop word (as written, where it carries
/// marks) or a word that neither begins nor ends one.
pub fn is_stop(word: &Word) -> bool {
    is_stop_word(&word.folded) && (!word.has_marks() || MARKED_STOP.contains(&word.exact.as_str()))
        || EDGE.contains(&word.exact.as_str())
}
