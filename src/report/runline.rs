//! One run's line, as the text report heads each run and `pacer history` lists runs: number,
//! start, time spoken, delta and verdict, slides shown, how it ended.
//!
//! Owned by the report; the history listing is one of its users. Formats only: the figures
//! come computed in [`RunInfo`].

use std::fmt::Write as _;

use super::RunInfo;
use super::view::{Tone, WIDTH, fit, paint, right};
use crate::pace::Pace;
use crate::timefmt::{clock, delta};

/// Columns left for the tail of a run row.
pub const TAIL: usize = WIDTH - 59;

/// The header of run rows, with `tail` over the last column.
pub fn header(tail: &str) -> String {
    format!(
        "{}  {}  {}  {} {} {}  {tail}",
        right("run", 5),
        fit("started", 16),
        right("spoke", 6),
        right("delta", 6),
        fit("", 10),
        right("slides", 6),
    )
}

/// One run's row: number (`*` for an older outline), start, time spoken, delta and verdict,
/// slides shown; then `tail` (at most [`TAIL`] columns, painted by the caller).
pub fn row(run: &RunInfo, tail: &str, color: bool) -> String {
    let (verdict, tone) = verdict(run);
    format!(
        "{}{} {}  {}  {} {} {}  {tail}",
        right(&run.number.to_string(), 5),
        if run.outline_changed { "*" } else { " " },
        fit(&run.started_local, 16),
        right(&clock(run.talked), 6),
        paint(&right(&delta(run.shown_delta()), 6), tone, color),
        paint(&fit(verdict, 10), tone, color),
        right(&format!("{}/{}", run.covered, run.slides), 6),
    )
}

/// The verdict on a run's delta: on time, over or early for a whole talk (the words and
/// symbols of the screen's summary); behind (amber, or over past the grace) or on pace
/// for a run that stopped early or rehearsed part of the talk. A run with slides skipped that
/// stood ahead or on pace was ahead by the budgets it skipped: it says skipped, not on pace.
pub fn verdict(run: &RunInfo) -> (&'static str, Tone) {
    match run.on_time {
        Some(true) => ("● on time", Tone::Good),
        Some(false) if run.delta.is_positive() => ("▲ over", Tone::Bad),
        Some(false) => ("▼ early", Tone::Warn),
        // Behind as the live header judges it: amber, and over once a finish that late would
        // be over (past the grace).
        None => match Pace::of_offset(run.delta, run.grace) {
            Pace::Over => ("▲ behind", Tone::Bad),
            Pace::Amber => ("◆ behind", Tone::Warn),
            Pace::Fine if run.skipped > 0 => ("» skipped", Tone::Warn),
            Pace::Fine => ("● on pace", Tone::Good),
        },
    }
}

/// How the run ended, what part of the talk it set out to rehearse, and how many slides it
/// skipped.
pub fn ending(run: &RunInfo) -> String {
    let mut text = match (&run.scope, run.from) {
        (Some(scope), _) => format!("{}, section {scope}", run.ending()),
        (None, 0) => run.ending().to_owned(),
        (None, from) => format!("{}, from slide {}", run.ending(), from + 1),
    };
    // Short, to fit the last column of 80: the slides column and the header say the rest.
    if run.skipped > 0 {
        let _ = write!(text, ", {} skipped", run.skipped);
    }
    text
}

/// `4 slides skipped`, when any were.
pub fn skipped(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 slide skipped".to_owned()),
        n => Some(format!("{n} slides skipped")),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::rehearsal::EndReason;
    use crate::report::RunFigures;
    use crate::report::history::row;
    use crate::testing::{one_section, run_from_times};

    /// A `--section` run of six 10 s slides: each slide with a time (seconds) shown for it, the
    /// others jumped over.
    fn section_run(times: &[Option<u64>]) -> RunInfo {
        let plan = Arc::new(one_section(&["a", "b", "c", "d", "e", "f"]));
        let times: Vec<Option<Duration>> =
            times.iter().map(|t| t.map(Duration::from_secs)).collect();
        let mut run = run_from_times(1, &plan, &times, Some(EndReason::Finished));
        run.scope = Some("S".into());
        row(&RunFigures::of(&run), None, &jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn a_section_run_that_skipped_four_of_six_slides_is_not_on_pace() {
        // Slide 1, then End: slides 2 to 5 never shown, slide 6 spoken.
        let info = section_run(&[Some(10), None, None, None, None, Some(3)]);
        assert_eq!((info.covered, info.skipped), (2, 4));
        assert_eq!(info.delta, jiff::SignedDuration::from_secs(-47));
        assert_eq!(verdict(&info), ("» skipped", Tone::Warn));
        assert_eq!(ending(&info), "complete, section S, 4 skipped");
        // The same run without skips, as fast, is on pace.
        let whole = section_run(&[Some(10); 6]);
        assert_eq!(verdict(&whole), ("● on pace", Tone::Good));
        assert_eq!(ending(&whole), "complete, section S");
    }

    #[test]
    fn a_whole_run_far_under_its_budget_is_early_in_the_screens_word_and_symbol() {
        let plan = Arc::new(one_section(&["a", "b", "c", "d", "e", "f"]));
        let times = vec![Some(Duration::from_secs(1)); 6];
        let run = run_from_times(1, &plan, &times, Some(EndReason::Finished));
        let info = row(&RunFigures::of(&run), None, &jiff::tz::TimeZone::UTC);
        assert!(!info.on_time.unwrap_or(true), "{:?}", info.on_time);
        let (word, tone) = verdict(&info);
        assert_eq!((word, tone), ("▼ early", Tone::Warn));
        assert!(word.starts_with(crate::symbols::EARLY));
    }

    #[test]
    fn a_run_stopped_less_than_half_a_second_behind_is_on_pace() {
        let stopped = |ms: i64| RunInfo {
            end: Some(EndReason::Quit),
            complete: false,
            on_time: None,
            delta: jiff::SignedDuration::from_millis(ms),
            ..crate::report::testing::info(1)
        };
        // It shows as `+0:00`: not `+0:00 ▲ behind`.
        assert_eq!(verdict(&stopped(300)), ("● on pace", Tone::Good));
        assert_eq!(verdict(&stopped(600)), ("◆ behind", Tone::Warn), "+0:01");
        assert_eq!(
            verdict(&stopped(30_000)),
            ("◆ behind", Tone::Warn),
            "within grace"
        );
        assert_eq!(
            verdict(&stopped(30_001)),
            ("▲ behind", Tone::Bad),
            "past grace"
        );
    }
}
