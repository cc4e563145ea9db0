//! A newcomer's first steps, ticked off as they are done: a business member's organization
//! profile, then a technology need; a researcher's expert profile, lab and an offer. Shown on
//! the account page (where sign-up lands) until every step is done; staff have none.

use leptos::prelude::*;

use super::api::my_listings;
use super::model::MyListing;
use super::pages::new_heading;
use crate::accounts::model::{Role, User};
use crate::catalog::model::Kind;
use crate::i18n::{use_lang, Lang};

/// One step: what to make, where, and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: Kind,
    pub done: bool,
    /// The person may start it now (a need waits for the organization's profile).
    pub open: bool,
    /// Where the person's draft of it is edited, when one waits to be published.
    pub draft: Option<String>,
}

/// `user`'s first steps, given what they manage. None for staff.
pub fn steps(user: &User, mine: &[MyListing]) -> Vec<Step> {
    if user.is_staff() {
        return Vec::new();
    }
    let published = |kind: Kind| mine.iter().any(|l| l.kind == kind && !l.draft);
    let organization = user.organization.is_some() && !mine.iter().any(|l| l.kind == Kind::Organization && l.draft);
    let step = |kind: Kind| Step {
        kind,
        done: if kind == Kind::Organization { organization } else { published(kind) },
        open: super::rules::may_create(user, kind),
        draft: mine.iter().find(|l| l.kind == kind && l.draft).map(|l| format!("{}/edit", l.href())),
    };
    let mut kinds = Vec::new();
    if user.has(Role::Member) {
        kinds.extend([Kind::Organization, Kind::Need]);
    }
    if user.has(Role::Researcher) {
        kinds.extend([Kind::Expert, Kind::Lab, Kind::Offer]);
    }
    kinds.into_iter().map(step).collect()
}

/// The checklist, while a step is left.
#[component]
pub fn FirstSteps() -> impl IntoView {
    let lang = use_lang();
    let viewer = crate::accounts::pages::use_viewer();
    let listings = Resource::new(|| (), |_| my_listings());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(user) = viewer.await.ok().and_then(|v| v.user) else { return ().into_any() };
                let mine = listings.await.unwrap_or_default();
                let steps = steps(&user, &mine);
                if steps.iter().all(|s| s.done) {
                    return ().into_any();
                }
                let items = steps.into_iter().map(|step| view! { <StepItem step lang/> }).collect_view();
                view! {
                    <section class="first-steps" aria-labelledby="first-steps">
                        <h2 id="first-steps">{lang.pick("Bắt đầu", "First steps")}</h2>
                        <ol>{items}</ol>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn StepItem(step: Step, lang: Lang) -> impl IntoView {
    let label = new_heading(step.kind, lang);
    let mark = |m: &'static str| view! { <span class="step-mark" aria-hidden="true">{m}</span> };
    let (class, state) = match (step.done, step.draft, step.open) {
        (true, _, _) => (
            "step-done",
            view! { {mark("✓")}{label}<span class="visually-hidden">{lang.pick(" (đã xong)", " (done)")}</span> }
                .into_any(),
        ),
        (false, Some(edit), _) => (
            "step-open",
            view! {
                {mark("○")}<a href=edit>{label}</a>
                <span class="hint">{lang.pick(" — bản nháp đang chờ bạn đăng", " — your draft waits to be published")}</span>
            }
            .into_any(),
        ),
        (false, None, true) => {
            ("step-open", view! { {mark("○")}<a href=format!("{}/new", step.kind.path())>{label}</a> }.into_any())
        }
        (false, None, false) => (
            "step-later",
            view! { {mark("○")}{label}<span class="hint">{lang.pick(" — sau bước trước", " — after the step before")}</span> }
                .into_any(),
        ),
    };
    view! { <li class=class>{state}</li> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[Role], organization: Option<&str>) -> User {
        User::sample(roles, organization)
    }

    fn listing(kind: Kind, draft: bool) -> MyListing {
        MyListing {
            kind,
            id: "x".into(),
            title: "X".into(),
            draft,
            confirmed_at: String::new(),
            due: false,
            hidden: false,
            moderated: false,
            held: false,
            withdrawn: None,
            never_published: draft,
        }
    }

    #[test]
    fn a_member_makes_the_organization_then_a_need() {
        let newcomer = user(&[Role::Member], None);
        let s = steps(&newcomer, &[]);
        assert_eq!(s.iter().map(|s| s.kind).collect::<Vec<_>>(), [Kind::Organization, Kind::Need]);
        assert!(s[0].open && !s[0].done && !s[1].open, "{s:?}");
        let member = user(&[Role::Member], Some("org"));
        let s = steps(&member, &[listing(Kind::Organization, false), listing(Kind::Need, true)]);
        assert!(s[0].done && s[1].open && !s[1].done, "a draft need is not posted yet: {s:?}");
        assert_eq!(s[1].draft.as_deref(), Some("/needs/x/edit"), "its draft is where to go on");
        let s = steps(&member, &[listing(Kind::Need, false)]);
        assert!(s.iter().all(|s| s.done), "{s:?}");
        assert!(steps(&user(&[Role::Officer], None), &[]).is_empty());
    }

    #[test]
    fn a_researcher_makes_a_profile_a_lab_and_an_offer() {
        let researcher = user(&[Role::Researcher], None);
        let s = steps(&researcher, &[listing(Kind::Expert, false)]);
        assert_eq!(s.iter().map(|s| s.kind).collect::<Vec<_>>(), [Kind::Expert, Kind::Lab, Kind::Offer]);
        assert!(s[0].done && !s[1].done && s[1].open && s[2].open, "{s:?}");
    }
}
