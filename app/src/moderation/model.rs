//! What the officers' queue shows: listings people published or changed that nobody has looked
//! at, and listings people reported, with who owns them; and the accounts suspended.

use serde::{Deserialize, Serialize};

use crate::catalog::model::Kind;

/// A listing waiting for an officer: new or changed, reported, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// When it was published or last changed (UTC, as stored).
    pub changed_at: String,
    /// Published or changed by its owner since an officer last looked.
    pub unreviewed: bool,
    pub owner: Option<Owner>,
    /// The open reports, newest first.
    pub reports: Vec<Report>,
}

/// Who manages a queued listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// Officers and admins: only an admin suspends them, never from the queue.
    pub staff: bool,
    pub suspended: bool,
}

/// Why someone reported a listing, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub reason: String,
    pub at: String,
}

/// A suspended account, with why and since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suspended {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub reason: String,
    pub since: String,
}
