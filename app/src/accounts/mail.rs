//! Delivering the outbox by SMTP when it is configured (`SMTP_URL`), or as `.eml` files into a
//! folder (`MAIL_DIR`: a demo or test machine without a mail server). Without either, mail stays
//! in the outbox, where admins see it (links hidden).

use lettre::message::header::ContentType;
pub use lettre::message::Mailbox;
pub use lettre::AsyncTransport;
use lettre::{AsyncSmtpTransport, Message, Tokio1Executor};

use super::repo;
use crate::db::Db;
use crate::error::AppError;

/// An SMTP transport from a URL such as `smtps://user:pass@mail.example.vn` or
/// `smtp://mail.example.vn:587?tls=required`.
pub fn smtp(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map(|b| b.build()).map_err(|e| format!("SMTP_URL: {e}"))
}

/// A transport that writes each mail as `<uuid>.eml` into `dir` (created if missing).
pub fn folder(dir: &std::path::Path) -> Result<lettre::AsyncFileTransport<Tokio1Executor>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("MAIL_DIR {}: {e}", dir.display()))?;
    Ok(lettre::AsyncFileTransport::<Tokio1Executor>::new(dir))
}

/// Sends up to `limit` unsent mails from `from` through `transport`; marks each one sent.
/// A mail that cannot be built (a bad address) is marked sent too, with the reason logged, so
/// it does not block the rest. Returns how many were delivered.
pub async fn deliver<T>(db: &Db, transport: &T, from: &Mailbox, limit: i64) -> Result<usize, AppError>
where
    T: AsyncTransport + Sync,
    T::Error: std::fmt::Display,
{
    let mut delivered = 0;
    for (id, mail) in repo::unsent(db, limit).await? {
        let message = mail.recipient.parse::<Mailbox>().map_err(|e| e.to_string()).and_then(|to| {
            Message::builder()
                .from(from.clone())
                .to(to)
                .subject(mail.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
                .map_err(|e| e.to_string())
        });
        match message {
            Ok(message) => match transport.send(message).await {
                Ok(_) => delivered += 1,
                Err(err) => {
                    // The server may be down for a while: keep the mail for the next round.
                    tracing::warn!("mail to {} not sent yet: {err}", mail.recipient);
                    continue;
                }
            },
            Err(err) => tracing::error!("mail to {} cannot be sent: {err}", mail.recipient),
        }
        repo::mark_sent(db, id).await?;
    }
    Ok(delivered)
}

#[cfg(test)]
mod tests {
    use lettre::transport::stub::AsyncStubTransport;

    use super::*;

    #[tokio::test]
    async fn the_outbox_is_delivered_once_and_kept_while_the_server_fails() {
        let db = crate::db::connect_in_memory().await.unwrap();
        repo::queue_mail(&db, "lan@startup.vn", "Đặt lại mật khẩu", "https://portal/reset?token=x").await.unwrap();
        repo::queue_mail(&db, "not an address", "x", "y").await.unwrap();
        let from: Mailbox = "Sàn ĐMST <no-reply@khanhhoa.gov.vn>".parse().unwrap();

        let down = AsyncStubTransport::new_error();
        assert_eq!(deliver(&db, &down, &from, 10).await.unwrap(), 0);
        assert_eq!(repo::unsent(&db, 10).await.unwrap().len(), 1, "kept for later; the bad address is given up");

        let up = AsyncStubTransport::new_ok();
        assert_eq!(deliver(&db, &up, &from, 10).await.unwrap(), 1);
        let sent = up.messages().await;
        assert_eq!(sent.len(), 1);
        assert!(sent[0].1.contains("reset?token=x"));
        assert_eq!(deliver(&db, &up, &from, 10).await.unwrap(), 0, "sent once");
    }

    #[tokio::test]
    async fn without_a_mail_server_mail_is_written_to_a_folder() {
        let db = crate::db::connect_in_memory().await.unwrap();
        repo::queue_mail(&db, "lan@startup.vn", "Xác nhận", "https://portal/confirm?token=abc").await.unwrap();
        let dir = std::env::temp_dir().join(format!("kh-mail-{}", crate::accounts::secret::new_token().unwrap()));
        let folder = folder(&dir).unwrap();
        let from: Mailbox = "Sàn ĐMST <no-reply@khanhhoa.gov.vn>".parse().unwrap();
        assert_eq!(deliver(&db, &folder, &from, 10).await.unwrap(), 1);
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|f| f.unwrap().path()).collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("lan@startup.vn"), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
