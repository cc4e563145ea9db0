//! Server functions of instrument bookings.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::model::{Booking, BookingItem, Week};
use crate::error::AppError;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(BookInstrument, DecideBooking, CancelBooking);

/// The week holding `week` (a day, `YYYY-MM-DD`; empty: this week) of instrument number
/// `instrument` of lab `lab`: its open hours and those held. For anyone.
#[server(prefix = "/fn", endpoint = "instrument_week", input = Json)]
pub async fn instrument_week(lab: String, instrument: usize, week: String) -> Result<Week, AppError> {
    super::service::week(&lab, instrument, &week).await
}

/// Books `hours` open hours of lab `lab`'s `instrument` (by name, as the form showed it) from
/// `start` (`YYYY-MM-DDTHH`) on, for `operator` (trained as `training` says, where the lab
/// asks). Waits for the lab's approval; goes to the booking's page.
#[server(prefix = "/fn", endpoint = "book_instrument")]
pub async fn book_instrument(
    lab: String,
    instrument: String,
    start: String,
    hours: String,
    #[server(default)] operator: String,
    #[server(default)] training: String,
    #[server(default)] purpose: String,
) -> Result<(), AppError> {
    let asked = super::service::Asked { lab, instrument, start, hours, operator, training, purpose };
    let id = super::service::book(asked).await?;
    leptos_axum::redirect(&format!("/bookings/{id}"));
    Ok(())
}

/// The lab approves (`decision=approve`) or declines a booking (with a reason).
#[server(prefix = "/fn", endpoint = "decide_booking")]
pub async fn decide_booking(id: i64, decision: String, #[server(default)] reason: String) -> Result<(), AppError> {
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => {
            let lang = crate::i18n::request_lang();
            let message = lang.pick("Hãy chọn duyệt hoặc từ chối.", "Choose to approve or decline.");
            return Err(AppError::BadRequest(message.into()));
        }
    };
    super::service::decide(id, approve, &reason).await
}

/// Either side cancels a booking before its day.
#[server(prefix = "/fn", endpoint = "cancel_booking")]
pub async fn cancel_booking(id: i64, #[server(default)] reason: String) -> Result<(), AppError> {
    super::service::cancel(id, &reason).await
}

/// One booking, for either of its sides.
#[server(prefix = "/fn", endpoint = "booking", input = Json)]
pub async fn get_booking(id: i64) -> Result<Booking, AppError> {
    super::service::get(id).await
}

/// The bookings the person signed in made, and those of the labs they manage.
#[server(prefix = "/fn", endpoint = "my_bookings")]
pub async fn my_bookings() -> Result<Vec<BookingItem>, AppError> {
    super::service::mine().await
}
