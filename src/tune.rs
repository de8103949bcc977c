//! Tuning: suggested budgets from rehearsals (or notes), fitted exactly to the talk's budget.
//!
//! Owns the proposal (per-slide estimate, suggestion and change; the verdict against the budget
//! and `grace`; the cut candidates), the `toml_edit` rewrite of the talk file (pure text to text)
//! and one renderer per output format. Everything here is pure: reading the talk and the
//! history, and replacing the file (`crate::fsutil::atomic`), is the CLI's job.

pub mod estimate;
pub mod fit;
pub mod json;
pub mod markdown;
pub mod shorter;
pub mod text;
pub mod words;
pub mod write;

use std::ops::Range;
use std::time::Duration;

pub use estimate::{Recent, RunUsed};

use jiff::SignedDuration;

use crate::history::Run;
use crate::pace::signed;
use crate::plan::{Plan, word_count};

/// The speaking rate assumed when the talk sets no `wpm`.
pub const DEFAULT_WPM: f64 = 130.0;

/// What the estimates rest on: the rehearsals, or the notes (`--from`). Not to be confused with
/// [`crate::rehearsal::Basis`], what the live screen compares the run against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// The last complete rehearsals.
    History,
    /// The notes, at a speaking rate.
    Notes,
}

/// How rehearsals become one estimate per slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The median of the slide's times, weighted towards recent runs.
    Median,
    /// Each run as shares of its own length, a trimmed geometric mean (the default: it
    /// predicts the next run best, see `examples/tune_sim.rs`).
    Shares,
}

/// What the user asked `tune` for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub evidence: Evidence,
    /// How many of the last complete runs to use.
    pub runs: usize,
    pub method: Method,
    /// Measure the speaker's words per minute from the runs and use it for notes.
    pub calibrate: bool,
    /// Hold sections with an explicit budget at it.
    pub keep_sections: bool,
    /// A new total for the talk (`--budget`): optional slides are cut until the rest fits.
    pub budget: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            evidence: Evidence::History,
            runs: 5,
            method: Method::Shares,
            calibrate: false,
            keep_sections: false,
            budget: None,
        }
    }
}

/// Where a speaking rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateSource {
    /// The talk's `wpm`.
    Talk,
    /// [`DEFAULT_WPM`]: the talk sets none.
    Default,
    /// Measured from the speaker's runs (`--calibrate`).
    Calibrated,
}

/// The words per minute notes were read at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub wpm: f64,
    pub source: RateSource,
}

/// What a slide's estimate rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateSource {
    /// This many rehearsals showed the slide.
    Runs(usize),
    /// Its notes at the rate (or, without notes, the mean slide with notes).
    Notes,
    /// No data: its current budget stands in.
    Budget,
}

/// One slide's line of the proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideProposal {
    pub id: String,
    pub title: String,
    /// Index into [`Proposal::sections`].
    pub section: usize,
    pub current: Duration,
    pub estimate: Duration,
    pub source: EstimateSource,
    pub suggested: Duration,
    /// How the suggestion came about.
    pub fitted: Fitted,
    pub optional: bool,
    /// The file gives the slide a budget (after a write, every slide has one).
    pub explicit: bool,
    /// How much the slide's time varies across the runs used (from two runs on).
    pub spread: Option<Spread>,
    /// Runs used that showed the slide with another title or other notes: their times for
    /// it are left out, and [`SlideProposal::source`] counts only the runs since the change.
    pub before_change: usize,
}

/// How steady a slide is across the runs used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The interquartile range of its times (the middle half of the runs lie within it).
    pub iqr: Duration,
    /// The median of its times.
    pub median: Duration,
}

impl Spread {
    /// The spread as a share of the median: comparable between a long and a short slide.
    pub fn relative(&self) -> f64 {
        if self.median.is_zero() {
            0.0
        } else {
            self.iqr.as_secs_f64() / self.median.as_secs_f64()
        }
    }
}

/// How the fit set a slide's suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fitted {
    /// `lock = true`: the current budget, untouched.
    Locked,
    /// Its share of the time left, in proportion to its estimate.
    Shared,
    /// Raised to [`MIN_SLIDE`](crate::pace::MIN_SLIDE): its share came out smaller.
    Floor,
}

impl SlideProposal {
    /// Suggested minus current, in milliseconds.
    /// Suggested minus current (positive: more time).
    pub fn change(&self) -> SignedDuration {
        signed(self.suggested, self.current)
    }
}

/// One section's line of the proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionProposal {
    pub title: String,
    pub current: Duration,
    /// Kept, or the sum of its slides' suggestions.
    pub suggested: Duration,
    /// The file gives the section a budget (it is rewritten unless kept).
    pub explicit: bool,
    /// Held at its budget (`--keep-sections`).
    pub kept: bool,
    /// Indices into [`Proposal::slides`].
    pub slides: Range<usize>,
}

impl SectionProposal {
    /// Suggested minus current (positive: more time).
    pub fn change(&self) -> SignedDuration {
        signed(self.suggested, self.current)
    }
}

/// How the talk, at the estimated pace, stands against its budget and `grace`: the pacing
/// rules' verdict on a finish ([`crate::pace::finish`]).
pub use crate::pace::Finish as Verdict;

/// Why a slide is a cut candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutReason {
    /// Marked `optional`: skipping it saves its whole estimate.
    Optional,
    /// Its estimate exceeds its current budget: keeping to plan saves the difference.
    OverPlan,
}

/// A slide to cut or shorten when the talk runs long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// Index into [`Proposal::slides`].
    pub slide: usize,
    pub reason: CutReason,
    pub saves: Duration,
}

/// A new total (`--budget`): the budget the file has, and the slides cut to fit the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The talk's budget in the file.
    pub was: Duration,
    /// The slides cut (written `skip = true`), largest savings first.
    pub cut: Vec<CutSlide>,
}

/// A slide cut to fit a new total.
#[derive(Debug, Clone, PartialEq)]
pub struct CutSlide {
    pub id: String,
    pub title: String,
    /// The title of its section.
    pub section: String,
    /// Its estimate: what cutting it saves at the rehearsed pace.
    pub saves: Duration,
}

/// Everything `tune` proposes for a talk.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub title: String,
    pub budget: Duration,
    pub grace: Duration,
    pub evidence: Evidence,
    pub method: Method,
    /// The complete runs the estimates (or the calibration) rest on, oldest first.
    pub runs: Vec<RunUsed>,
    /// Runs of the history ignored because they were cut short.
    pub cut_short: usize,
    /// The rate notes were read at, when notes were used.
    pub rate: Option<Rate>,
    pub sections: Vec<SectionProposal>,
    pub slides: Vec<SlideProposal>,
    /// The talk at the estimated pace: the sum of the estimates, which rest on the runs'
    /// totals ([`estimate::scale_to_runs`]), not on a sum of per-slide medians.
    pub expected: Duration,
    pub verdict: Verdict,
    /// When over: optional slides first, then the largest overruns.
    pub cuts: Vec<Cut>,
    /// Time no slide can take (see [`fit::Fit::unassigned`]).
    pub unassigned: Duration,
    /// The slides whose times vary most across the runs (indices into [`Proposal::slides`],
    /// most unsteady first): "rehearse these".
    pub unsteady: Vec<usize>,
    /// With `--budget`: the file's budget and the slides cut (not in [`Proposal::slides`]).
    pub slot: Option<Slot>,
}

/// Why no proposal can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("no complete rehearsal to tune from{}", cut_short_note(*cut_short))]
    NoRuns { cut_short: usize },
    #[error(
        "none of the last {runs} complete run(s) showed a slide of this talk: were the slides \
         renamed? (a slide's id is the slug of its section and title unless it sets `id`)"
    )]
    NoMatchingSlides { runs: usize },
    #[error("no slide has notes to estimate from")]
    NoNotes,
    #[error("--calibrate needs rehearsed slides with notes, and no run showed one")]
    NoSpokenNotes,
    #[error(transparent)]
    Fit(#[from] fit::FitError),
    #[error(transparent)]
    NoFit(#[from] shorter::NoFit),
}

fn cut_short_note(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (1 run was cut short)".to_owned(),
        n => format!(" ({n} runs were cut short)"),
    }
}

/// Proposes budgets for `plan` from `runs` (the talk's history, oldest first).
pub fn propose(plan: &Plan, runs: &[Run], options: &Options) -> Result<Proposal, Error> {
    let mut recent = Recent::new(options.runs);
    runs.iter().cloned().for_each(|run| recent.offer(run));
    propose_recent(plan, &recent, options)
}

/// Proposes budgets for `plan` from the runs `recent` kept while the history was read (the
/// way the command streams a history: at most `options.runs` runs held).
pub fn propose_recent(plan: &Plan, recent: &Recent, options: &Options) -> Result<Proposal, Error> {
    let rehearsed = estimate::gather_recent(plan, recent);
    enough_to_tune(&rehearsed, options)?;
    let (rate, estimates) = estimates(plan, &rehearsed, options)?;

    let values: Vec<Duration> = estimates.iter().map(|(d, _)| *d).collect();
    // With a new total, the optional slides cut first; the rest is fitted to it.
    let shorter = options
        .budget
        .map(|budget| shorter::cut(plan, &values, budget))
        .transpose()?;
    let (fit_plan, kept) = match &shorter {
        Some(shorter) => (&shorter.plan, shorter.kept.clone()),
        None => (plan, (0..plan.slides.len()).collect()),
    };
    let kept_values: Vec<Duration> = kept.iter().map(|&i| values[i]).collect();
    let keep: Vec<bool> = fit_plan
        .sections
        .iter()
        .map(|s| options.keep_sections && s.explicit)
        .collect();
    let fitted = fit::fit(fit_plan, &kept_values, &keep)?;

    let slides: Vec<SlideProposal> = kept
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let slide = &plan.slides[i];
            SlideProposal {
                id: slide.id.clone(),
                title: slide.title.clone(),
                section: fit_plan.slides[k].section,
                current: slide.budget,
                estimate: estimates[i].0,
                source: estimates[i].1,
                suggested: fitted.slides[k],
                fitted: match (slide.lock, fitted.floored[k]) {
                    (true, _) => Fitted::Locked,
                    (false, true) => Fitted::Floor,
                    (false, false) => Fitted::Shared,
                },
                optional: slide.optional,
                explicit: slide.explicit,
                spread: spread(&rehearsed.samples[i]),
                before_change: rehearsed.before_change[i],
            }
        })
        .collect();
    let sections = fit_plan
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| SectionProposal {
            title: section.title.clone(),
            current: section.budget,
            suggested: fitted.sections[s],
            explicit: section.explicit,
            kept: keep[s],
            slides: section.slides.clone(),
        })
        .collect();
    let slot = shorter.as_ref().map(|shorter| slot(plan, shorter));
    let plan = fit_plan;
    let values = kept_values;
    let expected: Duration = values.iter().sum();
    let verdict = verdict(expected, plan.budget, plan.grace);
    let cuts = match verdict {
        Verdict::Over(over) => cuts(&slides, over),
        _ => Vec::new(),
    };
    let unsteady = if options.evidence == Evidence::History {
        unsteady(&slides)
    } else {
        Vec::new()
    };
    Ok(Proposal {
        title: plan.title.clone(),
        budget: plan.budget,
        grace: plan.grace,
        evidence: options.evidence,
        method: options.method,
        runs: rehearsed.runs,
        cut_short: rehearsed.cut_short,
        rate,
        sections,
        slides,
        expected,
        verdict,
        cuts,
        unassigned: fitted.unassigned,
        unsteady,
        slot,
    })
}

/// The file's budget and the slides cut to fit a new total.
fn slot(plan: &Plan, shorter: &shorter::Shorter) -> Slot {
    Slot {
        was: plan.budget,
        cut: shorter
            .cut
            .iter()
            .map(|&(i, saves)| CutSlide {
                id: plan.slides[i].id.clone(),
                title: plan.slides[i].title.clone(),
                section: plan.sections[plan.slides[i].section].title.clone(),
                saves,
            })
            .collect(),
    }
}

/// Whether the runs give anything to tune from: a complete run, and one that showed a slide of
/// the talk as it is now.
fn enough_to_tune(rehearsed: &estimate::Rehearsed, options: &Options) -> Result<(), Error> {
    if (options.evidence == Evidence::History || options.calibrate) && rehearsed.runs.is_empty() {
        return Err(Error::NoRuns {
            cut_short: rehearsed.cut_short,
        });
    }
    // Slides the runs showed but that changed since are matched, not missing: they fall back
    // to their budgets, as slides never rehearsed do.
    if options.evidence == Evidence::History
        && rehearsed.samples.iter().all(Vec::is_empty)
        && rehearsed.before_change.iter().all(|&n| n == 0)
    {
        return Err(Error::NoMatchingSlides {
            runs: rehearsed.runs.len(),
        });
    }
    Ok(())
}

/// The spread of one slide's times, from two samples on.
fn spread(samples: &[estimate::Sample]) -> Option<Spread> {
    let times: Vec<Duration> = samples.iter().map(|s| s.time).collect();
    if times.len() < 2 {
        return None;
    }
    Some(Spread {
        iqr: crate::stats::spread(&times)?,
        median: crate::stats::median(&times)?,
    })
}

/// At most this many unsteady slides are listed.
const UNSTEADY_SHOWN: usize = 5;
/// A slide is unsteady when its relative spread is at least this many times the talk's
/// median relative spread…
const UNSTEADY_AGAINST_TALK: f64 = 1.5;
/// …and at least this share of its median time (a very steady speaker has no unsteady slides).
const UNSTEADY_AT_LEAST: f64 = 0.2;

/// The slides whose times vary most, for their length, across three runs or more: against the
/// speaker's own steadiness (the talk's median relative spread), so a talk rehearsed at a
/// changing pace does not list every slide.
fn unsteady(slides: &[SlideProposal]) -> Vec<usize> {
    let steady_enough = |s: &SlideProposal| matches!(s.source, EstimateSource::Runs(n) if n >= 3);
    let mut relative: Vec<(usize, f64)> = slides
        .iter()
        .enumerate()
        .filter(|(_, s)| steady_enough(s))
        .filter_map(|(i, s)| s.spread.map(|sp| (i, sp.relative())))
        .collect();
    let mut all: Vec<f64> = relative.iter().map(|(_, r)| *r).collect();
    all.sort_unstable_by(f64::total_cmp);
    let Some(&typical) = all.get(all.len() / 2) else {
        return Vec::new();
    };
    let bar = (typical * UNSTEADY_AGAINST_TALK).max(UNSTEADY_AT_LEAST);
    relative.retain(|(_, r)| *r >= bar);
    relative.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    relative
        .into_iter()
        .take(UNSTEADY_SHOWN)
        .map(|(i, _)| i)
        .collect()
}

/// Every slide's estimate and what it rests on.
type Estimates = Vec<(Duration, EstimateSource)>;

/// The rate notes are read at (if notes are used) and every slide's estimate with its source.
fn estimates(
    plan: &Plan,
    rehearsed: &estimate::Rehearsed,
    options: &Options,
) -> Result<(Option<Rate>, Estimates), Error> {
    let rate = if options.calibrate {
        let wpm = estimate::words_per_minute(rehearsed, plan).ok_or(Error::NoSpokenNotes)?;
        Some(Rate {
            wpm,
            source: RateSource::Calibrated,
        })
    } else if options.evidence == Evidence::Notes {
        Some(plan.wpm.map_or(
            Rate {
                wpm: DEFAULT_WPM,
                source: RateSource::Default,
            },
            |wpm| Rate {
                wpm,
                source: RateSource::Talk,
            },
        ))
    } else {
        None
    };
    let from_notes = rate.and_then(|r| estimate::notes(plan, r.wpm));

    let estimates = match options.evidence {
        Evidence::Notes => from_notes
            .ok_or(Error::NoNotes)?
            .into_iter()
            .map(|d| (d, EstimateSource::Notes))
            .collect(),
        Evidence::History => {
            let (_, from_runs) = estimate::scale_to_runs(
                rehearsed,
                &match options.method {
                    Method::Median => estimate::median(rehearsed),
                    Method::Shares => estimate::shares(rehearsed, plan),
                },
            );
            plan.slides
                .iter()
                .enumerate()
                .map(|(i, slide)| match (from_runs[i], &from_notes) {
                    (Some(d), _) => (d, EstimateSource::Runs(rehearsed.samples[i].len())),
                    // Calibrated: a slide never rehearsed is read from its own notes.
                    (None, Some(notes)) if word_count(&slide.notes) > 0 => {
                        (notes[i], EstimateSource::Notes)
                    }
                    (None, _) => (slide.budget, EstimateSource::Budget),
                })
                .collect()
        }
    };

    Ok((rate, estimates))
}

fn verdict(expected: Duration, budget: Duration, grace: Duration) -> Verdict {
    crate::pace::finish(signed(expected, budget), grace)
}

/// How many overruns to list at least, and at most, after the optional slides.
const OVERRUNS_SHOWN: Range<usize> = 3..10;

/// The optional slides (largest first), then the largest overruns: at least three, and more
/// until the list saves `over`, ten at most.
fn cuts(slides: &[SlideProposal], over: Duration) -> Vec<Cut> {
    let mut optional: Vec<Cut> = slides
        .iter()
        .enumerate()
        .filter(|(_, s)| s.optional)
        .map(|(i, s)| Cut {
            slide: i,
            reason: CutReason::Optional,
            saves: s.estimate,
        })
        .collect();
    optional.sort_by(|a, b| b.saves.cmp(&a.saves).then(a.slide.cmp(&b.slide)));
    let mut overruns: Vec<Cut> = slides
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.optional && s.estimate > s.current)
        .map(|(i, s)| Cut {
            slide: i,
            reason: CutReason::OverPlan,
            saves: s.estimate.saturating_sub(s.current),
        })
        .collect();
    overruns.sort_by(|a, b| b.saves.cmp(&a.saves).then(a.slide.cmp(&b.slide)));
    let mut saved: Duration = optional.iter().map(|c| c.saves).sum();
    let mut list = optional;
    for (k, cut) in overruns.into_iter().enumerate() {
        if k >= OVERRUNS_SHOWN.end || (k >= OVERRUNS_SHOWN.start && saved >= over) {
            break;
        }
        saved += cut.saves;
        list.push(cut);
    }
    list
}

impl Proposal {
    /// What to write into `talk`'s file: every slide's suggestion (as a tuned budget, which
    /// gives way to slides added later; a locked slide's stays hard), `skip = true` for every
    /// slide cut to a new total, the new budget of every section the file gives one (kept
    /// sections keep theirs), and the new total. Slides are found by id, so slides the file
    /// already skips are left as they are.
    pub fn budgets(&self, talk: &crate::talk::Talk) -> write::Budgets {
        use std::collections::HashMap;
        let by_id: HashMap<&str, &SlideProposal> =
            self.slides.iter().map(|s| (s.id.as_str(), s)).collect();
        let cut: std::collections::HashSet<&str> = self
            .slot
            .iter()
            .flat_map(|slot| &slot.cut)
            .map(|c| c.id.as_str())
            .collect();
        let edit = |slide: &crate::talk::Slide| match by_id.get(slide.id.as_str()) {
            _ if slide.skip => write::Edit::Leave,
            _ if cut.contains(slide.id.as_str()) => write::Edit::Skip,
            Some(p) if p.fitted == Fitted::Locked => write::Edit::Budget(p.suggested),
            Some(p) => write::Edit::Tuned(p.suggested),
            None => write::Edit::Leave,
        };
        let section = |section: &crate::talk::Section| {
            section
                .slides
                .iter()
                .find_map(|slide| by_id.get(slide.id.as_str()))
                .map(|p| &self.sections[p.section])
                .and_then(|s| s.explicit.then_some(s.suggested))
        };
        write::Budgets {
            talk: self.slot.as_ref().map(|_| self.budget),
            sections: talk.sections.iter().map(section).collect(),
            slides: talk
                .sections
                .iter()
                .map(|s| s.slides.iter().map(edit).collect())
                .collect(),
        }
    }

    /// Checks that `plan`, the plan of the rewritten file, is the one proposed: same slides,
    /// every budget as suggested. Anything else is a bug to report, never a file to write.
    pub fn verify(&self, plan: &Plan) -> Result<(), String> {
        if plan.slides.len() != self.slides.len() || plan.sections.len() != self.sections.len() {
            return Err("the rewritten talk has a different outline".into());
        }
        for (new, want) in plan.slides.iter().zip(&self.slides) {
            if new.id != want.id || new.budget != want.suggested {
                return Err(format!(
                    "slide \"{}\" would plan at {} ms, not the {} ms proposed",
                    want.title,
                    crate::timefmt::ms(new.budget),
                    crate::timefmt::ms(want.suggested)
                ));
            }
        }
        for (new, want) in plan.sections.iter().zip(&self.sections) {
            if new.budget != want.suggested {
                return Err(format!(
                    "section \"{}\" would plan at {} ms, not the {} ms proposed",
                    want.title,
                    crate::timefmt::ms(new.budget),
                    crate::timefmt::ms(want.suggested)
                ));
            }
        }
        Ok(())
    }

    /// Slides whose budget changes.
    pub fn changed(&self) -> usize {
        self.slides
            .iter()
            .filter(|s| s.suggested != s.current)
            .count()
    }
}

/// What a renderer shows besides the proposal: the file and what writing it does.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'a> {
    /// The talk file as the user named it.
    pub file: &'a str,
    /// Unified diff of the rewrite (empty: nothing would change).
    pub diff: &'a str,
    /// Where `--write` wrote the rewrite (the file, or a symlink's target); `None`: not written.
    pub written: Option<&'a str>,
    /// Why the file cannot be rewritten, if it cannot.
    pub unwritable: Option<&'a str>,
}

#[cfg(test)]
mod tests;
