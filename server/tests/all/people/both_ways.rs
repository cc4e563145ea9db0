//! Introductions the other way: a lab's owner proposes it to a need, anyone writes to an
//! organization; each brings along only what is theirs, and a record's page says where the
//! viewer's request stands.

use super::*;

const MESSAGE: (&str, &str) = ("message", "Phòng chúng tôi hiệu chuẩn cảm biến oxy hòa tan cho lồng nuôi.");

#[tokio::test]
async fn a_lab_owner_proposes_their_lab_to_a_need_and_the_business_accepts() {
    let w = world(false).await;
    // From the lab's page, its matches link to the need's form with the lab chosen.
    let lab_page = page(&w.state, &format!("/labs/{}", w.lab), &w.researcher.cookie).await;
    let link = format!("/needs/{}?with=lab/{}#introduce", w.need, w.lab);
    assert!(lab_page.contains(&link), "the lab's page proposes it to the need it matches");
    let need_page = page(&w.state, &format!("/needs/{}?with=lab/{}", w.need, w.lab), &w.researcher.cookie).await;
    assert!(need_page.contains("Đề xuất đáp ứng nhu cầu này"), "the need's page offers to propose");
    assert!(
        need_page.contains(&format!("<option value=\"lab/{}\" selected", w.lab)),
        "with the lab chosen: {need_page}"
    );
    assert!(need_page.contains("người quản lý hồ sơ này"), "the form says who answers");

    let with = format!("lab/{}", w.lab);
    let (status, _, body) = call(
        &w.state,
        "request_introduction",
        &w.researcher.cookie,
        &[("kind", "need"), ("id", &w.need), ("with", &with), MESSAGE],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let news = inbox(&w.state, &w.member).await;
    assert!(
        news.iter().any(|t| t.contains("offered to answer the need Cảm biến oxy hòa tan")),
        "the need's owner is told: {news:?}"
    );
    // The need's page now says where the request stands, and when the answer is due.
    let need_page = page(&w.state, &format!("/needs/{}", w.need), &w.researcher.cookie).await;
    assert!(need_page.contains("Bạn đã gửi đề nghị") && need_page.contains("Đang chờ trả lời"));
    assert!(need_page.contains("trả lời dự kiến trước") && !need_page.contains("name=\"message\""));

    // The business sees what was proposed, and accepts.
    let (_, _, mine) = call(&w.state, "my_introductions", &w.member.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&mine).unwrap();
    let proposal = mine.as_array().unwrap().iter().find(|i| i["target_kind"] == "need").expect("the proposal");
    assert_eq!(proposal["with"]["kind"], "lab");
    assert_eq!(proposal["with"]["title"], "Phòng cảm biến môi trường nước");
    assert_eq!(proposal["sent"], false);
    let id = proposal["id"].to_string();
    let (status, _, body) =
        call(&w.state, "answer_introduction", &w.member.cookie, &[("id", &id), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, theirs) = call(&w.state, "my_introductions", &w.researcher.cookie, &[]).await;
    let theirs: Value = serde_json::from_str(&theirs).unwrap();
    let sent = theirs.as_array().unwrap().iter().find(|i| i["sent"] == true).expect("the researcher's request");
    assert_eq!(sent["contacts"], serde_json::json!(["researcher@example.vn", "member@example.vn"]));
    let need_page = page(&w.state, &format!("/needs/{}", w.need), &w.researcher.cookie).await;
    assert!(need_page.contains("Đã nhận lời"), "the page says it was accepted");
    let mine = page(&w.state, "/mine", &w.researcher.cookie).await;
    assert!(mine.contains("người đề nghị: ") && mine.contains("người trả lời: "), "whose address is whose");
}

#[tokio::test]
async fn one_brings_along_only_what_is_theirs_and_never_asks_oneself() {
    let w = world(false).await;
    let (_, _, before) = call(&w.state, "my_introductions", &w.researcher.cookie, &[]).await;
    // A lab the researcher does not manage.
    let (status, _, body) = call(
        &w.state,
        "request_introduction",
        &w.researcher.cookie,
        &[("kind", "need"), ("id", &w.need), ("with", "lab/lab-benh-hoc"), MESSAGE],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("\"with\""), "the field is named: {body}");
    // A kind that does not go along with a need (a need to a need).
    let (status, _, _) = call(
        &w.state,
        "request_introduction",
        &w.other_member.cookie,
        &[("kind", "need"), ("id", &w.need), ("with", &format!("need/{}", w.need)), MESSAGE],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, _, after) = call(&w.state, "my_introductions", &w.researcher.cookie, &[]).await;
    assert_eq!(before, after, "nothing was sent");
    // Asking one's own records: the business its need, the researcher their lab.
    let (status, _, body) =
        call(&w.state, "request_introduction", &w.colleague.cookie, &[("kind", "need"), ("id", &w.need), MESSAGE])
            .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) =
        call(&w.state, "request_introduction", &w.researcher.cookie, &[("kind", "lab"), ("id", &w.lab), MESSAGE]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The need's page shows its own people no form.
    let own = page(&w.state, &format!("/needs/{}", w.need), &w.colleague.cookie).await;
    assert!(!own.contains("id=\"introduce\""));
}

#[tokio::test]
async fn anyone_may_write_to_an_organization_nobody_manages_and_the_office_answers() {
    let w = world(false).await;
    let org_page = page(&w.state, "/organizations/tom-hum-van-ninh", &w.researcher.cookie).await;
    assert!(org_page.contains("Liên hệ tổ chức") && org_page.contains("Văn phòng Sở Khoa học và Công nghệ"));
    // The researcher's lab goes along, chosen from their own listings.
    assert!(org_page.contains(&format!("<option value=\"lab/{}\"", w.lab)), "{org_page}");
    assert!(org_page.contains("Phòng thí nghiệm: Phòng cảm biến môi trường nước"), "each choice says its kind");
    let with = format!("lab/{}", w.lab);
    let (status, _, body) = call(
        &w.state,
        "request_introduction",
        &w.researcher.cookie,
        &[("kind", "organization"), ("id", "tom-hum-van-ninh"), ("with", &with), MESSAGE],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(inbox(&w.state, &w.officer).await.iter().any(|t| t.contains("got in touch with")));
    let (_, _, office) = call(&w.state, "my_introductions", &w.officer.cookie, &[]).await;
    let office: Value = serde_json::from_str(&office).unwrap();
    let to_answer = office.as_array().unwrap().iter().find(|i| i["target_kind"] == "organization").unwrap();
    let (status, _, body) = call(
        &w.state,
        "answer_introduction",
        &w.officer.cookie,
        &[("id", &to_answer["id"].to_string()), ("answer", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Signed out, the page asks to sign in first.
    let signed_out = page(&w.state, "/organizations/tom-hum-van-ninh", "").await;
    assert!(signed_out.contains("Liên hệ tổ chức: đăng nhập"), "{signed_out}");
}

#[tokio::test]
async fn only_those_who_speak_for_a_need_ask_its_partners_in_its_name() {
    let w = world(false).await;
    let ask = format!("?with=need/{}#introduce", w.need);
    let path = format!("/needs/{}", w.need);
    assert!(page(&w.state, &path, &w.colleague.cookie).await.contains(&ask), "its organization's people do");
    for who in [&w.researcher, &w.other_member, &w.anonymous] {
        assert!(!page(&w.state, &path, &who.cookie).await.contains(&ask), "{} does not", who.name);
    }
}

#[tokio::test]
async fn a_declined_or_accepted_request_is_not_sent_again_at_once() {
    let w = world(false).await;
    let again = [("kind", "lab"), ("id", w.lab.as_str()), MESSAGE];
    // An answer is accept or decline, nothing else.
    let (status, _, _) =
        call(&w.state, "answer_introduction", &w.researcher.cookie, &[("id", &w.introduction), ("answer", "maybe")])
            .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let decline = [("id", w.introduction.as_str()), ("answer", "decline"), ("reason", "no_capacity")];
    let (status, _, body) = call(&w.state, "answer_introduction", &w.researcher.cookie, &decline).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = call(&w.state, "request_introduction", &w.member.cookie, &again).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("bạn có thể gửi lại từ"), "{body}");
    let lab_page = page(&w.state, &format!("/labs/{}", w.lab), &w.member.cookie).await;
    assert!(lab_page.contains("có thể gửi lại từ") && !lab_page.contains("name=\"message\""));

    let w = world(true).await;
    let again = [("kind", "lab"), ("id", w.lab.as_str()), MESSAGE];
    let (status, _, body) = call(&w.state, "request_introduction", &w.member.cookie, &again).await;
    assert_eq!(status, StatusCode::CONFLICT, "introduced already: {body}");
}

#[tokio::test]
async fn a_message_keeps_its_tabs_and_loses_marks_that_reverse_it() {
    let w = world(false).await;
    let message = "Cột A\tCột B: hiệu chuẩn \u{202E}oxy hòa tan\u{202C} cho 40 lồng.";
    let fields = [("kind", "need"), ("id", w.need.as_str()), ("message", message)];
    let (status, _, body) = call(&w.state, "request_introduction", &w.researcher.cookie, &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, mine) = call(&w.state, "my_introductions", &w.researcher.cookie, &[]).await;
    let mine: Value = serde_json::from_str(&mine).unwrap();
    assert_eq!(mine[0]["message"], "Cột A\tCột B: hiệu chuẩn oxy hòa tan cho 40 lồng.");
}

#[tokio::test]
async fn the_people_of_an_organization_answer_requests_to_its_records() {
    let w = world(false).await;
    // The researcher proposes to the member's need; the member's colleague is told as well.
    let fields = [("kind", "need"), ("id", w.need.as_str()), MESSAGE];
    let (status, _, body) = call(&w.state, "request_introduction", &w.researcher.cookie, &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let news = inbox(&w.state, &w.colleague).await;
    assert!(news.iter().any(|t| t.contains("offered to answer the need")), "the colleague is told: {news:?}");
    assert!(inbox(&w.state, &w.other_member).await.iter().all(|t| !t.contains("offered to answer")));
    let (_, _, theirs) = call(&w.state, "my_introductions", &w.colleague.cookie, &[]).await;
    let theirs: Value = serde_json::from_str(&theirs).unwrap();
    let asked = theirs.as_array().unwrap().iter().find(|i| i["target_id"] == w.need.as_str()).expect("to answer");
    assert_eq!(asked["sent"], false);
    let id = asked["id"].to_string();
    // Someone of another organization neither sees nor answers it.
    let (_, _, others) = call(&w.state, "my_introductions", &w.other_member.cookie, &[]).await;
    assert!(!others.contains(&format!("\"id\":{id},")), "{others}");
    let accept = [("id", id.as_str()), ("answer", "accept")];
    let (status, _, _) = call(&w.state, "answer_introduction", &w.other_member.cookie, &accept).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The colleague accepts: the researcher is told and gets the colleague's address.
    let (status, _, body) = call(&w.state, "answer_introduction", &w.colleague.cookie, &accept).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let news = inbox(&w.state, &w.researcher).await;
    assert!(news.iter().any(|t| t.contains(&format!("{} accepted", w.colleague.name))), "{news:?}");
    let (_, _, sent) = call(&w.state, "my_introductions", &w.researcher.cookie, &[]).await;
    assert!(sent.contains("colleague@example.vn"), "{sent}");
    // Answered once: the owner's answer comes too late.
    let (status, _, _) = call(&w.state, "answer_introduction", &w.member.cookie, &accept).await;
    assert_eq!(status, StatusCode::CONFLICT);
}
