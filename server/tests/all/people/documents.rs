//! Documents attached to an application: uploaded from the application's own form, told by
//! their content, served to the applicant and officers only, refused with a reason otherwise.

use axum::http::HeaderMap;

use super::*;

pub(super) const BOUNDARY: &str = "----khboundary7MA4YWxkTrZu0gW";

/// A multipart body as a browser sends the upload form.
fn upload_body(application: &str, document: &str, name: &str, content: &[u8]) -> Vec<u8> {
    upload_body_typed(application, document, name, content, "application/octet-stream")
}

/// `upload_body` with the file part claiming `part_type`.
fn upload_body_typed(application: &str, document: &str, name: &str, content: &[u8], part_type: &str) -> Vec<u8> {
    multipart(&[("id", application), ("document", document), ("__at", "apply")], name, content, part_type)
}

/// A multipart body of `fields` and a file part `name` claiming `part_type`.
pub(super) fn multipart(fields: &[(&str, &str)], name: &str, content: &[u8], part_type: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {part_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts the file form `body` to `path` as `cookie` from the page `from` (a path), as a browser
/// does: the answer's status and where it sends the browser.
pub(super) async fn post_file_form(
    w: &World,
    path: &str,
    from: &str,
    cookie: &str,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let referer = format!("{}{from}", common::ORIGIN);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let headers = [
        ("content-type", content_type.as_str()),
        ("accept", "text/html"),
        ("referer", referer.as_str()),
        ("origin", common::ORIGIN),
        ("cookie", cookie),
    ];
    let (status, headers, _) = common::send_bytes(&w.state, Method::POST, path, &headers, body).await;
    (status, location(&headers))
}

/// Uploads as `cookie` from the call's page; the answer's status and where it sends the browser.
async fn upload(w: &World, cookie: &str, body: Vec<u8>, origin: &str) -> (StatusCode, String) {
    let referer = format!("{}/calls/{}", common::ORIGIN, w.call);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let mut headers = vec![
        ("content-type", content_type.as_str()),
        ("accept", "text/html"),
        ("referer", referer.as_str()),
        ("origin", origin),
    ];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    let (status, headers, _) = common::send_bytes(&w.state, Method::POST, "/applications/files", &headers, body).await;
    let location = headers.get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location)
}

async fn files(w: &World) -> Vec<Value> {
    let (_, _, body) = call(&w.state, "my_applications", &w.member.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&body).unwrap();
    mine[0]["files"].as_array().unwrap().clone()
}

async fn download(w: &World, href: &str, cookie: &str) -> (StatusCode, HeaderMap, String) {
    let headers: Vec<(&str, &str)> = if cookie.is_empty() { vec![] } else { vec![("cookie", cookie)] };
    common::send(&w.state, Method::GET, href, &headers, String::new()).await
}

pub(super) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[tokio::test]
async fn a_document_is_attached_and_served_only_to_its_applicant_and_officers() {
    let w = world(false).await;
    let body = upload_body(&w.application, "Thuyết minh đề tài", "C:\\tài liệu\\Thuyết minh.pdf", PDF);
    let (status, location) = upload(&w, &w.member.cookie, body, common::ORIGIN).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with(&format!("/calls/{}?__done=", w.call)) && location.ends_with("#apply"), "{location}");
    // The page it comes back to says so, and lists the file under its checklist item.
    let (_, _, page) = download(&w, &location, &w.member.cookie).await;
    assert!(page.contains("Đã tải lên.") && page.contains("Thuyết minh.pdf"), "the page confirms the upload");
    let listed = files(&w).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0]["document"].as_str(), listed[0]["name"].as_str()),
        (Some("Thuyết minh đề tài"), Some("Thuyết minh.pdf"))
    );
    let href = listed[0]["href"].as_str().unwrap().to_string();
    // In English the checklist reads in English where the call translates it; the file stays
    // under its item.
    let english = format!("{}; lang=en", w.member.cookie);
    let (_, _, page) = download(&w, &format!("/calls/{}?lang=en", w.call), &english).await;
    let checklist = page.split("class=\"document-list\"").nth(1).expect("the application's documents");
    assert!(checklist.contains("Project description") && checklist.contains("Dự toán kinh phí"), "{checklist}");
    assert!(!checklist.contains("Thuyết minh đề tài<"), "{checklist}");

    for who in [&w.member, &w.officer] {
        let (status, headers, body) = download(&w, &href, &who.cookie).await;
        assert_eq!(status, StatusCode::OK, "{}", who.name);
        assert_eq!(headers["content-type"], "application/pdf");
        let disposition = headers["content-disposition"].to_str().unwrap();
        assert!(
            disposition == "attachment; filename=\"Thuyet minh.pdf\"; filename*=UTF-8''Thuy%E1%BA%BFt%20minh.pdf",
            "{disposition}"
        );
        assert_eq!(body.as_bytes(), PDF);
    }
    // To a browser accepting compression, pages are compressed but a PDF goes as stored (it
    // gains nothing from gzip).
    let gzip = [("cookie", w.member.cookie.as_str()), ("accept-encoding", "gzip, br")];
    let (_, headers, _) = common::send(&w.state, Method::GET, "/labs", &gzip, String::new()).await;
    assert!(headers.contains_key("content-encoding"), "pages are compressed");
    let (status, headers, body) = common::send(&w.state, Method::GET, &href, &gzip, String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key("content-encoding"), "{headers:?}");
    assert_eq!(body.as_bytes(), PDF);
    for who in [&w.colleague, &w.other_member, &w.researcher, &w.anonymous] {
        assert_eq!(download(&w, &href, &who.cookie).await.0, StatusCode::NOT_FOUND, "{}", who.name);
    }
    // Another application's number with this file's does not reach it.
    let elsewhere = href.replace(&format!("/applications/{}/", w.application), "/applications/999999/");
    assert_eq!(download(&w, &elsewhere, &w.officer.cookie).await.0, StatusCode::NOT_FOUND);

    // A workbook as Excel writes it answers the other item.
    let xlsx =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/fixtures/du-toan-kinh-phi.xlsx")).unwrap();
    let body = upload_body(&w.application, "Dự toán kinh phí", "du-toan-kinh-phi.xlsx", &xlsx);
    assert!(upload(&w, &w.member.cookie, body, common::ORIGIN).await.1.contains("__done="));
    let listed = files(&w).await;
    assert_eq!(listed.len(), 2);
    let (_, headers, _) = download(&w, listed[1]["href"].as_str().unwrap(), &w.officer.cookie).await;
    assert_eq!(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    // Removed by its applicant only.
    let file = listed[0]["id"].to_string();
    let params = [("id", w.application.as_str()), ("file", file.as_str())];
    assert_eq!(call(&w.state, "remove_application_file", &w.colleague.cookie, &params).await.0, StatusCode::FORBIDDEN);
    assert_eq!(call(&w.state, "remove_application_file", &w.member.cookie, &params).await.0, StatusCode::OK);
    assert_eq!(files(&w).await.len(), 1);
    assert_eq!(download(&w, &href, &w.member.cookie).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn what_is_not_a_document_of_the_application_is_refused_and_nothing_kept() {
    let w = world(false).await;
    // A page in disguise, an executable, an empty file, and more than 10 MB.
    let mut large = PDF.to_vec();
    large.resize(10 * 1024 * 1024 + 1, b' ');
    let refused: [(&str, Vec<u8>); 4] = [
        ("budget.pdf", b"<html><script>alert(1)</script></html>".to_vec()),
        ("setup.docx", b"MZ\x90\x00\x03\x00\x00\x00".to_vec()),
        ("empty.pdf", Vec::new()),
        ("large.pdf", large),
    ];
    for (name, content) in refused {
        let body = upload_body(&w.application, "", name, &content);
        let (status, location) = upload(&w, &w.member.cookie, body, common::ORIGIN).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{name}");
        assert!(location.contains("__err="), "{name}: {location}");
        let (_, _, page) = download(&w, &location, &w.member.cookie).await;
        assert!(page.contains("field-error"), "{name}: the page says why next to the file");
    }
    // A page whose part claims to be a PDF is still a page.
    let page = b"<html><script>alert(1)</script></html>";
    let body = upload_body_typed(&w.application, "", "budget.pdf", page, "application/pdf");
    assert!(upload(&w, &w.member.cookie, body, common::ORIGIN).await.1.contains("__err="), "the claim is not trusted");
    // An item the call does not ask for; someone else's application (a colleague's or an
    // officer's hand); no session; another site.
    let body = upload_body(&w.application, "Giấy phép kinh doanh", "gp.pdf", PDF);
    assert!(upload(&w, &w.member.cookie, body, common::ORIGIN).await.1.contains("__err="));
    let body = upload_body(&w.application, "", "x.pdf", PDF);
    assert!(upload(&w, &w.colleague.cookie, body.clone(), common::ORIGIN).await.1.contains("__err="));
    assert!(upload(&w, &w.officer.cookie, body.clone(), common::ORIGIN).await.1.contains("__err="));
    assert!(upload(&w, "", body.clone(), common::ORIGIN).await.0.is_redirection());
    assert_eq!(upload(&w, &w.member.cookie, body.clone(), "https://evil.example").await.0, StatusCode::FORBIDDEN);
    assert!(files(&w).await.is_empty(), "nothing was kept");

    // Once withdrawn, the application takes no more.
    let id = [("id", w.application.as_str())];
    assert_eq!(call(&w.state, "withdraw_application", &w.member.cookie, &id).await.0, StatusCode::OK);
    assert!(upload(&w, &w.member.cookie, body, common::ORIGIN).await.1.contains("__err="));
    assert!(files(&w).await.is_empty());
}

#[tokio::test]
async fn a_file_from_someone_signed_out_is_turned_away_before_it_is_read() {
    use futures::StreamExt;
    let w = world(false).await;
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let headers = [("content-type", content_type.as_str()), ("accept", "text/html"), ("origin", common::ORIGIN)];
    for path in ["/applications/files", "/requests/results"] {
        // A body whose file never ends: only a server that does not read it answers.
        let start = upload_body(&w.application, "", "x.pdf", PDF)[..200].to_vec();
        let endless = futures::stream::iter([Ok::<_, std::io::Error>(start)]).chain(futures::stream::pending());
        let body = axum::body::Body::from_stream(endless);
        let sent = common::send_from(&w.state, common::PEER, Method::POST, path, &headers, body);
        let (status, _, _) =
            tokio::time::timeout(std::time::Duration::from_secs(20), sent).await.expect("answered before reading");
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}: sent back to sign in");
    }
}
