//! The lab's work on accepted samples: it marks them received, in analysis, results ready
//! (each step told to both sides); the label the business prints for the parcel, with the
//! request's tracking code and a QR code of its page.

use super::model::{next_in_lab, tracking_code, Label, RequestStatus, Side};
use super::repo::{self, Move};
use super::service::{moved_on, on_side, side_of, tell_both};
use crate::accounts::session::require_user;
use crate::error::AppError;
use crate::i18n::{request_lang, Lang};
use crate::state::app_state;

/// The lab moves request `id` on to `to`, the next step of its work on the samples.
pub async fn advance(id: i64, to: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let row = on_side(&state.db, &user, id, Side::Lab).await?;
    let to = RequestStatus::from_code(to)
        .ok_or_else(|| AppError::BadRequest(lang.pick("Bước không có.", "No such step.").into()))?;
    let from = RequestStatus::from_code(&row.status)
        .filter(|now| next_in_lab(*now) == Some(to))
        .ok_or_else(|| moved_on(lang))?;
    if to == RequestStatus::Ready && repo::results_file(&state.db, id).await?.is_none() {
        return Err(AppError::Conflict(
            lang.pick(
                "Hãy gửi tệp kết quả trước khi báo đã có kết quả.",
                "Send the results file before you report the results ready.",
            )
            .into(),
        ));
    }
    let step = Move {
        from: &[from.code()],
        to: to.code(),
        by: user.id,
        reason: None,
        note: None,
        quote: None,
        answered: None,
        valid_on: None,
    };
    if !repo::step(&state.db, id, step).await? {
        return Err(moved_on(lang));
    }
    let code = tracking_code(id);
    let told = |lang: Lang| match to {
        RequestStatus::Received => lang.pick("đã nhận mẫu", "received the samples"),
        RequestStatus::InAnalysis => lang.pick("đang phân tích mẫu", "is analysing the samples"),
        _ => lang.pick("đã có kết quả", "has the results ready"),
    };
    tell_both(
        &state.db,
        &row,
        format!("{} {} «{}» ({code})", row.parties.lab_title(Lang::Vi), told(Lang::Vi), row.service),
        format!("{} {} for “{}” ({code})", row.parties.lab_title(Lang::En), told(Lang::En), row.service),
    )
    .await
}

/// The label of request `id` for either side, once its quote is accepted.
pub async fn label(id: i64) -> Result<Label, AppError> {
    let state = app_state()?;
    let lang = request_lang();
    let user = require_user().await?;
    let (row, side) = side_of(&state.db, &user, id).await?;
    side.ok_or(AppError::Forbidden)?;
    let status = RequestStatus::from_code(&row.status).ok_or(AppError::NotFound)?;
    if !status.accepted() {
        return Err(AppError::NotFound);
    }
    let page = format!("{}/requests/{id}", state.site.origin());
    let code = qrcode::QrCode::new(page.as_bytes()).map_err(AppError::internal)?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build();
    // The image alone, without the XML declaration (it goes inside the page).
    let svg = svg.find("<svg").map(|at| svg[at..].to_string()).unwrap_or(svg);
    Ok(Label {
        id,
        tracking: tracking_code(id),
        lab_title: row.parties.lab_title(lang),
        service: row.service.clone(),
        samples: u32::try_from(row.samples).unwrap_or(0),
        sender: match &row.parties.organization_title {
            Some(org) => format!("{} ({org})", row.parties.customer_name),
            None => row.parties.customer_name.clone(),
        },
        svg,
    })
}
