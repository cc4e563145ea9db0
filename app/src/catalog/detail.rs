//! A record's page: the record and the records around it, grouped under headings.

use chrono::NaiveDate;

use super::model::{Card, Kind, Record, RecordDetail, Related};
use super::repo::{self, Listed};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

/// The heading for the record a link leads to, by the field it comes from.
fn link_heading(rel: &str, lang: Lang) -> &'static str {
    match rel {
        "owner_lab" => lang.pick("Phòng thí nghiệm sở hữu", "Owning lab"),
        "owner_org" => lang.pick("Tổ chức sở hữu", "Owning organization"),
        "owner_expert" => lang.pick("Chuyên gia sở hữu", "Owning expert"),
        "issuer" => lang.pick("Đơn vị ban hành", "Issued by"),
        "supervisor" => lang.pick("Đơn vị giám sát", "Supervised by"),
        _ => lang.pick("Thuộc tổ chức", "Organization"),
    }
}

/// The heading for the records of `kind` that refer to a record.
fn backlink_heading(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Call => lang.pick("Kêu gọi đề xuất đã ban hành", "Calls issued"),
        Kind::Pilot => lang.pick("Thử nghiệm đang giám sát", "Pilots supervised"),
        Kind::Need => lang.pick("Nhu cầu công nghệ đã đăng", "Technology needs posted"),
        other => other.plural(lang),
    }
}

/// Loads `kind`/`id` with its links, the records linking to it and, for a lab, the experts
/// of its institute.
pub async fn record_detail(
    db: &Db,
    kind: Kind,
    id: &str,
    lang: Lang,
    today: NaiveDate,
) -> Result<RecordDetail, AppError> {
    let record = repo::get(db, kind, id).await?.ok_or(AppError::NotFound)?;
    detail_of(db, record, lang, today).await
}

/// A record already loaded, with its links, the records linking to it and, for a lab, the
/// experts of its institute.
pub async fn detail_of(db: &Db, record: Record, lang: Lang, today: NaiveDate) -> Result<RecordDetail, AppError> {
    let (kind, id) = (record.kind(), record.entry().id().to_string());
    let id = id.as_str();
    let card = |l: &Listed| l.record.card(lang, today, l.parent_title(lang));
    let mut sections: Vec<Related> = Vec::new();
    for (rel, listed) in repo::links_of(db, &record.entry().links()).await? {
        push_card(&mut sections, link_heading(&rel, lang), card(&listed));
    }
    if let Record::Lab(lab) = &record {
        let heading = lang.pick("Chuyên gia của tổ chức", "Experts at the organization");
        for (_, listed) in repo::links_to(db, Kind::Organization, &lab.organization).await? {
            if listed.record.kind() == Kind::Expert {
                push_card(&mut sections, heading, card(&listed));
            }
        }
    }
    for (_, listed) in repo::links_to(db, kind, id).await? {
        push_card(&mut sections, backlink_heading(listed.record.kind(), lang), card(&listed));
    }
    let badges = record.entry().badges(lang, today);
    let fields = record.entry().fields(lang, today);
    Ok(RecordDetail { record, badges, fields, sections })
}

fn push_card(sections: &mut Vec<Related>, heading: &str, card: Card) {
    match sections.iter_mut().find(|s| s.heading == heading) {
        Some(section) => {
            if !section.cards.iter().any(|c| c.kind == card.kind && c.id == card.id) {
                section.cards.push(card);
            }
        }
        None => sections.push(Related { heading: heading.to_string(), cards: vec![card] }),
    }
}
