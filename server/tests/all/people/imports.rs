//! `/admin/import`: an officer's file is tried line by line, nothing stored, until the officer
//! confirms; then its good lines are stored once, in one transaction. Nobody else sees the file
//! or stores it.

use super::documents::{multipart, post_file_form, BOUNDARY};
use super::*;

/// Sends `content` named `name` from the import page as `cookie`: the status and where the
/// browser goes.
async fn send_file(w: &World, cookie: &str, name: &str, content: &[u8]) -> (StatusCode, String) {
    let body = multipart(&[("__at", "import")], name, content, "text/plain");
    post_file_form(w, "/admin/import/file", "/admin/import", cookie, body).await
}

/// The portal's own line for organization `id`, from its export.
async fn exported(w: &World, id: &str) -> Value {
    let (_, _, export) = send(&w.state, Method::GET, "/api/export.jsonl", &[], String::new()).await;
    let line = export.lines().find(|l| l.contains(&format!("\"id\":\"{id}\""))).unwrap();
    serde_json::from_str(line).unwrap()
}

async fn organization(w: &World, id: &str) -> (StatusCode, Value) {
    let (status, _, body) = send(&w.state, Method::GET, &format!("/api/organization/{id}"), &[], String::new()).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_file_is_tried_then_stored_once_by_the_officer_who_sent_it() {
    let w = world(false).await;
    let same = exported(&w, "ria3").await;
    let mut renamed = exported(&w, "so-khcn").await;
    renamed["name"] = "Sở Khoa học và Công nghệ Khánh Hòa (tên mới)".into();
    let mut new = same.clone();
    new["id"] = "vien-moi".into();
    let file = format!("{same}\n{renamed}\n{new}\n{{\"kind\":\"organization\"\n\n");

    let (status, to) = send_file(&w, &w.officer.cookie, "to-chuc.jsonl", file.as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let token = to.strip_prefix("/admin/import?file=").unwrap_or_else(|| panic!("{to}")).to_string();
    let (status, _, body) = call(&w.state, "import_draft", &w.officer.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let draft: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(draft["verdicts"]["counts"], serde_json::json!([1, 1, 1, 1]), "new, updated, unchanged, rejected");
    let lines: Vec<(u64, &str)> = draft["verdicts"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["line"].as_u64().unwrap(), l["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(lines, [(2, "Updated"), (3, "New"), (4, "Rejected")], "unchanged lines are only counted");
    assert_eq!((draft["file_name"].as_str(), draft["stored"].as_bool()), (Some("to-chuc.jsonl"), Some(false)));
    // Tried, not stored.
    assert_eq!(organization(&w, "vien-moi").await.0, StatusCode::NOT_FOUND);
    assert_ne!(organization(&w, "so-khcn").await.1["name"], renamed["name"]);
    // The page shows the verdicts, in the officer's language.
    let (_, _, page) = send(&w.state, Method::GET, &to, &[("cookie", w.officer.cookie.as_str())], String::new()).await;
    assert!(page.contains("to-chuc.jsonl") && page.contains("Lưu 2 hồ sơ") && page.contains("vien-moi"), "{page}");
    assert!(page.contains("Không phải một dòng JSON hợp lệ"), "the reason, in Vietnamese: {page}");

    // Nobody else reads or stores it: another officer does not find it, a member may not.
    for (who, expected) in [(&w.admin, StatusCode::NOT_FOUND), (&w.member, StatusCode::FORBIDDEN)] {
        for endpoint in ["import_draft", "store_import"] {
            let (status, _, body) = call(&w.state, endpoint, &who.cookie, &[("token", &token)]).await;
            assert_eq!(status, expected, "{endpoint} as {}: {body}", who.name);
        }
    }
    assert_eq!(organization(&w, "vien-moi").await.0, StatusCode::NOT_FOUND);

    let (status, _, body) = call(&w.state, "store_import", &w.officer.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let stored: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stored["counts"], serde_json::json!([1, 1, 1, 1]));
    assert_eq!(organization(&w, "vien-moi").await.0, StatusCode::OK);
    assert_eq!(organization(&w, "so-khcn").await.1["name"], renamed["name"]);
    // Once: a second try (a replayed form) is refused, and says why.
    let (status, _, body) = call(&w.state, "store_import", &w.officer.cookie, &[("token", &token)]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (_, _, body) = call(&w.state, "import_draft", &w.officer.cookie, &[("token", &token)]).await;
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["stored"], true);
    let (_, _, log) = call(&w.state, "read_audit_log", &w.admin.cookie, &[]).await;
    assert!(log.contains("import_records") && log.contains("1 new, 1 updated, 1 unchanged, 1 rejected"), "{log}");
}

#[tokio::test]
async fn a_file_refused_whole_goes_back_to_the_form_with_why() {
    let w = world(false).await;
    let refusals: [(&Person, &str, &[u8], &str); 4] = [
        (&w.member, "a.jsonl", b"{}", "không có quyền"),
        (&w.officer, "a.csv", b"\xff\xfe\x00a", "UTF-8"),
        (&w.officer, "a.csv", "tên,màu\nA,B\n".as_bytes(), "Dòng 1: các cột không khớp với danh sách nào"),
        (&w.officer, "a.jsonl", b"\n\n", "không có dòng dữ liệu"),
    ];
    for (who, name, content, why) in refusals {
        let (status, to) = send_file(&w, &who.cookie, name, content).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(to.starts_with("/admin/import?__path=") && to.contains("__err="), "{name}: {to}");
        let (_, _, page) = send(&w.state, Method::GET, &to, &[("cookie", who.cookie.as_str())], String::new()).await;
        let said = page.split("id=\"import\"").nth(1).unwrap_or_default();
        assert!(said.contains(why) || page.contains(why), "{name}: {why} not said");
    }
    let (status, to) = send_file(&w, "", "a.jsonl", b"{}").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{to}");
    // From another site, even with the officer's cookie: refused before anything is read.
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let headers = [
        ("content-type", content_type.as_str()),
        ("origin", "https://evil.example"),
        ("cookie", w.officer.cookie.as_str()),
    ];
    let body = multipart(&[], "a.jsonl", b"{}", "text/plain");
    let (status, _, _) = common::send_bytes(&w.state, Method::POST, "/admin/import/file", &headers, body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Checking a file only reads: it runs while another writer holds SQLite's write lock (an
/// officer's big file never makes someone else's "save" wait or fail), and its verdicts are
/// what storing the file then does.
#[tokio::test]
async fn a_check_reads_only_and_foretells_the_import() {
    use app::catalog::import::{import_lines, try_lines, Line};
    let dir = tempfile::tempdir().unwrap();
    let db = app::db::connect(&format!("sqlite://{}", dir.path().join("portal.db").display())).await.unwrap();
    app::catalog::import::import_text(&db, common::SMALL, &|_, _| {}).await.unwrap();
    let mut lines: Vec<Value> = common::SMALL.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    lines[1]["name"] = "Viện Nuôi trồng Thủy sản III (tên mới)".into();
    let mut new = lines[2].clone();
    new["id"] = "vien-moi".into();
    let mut orphan = lines[0].clone();
    orphan["id"] = "lab-moi".into();
    orphan["organization"] = "vien-khong-co".into();
    let file: Vec<Line> = lines
        .iter()
        .chain([&new, &orphan])
        .map(Value::to_string)
        .chain(["{\"kind\":\"lab\"".to_string()])
        .enumerate()
        .map(|(i, line)| (i + 1, Ok(line)))
        .collect();

    let mut writer = db.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut *writer).await.unwrap();
    let checked = tokio::time::timeout(std::time::Duration::from_secs(3), try_lines(&db, file.clone()))
        .await
        .expect("the check waited for another writer")
        .unwrap();
    sqlx::query("ROLLBACK").execute(&mut *writer).await.unwrap();
    drop(writer);
    assert_eq!((checked.inserted, checked.updated, checked.unchanged, checked.rejected.len()), (1, 1, 8, 2));

    let stored = import_lines(&db, file, &|_, _| {}).await.unwrap();
    assert_eq!(checked, stored);
}
