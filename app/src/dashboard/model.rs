//! What the dashboard page receives: figures, charts (SVG drawn on the server, each with the
//! table it was drawn from) and the resolution's indicators.

use serde::{Deserialize, Serialize};

use crate::catalog::model::Card;

/// One chart: its SVG and the rows it shows, so that a table can say the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// An anchor for the chart's section.
    pub id: String,
    pub title: String,
    /// One sentence saying what the chart shows most.
    pub summary: String,
    /// The chart as an SVG element, drawn on the server.
    pub svg: String,
    /// The table's column headings.
    pub columns: (String, String),
    pub rows: Vec<(String, String)>,
}

/// A figure of the portal's own activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: u64,
}

/// One indicator of the resolution with its recorded values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorStatus {
    pub code: String,
    pub name: String,
    pub target: String,
    /// Values by year, oldest first.
    pub values: Vec<IndicatorValue>,
    /// The newest value with its unit, as a person reads it.
    pub latest: Option<String>,
    /// Whether the newest value meets the target.
    pub met: Option<bool>,
    /// The change since the year before, as a person reads it ("+0,3 so với 2024").
    pub trend: Option<String>,
    /// The values drawn against the target, when there are any.
    pub svg: Option<String>,
}

/// A value an officer recorded for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub year: i32,
    pub value: f64,
    pub source: String,
}

/// Applications to one call or pilot, by where they stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub title: String,
    pub href: String,
    /// Counts in the order of the application stages.
    pub counts: Vec<u64>,
}

/// Everything the dashboard page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub figures: Vec<Figure>,
    pub indicators: Vec<IndicatorStatus>,
    pub charts: Vec<Chart>,
    /// Headings of the application table's count columns.
    pub stages: Vec<String>,
    pub applications: Vec<ApplicationRow>,
    /// Each lab's work through the portal, the most requested first.
    pub labs: Vec<LabUse>,
    /// Open calls whose deadline is within 30 days, soonest first.
    pub closing: Vec<Card>,
    /// The viewer may record indicator values.
    pub can_record: bool,
    /// The current year (the form's default).
    pub year: i32,
}

/// One lab's work through the portal (see `labs::lab_use`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LabUse {
    pub id: String,
    pub title: String,
    /// Priced services it lists.
    pub services: u64,
    /// Service requests it received.
    pub requests: u64,
    /// Requests whose quote was accepted.
    pub accepted: u64,
    /// The median of the days from samples received to results ready.
    pub median_turnaround_days: Option<f64>,
    /// Of the accepted requests, the percentage made for organizations of the province.
    pub province_share: Option<f64>,
    /// Hours of its instruments booked and approved, 91 days back to 91 days ahead.
    pub booked_hours: u64,
    /// Open hours its bookable instruments offer over the same days.
    pub offered_hours: u64,
}

impl LabUse {
    /// Booked hours as a percentage of offered hours; none without bookable instruments.
    pub fn instrument_use(&self) -> Option<f64> {
        (self.offered_hours > 0).then(|| 100.0 * self.booked_hours as f64 / self.offered_hours as f64)
    }
}
