//! `/mine`: what a person manages, what officers hid, their introductions, applications and
//! saved searches: one page over four domains.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::pages::use_viewer;
use crate::alerts::pages::MySearches;
use crate::applications::pages::MyApplications;
use crate::bookings::pages::MyBookings;
use crate::i18n::use_lang;
use crate::introductions::pages::MyIntroductions;
use crate::listings::affiliation::pages::AffiliationRequests;
use crate::listings::mine::{HiddenListings, MyListings, NewLinks};
use crate::notices::SignInFirst;
use crate::service_requests::pages::MyServiceRequests;

/// `/mine`: what I manage, drafts first, with what needs confirming; one "sign in" for
/// someone signed out, not one per part.
#[component]
pub fn MinePage() -> impl IntoView {
    let lang = use_lang();
    let viewer = use_viewer();
    view! {
        <Title text=lang.pick("Hồ sơ của tôi", "My listings")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(v) if v.user.is_none() => view! { <SignInFirst/> }.into_any(),
                    _ => view! {
                        <h1>{lang.pick("Hồ sơ của tôi", "My listings")}</h1>
                        <MyListings/>
                        <AffiliationRequests/>
                        <NewLinks/>
                        <HiddenListings/>
                        <MyIntroductions/>
                        <MyServiceRequests/>
                        <MyBookings/>
                        <MyApplications/>
                        <MySearches/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
