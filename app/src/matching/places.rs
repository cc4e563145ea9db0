//! Place names of Khánh Hòa (with the former Ninh Thuận), of Vietnam and of the markets
//! abroad that texts name often. A shared place says where, not what: reasons name it on its
//! own line (abroad, not at all) and never quote it as a shared term.

use std::ops::Range;
use std::sync::LazyLock;

use crate::search::analyzer::{words, Word};

/// Places as written, longest first where one begins another.
const PLACES: &[&str] = &[
    "phan rang tháp chàm",
    "thành phố hồ chí minh",
    "khánh hòa",
    "nha trang",
    "cam ranh",
    "ninh hòa",
    "vạn ninh",
    "vân phong",
    "diên khánh",
    "cam lâm",
    "khánh vĩnh",
    "khánh sơn",
    "trường sa",
    "hòn tre",
    "hòn mun",
    "bình ba",
    "bình hưng",
    "đầm môn",
    "vĩnh hy",
    "ninh thuận",
    "phan rang",
    "tháp chàm",
    "ninh hải",
    "ninh phước",
    "ninh sơn",
    "thuận bắc",
    "thuận nam",
    "bác ái",
    "việt nam",
    "hà nội",
    "hồ chí minh",
    "đà nẵng",
    "nam trung bộ",
];

/// Countries and regions abroad, named as markets or partners ("xuất khẩu sang Nhật Bản"):
/// never a shared term, nor a shared area.
const ABROAD: &[&str] = &[
    "nhật bản",
    "hàn quốc",
    "trung quốc",
    "hoa kỳ",
    "đài loan",
    "thái lan",
    "châu âu",
    "châu á",
    "đông nam á",
    "liên minh châu âu",
    "south korea",
    "united states",
    "southeast asia",
];

/// The words of every place, longest first, with whether it is in the province or the country.
static PLACE_WORDS: LazyLock<Vec<(Vec<Word>, bool)>> = LazyLock::new(|| {
    let mut all: Vec<(Vec<Word>, bool)> = PLACES.iter().map(|p| (words(p), true)).collect();
    all.extend(ABROAD.iter().map(|p| (words(p), false)));
    all.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    all
});

/// The place `found` (a span `spans` gave) names.
fn place(found: &[&Word]) -> Option<&'static (Vec<Word>, bool)> {
    PLACE_WORDS.iter().find(|(p, _)| p.len() == found.len() && p.iter().zip(found).all(|(p, w)| p.folded == w.folded))
}

/// Whether `found` is a place in the province or the country (not abroad).
pub fn is_area(found: &[&Word]) -> bool {
    place(found).is_some_and(|(_, area)| *area)
}

/// `found`'s name as Vietnamese writes it: "Van Ninh" is "Vạn Ninh".
pub fn name(found: &[&Word]) -> String {
    let Some((place, _)) = place(found) else {
        return found.iter().map(|w| w.exact.as_str()).collect::<Vec<_>>().join(" ");
    };
    let capital = |w: &Word| {
        let mut chars = w.exact.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    place.iter().map(capital).collect::<Vec<_>>().join(" ")
}

/// Where places stand in `text`, as ranges of words. A word written with marks must carry the
/// place's ("văn phòng", an office, is not Vân Phong).
pub fn spans(text: &[&Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let found = PLACE_WORDS.iter().find_map(|(place, _)| {
            let end = i + place.len();
            let same = |(w, p): (&&Word, &Word)| w.folded == p.folded && (!w.has_marks() || w.exact == p.exact);
            (end <= text.len() && text[i..end].iter().zip(place).all(same)).then_some(end)
        });
        match found {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_found_with_or_without_marks_longest_first() {
        let text = words("Lồng nuôi ở Vạn Ninh và vinh Van Phong, Phan Rang-Tháp Chàm");
        let refs: Vec<&Word> = text.iter().collect();
        assert_eq!(spans(&refs), vec![3..5, 7..9, 9..13]);
        let office = words("văn phòng thí nghiệm");
        assert!(spans(&office.iter().collect::<Vec<_>>()).is_empty(), "an office is not Vân Phong");
        let abroad = words("khach Han Quoc");
        let refs: Vec<&Word> = abroad.iter().collect();
        assert_eq!(spans(&refs), vec![1..3]);
        assert!(!is_area(&refs[1..3]) && is_area(&text.iter().collect::<Vec<_>>()[3..5]));
        assert_eq!(name(&refs[1..3]), "Hàn Quốc");
    }
}
