//! The proposal as Markdown: to paste into notes, an issue or a chat with a coach.

use std::io::{self, Write};
use std::time::Duration;

use super::words::{
    CHANGED, UNSTEADY, basis_lines, budget_head, changed, cut_why, flags, share, slot_line, source,
    unassigned, verdict, written_line,
};
use super::{Outcome, Proposal};
use crate::pace::signed;
use crate::timefmt::{clock, delta};

/// Writes the proposal, its verdict, the cut candidates and the diff.
pub fn render(proposal: &Proposal, outcome: &Outcome<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# Tuning: {}", escape(&proposal.title))?;
    writeln!(out)?;
    writeln!(
        out,
        "Budget {}, grace {}. {}",
        budget_head(proposal),
        clock(proposal.grace),
        basis_lines(proposal).join(" ")
    )?;
    writeln!(out)?;
    table(proposal, out)?;
    if let Some(line) = slot_line(proposal) {
        writeln!(out, "{}", escape(&line))?;
        writeln!(out)?;
        let cut = proposal.slot.iter().flat_map(|s| &s.cut);
        if proposal.slot.as_ref().is_some_and(|s| !s.cut.is_empty()) {
            writeln!(out, "| Saves | Total | Slide | Section |")?;
            writeln!(out, "| ---: | ---: | --- | --- |")?;
            let mut total = Duration::ZERO;
            for cut in cut {
                total += cut.saves;
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    clock(cut.saves),
                    clock(total),
                    escape(&cut.title),
                    escape(&cut.section)
                )?;
            }
            writeln!(out)?;
        }
    }
    let (word, fact, advice) = verdict(proposal);
    let said = [fact.as_str(), advice]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| escape(s))
        .collect::<Vec<_>>()
        .join(" ");
    writeln!(out, "**{word}**: {said}")?;
    if !proposal.cuts.is_empty() {
        writeln!(out)?;
        writeln!(out, "| Saves | Total | Slide | Why |")?;
        writeln!(out, "| ---: | ---: | --- | --- |")?;
        let mut total = Duration::ZERO;
        for cut in &proposal.cuts {
            total += cut.saves;
            let slide = &proposal.slides[cut.slide];
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                clock(cut.saves),
                clock(total),
                escape(&slide.title),
                cut_why(slide, cut.reason)
            )?;
        }
    }
    if let Some(note) = unassigned(proposal) {
        writeln!(out)?;
        writeln!(out, "{note}")?;
    }
    let changed = changed(proposal);
    if !changed.is_empty() {
        let (word, rest) = CHANGED
            .split_once(": ")
            .unwrap_or(("Changed since", CHANGED));
        writeln!(out)?;
        writeln!(out, "**{word}**: {}", escape(rest))?;
        writeln!(out)?;
        for (title, rests) in changed {
            writeln!(out, "- {}: {rests}", escape(title))?;
        }
    }
    if !proposal.unsteady.is_empty() {
        let (word, rest) = UNSTEADY.split_once(": ").unwrap_or(("Unsteady", UNSTEADY));
        writeln!(out)?;
        writeln!(out, "**{word}**: {}", escape(rest))?;
        writeln!(out)?;
        writeln!(out, "| Share | Spread | Median | Slide |")?;
        writeln!(out, "| ---: | ---: | ---: | --- |")?;
        for &i in &proposal.unsteady {
            let slide = &proposal.slides[i];
            let Some(spread) = slide.spread else { continue };
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                share(&spread),
                clock(spread.iqr),
                clock(spread.median),
                escape(&slide.title)
            )?;
        }
    }
    writeln!(out)?;
    file_part(proposal, outcome, out)
}

/// The proposal's table: a bold row per section, a row per slide, the total.
fn table(proposal: &Proposal, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "| Slide | Budget | From | Estimate | Suggested | Change | Notes |"
    )?;
    writeln!(out, "| --- | ---: | --- | ---: | ---: | ---: | --- |")?;
    for section in &proposal.sections {
        let slides = &proposal.slides[section.slides.clone()];
        let estimate: Duration = slides.iter().map(|s| s.estimate).sum();
        writeln!(
            out,
            "| **{}** | **{}** | | **{}** | **{}** | **{}** | {} |",
            escape(&section.title),
            clock(section.current),
            clock(estimate),
            clock(section.suggested),
            delta(section.change()),
            if section.kept { "kept" } else { "" }
        )?;
        for slide in slides {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                escape(&slide.title),
                clock(slide.current),
                source(slide),
                clock(slide.estimate),
                clock(slide.suggested),
                delta(slide.change()),
                flags(slide)
            )?;
        }
    }
    let suggested: Duration = proposal.slides.iter().map(|s| s.suggested).sum();
    writeln!(
        out,
        "| **Total** | **{}** | | **{}** | **{}** | **{}** | |",
        clock(proposal.budget),
        clock(proposal.expected),
        clock(suggested),
        delta(signed(suggested, proposal.budget))
    )?;
    writeln!(out)?;
    Ok(())
}

/// What writing the file does (or did), with the diff in a fenced block.
fn file_part(proposal: &Proposal, outcome: &Outcome<'_>, out: &mut impl Write) -> io::Result<()> {
    let file = format!("`{}`", outcome.file.replace('`', "'"));
    if let Some(why) = outcome.unwritable {
        return writeln!(out, "Cannot rewrite {file}: {}", escape(why));
    }
    if outcome.diff.is_empty() {
        return writeln!(out, "{file} already has these budgets: nothing to write.");
    }
    if let Some(path) = outcome.written {
        let path = format!("`{}`", path.replace('`', "'"));
        writeln!(out, "{}", written_line(proposal, &path))?;
    } else {
        writeln!(out, "Would write {file} (apply with `--write`):")?;
    }
    writeln!(out)?;
    // A fence longer than any backtick run in the diff keeps it one block.
    let longest = outcome
        .diff
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    writeln!(out, "{fence}diff")?;
    write!(out, "{}", outcome.diff)?;
    if !outcome.diff.ends_with('\n') {
        writeln!(out)?;
    }
    writeln!(out, "{fence}")
}

/// Text safe in a table cell or a paragraph: pipes and markup characters escaped, one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_breakers() {
        assert_eq!(escape("a | b *c*\nd"), "a \\| b \\*c\\* d");
        assert_eq!(escape("발표 🎤"), "발표 🎤");
    }
}
