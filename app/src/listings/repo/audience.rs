//! Who hears of a listing: the members of an organization, or of organizations in some sectors.

use crate::db::Db;
use crate::error::AppError;

/// People whose organization works in one of `sectors` (and, unless empty, is of one of
/// `org_types`).
pub async fn members_in_sectors(db: &Db, sectors: &[&str], org_types: &[&str]) -> Result<Vec<i64>, AppError> {
    let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "SELECT DISTINCT u.id FROM users u JOIN record_facets f ON f.kind = 'organization' AND f.id = u.organization
         WHERE f.facet = 'sector' AND f.value IN (",
    );
    let mut values = q.separated(", ");
    for sector in sectors {
        values.push_bind(*sector);
    }
    q.push(")");
    if !org_types.is_empty() {
        q.push(" AND EXISTS (SELECT 1 FROM record_facets t WHERE t.kind = 'organization' AND t.id = u.organization AND t.facet = 'type' AND t.value IN (");
        let mut values = q.separated(", ");
        for t in org_types {
            values.push_bind(*t);
        }
        q.push("))");
    }
    if sectors.is_empty() {
        return Ok(Vec::new());
    }
    Ok(q.build_query_scalar().fetch_all(db).await?)
}

/// The people who belong to organization `id`.
pub async fn members_of(db: &Db, id: &str) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE organization = $1").bind(id).fetch_all(db).await?)
}
