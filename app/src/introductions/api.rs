//! Server functions of introductions.

use leptos::prelude::*;

use super::model::Introduction;
use crate::catalog::model::Kind;
use crate::error::AppError;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(RequestIntroduction, AnswerIntroduction);

/// Asks to be introduced to a lab, expert, offer, need or organization (business members and
/// researchers), bringing along `with` (`kind/id`) of one's own: a need to a lab, expert or
/// offer (`need`, a need's id, says the same), a lab, expert profile or offer to a need.
#[server(prefix = "/fn", endpoint = "request_introduction")]
pub async fn request_introduction(
    kind: Kind,
    id: String,
    #[server(default)] with: Option<String>,
    #[server(default)] need: Option<String>,
    message: String,
) -> Result<(), AppError> {
    let sender = crate::accounts::throttle::Sender::check().await?;
    let need = need.filter(|n| !n.trim().is_empty()).map(|n| format!("need/{}", n.trim()));
    super::service::request(kind, &id, with.filter(|w| !w.trim().is_empty()).or(need), &message).await?;
    sender.sent().await?;
    leptos_axum::redirect("/mine#introductions");
    Ok(())
}

/// Accepts (`answer=accept`) or declines an introduction, with a reason when declining.
#[server(prefix = "/fn", endpoint = "answer_introduction")]
pub async fn answer_introduction(
    id: i64,
    answer: String,
    #[server(default)] reason: Option<String>,
    #[server(default)] reason_text: Option<String>,
) -> Result<(), AppError> {
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("answer is accept or decline".into())),
    };
    super::service::answer(id, accept, reason, reason_text).await
}

/// Records what came of an accepted introduction.
#[server(prefix = "/fn", endpoint = "record_outcome")]
pub async fn record_outcome(id: i64, outcome: String) -> Result<(), AppError> {
    super::service::outcome(id, &outcome).await
}

/// The introductions the person signed in sent or answers.
#[server(prefix = "/fn", endpoint = "my_introductions")]
pub async fn my_introductions() -> Result<Vec<Introduction>, AppError> {
    super::service::mine().await
}
