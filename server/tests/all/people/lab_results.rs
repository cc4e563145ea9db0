//! The results of a lab service: the lab sends one PDF while it works; both sides download it,
//! nobody else; anything else is refused with a reason and changes nothing.

use super::documents::{multipart, PDF};
use super::lab_services::quoted_world;
use super::*;

/// Sends `content` as `name` for request `id`'s results, as `cookie`, from the request's page;
/// the answer's status and where it sends the browser.
pub(super) async fn send_results(
    w: &World,
    cookie: &str,
    id: &str,
    name: &str,
    content: &[u8],
) -> (StatusCode, String) {
    let body = multipart(&[("id", id), ("__at", "results")], name, content, "application/pdf");
    super::documents::post_file_form(w, "/requests/results", &format!("/requests/{id}"), cookie, body).await
}

/// `GET /requests/{id}/results` as `who`: status, headers, body.
async fn get_results(w: &World, who: &Person, id: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let headers: Vec<(&str, &str)> = if who.cookie.is_empty() { vec![] } else { vec![("cookie", who.cookie.as_str())] };
    send(&w.state, Method::GET, &format!("/requests/{id}/results"), &headers, String::new()).await
}

/// The page a refused upload came back to, as `who` sees it.
async fn said(w: &World, who: &Person, location: &str) -> String {
    assert!(location.contains("__err="), "{location}");
    page(&w.state, location.split('#').next().unwrap(), &who.cookie).await
}

#[tokio::test]
async fn the_lab_sends_a_pdf_of_results_that_only_both_sides_download() {
    let w = quoted_world(false).await;
    let id = w.service_request.clone();
    let (status, _, body) =
        call(&w.state, "answer_quote", &w.member.cookie, &[("id", &id), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Not before the analysis starts, not by the business, not a file that is no PDF.
    let (_, early) = send_results(&w, &w.researcher.cookie, &id, "ket-qua.pdf", PDF).await;
    assert!(said(&w, &w.researcher, &early).await.contains("Chỉ gửi kết quả khi mẫu đang được phân tích"));
    for step in ["received", "in_analysis"] {
        let (status, _, body) =
            call(&w.state, "advance_service_request", &w.researcher.cookie, &[("id", &id), ("to", step)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (_, theirs) = send_results(&w, &w.member.cookie, &id, "ket-qua.pdf", PDF).await;
    assert!(said(&w, &w.member, &theirs).await.contains("Tài khoản của bạn không có quyền làm việc này."));
    let (_, fake) = send_results(&w, &w.researcher.cookie, &id, "ket-qua.pdf", b"<html>not a pdf</html>").await;
    assert!(fake.contains("__err="), "{fake}");
    let refused = page(&w.state, fake.split('#').next().unwrap(), &w.researcher.cookie).await;
    assert!(refused.contains("Kết quả cần là tệp PDF"), "the reason is on the page it comes back to");
    let big = [PDF, &vec![b' '; 11 * 1024 * 1024]].concat();
    let (_, too_big) = send_results(&w, &w.researcher.cookie, &id, "lon.pdf", &big).await;
    assert!(said(&w, &w.researcher, &too_big).await.contains("Tệp lớn hơn 10 MB"));
    let (status, _, body) =
        call(&w.state, "advance_service_request", &w.researcher.cookie, &[("id", &id), ("to", "ready")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "no results reported ready without their file: {body}");
    let (status, _, _) = get_results(&w, &w.member, &id).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing was kept");

    // The lab's PDF: sent, told, downloaded by both sides; a stranger finds nothing.
    let (status, done) = send_results(&w, &w.researcher.cookie, &id, "Kết quả YC.pdf", PDF).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(done.contains("__done=") && done.ends_with("#results"), "{done}");
    assert!(inbox(&w.state, &w.member).await[0].contains("sent the results file"));
    for who in [&w.member, &w.researcher] {
        let (status, headers, body) = get_results(&w, who, &id).await;
        assert_eq!(status, StatusCode::OK, "{}", who.name);
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment;"));
        assert_eq!(body.as_bytes(), PDF);
    }
    for who in [&w.colleague, &w.other_member, &w.officer, &w.anonymous] {
        let (status, _, _) = get_results(&w, who, &id).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", who.name);
    }
    // A newer file replaces it; then the results are reported ready.
    let (status, _) = send_results(&w, &w.researcher.cookie, &id, "Kết quả lần 2.pdf", PDF).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = page(&w.state, &format!("/requests/{id}"), &w.member.cookie).await;
    assert!(page.contains(&format!("/requests/{id}/results")) && page.contains("Kết quả lần 2.pdf"), "{page}");
    assert!(!page.contains("Kết quả YC.pdf"), "one results file");
    let (_, headers, _) = get_results(&w, &w.member, &id).await;
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .ends_with("UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3%20l%E1%BA%A7n%202.pdf"));
    let (status, _, body) =
        call(&w.state, "advance_service_request", &w.researcher.cookie, &[("id", &id), ("to", "ready")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
