//! What forms send and what pages show about a person's listings.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::catalog::model::Kind;
use crate::i18n::Lang;

/// A submitted record form. Text inputs are named `text[field]`, checkboxes `list[field][]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingForm {
    /// The kind's code.
    pub kind: String,
    /// Empty for a new record.
    #[serde(default)]
    pub id: String,
    /// `publish` or `draft`.
    #[serde(default)]
    pub save: String,
    #[serde(default)]
    pub text: HashMap<String, String>,
    #[serde(default)]
    pub list: HashMap<String, Vec<String>>,
}

/// A record's values as its form shows them (lists joined by lines).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues {
    pub text: HashMap<String, String>,
    pub list: HashMap<String, Vec<String>>,
}

impl FormValues {
    /// The values of a posted form (`text[name]`, `list[name][]`), to show it again.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut values = FormValues::default();
        for (key, value) in pairs {
            if let Some(name) = key.strip_prefix("list[").and_then(|k| k.strip_suffix("][]")) {
                values.list.entry(name.to_string()).or_default().push(value.clone());
            } else if let Some(name) = key.strip_prefix("text[").and_then(|k| k.strip_suffix(']')) {
                values.text.insert(name.to_string(), value.clone());
            }
        }
        values
    }
}

/// What the reference fields of a form may name, by title: a form never shows an id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// By field name.
    pub fields: HashMap<String, FieldChoices>,
}

/// The records one reference field may name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChoices {
    /// Only these may be chosen (the person's own labs or expert profiles): a list to pick from,
    /// not a box to type a name into.
    pub closed: bool,
    /// Id and label; labels are unique within the field (a shared title gets its id after it).
    pub options: Vec<(String, String)>,
}

/// What the edit page needs: the values, and whether the record is still a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editing {
    pub values: FormValues,
    pub draft: bool,
}

/// One of my listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyListing {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub draft: bool,
    /// When its owner last confirmed it is current (RFC 3339).
    pub confirmed_at: String,
    /// Whether it needs confirming now (unconfirmed for 90 days).
    pub due: bool,
    /// Out of public view (unconfirmed for 180 days, or hidden by an officer).
    pub hidden: bool,
    /// Hidden by an officer: only an officer shows it again.
    pub moderated: bool,
    /// Hidden because its organization (or the lab or expert it belongs to) is.
    #[serde(default)]
    pub held: bool,
    /// Taken down by its owner, and why.
    #[serde(default)]
    pub withdrawn: Option<Withdrawal>,
    /// A draft never published: its owner may delete it.
    #[serde(default)]
    pub never_published: bool,
}

/// Why an owner took a published listing down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Withdrawal {
    /// Found a partner.
    Found,
    /// No longer needed or offered.
    Done,
    /// To revise it before publishing again.
    Revise,
}

impl Withdrawal {
    pub const ALL: [Withdrawal; 3] = [Withdrawal::Found, Withdrawal::Done, Withdrawal::Revise];

    pub fn code(self) -> &'static str {
        match self {
            Withdrawal::Found => "found",
            Withdrawal::Done => "done",
            Withdrawal::Revise => "revise",
        }
    }

    pub fn from_code(code: &str) -> Option<Withdrawal> {
        Withdrawal::ALL.into_iter().find(|w| w.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Withdrawal::Found => lang.pick("Đã tìm được đối tác", "Found a partner"),
            Withdrawal::Done => lang.pick("Không còn nhu cầu", "No longer needed"),
            Withdrawal::Revise => lang.pick("Tạm gỡ để chỉnh sửa", "Taken down to revise"),
        }
    }
}

impl MyListing {
    pub fn href(&self) -> String {
        format!("{}/{}", self.kind.path(), self.id)
    }
}

/// What a record's page shows about its listing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingMeta {
    /// When its owner last confirmed it (RFC 3339); none for imported records.
    pub confirmed_at: Option<String>,
    /// An officer verified it (organizations).
    pub verified: bool,
    /// The viewer may edit it.
    pub editable: bool,
    /// The viewer may mark it verified.
    pub can_verify: bool,
    /// The viewer may hide it from the portal (officers).
    pub can_moderate: bool,
    /// It is not public: those who manage it see its page as a preview.
    pub preview: bool,
}

/// After this many days a listing's owner is asked to confirm it.
pub const CONFIRM_AFTER_DAYS: i64 = 90;
/// After this many days unconfirmed, a listing drops out of search and matches.
pub const HIDE_AFTER_DAYS: i64 = 180;
