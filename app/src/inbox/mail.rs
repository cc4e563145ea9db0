//! News by mail: each person's notifications not mailed yet, at once or in one summary each
//! morning, as they chose; nothing for those who read the inbox only.

use chrono::{DateTime, Duration, SecondsFormat, Timelike, Utc};

use super::model::Notification;
use super::repo::{self, Waiting};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;

/// The hour in Khánh Hòa from which the daily summary goes.
const DIGEST_HOUR: u32 = 7;
/// People read per round.
const PAGE: i64 = 200;

/// Queues the mail due now: answers how many went. `origin`: the portal's public address, for
/// links.
pub async fn send_news(db: &Db, origin: &str) -> Result<usize, AppError> {
    send_news_at(db, origin, Utc::now()).await
}

/// `send_news` as if it were `at`.
pub async fn send_news_at(db: &Db, origin: &str, at: DateTime<Utc>) -> Result<usize, AppError> {
    let stamp = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut sent = 0;
    let mut after = 0;
    loop {
        let people = repo::waiting(db, after, PAGE).await?;
        for person in &people {
            let daily = person.mode == "daily";
            if daily && !digest_due(person.digest_at.as_deref(), at) {
                continue;
            }
            let news = repo::take_unmailed(db, person.user_id, &stamp).await?;
            if news.is_empty() {
                continue;
            }
            let (subject, body) = compose(person, &news, origin, daily);
            crate::accounts::repo::queue_mail(db, &person.email, &subject, &body).await?;
            if daily {
                repo::set_digest_at(db, person.user_id, &stamp).await?;
            }
            sent += 1;
        }
        match people.last() {
            Some(last) if people.len() as i64 == PAGE => after = last.user_id,
            _ => return Ok(sent),
        }
    }
}

/// Whether a daily summary is due at `at`: from 7:00 in Khánh Hòa, once a local day.
fn digest_due(last: Option<&str>, at: DateTime<Utc>) -> bool {
    let local = |t: DateTime<Utc>| t + Duration::hours(7);
    if local(at).hour() < DIGEST_HOUR {
        return false;
    }
    match last.and_then(|l| DateTime::parse_from_rfc3339(l).ok()) {
        Some(last) => local(last.with_timezone(&Utc)).date_naive() < local(at).date_naive(),
        None => true,
    }
}

/// The subject and text of one mail, in the person's language (both when they never chose).
fn compose(person: &Waiting, news: &[Notification], origin: &str, daily: bool) -> (String, String) {
    let langs: Vec<Lang> = match person.lang.as_deref().and_then(Lang::from_code) {
        Some(lang) => vec![lang],
        None => vec![Lang::Vi, Lang::En],
    };
    let text = |n: &Notification, lang: Lang| lang.pick(n.text_vi.as_str(), n.text_en.as_str()).to_string();
    let subject = match news {
        [one] => langs.iter().map(|l| text(one, *l)).collect::<Vec<_>>().join(" · "),
        _ => langs
            .iter()
            .map(|l| l.pick(format!("{} tin mới", news.len()), format!("{} new notices", news.len())))
            .collect::<Vec<_>>()
            .join(" · "),
    };
    // A subject is one line, not too long, and never ends in half a word.
    let line: String = subject.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let subject = crate::catalog::model::excerpt(&line, 150);
    let mut body = String::new();
    for lang in langs {
        let intro = match daily {
            true => lang.pick("Tin mới từ hôm qua", "What happened since yesterday"),
            false => lang.pick("Có tin mới", "Something happened"),
        };
        body.push_str(&format!(
            "{} {},\n\n{intro} {}:\n\n",
            lang.pick("Chào", "Hello"),
            person.name,
            lang.pick("trên Sàn Đổi mới sáng tạo Khánh Hòa", "on the Khánh Hòa Innovation Exchange")
        ));
        for n in news {
            body.push_str(&format!("- {}\n  {origin}{}\n", text(n, lang), n.link));
        }
        body.push_str(&format!(
            "\n{} {origin}/inbox#mail\n\n",
            lang.pick("Đổi cách nhận thư báo:", "Change how you are told by mail:")
        ));
    }
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_summary_goes_once_a_local_day_from_seven() {
        // 23:30 UTC is 6:30 the next morning in Khánh Hòa: too early.
        assert!(!digest_due(None, at("2026-12-05T23:30:00Z")));
        assert!(digest_due(None, at("2026-12-06T00:30:00Z")));
        assert!(!digest_due(Some("2026-12-06T00:30:00Z"), at("2026-12-06T10:00:00Z")), "sent today");
        assert!(digest_due(Some("2026-12-06T00:30:00Z"), at("2026-12-07T00:05:00Z")), "a new day");
    }

    #[test]
    fn a_mail_lists_each_notice_with_its_link_in_the_chosen_language() {
        let person = Waiting {
            user_id: 1,
            email: "lan@startup.vn".into(),
            name: "Lan".into(),
            mode: "now".into(),
            lang: Some("en".into()),
            digest_at: None,
        };
        let notice = |id, en: &str| Notification {
            id,
            topic: "introduction".into(),
            text_vi: "vi".into(),
            text_en: en.into(),
            link: "/mine#introductions".into(),
            created_at: String::new(),
            read_at: None,
        };
        let (subject, body) = compose(&person, &[notice(1, "A accepted\nyour request")], "https://kh.vn", false);
        assert_eq!(subject, "A accepted your request");
        assert!(body.contains("- A accepted\nyour request\n  https://kh.vn/mine#introductions"), "{body}");
        assert!(body.contains("https://kh.vn/inbox#mail") && !body.contains("Chào"), "{body}");
        let long = format!("{} accepted your request to meet about Anchovy sauce", "Phòng thí nghiệm ".repeat(9));
        let (subject, _) = compose(&person, &[notice(1, &long)], "https://kh.vn", false);
        let kept = subject.strip_suffix('…').expect("marked as cut");
        assert!(kept.chars().count() < 150 && long[kept.len()..].starts_with(' '), "cut between words: {subject}");
        let both = Waiting { lang: None, ..person };
        let (subject, body) = compose(&both, &[notice(1, "a"), notice(2, "b")], "https://kh.vn", true);
        assert_eq!(subject, "2 tin mới · 2 new notices");
        assert!(body.contains("Chào Lan") && body.contains("Hello Lan"), "{body}");
    }
}
