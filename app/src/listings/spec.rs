//! The form of each kind of record: its fields, in order, with labels and inputs. Field names
//! are the records format's, so that validation messages land next to the right input.

use crate::catalog::model::{Facet, Kind};
use crate::i18n::Lang;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Line,
    /// A paragraph.
    Area,
    /// A list, one item per line.
    Lines,
    /// Several values of a vocabulary (checkboxes).
    Checks(Facet),
    /// One value of a vocabulary.
    Choice(Facet),
    /// A whole number.
    Number,
    /// A technology readiness level, 1 to 9.
    Trl,
    /// A date.
    Date,
    /// Another record of this kind, chosen by its name (its id is what is stored).
    Ref(Kind),
    /// Languages, chosen by name (their ISO 639-1 codes are stored).
    Languages,
    /// A repeating group of items, a block of inputs each (`rows`).
    Rows,
}

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    pub name: &'static str,
    vi: &'static str,
    en: &'static str,
    pub input: Input,
    pub required: bool,
}

impl FormField {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

const fn f(name: &'static str, vi: &'static str, en: &'static str, input: Input, required: bool) -> FormField {
    FormField { name, vi, en, input, required }
}

use Input::*;

const ORGANIZATION: &[FormField] = &[
    f("name", "Tên (tiếng Việt hoặc tên gốc)", "Name (Vietnamese or original)", Line, true),
    f("name_en", "Tên tiếng Anh", "English name", Line, false),
    f("org_type", "Loại tổ chức", "Type of organization", Choice(Facet::OrgType), true),
    f("description", "Giới thiệu", "Description", Area, true),
    f("description_en", "Giới thiệu bằng tiếng Anh", "Description in English", Area, false),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("location", "Địa điểm", "Location", Line, true),
    f("website", "Trang web", "Website", Line, false),
    f("founded", "Năm thành lập", "Year founded", Number, false),
    f("employees", "Số người lao động", "Employees", Number, false),
    f("stage", "Giai đoạn (khởi nghiệp)", "Stage (startups)", Choice(Facet::Stage), false),
    f("tags", "Từ khóa (mỗi dòng một từ)", "Tags (one per line)", Lines, false),
];

const LAB: &[FormField] = &[
    f("name", "Tên phòng thí nghiệm", "Lab name", Line, true),
    f("name_en", "Tên tiếng Anh", "English name", Line, false),
    f("organization", "Thuộc tổ chức", "Organization", Ref(Kind::Organization), true),
    f("description", "Giới thiệu", "Description", Area, true),
    f("description_en", "Giới thiệu bằng tiếng Anh", "Description in English", Area, false),
    f(
        "capabilities",
        "Năng lực phục vụ đối tác (mỗi dòng một mục)",
        "Capabilities for partners (one per line)",
        Lines,
        true,
    ),
    f("equipment", "Thiết bị (mỗi dòng một mục)", "Equipment (one per line)", Lines, false),
    f("services", "Dịch vụ (mỗi dòng một mục)", "Services (one per line)", Lines, false),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("accreditations", "Công nhận, chứng nhận (mỗi dòng một mục)", "Accreditations (one per line)", Lines, false),
    f("service_catalog", "Bảng giá dịch vụ", "Priced services", Rows, false),
    f("instruments", "Máy móc chính", "Instruments", Rows, false),
];

const EXPERT: &[FormField] = &[
    f("name", "Họ và tên", "Full name", Line, true),
    f("title", "Học hàm, học vị", "Academic title", Line, false),
    f("organization", "Tổ chức", "Organization", Ref(Kind::Organization), false),
    f("bio", "Giới thiệu", "Biography", Area, true),
    f("bio_en", "Giới thiệu bằng tiếng Anh", "Biography in English", Area, false),
    f("expertise", "Chuyên môn (mỗi dòng một mục)", "Expertise (one per line)", Lines, true),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("languages", "Ngôn ngữ làm việc", "Working languages", Languages, true),
    f("networks", "Mạng lưới chuyên gia (mỗi dòng một mục)", "Expert networks (one per line)", Lines, false),
    f("available_for", "Sẵn sàng hỗ trợ", "Available for", Checks(Facet::AvailableFor), true),
    f("based_in", "Nơi làm việc", "Based in", Choice(Facet::BasedIn), true),
];

const OFFER: &[FormField] = &[
    f("title", "Tên công nghệ", "Technology title", Line, true),
    f("title_en", "Tên tiếng Anh", "English title", Line, false),
    f("summary", "Tóm tắt", "Summary", Area, true),
    f("summary_en", "Tóm tắt bằng tiếng Anh", "Summary in English", Area, false),
    f("description", "Mô tả chi tiết", "Full description", Area, false),
    f("owner_org", "Tổ chức sở hữu", "Owning organization", Ref(Kind::Organization), false),
    f("owner_lab", "Phòng thí nghiệm sở hữu", "Owning lab", Ref(Kind::Lab), false),
    f("owner_expert", "Chuyên gia sở hữu", "Owning expert", Ref(Kind::Expert), false),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("trl", "Mức sẵn sàng công nghệ (TRL)", "Technology readiness level (TRL)", Trl, true),
    f("ip_status", "Sở hữu trí tuệ", "IP status", Choice(Facet::IpStatus), true),
    f("transfer_modes", "Hình thức chuyển giao", "Transfer modes", Checks(Facet::TransferMode), true),
    f("keywords", "Từ khóa (mỗi dòng một từ)", "Keywords (one per line)", Lines, false),
];

const NEED: &[FormField] = &[
    f("title", "Bạn cần giải quyết vấn đề gì?", "What do you need solved?", Line, true),
    f("title_en", "Tiêu đề tiếng Anh", "English title", Line, false),
    f("description", "Mô tả nhu cầu", "Describe the need", Area, true),
    f("description_en", "Mô tả bằng tiếng Anh", "Description in English", Area, false),
    f("organization", "Tổ chức đăng", "Posted by (organization)", Ref(Kind::Organization), true),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("partner_types", "Bạn đang tìm", "You are looking for", Checks(Facet::PartnerType), true),
    f("trl_min", "Mức sẵn sàng tối thiểu (TRL)", "Minimum readiness (TRL)", Trl, false),
    f("budget_vnd", "Ngân sách dự kiến (đồng)", "Budget (VND)", Number, false),
    f("deadline", "Hạn", "Deadline", Date, false),
];

/// The checklist of documents an application to a call or pilot includes.
const DOCUMENTS: (&str, &str) = ("Hồ sơ cần nộp (mỗi dòng một tài liệu)", "Documents applicants submit (one per line)");

/// The same checklist in English, line by line.
const DOCUMENTS_EN: (&str, &str) =
    ("Hồ sơ cần nộp bằng tiếng Anh (cùng thứ tự)", "Documents in English (one per line, same order)");

const CALL: &[FormField] = &[
    f("title", "Tên kêu gọi", "Title", Line, true),
    f("title_en", "Tên tiếng Anh", "English title", Line, false),
    f("description", "Nội dung", "Description", Area, true),
    f("description_en", "Nội dung bằng tiếng Anh", "Description in English", Area, false),
    f("issuer", "Cơ quan ban hành", "Issued by", Ref(Kind::Organization), true),
    f("programme", "Chương trình", "Programme", Line, false),
    f("programme_en", "Tên chương trình bằng tiếng Anh", "Programme in English", Line, false),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("eligible", "Đối tượng được tham gia", "Who may apply", Checks(Facet::Eligible), true),
    f("budget_total_vnd", "Tổng kinh phí (đồng)", "Total budget (VND)", Number, false),
    f("max_award_vnd", "Mức hỗ trợ tối đa (đồng)", "Largest award (VND)", Number, false),
    f("documents", DOCUMENTS.0, DOCUMENTS.1, Lines, false),
    f("documents_en", DOCUMENTS_EN.0, DOCUMENTS_EN.1, Lines, false),
    f("opens", "Ngày mở", "Opens", Date, true),
    f("closes", "Hạn nộp", "Closes", Date, true),
    f("status", "Trạng thái", "Status", Choice(Facet::CallStatus), true),
    f("url", "Trang chi tiết", "Web page", Line, false),
];

const PILOT: &[FormField] = &[
    f("title", "Tên thử nghiệm", "Title", Line, true),
    f("title_en", "Tên tiếng Anh", "English title", Line, false),
    f("description", "Nội dung", "Description", Area, true),
    f("description_en", "Nội dung bằng tiếng Anh", "Description in English", Area, false),
    f("sectors", "Lĩnh vực", "Sectors", Checks(Facet::Sector), true),
    f("supervisor", "Cơ quan giám sát", "Supervised by", Ref(Kind::Organization), true),
    f("area", "Phạm vi thử nghiệm", "Where it may run", Line, true),
    f(
        "technologies_sought",
        "Công nghệ cần thử nghiệm (mỗi dòng một mục)",
        "Technologies sought (one per line)",
        Lines,
        true,
    ),
    f("duration_months", "Thời gian (tháng)", "Duration (months)", Number, true),
    f("conditions", "Điều kiện", "Conditions", Area, true),
    f("liability_exemption", "Miễn trừ trách nhiệm", "Liability exemption", Area, true),
    f("status", "Trạng thái", "Status", Choice(Facet::PilotStatus), true),
    f("documents", DOCUMENTS.0, DOCUMENTS.1, Lines, false),
    f("documents_en", DOCUMENTS_EN.0, DOCUMENTS_EN.1, Lines, false),
    f("opens", "Ngày mở", "Opens", Date, false),
    f("closes", "Hạn đăng ký", "Closes", Date, false),
];

/// The form of `kind`.
pub fn form(kind: Kind) -> &'static [FormField] {
    match kind {
        Kind::Organization => ORGANIZATION,
        Kind::Lab => LAB,
        Kind::Expert => EXPERT,
        Kind::Offer => OFFER,
        Kind::Need => NEED,
        Kind::Call => CALL,
        Kind::Pilot => PILOT,
    }
}
