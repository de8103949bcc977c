//! The timetable written out: one file per format, each a function over a [`Plan`] (and the
//! talk's questions, listed after the timetable where the format has room) that writes to
//! `&mut impl Write`.
//!
//! Text and Markdown are for people (`m:ss`); JSON and CSV are for machines (integer `*_ms`) and
//! follow the schemas in `docs/plan-output.md`, which only ever gain fields. Nothing here reads a
//! file, the clock or the terminal.

mod csv;
mod html;
mod json;
mod markdown;
mod questions;
mod text;

pub use csv::csv;
pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use text::text;

use super::Plan;

/// The section's share of the talk as a whole percentage, for people.
fn percent(plan: &Plan, section: usize) -> String {
    format!("{:.0}%", plan.section_share(section) * 100.0)
}

#[cfg(test)]
pub(crate) mod fixture {
    use crate::plan::Plan;
    use crate::talk::Source;

    /// A small talk with an explicit section budget, an optional and a locked slide, a wide
    /// (Korean) title and a title that needs escaping in Markdown and CSV.
    pub const TALK: &str = r#"
title = "Demo | talk"
budget = "10m"

[[section]]
title = "Opening"
budget = "1m 30s"
slides = ["Title", { title = "Who I am", budget = "15s" }]

[[section]]
title = "결과"
slides = [
  { title = "실험 결과", optional = true },
  { title = "Numbers, \"quoted\"", lock = true, id = "numbers" },
]
"#;

    pub fn plan() -> Plan {
        crate::load(&Source::new("demo.toml", TALK)).unwrap().plan
    }
}
