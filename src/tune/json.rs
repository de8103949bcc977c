//! The proposal as JSON: a stable document for scripts, times in integer milliseconds.
//!
//! Field names are a contract (docs/tuning.md lists them): add fields, never rename one.

use std::io::{self, Write};

use serde::Serialize;

use super::{
    Cut, CutReason, EstimateSource, Evidence, Fitted, Method, Outcome, Proposal, RateSource,
    SectionProposal, SlideProposal, Verdict,
};
use crate::pace::signed;
use crate::timefmt::{millis, ms};

#[derive(Serialize)]
struct Document<'a> {
    talk: &'a str,
    budget_ms: u64,
    grace_ms: u64,
    /// `history` or `notes`.
    basis: &'static str,
    /// `median` or `shares` (history only).
    method: Option<&'static str>,
    runs: Vec<RunRow<'a>>,
    cut_short_runs: usize,
    rate: Option<RateRow>,
    expected_ms: u64,
    verdict: VerdictRow,
    sections: Vec<SectionRow<'a>>,
    cuts: Vec<CutRow<'a>>,
    /// The slides whose times vary most, most unsteady first.
    unsteady: Vec<UnsteadyRow<'a>>,
    unassigned_ms: u64,
    /// With `--budget`: the file's budget and the slides cut; `null` without it.
    slot: Option<SlotRow<'a>>,
    file: &'a str,
    /// Unified diff of the rewrite; empty when nothing would change.
    diff: &'a str,
    written: bool,
    /// The path written (a symlinked talk's target), when written.
    written_to: Option<&'a str>,
    /// Why the file cannot be rewritten, when it cannot.
    unwritable: Option<&'a str>,
}

#[derive(Serialize)]
struct SlotRow<'a> {
    /// The talk's budget in the file (`budget_ms` is the new one).
    file_budget_ms: u64,
    cut: Vec<SlotCutRow<'a>>,
}

#[derive(Serialize)]
struct SlotCutRow<'a> {
    id: &'a str,
    title: &'a str,
    section: &'a str,
    saves_ms: u64,
}

#[derive(Serialize)]
struct RunRow<'a> {
    number: usize,
    started_at: &'a str,
    elapsed_ms: u64,
    weight: f64,
    /// A `--section` or `--from` run: it informs only the slides it covered.
    partial: bool,
    /// Its first slide (1-based).
    from_slide: usize,
    /// The section rehearsed alone, if any.
    scope: Option<&'a str>,
}

#[derive(Serialize)]
struct RateRow {
    wpm: f64,
    /// `talk`, `default` or `calibrated`.
    source: &'static str,
}

#[derive(Serialize)]
struct VerdictRow {
    /// `over`, `under` or `on_time`.
    kind: &'static str,
    /// Expected minus budget (positive: over).
    delta_ms: i64,
}

#[derive(Serialize)]
struct SectionRow<'a> {
    title: &'a str,
    current_ms: u64,
    suggested_ms: u64,
    change_ms: i64,
    explicit: bool,
    kept: bool,
    slides: Vec<SlideRow<'a>>,
}

#[derive(Serialize)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "the JSON contract: one flag per field"
)]
struct SlideRow<'a> {
    id: &'a str,
    title: &'a str,
    current_ms: u64,
    estimate_ms: u64,
    /// `runs`, `notes` or `budget`.
    estimate_from: &'static str,
    /// Runs that showed the slide (0 unless `estimate_from` is `runs`).
    samples: usize,
    suggested_ms: u64,
    change_ms: i64,
    locked: bool,
    optional: bool,
    floored: bool,
    /// The file gives the slide a budget (before any write).
    explicit: bool,
    /// The interquartile range of its times over the runs used (from two runs on).
    spread_ms: Option<u64>,
    /// Runs used that showed the slide with another title or other notes: their times are
    /// left out (`samples` counts the runs since the change).
    runs_before_change: usize,
}

#[derive(Serialize)]
struct UnsteadyRow<'a> {
    id: &'a str,
    title: &'a str,
    spread_ms: u64,
    median_ms: u64,
    /// The spread over the median, what the list is sorted by (0.57: 57 %).
    spread_share: f64,
}

#[derive(Serialize)]
struct CutRow<'a> {
    id: &'a str,
    title: &'a str,
    /// `optional` or `over_plan`.
    reason: &'static str,
    saves_ms: u64,
}

impl<'a> SectionRow<'a> {
    fn of(proposal: &'a Proposal, section: &'a SectionProposal) -> Self {
        Self {
            title: &section.title,
            current_ms: ms(section.current),
            suggested_ms: ms(section.suggested),
            change_ms: millis(section.change()),
            explicit: section.explicit,
            kept: section.kept,
            slides: proposal.slides[section.slides.clone()]
                .iter()
                .map(SlideRow::of)
                .collect(),
        }
    }
}

impl<'a> SlideRow<'a> {
    fn of(s: &'a SlideProposal) -> Self {
        Self {
            id: &s.id,
            title: &s.title,
            current_ms: ms(s.current),
            estimate_ms: ms(s.estimate),
            estimate_from: match s.source {
                EstimateSource::Runs(_) => "runs",
                EstimateSource::Notes => "notes",
                EstimateSource::Budget => "budget",
            },
            samples: match s.source {
                EstimateSource::Runs(n) => n,
                _ => 0,
            },
            suggested_ms: ms(s.suggested),
            change_ms: millis(s.change()),
            locked: s.fitted == Fitted::Locked,
            optional: s.optional,
            floored: s.fitted == Fitted::Floor,
            explicit: s.explicit,
            spread_ms: s.spread.map(|sp| ms(sp.iqr)),
            runs_before_change: s.before_change,
        }
    }
}

impl<'a> CutRow<'a> {
    fn of(proposal: &'a Proposal, cut: &Cut) -> Self {
        let slide = &proposal.slides[cut.slide];
        Self {
            id: &slide.id,
            title: &slide.title,
            reason: match cut.reason {
                CutReason::Optional => "optional",
                CutReason::OverPlan => "over_plan",
            },
            saves_ms: ms(cut.saves),
        }
    }
}

/// Writes the proposal as one pretty-printed JSON document and a newline.
pub fn render(proposal: &Proposal, outcome: &Outcome<'_>, out: &mut impl Write) -> io::Result<()> {
    let document = Document {
        talk: &proposal.title,
        budget_ms: ms(proposal.budget),
        grace_ms: ms(proposal.grace),
        basis: match proposal.evidence {
            Evidence::History => "history",
            Evidence::Notes => "notes",
        },
        method: (proposal.evidence == Evidence::History).then_some(match proposal.method {
            Method::Median => "median",
            Method::Shares => "shares",
        }),
        runs: proposal
            .runs
            .iter()
            .map(|r| RunRow {
                number: r.number,
                started_at: &r.started_at,
                elapsed_ms: ms(r.elapsed),
                weight: r.weight,
                partial: r.is_partial(),
                from_slide: r.from + 1,
                scope: r.scope.as_deref(),
            })
            .collect(),
        cut_short_runs: proposal.cut_short,
        rate: proposal.rate.map(|r| RateRow {
            wpm: r.wpm,
            source: match r.source {
                RateSource::Talk => "talk",
                RateSource::Default => "default",
                RateSource::Calibrated => "calibrated",
            },
        }),
        expected_ms: ms(proposal.expected),
        verdict: VerdictRow {
            kind: match proposal.verdict {
                Verdict::Over(_) => "over",
                Verdict::Early(_) => "under",
                Verdict::OnTime(_) => "on_time",
            },
            delta_ms: millis(signed(proposal.expected, proposal.budget)),
        },
        sections: proposal
            .sections
            .iter()
            .map(|section| SectionRow::of(proposal, section))
            .collect(),
        cuts: proposal
            .cuts
            .iter()
            .map(|cut| CutRow::of(proposal, cut))
            .collect(),
        unsteady: proposal
            .unsteady
            .iter()
            .filter_map(|&i| {
                let slide = &proposal.slides[i];
                slide.spread.map(|sp| UnsteadyRow {
                    id: &slide.id,
                    title: &slide.title,
                    spread_ms: ms(sp.iqr),
                    median_ms: ms(sp.median),
                    spread_share: sp.relative(),
                })
            })
            .collect(),
        unassigned_ms: ms(proposal.unassigned),
        slot: proposal.slot.as_ref().map(|slot| SlotRow {
            file_budget_ms: ms(slot.was),
            cut: slot
                .cut
                .iter()
                .map(|c| SlotCutRow {
                    id: &c.id,
                    title: &c.title,
                    section: &c.section,
                    saves_ms: ms(c.saves),
                })
                .collect(),
        }),
        file: outcome.file,
        diff: outcome.diff,
        written: outcome.written.is_some(),
        written_to: outcome.written,
        unwritable: outcome.unwritable,
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}
