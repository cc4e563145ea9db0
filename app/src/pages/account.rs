//! `/account`: who I am and my account's security, with a newcomer's first steps (listings)
//! below the details while any is left. Sign-up lands here.

use leptos::prelude::*;

use crate::accounts::pages::AccountPage;
use crate::listings::first_steps::FirstSteps;

#[component]
pub fn AccountRoute() -> impl IntoView {
    view! { <AccountPage><FirstSteps/></AccountPage> }
}
