//! `pacer history` for the terminal: one aligned row per run, within the terminal's width when
//! the caller knows it, in full otherwise (into a pipe nothing is cut). Writes no escape codes
//! beyond colour and asks the terminal nothing: the caller passes the width.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::HistoryReport;
use crate::report::runline::{TAIL, ending, header, row};
use crate::report::view::{MARK, Tone, WIDTH, fit, paint};

/// Writes the history as aligned text; colour only when `color` is on. With `cols` (the
/// terminal's width) the last column is cut to what is left of it, and never below the
/// 80-column layout's share; without, it is written whole.
pub fn write(
    history: &HistoryReport,
    color: bool,
    cols: Option<usize>,
    out: &mut impl Write,
) -> io::Result<()> {
    let tail = cols.map(|c| c.saturating_sub(WIDTH - TAIL).max(TAIL));
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
        let ending = ending(run);
        let cut = match tail {
            Some(tail) if ending.width() + marks.width() > tail => {
                fit(&ending, tail.saturating_sub(marks.width()))
            }
            _ => ending,
        };
        // Marks line up at the 80-column layout's place when the ending is short.
        let pad = TAIL.saturating_sub(marks.width() + cut.width());
        let end = format!("{cut}{}", " ".repeat(pad));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::report::RunFigures;
    use crate::report::history::row;
    use crate::testing::{one_section, run_from_times, secs};

    /// One run of a section whose name is far longer than the 80-column layout's last column.
    fn history_with_a_long_ending() -> HistoryReport {
        let plan = Arc::new(one_section(&["a", "b"]));
        let mut run = run_from_times(1, &plan, &secs(&[10, 10]), None);
        run.scope = Some("results-and-what-the-ablations-say-about-rank-and-latency".into());
        HistoryReport {
            title: "T".into(),
            runs: vec![row(&RunFigures::of(&run), None, &jiff::tz::TimeZone::UTC)],
        }
    }

    fn last_row(history: &HistoryReport, cols: Option<usize>) -> String {
        let mut out = Vec::new();
        write(history, false, cols, &mut out).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        text.lines().nth(4).expect("a run row").to_owned()
    }

    #[test]
    fn the_last_column_is_cut_only_to_the_terminal_it_is_shown_on() {
        let history = history_with_a_long_ending();
        let whole = ending(&history.runs[0]);
        assert!(
            whole.width() > TAIL,
            "the fixture's ending is long: {whole:?}"
        );
        let narrow = last_row(&history, Some(80));
        assert!(narrow.width() <= 80, "{narrow}");
        assert!(narrow.ends_with('…'), "{narrow}");
        for cols in [None, Some(200)] {
            let row = last_row(&history, cols);
            assert!(row.ends_with(&whole), "{cols:?}: {row}");
        }
    }
}
