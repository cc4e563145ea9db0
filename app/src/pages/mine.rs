//! `/mine`: what a person manages, what officers hid, their introductions, applications and
//! saved searches: one page over four domains.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::alerts::pages::MySearches;
use crate::applications::pages::MyApplications;
use crate::i18n::use_lang;
use crate::introductions::pages::MyIntroductions;
use crate::listings::affiliation::pages::AffiliationRequests;
use crate::listings::mine::{HiddenListings, MyListings, NewLinks};

/// `/mine`: what I manage, drafts first, with what needs confirming.
#[component]
pub fn MinePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("Hồ sơ của tôi", "My listings")/>
        <h1>{lang.pick("Hồ sơ của tôi", "My listings")}</h1>
        <MyListings/>
        <AffiliationRequests/>
        <NewLinks/>
        <HiddenListings/>
        <MyIntroductions/>
        <MyApplications/>
        <MySearches/>
    }
}
