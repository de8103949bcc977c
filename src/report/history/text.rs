//! `pacer history` for the terminal: one aligned row per run, within 80 columns.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::HistoryReport;
use crate::report::RunInfo;
use crate::report::view::{MARK, Tone, fit, paint, right};
use crate::timefmt::{clock, delta_ms};

/// The widest line the text writes.
const WIDTH: usize = 80;

/// Writes the history as aligned text; colour only when `color` is on.
pub fn write(history: &HistoryReport, color: bool, out: &mut impl Write) -> io::Result<()> {
    let n = history.runs.len();
    let title = format!(
        "{}: {n} {} recorded",
        history.title,
        if n == 1 { "rehearsal" } else { "rehearsals" }
    );
    writeln!(out, "{}", paint(&fit(&title, WIDTH), Tone::Bold, color).trim_end())?;
    writeln!(out)?;
    let header = format!(
        "{}  {}  {}  {} {} {}  end",
        right("run", 6),
        fit("started", 16),
        right("spoke", 6),
        right("delta", 6),
        fit("", 10),
        right("slides", 6),
    );
    writeln!(out, "{}", paint(&header, Tone::Dim, color))?;
    for run in &history.runs {
        let (verdict, tone) = verdict(run);
        let marks = if run.marks.is_empty() {
            String::new()
        } else {
            format!("  {MARK} {}", run.marks.len())
        };
        let line = format!(
            "{}{}  {}  {}  {} {} {}  ",
            right(&run.number.to_string(), 5),
            if run.outline_changed { "*" } else { " " },
            fit(&run.started_local, 16),
            right(&clock(run.talked), 6),
            paint(&right(&delta_ms(run.delta_ms), 6), tone, color),
            paint(&fit(verdict, 10), tone, color),
            right(&format!("{}/{}", run.covered, run.slides), 6),
        );
        let used = 5 + 1 + 2 + 16 + 2 + 6 + 2 + 6 + 1 + 10 + 1 + 6 + 2 + marks.width();
        let end = fit(&ending(run), WIDTH.saturating_sub(used));
        writeln!(out, "{}", format!("{line}{end}{marks}").trim_end())?;
    }
    if history.runs.iter().any(|r| r.outline_changed) {
        writeln!(out)?;
        writeln!(out, "* rehearsed against an older outline of the talk")?;
    }
    Ok(())
}

/// The verdict on a run's delta: on time, over or under for a whole talk; behind or on pace
/// for a run that stopped early or rehearsed part of the talk.
pub fn verdict(run: &RunInfo) -> (&'static str, Tone) {
    match run.on_time {
        Some(true) => ("✓ on time", Tone::Good),
        Some(false) if run.delta_ms > 0 => ("▲ over", Tone::Bad),
        Some(false) => ("▼ under", Tone::Warn),
        None if run.delta_ms > 0 => ("▲ behind", Tone::Bad),
        None => ("✓ on pace", Tone::Good),
    }
}

/// How the run ended, and what part of the talk it set out to rehearse.
pub fn ending(run: &RunInfo) -> String {
    let mut end = run.ending().to_owned();
    if let Some(scope) = &run.scope {
        end.push_str(", section ");
        end.push_str(scope);
    } else if run.from > 0 {
        end.push_str(&format!(", from slide {}", run.from + 1));
    }
    end
}
