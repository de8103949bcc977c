//! The sentences the formats for people (text and Markdown) both say, in one place.
//!
//! Pure: a proposal in, words out; no layout, no markup, no colour.

use std::fmt::Write as _;
use std::time::Duration;

use super::{
    CutReason, EstimateSource, Evidence, Fitted, Method, Proposal, RateSource, RunUsed,
    SlideProposal, Verdict,
};
use crate::timefmt::{clock, delta};

/// What `--write` did, in one line.
pub fn written_line(proposal: &Proposal, file: &str) -> String {
    let slides = proposal.changed();
    let sections = proposal
        .sections
        .iter()
        .filter(|s| s.explicit && !s.kept && s.suggested != s.current)
        .count();
    let mut line = format!(
        "Wrote {file}: {slides} slide budget{} changed",
        plural(slides)
    );
    if sections > 0 {
        let _ = write!(line, ", {sections} section budget{}", plural(sections));
    }
    let spelled = proposal
        .slides
        .iter()
        .filter(|s| !s.explicit && s.suggested == s.current)
        .count();
    if spelled > 0 {
        let _ = write!(
            line,
            ", {spelled} unchanged slide budget{} now written in the file",
            plural(spelled)
        );
    }
    if let Some(slot) = &proposal.slot {
        let cut = slot.cut.len();
        let _ = write!(
            line,
            ", {cut} slide{} skipped, the talk's budget {}",
            plural(cut),
            clock(proposal.budget)
        );
    }
    line.push('.');
    if proposal.slides.iter().any(|s| s.fitted != Fitted::Locked) {
        line.push_str(
            " The budgets tune set are marked `tuned = true`: they give way to slides you add.",
        );
    }
    line
}

/// The budget tuned to: `20:00`, or `15:00 (was 20:00)` for a new total.
pub fn budget_head(proposal: &Proposal) -> String {
    match &proposal.slot {
        Some(slot) if slot.was != proposal.budget => {
            format!("{} (was {})", clock(proposal.budget), clock(slot.was))
        }
        _ => clock(proposal.budget),
    }
}

/// What a new total cut, said before the list (`None` without `--budget`).
pub fn slot_line(proposal: &Proposal) -> Option<String> {
    let slot = proposal.slot.as_ref()?;
    let budget = clock(proposal.budget);
    Some(match slot.cut.len() {
        0 => format!("Fits {budget} at your rehearsed pace without cutting a slide."),
        n => {
            let saved: Duration = slot.cut.iter().map(|c| c.saves).sum();
            format!(
                "Cut to fit {budget}: {n} optional slide{}, saving {} at your pace (--write keeps {} in the file with `skip = true`):",
                plural(n),
                clock(saved),
                if n == 1 { "it" } else { "them" }
            )
        }
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Where the estimates come from, in a sentence or two.
pub fn basis_lines(proposal: &Proposal) -> Vec<String> {
    let runs = || {
        let (partial, whole): (Vec<&RunUsed>, Vec<&RunUsed>) =
            proposal.runs.iter().partition(|r| r.is_partial());
        let mut listed: Vec<String> = whole
            .iter()
            .map(|r| format!("#{} {}", r.number, clock(r.elapsed)))
            .collect();
        // Each slide draws on the last runs that covered it: the partial ones for their slides.
        let parts: Vec<String> = partial
            .iter()
            .map(|r| {
                let part = r.scope.as_ref().map_or_else(
                    || format!("from slide {}", r.from + 1),
                    |scope| format!("section {scope}"),
                );
                format!("#{} {} {part}", r.number, clock(r.elapsed))
            })
            .collect();
        let n = partial.len();
        let partial_said = format!(
            "{n} partial run{} for the slides {} covered",
            plural(n),
            if n == 1 { "it" } else { "they" },
        );
        let cut_short = (proposal.cut_short > 0).then(|| {
            let n = proposal.cut_short;
            format!("{n} cut-short run{} ignored", plural(n))
        });
        if whole.is_empty() && !partial.is_empty() {
            let parts: Vec<String> = parts.into_iter().chain(cut_short).collect();
            return format!("{partial_said} ({})", parts.join(", "));
        }
        listed.extend(cut_short);
        let count = whole.len();
        let mut said = format!(
            "the last {count} complete run{} ({})",
            plural(count),
            listed.join(", ")
        );
        if !partial.is_empty() {
            let _ = write!(said, " and {partial_said} ({})", parts.join(", "));
        }
        said
    };
    let mut lines = Vec::new();
    match proposal.evidence {
        Evidence::History => lines.push(match proposal.method {
            Method::Median => format!(
                "Estimates: each slide's median over {}, recent runs weighing more.",
                runs()
            ),
            Method::Shares => format!(
                "Estimates: each slide's share of its run over {}, at your runs' length.",
                runs()
            ),
        }),
        Evidence::Notes => lines.push("Estimates: the notes, read aloud.".to_owned()),
    }
    if let Some(rate) = proposal.rate {
        lines.push(match rate.source {
            RateSource::Talk => format!("Rate: {:.0} words per minute (the talk's wpm).", rate.wpm),
            RateSource::Default => format!(
                "Rate: {:.0} words per minute (pacer's default: set `wpm` in the talk, or measure yours with --calibrate).",
                rate.wpm
            ),
            RateSource::Calibrated => format!(
                "Rate: {:.0} words per minute, your own, measured over {}.",
                rate.wpm,
                runs()
            ),
        });
        if proposal.evidence == Evidence::History {
            lines.push("Slides never rehearsed are read from their notes at that rate.".into());
        }
    }
    lines
}

/// The verdict: its word, the fact, and what to make of it.
pub fn verdict(proposal: &Proposal) -> (&'static str, String, &'static str) {
    let pace = match proposal.evidence {
        Evidence::History => "at your rehearsed pace the talk takes",
        Evidence::Notes => "read at that rate, the notes take",
    };
    let expected = clock(proposal.expected);
    let budget = clock(proposal.budget);
    let whose = if proposal.slot.is_some() {
        "the new"
    } else {
        "the talk's"
    };
    let grace = clock(proposal.grace);
    match proposal.verdict {
        Verdict::Over(by) => (
            "Over",
            format!(
                "{pace} {expected}, {} over {whose} {budget} budget (grace {grace}).",
                clock(by)
            ),
            "The suggestions squeeze every slide to fit; to really fit, cut or shorten:",
        ),
        Verdict::Early(room) => (
            "Room",
            format!(
                "{pace} {expected}, {} under {whose} {budget} budget (grace {grace}).",
                clock(room)
            ),
            "The suggestions stretch every slide to fill it; there is room for more.",
        ),
        Verdict::OnTime(d) => (
            "On time",
            format!(
                "{pace} {expected} ({} against {whose} {budget} budget, within the {grace} grace).",
                delta(d)
            ),
            "",
        ),
    }
}

/// What the list of unsteady slides is, said once for every format.
pub const UNSTEADY: &str = "Unsteady: rehearse these; their times vary most across your runs for their length, most unsteady first (spread: the middle half of the runs; share: the spread over the median).";

/// A slide's spread as a share of its median, the figure the unsteady list is sorted by:
/// `57%`.
pub fn share(spread: &super::Spread) -> String {
    format!("{:.0}%", spread.relative() * 100.0)
}

/// What the list of slides changed since some runs is, said once for every format.
pub const CHANGED: &str = "Changed since: slides whose title or notes you changed since some of the runs used; those runs' times for them are left out.";

/// Per slide changed since some of the runs used: its title and what its estimate now rests
/// on ("based on 2 runs since you changed it"), in the talk's order.
pub fn changed(proposal: &Proposal) -> Vec<(&str, String)> {
    if proposal.evidence != Evidence::History {
        return Vec::new();
    }
    proposal
        .slides
        .iter()
        .filter(|s| s.before_change > 0)
        .map(|s| {
            let rests = match s.source {
                EstimateSource::Runs(n) => {
                    format!("based on {n} run{} since you changed it", plural(n))
                }
                EstimateSource::Notes => {
                    "no run since you changed it: estimated from its notes".to_owned()
                }
                EstimateSource::Budget => {
                    "no run since you changed it: its current budget stands in".to_owned()
                }
            };
            (s.title.as_str(), rests)
        })
        .collect()
}

/// Time the fit could not give to any slide, said plainly.
pub fn unassigned(proposal: &Proposal) -> Option<String> {
    (proposal.unassigned > Duration::ZERO).then(|| {
        format!(
            "Unassigned: {} of the budget has no slide tune may change to go to (every slide \
             left is locked, or in a kept section).",
            clock(proposal.unassigned)
        )
    })
}

/// Why a slide is a cut candidate, for people.
pub fn cut_why(slide: &SlideProposal, reason: CutReason) -> String {
    match reason {
        CutReason::Optional => "optional: skip it".to_owned(),
        CutReason::OverPlan => format!(
            "over plan: {} for {}",
            clock(slide.estimate),
            clock(slide.current)
        ),
    }
}

/// A slide's estimate source, for the `from` column.
pub fn source(slide: &SlideProposal) -> String {
    match slide.source {
        EstimateSource::Runs(n) => format!("{n} run{}", plural(n)),
        EstimateSource::Notes => "notes".to_owned(),
        EstimateSource::Budget => "budget".to_owned(),
    }
}

/// A slide's flags, comma-separated.
pub fn flags(slide: &SlideProposal) -> String {
    let mut flags = Vec::new();
    if slide.fitted == Fitted::Locked {
        flags.push("locked");
    }
    if slide.optional {
        flags.push("optional");
    }
    if slide.fitted == Fitted::Floor {
        flags.push("raised to the floor");
    }
    flags.join(", ")
}
