//! `pacer history` for the terminal: one aligned row per run, within the terminal's width when
//! the caller knows it, in full otherwise (into a pipe nothing is cut). Writes no escape codes
//! beyond colour and asks the terminal nothing: the caller passes the width.

use std::fmt::Write as _;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{DrillLine, Entry, HistoryReport};
use crate::report::runline::{TAIL, ending, header, row};
use crate::report::view::{MARK, Tone, WIDTH, fit, paint, right};

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
    let drills = match history.drills.len() {
        0 => String::new(),
        1 => " and 1 drill".to_owned(),
        d => format!(" and {d} drills"),
    };
    writeln!(
        out,
        "{}",
        paint(&fit(&history.title, WIDTH), Tone::Bold, color).trim_end()
    )?;
    writeln!(
        out,
        "{n} {}{drills} recorded",
        if n == 1 { "rehearsal" } else { "rehearsals" }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", paint(&header("end"), Tone::Dim, color))?;
    for entry in history.in_time_order() {
        let run = match entry {
            Entry::Run(run) => run,
            Entry::Drill(drill) => {
                writeln!(out, "{}", drill_row(drill, color).trim_end())?;
                continue;
            }
        };
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

/// A drill's row among the runs: `Q` and its number, its start, then what it holds.
fn drill_row(drill: &DrillLine, color: bool) -> String {
    let mut what = format!("Q&A drill: {} answered  {}", drill.answered, drill.tally());
    if drill.over > 0 {
        let _ = write!(what, "  {} over budget", drill.over);
    }
    if drill.skipped > 0 {
        let _ = write!(what, "  {} skipped", drill.skipped);
    }
    // A drill quit early is not read as one that asked them all.
    if drill.not_asked > 0 {
        let _ = write!(what, "  {} not asked", drill.not_asked);
    }
    if !drill.ended {
        what.push_str(", cut short");
    }
    format!(
        "{}  {}  {}",
        right(&format!("Q{}", drill.number), 5),
        fit(&drill.started_local, 16),
        paint(&what, Tone::Plain, color)
    )
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
            drills: Vec::new(),
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

    #[test]
    fn drills_are_listed_among_the_runs_in_time_order() {
        let plan = Arc::new(one_section(&["a", "b"]));
        let tz = jiff::tz::TimeZone::UTC;
        let mut runs: Vec<_> = [1, 2]
            .map(|n| {
                let mut run = run_from_times(n, &plan, &secs(&[10, 10]), None);
                run.started_at = format!("2025-03-0{n}T08:00:00Z");
                row(&RunFigures::of(&run), None, &tz)
            })
            .into();
        runs.sort_by_key(|r| r.number);
        let (questions, drills) = crate::report::questions::testing::fixture();
        let _ = questions;
        let mut drills = drills[..2].to_vec();
        // The second quit early: one skipped, ten never asked.
        drills[1].skipped = 1;
        drills[1].not_asked = 10;
        let drills = drills
            .iter()
            .map(|d| super::super::drill_line(d, 0.8, &tz))
            .collect();
        let history = HistoryReport {
            title: "T".into(),
            runs,
            drills,
        };
        let mut out = Vec::new();
        write(&history, false, None, &mut out).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "2 rehearsals and 2 drills recorded");
        // Drill 1 at 2025-03-01 08:00 ties run 1 (runs first), drill 2 on 03-02 too.
        assert!(lines[4].starts_with("    1  2025-03-01 08:00"), "{text}");
        assert_eq!(
            lines[5],
            "   Q1  2025-03-01 08:00  Q&A drill: 2 answered  ✓1 ~0 ✗1"
        );
        assert!(lines[6].starts_with("    2  2025-03-02 08:00"), "{text}");
        assert_eq!(
            lines[7],
            "   Q2  2025-03-02 08:00  Q&A drill: 2 answered  ✓1 ~1 ✗0  1 skipped  10 not asked"
        );
    }
}
