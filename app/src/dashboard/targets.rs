//! The 2030 targets of the province's resolution under Resolution 57-NQ/TW, as data: each
//! indicator, how it is measured and the value that meets it.

use crate::i18n::Lang;

/// How an indicator's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A share, in percent (0 to 100).
    Percent,
    /// A yearly change, in percent (may be negative).
    Growth,
    /// A count per year.
    Count,
    /// Researchers per 10,000 people.
    PerTenThousand,
}

impl Unit {
    /// The lowest and highest value a measurement may take.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Unit::Percent => (0.0, 100.0),
            Unit::Growth => (-100.0, 1000.0),
            Unit::Count => (0.0, 1_000_000.0),
            Unit::PerTenThousand => (0.0, 10_000.0),
        }
    }

    /// `value` with its unit, in `lang`'s number format.
    pub fn format(self, value: f64, lang: Lang) -> String {
        let number = format_number(value, lang);
        match self {
            Unit::Percent => format!("{number}%"),
            Unit::Growth if value > 0.0 => format!("+{number}%"),
            Unit::Growth => format!("{number}%"),
            Unit::Count => number,
            Unit::PerTenThousand => lang.pick(format!("{number}/10.000 dân"), format!("{number} per 10,000 people")),
        }
    }
}

/// A number with at most two decimals, a decimal comma in Vietnamese.
pub fn format_number(value: f64, lang: Lang) -> String {
    let text = format!("{:.2}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// One indicator of the resolution and its 2030 target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// A stable code, used in URLs, forms and storage.
    pub code: &'static str,
    pub name_vi: &'static str,
    pub name_en: &'static str,
    /// The target as the resolution words it.
    pub target_vi: &'static str,
    pub target_en: &'static str,
    pub unit: Unit,
    /// The value that meets the target (at least this much).
    pub meets: f64,
}

impl Target {
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.name_vi, self.name_en)
    }

    pub fn target(&self, lang: Lang) -> &'static str {
        lang.pick(self.target_vi, self.target_en)
    }

    /// Whether `value` meets the target.
    pub fn met_by(&self, value: f64) -> bool {
        value >= self.meets
    }

    pub fn find(code: &str) -> Option<&'static Target> {
        TARGETS.iter().find(|t| t.code == code)
    }
}

/// The year the targets are set for.
pub const TARGET_YEAR: i32 = 2030;

/// Every indicator, in the order of the resolution.
pub const TARGETS: &[Target] = &[
    Target {
        code: "rd_spending",
        name_vi: "Chi cho nghiên cứu và phát triển (R&D) so với GRDP",
        name_en: "Research and development (R&D) spending as a share of GRDP",
        target_vi: "Trên 2% GRDP",
        target_en: "Above 2% of GRDP",
        unit: Unit::Percent,
        meets: 2.0,
    },
    Target {
        code: "rd_from_society",
        name_vi: "Tỷ trọng chi R&D từ nguồn xã hội",
        name_en: "Share of R&D spending from non-state sources",
        target_vi: "Trên 60% tổng chi R&D",
        target_en: "Over 60% of R&D spending",
        unit: Unit::Percent,
        meets: 60.0,
    },
    Target {
        code: "sti_budget",
        name_vi: "Ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        name_en: "Budget for science, technology, innovation and digital transformation",
        target_vi: "Ít nhất 3% tổng chi ngân sách",
        target_en: "At least 3% of the budget",
        unit: Unit::Percent,
        meets: 3.0,
    },
    Target {
        code: "researchers",
        name_vi: "Số nhà nghiên cứu trên 10.000 dân",
        name_en: "Researchers per 10,000 people",
        target_vi: "12 người/10.000 dân",
        target_en: "12 per 10,000 people",
        unit: Unit::PerTenThousand,
        meets: 12.0,
    },
    Target {
        code: "digital_economy",
        name_vi: "Kinh tế số trong GRDP",
        name_en: "Digital economy as a share of GRDP",
        target_vi: "Ít nhất 30% GRDP",
        target_en: "At least 30% of GRDP",
        unit: Unit::Percent,
        meets: 30.0,
    },
    Target {
        code: "online_services",
        name_vi: "Tỷ lệ người dân và doanh nghiệp sử dụng dịch vụ công trực tuyến",
        name_en: "People and businesses using online public services",
        target_vi: "Trên 85%",
        target_en: "Over 85%",
        unit: Unit::Percent,
        meets: 85.0,
    },
    Target {
        code: "cashless",
        name_vi: "Tỷ lệ giao dịch không dùng tiền mặt",
        name_en: "Cashless transactions",
        target_vi: "80%",
        target_en: "80%",
        unit: Unit::Percent,
        meets: 80.0,
    },
    Target {
        code: "innovating_firms",
        name_vi: "Doanh nghiệp chế biến, chế tạo có hoạt động đổi mới sáng tạo",
        name_en: "Manufacturing firms that innovate",
        target_vi: "Trên 40% số doanh nghiệp",
        target_en: "Over 40% of firms",
        unit: Unit::Percent,
        meets: 40.0,
    },
    Target {
        code: "tfp",
        name_vi: "Đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng",
        name_en: "Contribution of total factor productivity (TFP) to growth",
        target_vi: "Trên 55%",
        target_en: "Above 55%",
        unit: Unit::Percent,
        meets: 55.0,
    },
    Target {
        code: "patents",
        name_vi: "Bằng sáng chế, giải pháp hữu ích được cấp trong năm",
        name_en: "Patents and utility solutions granted in the year",
        target_vi: "Ít nhất 3 mỗi năm",
        target_en: "At least 3 a year",
        unit: Unit::Count,
        meets: 3.0,
    },
    Target {
        code: "publications",
        name_vi: "Tăng số công bố quốc tế",
        name_en: "Growth of international publications",
        target_vi: "Tăng 10%/năm",
        target_en: "+10% a year",
        unit: Unit::Growth,
        meets: 10.0,
    },
    Target {
        code: "ip_titles",
        name_vi: "Tăng đơn, văn bằng bảo hộ và nhãn hiệu",
        name_en: "Growth of protection titles and trademarks",
        target_vi: "Tăng 10–18%/năm",
        target_en: "+10–18% a year",
        unit: Unit::Growth,
        meets: 10.0,
    },
    Target {
        code: "commercialisation",
        name_vi: "Tỷ lệ kết quả nghiên cứu được thương mại hóa",
        name_en: "Research results commercialised",
        target_vi: "8–10%",
        target_en: "8–10%",
        unit: Unit::Percent,
        meets: 8.0,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_targets_within_their_units() {
        let mut codes: Vec<_> = TARGETS.iter().map(|t| t.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), TARGETS.len());
        for t in TARGETS {
            let (low, high) = t.unit.bounds();
            assert!(t.meets >= low && t.meets <= high, "{}", t.code);
        }
    }

    #[test]
    fn a_value_meets_a_target_from_its_threshold_up() {
        let rd = Target::find("rd_spending").unwrap();
        assert!(!rd.met_by(1.99));
        assert!(rd.met_by(2.0));
        assert!(Target::find("nope").is_none());
    }

    #[test]
    fn numbers_read_as_each_language_writes_them() {
        assert_eq!(Unit::Percent.format(2.5, Lang::Vi), "2,5%");
        assert_eq!(Unit::Percent.format(2.5, Lang::En), "2.5%");
        assert_eq!(Unit::Growth.format(12.0, Lang::En), "+12%");
        assert_eq!(Unit::Growth.format(-3.25, Lang::Vi), "-3,25%");
        assert_eq!(Unit::PerTenThousand.format(7.1, Lang::En), "7.1 per 10,000 people");
    }
}
