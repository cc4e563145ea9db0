//! "Download my data": everything the portal keeps about the signed-in person, in one JSON
//! file (the right of access of Decree 13/2023/NĐ-CP), drawn from each domain's own reads.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::model::{SessionView, Viewer};
use crate::alerts::model::SavedSearch;
use crate::applications::model::Application;
use crate::bookings::model::BookingItem;
use crate::error::AppError;
use crate::inbox::model::Notification;
use crate::introductions::model::Introduction;
use crate::listings::model::MyListing;
use crate::service_requests::model::RequestItem;

/// One person's data, as downloaded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MyData {
    /// When it was put together (RFC 3339).
    pub exported_at: String,
    /// The account: name, email, roles, organization.
    pub account: Viewer,
    pub listings: Vec<MyListing>,
    pub introductions: Vec<Introduction>,
    /// Applications with their history and the names of their documents (each downloadable at
    /// its `href`).
    pub applications: Vec<Application>,
    /// Lab services asked for (and those asked of the labs one manages).
    pub service_requests: Vec<RequestItem>,
    /// Instrument bookings made (and those of the labs one manages).
    pub bookings: Vec<BookingItem>,
    pub saved_searches: Vec<SavedSearch>,
    /// Every notification, read or not (reading this marks none read).
    pub inbox: Vec<Notification>,
    pub sessions: Vec<SessionView>,
}

/// `GET /fn/export_my_data`: the signed-in person's data as a JSON download.
#[server(prefix = "/fn", endpoint = "export_my_data", input = server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<MyData, AppError> {
    let user = crate::accounts::session::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let data = MyData {
        exported_at: crate::clock::now(),
        account: crate::accounts::api::get_account().await?,
        listings: crate::listings::api::my_listings().await?,
        introductions: crate::introductions::api::my_introductions().await?,
        applications: crate::applications::api::my_applications().await?,
        service_requests: crate::service_requests::api::my_service_requests().await?,
        bookings: crate::bookings::api::my_bookings().await?,
        saved_searches: crate::alerts::api::my_searches().await?,
        inbox: crate::inbox::repo::list(db, user.id, i64::MAX).await?,
        sessions: crate::accounts::security_api::my_sessions().await?,
    };
    let options = expect_context::<leptos_axum::ResponseOptions>();
    options.insert_header(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment; filename=\"du-lieu-cua-toi.json\""),
    );
    options.insert_header(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    Ok(data)
}
