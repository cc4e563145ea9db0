//! Slowing down what an attacker repeats: failed sign-ins, sign-ups, reset requests,
//! introductions and applications. Each rule lets a few attempts through in its window, then
//! asks for a wait that doubles with every further attempt (up to the rule's longest). A
//! refused attempt is answered 429 with `Retry-After` before any password is hashed, and is not
//! counted itself. Attempts live in the database, so several instances share them.

use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

/// How often one subject (an address, an account, or the pair) may do one thing.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// What is counted (also the stored name).
    pub action: &'static str,
    /// Attempts let through without waiting, within `window`.
    pub free: i64,
    /// Seconds an attempt is remembered.
    pub window: i64,
    /// The longest wait asked for, in seconds.
    pub max_wait: i64,
}

/// Failed sign-ins from one address, whatever the account.
pub const SIGN_IN_ADDRESS: Rule =
    Rule { action: "sign_in_failed_address", free: 10, window: 15 * 60, max_wait: 15 * 60 };
/// The same failures, for an account that signed in from that address before: strangers
/// sharing the address (a carrier's NAT, an office) slow its owner only past many more, yet the
/// address as a whole still cannot guess on without limit.
pub const SIGN_IN_ADDRESS_KNOWN: Rule = Rule { free: 100, ..SIGN_IN_ADDRESS };
/// Failed sign-ins to one account from one address.
pub const SIGN_IN_ACCOUNT_ADDRESS: Rule =
    Rule { action: "sign_in_failed_pair", free: 5, window: 15 * 60, max_wait: 15 * 60 };
/// Failed sign-ins to one account from anywhere: past these, only addresses the account signed
/// in from before (`KNOWN_ADDRESS`) may try (a crowd of addresses cannot guess on forever, and
/// strangers cannot lock the owner out of their usual address; a reset link always works).
pub const SIGN_IN_ACCOUNT: Rule =
    Rule { action: "sign_in_failed_account", free: 50, window: 15 * 60, max_wait: 15 * 60 };
/// Successful sign-ins to an account from an address, remembered for a month.
pub const KNOWN_ADDRESS: Rule = Rule { action: "sign_in_ok", free: 0, window: 30 * 24 * 3600, max_wait: 0 };
/// Accounts created from one address.
pub const SIGN_UP_ADDRESS: Rule = Rule { action: "sign_up", free: 5, window: 3600, max_wait: 3600 };
/// Sign-ups naming one email, whether or not it has an account: each one mails that address,
/// so strangers cannot flood someone's mailbox from many addresses.
pub const SIGN_UP_EMAIL: Rule = Rule { action: "sign_up_email", free: 3, window: 3600, max_wait: 3600 };
/// Reset requests from one address.
pub const RESET_ADDRESS: Rule = Rule { action: "reset_address", free: 5, window: 3600, max_wait: 3600 };
/// Reset requests for one email, whether or not it has an account (the answer must not differ).
pub const RESET_EMAIL: Rule = Rule { action: "reset_email", free: 3, window: 3600, max_wait: 3600 };
/// Introduction requests and applications sent by one account.
pub const REQUESTS_ACCOUNT: Rule = Rule { action: "request_account", free: 20, window: 3600, max_wait: 3600 };
/// Introduction requests and applications sent from one address.
pub const REQUESTS_ADDRESS: Rule = Rule { action: "request_address", free: 40, window: 3600, max_wait: 3600 };

/// Colleagues invited by one account: each invitation mails someone.
pub const INVITES_ACCOUNT: Rule = Rule { action: "invite_account", free: 20, window: 24 * 3600, max_wait: 3600 };
/// Invitations mailed to one address, by anyone: nobody's mailbox is flooded with them.
pub const INVITES_EMAIL: Rule = Rule { action: "invite_email", free: 3, window: 24 * 3600, max_wait: 24 * 3600 };
/// Email changes asked by one account: each one mails a new address.
pub const CHANGE_EMAIL: Rule = Rule { action: "change_email", free: 5, window: 24 * 3600, max_wait: 24 * 3600 };

const RULES: [Rule; 13] = [
    SIGN_IN_ADDRESS,
    SIGN_IN_ACCOUNT_ADDRESS,
    SIGN_IN_ACCOUNT,
    KNOWN_ADDRESS,
    SIGN_UP_ADDRESS,
    SIGN_UP_EMAIL,
    RESET_ADDRESS,
    RESET_EMAIL,
    REQUESTS_ACCOUNT,
    REQUESTS_ADDRESS,
    INVITES_ACCOUNT,
    INVITES_EMAIL,
    CHANGE_EMAIL,
];

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Milliseconds to wait after the latest of `count` attempts (made at `last`, ms) before another.
pub fn wait_ms(rule: &Rule, count: i64, last: i64, now: i64) -> i64 {
    if count < rule.free {
        return 0;
    }
    let doublings = (count - rule.free).min(30) as u32;
    let delay = (1000i64 << doublings).min(rule.max_wait * 1000);
    (last + delay - now).max(0)
}

/// Attempts of `rule` by `subject` in its window, and when the latest was (ms).
async fn attempts(db: &Db, rule: &Rule, subject: &str) -> Result<(i64, i64), AppError> {
    let since = now_ms() - rule.window * 1000;
    let (count, last): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MAX(at) FROM throttle_events WHERE action = $1 AND subject = $2 AND at > $3")
            .bind(rule.action)
            .bind(subject)
            .bind(since)
            .fetch_one(db)
            .await?;
    Ok((count, last.unwrap_or(0)))
}

/// `Ok` when `subject` may try `rule`'s action now; else `TooManyRequests` saying how long to
/// wait, in `lang`.
pub async fn check(db: &Db, rule: &Rule, subject: &str, lang: Lang) -> Result<(), AppError> {
    let (count, last) = attempts(db, rule, subject).await?;
    match wait_ms(rule, count, last, now_ms()) {
        0 => Ok(()),
        ms => Err(too_many(lang, (ms + 999) / 1000)),
    }
}

/// Whether `subject` did `rule`'s action within its window (a known address, say).
pub async fn happened(db: &Db, rule: &Rule, subject: &str) -> Result<bool, AppError> {
    Ok(attempts(db, rule, subject).await?.0 > 0)
}

/// Counts one attempt of `rule` by each of `subjects`.
pub async fn record(db: &Db, rule: &Rule, subjects: &[&str]) -> Result<(), AppError> {
    let at = now_ms();
    for subject in subjects {
        sqlx::query("INSERT INTO throttle_events (action, subject, at) VALUES ($1, $2, $3)")
            .bind(rule.action)
            .bind(subject)
            .bind(at)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// Forgets `subject`'s attempts of `rule` (failures, after a success).
pub async fn clear(db: &Db, rule: &Rule, subject: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM throttle_events WHERE action = $1 AND subject = $2")
        .bind(rule.action)
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// Deletes attempts older than their rule's window; answers how many.
pub async fn purge(db: &Db) -> Result<u64, AppError> {
    let mut purged = 0;
    for rule in RULES {
        let before = now_ms() - rule.window * 1000;
        purged += sqlx::query("DELETE FROM throttle_events WHERE action = $1 AND at < $2")
            .bind(rule.action)
            .bind(before)
            .execute(db)
            .await?
            .rows_affected();
    }
    // Whatever no rule names any more goes after the longest window.
    let longest = RULES.iter().map(|r| r.window).max().unwrap_or(0);
    purged += sqlx::query("DELETE FROM throttle_events WHERE at < $1")
        .bind(now_ms() - longest * 1000)
        .execute(db)
        .await?
        .rows_affected();
    Ok(purged)
}

/// Who is sending an introduction request or an application: checked against the rules before
/// the request is stored, recorded (`sent`) after.
pub struct Sender {
    account: Option<String>,
    address: String,
}

impl Sender {
    /// The signed-in person and address of this request, if they may send another request now.
    pub async fn check() -> Result<Sender, AppError> {
        let state = crate::state::app_state()?;
        let lang = crate::i18n::request_lang();
        let address = format!("address:{}", super::session::client_address());
        check(&state.db, &REQUESTS_ADDRESS, &address, lang).await?;
        let account = super::session::current_user().await?.map(|user| format!("user:{}", user.id));
        if let Some(account) = &account {
            check(&state.db, &REQUESTS_ACCOUNT, account, lang).await?;
        }
        Ok(Sender { account, address })
    }

    /// Counts the request just stored.
    pub async fn sent(self) -> Result<(), AppError> {
        let state = crate::state::app_state()?;
        record(&state.db, &REQUESTS_ADDRESS, &[&self.address]).await?;
        if let Some(account) = &self.account {
            record(&state.db, &REQUESTS_ACCOUNT, &[account]).await?;
        }
        Ok(())
    }
}

/// The refusal: 429, `Retry-After: seconds`, and a sentence in `lang`.
pub fn too_many(lang: Lang, seconds: i64) -> AppError {
    let seconds = seconds.max(1);
    let message = if seconds >= 120 {
        let minutes = (seconds + 59) / 60;
        lang.pick(
            format!("Quá nhiều lần thử. Hãy thử lại sau {minutes} phút."),
            format!("Too many attempts. Try again in {minutes} minutes."),
        )
    } else {
        lang.pick(
            format!("Quá nhiều lần thử. Hãy thử lại sau {seconds} giây."),
            format!("Too many attempts. Try again in {seconds} seconds."),
        )
    };
    AppError::TooManyRequests { message, retry_after: seconds as u64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_past_the_free_attempts_up_to_the_longest() {
        let rule = Rule { action: "t", free: 3, window: 900, max_wait: 60 };
        assert_eq!(wait_ms(&rule, 2, 10_000, 10_000), 0);
        assert_eq!(wait_ms(&rule, 3, 10_000, 10_000), 1000);
        assert_eq!(wait_ms(&rule, 5, 10_000, 10_500), 3500);
        assert_eq!(wait_ms(&rule, 40, 10_000, 10_000), 60_000);
        assert_eq!(wait_ms(&rule, 3, 10_000, 12_000), 0, "waited long enough");
    }
}
