//! `report --questions` for the terminal: one aligned row per question, the weakest first,
//! within 80 columns; symbols for every state, colour only when asked for.
//!
//! ```text
//! Demo
//! Questions · 3 in the talk · 4 drills · 7 answers
//!
//!   #  question                              asked  median  budget  ratings
//!      Old wording of gone?                      1  ● 0:40    0:45  ~
//!   2  Where do the <LoRA> layers attach?        4  ● 0:57    1:00  ✓ ✓ ✓ ~
//! ```

use std::io::{self, Write};

use super::{QuestionRow, QuestionsReport, strip};
use crate::report::Status;
use crate::report::view::{Tone, fit, paint, right, symbol};
use crate::timefmt::clock;

/// Columns of the question text.
const ASK: usize = 36;
/// Ratings shown per row; older ones are left out with `…`.
const KEEP: usize = 6;

/// Writes the questions report as aligned text.
pub fn write(report: &QuestionsReport, color: bool, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        paint(
            &fit(&report.title, crate::report::view::WIDTH),
            Tone::Bold,
            color
        )
        .trim_end()
    )?;
    writeln!(out, "{}", super::summary(report))?;
    writeln!(out)?;
    if report.rows.is_empty() {
        writeln!(out, "The talk has no questions, and no drill asked any.")?;
        return Ok(());
    }
    let header = format!(
        "{:>3}  {}  {:>5}  {:>6}  {:>6}  ratings",
        "#",
        fit("question", ASK),
        "asked",
        "median",
        "budget"
    );
    writeln!(out, "{}", paint(&header, Tone::Dim, color))?;
    for row in &report.rows {
        writeln!(out, "{}", line(row, color).trim_end())?;
    }
    writeln!(out)?;
    for legend in LEGEND {
        writeln!(out, "{legend}")?;
    }
    Ok(())
}

/// The legend under the table.
const LEGEND: [&str; 3] = [
    "median against the budget: ● on time  ◆ a bit over  ▲ over",
    "ratings, oldest first: ✓ good  ~ shaky  ✗ missed  – not rated (drill cut short)",
    "weakest first; a question without a number is no longer in the talk",
];

fn line(row: &QuestionRow, color: bool) -> String {
    let number = row.number.map(|n| n.to_string()).unwrap_or_default();
    let median = match (row.median, row.verdict) {
        (Some(median), Some(verdict)) => {
            let status = Status::from(verdict);
            let shown = format!("{} {}", symbol(status), clock(median));
            paint(&right(&shown, 6), Tone::of(status), color)
        }
        _ => right("–", 6),
    };
    let ratings = if row.answers.is_empty() {
        paint("not asked yet", Tone::Dim, color)
    } else {
        strip(row, KEEP)
    };
    format!(
        "{:>3}  {}  {:>5}  {median}  {:>6}  {ratings}",
        number,
        fit(&super::one_line(&row.ask), ASK),
        row.asked(),
        clock(row.budget),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::questions::{build, testing};

    #[test]
    fn one_aligned_row_per_question_weakest_first() {
        let (questions, drills) = testing::fixture();
        let report = build("Demo | talk", &questions, &drills, 0.8);
        let mut out = Vec::new();
        write(&report, false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Demo | talk
Questions · 3 in the talk · 4 drills · 7 answers

  #  question                              asked  median  budget  ratings
     Old wording of gone?                      1  ● 0:40    0:45  ~
  2  Where do the <LoRA> layers attach?        4  ● 0:57    1:00  ✓ ✓ ✓ ~
  1  Why rank 8?                               2  ● 0:23    0:30  ✗ ✓
  3  How long, in all?                         0       –    1:00  not asked yet

median against the budget: ● on time  ◆ a bit over  ▲ over
ratings, oldest first: ✓ good  ~ shaky  ✗ missed  – not rated (drill cut short)
weakest first; a question without a number is no longer in the talk
"
        );
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let (questions, drills) = testing::fixture();
        let report = build("Demo", &questions, &drills, 0.8);
        let mut plain = Vec::new();
        write(&report, false, &mut plain).unwrap();
        assert!(!plain.contains(&0x1b));
        let mut coloured = Vec::new();
        write(&report, true, &mut coloured).unwrap();
        assert!(
            String::from_utf8(coloured)
                .unwrap()
                .contains("\x1b[32m● 0:40")
        );
    }
}
