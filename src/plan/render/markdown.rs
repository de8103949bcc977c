//! `plan --format markdown`: the timetable as a document to paste into notes or an issue.

use std::io::{self, Write};

use super::percent;
use crate::plan::Plan;
use crate::timefmt::clock;

/// Writes a heading, a table of sections, then one table of slides per section.
pub fn markdown(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}", escape(&plan.title))?;
    writeln!(out)?;
    writeln!(
        out,
        "Budget **{}**, {} sections, {} slides.",
        clock(plan.budget),
        plan.sections.len(),
        plan.slides.len()
    )?;
    if !plan.unassigned.is_zero() {
        writeln!(out)?;
        writeln!(
            out,
            "{} of the budget is assigned to no slide.",
            clock(plan.unassigned)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "| section | budget | start | end | share |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    for (s, section) in plan.sections.iter().enumerate() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&section.title),
            clock(section.budget),
            clock(section.start),
            clock(plan.section_end(s)),
            percent(plan, s)
        )?;
    }
    for (s, section) in plan.sections.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "## {} ({} from {})",
            escape(&section.title),
            clock(section.budget),
            clock(section.start)
        )?;
        writeln!(out)?;
        writeln!(out, "| # | slide | budget | start | end | |")?;
        writeln!(out, "| ---: | --- | ---: | ---: | ---: | --- |")?;
        for i in plan.sections[s].slides.clone() {
            let slide = &plan.slides[i];
            let flags = [(slide.optional, "optional"), (slide.lock, "locked")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, name)| *name)
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {flags} |",
                i + 1,
                escape(&slide.title),
                clock(slide.budget),
                clock(slide.start),
                clock(plan.slide_end(i)),
            )?;
        }
    }
    Ok(())
}

/// A title as literal Markdown text: characters that would format it, or end a table cell,
/// are escaped.
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
    use crate::plan::render::fixture;

    #[test]
    fn tables_per_section_with_escaped_titles() {
        let mut out = Vec::new();
        markdown(&fixture::plan(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("# Demo \\| talk\n"), "{text}");
        assert!(
            text.contains("| Opening | 1:30 | 0:00 | 1:30 | 15% |\n"),
            "{text}"
        );
        assert!(text.contains("## 결과 (8:30 from 1:30)\n"), "{text}");
        assert!(
            text.contains("| 3 | 실험 결과 | 4:15 | 1:30 | 5:45 | optional |\n"),
            "{text}"
        );
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape("a|b *c* `d`"), "a\\|b \\*c\\* \\`d\\`");
    }
}
