//! The seven kinds of record and the facets lists are filtered by.

use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// The seven kinds of record, in the order that references allow them to be stored.
    Kind {
        Organization = "organization", "Tổ chức", "Organization";
        Lab = "lab", "Phòng thí nghiệm", "Lab";
        Expert = "expert", "Chuyên gia", "Expert";
        Offer = "offer", "Công nghệ chào bán", "Technology offer";
        Need = "need", "Nhu cầu công nghệ", "Technology need";
        Call = "call", "Kêu gọi đề xuất", "Call for proposals";
        Pilot = "pilot", "Thử nghiệm có kiểm soát", "Sandbox pilot";
    }
}

impl Kind {
    /// The path of the list page; a record's page is below it.
    pub fn path(self) -> &'static str {
        match self {
            Kind::Organization => "/organizations",
            Kind::Lab => "/labs",
            Kind::Expert => "/experts",
            Kind::Offer => "/offers",
            Kind::Need => "/needs",
            Kind::Call => "/calls",
            Kind::Pilot => "/pilots",
        }
    }

    /// The heading of the list page.
    pub fn plural(self, lang: Lang) -> &'static str {
        match self {
            Kind::Organization => lang.pick("Tổ chức", "Organizations"),
            Kind::Lab => lang.pick("Phòng thí nghiệm", "Labs"),
            Kind::Expert => lang.pick("Chuyên gia", "Experts"),
            Kind::Offer => lang.pick("Công nghệ chào bán", "Technology offers"),
            Kind::Need => lang.pick("Nhu cầu công nghệ", "Technology needs"),
            Kind::Call => lang.pick("Kêu gọi đề xuất", "Calls for proposals"),
            Kind::Pilot => lang.pick("Thử nghiệm có kiểm soát", "Sandbox pilots"),
        }
    }

    /// The filters its list page offers, besides sector.
    pub fn filters(self) -> &'static [Facet] {
        match self {
            Kind::Organization => &[Facet::OrgType],
            Kind::Lab => &[Facet::Accredited, Facet::Turnaround, Facet::PriceCeiling],
            Kind::Expert => &[Facet::BasedIn, Facet::AvailableFor],
            Kind::Offer => &[Facet::IpStatus, Facet::TransferMode],
            Kind::Need => &[Facet::PartnerType],
            Kind::Call => &[Facet::CallStatus, Facet::Eligible],
            Kind::Pilot => &[Facet::PilotStatus],
        }
    }

    /// Whether its list can be filtered by technology readiness level.
    pub fn has_trl(self) -> bool {
        matches!(self, Kind::Offer | Kind::Need)
    }

    /// Its position in storage order (referenced kinds first).
    pub fn rank(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

vocab! {
    /// A dimension a list can be filtered by; the code is the URL parameter.
    Facet {
        Sector = "sector", "Lĩnh vực", "Sector";
        OrgType = "type", "Loại tổ chức", "Organization type";
        Stage = "stage", "Giai đoạn", "Stage";
        BasedIn = "based_in", "Nơi làm việc", "Based in";
        AvailableFor = "available_for", "Sẵn sàng hỗ trợ", "Available for";
        IpStatus = "ip", "Sở hữu trí tuệ", "IP status";
        TransferMode = "transfer", "Hình thức chuyển giao", "Transfer mode";
        PartnerType = "looking_for", "Đang tìm", "Looking for";
        CallStatus = "status", "Trạng thái", "Status";
        PilotStatus = "pilot_status", "Trạng thái", "Status";
        Eligible = "eligible", "Đối tượng được tham gia", "Who may apply";
        Accredited = "accredited", "Công nhận", "Accreditation";
        Turnaround = "turnaround", "Thời gian trả kết quả", "Turnaround";
        PriceCeiling = "price_max", "Giá dịch vụ", "Service price";
    }
}

impl Facet {
    /// The label of one of its values, or the code itself when it is unknown.
    pub fn value_label(self, code: &str, lang: Lang) -> String {
        use crate::vocab::*;
        let label = match self {
            Facet::Sector => Sector::from_code(code).map(|v| v.label(lang)),
            Facet::OrgType | Facet::Eligible => OrgType::from_code(code).map(|v| v.label(lang)),
            Facet::Stage => Stage::from_code(code).map(|v| v.label(lang)),
            Facet::BasedIn => BasedIn::from_code(code).map(|v| v.label(lang)),
            Facet::AvailableFor => Availability::from_code(code).map(|v| v.label(lang)),
            Facet::IpStatus => IpStatus::from_code(code).map(|v| v.label(lang)),
            Facet::TransferMode => TransferMode::from_code(code).map(|v| v.label(lang)),
            Facet::PartnerType => PartnerType::from_code(code).map(|v| v.label(lang)),
            Facet::CallStatus => CallStatus::from_code(code).map(|v| v.label(lang)),
            Facet::PilotStatus => PilotStatus::from_code(code).map(|v| v.label(lang)),
            Facet::Accredited => crate::labs::Accredited::from_code(code).map(|v| v.label(lang)),
            Facet::Turnaround => crate::labs::Within::from_code(code).map(|v| v.label(lang)),
            Facet::PriceCeiling => crate::labs::PriceCeiling::from_code(code).map(|v| v.label(lang)),
        };
        label.map(str::to_string).unwrap_or_else(|| code.to_string())
    }

    /// Every code it can take, in vocabulary order.
    pub fn codes(self) -> Vec<&'static str> {
        use crate::vocab::*;
        fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| code(*v)).collect()
        }
        match self {
            Facet::Sector => codes(Sector::ALL, Sector::code),
            Facet::OrgType | Facet::Eligible => codes(OrgType::ALL, OrgType::code),
            Facet::Stage => codes(Stage::ALL, Stage::code),
            Facet::BasedIn => codes(BasedIn::ALL, BasedIn::code),
            Facet::AvailableFor => codes(Availability::ALL, Availability::code),
            Facet::IpStatus => codes(IpStatus::ALL, IpStatus::code),
            Facet::TransferMode => codes(TransferMode::ALL, TransferMode::code),
            Facet::PartnerType => codes(PartnerType::ALL, PartnerType::code),
            Facet::CallStatus => codes(CallStatus::ALL, CallStatus::code),
            Facet::PilotStatus => codes(PilotStatus::ALL, PilotStatus::code),
            Facet::Accredited => codes(crate::labs::Accredited::ALL, crate::labs::Accredited::code),
            Facet::Turnaround => codes(crate::labs::Within::ALL, crate::labs::Within::code),
            Facet::PriceCeiling => codes(crate::labs::PriceCeiling::ALL, crate::labs::PriceCeiling::code),
        }
    }
}
