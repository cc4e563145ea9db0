//! Server functions of service requests.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::model::{Label, RequestItem, RequestSetup, ServiceRequest};
use crate::error::AppError;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(RequestService, QuoteServiceRequest, DeclineServiceRequest, AnswerQuote);

/// What the page asking lab `lab` for its service number `service` shows.
#[server(prefix = "/fn", endpoint = "service_request_setup", input = Json)]
pub async fn service_request_setup(lab: String, service: usize) -> Result<RequestSetup, AppError> {
    super::service::setup(&lab, service).await
}

/// Asks lab `lab` for its service number `service` (named `name`, as the form showed it):
/// how many samples, by when, with notes. Goes to the request's page.
#[server(prefix = "/fn", endpoint = "request_service")]
pub async fn request_service(
    lab: String,
    service: usize,
    name: String,
    samples: String,
    #[server(default)] wanted_by: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    let asked = super::service::Asked { lab, service, name, samples, wanted_by, notes };
    let id = super::service::request(asked).await?;
    leptos_axum::redirect(&format!("/requests/{id}"));
    Ok(())
}

/// The lab quotes a request: lines (`line[label.N]`, `line[quantity.N]`, `line[unit.N]`; a key starting with a digit would be read as a list index), the
/// last valid day and conditions.
#[server(prefix = "/fn", endpoint = "quote_service_request")]
pub async fn quote_service_request(
    id: i64,
    #[server(default)] line: HashMap<String, String>,
    #[server(default)] valid_until: String,
    #[server(default)] conditions: String,
) -> Result<(), AppError> {
    super::answers::quote(id, line, &valid_until, &conditions).await
}

/// The lab declines a request, with a reason from the list.
#[server(prefix = "/fn", endpoint = "decline_service_request")]
pub async fn decline_service_request(
    id: i64,
    #[server(default)] reason: Option<String>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    super::answers::decline(id, reason.filter(|r| !r.is_empty()), &note).await
}

/// The business accepts (`answer=accept`) or declines the lab's quote `quote` (the one its
/// page showed; without it, the latest).
#[server(prefix = "/fn", endpoint = "answer_quote")]
pub async fn answer_quote(
    id: i64,
    answer: String,
    #[server(default)] quote: Option<i64>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            let lang = crate::i18n::request_lang();
            let message = lang.pick("Hãy chọn chấp nhận hoặc không nhận.", "Choose to accept or decline.");
            return Err(AppError::BadRequest(message.into()));
        }
    };
    super::answers::answer(id, accept, quote, &note).await
}

/// The lab moves accepted work on (`to`: received, in_analysis, ready), one step at a time.
#[server(prefix = "/fn", endpoint = "advance_service_request")]
pub async fn advance_service_request(id: i64, to: String) -> Result<(), AppError> {
    super::work::advance(id, &to).await
}

/// The printable label of accepted work, for either side.
#[server(prefix = "/fn", endpoint = "service_request_label", input = Json)]
pub async fn service_request_label(id: i64) -> Result<Label, AppError> {
    super::work::label(id).await
}

/// One request, with its history, for either of its sides.
#[server(prefix = "/fn", endpoint = "service_request", input = Json)]
pub async fn get_service_request(id: i64) -> Result<ServiceRequest, AppError> {
    super::service::get(id).await
}

/// The requests the person signed in made, and those to the labs they manage.
#[server(prefix = "/fn", endpoint = "my_service_requests")]
pub async fn my_service_requests() -> Result<Vec<RequestItem>, AppError> {
    super::service::mine().await
}
