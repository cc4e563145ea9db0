//! Server functions of affiliation requests.

use leptos::prelude::*;

use super::Affiliations;
use crate::error::AppError;

/// The affiliation requests the person signed in answers, and their own waiting ones.
#[server(prefix = "/fn", endpoint = "affiliation_requests")]
pub async fn affiliation_requests() -> Result<Affiliations, AppError> {
    super::service::list().await
}

/// Answers an affiliation request: `accept` or `decline` (the organization's people, officers).
#[server(prefix = "/fn", endpoint = "answer_affiliation")]
pub async fn answer_affiliation(id: i64, answer: String) -> Result<(), AppError> {
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("answer is accept or decline".into())),
    };
    super::service::answer(id, accept).await
}
