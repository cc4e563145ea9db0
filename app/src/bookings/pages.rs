//! The pages of bookings: an instrument's week with the booking form (`/bookings/new`), one
//! booking with what either side may do next (`/bookings/{id}`), and the list on "my" page.

use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{get_booking, instrument_week, my_bookings, CancelBooking, DecideBooking};
use super::model::{day_label, time_range, Booking, BookingItem, BookingStatus, Side};
use crate::catalog::components::FieldList;
use crate::catalog::model::Fields;
use crate::forms::{invalid, last_result, ComeBackTo, FieldMessage, FormStatus};
use crate::i18n::use_lang;
use crate::lab_orders::list::{OrderLine, OrdersSection};
use crate::loading::{path_id, Loaded};

/// `/bookings/new?lab=…&instrument=N&week=…&day=…&hour=…`: the instrument's week, and the
/// form for the hour chosen in it.
#[component]
pub fn WeekPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            let instrument = q.get("instrument").and_then(|n| n.parse().ok()).unwrap_or(0);
            (q.get("lab").unwrap_or_default(), instrument, q.get("week").unwrap_or_default())
        })
    };
    let chosen = move || {
        query.with(|q| {
            let day = q.get("day")?.parse::<NaiveDate>().ok()?;
            Some((day, q.get("hour")?.parse::<u32>().ok()?))
        })
    };
    let data = Resource::new(asked, |(lab, instrument, week)| instrument_week(lab, instrument, week));
    view! {
        <Title text=lang.pick("Đặt lịch thiết bị", "Book an instrument")/>
        <Loaded data show=move |week| view! { <super::week_view::WeekView week chosen=chosen()/> }/>
    }
}

/// `/bookings/{id}`: one booking, for either side.
#[component]
pub fn BookingPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(path_id(), get_booking);
    view! {
        <Title text=lang.pick("Lịch đặt thiết bị", "Instrument booking")/>
        <Loaded data show=|booking| view! { <BookingView booking/> }/>
    }
}

#[component]
fn BookingView(booking: Booking) -> impl IntoView {
    let lang = use_lang();
    let lab_href = format!("/labs/{}", booking.lab_id);
    let organization = booking.organization.clone().map(|o| format!(" ({o})")).unwrap_or_default();
    let when = format!("{}, {}", day_label(booking.day, lang), time_range(booking.start_hour, booking.hours));
    let answered = booking.reason.clone().map(|r| match &booking.decided_by {
        Some(by) => format!("{r} ({by})"),
        None => r,
    });
    let fields = Fields::default()
        .text(lang.pick("Người đặt", "Booked by"), format!("{}{organization}", booking.booker))
        .text(lang.pick("Thời gian", "When"), when)
        .text(lang.pick("Người sử dụng", "Used by"), booking.operator.clone())
        .text(lang.pick("Tập huấn", "Training"), booking.training.clone())
        .long(lang.pick("Mục đích", "Purpose"), Some(booking.purpose.as_str()))
        .text(lang.pick("Ngày gửi", "Sent on"), lang.day(&booking.created_at))
        .text(lang.pick("Lý do", "Reason"), answered)
        .build();
    let contacts = booking.contacts.clone().map(|(booker, lab)| view! {
        <p class="contacts">
            {lang.pick("Liên hệ — người đặt: ", "Contacts — booked by: ")}<a href=format!("mailto:{booker}")>{booker.clone()}</a>
            {lang.pick(" · phòng thí nghiệm: ", " · lab: ")}<a href=format!("mailto:{lab}")>{lab.clone()}</a>
        </p>
    });
    let decide = (booking.side == Side::Lab && booking.status == BookingStatus::Requested)
        .then(|| view! { <DecideForm id=booking.id/> });
    let cancel = booking.cancellable.then(|| view! { <CancelForm id=booking.id/> });
    view! {
        <nav class="breadcrumb" aria-label=lang.pick("Đường dẫn", "Breadcrumb")>
            <a href="/mine#bookings">{lang.pick("Hồ sơ của tôi", "My listings")}</a>" › "{lang.pick("Lịch đặt thiết bị", "Instrument booking")}
        </nav>
        <article class="record booking">
            <header class="record-head">
                <p class="card-kind">{lang.pick("Lịch đặt thiết bị", "Instrument booking")}</p>
                <h1>{booking.instrument.clone()}</h1>
                <p><a href=lab_href>{booking.lab_title.clone()}</a></p>
                <p><span class="badge">{booking.status.label(lang)}</span></p>
            </header>
            <FieldList fields/>
            {contacts}
        </article>
        {decide}
        {cancel}
    }
}

/// The lab's answer to a booking: approve, or decline saying why.
#[component]
fn DecideForm(id: i64) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<DecideBooking>::new();
    let result = last_result(action);
    view! {
        <section class="answer" id="answer">
            <h2>{lang.pick("Duyệt lịch đặt", "Answer the booking")}</h2>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="id" value=id/>
                <ComeBackTo id="answer"/>
                <button type="submit" name="decision" value="approve">{lang.pick("Duyệt", "Approve")}</button>
                <label for="decline-reason">{lang.pick("Lý do từ chối (bắt buộc khi từ chối)", "Why you decline (required to decline)")}</label>
                <input id="decline-reason" name="reason" maxlength="2000" aria-invalid=invalid(result, "reason") aria-describedby="reason-error"/>
                <FieldMessage result field="reason"/>
                <button type="submit" name="decision" value="decline" class="button-link">{lang.pick("Từ chối", "Decline")}</button>
            </ActionForm>
        </section>
    }
}

/// Cancelling a booking before its day, by either side.
#[component]
fn CancelForm(id: i64) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<CancelBooking>::new();
    let result = last_result(action);
    view! {
        <section class="answer" id="cancel">
            <h2>{lang.pick("Hủy lịch đặt", "Cancel the booking")}</h2>
            <FormStatus result/>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="id" value=id/>
                <ComeBackTo id="cancel"/>
                <label for="cancel-reason">{lang.pick("Lý do (không bắt buộc)", "Why (optional)")}</label>
                <input id="cancel-reason" name="reason" maxlength="2000" aria-invalid=invalid(result, "reason") aria-describedby="reason-error"/>
                <FieldMessage result field="reason"/>
                <button type="submit" class="button-link">{lang.pick("Hủy lịch, trả lại giờ trống", "Cancel and free the hours")}</button>
            </ActionForm>
        </section>
    }
}

/// On "my" page: the bookings I made and those of the labs I manage.
#[component]
pub fn MyBookings() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| my_bookings());
    let show = move |items: Vec<BookingItem>| {
        let lines = items
            .into_iter()
            .map(|item| {
                let side = match item.side {
                    Side::Customer => lang.pick("Bạn đặt", "You booked"),
                    Side::Lab => lang.pick("Đặt thiết bị của phòng bạn", "Booked at your lab"),
                };
                let when = format!("{}, {}", day_label(item.day, lang), time_range(item.start_hour, item.hours));
                OrderLine {
                    href: format!("/bookings/{}", item.id),
                    what: item.instrument,
                    hint: format!("{side} · {} · {when}", item.other_side),
                    status: item.status.label(lang),
                }
            })
            .collect();
        let title = lang.pick("Lịch đặt thiết bị", "Instrument bookings");
        view! { <OrdersSection id="bookings" title lines/> }
    };
    view! { <Loaded data show/> }
}
