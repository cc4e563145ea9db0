//! What kind of record a query asks for, when it says so: "chuyên gia an ninh mạng" asks for
//! experts, "lab PCR" for labs, "sandbox drone" for pilots.

use std::ops::Range;

use crate::catalog::model::Kind;

/// Folded phrases that name a kind, in Vietnamese and English.
const NAMES: &[(&str, Kind)] = &[
    ("chuyen gia", Kind::Expert),
    ("nha khoa hoc", Kind::Expert),
    ("expert", Kind::Expert),
    ("experts", Kind::Expert),
    ("scientist", Kind::Expert),
    ("scientists", Kind::Expert),
    ("specialist", Kind::Expert),
    ("phong thi nghiem", Kind::Lab),
    ("lab", Kind::Lab),
    ("labs", Kind::Lab),
    ("laboratory", Kind::Lab),
    ("laboratories", Kind::Lab),
    ("cong nghe chao ban", Kind::Offer),
    ("technology offer", Kind::Offer),
    ("technology offers", Kind::Offer),
    ("nhu cau cong nghe", Kind::Need),
    ("technology need", Kind::Need),
    ("technology needs", Kind::Need),
    ("keu goi de xuat", Kind::Call),
    ("keu goi", Kind::Call),
    ("call for proposals", Kind::Call),
    ("calls for proposals", Kind::Call),
    ("grant", Kind::Call),
    ("grants", Kind::Call),
    ("thu nghiem co kiem soat", Kind::Pilot),
    ("sandbox", Kind::Pilot),
    ("pilot", Kind::Pilot),
    ("pilots", Kind::Pilot),
    ("thi diem", Kind::Pilot),
    ("doanh nghiep", Kind::Organization),
    ("cong ty", Kind::Organization),
    ("company", Kind::Organization),
    ("companies", Kind::Organization),
    ("to chuc", Kind::Organization),
    ("organization", Kind::Organization),
    ("organisation", Kind::Organization),
];

/// The kinds named in a query of folded words.
pub fn kinds_named(words: &[String]) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for (_, kind) in names_at(words) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// Each name of a kind in a query of folded words, with the words it takes.
pub fn names_at(words: &[String]) -> Vec<(Range<usize>, Kind)> {
    let mut found = Vec::new();
    for (name, kind) in NAMES {
        let name: Vec<&str> = name.split(' ').collect();
        for start in 0..words.len().saturating_sub(name.len() - 1) {
            if words[start..start + name.len()].iter().zip(&name).all(|(w, n)| w == n) {
                found.push((start..start + name.len(), *kind));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(q: &str) -> Vec<String> {
        crate::search::analyzer::words(q).into_iter().map(|w| w.folded).collect()
    }

    #[test]
    fn names_of_kinds_are_found_in_either_language() {
        assert_eq!(kinds_named(&folded("Chuyên gia an ninh mạng")), vec![Kind::Expert]);
        assert_eq!(kinds_named(&folded("calls for proposals startups")), vec![Kind::Call]);
        assert_eq!(kinds_named(&folded("sandbox drone")), vec![Kind::Pilot]);
        assert!(kinds_named(&folded("tôm hùm")).is_empty());
        assert!(kinds_named(&folded("collaboration")).is_empty(), "whole words only");
        assert_eq!(names_at(&folded("phòng thí nghiệm HPLC")), vec![(0..3, Kind::Lab)]);
    }
}
