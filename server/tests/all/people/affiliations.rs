//! Labs and experts naming an organization not their author's wait for it to confirm.

use super::*;

#[tokio::test]
async fn a_profile_naming_another_organization_waits_for_its_people_to_confirm() {
    let w = world(false).await;
    // Until so-khcn answers, the profile is a draft nobody else sees.
    let draft = researchers_expert(&w).await;
    assert_eq!(draft["draft"], true);
    let id = draft["id"].as_str().unwrap().to_string();
    let (status, _, _) = send(&w.state, Method::GET, &format!("/api/expert/{id}"), &[], String::new()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // so-khcn's people are told and see the request; people of other organizations do not.
    assert!(inbox(&w.state, &w.other_member).await.iter().any(|t| t.contains("belongs to")), "told");
    assert!(inbox(&w.state, &w.officer).await.iter().any(|t| t.contains("belongs to")), "officers too");
    assert!(!inbox(&w.state, &w.member).await.iter().any(|t| t.contains("belongs to")));
    let asked = waiting(&w.state, &w.other_member).await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0]["requester_name"], "researcher");
    assert!(asked[0]["requester_email"].is_null(), "an organization's people learn the name, not the address");
    assert!(inbox(&w.state, &w.admin).await.iter().any(|t| t.contains("belongs to")), "admins are told");
    assert_eq!(waiting(&w.state, &w.officer).await[0]["requester_email"], "researcher@example.vn");
    assert_eq!(asked[0]["record_title"], "TS. Nguyễn Văn Biển");
    assert!(waiting(&w.state, &w.member).await.is_empty());
    let (_, _, body) = call(&w.state, "affiliation_requests", &w.researcher.cookie, &[]).await;
    let own: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(own["mine"][0]["organization"], "so-khcn", "the author sees it waiting");
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.member.cookie, &[("id", &w.affiliation), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.researcher.cookie, &[("id", &w.affiliation), ("answer", "accept")])
            .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nobody confirms their own claim");

    // A decline is told to the author; the profile stays a draft they may correct.
    let (status, _, body) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &w.affiliation), ("answer", "decline")])
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("did not confirm")));
    assert_eq!(researchers_expert(&w).await["draft"], true);
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &w.affiliation), ("answer", "accept")])
            .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an answered request cannot be answered again");

    // Asked again and confirmed, the profile is published under so-khcn.
    let mut again = vec![("id", id.as_str())];
    again.extend_from_slice(EXPERT);
    let (status, place, _) = save(&w.state, &w.researcher, "expert", &again).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"));
    let request = waiting(&w.state, &w.other_member).await.pop().unwrap()["id"].to_string();
    let (status, _, body) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &request), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(&w.state, Method::GET, &format!("/api/expert/{id}"), &[], String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["organization"], "so-khcn");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("confirmed that")));
    let log = repo::audit_log(&w.state.db, 50).await.unwrap();
    assert!(log.iter().any(|e| e.action == "accept_affiliation" && e.target == format!("expert/{id}")), "{log:?}");

    // Officers name any organization at once.
    let (status, place, body) = save(&w.state, &w.officer, "lab", LAB).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(place.starts_with("/labs/"), "{place}");
}

#[tokio::test]
async fn a_confirmed_draft_stays_a_draft_and_a_changed_request_is_a_new_one() {
    let w = world(false).await;
    let told = |texts: Vec<String>| texts.iter().filter(|t| t.contains("belongs to")).count();
    let mut draft = LAB.to_vec();
    draft[1] = ("text[organization]", "so-khcn");
    let asks = |status: StatusCode, place: String, body: String| {
        assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"), "{body}");
    };
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    let before = told(inbox(&w.state, &w.other_member).await);
    let request = waiting(&w.state, &w.other_member).await.pop().unwrap();
    let (first, lab) = (request["id"].to_string(), request["record_id"].as_str().unwrap().to_string());

    // Saved again naming the same organization: the same request, nobody told twice.
    draft.push(("id", &lab));
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    assert_eq!(told(inbox(&w.state, &w.other_member).await), before, "not told again");
    assert_eq!(waiting(&w.state, &w.other_member).await.pop().unwrap()["id"].to_string(), first);

    // Naming another organization is a new request: an answer to the old one finds nothing.
    draft[1] = ("text[organization]", "ria3");
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    let (status, _, _) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &first), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the old request is gone");
    draft[1] = ("text[organization]", "so-khcn");
    let (status, place, body) = save_as(&w.state, &w.researcher, "lab", "draft", &draft).await;
    asks(status, place, body);
    let request = waiting(&w.state, &w.other_member).await.pop().unwrap()["id"].to_string();
    assert_ne!(request, first);

    // Confirmed, the draft stays a draft, now under so-khcn; published later, nobody is asked again.
    let (status, _, body) =
        call(&w.state, "answer_affiliation", &w.other_member.cookie, &[("id", &request), ("answer", "accept")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!public(&w.state, "lab", &lab).await, "the author chose to keep a draft");
    assert!(inbox(&w.state, &w.researcher).await.iter().any(|t| t.contains("still your draft")));
    let mut publish = LAB.to_vec();
    publish[1] = ("text[organization]", "so-khcn");
    publish.push(("id", &lab));
    let (status, place, body) = save(&w.state, &w.researcher, "lab", &publish).await;
    assert_eq!((status, place), (StatusCode::OK, format!("/labs/{lab}")), "{body}");
    assert!(public(&w.state, "lab", &lab).await);
    assert!(waiting(&w.state, &w.other_member).await.iter().all(|r| r["record_id"] != lab.as_str()));
}

#[tokio::test]
async fn an_edited_profile_keeps_its_organization_until_the_new_one_confirms() {
    let w = world(false).await;
    let moved = [
        ("id", w.lab.as_str()),
        ("text[name]", "Phòng cảm biến môi trường nước"),
        ("text[organization]", "so-khcn"),
        ("text[description]", "Hiệu chuẩn cảm biến oxy hòa tan cho ao nuôi, nay cả trạm quan trắc biển."),
        ("text[capabilities]", "Hiệu chuẩn cảm biến oxy hòa tan"),
        ("list[sectors][]", "aquaculture"),
    ];
    let (status, place, body) = save(&w.state, &w.researcher, "lab", &moved).await;
    assert_eq!((status, place.as_str()), (StatusCode::OK, "/mine#affiliations"), "{body}");
    let (_, _, body) = send(&w.state, Method::GET, &format!("/api/lab/{}", w.lab), &[], String::new()).await;
    let lab: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(lab["organization"], "ria3", "the confirmed organization stays");
    assert!(lab["description"].as_str().unwrap().contains("trạm quan trắc"), "the other changes are published");
    assert_eq!(waiting(&w.state, &w.other_member).await.len(), 2, "so-khcn is asked");

    // Naming the confirmed organization again withdraws the request.
    let mut back = moved;
    back[2] = ("text[organization]", "ria3");
    let (status, place, _) = save(&w.state, &w.researcher, "lab", &back).await;
    assert_eq!((status, place), (StatusCode::OK, format!("/labs/{}", w.lab)));
    let left = waiting(&w.state, &w.other_member).await;
    assert!(left.iter().all(|r| r["kind"] != "lab"), "{left:?}");

    // Asked again, then an officer saves the lab under ria3: the officer's choice stands, and
    // so-khcn is no longer asked (a confirmation would have undone it).
    let (status, _, _) = save(&w.state, &w.researcher, "lab", &moved).await;
    assert_eq!(status, StatusCode::OK);
    assert!(waiting(&w.state, &w.other_member).await.iter().any(|r| r["kind"] == "lab"));
    let (status, _, body) = save(&w.state, &w.officer, "lab", &back).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let left = waiting(&w.state, &w.other_member).await;
    assert!(left.iter().all(|r| r["kind"] != "lab"), "{left:?}");
}
