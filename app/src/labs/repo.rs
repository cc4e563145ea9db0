//! SQL particular to labs.

use crate::catalog::repo::Listed;
use crate::db::Db;
use crate::error::AppError;

/// The experts of an organization, by name: the people a lab's partners will work with.
pub async fn experts_of_organization(db: &Db, organization: &str) -> Result<Vec<Listed>, AppError> {
    let linking = crate::catalog::repo::links_to(db, crate::catalog::model::Kind::Organization, organization).await?;
    Ok(linking
        .into_iter()
        .filter(|(_, l)| l.record.kind() == crate::catalog::model::Kind::Expert)
        .map(|(_, l)| l)
        .collect())
}
