//! The controlled vocabularies of ../shared/contract/vocab.md: stable codes with labels in
//! both interface languages.

use crate::i18n::Lang;

/// Declares a vocabulary: an enum whose serde form is the code, with both labels.
macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $vi:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in the vocabulary's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in records, URLs and the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The label shown to people.
            pub fn label(self, lang: Lang) -> &'static str {
                match self { $($name::$variant => lang.pick($vi, $en),)+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        /// In the OpenAPI description: a string, one of the codes.
        #[cfg(feature = "ssr")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        #[cfg(feature = "ssr")]
        impl utoipa::ToSchema for $name {}
    };
}
pub(crate) use vocab;

vocab! {
    /// A field of science, technology or business.
    Sector {
        Oceanography = "oceanography", "Hải dương học", "Oceanography";
        Aquaculture = "aquaculture", "Nuôi trồng thủy sản, nuôi biển", "Aquaculture and mariculture";
        Fisheries = "fisheries", "Khai thác và chế biến thủy sản", "Fisheries and seafood processing";
        Biotechnology = "biotechnology", "Công nghệ sinh học", "Biotechnology";
        Vaccines = "vaccines", "Vắc xin và sinh phẩm y tế", "Vaccines and biologicals";
        Health = "health", "Y tế, dược phẩm", "Health and pharmaceuticals";
        Tourism = "tourism", "Du lịch", "Tourism";
        Services = "services", "Dịch vụ", "Services";
        Logistics = "logistics", "Logistics, cảng biển", "Logistics and ports";
        Energy = "energy", "Năng lượng mới, năng lượng sạch", "Renewable and clean energy";
        Environment = "environment", "Tài nguyên và môi trường", "Natural resources and environment";
        Agriculture = "agriculture", "Nông nghiệp", "Agriculture";
        Digital = "digital", "Công nghệ số, phần mềm", "Digital technology and software";
        AiData = "ai_data", "Trí tuệ nhân tạo, dữ liệu lớn", "AI and big data";
        Cybersecurity = "cybersecurity", "An toàn, an ninh mạng", "Cybersecurity";
        SmartCity = "smart_city", "Đô thị thông minh", "Smart city";
        Fintech = "fintech", "Tài chính số, thanh toán không dùng tiền mặt", "Fintech and cashless payments";
        Education = "education", "Giáo dục, đào tạo", "Education and training";
        Culture = "culture", "Công nghiệp văn hóa số", "Digital cultural industries";
        Manufacturing = "manufacturing", "Sản xuất, cơ khí, vật liệu", "Manufacturing and materials";
    }
}

vocab! {
    /// What kind of organization it is.
    OrgType {
        Startup = "startup", "Doanh nghiệp khởi nghiệp", "Startup";
        Sme = "sme", "Doanh nghiệp nhỏ và vừa", "Small or medium enterprise";
        Enterprise = "enterprise", "Doanh nghiệp lớn", "Enterprise";
        ResearchInstitute = "research_institute", "Viện nghiên cứu", "Research institute";
        University = "university", "Trường đại học", "University";
        Government = "government", "Cơ quan nhà nước", "Government agency";
        Investor = "investor", "Nhà đầu tư", "Investor";
        SupportOrg = "support_org", "Tổ chức hỗ trợ", "Support organisation";
    }
}

vocab! {
    /// How far a startup has come.
    Stage {
        Idea = "idea", "Ý tưởng", "Idea";
        Prototype = "prototype", "Sản phẩm mẫu", "Prototype";
        Seed = "seed", "Gọi vốn hạt giống", "Seed";
        Growth = "growth", "Tăng trưởng", "Growth";
        Mature = "mature", "Trưởng thành", "Mature";
    }
}

vocab! {
    /// How a technology offer is protected.
    IpStatus {
        PatentGranted = "patent_granted", "Bằng độc quyền sáng chế", "Patent granted";
        PatentPending = "patent_pending", "Đơn sáng chế đang xét", "Patent pending";
        UtilitySolution = "utility_solution", "Giải pháp hữu ích", "Utility solution";
        PlantVariety = "plant_variety", "Giống cây trồng, vật nuôi", "Plant or animal variety";
        KnowHow = "know_how", "Bí quyết kỹ thuật", "Know-how";
        Copyright = "copyright", "Bản quyền, phần mềm", "Copyright or software";
        NoProtection = "none", "Chưa bảo hộ", "Not protected";
    }
}

vocab! {
    /// How a technology can be transferred.
    TransferMode {
        License = "license", "Cấp phép sử dụng", "Licence";
        Assignment = "assignment", "Chuyển nhượng", "Assignment";
        JointVenture = "joint_venture", "Liên doanh", "Joint venture";
        JointResearch = "joint_research", "Hợp tác nghiên cứu", "Joint research";
        Consulting = "consulting", "Tư vấn", "Consulting";
        Service = "service", "Dịch vụ", "Service";
    }
}

vocab! {
    /// What a need is looking for.
    PartnerType {
        Lab = "lab", "Phòng thí nghiệm", "Lab";
        Expert = "expert", "Chuyên gia", "Expert";
        Offer = "offer", "Công nghệ chào bán", "Technology offer";
        Pilot = "pilot", "Thử nghiệm có kiểm soát", "Sandbox pilot";
        Call = "call", "Kêu gọi đề xuất", "Call for proposals";
    }
}

vocab! {
    /// The kinds of help an expert offers.
    Availability {
        Consulting = "consulting", "Tư vấn", "Consulting";
        Mentoring = "mentoring", "Cố vấn, hướng dẫn", "Mentoring";
        JointResearch = "joint_research", "Hợp tác nghiên cứu", "Joint research";
        Evaluation = "evaluation", "Thẩm định, đánh giá", "Evaluation";
        Training = "training", "Đào tạo", "Training";
    }
}

vocab! {
    /// Where an expert lives and works.
    BasedIn {
        InProvince = "in_province", "Trong tỉnh", "In the province";
        National = "national", "Trong nước", "Elsewhere in Vietnam";
        Overseas = "overseas", "Nước ngoài", "Overseas";
    }
}

vocab! {
    /// Where a call for proposals stands.
    CallStatus {
        Draft = "draft", "Bản nháp", "Draft";
        Open = "open", "Đang mở", "Open";
        Closed = "closed", "Đã đóng", "Closed";
        Awarded = "awarded", "Đã xét chọn", "Awarded";
    }
}

vocab! {
    /// Where a sandbox pilot stands.
    PilotStatus {
        Planned = "planned", "Dự kiến", "Planned";
        Accepting = "accepting", "Đang nhận hồ sơ", "Accepting applications";
        Running = "running", "Đang triển khai", "Running";
        Completed = "completed", "Đã hoàn thành", "Completed";
    }
}

/// The label of a technology readiness level.
pub fn trl_label(trl: u8, lang: Lang) -> &'static str {
    match trl {
        1 => lang.pick("Nguyên lý cơ bản", "Basic principles observed"),
        2 => lang.pick("Hình thành khái niệm", "Concept formulated"),
        3 => lang.pick("Chứng minh khái niệm", "Proof of concept"),
        4 => lang.pick("Kiểm chứng trong phòng thí nghiệm", "Validated in lab"),
        5 => lang.pick("Kiểm chứng trong môi trường liên quan", "Validated in relevant environment"),
        6 => lang.pick("Trình diễn trong môi trường liên quan", "Demonstrated in relevant environment"),
        7 => lang.pick("Trình diễn trong môi trường vận hành", "Demonstrated in operational environment"),
        8 => lang.pick("Hệ thống hoàn chỉnh, đạt chuẩn", "System complete and qualified"),
        9 => lang.pick("Đã chứng minh khi vận hành", "Proven in operation"),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_serde() {
        for sector in Sector::ALL {
            let json = serde_json::to_string(sector).unwrap();
            assert_eq!(json, format!("\"{}\"", sector.code()));
            assert_eq!(Sector::from_code(sector.code()), Some(*sector));
        }
        assert_eq!(Sector::ALL.len(), 20);
        assert_eq!(IpStatus::from_code("none"), Some(IpStatus::NoProtection));
        assert!(serde_json::from_str::<OrgType>("\"ngo\"").is_err());
    }

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(Sector::AiData.label(Lang::Vi), "Trí tuệ nhân tạo, dữ liệu lớn");
        assert_eq!(Sector::AiData.label(Lang::En), "AI and big data");
        assert_eq!(trl_label(4, Lang::En), "Validated in lab");
    }
}
