//! The plan as a printable cue sheet: one self-contained HTML page, a table per section with
//! every slide's checkpoint ("starts at") in large type, to lay beside the laptop on the day.
//!
//! Markup only, through [`crate::html`]; nothing here reads a file or the clock.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::percent;
use super::questions;
use crate::html::{escape, head, page, row};
use crate::plan::Plan;
use crate::talk::Question;
use crate::timefmt::clock;

/// Writes the cue sheet of `plan`, and a table of the talk's questions after it.
pub fn html(plan: &Plan, questions: &[Question], out: &mut impl Write) -> io::Result<()> {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&plan.title));
    let _ = writeln!(
        body,
        "<p class=\"meta\">{} budget, {} sections, {} slides; on time within ±{}</p>",
        clock(plan.budget),
        plan.sections.len(),
        plan.slides.len(),
        clock(plan.grace)
    );
    for (s, section) in plan.sections.iter().enumerate() {
        let _ = writeln!(
            body,
            "<section>\n<h2>{} · starts at {} · {} ({})</h2>",
            escape(&section.title),
            clock(section.start),
            clock(section.budget),
            percent(plan, s)
        );
        body.push_str("<table class=\"cue\">\n");
        body.push_str(&head(&[
            ("t", "#"),
            ("t", "starts at"),
            ("", "slide"),
            ("t", "budget"),
            ("", ""),
        ]));
        for i in section.slides.clone() {
            let slide = &plan.slides[i];
            let flags = [(slide.optional, "optional"), (slide.lock, "locked")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, word)| *word)
                .collect::<Vec<_>>()
                .join(", ");
            body.push_str(&row(
                "",
                &[
                    ("t", &(i + 1).to_string()),
                    ("t at", &clock(slide.start)),
                    ("", &slide.title),
                    ("t", &clock(slide.budget)),
                    ("", &flags),
                ],
            ));
        }
        body.push_str("</table>\n</section>\n");
    }
    let _ = writeln!(
        body,
        "<p class=\"meta\">Finish at {}.</p>",
        clock(plan.budget)
    );
    if !questions.is_empty() {
        list_questions(plan, questions, &mut body);
    }
    out.write_all(page(&plan.title, &body).as_bytes())
}

/// A section after the timetable: every question with its budget, slide and tags.
fn list_questions(plan: &Plan, all: &[Question], body: &mut String) {
    let _ = writeln!(
        body,
        "<section>\n<h2>Questions · {} · {} of answers</h2>",
        questions::count(all.len()),
        clock(questions::total(all))
    );
    body.push_str("<table class=\"questions\">\n");
    body.push_str(&head(&[
        ("t", "#"),
        ("", "question"),
        ("t", "budget"),
        ("", "slide"),
        ("", "tags"),
    ]));
    for q in questions::listed(plan, all) {
        let slide = q
            .slide
            .map(|(n, title)| format!("{n} {title}"))
            .unwrap_or_default();
        body.push_str(&row(
            "",
            &[
                ("t", &q.number.to_string()),
                ("", &q.ask),
                ("t", &clock(q.question.budget)),
                ("", &slide),
                ("", &q.question.tags.join(", ")),
            ],
        ));
    }
    body.push_str("</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::render::fixture;

    #[test]
    fn every_section_and_slide_is_on_the_sheet() {
        let mut plan = fixture::plan();
        plan.title = "<Demo> & \"talk\" 🎤".into();
        plan.sections[0].title = "Opening & <intro> 'one'".into();
        plan.slides[0].title = "a < b && c > d 🚀".into();
        let mut out = Vec::new();
        html(&plan, &[], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let doc = crate::html::tests::parse(&text);
        let cells: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("td") || n.has_tag_name("h2"))
            .map(|n| n.text().unwrap_or("").to_owned())
            .collect();
        for slide in &plan.slides {
            assert!(cells.contains(&slide.title), "{}", slide.title);
        }
        let title = doc.descendants().find(|n| n.has_tag_name("h1"));
        assert_eq!(title.and_then(|n| n.text()), Some(plan.title.as_str()));
        // Checkpoints in large type: a cell per slide with its planned start.
        let starts = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("t at"))
            .count();
        assert_eq!(starts, plan.slides.len());
        for section in &plan.sections {
            assert!(
                cells
                    .iter()
                    .any(|c| c.starts_with(&format!("{} · starts at", section.title))),
                "{}",
                section.title
            );
        }
    }

    #[test]
    fn questions_follow_the_sheet_escaped() {
        let mut questions = crate::plan::render::questions::fixture::questions();
        questions[2].ask = "<b>bold</b> & \"more\"?".into();
        let mut out = Vec::new();
        html(&fixture::plan(), &questions, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let doc = crate::html::tests::parse(&text);
        let table = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("questions"))
            .expect("a questions table");
        let cells: Vec<&str> = table
            .descendants()
            .filter(|n| n.has_tag_name("td"))
            .map(|n| n.text().unwrap_or(""))
            .collect();
        assert_eq!(
            cells,
            [
                "1",
                "Why these numbers?",
                "0:30",
                "4 Numbers, \"quoted\"",
                "",
                "2",
                "What does the Korean slide say, | in short?",
                "0:45",
                "3 실험 결과",
                "results, i18n",
                "3",
                "<b>bold</b> & \"more\"?",
                "0:45",
                "",
                ""
            ]
        );
    }
}
