//! A shorter slot (`tune --budget`): which `optional` slides to cut so the rest fits the new
//! total at the speaker's pace, and the plan of what is left, to fit the new budgets to.
//!
//! Owns the cut rule: optional slides only, never a locked one, the largest savings (estimates)
//! first, until the talk at the rehearsed pace is no longer over the new budget (by the pacing
//! rules' verdict, with the talk's `grace`). Pure: no I/O; the estimates come in as data and the
//! fit itself is [`super::fit`]'s.

use std::time::Duration;

use crate::pace::{Finish, finish, signed};
use crate::plan::{Plan, PlannedSection};
use crate::timefmt::clock;

/// The plan without the cut slides, at the new budget.
#[derive(Debug, Clone, PartialEq)]
pub struct Shorter {
    pub plan: Plan,
    /// For every slide of [`Shorter::plan`], its index in the original plan.
    pub kept: Vec<usize>,
    /// The slides cut (indices into the original plan) and what each saves, in cut order.
    pub cut: Vec<(usize, Duration)>,
    /// The talk at the rehearsed pace once they are cut.
    pub takes: Duration,
}

/// The new budget cannot be met even with every optional slide cut.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "--budget {} does not fit: at your rehearsed pace the talk takes {} {}, {} over \
     (grace {}); shorten or cut more slides (mark them `optional = true`), or ask for at least {}",
    clock(*.budget),
    clock(*.takes),
    cut_text(*.cut),
    clock(*.over),
    clock(*.grace),
    clock(.takes.saturating_sub(*.grace))
)]
pub struct NoFit {
    pub budget: Duration,
    /// The talk at the rehearsed pace with every optional slide that may go cut.
    pub takes: Duration,
    pub over: Duration,
    pub grace: Duration,
    /// How many optional slides were cut.
    pub cut: usize,
}

fn cut_text(cut: usize) -> String {
    match cut {
        0 => "and no slide is optional (and unlocked) to cut".to_owned(),
        1 => "even with its 1 optional slide cut".to_owned(),
        n => format!("even with all {n} optional slides cut"),
    }
}

/// Cuts optional slides of `plan` (largest `estimates` first) until the rest fits `budget`.
pub fn cut(plan: &Plan, estimates: &[Duration], budget: Duration) -> Result<Shorter, NoFit> {
    let mut candidates: Vec<usize> = (0..plan.slides.len())
        .filter(|&i| plan.slides[i].optional && !plan.slides[i].lock)
        .collect();
    candidates.sort_by(|&a, &b| estimates[b].cmp(&estimates[a]).then(a.cmp(&b)));
    let mut takes: Duration = estimates.iter().sum();
    let over = |takes: Duration| match finish(signed(takes, budget), plan.grace) {
        Finish::Over(over) => Some(over),
        _ => None,
    };
    let mut cut = Vec::new();
    let mut out = vec![false; plan.slides.len()];
    for i in candidates {
        // Never the last slide: a talk needs one.
        if over(takes).is_none() || cut.len() + 1 == plan.slides.len() {
            break;
        }
        takes = takes.saturating_sub(estimates[i]);
        cut.push((i, estimates[i]));
        out[i] = true;
    }
    if let Some(over) = over(takes) {
        return Err(NoFit {
            budget,
            takes,
            over,
            grace: plan.grace,
            cut: cut.len(),
        });
    }
    let (plan, kept) = without(plan, &out, budget);
    Ok(Shorter {
        plan,
        kept,
        cut,
        takes,
    })
}

/// `plan` at `budget` without the slides `out` marks (and without sections left empty), with
/// every start recomputed; the slides' current budgets stay what they were.
fn without(plan: &Plan, out: &[bool], budget: Duration) -> (Plan, Vec<usize>) {
    let mut slides = Vec::new();
    let mut sections = Vec::new();
    let mut kept = Vec::new();
    let mut at = Duration::ZERO;
    for section in &plan.sections {
        let first = slides.len();
        let section_start = at;
        for i in section.slides.clone().filter(|&i| !out[i]) {
            let mut slide = plan.slides[i].clone();
            slide.section = sections.len();
            slide.start = at;
            at += slide.budget;
            slides.push(slide);
            kept.push(i);
        }
        if slides.len() == first {
            continue;
        }
        sections.push(PlannedSection {
            start: section_start,
            slides: first..slides.len(),
            ..section.clone()
        });
    }
    let total: Duration = slides.iter().map(|s| s.budget).sum();
    let plan = Plan {
        budget,
        sections,
        slides,
        unassigned: budget.saturating_sub(total),
        ..plan.clone()
    };
    (plan, kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlannedSlide;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn slide(id: &str, optional: bool, lock: bool) -> PlannedSlide {
        PlannedSlide {
            optional,
            lock,
            budget: secs(60),
            ..crate::testing::slide(id)
        }
    }

    /// A: [a, b (optional, 50 s), c (optional, locked, 90 s)], B: [d (optional, 20 s)].
    fn talk() -> (Plan, Vec<Duration>) {
        let mut plan = crate::testing::plan(vec![
            (
                "A",
                vec![
                    slide("a", false, false),
                    slide("b", true, false),
                    slide("c", true, true),
                ],
            ),
            ("B", vec![slide("d", true, false)]),
        ]);
        plan.grace = secs(10);
        (plan, vec![secs(100), secs(50), secs(90), secs(20)])
    }

    #[test]
    fn the_largest_optional_slide_goes_first_and_no_more_than_needed() {
        let (plan, estimates) = talk();
        // 260 s at pace for 3:30 (+10 s grace): cutting b (50 s) is enough.
        let shorter = cut(&plan, &estimates, secs(210)).unwrap();
        assert_eq!(shorter.cut, [(1, secs(50))]);
        assert_eq!(shorter.kept, [0, 2, 3]);
        assert_eq!(shorter.takes, secs(210));
        assert_eq!(shorter.plan.budget, secs(210));
        assert_eq!(shorter.plan.sections[1].slides, 2..3);
        assert_eq!(shorter.plan.slides[2].section, 1);
        // 3:00: b, then d; the locked c is never cut.
        let shorter = cut(&plan, &estimates, secs(190)).unwrap();
        assert_eq!(shorter.cut, [(1, secs(50)), (3, secs(20))]);
        assert_eq!(
            shorter.plan.sections.len(),
            1,
            "B is left empty and dropped"
        );
    }

    #[test]
    fn a_slot_too_short_even_with_every_cut_says_by_how_much() {
        let (plan, estimates) = talk();
        let err = cut(&plan, &estimates, secs(120)).unwrap_err();
        assert_eq!(err.takes, secs(190));
        assert_eq!(err.over, secs(70));
        assert_eq!(
            err.to_string(),
            "--budget 2:00 does not fit: at your rehearsed pace the talk takes 3:10 even with all \
             2 optional slides cut, 1:10 over (grace 0:10); shorten or cut more slides (mark \
             them `optional = true`), or ask for at least 3:00"
        );
    }

    #[test]
    fn a_slot_that_fits_cuts_nothing() {
        let (plan, estimates) = talk();
        let shorter = cut(&plan, &estimates, secs(255)).unwrap();
        assert!(shorter.cut.is_empty());
        assert_eq!(shorter.plan.slides.len(), 4);
    }
}
