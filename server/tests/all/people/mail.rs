//! News by mail: at once, in a morning summary, or never, as each person chose.

use app::inbox::model::News;

use super::*;

async fn id_of(state: &AppState, name: &str) -> i64 {
    app::accounts::repo::credentials(&state.db, &format!("{name}@example.vn")).await.unwrap().unwrap().0
}

/// The mails queued for `name` so far, newest first.
async fn mails_to(state: &AppState, name: &str) -> Vec<app::accounts::model::Mail> {
    let all = app::accounts::repo::outbox(&state.db, 500).await.unwrap();
    all.into_iter().filter(|m| m.recipient == format!("{name}@example.vn")).collect()
}

/// Runs the mail job as if it were `at` (UTC); answers how many mails it queued.
async fn send_at(state: &AppState, at: &str) -> usize {
    app::inbox::mail::send_news_at(&state.db, state.site.origin(), at.parse().unwrap()).await.unwrap()
}

async fn tell(state: &AppState, names: &[&str], text: &str) {
    let mut ids = Vec::new();
    for name in names {
        ids.push(id_of(state, name).await);
    }
    let news = News { topic: "test", vi: format!("{text} (vi)"), en: format!("{text} (en)"), link: "/mine".into() };
    app::inbox::repo::notify(&state.db, &ids, &news).await.unwrap();
}

#[tokio::test]
async fn news_goes_by_mail_at_once_each_morning_or_never_as_chosen() {
    let w = world(false).await;
    let origin = w.state.site.origin().to_string();
    // The member wants a morning summary (chosen on an English page); the other member no mail.
    let english = format!("{}; lang=en", w.member.cookie);
    let (status, _, body) = call(&w.state, "set_mail_news", &english, &[("mode", "daily")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = call(&w.state, "set_mail_news", &w.other_member.cookie, &[("mode", "never")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, mode) = call(&w.state, "mail_news", &w.member.cookie, &[]).await;
    assert_eq!(mode, "\"daily\"");
    let (status, _, _) = call(&w.state, "set_mail_news", &w.member.cookie, &[("mode", "sometimes")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The researcher never chose: the request to meet their lab reaches them by mail at once,
    // with a link, and once.
    assert!(send_at(&w.state, "2026-12-06T03:00:00Z").await >= 1);
    let mail = mails_to(&w.state, "researcher").await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(mail[0].body.contains("asked to meet") && mail[0].body.contains("Chào researcher"), "{}", mail[0].body);
    assert!(mail[0].body.contains(&format!("{origin}/mine#introductions")), "{}", mail[0].body);
    assert!(mails_to(&w.state, "member").await.is_empty(), "what came before choosing counts as told");
    assert_eq!(send_at(&w.state, "2026-12-06T03:01:00Z").await, 0, "nothing twice");

    // New news: the member's summary waits for 7:00 in Khánh Hòa, then goes once that day.
    tell(&w.state, &["member"], "First").await;
    tell(&w.state, &["member"], "Second").await;
    tell(&w.state, &["other"], "Never mailed").await;
    assert_eq!(send_at(&w.state, "2026-12-06T22:00:00Z").await, 0, "5:00 in Khánh Hòa");
    assert_eq!(send_at(&w.state, "2026-12-07T01:00:00Z").await, 1);
    let mail = mails_to(&w.state, "member").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, "2 new notices");
    assert!(mail[0].body.contains("- First (en)\n") && mail[0].body.contains("- Second (en)\n"), "{}", mail[0].body);
    assert!(!mail[0].body.contains("(vi)"), "in the language it was chosen in: {}", mail[0].body);
    tell(&w.state, &["member"], "Third").await;
    assert_eq!(send_at(&w.state, "2026-12-07T09:00:00Z").await, 0, "one summary a day");
    assert_eq!(send_at(&w.state, "2026-12-08T00:30:00Z").await, 1, "the next morning");
    assert!(mails_to(&w.state, "other").await.is_empty(), "never means never");
}
