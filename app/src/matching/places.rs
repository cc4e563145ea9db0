//! Place names of Khánh Hòa (with the former Ninh Thuận), of Vietnam and of the markets
//! abroad that texts name often. A shared place says where, not what: reasons name it on its
//! own line (abroad, not at all) and never quote it as a shared term.

use std::ops::Range;
use std::sync::LazyLock;

use crate::search::analyzer::{words, Word};

/// Places of the province (with the former Ninh Thuận, merged in 2025) as Vietnamese writes
/// them.
pub const PROVINCE: &[&str] = &[
    "Phan Rang – Tháp Chàm",
    "Khánh Hòa",
    "Nha Trang",
    "Cam Ranh",
    "Ninh Hòa",
    "Vạn Ninh",
    "Vân Phong",
    "Diên Khánh",
    "Cam Lâm",
    "Khánh Vĩnh",
    "Khánh Sơn",
    "Trường Sa",
    "Hòn Tre",
    "Hòn Mun",
    "Bình Ba",
    "Bình Hưng",
    "Đầm Môn",
    "Vĩnh Hy",
    "Ninh Thuận",
    "Phan Rang",
    "Tháp Chàm",
    "Ninh Hải",
    "Ninh Phước",
    "Ninh Sơn",
    "Thuận Bắc",
    "Thuận Nam",
    "Bác Ái",
];

/// Places of the country beyond the province.
const COUNTRY: &[&str] = &["Thành phố Hồ Chí Minh", "Việt Nam", "Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Nam Trung Bộ"];

/// Countries and regions abroad, named as markets or partners ("xuất khẩu sang Nhật Bản"):
/// never a shared term, nor a shared area.
const ABROAD: &[&str] = &[
    "Nhật Bản",
    "Hàn Quốc",
    "Trung Quốc",
    "Hoa Kỳ",
    "Đài Loan",
    "Thái Lan",
    "châu Âu",
    "châu Á",
    "Đông Nam Á",
    "Liên minh châu Âu",
    "South Korea",
    "United States",
    "Southeast Asia",
];

/// A place: its words, its name, and whether it is in the province or the country.
struct Place {
    words: Vec<Word>,
    name: &'static str,
    area: bool,
}

/// Every place, longest first (where one begins another, the longer is found).
static ALL_PLACES: LazyLock<Vec<Place>> = LazyLock::new(|| {
    let place = |area: bool| move |name: &&'static str| Place { words: words(name), name, area };
    let mut all: Vec<Place> =
        PROVINCE.iter().chain(COUNTRY).map(place(true)).chain(ABROAD.iter().map(place(false))).collect();
    all.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    all
});

/// The place `found` (a span `spans` gave) names.
fn place(found: &[&Word]) -> Option<&'static Place> {
    ALL_PLACES
        .iter()
        .find(|p| p.words.len() == found.len() && p.words.iter().zip(found).all(|(p, w)| p.folded == w.folded))
}

/// Whether `found` is a place in the province or the country (not abroad).
pub fn is_area(found: &[&Word]) -> bool {
    place(found).is_some_and(|p| p.area)
}

/// Whether `location` ("Vạn Ninh, Khánh Hòa", "khanh hoa") names a place of the province.
pub fn in_province(location: &str) -> bool {
    let folded = |text: &str| {
        let words: Vec<String> = crate::text::fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        format!(" {} ", words.join(" "))
    };
    let location = folded(location);
    PROVINCE.iter().any(|place| location.contains(&folded(place)))
}

/// `found`'s name as Vietnamese writes it: "Van Ninh" is "Vạn Ninh".
pub fn name(found: &[&Word]) -> String {
    match place(found) {
        Some(place) => place.name.to_string(),
        None => found.iter().map(|w| w.exact.as_str()).collect::<Vec<_>>().join(" "),
    }
}

/// Where places stand in `text`, as ranges of words. A word written with marks must carry the
/// place's ("văn phòng", an office, is not Vân Phong).
pub fn spans(text: &[&Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let found = ALL_PLACES.iter().find_map(|Place { words: place, .. }| {
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
    fn province_locations_are_found_with_or_without_marks() {
        assert!(in_province("Vạn Ninh, Khánh Hòa"));
        assert!(in_province("phan rang - thap cham"));
        assert!(in_province("TP. Nha Trang"));
        assert!(!in_province("Quận 1, TP. Hồ Chí Minh"));
        assert!(!in_province("Bình Dương") && !in_province("Ninh Bình"), "whole places only");
        assert!(!in_province(""));
    }

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
        let city = words("tai thanh pho ho chi minh");
        let refs: Vec<&Word> = city.iter().collect();
        assert_eq!(spans(&refs), vec![1..6]);
        assert_eq!(name(&refs[1..6]), "Thành phố Hồ Chí Minh", "names as Vietnamese writes them");
    }
}
