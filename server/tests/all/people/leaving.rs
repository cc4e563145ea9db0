//! Deleting one's own account: the password and a tick asked once more; what identifies the
//! person goes, what others keep of their work stays.

use super::*;

/// Signs the world's member in with a password of their own; their new session's cookie.
pub(super) async fn with_password(w: &World, password: &str) -> (i64, String) {
    let db = &w.state.db;
    let (id, _) = repo::credentials(db, "member@example.vn").await.unwrap().unwrap();
    let hash = app::accounts::secret::hash_password(password.to_string()).await.unwrap();
    repo::set_password(db, id, &hash).await.unwrap();
    let (status, headers, body) =
        call(&w.state, "sign_in", "", &[("email", "member@example.vn"), ("password", password)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (id, headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string())
}

async fn count(w: &World, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(&w.state.db).await.unwrap()
}

#[tokio::test]
async fn a_person_deletes_their_account_and_what_others_keep_stays() {
    let w = world(false).await;
    let password = "một mật khẩu dài";
    let (id, cookie) = with_password(&w, password).await;
    let member = Person { name: "member", cookie: cookie.clone() };
    let (status, _, body) = call(&w.state, "invite_colleague", &cookie, &[("email", "ban@example.vn")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = save_as(&w.state, &member, "need", "draft", NEED).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(count(&w, "SELECT COUNT(*) FROM listings WHERE owner = $1", id).await, 2, "a need and a draft");

    // The account page offers it, with the download first; staff are told what comes first.
    let (_, _, page) = send(&w.state, Method::GET, "/account", &[("cookie", cookie.as_str())], String::new()).await;
    let part = page.split("id=\"delete\"").nth(1).expect("the delete part");
    assert!(part.contains("/fn/export_my_data") && part.contains("name=\"confirm_password\""), "{part}");
    let (_, _, page) =
        send(&w.state, Method::GET, "/account", &[("cookie", w.officer.cookie.as_str())], String::new()).await;
    let part = page.split("id=\"delete\"").nth(1).expect("the delete part");
    assert!(!part.contains("confirm_password") && part.contains("gỡ vai trò"), "{part}");

    // Without the tick, or with a wrong password, nothing happens.
    for (params, field) in [
        (vec![("confirm_password", password)], "understood"),
        (vec![("confirm_password", "đoán bừa"), ("understood", "yes")], "confirm_password"),
    ] {
        let (status, _, body) = call(&w.state, "delete_account", &cookie, &params).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains(field), "{body}");
    }
    let (_, _, viewer) = call(&w.state, "get_viewer", &cookie, &[]).await;
    assert!(viewer.contains("member@example.vn"), "still signed in: {viewer}");

    let (status, headers, body) =
        call(&w.state, "delete_account", &cookie, &[("confirm_password", password), ("understood", "yes")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(location(&headers), "/?account=deleted");
    let (_, _, home) = send(&w.state, Method::GET, "/?account=deleted", &[], String::new()).await;
    assert!(home.contains("Tài khoản của bạn đã được xoá"), "the home page says so");

    // Signed out everywhere, and the address and password open nothing.
    for session in [&cookie, &w.member.cookie] {
        let (_, _, viewer) = call(&w.state, "get_viewer", session, &[]).await;
        assert!(viewer.contains("\"user\":null"), "{viewer}");
    }
    let (status, _, _) = call(&w.state, "sign_in", "", &[("email", "member@example.vn"), ("password", password)]).await;
    assert_ne!(status, StatusCode::OK);
    let name: String = sqlx::query_scalar("SELECT name || ' ' || email FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&w.state.db)
        .await
        .unwrap();
    assert!(!name.contains("member"), "nothing identifies the person: {name}");

    // Drafts, saved searches, inbox and roles are gone; the published need stays, unmanaged.
    assert_eq!(count(&w, "SELECT COUNT(*) FROM listings WHERE owner = $1", id).await, 0);
    assert_eq!(count(&w, "SELECT COUNT(*) FROM saved_searches WHERE user_id = $1", id).await, 0);
    assert_eq!(count(&w, "SELECT COUNT(*) FROM notifications WHERE user_id = $1", id).await, 0);
    assert_eq!(count(&w, "SELECT COUNT(*) FROM user_roles WHERE user_id = $1", id).await, 0);
    assert_eq!(count(&w, "SELECT COUNT(*) FROM invitations WHERE invited_by = $1", id).await, 0);
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM introductions WHERE requester = $1 AND status = 'requested'", id).await,
        0,
        "nobody is left waiting on a request nobody will read"
    );
    // Nothing reaches the account any more.
    let news = app::inbox::model::News { topic: "test", vi: "x".into(), en: "x".into(), link: "/".into() };
    app::inbox::repo::notify(&w.state.db, &[id], &news).await.unwrap();
    assert_eq!(count(&w, "SELECT COUNT(*) FROM notifications WHERE user_id = $1", id).await, 0);
    let (status, _, _) = send(&w.state, Method::GET, &format!("/needs/{}", w.need), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK, "the published need stays");
    let listed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM listings WHERE id = $1 AND owner IS NULL")
        .bind(&w.need)
        .fetch_one(&w.state.db)
        .await
        .unwrap();
    assert_eq!(listed, 1, "nobody manages it now");

    // The organization's application stays with the officers, its applicant a deleted account.
    let (_, _, body) =
        call(&w.state, "applications_for", &w.officer.cookie, &[("kind", "call"), ("id", &w.call)]).await;
    let applications: Value = serde_json::from_str(&body).unwrap();
    let application = applications
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(w.application.as_str()))
        .expect("the application stays");
    assert_eq!(application["applicant"], repo::DELETED_NAME);
    assert_eq!(application["organization"], "tom-hum-van-ninh");

    // The person is told; the audit log keeps the act, not the address.
    let mail = repo::outbox(&w.state.db, 1).await.unwrap().remove(0);
    assert!(mail.recipient == "member@example.vn" && mail.subject.contains("deleted"), "{mail:?}");
    let audit = repo::audit_log(&w.state.db, 50).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "delete_account" && e.target == format!("user:{id}")), "{audit:?}");
    assert!(audit.iter().any(|e| e.action == "invite_colleague"), "{audit:?}");
    assert!(!format!("{audit:?}").contains("member@example.vn"), "{audit:?}");

    // The address may sign up again.
    assert!(repo::create_user(&w.state.db, "member@example.vn", "Lan", "x", &[]).await.is_ok());
}
