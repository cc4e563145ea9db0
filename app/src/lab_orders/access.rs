//! Who may order a lab's work (its priced services, its instruments) and who answers for it.

use crate::accounts::model::{Role, User};
use crate::catalog::model::{Kind, Record};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::labs::Lab;
use crate::listings::rules::speaks_for;

/// Lab `id` as published, and who manages it (the one who answers its orders).
pub async fn managed(db: &Db, id: &str) -> Result<(Lab, Option<i64>), AppError> {
    let record = crate::catalog::repo::get(db, Kind::Lab, id).await?.ok_or(AppError::NotFound)?;
    let Record::Lab(lab) = record else { return Err(AppError::NotFound) };
    let owner = crate::listings::repo::listing(db, Kind::Lab, id).await?.and_then(|l| l.owner);
    Ok((lab, owner))
}

/// Lab `id` and who manages it, for `user` about to order its work: 403 for someone who never
/// orders, 400 with the reason where this lab is not open to them.
pub async fn open_to(db: &Db, user: &User, id: &str, lang: Lang) -> Result<(Lab, i64), AppError> {
    if !may_order(user) {
        return Err(AppError::Forbidden);
    }
    let (lab, owner) = managed(db, id).await?;
    if let Some(refused) = refusal(user, &lab, owner, lang) {
        return Err(AppError::BadRequest(refused));
    }
    // A lab nobody manages is refused above.
    Ok((lab, owner.ok_or_else(|| AppError::internal("a managed lab"))?))
}

/// Who may order a lab's work: business members and researchers.
fn may_order(user: &User) -> bool {
    user.has(Role::Member) || user.has(Role::Researcher)
}

/// Why `user` may not order from `lab` (managed by `owner`); none: they may.
pub fn refusal(user: &User, lab: &Lab, owner: Option<i64>, lang: Lang) -> Option<String> {
    let reason = if !may_order(user) {
        lang.pick(
            "Chỉ thành viên doanh nghiệp và nhà nghiên cứu đặt được dịch vụ và thiết bị của phòng thí nghiệm.",
            "Only business members and researchers order a lab's services and book its instruments.",
        )
    } else if owner.is_none() {
        lang.pick(
            "Phòng thí nghiệm này chưa có người quản lý trên cổng để trả lời: hãy dùng «Đề nghị giới thiệu» trên trang của phòng.",
            "Nobody manages this lab on the portal to answer: use “Ask for an introduction” on the lab's page.",
        )
    } else if speaks_for(user, owner, &Record::Lab(lab.clone())) {
        lang.pick("Đây là phòng thí nghiệm của bạn.", "This lab is your own.")
    } else {
        return None;
    };
    Some(reason.to_string())
}

/// Whether `user` answers for lab `id` (managed by `owner`): its manager, or a colleague of its
/// organization, going by the lab as stored (even when hidden since).
pub async fn answers_for(db: &Db, user: &User, id: &str, owner: Option<i64>) -> Result<bool, AppError> {
    if owner == Some(user.id) {
        return Ok(true);
    }
    let lab = crate::catalog::repo::get_any(db, Kind::Lab, id).await?;
    Ok(lab.is_some_and(|(record, _)| speaks_for(user, owner, &record)))
}
