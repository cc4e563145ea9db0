//! Matches on a need's page, "what this could serve" on offer, lab, expert and call pages,
//! and the "find partners" page where anyone describes a need.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::catalog::components::{AutoSubmit, Badges, TrlSelect};
use crate::catalog::model::Kind;
use crate::i18n::use_lang;
use crate::introductions::model::{attachable, heading};
use crate::matching::api::find_partners;
use crate::matching::model::{Match, MatchRequest};
use crate::notices::{ErrorNotice, PageHead};
use crate::vocab::{PartnerType, Sector};

/// One match with its reasons; from a stored record (`about`), a way to ask its match.
#[component]
fn MatchCard(m: Match, about: Option<(Kind, String)>) -> impl IntoView {
    let lang = use_lang();
    let reasons = m.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view();
    // What goes along is the record the matches are for (its owner's, or the request says no).
    let introduce = about.filter(|(kind, _)| attachable(m.kind).contains(kind)).map(|(kind, id)| {
        let href = format!("{}?with={}/{id}#introduce", m.href(), kind.code());
        view! { <a class="card-action" href=href>{heading(m.kind, lang)}</a> }
    });
    view! {
        <li class="card match">
            <h4 class="card-title"><a href=m.href()>{m.title.clone()}</a></h4>
            {m.subtitle.clone().map(|s| view! { <p class="card-sub">{s}</p> })}
            <p class=format!("strength strength-{}", m.strength.code())>{m.strength.label(lang)}</p>
            <ul class="reasons" aria-label=lang.pick("Lý do gợi ý", "Why suggested")>{reasons}</ul>
            <Badges badges=m.badges/>
            {introduce}
        </li>
    }
}

/// Matches (best first) grouped by kind, the group with the best match first; `about` is the
/// stored record they are for, when the viewer may ask its matches.
#[component]
pub fn MatchGroups(matches: Vec<Match>, about: Option<(Kind, String)>) -> impl IntoView {
    let lang = use_lang();
    if matches.is_empty() {
        return view! { <p class="empty">{lang.pick("Chưa tìm thấy đối tác phù hợp.", "No suitable partner found yet.")}</p> }.into_any();
    }
    let mut kinds: Vec<Kind> = Vec::new();
    for m in &matches {
        if !kinds.contains(&m.kind) {
            kinds.push(m.kind);
        }
    }
    let groups = kinds
        .into_iter()
        .map(|kind| {
            let cards: Vec<Match> = matches.iter().filter(|m| m.kind == kind).cloned().collect();
            let items = cards.into_iter().map(|m| view! { <MatchCard m=m about=about.clone()/> }).collect_view();
            view! { <section class="match-group"><h3 class="group-title">{kind.plural(lang)}</h3><ul class="cards">{items}</ul></section> }
        })
        .collect_view();
    view! { <div class="match-groups">{groups}</div> }.into_any()
}

/// On a record's page: partners for a need, or what an offer, lab, expert or call could serve;
/// `own`: the viewer speaks for the record, and may ask its matches to meet.
#[component]
pub fn RecordMatches(
    kind: Kind,
    id: String,
    own: bool,
    matches: Result<Vec<Match>, crate::error::AppError>,
) -> impl IntoView {
    let lang = use_lang();
    let heading = match kind {
        Kind::Need => lang.pick("Đối tác phù hợp", "Suggested partners"),
        Kind::Call => lang.pick("Tổ chức đủ điều kiện có hồ sơ phù hợp", "Eligible organizations that fit"),
        _ => lang.pick("Nhu cầu có thể đáp ứng", "Needs it could answer"),
    };
    // Those who speak for the record ask its matches, bringing it along.
    let about = own.then_some((kind, id));
    let body = match matches {
        Ok(matches) => view! { <MatchGroups matches=matches about/> }.into_any(),
        Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
    };
    view! {
        <section class="related matches" aria-labelledby="matches-heading">
            <h2 id="matches-heading">{heading}</h2>
            {body}
        </section>
    }
}

/// Reads the find-partners form from the URL.
fn request_from(query: &leptos_router::params::ParamsMap) -> MatchRequest {
    let all = |k: &str| query.get_all(k).unwrap_or_default();
    MatchRequest {
        title: query.get("title").unwrap_or_default().chars().take(300).collect(),
        description: query.get("description").unwrap_or_default().chars().take(5000).collect(),
        sectors: all("sector").iter().filter_map(|c| Sector::from_code(c)).collect(),
        partner_types: all("looking_for").iter().filter_map(|c| PartnerType::from_code(c)).collect(),
        trl_min: query.get("trl_min").and_then(|t| t.parse().ok()).filter(|t| (1..=9).contains(t)),
        limit: Some(12),
    }
}

/// `/match`: describe a need in your own words and see partners at once.
#[component]
pub fn FindPartnersPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let request = Memo::new(move |_| request_from(&query.get()));
    let results = Resource::new(
        move || request.get(),
        move |r| async move {
            if r.validate().is_ok() {
                find_partners(r, lang).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    let title = lang.pick("Tìm đối tác", "Find partners");
    let initial = request.get_untracked();
    let checked = |t: PartnerType| initial.partner_types.contains(&t);
    let types = PartnerType::ALL
        .iter()
        .map(|t| {
            let id = format!("looking-{}", t.code());
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="looking_for" value=t.code() checked=checked(*t)/>
                    <label for=id>{t.label(lang)}</label>
                </li>
            }
        })
        .collect_view();
    let sector_options = Sector::ALL
        .iter()
        .map(|s| view! { <option value=s.code() selected=initial.sectors.contains(s)>{s.label(lang)}</option> })
        .collect_view();
    view! {
        <PageHead title=title lead=lang.pick(
                "Mô tả vấn đề hoặc nhu cầu công nghệ của bạn; cổng gợi ý phòng thí nghiệm, chuyên gia, công nghệ, thử nghiệm và nguồn tài trợ phù hợp, kèm lý do.",
                "Describe your problem or technology need; the portal suggests labs, experts, technologies, pilots and funding that fit, and says why.",
            )/>
        <div class="list-layout">
            <aside class="list-filters">
                <AutoSubmit>
                // On a phone the results are below the form: the answer opens on them.
                <form method="get" action="/match#partners">
                    <div class="filters need-form">
                        <div class="filter">
                            <label for="need-title">{lang.pick("Nhu cầu của bạn", "Your need")}</label>
                            <input id="need-title" type="text" name="title" value=initial.title.clone() maxlength="300"
                                placeholder=lang.pick("ví dụ: tôm hùm chết hàng loạt", "e.g. lobsters dying in cages")/>
                        </div>
                        <div class="filter">
                            <label for="need-description">{lang.pick("Mô tả thêm", "More detail")}</label>
                            <textarea id="need-description" name="description" rows="5" maxlength="5000">{initial.description.clone()}</textarea>
                        </div>
                        <fieldset class="facet">
                            <legend>{lang.pick("Bạn đang tìm", "Looking for")}</legend>
                            <ul class="checks">{types}</ul>
                        </fieldset>
                        <div class="filter">
                            <label for="need-sector">{lang.pick("Lĩnh vực", "Sector")}</label>
                            <select id="need-sector" name="sector">
                                <option value="">{lang.pick("Bất kỳ", "Any")}</option>
                                {sector_options}
                            </select>
                        </div>
                        <TrlSelect id="need-trl" name="trl_min" label=lang.pick("Mức sẵn sàng công nghệ tối thiểu", "Minimum technology readiness") chosen=initial.trl_min/>
                        <div class="need-actions">
                            <button type="submit">{lang.pick("Tìm đối tác", "Find partners")}</button>
                        </div>
                    </div>
                </form>
                </AutoSubmit>
            </aside>
            <section class="list-results" id="partners" aria-live="polite" aria-labelledby="partners-heading">
                <h2 class="result-count" id="partners-heading">{lang.pick("Đối tác gợi ý", "Suggested partners")}</h2>
                <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tìm đối tác…", "Finding partners…")}</p> }>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(Some(matches)) => view! { <MatchGroups matches=matches about=None/> }.into_any(),
                            Ok(None) => view! { <p class="hint">{lang.pick("Hãy mô tả nhu cầu để xem gợi ý.", "Describe a need to see suggestions.")}</p> }.into_any(),
                            Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
