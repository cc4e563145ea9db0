//! The week of one instrument: its open hours, Monday to Friday, each free one a link that
//! opens the booking form below (plain links and a plain form: no JavaScript needed).

use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::BookInstrument;
use super::model::{day_label, time_range, Week, OPEN_HOURS};
use crate::forms::{invalid, last_result, typed, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::notices::sign_in_href;

/// The page's address for the week starting `monday`, with an hour chosen.
fn href(week: &Week, monday: NaiveDate, chosen: Option<(NaiveDate, u32)>) -> String {
    let mut href =
        format!("/bookings/new?lab={}&instrument={}&week={monday}", crate::text::url_encode(&week.lab_id), week.index);
    if let Some((day, hour)) = chosen {
        href.push_str(&format!("&day={day}&hour={hour}#book"));
    }
    href
}

#[component]
pub fn WeekView(week: Week, chosen: Option<(NaiveDate, u32)>) -> impl IntoView {
    let lang = use_lang();
    let week = StoredValue::new(week);
    let w = week.get_value();
    let days: Vec<NaiveDate> = (0..5).map(|n| w.monday + chrono::Duration::days(n)).collect();
    // Free hours are links only where a booking may follow (signed out: to sign in first).
    let opens = w.closed.is_none() && w.refusal.is_none();
    let head = days.iter().map(|d| view! { <th scope="col">{day_label(*d, lang)}</th> }).collect_view();
    let rows = OPEN_HOURS
        .iter()
        .map(|hour| {
            let cells = days
                .iter()
                .map(|day| {
                    let at = format!("{}, {}", day_label(*day, lang), time_range(*hour, 1));
                    let cell = if w.taken.contains(&(*day, *hour)) {
                        view! { <span class="slot-taken">{lang.pick("Đã đặt", "Booked")}</span> }.into_any()
                    } else if !w.free(*day, *hour) {
                        view! { <span class="slot-closed" title=lang.pick("Không đặt được", "Not bookable")>"–"</span> }.into_any()
                    } else if chosen == Some((*day, *hour)) {
                        view! { <strong class="slot-chosen">{lang.pick("Đã chọn", "Chosen")}</strong> }.into_any()
                    } else if opens {
                        // Read out with its day and hour; seen as "Free" in its column.
                        view! { <a class="slot-free" href=href(&w, w.monday, Some((*day, *hour)))>{lang.pick("Trống", "Free")}<span class="visually-hidden">{format!(": {at}")}</span></a> }.into_any()
                    } else {
                        view! { <span class="slot-free">{lang.pick("Trống", "Free")}</span> }.into_any()
                    };
                    view! { <td>{cell}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{format!("{hour:02}:00")}</th>{cells}</tr> }
        })
        .collect_view();
    let previous = w.monday - chrono::Duration::days(7);
    let next = w.monday + chrono::Duration::days(7);
    let previous = (w.monday > w.today).then(|| {
        view! { <a href=href(&w, previous, None)>{lang.pick("← Tuần trước", "← Previous week")}</a> }
    });
    let next = (next <= w.last_day).then(|| {
        view! { <a href=href(&w, next, None)>{lang.pick("Tuần sau →", "Next week →")}</a> }
    });
    let lab_href = format!("/labs/{}#instruments", w.lab_id);
    let notice =
        w.closed.clone().or(w.refusal.clone()).map(|why| view! { <p class="form-error" role="alert">{why}</p> });
    let form = chosen.filter(|_| opens).map(|(day, hour)| match w.free(day, hour) {
        false => view! {
            <p class="form-error" id="book" role="alert">{lang.pick(
                "Giờ này không còn trống: hãy chọn giờ khác trong lịch.",
                "That hour is no longer free: choose another in the calendar.",
            )}</p>
        }
        .into_any(),
        true if !w.signed_in => view! {
            <section class="answer" id="book">
                <p><a class="button" href=sign_in_href()>{lang.pick("Đăng nhập để đặt lịch", "Sign in to book")}</a></p>
            </section>
        }
        .into_any(),
        true => view! { <BookForm week=week.get_value() day hour/> }.into_any(),
    });
    view! {
        <nav class="breadcrumb" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href="/labs">{lang.pick("Phòng thí nghiệm", "Labs")}</a>" › "<a href=lab_href>{w.lab_title.clone()}</a>
        </nav>
        <section class="form-page booking-week">
            <h1>{lang.pick("Đặt lịch thiết bị: ", "Book an instrument: ")}{w.title.clone()}</h1>
            <p class="lead">{w.line.clone()}</p>
            <p class="hint">{lang.pick(
                "Thiết bị mở 8–12 giờ và 13–17 giờ, thứ Hai đến thứ Sáu; đặt từ ngày mai đến 13 tuần tới. Chọn giờ bắt đầu trong lịch; phòng thí nghiệm duyệt yêu cầu và bạn nhận tin trong Hộp thư.",
                "The instrument is open 8–12 and 13–17, Monday to Friday; book from tomorrow up to 13 weeks ahead. Choose a starting hour in the calendar; the lab approves the request and you hear in your inbox.",
            )}</p>
            {notice}
            <nav class="week-nav" aria-label=lang.pick("Tuần", "Weeks")>{previous}" "{next}</nav>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("Lịch trong tuần", "The week's calendar")>
                <table class="data-table week-table">
                    <caption>{lang.pick("Tuần từ ", "Week of ")}{lang.date(w.monday)}</caption>
                    <thead><tr><th scope="col">{lang.pick("Giờ", "Hour")}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {form}
        </section>
    }
}

/// The booking form for the hours from `hour` of `day`.
#[component]
fn BookForm(week: Week, day: NaiveDate, hour: u32) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<BookInstrument>::new();
    let result = last_result(action);
    let typed = typed::<BookInstrument>();
    let most = week.free_from(day, hour);
    let chosen = typed.or("hours", "1");
    let options = (1..=most)
        .map(|n| {
            let text =
                format!("{n} {} ({})", lang.pick("giờ", if n == 1 { "hour" } else { "hours" }), time_range(hour, n));
            view! { <option value=n.to_string() selected=chosen == n.to_string()>{text}</option> }
        })
        .collect_view();
    let rate = week.hourly_rate_vnd.map(|rate| {
        let money = lang.money(rate.max(0) as u64);
        view! { <p class="hint">{lang.pick(format!("Phí sử dụng: {money}/giờ, phòng thí nghiệm xác nhận khi duyệt."), format!("Rate: {money} an hour, confirmed by the lab when it approves."))}</p> }
    });
    let training_label = match week.training_required {
        true => {
            lang.pick("Tập huấn sử dụng thiết bị (ở đâu, khi nào) *", "Training on this instrument (where, when) *")
        }
        false => lang.pick("Tập huấn sử dụng thiết bị (nếu có)", "Training on this instrument (if any)"),
    };
    view! {
        <section class="answer" id="book">
            <h2>{lang.pick("Đặt lịch: ", "Book: ")}{day_label(day, lang)}{lang.pick(", từ ", ", from ")}{format!("{hour:02}:00")}</h2>
            {rate}
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="lab" value=week.lab_id.clone()/>
                <input type="hidden" name="instrument" value=week.instrument.clone()/>
                <input type="hidden" name="start" value=format!("{day}T{hour:02}")/>
                <label for="hours">{lang.pick("Thời lượng *", "How long *")}</label>
                <select id="hours" name="hours" required aria-invalid=invalid(result, "hours") aria-describedby="hours-error">{options}</select>
                <FieldMessage result field="hours"/>
                <label for="operator">{lang.pick("Người sử dụng thiết bị *", "Who will use the instrument *")}</label>
                <input id="operator" name="operator" required maxlength="200" autocomplete="name" value=typed.or("operator", week.operator.clone()) aria-invalid=invalid(result, "operator") aria-describedby="operator-error"/>
                <FieldMessage result field="operator"/>
                <label for="training">{training_label}</label>
                <input id="training" name="training" maxlength="200" required=week.training_required placeholder=lang.pick("Ví dụ: tập huấn HPLC tại phòng, 10/2026", "E.g. HPLC training at the lab, 10/2026") value=typed.or("training", "") aria-invalid=invalid(result, "training") aria-describedby="training-error"/>
                <FieldMessage result field="training"/>
                <label for="purpose">{lang.pick("Mục đích, mẫu đo", "Purpose, samples to run")}</label>
                <textarea id="purpose" name="purpose" rows="3" maxlength="2000" aria-invalid=invalid(result, "purpose") aria-describedby="purpose-error">{typed.or("purpose", "")}</textarea>
                <FieldMessage result field="purpose"/>
                <button type="submit">{lang.pick("Gửi yêu cầu đặt lịch", "Request the booking")}</button>
            </ActionForm>
        </section>
    }
}
