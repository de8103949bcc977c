//! `report --questions --format html`: the questions table on one self-contained page, to keep
//! and print. Markup only, through [`crate::html`].

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{QuestionsReport, strip};
use crate::html::{escape, head, page, row};
use crate::report::Status;
use crate::report::view::{symbol, word};
use crate::timefmt::clock;

/// Writes the page.
pub fn write(report: &QuestionsReport, out: &mut impl Write) -> io::Result<()> {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&report.title));
    let _ = writeln!(
        body,
        "<p class=\"meta\">{}</p>",
        escape(&super::summary(report))
    );
    body.push_str("<table>\n");
    body.push_str(&head(&[
        ("t", "#"),
        ("", "question"),
        ("t", "asked"),
        ("t", "median"),
        ("t", "budget"),
        ("", "verdict"),
        ("", "ratings, oldest first"),
    ]));
    for r in &report.rows {
        let number = r
            .number
            .map_or_else(|| "removed".to_owned(), |n| n.to_string());
        let median = r.median.map_or_else(|| "–".to_owned(), clock);
        let verdict = r.verdict.map_or_else(String::new, |v| {
            let status = Status::from(v);
            format!("{} {}", symbol(status), word(status))
        });
        let ratings = if r.answers.is_empty() {
            "not asked yet".to_owned()
        } else {
            strip(r, usize::MAX)
        };
        let class = match r.verdict.map(Status::from) {
            Some(Status::Over) => "over",
            _ => "",
        };
        body.push_str(&row(
            class,
            &[
                ("t", &number),
                ("", &r.ask),
                ("t", &r.asked().to_string()),
                ("t", &median),
                ("t", &clock(r.budget)),
                ("", &verdict),
                ("", &ratings),
            ],
        ));
    }
    body.push_str("</table>\n");
    body.push_str(
        "<p class=\"meta\">Ratings: ✓ good, ~ shaky, ✗ missed, – not rated. The weakest first: \
         by the last answer's rating and time, then the share of weak answers.</p>\n",
    );
    out.write_all(page(&report.title, &body).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::questions::{build, testing};

    #[test]
    fn every_question_is_a_row_escaped() {
        let (questions, drills) = testing::fixture();
        let report = build("Demo & <talk>", &questions, &drills, 0.8);
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let doc = crate::html::tests::parse(&text);
        let cells: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("td"))
            .map(|n| n.text().unwrap_or(""))
            .collect();
        assert_eq!(cells.len(), 4 * 7);
        assert_eq!(
            cells[7..14],
            [
                "2",
                "Where do the <LoRA> layers attach?",
                "4",
                "0:57",
                "1:00",
                "● within budget",
                "✓ ✓ ✓ ~"
            ]
        );
        let title = doc.descendants().find(|n| n.has_tag_name("h1"));
        assert_eq!(title.and_then(|n| n.text()), Some("Demo & <talk>"));
    }
}
