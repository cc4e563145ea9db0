//! What the import page shows: the verdict of each line of a file, and the counts.

use serde::{Deserialize, Serialize};

use crate::catalog::model::Kind;
use crate::i18n::Lang;

/// The import page.
pub const IMPORT_PAGE: &str = "/admin/import";
/// Where its form sends the file.
pub const SEND_PATH: &str = "/admin/import/file";

/// Lines of each verdict the page lists (the counts cover every line).
pub const LISTED: usize = 500;

/// What a line of the file does, or would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    New,
    Updated,
    Unchanged,
    Rejected,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [Verdict::New, Verdict::Updated, Verdict::Unchanged, Verdict::Rejected];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::New => lang.pick("Mới", "New"),
            Verdict::Updated => lang.pick("Cập nhật", "Updated"),
            Verdict::Unchanged => lang.pick("Không đổi", "Unchanged"),
            Verdict::Rejected => lang.pick("Bị từ chối", "Rejected"),
        }
    }
}

/// One line's verdict: the record it holds, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineVerdict {
    /// One-based, as a spreadsheet or an editor numbers the file's lines.
    pub line: usize,
    pub verdict: Verdict,
    pub record: Option<(Kind, String)>,
    pub reason: String,
}

/// The verdicts of a file's lines: how many of each, and the lines themselves (unchanged ones
/// counted only; at most `LISTED` of each other verdict), in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdicts {
    pub counts: [usize; 4],
    pub lines: Vec<LineVerdict>,
}

impl Verdicts {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.counts[verdict as usize]
    }

    /// Lines that would be stored (new, updated or unchanged).
    pub fn stored(&self) -> usize {
        self.count(Verdict::New) + self.count(Verdict::Updated) + self.count(Verdict::Unchanged)
    }
}

/// A file sent for import, as its sender sees it: checked, or stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub token: String,
    pub file_name: String,
    pub sent_at: String,
    /// What the lines would do (what they did, once stored).
    pub verdicts: Verdicts,
    pub stored: bool,
}

#[cfg(feature = "ssr")]
impl Verdicts {
    /// The verdicts of `report`, reasons said in `lang` (the language of whoever sent or stored
    /// the file: they are kept as said).
    pub fn of(report: &crate::catalog::import::ImportReport, lang: Lang) -> Self {
        use crate::catalog::repo::Outcome;
        let mut verdicts = Verdicts::default();
        let stored = report.stored.iter().map(|s| {
            let verdict = match s.outcome {
                Outcome::Inserted => Verdict::New,
                Outcome::Updated => Verdict::Updated,
                Outcome::Unchanged => Verdict::Unchanged,
            };
            LineVerdict { line: s.line, verdict, record: Some((s.kind, s.id.clone())), reason: String::new() }
        });
        let rejected = report.rejected.iter().map(|r| LineVerdict {
            line: r.line,
            verdict: Verdict::Rejected,
            record: None,
            reason: match &r.reason {
                // A CSV row the reader could not make a record of: the reader's words.
                crate::catalog::import::Reason::Row(words) => crate::opendata::csv_read::said(lang, words),
                reason => reason.say(lang),
            },
        });
        let mut lines: Vec<LineVerdict> = stored.chain(rejected).collect();
        lines.sort_by_key(|l| l.line);
        for line in lines {
            let count = &mut verdicts.counts[line.verdict as usize];
            *count += 1;
            if line.verdict != Verdict::Unchanged && *count <= LISTED {
                verdicts.lines.push(line);
            }
        }
        verdicts
    }
}
