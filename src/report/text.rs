//! Reports for the terminal: aligned columns within 80, signed deltas, a symbol for every state
//! (colour only adds to it, and only when asked), bars of actual against budget.

use std::io::{self, Write};
use std::time::Duration;

use jiff::SignedDuration;
use unicode_width::UnicodeWidthStr;

use super::columns::{self, cells, heads};
use super::runline::{TAIL, ending, header as run_header, row as run_row, verdict};
use super::view::{LEGEND, MARK, Tone, bar, fit, paint, right, symbol, trend_line, word};
use super::{Body, Change, CompareReport, Report, RunInfo, RunReport, RunsReport, Stats, Status};

use crate::pace;
use crate::timefmt::{clock, delta, rounds_to_zero};

pub use super::view::WIDTH;
/// Runs listed one by one in a several-run report; older ones are summed up.
pub const RUN_ROWS: usize = 20;

/// Columns before a slide title: indent, number, symbol, mark.
const SLIDE_LEAD: usize = 10;
/// Title columns of a one-run slide row.
const RUN_TITLE: usize = 30;
/// Title columns of a several-run slide row.
const STATS_TITLE: usize = 26;
/// Title columns of a comparison row.
const CHANGE_TITLE: usize = 28;

/// Writes the report as text for the terminal; colour only when `color` is on.
pub fn write(report: &Report, color: bool, out: &mut impl Write) -> io::Result<()> {
    let mut w = Text {
        out,
        color,
        grace: report.talk.grace,
        warn: report.talk.warn,
    };
    w.line(&paint(&fit(&report.talk.title, WIDTH), Tone::Bold, color))?;
    match &report.body {
        Body::Run(run) => w.run(run)?,
        Body::Runs(runs) => w.runs(runs, report.talk.budget)?,
        Body::Compare(c) => w.compare(c)?,
    }
    w.line("")?;
    for line in LEGEND {
        w.line(&paint(line, Tone::Dim, color))?;
    }
    Ok(())
}

struct Text<'a, W: Write> {
    out: &'a mut W,
    color: bool,
    grace: Duration,
    warn: f64,
}

impl<W: Write> Text<'_, W> {
    fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{}", text.trim_end())
    }

    fn paint(&self, text: &str, tone: Tone) -> String {
        paint(text, tone, self.color)
    }

    /// A blank line and a bold heading; `columns` start after `lead` columns.
    fn heading(&mut self, title: &str, lead: usize, columns: &str) -> io::Result<()> {
        self.line("")?;
        let head = if columns.is_empty() {
            fit(title, WIDTH)
        } else {
            format!("{}{columns}", fit(title, lead))
        };
        self.line(&self.paint(&head, Tone::Bold))
    }

    /// A section's title over its slide rows.
    fn section_title(&mut self, title: &str) -> io::Result<()> {
        self.line(&format!(
            "  {}",
            self.paint(&fit(title, WIDTH - 2), Tone::Bold)
        ))
    }

    fn sym(&self, status: Status) -> String {
        self.paint(symbol(status), Tone::of(status))
    }

    fn delta(&self, d: Option<SignedDuration>, width: usize) -> String {
        d.map_or_else(
            || right("", width),
            |d| self.paint(&right(&delta(d), width), Tone::of_delta(d, self.grace)),
        )
    }

    /// A bar of actual against budget, or the state's word where there is no bar to draw.
    fn bar(&self, status: Status, actual: Option<Duration>, budget: Option<Duration>) -> String {
        match (status, actual, budget) {
            (Status::Fine | Status::Amber | Status::Over | Status::Stopped, Some(a), Some(b)) => {
                let (within, over) = bar(a, b);
                let tone = if status == Status::Stopped {
                    Tone::Dim
                } else {
                    Tone::of(status)
                };
                format!(
                    "{}{}",
                    self.paint(&within, tone),
                    self.paint(&over, Tone::Bad)
                )
            }
            // The legend spells these out; in the row, the short word keeps it in 80 columns.
            (Status::Removed, _, _) => self.paint("removed", Tone::Dim),
            (Status::New, _, _) => self.paint("not rehearsed", Tone::Dim),
            _ => self.paint(word(status), Tone::Dim),
        }
    }

    fn run(&mut self, report: &RunReport) -> io::Result<()> {
        let info = &report.run;
        self.run_header(info)?;
        if !report.overruns.is_empty() {
            self.heading("Biggest overruns", 0, "")?;
            for o in &report.overruns {
                self.line(&format!(
                    "  {} {}  {}  {}",
                    self.sym(o.status),
                    self.delta(Some(o.shown_delta()), 6),
                    fit(&o.title, WIDTH - 30),
                    self.paint(&fit(&o.section, 16), Tone::Dim),
                ))?;
            }
        }
        let budget_columns = heads(&columns::RUN);
        self.heading("Sections", SLIDE_LEAD + RUN_TITLE, &budget_columns)?;
        for s in &report.sections {
            let title = if s.part && s.status != Status::PartlySkipped {
                format!("{} (part)", s.title)
            } else {
                s.title.clone()
            };
            self.line(&format!(
                "  {} {}{}{}  {}",
                self.sym(s.status),
                fit(&title, SLIDE_LEAD + RUN_TITLE - 4),
                cells(&columns::RUN, &[opt_clock(s.budget), opt_clock(s.actual)]),
                self.delta(s.shown_delta(), columns::RUN[2].width),
                self.bar(s.status, s.actual, s.budget),
            ))?;
        }
        self.heading(
            "Checkpoints",
            SLIDE_LEAD + RUN_TITLE,
            &heads(&columns::CHECKPOINT),
        )?;
        let points = report
            .sections
            .iter()
            .filter_map(|s| s.checkpoint.map(|c| (s.title.as_str(), c)))
            .chain(report.finish.map(|f| ("Finish", f)));
        for (title, c) in points {
            let word = match c.shown_delta() {
                d if rounds_to_zero(d) => "on plan",
                d if d.is_positive() => "behind",
                _ => "ahead",
            };
            let line = format!(
                "    {}{}{}  {word}",
                fit(title, SLIDE_LEAD + RUN_TITLE - 4),
                cells(&columns::CHECKPOINT, &[clock(c.planned), clock(c.actual)]),
                self.delta(Some(c.shown_delta()), columns::CHECKPOINT[2].width),
            );
            self.line(&line)?;
        }
        self.heading("Slides", SLIDE_LEAD + RUN_TITLE, &budget_columns)?;
        for s in &report.sections {
            self.section_title(&s.title)?;
            for slide in &s.slides {
                self.line(&format!(
                    "{} {}{} {}{}{}  {}",
                    number(slide.number),
                    self.sym(slide.status),
                    if slide.marked { MARK } else { " " },
                    fit(&slide.title, RUN_TITLE),
                    cells(
                        &columns::RUN,
                        &[opt_clock(slide.budget), opt_clock(slide.actual)]
                    ),
                    self.delta(slide.shown_delta(), columns::RUN[2].width),
                    self.bar(slide.status, slide.actual, slide.budget),
                ))?;
            }
        }
        Ok(())
    }

    fn run_header(&mut self, info: &RunInfo) -> io::Result<()> {
        let (verdict, tone) = verdict(info);
        self.line(&format!(
            "Run {} · {} · {}",
            info.number,
            info.started_local,
            ending(info)
        ))?;
        let grace = if info.on_time.is_some() {
            format!(" (grace ±{})", clock(self.grace))
        } else {
            String::new()
        };
        self.line(&format!(
            "Spoke {} of {} · {} {}{grace} · paused {}",
            clock(info.talked),
            clock(info.budget),
            self.delta(Some(info.shown_delta()), 0),
            self.paint(verdict, tone),
            clock(info.paused),
        ))?;
        let mut slides = format!("{} of {} slides shown", info.covered, info.slides);
        if let Some(skipped) = crate::report::runline::skipped(info.skipped) {
            slides = format!("{slides} · » {skipped}");
        }
        if let Some(stop) = &info.stopped_on {
            let on = if info.in_progress() {
                "now on"
            } else {
                "stopped on"
            };
            slides = format!("{slides} · {on} “{stop}”");
        }
        if info.outline_changed {
            slides.push_str(" · older outline");
        }
        self.line(&fit(&slides, WIDTH))?;
        if !info.marks.is_empty() {
            let titles: Vec<&str> = info.marks.iter().map(|m| m.title.as_str()).collect();
            self.line(&fit(
                &format!("{MARK} marked: {}", titles.join(", ")),
                WIDTH,
            ))?;
        }
        Ok(())
    }

    fn runs(&mut self, report: &RunsReport, budget: Duration) -> io::Result<()> {
        let (first, last) = (report.runs.first(), report.runs.last());
        if let (Some(first), Some(last)) = (first, last) {
            self.line(&format!(
                "Runs {} to {} ({} runs)",
                first.number,
                last.number,
                report.runs.len()
            ))?;
        }
        self.line("")?;
        // Each run's delta and bar are against its own budget: name it only when it is one.
        let against = if report.runs.iter().all(|r| r.budget == budget) {
            format!("against {}", clock(budget))
        } else {
            "against its budget".to_owned()
        };
        self.line(&self.paint(&run_header(&against), Tone::Bold))?;
        let skip = report.runs.len().saturating_sub(RUN_ROWS);
        if skip > 0 {
            self.line(&self.paint(
                &format!("  … {skip} earlier runs (all of them: --format json or csv)"),
                Tone::Dim,
            ))?;
        }
        for info in &report.runs[skip..] {
            let tail = if info.complete && !info.partial {
                let (within, over) = bar(info.talked, info.budget);
                format!("{within}{}", self.paint(&over, Tone::Bad))
            } else {
                self.paint(&fit(&ending(info), TAIL), Tone::Dim)
            };
            self.line(&run_row(info, &tail, self.color))?;
        }
        if let Some(t) = report.totals {
            self.line(&format!(
                "  {} complete runs: median {} ({}), {} to {}, spread {}",
                t.runs,
                clock(t.median),
                delta(super::shown_change(budget, t.median)),
                clock(t.min),
                clock(t.max),
                clock(t.spread)
            ))?;
        }
        if let Some(t) = &report.trend {
            self.line(&format!("  {}", trend_line(t)))?;
        }
        self.over_counts(report)?;
        self.stats_tables(report)
    }

    fn over_counts(&mut self, report: &RunsReport) -> io::Result<()> {
        for (title, counts) in [
            ("Slides over budget most often", &report.slides_over),
            ("Sections over budget most often", &report.sections_over),
        ] {
            if counts.is_empty() {
                continue;
            }
            self.heading(title, 0, "")?;
            let runs = |c: &super::OverCount| format!("{}/{} runs", c.over, c.runs);
            let width = counts.iter().map(|c| runs(c).len()).max().unwrap_or(0);
            for c in counts {
                self.line(&format!(
                    "  {} {}  median {}  {}  {}",
                    self.sym(c.status),
                    right(&runs(c), width),
                    self.delta(Some(c.shown_delta), 6),
                    fit(&c.title, WIDTH.saturating_sub(39 + width)),
                    self.paint(&fit(c.section.as_deref().unwrap_or(""), 16), Tone::Dim),
                ))?;
            }
        }
        Ok(())
    }

    fn stats_tables(&mut self, report: &RunsReport) -> io::Result<()> {
        let columns = heads(&columns::STATS);
        self.heading("Sections", SLIDE_LEAD + STATS_TITLE, &columns)?;
        for s in &report.sections {
            self.line(&format!(
                "  {} {}{}",
                self.sym(stats_status(s.stats, s.budget, self.warn)),
                fit(&s.title, SLIDE_LEAD + STATS_TITLE - 4),
                stats_cells(s.budget, s.stats, s.over),
            ))?;
        }
        self.heading("Slides", SLIDE_LEAD + STATS_TITLE, &columns)?;
        for s in &report.sections {
            self.section_title(&s.title)?;
            for slide in &s.slides {
                let status = if slide.budget.is_none() {
                    Status::Removed
                } else if slide.stats.is_none() && slide.new_in > 0 {
                    Status::New
                } else {
                    stats_status(slide.stats, slide.budget, self.warn)
                };
                self.line(&format!(
                    "{} {}  {}{}",
                    number(slide.number),
                    self.sym(status),
                    fit(&slide.title, STATS_TITLE),
                    stats_cells(slide.budget, slide.stats, slide.over),
                ))?;
            }
        }
        Ok(())
    }
}

/// A row's budget, statistics and over count, in their columns.
fn stats_cells(budget: Option<Duration>, stats: Option<Stats>, over: usize) -> String {
    let over = stats.map_or_else(String::new, |s| format!("{over}/{}", s.runs));
    cells(
        &columns::STATS,
        &[
            opt_clock(budget),
            opt_clock(stats.map(|s| s.median)),
            opt_clock(stats.map(|s| s.min)),
            opt_clock(stats.map(|s| s.max)),
            opt_clock(stats.map(|s| s.spread)),
            over,
        ],
    )
}

impl<W: Write> Text<'_, W> {
    fn compare(&mut self, report: &CompareReport) -> io::Result<()> {
        self.line(&format!(
            "A: run {} · B: run {}",
            report.a.number, report.b.number
        ))?;
        self.line("")?;
        self.line(&self.paint(&run_header("end"), Tone::Bold))?;
        for info in [&report.a, &report.b] {
            let tail = self.paint(&fit(&ending(info), TAIL), Tone::Dim);
            self.line(&run_row(info, &tail, self.color))?;
        }
        self.line(&format!(
            "  Time spoken: A {} → B {} ({})",
            clock(report.a.talked),
            clock(report.b.talked),
            delta(super::shown_change(report.a.talked, report.b.talked))
        ))?;
        let columns = heads(&columns::CHANGE);
        self.heading("Sections by change", SLIDE_LEAD + CHANGE_TITLE, &columns)?;
        for c in &report.sections {
            self.change_line(c)?;
        }
        self.heading("Slides by change", SLIDE_LEAD + CHANGE_TITLE, &columns)?;
        for c in &report.slides {
            self.change_line(c)?;
        }
        Ok(())
    }

    fn change_line(&mut self, c: &Change) -> io::Result<()> {
        let lead = if c.id.is_some() {
            format!("{}  ", number(c.number))
        } else {
            "    ".to_owned()
        };
        let note = match c.shown {
            Some(d) if d.is_positive() => self.paint("▲ slower", Tone::Bad),
            Some(d) if d.is_negative() => self.paint("▼ faster", Tone::Good),
            Some(_) => "= same".to_owned(),
            None => String::new(),
        };
        let side = |time: Option<Duration>, status: Status| {
            time.map_or_else(
                || match status {
                    Status::Skipped => "skipped".to_owned(),
                    Status::New => "new".to_owned(),
                    Status::Removed => "removed".to_owned(),
                    _ => symbol(Status::NotReached).to_owned(),
                },
                clock,
            )
        };
        self.line(&format!(
            "{lead}{}{}{}  {note}",
            fit(&c.title, SLIDE_LEAD + CHANGE_TITLE - lead.width()),
            cells(
                &columns::CHANGE,
                &[
                    opt_clock(c.budget),
                    side(c.a, c.a_status),
                    side(c.b, c.b_status)
                ]
            ),
            self.delta(c.shown, columns::CHANGE[3].width),
        ))
    }
}

/// A slide's number in a fixed column (blank for a removed slide), with the indent.
fn number(n: Option<usize>) -> String {
    format!(
        "  {}",
        right(&n.map_or_else(String::new, |n| n.to_string()), 4)
    )
}

fn opt_clock(d: Option<Duration>) -> String {
    d.map_or_else(|| "–".to_owned(), clock)
}

/// How a slide or section stands across runs: by its median.
fn stats_status(stats: Option<Stats>, budget: Option<Duration>, warn: f64) -> Status {
    match (stats, budget) {
        (_, None) => Status::Removed,
        (None, Some(_)) => Status::NotReached,
        (Some(s), Some(b)) => pace::finished(s.median, b, warn).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};
    use crate::report::testing::{plan, run};
    use crate::report::{RunFigures, single};

    fn report() -> Report {
        let plan = plan();
        let fig = RunFigures::of(&run(
            &plan,
            0,
            &[
                (Event::Goto(1), 9),
                (Event::Goto(2), 24),
                (Event::Goto(3), 31),
                (Event::End(EndReason::Finished), 45),
            ],
        ));
        let tz = jiff::tz::TimeZone::UTC;
        single(
            &plan,
            &fig,
            RunInfo::new(&fig, plan.budget, plan.grace, Some(&plan), &tz),
        )
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|&c| c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn colour_only_when_asked_and_never_alone() {
        let (mut plain, mut colored) = (Vec::new(), Vec::new());
        write(&report(), false, &mut plain).unwrap();
        write(&report(), true, &mut colored).unwrap();
        let (plain, colored) = (
            String::from_utf8(plain).unwrap(),
            String::from_utf8(colored).unwrap(),
        );
        assert!(!plain.contains('\x1b'));
        assert!(colored.contains("\x1b[31m▲\x1b[0m"), "over is red and ▲");
        assert_eq!(
            strip_ansi(&colored),
            plain,
            "colour adds nothing the symbols do not say"
        );
        for line in plain.lines() {
            assert!(line.width() <= WIDTH, "{line}");
        }
    }
}
