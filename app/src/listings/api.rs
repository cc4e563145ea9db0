//! Server functions of publishing. Each checks, on the server, who is signed in and what
//! they may do with the record.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::model::{Choices, Editing, ListingMeta, MyListing};
use crate::catalog::model::Kind;
use crate::error::AppError;

// A refused form of these comes back with what was typed (`forms::kept`).
crate::keeps_typed!(SaveListing);

/// Saves a record form: creates or edits, publishes or keeps as a draft. Search and matching
/// see a published record at once.
#[server(prefix = "/fn", endpoint = "save_listing")]
pub async fn save_listing(
    kind: String,
    #[server(default)] id: String,
    #[server(default)] save: String,
    #[server(default)] text: HashMap<String, String>,
    #[server(default)] list: HashMap<String, Vec<String>>,
) -> Result<(), AppError> {
    let form = super::model::ListingForm { kind, id, save, text, list };
    let href = super::service::save(form).await?;
    leptos_axum::redirect(&href);
    Ok(())
}

/// A record's values for its edit form, if the person signed in may edit it.
#[server(prefix = "/fn", endpoint = "edit_listing", input = Json)]
pub async fn edit_listing(kind: Kind, id: String) -> Result<Editing, AppError> {
    super::service::editing(kind, &id).await
}

/// What the reference fields of `kind`'s form may name, by title, for the person signed in.
#[server(prefix = "/fn", endpoint = "form_choices", input = Json)]
pub async fn form_choices(kind: Kind) -> Result<Choices, AppError> {
    let state = crate::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let mut conn = state.db.acquire().await?;
    super::references::choices(&mut conn, kind, &user).await
}

/// What a record's page shows about its listing, for the person looking.
#[server(prefix = "/fn", endpoint = "get_listing_meta", input = Json)]
pub async fn get_listing_meta(kind: Kind, id: String) -> Result<ListingMeta, AppError> {
    super::standing::meta(kind, &id).await
}

/// Confirms that a listing is still current (its owner or an officer).
#[server(prefix = "/fn", endpoint = "confirm_listing")]
pub async fn confirm_listing(kind: Kind, id: String) -> Result<(), AppError> {
    super::service::confirm(kind, &id).await
}

/// Marks an organization verified (officers; logged; its owner is told).
#[server(prefix = "/fn", endpoint = "verify_organization")]
pub async fn verify_organization(id: String) -> Result<(), AppError> {
    super::oversight::verify(&id).await
}

/// The listings of the person signed in.
#[server(prefix = "/fn", endpoint = "my_listings")]
pub async fn my_listings() -> Result<Vec<MyListing>, AppError> {
    let state = crate::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::repo::mine(&state.db, user.id).await
}

/// Records officers hid, for showing them again (officers).
#[server(prefix = "/fn", endpoint = "hidden_listings")]
pub async fn hidden_listings() -> Result<Vec<(Kind, String, String)>, AppError> {
    use crate::accounts::model::Role;
    let state = crate::state::app_state()?;
    crate::accounts::session::require_role(&[Role::Officer, Role::Admin]).await?;
    super::repo::moderated(&state.db).await
}

/// Hides a record from public view (`hidden=true`, with the `reason` its owner is told) or
/// shows it again (officers; logged).
#[server(prefix = "/fn", endpoint = "moderate_listing")]
pub async fn moderate_listing(
    kind: Kind,
    id: String,
    hidden: bool,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    super::oversight::moderate(kind, &id, hidden, &reason).await?;
    if hidden {
        leptos_axum::redirect(kind.path());
    }
    Ok(())
}

/// Takes a published listing down, back among its owner's drafts, with why (`found`, `done`
/// or `revise`): its owner, a colleague, or an officer.
#[server(prefix = "/fn", endpoint = "withdraw_listing")]
pub async fn withdraw_listing(kind: Kind, id: String, #[server(default)] why: String) -> Result<(), AppError> {
    super::withdraw::withdraw(kind, &id, &why).await
}

/// Deletes a draft never published.
#[server(prefix = "/fn", endpoint = "delete_draft")]
pub async fn delete_draft(kind: Kind, id: String) -> Result<(), AppError> {
    super::withdraw::delete_draft(kind, &id).await
}
