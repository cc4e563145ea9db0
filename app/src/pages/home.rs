//! The home page: what the portal is for, how much it holds, and what is new.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::catalog::api::home_overview;
use crate::catalog::components::CardGrid;
use crate::catalog::model::{Card, Kind};
use crate::i18n::use_lang;
use crate::notices::{portal_name, ErrorNotice};

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), move |_| home_overview(lang));
    let lead = lang.pick(
        "Nơi doanh nghiệp tìm phòng thí nghiệm, chuyên gia và công nghệ; nhà khoa học chào bán kết quả nghiên cứu; tỉnh đặt hàng nhiệm vụ và mở các thử nghiệm có kiểm soát.",
        "Where businesses find labs, experts and technologies; scientists offer their results for transfer; and the province publishes calls for proposals and sandbox pilots.",
    );
    // Where deleting an account lands.
    let deleted =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("account")).as_deref() == Some("deleted");
    let deleted = deleted.then(|| {
        view! {
            <p class="form-done" role="status">
                {lang.pick("Tài khoản của bạn đã được xoá. Cảm ơn bạn đã tham gia.", "Your account was deleted. Thank you for taking part.")}
            </p>
        }
    });
    view! {
        <Title text=portal_name(lang)/>
        <Meta name="description" content=lead/>
        {deleted}
        <section class="hero">
            <h1>{portal_name(lang)}</h1>
            <p class="lead">{lead}</p>
            <form class="hero-search" method="get" action="/search" role="search">
                <label for="home-q">{lang.pick("Bạn đang tìm gì?", "What are you looking for?")}</label>
                <div class="search-row">
                    <input id="home-q" type="search" name="q" placeholder=lang.pick("ví dụ: nuôi tôm hùm, vắc xin, điện mặt trời", "e.g. lobster farming, vaccines, solar power")/>
                    <button type="submit">{lang.pick("Tìm kiếm", "Search")}</button>
                </div>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{lang.pick("Đang tải…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! {
                        <Counts counts=o.counts/>
                        <Newest heading=lang.pick("Kêu gọi đề xuất đang mở", "Open calls for proposals") kind=Kind::Call cards=o.calls/>
                        <Newest heading=lang.pick("Công nghệ mới chào bán", "New technology offers") kind=Kind::Offer cards=o.offers/>
                        <Newest heading=lang.pick("Thử nghiệm đang nhận hồ sơ", "Pilots accepting applications") kind=Kind::Pilot cards=o.pilots/>
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A tile per kind with how many records it has.
#[component]
fn Counts(counts: Vec<(Kind, u64)>) -> impl IntoView {
    let lang = use_lang();
    let tiles = counts
        .into_iter()
        .map(|(kind, n)| {
            view! {
                <li>
                    <a class="count-tile" href=kind.path()>
                        <span class="count">{n}</span>
                        <span class="count-label">{kind.plural(lang)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="counts-heading">
            <h2 id="counts-heading" class="visually-hidden">{lang.pick("Số liệu", "In numbers")}</h2>
            <ul class="counts">{tiles}</ul>
            <p class="counts-more">
                <a href="/dashboard">{lang.pick("Bảng theo dõi và chỉ tiêu 2030 →", "Dashboard and 2030 targets →")}</a>
            </p>
        </section>
    }
}

#[component]
fn Newest(heading: &'static str, kind: Kind, cards: Vec<Card>) -> impl IntoView {
    let lang = use_lang();
    (!cards.is_empty()).then(|| {
        view! {
            <section class="home-section">
                <div class="section-head">
                    <h2>{heading}</h2>
                    <a href=kind.path()>{lang.pick("Xem tất cả →", "See all →")}</a>
                </div>
                <CardGrid cards=cards/>
            </section>
        }
    })
}
