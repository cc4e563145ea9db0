use serde::{Deserialize, Serialize};

/// A saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SavedSearch {
    pub id: i64,
    /// The search page's URL query.
    pub query: String,
    pub created_at: String,
    /// What it searches for, in words.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    #[serde(default)]
    pub label: String,
}

impl SavedSearch {
    pub fn href(&self) -> String {
        format!("/search?{}", self.query)
    }
}

/// Most saved searches one person keeps.
pub const MAX_SAVED: i64 = 50;
/// Most results remembered per saved search.
pub const MAX_SEEN: usize = 500;
