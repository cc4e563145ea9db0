use serde::{Deserialize, Serialize};

/// One thing that happened, for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Notification {
    pub id: i64,
    pub topic: String,
    pub text_vi: String,
    pub text_en: String,
    /// The page it is about.
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// A notification to send: the same news in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct News {
    pub topic: &'static str,
    pub vi: String,
    pub en: String,
    pub link: String,
}
