//! The portal's own pages, linked from every footer: about, contact, the personal-data policy
//! (what sign-up consents to, under Decree 13/2023/NĐ-CP) and the terms of use.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{use_lang, Lang};

/// One of the portal's own pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    About,
    Contact,
    Privacy,
    Terms,
}

impl Topic {
    pub const ALL: [Topic; 4] = [Topic::About, Topic::Contact, Topic::Privacy, Topic::Terms];

    pub fn path(self) -> &'static str {
        match self {
            Topic::About => "/about",
            Topic::Contact => "/contact",
            Topic::Privacy => "/privacy",
            Topic::Terms => "/terms",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Topic::About => lang.pick("Giới thiệu", "About"),
            Topic::Contact => lang.pick("Liên hệ", "Contact"),
            Topic::Privacy => lang.pick("Bảo vệ dữ liệu cá nhân", "Personal data"),
            Topic::Terms => lang.pick("Điều khoản sử dụng", "Terms of use"),
        }
    }

    /// The page's paragraphs: a heading (empty for none) and its text.
    fn sections(self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        let vi = lang == Lang::Vi;
        match (self, vi) {
            (Topic::About, true) => vec![
                ("", "Sàn Đổi mới sáng tạo Khánh Hòa kết nối doanh nghiệp, viện nghiên cứu, trường đại học và chuyên gia trong và ngoài tỉnh, thực hiện Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia."),
                ("Sàn làm gì", "Liệt kê tổ chức, phòng thí nghiệm, chuyên gia, công nghệ chào bán, nhu cầu công nghệ, kêu gọi đề xuất và thử nghiệm có kiểm soát; tìm kiếm bằng tiếng Việt (có hoặc không dấu) và tiếng Anh; gợi ý đối tác cho nhu cầu và giải thích vì sao; nhận và xét hồ sơ kêu gọi, thử nghiệm."),
                ("Ai vận hành", "Sở Khoa học và Công nghệ tỉnh Khánh Hòa vận hành sàn, xác minh tổ chức, xét hồ sơ và kiểm duyệt nội dung."),
                ("Dữ liệu mở", "Thông tin công khai trên sàn được phát hành là dữ liệu mở theo giấy phép CC BY 4.0, tải được ở trang Dữ liệu mở."),
            ],
            (Topic::About, false) => vec![
                ("", "The Khánh Hòa Innovation Exchange connects businesses, research institutes, universities and experts from within and outside the province, under Resolution 57-NQ/TW on breakthroughs in science, technology, innovation and national digital transformation."),
                ("What it does", "It lists organizations, labs, experts, technology offers, technology needs, calls for proposals and sandbox pilots; searches them in Vietnamese (with or without diacritics) and English; suggests partners for a need and says why; and takes and reviews applications to calls and pilots."),
                ("Who runs it", "The Khánh Hòa Department of Science and Technology runs the exchange, verifies organizations, reviews applications and moderates what is published."),
                ("Open data", "What the exchange shows publicly is released as open data under CC BY 4.0, downloadable from the Open data page."),
            ],
            (Topic::Contact, true) => vec![
                ("", "Sàn do Sở Khoa học và Công nghệ tỉnh Khánh Hòa vận hành. Cổng thông tin của Sở: https://skhcn.khanhhoa.gov.vn."),
                ("Về một hồ sơ trên sàn", "Đăng nhập rồi dùng ô «Báo cáo hồ sơ này» ở cuối trang hồ sơ: cán bộ của Sở sẽ xem xét."),
                ("Về tài khoản của bạn", "Quên mật khẩu: dùng trang Đặt lại mật khẩu. Muốn sửa, tải về hoặc xóa dữ liệu cá nhân: xem trang Bảo vệ dữ liệu cá nhân."),
            ],
            (Topic::Contact, false) => vec![
                ("", "The exchange is run by the Khánh Hòa Department of Science and Technology. The Department's website: https://skhcn.khanhhoa.gov.vn."),
                ("About a listing", "Sign in and use “Report this listing” at the foot of its page: an officer of the Department will look into it."),
                ("About your account", "Forgot your password: use the Reset password page. To correct, download or delete your personal data: see the Personal data page."),
            ],
            (Topic::Privacy, true) => vec![
                ("", "Chính sách này cho biết sàn xử lý dữ liệu cá nhân nào, vì sao và bạn có những quyền gì, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân và Luật Bảo vệ dữ liệu cá nhân. Bên kiểm soát dữ liệu là Sở Khoa học và Công nghệ tỉnh Khánh Hòa."),
                ("Dữ liệu chúng tôi giữ", "Họ tên, email, vai trò và tổ chức của bạn; mật khẩu chỉ ở dạng băm; các phiên đăng nhập (thời điểm, địa chỉ IP, trình duyệt) để bạn xem và kết thúc; số lần thử đăng nhập, đăng ký để chống dò mật khẩu; những gì bạn gửi qua sàn (đề nghị giới thiệu, hồ sơ dự tuyển, báo cáo); nhật ký thao tác của cán bộ."),
                ("Vì sao", "Để bạn đăng nhập, đăng và quản lý hồ sơ, được giới thiệu với đối tác, nộp hồ sơ kêu gọi; để gửi thư cần thiết (xác nhận email, đặt lại mật khẩu, thông báo); để giữ an toàn cho sàn. Chúng tôi không bán dữ liệu và không dùng cho quảng cáo."),
                ("Điều được công khai", "Hồ sơ bạn đăng công khai (tổ chức, phòng thí nghiệm, chuyên gia, công nghệ, nhu cầu) hiển thị cho mọi người và được phát hành là dữ liệu mở CC BY 4.0. Email của bạn chỉ được cho đối tác thấy khi bạn nhận lời một đề nghị giới thiệu; các thành viên cùng một tổ chức thấy tên và email của nhau, người được mời thấy tên người mời."),
                ("Thời gian lưu", "Phiên đăng nhập hết hạn sau 30 ngày; số lần thử được xóa sau tối đa 30 ngày; đăng ký chưa xác nhận bị xóa sau 24 giờ; tài khoản được giữ đến khi bạn yêu cầu xóa."),
                ("Quyền của bạn", "Bạn có quyền biết, xem, sửa, tải về, xóa dữ liệu và rút lại sự đồng ý. Sửa tên, mật khẩu và hồ sơ, tải về dữ liệu của mình và xóa tài khoản ngay ở trang Tài khoản; cần giúp đỡ thì liên hệ Sở (trang Liên hệ). Rút lại đồng ý nghĩa là tài khoản sẽ bị xóa."),
            ],
            (Topic::Privacy, false) => vec![
                ("", "This policy says which personal data the exchange processes, why, and what rights you have, under Decree 13/2023/NĐ-CP on personal data protection and the Personal Data Protection Law. The data controller is the Khánh Hòa Department of Science and Technology."),
                ("What we keep", "Your name, email, role and organization; your password only as a hash; your sessions (when, IP address, browser) so that you can see and end them; counts of sign-in and sign-up attempts, against password guessing; what you send through the exchange (introduction requests, applications, reports); the officers' audit log."),
                ("Why", "So that you can sign in, publish and manage listings, be introduced to partners and apply to calls; to send the mails that are needed (address confirmation, password reset, notices); and to keep the exchange safe. We do not sell data or use it for advertising."),
                ("What is public", "Listings you publish (organization, lab, expert, technology, need) are shown to everyone and released as open data under CC BY 4.0. Your email is shown to a partner only when you accept an introduction; members of one organization see each other's names and emails, and someone invited sees who invited them."),
                ("How long", "Sessions end after 30 days; attempt counts are deleted within 30 days; unconfirmed sign-ups are deleted after 24 hours; your account is kept until you ask for it to be deleted."),
                ("Your rights", "You may know, see, correct, download and delete your data and withdraw your consent. Correct your name, password and listings, download your data and delete your account on your Account page; for help, contact the Department (Contact page). Withdrawing consent means the account is deleted."),
            ],
            (Topic::Terms, true) => vec![
                ("", "Khi tạo tài khoản, bạn đồng ý với các điều khoản sau."),
                ("Thông tin đúng sự thật", "Chỉ đăng thông tin đúng, của chính bạn hoặc tổ chức bạn được phép đại diện; giữ hồ sơ còn hiệu lực (sàn nhắc xác nhận sau 90 ngày)."),
                ("Không lạm dụng", "Không đăng quảng cáo rác, nội dung lừa đảo, vi phạm pháp luật hay quyền sở hữu trí tuệ của người khác; không dò mật khẩu hay truy cập tài khoản không phải của bạn."),
                ("Kiểm duyệt", "Cán bộ Sở có thể ẩn hồ sơ vi phạm (kèm lý do) và tạm khóa tài khoản; mọi thao tác đều được ghi nhật ký. Bạn có thể báo cáo hồ sơ vi phạm."),
                ("Dữ liệu mở", "Hồ sơ công khai được phát hành theo giấy phép CC BY 4.0: ai cũng được dùng lại, kèm ghi nguồn."),
            ],
            (Topic::Terms, false) => vec![
                ("", "By creating an account you agree to these terms."),
                ("True information", "Publish only what is true and yours, or your organization's where you may speak for it; keep listings current (the exchange asks you to confirm them after 90 days)."),
                ("No abuse", "Do not publish spam, fraud, or anything unlawful or infringing others' intellectual property; do not guess passwords or use accounts that are not yours."),
                ("Moderation", "Officers of the Department may hide a listing that breaks these terms (giving a reason) and suspend accounts; everything they do is logged. You can report a listing."),
                ("Open data", "Public listings are released under CC BY 4.0: anyone may reuse them, crediting the source."),
            ],
        }
    }
}

/// Where a page's text sends people, as links under it.
fn links(topic: Topic, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let open_data = ("/open-data", lang.pick("Dữ liệu mở", "Open data"));
    let reset = ("/reset", lang.pick("Đặt lại mật khẩu", "Reset password"));
    let department =
        ("https://skhcn.khanhhoa.gov.vn", lang.pick("Cổng thông tin Sở KH&CN", "The Department's website"));
    match topic {
        Topic::About => vec![open_data, (Topic::Contact.path(), Topic::Contact.title(lang))],
        Topic::Contact => vec![department, reset, (Topic::Privacy.path(), Topic::Privacy.title(lang))],
        Topic::Privacy => vec![(Topic::Contact.path(), Topic::Contact.title(lang)), department, open_data],
        Topic::Terms => vec![(Topic::Privacy.path(), Topic::Privacy.title(lang)), open_data],
    }
}

/// The email and phone of the team running the portal, as configured; nothing otherwise.
fn desk(lang: Lang) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let (email, phone) = use_context::<crate::state::AppState>()
        .map(|state| (state.site.contact().email.clone(), state.site.contact().phone.clone()))
        .unwrap_or_default();
    // Pages are drawn on the server only; the browser build never calls this.
    #[cfg(not(feature = "ssr"))]
    let (email, phone): (Option<String>, Option<String>) = (None, None);
    let email = email.map(|email| {
        let href = format!("mailto:{email}");
        view! { <li>"Email: "<a href=href>{email}</a></li> }
    });
    let phone = phone.map(|phone| {
        let href = format!("tel:{}", phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>());
        view! { <li>{lang.pick("Điện thoại: ", "Phone: ")}<a href=href>{phone}</a></li> }
    });
    (email.is_some() || phone.is_some()).then(|| {
        view! {
            <h2>{lang.pick("Liên hệ trực tiếp", "Reach the team")}</h2>
            <ul class="contact-desk">{email}{phone}</ul>
        }
    })
}

/// One of the portal's own pages.
#[component]
pub fn InfoPage(topic: Topic) -> impl IntoView {
    let lang = use_lang();
    let links =
        links(topic, lang).into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view();
    let sections = topic
        .sections(lang)
        .into_iter()
        .map(|(heading, text)| {
            let heading = (!heading.is_empty()).then(|| view! { <h2>{heading}</h2> });
            view! { {heading}<p>{text}</p> }
        })
        .collect_view();
    let desk = (topic == Topic::Contact).then(|| desk(lang));
    view! {
        <Title text=topic.title(lang)/>
        <article class="info-page">
            <h1>{topic.title(lang)}</h1>
            {sections}
            {desk}
            <h2>{lang.pick("Xem thêm", "See also")}</h2>
            <ul>{links}</ul>
        </article>
    }
}
