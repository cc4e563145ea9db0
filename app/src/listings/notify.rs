//! Who hears about a newly published record: people whose organization works in a new open
//! call's or accepting pilot's sectors, officers about a new organization, the owners of needs
//! that a new lab, expert or offer matches well.

use super::repo;
use crate::accounts::model::Role;
use crate::catalog::model::{Kind, Record};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::inbox::model::News;
use crate::state::AppState;
use crate::vocab::{CallStatus, PilotStatus};

/// How many of a new record's best-matched needs are told about it.
const MATCHES_TOLD: usize = 3;

/// Sends the notifications a newly published record calls for.
pub async fn new_listing(state: &AppState, record: &Record) -> Result<(), AppError> {
    let entry = record.entry();
    let (title, href) = (entry.title().base.to_string(), format!("{}/{}", record.kind().path(), entry.id()));
    let sectors: Vec<&str> = entry.sectors().iter().map(|s| s.code()).collect();
    match record {
        Record::Call(call) if call.status == CallStatus::Open => {
            let eligible: Vec<&str> = call.eligible.iter().map(|t| t.code()).collect();
            let users = repo::members_in_sectors(&state.db, &sectors, &eligible).await?;
            let news = News {
                topic: "call",
                vi: format!("Kêu gọi mới trong lĩnh vực của bạn: {title}"),
                en: format!("A new call in your sectors: {title}"),
                link: href,
            };
            crate::inbox::repo::notify(&state.db, &users, &news).await
        }
        Record::Pilot(pilot) if pilot.status == PilotStatus::Accepting => {
            let users = repo::members_in_sectors(&state.db, &sectors, &[]).await?;
            let news = News {
                topic: "pilot",
                vi: format!("Thử nghiệm mới nhận đăng ký trong lĩnh vực của bạn: {title}"),
                en: format!("A new pilot in your sectors is accepting applications: {title}"),
                link: href,
            };
            crate::inbox::repo::notify(&state.db, &users, &news).await
        }
        Record::Organization(_) => {
            let officers = crate::accounts::repo::holders(&state.db, Role::Officer).await?;
            let news = News {
                topic: "verify",
                vi: format!("Tổ chức mới cần xác minh: {title}"),
                en: format!("A new organization to verify: {title}"),
                link: href,
            };
            crate::inbox::repo::notify(&state.db, &officers, &news).await
        }
        Record::Lab(_) | Record::Expert(_) | Record::Offer(_) => {
            let matches =
                crate::matching::service::for_record(state, record.kind(), entry.id(), MATCHES_TOLD, Lang::Vi).await?;
            for m in matches.iter().filter(|m| m.kind == Kind::Need) {
                if let Some(owner) = repo::listing(&state.db, Kind::Need, &m.id).await?.and_then(|l| l.owner) {
                    let news = News {
                        topic: "match",
                        vi: format!("Đối tác mới phù hợp với nhu cầu \"{}\": {title}", m.title),
                        en: format!("A new partner fits your need \"{}\": {title}", m.title),
                        link: href.clone(),
                    };
                    crate::inbox::repo::notify(&state.db, &[owner], &news).await?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Tells an organization's people that an officer verified it.
pub async fn verified(state: &AppState, record: &Record) -> Result<(), AppError> {
    let entry = record.entry();
    let users = repo::members_of(&state.db, entry.id()).await?;
    let title = entry.title().base;
    let news = News {
        topic: "verified",
        vi: format!("{title} đã được Sở xác minh."),
        en: format!("{title} has been verified by the province."),
        link: format!("/organizations/{}", entry.id()),
    };
    crate::inbox::repo::notify(&state.db, &users, &news).await
}

/// Asks the owner of every listing unconfirmed for 90 days (and not yet asked) to confirm it;
/// returns how many were asked.
pub async fn remind_due(db: &crate::db::Db) -> Result<usize, AppError> {
    let before = crate::clock::from_now(-super::model::CONFIRM_AFTER_DAYS * 24 * 3600);
    let due = repo::due_for_reminder(db, &before).await?;
    for (kind, id, owner) in &due {
        let news = News {
            topic: "confirm",
            vi: format!("Hồ sơ \"{id}\" đã 90 ngày chưa được xác nhận. Hãy kiểm tra và bấm \"Xác nhận còn hiệu lực\"."),
            en: format!(
                "\"{id}\" has not been confirmed for 90 days. Please check it and press \"Confirm it is current\"."
            ),
            link: format!("{}/{id}", kind.path()),
        };
        crate::inbox::repo::notify(db, &[*owner], &news).await?;
        repo::reminded(db, *kind, id).await?;
    }
    Ok(due.len())
}

/// Tells a listing's owner that an officer hid it or showed it again.
pub async fn moderated(state: &AppState, record: &Record, hidden: bool, reason: &str) -> Result<(), AppError> {
    let (kind, id) = (record.kind(), record.id());
    let Some(owner) = repo::listing(&state.db, kind, id).await?.and_then(|l| l.owner) else { return Ok(()) };
    let (vi, en) = (record.display_title(Lang::Vi), record.display_title(Lang::En));
    let news = if hidden {
        News {
            topic: "moderation",
            vi: format!("Cán bộ Sở đã tạm ẩn \"{vi}\". Lý do: {reason}. Hãy liên hệ Sở nếu cần."),
            en: format!("An officer has hidden \"{en}\". Reason: {reason}. Contact the province if needed."),
            link: "/mine".into(),
        }
    } else {
        News {
            topic: "moderation",
            vi: format!("\"{vi}\" đã được hiển thị lại."),
            en: format!("\"{en}\" is public again."),
            link: format!("{}/{id}", kind.path()),
        }
    };
    crate::inbox::repo::notify(&state.db, &[owner], &news).await
}

/// Takes listings unconfirmed for 180 days out of public view and tells their owners; returns
/// how many.
pub async fn hide_stale(db: &crate::db::Db) -> Result<usize, AppError> {
    let before = crate::clock::from_now(-super::model::HIDE_AFTER_DAYS * 24 * 3600);
    let hidden = repo::hide_stale(db, &before).await?;
    for stale in &hidden {
        let (vi, en) = (&stale.title, stale.title_en.as_deref().unwrap_or(&stale.title));
        let news = News {
            topic: "confirm",
            vi: format!("Hồ sơ \"{vi}\" đã 180 ngày chưa được xác nhận nên tạm ẩn khỏi tìm kiếm và gợi ý. Xác nhận để hiển thị lại."),
            en: format!("\"{en}\" has not been confirmed for 180 days and is hidden from search and matches. Confirm it to show it again."),
            link: "/mine".into(),
        };
        crate::inbox::repo::notify(db, &stale.owner.iter().copied().collect::<Vec<_>>(), &news).await?;
    }
    Ok(hidden.len())
}
