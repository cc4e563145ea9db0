//! On the dashboard: each lab's work through the portal, the most requested first, with the
//! whole list to download as CSV and JSON.

use leptos::prelude::*;

use super::model::LabUse;
use super::targets::format_number;
use crate::i18n::use_lang;

/// The most labs the page's table shows (the downloads hold them all).
const SHOWN: usize = 20;

#[component]
pub fn LabsTable(labs: Vec<LabUse>) -> impl IntoView {
    let lang = use_lang();
    let number = move |n: Option<f64>| n.map(|n| format_number((n * 10.0).round() / 10.0, lang)).unwrap_or("–".into());
    let percent =
        move |n: Option<f64>| n.map(|n| format!("{} %", format_number(n.round(), lang))).unwrap_or("–".into());
    let none = labs.is_empty();
    let rows = labs
        .iter()
        .take(SHOWN)
        .map(|lab| {
            let href = format!("/labs/{}", lab.id);
            view! {
                <tr>
                    <th scope="row"><a href=href>{lab.title.clone()}</a></th>
                    <td>{lab.requests}</td>
                    <td>{lab.accepted}</td>
                    <td>{number(lab.median_turnaround_days)}</td>
                    <td>{percent(lab.province_share)}</td>
                    <td>{percent(lab.instrument_use())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section id="labs" aria-labelledby="labs-heading">
            <h2 id="labs-heading">{lang.pick("Phòng thí nghiệm: dịch vụ và thiết bị", "Labs: services and instruments")}</h2>
            <p>{lang.pick(
                "Yêu cầu dịch vụ nhận được, báo giá được chấp nhận, số ngày trả kết quả kể từ khi nhận mẫu (trung vị), phần việc đã nhận làm cho tổ chức trong tỉnh, và mức sử dụng thiết bị: giờ đặt đã duyệt trên giờ mở đặt lịch, từ 13 tuần trước đến 13 tuần tới.",
                "Service requests received, quotes accepted, days from samples received to results (median), the share of accepted work done for organizations of the province, and instrument use: approved booked hours over the hours open for booking, from 13 weeks back to 13 weeks ahead.",
            )}</p>
            <p class="empty" hidden=!none>{lang.pick("Chưa có phòng thí nghiệm nào niêm yết dịch vụ hay thiết bị.", "No lab lists services or instruments yet.")}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("Bảng phòng thí nghiệm", "Labs table") hidden=none>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{lang.pick("Phòng thí nghiệm", "Lab")}</th>
                        <th scope="col">{lang.pick("Yêu cầu", "Requests")}</th>
                        <th scope="col">{lang.pick("Báo giá được nhận", "Quotes accepted")}</th>
                        <th scope="col">{lang.pick("Ngày trả kết quả (trung vị)", "Days to results (median)")}</th>
                        <th scope="col">{lang.pick("Cho tổ chức trong tỉnh", "For the province's organizations")}</th>
                        <th scope="col">{lang.pick("Sử dụng thiết bị", "Instrument use")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p>
                {lang.pick("Tải về toàn bộ: ", "Download them all: ")}
                <a href="/dashboard/labs.csv" download="">"CSV"</a>" · "<a href="/dashboard/labs.json">"JSON"</a>
            </p>
        </section>
    }
}
