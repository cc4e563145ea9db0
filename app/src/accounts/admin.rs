//! Bootstrapping: the first administrator, created from the command line.

use super::model::{is_plausible_email, Role};
use super::{checks, repo, secret};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

/// Makes `email` an admin, creating the account with `password` if there is none. Returns
/// whether it was created.
pub async fn create_admin(db: &Db, email: &str, name: &str, password: String) -> Result<bool, AppError> {
    let email = email.trim().to_lowercase();
    if !is_plausible_email(&email) {
        return Err(AppError::BadRequest(format!("{email} is not an email address")));
    }
    if let Some((id, _)) = repo::credentials(db, &email).await? {
        let mut roles = repo::user(db, id).await?.map(|u| u.roles).unwrap_or_default();
        if !roles.contains(&Role::Admin) {
            roles.push(Role::Admin);
        }
        repo::set_roles(db, id, &roles).await?;
        return Ok(false);
    }
    checks::password(Lang::En, &password)?;
    let hash = secret::hash_password(password).await?;
    repo::create_user(db, &email, name, &hash, &[Role::Admin, Role::Officer]).await?;
    Ok(true)
}
