//! `/account`: who I am and my account's security, with a newcomer's first steps (listings)
//! below the details while any is left, and deleting the account last. Sign-up lands here.

use leptos::prelude::*;

use crate::accounts::model::User;
use crate::accounts::pages::AccountPage;
use crate::listings::first_steps::FirstSteps;
use crate::pages::leave::DeleteAccount;

#[component]
pub fn AccountRoute() -> impl IntoView {
    let last = |user: User| view! { <DeleteAccount staff=user.is_staff()/> }.into_any();
    view! { <AccountPage last><FirstSteps/></AccountPage> }
}
