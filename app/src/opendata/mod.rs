//! Open data for people and other systems: CSV of every list with its filters (and read back
//! for imports), Atom feeds of
//! open calls, accepting pilots and new offers, the sitemap and robots.txt, and the page that
//! explains them with the licence.

#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod csv_read;
#[cfg(feature = "ssr")]
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod http;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod sitemap;

/// The licence of the open data.
pub const LICENCE_NAME: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

use crate::catalog::model::Kind;
use crate::i18n::Lang;

/// The Atom feeds the portal publishes, one per kind that has news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Calls,
    Pilots,
    Offers,
}

impl Topic {
    pub const ALL: [Topic; 3] = [Topic::Calls, Topic::Pilots, Topic::Offers];

    /// Its file name under `/feeds/`.
    pub fn file(self) -> &'static str {
        match self {
            Topic::Calls => "calls.atom",
            Topic::Pilots => "pilots.atom",
            Topic::Offers => "offers.atom",
        }
    }

    /// The feed's address, of one sector if given, in `lang` (Vietnamese, the default, needs
    /// no parameter).
    pub fn href(self, sector: Option<&str>, lang: Lang) -> String {
        let mut query = Vec::new();
        if let Some(sector) = sector {
            query.push(format!("sector={}", crate::text::url_encode(sector)));
        }
        if lang != Lang::Vi {
            query.push(format!("lang={}", lang.code()));
        }
        let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
        format!("/feeds/{}{query}", self.file())
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Topic::Calls => lang.pick("Đợt gọi đề xuất đang mở", "Open calls for proposals"),
            Topic::Pilots => {
                lang.pick("Thử nghiệm có kiểm soát đang nhận hồ sơ", "Sandbox pilots accepting applications")
            }
            Topic::Offers => lang.pick("Công nghệ mới chào bán", "New technology offers"),
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Topic::Calls => Kind::Call,
            Topic::Pilots => Kind::Pilot,
            Topic::Offers => Kind::Offer,
        }
    }

    /// The feed of a kind's list, if it has one.
    pub fn of(kind: Kind) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.kind() == kind)
    }
}
