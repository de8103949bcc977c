//! `plan` for people: an aligned timetable in `m:ss`, each section set apart with its budget,
//! start, end and share of the talk.
//!
//! ```text
//! Demo talk
//! 10:00 budget, 2 sections, 4 slides; amber at 80%, on time within ±0:30
//!
//!                 budget  start    end
//! Opening           1:30   0:00   1:30   15%
//!   1  Title        1:15   0:00   1:15
//! ```
//! Widths are measured with unicode-width (a Korean syllable takes two columns), never `len()`.

use std::fmt::Write as _;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::percent;
use super::questions::{self, Listed};
use crate::plan::Plan;
use crate::talk::Question;
use crate::timefmt::clock;

/// Titles wider than this are cut with `…` so the times stay in view.
const MAX_TITLE: usize = 48;
/// Questions are read whole more often than titles: they get more room before the cut.
const MAX_ASK: usize = 64;
/// Spaces between the slide number and its title, and before a slide's title.
const INDENT: usize = 2;
const GAP: &str = "  ";

/// Writes the timetable for people, then the talk's questions when it has some.
pub fn text(plan: &Plan, questions: &[Question], out: &mut impl Write) -> io::Result<()> {
    let layout = Layout::new(plan);
    writeln!(out, "{}", plan.title)?;
    writeln!(out, "{}", summary(plan))?;
    writeln!(out)?;
    writeln!(
        out,
        "{}{GAP}{}",
        pad("", layout.label),
        ["budget", "start", "end"]
            .map(|h| format!("{h:>w$}", w = layout.time))
            .join(GAP)
    )?;
    for (s, section) in plan.sections.iter().enumerate() {
        if s > 0 {
            writeln!(out)?;
        }
        let times = layout.times([section.budget, section.start, plan.section_end(s)]);
        let title = fit(&section.title, layout.label);
        writeln!(
            out,
            "{}{GAP}{times}{GAP}{:>4}",
            pad(&title, layout.label),
            percent(plan, s)
        )?;
        for i in section.slides.clone() {
            let slide = &plan.slides[i];
            let label = format!(
                "{:indent$}{:>n$}{:INDENT$}{}",
                "",
                i + 1,
                "",
                fit(&slide.title, layout.title),
                indent = INDENT,
                n = layout.number
            );
            let times = layout.times([slide.budget, slide.start, plan.slide_end(i)]);
            let flags = [(slide.optional, "optional"), (slide.lock, "locked")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, name)| *name)
                .collect::<Vec<_>>()
                .join(", ");
            let line = format!("{}{GAP}{times}{GAP}{flags}", pad(&label, layout.label));
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    if !plan.unassigned.is_zero() {
        writeln!(out)?;
        writeln!(
            out,
            "{} of the budget is assigned to no slide",
            clock(plan.unassigned)
        )?;
    }
    if !questions.is_empty() {
        writeln!(out)?;
        list_questions(&questions::listed(plan, questions), questions, out)?;
    }
    Ok(())
}

/// The questions after the timetable, aligned like it:
///
/// ```text
/// 3 questions after the talk, 2:00 of answers
///                               budget
///   1  Why these numbers?         0:30  slide 4
///   2  What does the Korean…      0:45  slide 3  results, i18n
/// ```
fn list_questions(listed: &[Listed<'_>], all: &[Question], out: &mut impl Write) -> io::Result<()> {
    let number = listed.len().to_string().len();
    let ask = listed
        .iter()
        .map(|q| q.ask.width())
        .max()
        .unwrap_or(0)
        .min(MAX_ASK);
    let label = INDENT + number + INDENT + ask;
    let time = listed
        .iter()
        .map(|q| clock(q.question.budget).len())
        .max()
        .unwrap_or(4)
        .max("budget".len());
    writeln!(
        out,
        "{} after the talk, {} of answers",
        questions::count(listed.len()),
        clock(questions::total(all))
    )?;
    writeln!(out, "{}{GAP}{:>time$}", pad("", label), "budget")?;
    for q in listed {
        let head = format!(
            "{:INDENT$}{:>number$}{:INDENT$}{}",
            "",
            q.number,
            "",
            fit(&q.ask, ask)
        );
        let mut line = format!(
            "{}{GAP}{:>time$}",
            pad(&head, label),
            clock(q.question.budget)
        );
        if let Some((n, _)) = q.slide {
            let _ = write!(line, "{GAP}slide {n}");
        }
        if !q.question.tags.is_empty() {
            let _ = write!(line, "{GAP}{}", q.question.tags.join(", "));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The line under the title: budget, counts, and the pacing settings.
fn summary(plan: &Plan) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{} budget, {}, {}; amber at {:.0}%, on time within ±{}",
        clock(plan.budget),
        plural(plan.sections.len(), "section", "sections"),
        plural(plan.slides.len(), "slide", "slides"),
        plan.warn * 100.0,
        clock(plan.grace)
    );
    if let Some(wpm) = plan.wpm {
        let _ = write!(line, ", {wpm:.0} wpm");
    }
    line
}

/// Column widths, in terminal columns.
struct Layout {
    /// Digits of the highest slide number.
    number: usize,
    /// The widest slide title shown.
    title: usize,
    /// The label column: a section title, or a slide's indent, number and title.
    label: usize,
    /// The widest clock.
    time: usize,
}

impl Layout {
    fn new(plan: &Plan) -> Self {
        let number = plan.slides.len().to_string().len();
        let title = plan
            .slides
            .iter()
            .map(|s| s.title.width())
            .max()
            .unwrap_or(0)
            .min(MAX_TITLE);
        let slide_label = INDENT + number + INDENT + title;
        let section_label = plan
            .sections
            .iter()
            .map(|s| s.title.width().min(MAX_TITLE))
            .max()
            .unwrap_or(0);
        let time = plan
            .sections
            .iter()
            .map(|s| s.start + s.budget)
            .chain(std::iter::once(plan.budget))
            .map(|d| clock(d).len())
            .max()
            .unwrap_or(4)
            .max("budget".len());
        Self {
            number,
            title,
            label: slide_label.max(section_label),
            time,
        }
    }

    fn times(&self, times: [std::time::Duration; 3]) -> String {
        times
            .map(|t| format!("{:>w$}", clock(t), w = self.time))
            .join(GAP)
    }
}

/// `text` followed by spaces up to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{:fill$}", "")
}

/// `text` cut to at most `width` columns, ending in `…` when cut.
fn fit(text: &str, width: usize) -> String {
    crate::textwidth::fit(text, width).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::render::fixture;

    fn render(plan: &Plan) -> String {
        let mut out = Vec::new();
        text(plan, &[], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn timetable_is_aligned_in_columns() {
        let shown = render(&fixture::plan());
        assert_eq!(
            shown,
            "Demo | talk
10:00 budget, 2 sections, 4 slides; amber at 80%, on time within ±0:30

                        budget   start     end
Opening                   1:30    0:00    1:30   15%
  1  Title                1:15    0:00    1:15
  2  Who I am             0:15    1:15    1:30

결과                      8:30    1:30   10:00   85%
  3  실험 결과            4:15    1:30    5:45  optional
  4  Numbers, \"quoted\"    4:15    5:45   10:00  locked
"
        );
        // The end column closes at the same terminal column on every row, wide titles or not.
        let ends: Vec<usize> = shown
            .lines()
            .skip(4)
            .filter(|l| !l.is_empty())
            .map(|l| l[..end_of_third_clock(l)].width())
            .collect();
        assert!(ends.iter().all(|&e| e == ends[0]), "{ends:?}");
    }

    /// Byte offset just past the third `m:ss` on a line.
    fn end_of_third_clock(line: &str) -> usize {
        let bytes = line.as_bytes();
        let mut seen = 0;
        for i in 0..bytes.len().saturating_sub(2) {
            if bytes[i] == b':' && bytes[i + 1].is_ascii_digit() && bytes[i + 2].is_ascii_digit() {
                seen += 1;
                if seen == 3 {
                    return i + 3;
                }
            }
        }
        panic!("no three clocks on {line:?}")
    }

    #[test]
    fn unassigned_time_is_shown_at_the_end() {
        let talk = "title = \"T\"\nbudget = \"10m\"\n[[section]]\ntitle = \"S\"\n\
                    slides = [{ title = \"a\", budget = \"9m\" }]\n";
        let plan = crate::load(&crate::talk::Source::new("t.toml", talk))
            .unwrap()
            .plan;
        assert!(
            render(&plan).ends_with("\n\n1:00 of the budget is assigned to no slide\n"),
            "{}",
            render(&plan)
        );
    }

    #[test]
    fn questions_follow_the_timetable_aligned_with_their_slide_and_tags() {
        let questions = crate::plan::render::questions::fixture::questions();
        let mut out = Vec::new();
        text(&fixture::plan(), &questions, &mut out).unwrap();
        let shown = String::from_utf8(out).unwrap();
        let tail = shown.split_once("locked\n\n").expect("timetable first").1;
        assert_eq!(
            tail,
            "3 questions after the talk, 2:00 of answers
                                                  budget
  1  Why these numbers?                             0:30  slide 4
  2  What does the Korean slide say, | in short?    0:45  slide 3  results, i18n
  3  Anything else?                                 0:45
"
        );
        assert!(
            !render(&fixture::plan()).contains("question"),
            "none listed without"
        );
    }

    #[test]
    fn long_titles_are_cut_by_width() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("발표자소개", 5), "발표…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(pad("발표", 6).width(), 6);
    }
}
