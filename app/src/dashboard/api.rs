//! Server functions of the dashboard.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::model::Dashboard;

use crate::error::AppError;
use crate::i18n::Lang;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(RecordIndicator);

/// The dashboard, in `lang`; says whether the viewer may record indicator values.
#[server(prefix = "/fn", endpoint = "dashboard", input = Json)]
pub async fn get_dashboard(lang: Lang) -> Result<Dashboard, AppError> {
    let state = crate::state::app_state()?;
    let can_record = crate::accounts::session::current_user().await?.is_some_and(|u| u.is_staff());
    let dashboard = super::service::figures(&state, lang).await?;
    Ok(super::model::Dashboard { can_record, ..dashboard })
}

/// Records an indicator's value for a year, with its source (province officers).
#[server(prefix = "/fn", endpoint = "record_indicator")]
pub async fn record_indicator(indicator: String, year: String, value: String, source: String) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    let user = crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    let state = crate::state::app_state()?;
    super::service::record(&state, &user, &indicator, &year, &value, &source, crate::i18n::request_lang()).await?;
    state.dashboard.clear();
    Ok(())
}
