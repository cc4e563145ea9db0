//! The open-data page: what the data is, its licence, and every way to take it.

use leptos::prelude::*;
use leptos_meta::Link;

use crate::catalog::model::Kind;
use crate::i18n::use_lang;
use crate::notices::PageHead;

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let lang = use_lang();
    let heading = lang.pick("Dữ liệu mở", "Open data");
    let csv_links = Kind::ALL
        .iter()
        .map(|k| view! { <li><a href=format!("{}.csv", k.path()) download="">{k.plural(lang)}</a>" (CSV)"</li> })
        .collect_view();
    let feeds = super::Topic::ALL
        .into_iter()
        .map(|topic| {
            let href = topic.href(None, lang);
            view! { <li><a href=href.clone()>{topic.title(lang)}</a>" · "<code>{href}</code></li> }
        })
        .collect_view();
    view! {
        <Link rel="alternate" type_="application/atom+xml" href=super::Topic::Calls.href(None, lang) title=lang.pick("Đợt gọi đang mở", "Open calls")/>
        <PageHead title=heading lead=lang.pick(
                "Toàn bộ danh mục công khai của cổng (tổ chức, phòng thí nghiệm, chuyên gia, công nghệ chào bán, nhu cầu, đợt gọi đề xuất và thử nghiệm có kiểm soát) được công bố để mọi người, nhà nghiên cứu và các hệ thống khác dùng lại mà không cần xin phép.",
                "The portal's whole public catalogue (organizations, labs, experts, technology offers, needs, calls for proposals and sandbox pilots) is published for anyone, researchers and other systems to reuse without asking.",
            )/>
        <article class="prose">
            <section id="licence">
                <h2>{lang.pick("Giấy phép", "Licence")}</h2>
                <p>
                    {lang.pick("Dữ liệu được cấp phép ", "The data is licensed under ")}
                    <a href=super::LICENCE_URL rel="license">"Creative Commons Attribution 4.0 (CC BY 4.0)"</a>
                    {lang.pick(
                        ": bạn được sao chép, phân phối, chỉnh sửa và dùng cho mục đích thương mại, miễn là ghi nguồn «Sàn Đổi mới sáng tạo Khánh Hòa» kèm đường dẫn đến cổng.",
                        ": you may copy, share, adapt and use it commercially, as long as you credit “Khánh Hòa Innovation Exchange” with a link to the portal.",
                    )}
                </p>
                <p>{lang.pick(
                    "Chỉ những gì chủ sở hữu đã công bố mới có trong dữ liệu mở: bản nháp, tài khoản, hồ sơ đăng ký và đề nghị giới thiệu không bao giờ được công bố. Mục không được xác nhận trong 180 ngày sẽ tạm ẩn.",
                    "Only what owners published is in the open data: drafts, accounts, applications and introduction requests are never published. Listings not confirmed for 180 days are hidden until confirmed.",
                )}</p>
            </section>
            <section id="downloads">
                <h2>{lang.pick("Tải về", "Downloads")}</h2>
                <p>
                    <a href="/api/export.jsonl">{lang.pick("Toàn bộ danh mục (JSON Lines)", "The whole catalogue (JSON Lines)")}</a>
                    {lang.pick(
                        ": mỗi dòng một bản ghi, theo định dạng bản ghi của cổng; nhập lại được bằng lệnh ",
                        ": one record per line in the portal's records format; it can be imported again with ",
                    )}
                    <code>"server import"</code>"."
                </p>
                <p>{lang.pick(
                    "Mỗi trang danh sách có nút «Tải CSV» tải đúng các mục đang được lọc. Cột mang tên trường của định dạng bản ghi; danh sách nối bằng «; »; tệp mã hóa UTF-8 có BOM để Excel đọc đúng tiếng Việt.",
                    "Every list page has a “Download CSV” link with exactly the rows its filters show. Columns are named after the records format's fields; lists are joined with “; ”; files are UTF-8 with a BOM so that spreadsheets read Vietnamese correctly.",
                )}</p>
                <ul class="plain-list">{csv_links}</ul>
            </section>
            <section id="feeds">
                <h2>{lang.pick("Nguồn tin Atom", "Atom feeds")}</h2>
                <p>{lang.pick(
                    "Theo dõi bằng bất kỳ trình đọc tin nào. Thêm ?sector=mã-lĩnh-vực để chỉ nhận một lĩnh vực (ví dụ ?sector=aquaculture), &lang=en để nhận tiếng Anh.",
                    "Follow them in any feed reader. Add ?sector=code for one sector only (for example ?sector=aquaculture), &lang=en for English.",
                )}</p>
                <ul class="plain-list">{feeds}</ul>
            </section>
            <section id="api">
                <h2>"API"</h2>
                <p>
                    {lang.pick("Mô tả OpenAPI 3.1 của mọi điểm cuối JSON công khai: ", "An OpenAPI 3.1 description of every public JSON endpoint: ")}
                    <a href="/api/openapi.json"><code>"/api/openapi.json"</code></a>"."
                </p>
                <ul class="plain-list">
                    <li><code>"GET /api/search?q=…"</code>{lang.pick(" — tìm kiếm, có hoặc không dấu, tiếng Việt hoặc tiếng Anh", " — search, with or without diacritics, in Vietnamese or English")}</li>
                    <li><code>"POST /api/match"</code>", "<code>"GET /api/needs/{id}/matches"</code>{lang.pick(" — gợi ý đối tác cho một nhu cầu, kèm lý do", " — partners for a need, with reasons")}</li>
                    <li><code>"GET /api/{kind}/{id}"</code>{lang.pick(" — một bản ghi", " — one record")}</li>
                    <li><code>"GET /api/export.jsonl"</code>{lang.pick(" — toàn bộ danh mục", " — the whole catalogue")}</li>
                </ul>
                <p>{lang.pick(
                    "Mỗi trang chi tiết còn có dữ liệu có cấu trúc schema.org (JSON-LD); sơ đồ trang ở ",
                    "Every detail page also carries schema.org structured data (JSON-LD); the sitemap is at ",
                )}<a href="/sitemap.xml"><code>"/sitemap.xml"</code></a>"."</p>
            </section>
            <section id="dashboard-link">
                <h2>{lang.pick("Số liệu tổng hợp", "Figures")}</h2>
                <p><a href="/dashboard">{lang.pick("Bảng theo dõi: số liệu của cổng và các chỉ tiêu đến năm 2030", "Dashboard: the portal's figures and the 2030 targets")}</a></p>
            </section>
        </article>
    }
}
