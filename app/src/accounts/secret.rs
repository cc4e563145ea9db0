//! Passwords (argon2id) and random tokens (sessions, password resets). Hashing is slow on
//! purpose, so it runs on the blocking pool, at most `HASHING_AT_ONCE` at a time: a flood of
//! sign-ins queues here and leaves the other blocking threads to searches and matches.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// Password hashes computed at once (the server keeps at least four blocking threads).
const HASHING_AT_ONCE: usize = 2;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// The argon2id hash of `password`, in PHC string form.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _turn = HASHING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(AppError::internal)?;
        let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

/// Whether `password` matches `hash`.
pub async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    let _turn = HASHING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        match PasswordHash::new(&hash) {
            Ok(parsed) => Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()),
            Err(err) => {
                // An account without a usable hash cannot sign in; it is not the visitor's fault.
                tracing::error!("stored password hash unreadable: {err}");
                Ok(false)
            }
        }
    })
    .await
    .map_err(AppError::internal)?
}

/// A new random token (256 bits, hex) to hand to the browser or put in a link.
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(AppError::internal)?;
    Ok(hex::encode(bytes))
}

/// What is stored of a token: its SHA-256.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("mật khẩu dài đủ".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("mật khẩu dài đủ".into(), hash.clone()).await.unwrap());
        assert!(!verify_password("mat khau dai du".into(), hash).await.unwrap());
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
