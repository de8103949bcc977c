//! Reports as Markdown, to paste into an issue or a notes app: a heading, a summary line, then
//! tables. No colour and no bars; every state has its symbol and word, overruns are bold.

use std::io::{self, Write};
use std::time::Duration;

use super::columns::{CHANGE, RUN, STATS, markdown_heads, markdown_rule};
use super::runline::{ending, verdict};
use super::view::{LEGEND, MARK, symbol, trend_line, word};
use super::{Body, Change, CompareReport, Report, RunInfo, RunReport, RunsReport, Stats, Status};
use jiff::SignedDuration;

use crate::timefmt::{clock, delta, rounds_to_zero};

/// Writes the report as Markdown.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}", escape(&report.talk.title))?;
    writeln!(out)?;
    match &report.body {
        Body::Run(run) => write_run(run, out)?,
        Body::Runs(runs) => write_runs(runs, report, out)?,
        Body::Compare(c) => write_compare(c, out)?,
    }
    writeln!(out)?;
    writeln!(out, "<sub>{}</sub>", LEGEND.join("  "))
}

/// Text safe in a table cell and inline: pipes, emphasis and markup characters escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn opt_clock(d: Option<Duration>) -> String {
    d.map_or_else(|| "–".to_owned(), clock)
}

/// A delta, bold when over (by what shows as a second or more).
fn bold(d: Option<SignedDuration>) -> String {
    match d {
        Some(d) if d.is_positive() && !rounds_to_zero(d) => format!("**{}**", delta(d)),
        Some(d) => delta(d),
        None => String::new(),
    }
}

/// A state as its symbol and word.
fn state(status: Status) -> String {
    format!("{} {}", symbol(status), word(status))
}

fn run_summary(info: &RunInfo, out: &mut impl Write) -> io::Result<()> {
    let (verdict, _) = verdict(info);
    writeln!(
        out,
        "**Run {}** · {} · {} · spoke **{}** of {} · **{}** {verdict} · {} of {} slides shown{}",
        info.number,
        info.started_local,
        escape(&ending(info)),
        clock(info.talked),
        clock(info.budget),
        delta(info.shown_delta()),
        info.covered,
        info.slides,
        if info.outline_changed {
            " · older outline"
        } else {
            ""
        },
    )
}

fn write_run(report: &RunReport, out: &mut impl Write) -> io::Result<()> {
    run_summary(&report.run, out)?;
    let info = &report.run;
    if let Some(stop) = &info.stopped_on {
        writeln!(out, "\nStopped on “{}”.", escape(stop))?;
    }
    if !info.marks.is_empty() {
        let titles: Vec<String> = info.marks.iter().map(|m| escape(&m.title)).collect();
        writeln!(out, "\n{MARK} Marked to revisit: {}.", titles.join(", "))?;
    }
    if !report.overruns.is_empty() {
        writeln!(out, "\n## Biggest overruns\n")?;
        writeln!(out, "| slide | section | {} |", markdown_heads(&RUN))?;
        writeln!(out, "| --- | --- | {} |", markdown_rule(&RUN))?;
        for o in &report.overruns {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&o.title),
                escape(&o.section),
                clock(o.budget),
                clock(o.actual),
                bold(Some(o.shown_delta())),
            )?;
        }
    }
    writeln!(out, "\n## Sections\n")?;
    writeln!(
        out,
        "| section | budget | actual | delta | state | planned start | entered at | behind |"
    )?;
    writeln!(
        out,
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
    )?;
    for s in &report.sections {
        let title = if s.part && s.status != Status::PartlySkipped {
            format!("{} (part)", escape(&s.title))
        } else {
            escape(&s.title)
        };
        writeln!(
            out,
            "| {title} | {} | {} | {} | {} | {} | {} | {} |",
            opt_clock(s.budget),
            opt_clock(s.actual),
            bold(s.shown_delta()),
            state(s.status),
            s.checkpoint.map_or_else(String::new, |c| clock(c.planned)),
            s.checkpoint.map_or_else(String::new, |c| clock(c.actual)),
            bold(s.checkpoint.map(|c| c.shown_delta())),
        )?;
    }
    if let Some(f) = report.finish {
        writeln!(
            out,
            "| **Finish** | {} | {} | {} | | {} | {} | {} |",
            clock(f.planned),
            clock(f.actual),
            bold(Some(f.shown_delta())),
            clock(f.planned),
            clock(f.actual),
            bold(Some(f.shown_delta())),
        )?;
    }
    writeln!(out, "\n## Slides\n")?;
    writeln!(
        out,
        "| # | slide | section | budget | actual | delta | state |"
    )?;
    writeln!(out, "| ---: | --- | --- | ---: | ---: | ---: | --- |")?;
    for s in &report.sections {
        for slide in &s.slides {
            writeln!(
                out,
                "| {} | {}{} | {} | {} | {} | {} | {} |",
                slide.number.map_or_else(String::new, |n| n.to_string()),
                escape(&slide.title),
                if slide.marked {
                    format!(" {MARK}")
                } else {
                    String::new()
                },
                escape(&s.title),
                opt_clock(slide.budget),
                opt_clock(slide.actual),
                bold(slide.shown_delta()),
                state(slide.status),
            )?;
        }
    }
    Ok(())
}

fn stats_cells(budget: Option<Duration>, stats: Option<Stats>, over: usize) -> String {
    let cell = |d: Option<Duration>| opt_clock(d);
    format!(
        "{} | {} | {} | {} | {} | {}",
        cell(budget),
        cell(stats.map(|s| s.median)),
        cell(stats.map(|s| s.min)),
        cell(stats.map(|s| s.max)),
        cell(stats.map(|s| s.spread)),
        stats.map_or_else(String::new, |s| format!("{over} of {}", s.runs)),
    )
}

fn write_runs(report: &RunsReport, whole: &Report, out: &mut impl Write) -> io::Result<()> {
    let budget = whole.talk.budget;
    if let (Some(first), Some(last)) = (report.runs.first(), report.runs.last()) {
        let against = if report.runs.iter().all(|r| r.budget == budget) {
            format!("against a budget of {}", clock(budget))
        } else {
            format!(
                "each run against the budget it was rehearsed with, the statistics against today's {}",
                clock(budget)
            )
        };
        writeln!(
            out,
            "Runs {} to {} ({} runs), {against}.",
            first.number,
            last.number,
            report.runs.len(),
        )?;
    }
    if let Some(t) = report.totals {
        writeln!(
            out,
            "\n{} complete runs: median **{}** ({}), from {} to {}, spread {}.",
            t.runs,
            clock(t.median),
            delta(super::shown_change(budget, t.median)),
            clock(t.min),
            clock(t.max),
            clock(t.spread)
        )?;
    }
    if let Some(t) = &report.trend {
        writeln!(out, "\n{}.", trend_line(t))?;
    }
    writeln!(out, "\n## Total per run\n")?;
    writeln!(
        out,
        "| run | started | spoke | delta | verdict | slides | end |"
    )?;
    writeln!(out, "| ---: | --- | ---: | ---: | --- | ---: | --- |")?;
    for info in &report.runs {
        let (verdict, _) = verdict(info);
        writeln!(
            out,
            "| {}{} | {} | {} | {} | {verdict} | {}/{} | {} |",
            info.number,
            if info.outline_changed { "\\*" } else { "" },
            info.started_local,
            clock(info.talked),
            bold(Some(info.shown_delta())),
            info.covered,
            info.slides,
            escape(&ending(info)),
        )?;
    }
    over_lists(report, out)?;
    stats_tables(report, out)
}

fn over_lists(report: &RunsReport, out: &mut impl Write) -> io::Result<()> {
    for (title, counts) in [
        ("Slides over budget most often", &report.slides_over),
        ("Sections over budget most often", &report.sections_over),
    ] {
        if counts.is_empty() {
            continue;
        }
        writeln!(out, "\n## {title}\n")?;
        for c in counts {
            let section = c
                .section
                .as_ref()
                .map_or_else(String::new, |s| format!(" ({})", escape(s)));
            writeln!(
                out,
                "- {} **{}**{section}: over in {} of {} runs, median {}",
                symbol(c.status),
                escape(&c.title),
                c.over,
                c.runs,
                delta(c.shown_delta)
            )?;
        }
    }
    Ok(())
}

fn stats_tables(report: &RunsReport, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\n## Sections\n")?;
    writeln!(out, "| section | {} |", markdown_heads(&STATS))?;
    writeln!(out, "| --- | {} |", markdown_rule(&STATS))?;
    for s in &report.sections {
        writeln!(
            out,
            "| {} | {} |",
            escape(&s.title),
            stats_cells(s.budget, s.stats, s.over)
        )?;
    }
    writeln!(out, "\n## Slides\n")?;
    writeln!(out, "| # | slide | section | {} |", markdown_heads(&STATS))?;
    writeln!(out, "| ---: | --- | --- | {} |", markdown_rule(&STATS))?;
    for s in &report.sections {
        for slide in &s.slides {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                slide.number.map_or_else(String::new, |n| n.to_string()),
                escape(&slide.title),
                escape(&s.title),
                stats_cells(slide.budget, slide.stats, slide.over),
            )?;
        }
    }
    if report.runs.iter().any(|r| r.outline_changed) {
        writeln!(out, "\n\\* rehearsed against an older outline of the talk")?;
    }
    Ok(())
}

fn write_compare(report: &CompareReport, out: &mut impl Write) -> io::Result<()> {
    write!(out, "A: ")?;
    run_summary(&report.a, out)?;
    write!(out, "\nB: ")?;
    run_summary(&report.b, out)?;
    writeln!(
        out,
        "\nTime spoken: A {} → B {} ({}).",
        clock(report.a.talked),
        clock(report.b.talked),
        delta(super::shown_change(report.a.talked, report.b.talked))
    )?;
    writeln!(out, "\n## Sections by change\n")?;
    change_table(&report.sections, false, out)?;
    writeln!(out, "\n## Slides by change\n")?;
    change_table(&report.slides, true, out)
}

fn change_table(changes: &[Change], slides: bool, out: &mut impl Write) -> io::Result<()> {
    if slides {
        writeln!(out, "| # | slide | section | {} |", markdown_heads(&CHANGE))?;
        writeln!(out, "| ---: | --- | --- | {} |", markdown_rule(&CHANGE))?;
    } else {
        writeln!(out, "| section | {} |", markdown_heads(&CHANGE))?;
        writeln!(out, "| --- | {} |", markdown_rule(&CHANGE))?;
    }
    let side = |time: Option<Duration>, status: Status| time.map_or_else(|| state(status), clock);
    for c in changes {
        let change = match c.shown {
            Some(d) if d.is_positive() => format!("**{}** ▲", delta(d)),
            Some(d) if d.is_negative() => format!("{} ▼", delta(d)),
            Some(d) => delta(d),
            None => String::new(),
        };
        let lead = if slides {
            format!(
                "| {} | {} | {} ",
                c.number.map_or_else(String::new, |n| n.to_string()),
                escape(&c.title),
                escape(c.section.as_deref().unwrap_or("")),
            )
        } else {
            format!("| {} ", escape(&c.title))
        };
        writeln!(
            out,
            "{lead}| {} | {} | {} | {change} |",
            opt_clock(c.budget),
            side(c.a, c.a_status),
            side(c.b, c.b_status),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn titles_cannot_break_a_table_or_add_markup() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("*bold* <b>"), "\\*bold\\* \\<b\\>");
        assert_eq!(escape("발표 연습"), "발표 연습");
        assert_eq!(escape("line\nbreak"), "line break");
    }
}
