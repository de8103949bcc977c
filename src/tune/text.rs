//! The proposal for people at a terminal: a table per section, the verdict, the cuts, the diff.
//!
//! ```text
//! Tuning "Title": budget 20:00, grace 0:30
//! Estimates: ...
//!
//!                     budget  from    estimate  suggested  change
//! Opening               1:30             1:52       1:36   +0:06
//!   Title               0:15  3 runs     0:20       0:17   +0:02
//! Total                20:00            21:40      20:00   +0:00
//!
//! Over: ...
//! ```
//! Colour (when asked for) only repeats what the words say: the diff's signs, the verdict.

use std::io::{self, Write};
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::words::{
    CHANGED, UNSTEADY, basis_lines, budget_head, changed, cut_why, flags, share, slot_line, source,
    unassigned, verdict, written_line,
};
use super::{Outcome, Proposal};
use crate::pace::signed;
use crate::timefmt::{clock, delta};

const RED: Style = AnsiColor::Red.on_default();
const GREEN: Style = AnsiColor::Green.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();
const BOLD: Style = Style::new().bold();

/// Writes the proposal and what writing it does (or did).
pub fn render(
    proposal: &Proposal,
    outcome: &Outcome<'_>,
    color: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "Tuning \"{}\": budget {}, grace {}",
        proposal.title,
        budget_head(proposal),
        clock(proposal.grace)
    )?;
    for line in basis_lines(proposal) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    table(proposal, out)?;
    writeln!(out)?;
    let paint = |style: Style, text: &str| {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    };
    if let Some(line) = slot_line(proposal) {
        writeln!(out, "{line}")?;
        slot_cuts(proposal, out)?;
        writeln!(out)?;
    }
    let (word, fact, advice) = verdict(proposal);
    writeln!(out, "{}: {fact}", paint(BOLD, word))?;
    if !advice.is_empty() {
        writeln!(out, "{advice}")?;
    }
    if !proposal.cuts.is_empty() {
        cuts(proposal, out)?;
    }
    if let Some(note) = unassigned(proposal) {
        writeln!(out, "{note}")?;
    }
    let changed = changed(proposal);
    if !changed.is_empty() {
        writeln!(out)?;
        writeln!(out, "{CHANGED}")?;
        for (title, rests) in changed {
            writeln!(out, "  {title}: {rests}")?;
        }
    }
    if !proposal.unsteady.is_empty() {
        writeln!(out)?;
        unsteady(proposal, out)?;
    }
    writeln!(out)?;
    if let Some(why) = outcome.unwritable {
        return writeln!(out, "Cannot rewrite {}: {why}", outcome.file);
    }
    if outcome.diff.is_empty() {
        return writeln!(
            out,
            "{} already has these budgets: nothing to write.",
            outcome.file
        );
    }
    if outcome.written.is_none() {
        writeln!(out, "Would write {} (apply with --write):", outcome.file)?;
    }
    for line in outcome.diff.lines() {
        let style = match line.as_bytes().first() {
            _ if line.starts_with("+++") || line.starts_with("---") => BOLD,
            Some(b'+') => GREEN,
            Some(b'-') => RED,
            Some(b'@') => CYAN,
            _ => Style::new(),
        };
        writeln!(out, "{}", paint(style, line))?;
    }
    if let Some(path) = outcome.written {
        writeln!(out, "{}", written_line(proposal, path))?;
    }
    Ok(())
}

struct Row {
    title: String,
    budget: String,
    from: String,
    estimate: String,
    suggested: String,
    change: String,
    flags: String,
}

fn table(proposal: &Proposal, out: &mut impl Write) -> io::Result<()> {
    let mut rows = vec![Row {
        title: String::new(),
        budget: "budget".into(),
        from: "from".into(),
        estimate: "estimate".into(),
        suggested: "suggested".into(),
        change: "change".into(),
        flags: String::new(),
    }];
    for section in &proposal.sections {
        let slides = &proposal.slides[section.slides.clone()];
        let estimate: Duration = slides.iter().map(|s| s.estimate).sum();
        rows.push(Row {
            title: section.title.clone(),
            budget: clock(section.current),
            from: String::new(),
            estimate: clock(estimate),
            suggested: clock(section.suggested),
            change: delta(section.change()),
            flags: if section.kept { "kept" } else { "" }.into(),
        });
        for slide in slides {
            rows.push(Row {
                title: format!("  {}", slide.title),
                budget: clock(slide.current),
                from: source(slide),
                estimate: clock(slide.estimate),
                suggested: clock(slide.suggested),
                change: delta(slide.change()),
                flags: flags(slide),
            });
        }
    }
    let suggested: Duration = proposal.slides.iter().map(|s| s.suggested).sum();
    rows.push(Row {
        title: "Total".into(),
        budget: clock(proposal.budget),
        from: String::new(),
        estimate: clock(proposal.expected),
        suggested: clock(suggested),
        change: delta(signed(suggested, proposal.budget)),
        flags: String::new(),
    });
    let width = |f: fn(&Row) -> &str| rows.iter().map(|r| f(r).width()).max().unwrap_or(0);
    let w = [
        width(|r| &r.title),
        width(|r| &r.budget),
        width(|r| &r.from),
        width(|r| &r.estimate),
        width(|r| &r.suggested),
        width(|r| &r.change),
    ];
    for row in &rows {
        let title_pad = " ".repeat(w[0] - row.title.width());
        let line = format!(
            "{}{title_pad}  {:>b$}  {:<f$}  {:>e$}  {:>s$}  {:>c$}  {}",
            row.title,
            row.budget,
            row.from,
            row.estimate,
            row.suggested,
            row.change,
            row.flags,
            b = w[1],
            f = w[2],
            e = w[3],
            s = w[4],
            c = w[5],
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn cuts(proposal: &Proposal, out: &mut impl Write) -> io::Result<()> {
    let mut total = Duration::ZERO;
    let rows: Vec<[String; 4]> = proposal
        .cuts
        .iter()
        .map(|cut| {
            total += cut.saves;
            let slide = &proposal.slides[cut.slide];
            [
                clock(cut.saves),
                clock(total),
                slide.title.clone(),
                cut_why(slide, cut.reason),
            ]
        })
        .collect();
    let saves_w = rows.iter().map(|r| r[0].len()).max().unwrap_or(0).max(5);
    let total_w = rows.iter().map(|r| r[1].len()).max().unwrap_or(0).max(5);
    let title_w = rows.iter().map(|r| r[2].width()).max().unwrap_or(0);
    writeln!(out, "  {:>saves_w$}  {:>total_w$}  slide", "saves", "total")?;
    for [saves, total, title, why] in &rows {
        let pad = " ".repeat(title_w - title.width());
        writeln!(
            out,
            "  {saves:>saves_w$}  {total:>total_w$}  {title}{pad}  ({why})"
        )?;
    }
    Ok(())
}

/// The slides cut to fit a new total: what each saves, the running total, and its section.
fn slot_cuts(proposal: &Proposal, out: &mut impl Write) -> io::Result<()> {
    let Some(slot) = proposal.slot.as_ref().filter(|s| !s.cut.is_empty()) else {
        return Ok(());
    };
    let mut total = Duration::ZERO;
    let rows: Vec<[String; 4]> = slot
        .cut
        .iter()
        .map(|cut| {
            total += cut.saves;
            [
                clock(cut.saves),
                clock(total),
                cut.title.clone(),
                cut.section.clone(),
            ]
        })
        .collect();
    let saves_w = rows.iter().map(|r| r[0].len()).max().unwrap_or(0).max(5);
    let total_w = rows.iter().map(|r| r[1].len()).max().unwrap_or(0).max(5);
    let title_w = rows.iter().map(|r| r[2].width()).max().unwrap_or(0);
    writeln!(out, "  {:>saves_w$}  {:>total_w$}  slide", "saves", "total")?;
    for [saves, total, title, section] in &rows {
        let pad = " ".repeat(title_w - title.width());
        writeln!(
            out,
            "  {saves:>saves_w$}  {total:>total_w$}  {title}{pad}  ({section})"
        )?;
    }
    Ok(())
}

/// The unsteady slides: the spread as a share of the median (what they are sorted by), the
/// spread and the median of their times, most unsteady first.
fn unsteady(proposal: &Proposal, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{UNSTEADY}")?;
    writeln!(out, "   share  spread  median  slide")?;
    for &i in &proposal.unsteady {
        let slide = &proposal.slides[i];
        let Some(spread) = slide.spread else { continue };
        writeln!(
            out,
            "  {:>6}  {:>6}  {:>6}  {}",
            share(&spread),
            clock(spread.iqr),
            clock(spread.median),
            slide.title
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::plan::{Plan, PlannedSlide};
    use crate::rehearsal::EndReason;
    use crate::testing::slide;
    use crate::tune::{Options, propose};

    /// Two slides of 10 s, one with a title two columns a character wide.
    fn proposal(first: u64, second: u64) -> Proposal {
        let slide = |id: &str, title: &str| PlannedSlide {
            title: title.into(),
            ..slide(id)
        };
        let plan = Plan {
            title: "발표".into(),
            ..crate::testing::plan(vec![(
                "Only",
                vec![slide("s0", "소개"), slide("s1", "Results")],
            )])
        };
        let run = crate::testing::run_from_times(
            1,
            &Arc::new(plan.clone()),
            &crate::testing::secs(&[first, second]),
            Some(EndReason::Finished),
        );
        propose(&plan, &[run], &Options::default()).unwrap()
    }

    fn render_to_string(p: &Proposal, outcome: &Outcome<'_>, color: bool) -> String {
        let mut out = Vec::new();
        render(p, outcome, color, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const DIFF: &str = "--- t.toml\n+++ t.toml (tuned)\n@@ -1 +1 @@\n-a\n+b\n";

    fn outcome(diff: &str) -> Outcome<'_> {
        Outcome {
            file: "t.toml",
            diff,
            written: None,
            unwritable: None,
        }
    }

    #[test]
    fn wide_titles_line_up() {
        let text = render_to_string(&proposal(5, 15), &outcome(""), false);
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("소개") || l.contains("Results"))
            .collect();
        assert_eq!(rows.len(), 2, "{text}");
        // "  소개" is as wide as "  Resu": the budget columns end in the same column.
        let end = |row: &str| row.find("0:10").map(|i| row[..i].width());
        assert_eq!(end(rows[0]), end(rows[1]), "{text}");
    }

    #[test]
    fn verdicts_in_words() {
        let on_time = render_to_string(&proposal(10, 12), &outcome(""), false);
        assert!(
            on_time.contains("On time: at your rehearsed pace the talk takes 0:22 (+0:02 against the talk's 0:20 budget, within the 0:05 grace)."),
            "{on_time}"
        );
        assert!(on_time.contains("t.toml already has these budgets: nothing to write."));
        let room = render_to_string(&proposal(5, 5), &outcome(DIFF), false);
        assert!(room.contains("Room: at your rehearsed pace the talk takes 0:10, 0:10 under"));
        assert!(room.contains("Would write t.toml (apply with --write):\n--- t.toml"));
    }

    #[test]
    fn colour_only_when_asked() {
        let p = proposal(5, 30);
        let plain = render_to_string(&p, &outcome(DIFF), false);
        assert!(!plain.contains('\x1b'));
        let coloured = render_to_string(&p, &outcome(DIFF), true);
        assert!(coloured.contains("\x1b[32m+b\x1b[0m"), "{coloured:?}");
        assert!(coloured.contains("\x1b[31m-a\x1b[0m"));
        assert!(coloured.contains("\x1b[1mOver\x1b[0m: "));
    }

    #[test]
    fn writing_and_not_writing_are_said() {
        let p = proposal(5, 15);
        let written = Outcome {
            written: Some("/talks/t.toml"),
            ..outcome(DIFF)
        };
        let text = render_to_string(&p, &written, false);
        assert!(
            text.ends_with(
                "+b\nWrote /talks/t.toml: 2 slide budgets changed. The budgets tune set are \
                 marked `tuned = true`: they give way to slides you add.\n"
            ),
            "{text}"
        );
        let stuck = Outcome {
            unwritable: Some("cannot find the slides of section 1 in the file"),
            ..outcome("")
        };
        let text = render_to_string(&p, &stuck, false);
        assert!(
            text.ends_with(
                "Cannot rewrite t.toml: cannot find the slides of section 1 in the file\n"
            )
        );
    }
}
