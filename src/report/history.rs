//! The list of recorded runs (`pacer history`): one row per run, and its formats.
//!
//! Each run is read against the budget it was rehearsed against (a history is a log of what
//! happened); a run of an older outline says so.

pub mod csv;
pub mod json;
pub mod text;

use super::{RunFigures, RunInfo};
use crate::plan::Plan;

/// Every run of a history, oldest first.
#[derive(Debug, Clone)]
pub struct HistoryReport {
    /// The talk's title (the current talk's, or the newest run's outline).
    pub title: String,
    pub runs: Vec<RunInfo>,
}

/// A run's history row, against the plan it was rehearsed against; `current` (the talk's
/// plan, when it loads) tells an older outline apart.
pub fn row(run: &RunFigures, current: Option<&Plan>, tz: &jiff::tz::TimeZone) -> RunInfo {
    RunInfo::new(run, run.plan.budget, run.plan.grace, current, tz)
}
