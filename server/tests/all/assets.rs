//! The script, wasm and stylesheet: precompressed copies are served as they are, and names
//! with a content hash are cached for a year (only when found).

use crate::common;

use crate::common::{send, small_state};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_served_precompressed() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("kh-innovation.0123456789abcdef.wasm"), b"raw wasm").unwrap();
    std::fs::write(pkg.join("kh-innovation.0123456789abcdef.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("kh-innovation.css"), b"body{}").unwrap();
    let mut state = small_state().await;
    state.leptos_options = leptos::prelude::LeptosOptions::builder()
        .output_name("kh-innovation")
        .site_root(site.path().to_string_lossy().to_string())
        .build();

    let (status, headers, body) = send(
        &state,
        Method::GET,
        "/pkg/kh-innovation.0123456789abcdef.wasm",
        &[("accept-encoding", "br, gzip")],
        String::new(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(body, "brotli bytes", "the stored copy, not compressed again");
    assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");

    let (_, headers, body) =
        send(&state, Method::GET, "/pkg/kh-innovation.0123456789abcdef.wasm", &[], String::new()).await;
    assert_eq!((body.as_str(), headers.get("content-encoding")), ("raw wasm", None));

    let (status, headers, _) = send(&state, Method::GET, "/pkg/kh-innovation.css", &[], String::new()).await;
    assert_eq!(
        (status, headers["cache-control"].to_str().unwrap()),
        (StatusCode::OK, "no-cache"),
        "unhashed names are checked every time"
    );

    let (status, headers, _) =
        send(&state, Method::GET, "/pkg/kh-innovation.fedcba9876543210.wasm", &[], String::new()).await;
    assert_eq!(
        (status, headers["cache-control"].to_str().unwrap()),
        (StatusCode::NOT_FOUND, "no-cache"),
        "a miss is never cached"
    );
}

/// Pages are server-rendered HTML with islands: only the search box and the filters hydrate
/// (forms post without browser code), and the page's own data (a record, the dashboard's
/// charts) is not sent a second time for hydration.
#[tokio::test]
async fn pages_send_their_data_once_and_only_islands_hydrate() {
    let state = common::demo_state().await;
    let (_, _, labs) = send(&state, Method::GET, "/labs", &[], String::new()).await;
    let href = labs.split("href=\"/labs/").nth(1).and_then(|rest| rest.split('"').next()).expect("a lab on the list");
    let (status, _, page) = send(&state, Method::GET, &format!("/labs/{href}"), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let islands = |page: &str| -> Vec<String> {
        page.split("<leptos-island data-component=\"")
            .skip(1)
            .filter_map(|rest| rest.split(['"', '_']).next())
            .map(str::to_string)
            .collect()
    };
    let shared = ["SearchBox", "AutoSubmit", "LangSwitch"];
    assert!(islands(&page).iter().all(|name| shared.contains(&name.as_str())), "{:?}", islands(&page));
    assert!(page.contains("hydrateIslands"), "the islands loader is on the page");
    let (_, _, search) = send(&state, Method::GET, "/search?q=t%C3%B4m", &[], String::new()).await;
    assert_eq!(
        islands(&search),
        ["LangSwitch", "LangSwitch", "SearchBox", "AutoSubmit"],
        "the language switch (desktop and phone menu) carries forms, the search box suggests, the filters apply at once"
    );
    assert!(!page.contains("__RESOLVED_RESOURCES[0]"), "the record is not sent again as hydration data");

    let (_, _, dashboard) = send(&state, Method::GET, "/dashboard", &[], String::new()).await;
    assert!(dashboard.matches("<svg").count() >= 4, "charts drawn on the server");
    assert!(!dashboard.contains("__RESOLVED_RESOURCES[0]"), "an anonymous visitor's dashboard hydrates no data");
}
