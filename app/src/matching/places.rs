//! Place names of Khánh Hòa (with the former Ninh Thuận) and of Vietnam that texts name
//! often. A shared place says where, not what: reasons name it on its own line and never
//! quote it as a shared term.

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

static PLACE_WORDS: LazyLock<Vec<Vec<Word>>> = LazyLock::new(|| PLACES.iter().map(|p| words(p)).collect());

/// Where places stand in `text`, as ranges of words. A word written with marks must carry the
/// place's ("văn phòng", an office, is not Vân Phong).
pub fn spans(text: &[&Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let found = PLACE_WORDS.iter().find_map(|place| {
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
    }
}
