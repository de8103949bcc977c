//! `report --questions --format markdown`: the questions table as a document to keep in notes.

use std::io::{self, Write};

use super::{QuestionsReport, strip};
use crate::report::Status;
use crate::report::view::{symbol, word};
use crate::timefmt::clock;

/// Writes a heading, the summary line, and one table row per question, the weakest first.
pub fn write(report: &QuestionsReport, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}", escape(&report.title))?;
    writeln!(out)?;
    writeln!(out, "{}", super::summary(report))?;
    writeln!(out)?;
    writeln!(
        out,
        "| # | question | asked | median | budget | verdict | ratings, oldest first |"
    )?;
    writeln!(out, "| ---: | --- | ---: | ---: | ---: | --- | --- |")?;
    for row in &report.rows {
        let number = row
            .number
            .map_or_else(|| "removed".to_owned(), |n| n.to_string());
        let median = row.median.map_or_else(|| "–".to_owned(), clock);
        let verdict = row.verdict.map_or_else(String::new, |v| {
            let status = Status::from(v);
            format!("{} {}", symbol(status), word(status))
        });
        let ratings = if row.answers.is_empty() {
            "not asked yet".to_owned()
        } else {
            strip(row, usize::MAX)
        };
        writeln!(
            out,
            "| {number} | {} | {} | {median} | {} | {verdict} | {ratings} |",
            escape(&super::one_line(&row.ask)),
            row.asked(),
            clock(row.budget),
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Ratings: ✓ good, ~ shaky, ✗ missed, – not rated. Weakest first (docs/reports.md)."
    )
}

/// Text as literal Markdown: characters that would format it, or end a cell, are escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::questions::{build, testing};

    #[test]
    fn a_row_per_question_escaped() {
        let (questions, drills) = testing::fixture();
        let report = build("Demo | talk", &questions, &drills, 0.8);
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("# Demo \\| talk\n"), "{text}");
        assert!(
            text.contains(
                "| 2 | Where do the \\<LoRA\\> layers attach? | 4 | 0:57 | 1:00 | ● within budget | ✓ ✓ ✓ ~ |\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "| removed | Old wording of gone? | 1 | 0:40 | 0:45 | ● within budget | ~ |\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("| 3 | How long, in all? | 0 | – | 1:00 |  | not asked yet |\n"),
            "{text}"
        );
    }
}
