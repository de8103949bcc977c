//! `pacer history` for the terminal: one aligned row per run, within 80 columns.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::HistoryReport;
use crate::report::runline::{TAIL, ending, header, row};
use crate::report::view::{MARK, Tone, WIDTH, fit, paint};

/// Writes the history as aligned text; colour only when `color` is on.
pub fn write(history: &HistoryReport, color: bool, out: &mut impl Write) -> io::Result<()> {
    let n = history.runs.len();
    writeln!(
        out,
        "{}",
        paint(&fit(&history.title, WIDTH), Tone::Bold, color).trim_end()
    )?;
    writeln!(
        out,
        "{n} {} recorded",
        if n == 1 { "rehearsal" } else { "rehearsals" }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", paint(&header("end"), Tone::Dim, color))?;
    for run in &history.runs {
        let marks = if run.marks.is_empty() {
            String::new()
        } else {
            format!("  {MARK} {}", run.marks.len())
        };
        let end = fit(&ending(run), TAIL.saturating_sub(marks.width()));
        writeln!(
            out,
            "{}",
            row(run, &format!("{end}{marks}"), color).trim_end()
        )?;
    }
    if history.runs.iter().any(|r| r.outline_changed) {
        writeln!(out)?;
        writeln!(out, "* rehearsed against an older outline of the talk")?;
    }
    Ok(())
}
