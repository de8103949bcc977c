//! `plan --format markdown`: the timetable as a document to paste into notes or an issue.

use std::io::{self, Write};

use super::percent;
use super::questions;
use crate::plan::Plan;
use crate::talk::Question;
use crate::timefmt::clock;

/// Writes a heading, a table of sections, one table of slides per section, then a table of
/// the questions when the talk has some.
pub fn markdown(plan: &Plan, questions: &[Question], out: &mut impl Write) -> io::Result<()> {
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
    if !questions.is_empty() {
        list_questions(plan, questions, out)?;
    }
    Ok(())
}

/// `## Questions (3, 2:00 of answers)` and a table: number, question, budget, slide, tags.
fn list_questions(plan: &Plan, all: &[Question], out: &mut impl Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "## Questions ({}, {} of answers)",
        questions::count(all.len()),
        clock(questions::total(all))
    )?;
    writeln!(out)?;
    writeln!(out, "| # | question | budget | slide | tags |")?;
    writeln!(out, "| ---: | --- | ---: | --- | --- |")?;
    for q in questions::listed(plan, all) {
        let slide = q
            .slide
            .map(|(n, title)| format!("{n} {}", escape(title)))
            .unwrap_or_default();
        let tags: Vec<String> = q.question.tags.iter().map(|t| escape(t)).collect();
        writeln!(
            out,
            "| {} | {} | {} | {slide} | {} |",
            q.number,
            escape(&q.ask),
            clock(q.question.budget),
            tags.join(", ")
        )?;
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
        markdown(&fixture::plan(), &[], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("# Demo \\| talk\n"), "{text}");
        assert!(!text.contains("Questions"), "{text}");
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
    fn questions_get_a_table_after_the_slides() {
        let questions = crate::plan::render::questions::fixture::questions();
        let mut out = Vec::new();
        markdown(&fixture::plan(), &questions, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let tail = text
            .split_once("## Questions")
            .expect("a questions heading")
            .1;
        assert_eq!(
            tail,
            " (3 questions, 2:00 of answers)

| # | question | budget | slide | tags |
| ---: | --- | ---: | --- | --- |
| 1 | Why these numbers? | 0:30 | 4 Numbers, \"quoted\" |  |
| 2 | What does the Korean slide say, \\| in short? | 0:45 | 3 실험 결과 | results, i18n |
| 3 | Anything else? | 0:45 |  |  |
"
        );
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape("a|b *c* `d`"), "a\\|b \\*c\\* \\`d\\`");
    }
}
