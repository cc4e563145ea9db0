//! People on the portal: their roles and what pages know about the person signed in.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::vocab::vocab;

vocab! {
    /// What a person may do. One person can hold several.
    Role {
        Member = "member", "Thành viên doanh nghiệp", "Business member";
        Researcher = "researcher", "Nhà khoa học", "Researcher";
        Officer = "officer", "Cán bộ Sở", "Province officer";
        Admin = "admin", "Quản trị viên", "Administrator";
    }
}

/// The person signed in, as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    /// The id of the organization they belong to.
    pub organization: Option<String>,
    /// Why an officer suspended the account, while it is suspended.
    #[serde(default)]
    pub suspended: Option<String>,
}

impl User {
    /// Someone with `roles` in `organization`, for unit tests of rules.
    #[cfg(test)]
    pub fn sample(roles: &[Role], organization: Option<&str>) -> User {
        User {
            id: 7,
            email: "a@b.vn".into(),
            name: "A".into(),
            roles: roles.to_vec(),
            organization: organization.map(String::from),
            suspended: None,
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Officers and admins look after the whole catalogue.
    pub fn is_staff(&self) -> bool {
        self.has(Role::Officer) || self.has(Role::Admin)
    }
}

/// One line of the audit log: what an officer or admin did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub email: Option<String>,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub at: String,
    /// The record it was done to, by title, and its page (when `target` names one).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub record: Option<(String, String)>,
}

/// A mail in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Mail {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
}

/// One signed-in session of a person, as their account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// The first 16 hex digits of the token's hash: enough to name it, useless to sign in.
    pub id: String,
    pub created_at: String,
    /// The browser it started from (`User-Agent`), if known.
    pub agent: Option<String>,
    pub address: Option<String>,
    /// Whether it is the session of the browser asking.
    pub current: bool,
}

/// A browser's `User-Agent` as a person names it: "Chrome · Android", "Firefox · Windows"…;
/// the first 40 characters of anything else.
pub fn browser_name(agent: &str) -> String {
    let has = |needle: &str| agent.contains(needle);
    let browser = if has("Edg/") {
        "Edge"
    } else if has("OPR/") {
        "Opera"
    } else if has("Firefox/") {
        "Firefox"
    } else if has("Chrome/") || has("CriOS/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else {
        return agent.chars().take(40).collect();
    };
    let system = if has("Android") {
        "Android"
    } else if has("iPhone") || has("iPad") {
        "iOS"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") {
        "macOS"
    } else if has("Linux") {
        "Linux"
    } else {
        return browser.to_string();
    };
    format!("{browser} · {system}")
}

/// `body` with every link token (`token=…`) replaced by `token=…` (an ellipsis).
pub fn without_tokens(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("token=") {
        out.push_str(&rest[..at + "token=".len()]);
        rest = &rest[at + "token=".len()..];
        let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        out.push('…');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Everyone with an account, and the organizations (ids and labels) one may be given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    pub users: Vec<User>,
    pub organizations: Vec<(String, String)>,
}

/// Who is looking at the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user: Option<User>,
    /// Their unread notifications.
    pub unread: u64,
    /// The name of their organization (filled for the account page only).
    #[serde(default)]
    pub organization_name: Option<String>,
}

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 12;
/// The longest password accepted (argon2 takes any length; this bounds the work per request).
pub const MAX_PASSWORD: usize = 200;
/// The longest name or email accepted.
pub const MAX_NAME: usize = 120;

/// A rough check that `email` can receive mail; the reset mail is the real test.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= MAX_NAME
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_emails() {
        assert!(is_plausible_email("lan@startup.vn"));
        assert!(!is_plausible_email("lan"));
        assert!(!is_plausible_email("lan@localhost"));
        let phone = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        assert_eq!(browser_name(phone), "Chrome · Android");
        assert_eq!(browser_name("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1"), "Safari · iOS");
        assert_eq!(browser_name("curl/7.88.1"), "curl/7.88.1");
        assert_eq!(
            without_tokens("link: http://x/reset?token=ab12cd\nbye token=9f"),
            "link: http://x/reset?token=…\nbye token=…"
        );
        assert!(!is_plausible_email("la n@startup.vn"));
        assert!(!is_plausible_email("@startup.vn"));
    }
}
