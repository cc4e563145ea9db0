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

/// How a person hears of their notifications by mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailMode {
    /// One mail as soon as something happens.
    Now,
    /// One mail a day with what happened, in the morning.
    Daily,
    /// No mail: the inbox only.
    Never,
}

impl MailMode {
    pub const ALL: [MailMode; 3] = [MailMode::Now, MailMode::Daily, MailMode::Never];

    pub fn code(self) -> &'static str {
        match self {
            MailMode::Now => "now",
            MailMode::Daily => "daily",
            MailMode::Never => "never",
        }
    }

    pub fn from_code(code: &str) -> Option<MailMode> {
        MailMode::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            MailMode::Now => lang.pick("Gửi thư ngay khi có tin", "Mail me as soon as something happens"),
            MailMode::Daily => lang.pick("Một thư tóm tắt mỗi sáng", "One summary mail each morning"),
            MailMode::Never => lang.pick("Không gửi thư, tôi xem trong Hộp thư", "No mail, I read the inbox"),
        }
    }
}
