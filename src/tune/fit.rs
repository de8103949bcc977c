//! Fitting estimates to the budget: exact to the millisecond, whole seconds where possible.
//!
//! `lock`ed slides and kept section budgets are held; the time left (the talk's, or a kept
//! section's) is shared among the other slides in proportion to their estimates, no slide under
//! [`MIN_SLIDE`]. Shares are whole seconds split by largest remainder, and a group whose time is not
//! a whole number of seconds gives the odd milliseconds to its largest slide, so a speaker reads
//! `"14s"`, not `"13s 871ms"`, and the talk still sums exactly to its budget. Pure arithmetic.

use std::time::Duration;

use crate::pace::MIN_SLIDE;
use crate::plan::Plan;
use crate::share::with_floor as split_units;
use crate::timefmt::ms;

/// Suggested budgets for every slide and section of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// Per slide of the plan.
    pub slides: Vec<Duration>,
    /// Per slide: raised to [`MIN_SLIDE`] because its share came out smaller.
    pub floored: Vec<bool>,
    /// Per section: kept, or the sum of its slides.
    pub sections: Vec<Duration>,
    /// Time no slide can take: a kept section, or the talk, with nothing left to give it to.
    pub unassigned: Duration,
}

/// Why the estimates cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error(
        "{place} leaves {} for {slides} slide(s): less than the {} floor each{hint}",
        crate::timefmt::clock(*free),
        crate::timefmt::clock(MIN_SLIDE)
    )]
    NoRoom {
        place: String,
        free: Duration,
        slides: usize,
        hint: &'static str,
    },
    #[error(
        "the locked slides{} take {}, more than the {} budget: unlock slides{}",
        if *.kept { " and kept sections" } else { "" },
        crate::timefmt::clock(*held),
        crate::timefmt::clock(*budget),
        if *.kept { ", or run without --keep-sections" } else { "" }
    )]
    OverBudget {
        held: Duration,
        budget: Duration,
        kept: bool,
    },
}

/// Fits `estimates` (one per slide of `plan`) to the plan's budget.
///
/// `keep[s]` holds section `s` at its current budget (only sensible for explicit budgets).
pub fn fit(plan: &Plan, estimates: &[Duration], keep: &[bool]) -> Result<Fit, FitError> {
    let n = plan.slides.len();
    let mut slides: Vec<Duration> = plan.slides.iter().map(|s| s.budget).collect();
    let mut floored = vec![false; n];
    let mut unassigned = 0u64;
    let mut talk_free = ms(plan.budget);
    let mut talk_members = Vec::new();

    for (s, section) in plan.sections.iter().enumerate() {
        let locked: u64 = section
            .slides
            .clone()
            .filter(|&i| plan.slides[i].lock)
            .map(|i| ms(plan.slides[i].budget))
            .sum();
        let members: Vec<usize> = section
            .slides
            .clone()
            .filter(|&i| !plan.slides[i].lock)
            .collect();
        if keep.get(s).copied().unwrap_or(false) {
            let budget = ms(section.budget);
            talk_free = talk_free.saturating_sub(budget);
            let place = format!("section \"{}\" (kept at its budget)", section.title);
            let free = budget.saturating_sub(locked);
            unassigned += share(free, &members, estimates, &mut slides, &mut floored, &place)?;
        } else {
            talk_free = talk_free.saturating_sub(locked);
            talk_members.extend(members);
        }
    }
    // What locks and kept sections hold can only exceed a new total (`--budget`): the plan's
    // own budget already holds them.
    let held: u64 = plan
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| {
            if keep.get(s).copied().unwrap_or(false) {
                ms(section.budget)
            } else {
                section
                    .slides
                    .clone()
                    .filter(|&i| plan.slides[i].lock)
                    .map(|i| ms(plan.slides[i].budget))
                    .sum()
            }
        })
        .sum();
    if held > ms(plan.budget) {
        return Err(FitError::OverBudget {
            held: Duration::from_millis(held),
            budget: plan.budget,
            kept: keep.iter().any(|&k| k),
        });
    }
    unassigned += share(
        talk_free,
        &talk_members,
        estimates,
        &mut slides,
        &mut floored,
        "the talk",
    )?;

    let sections = plan
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| {
            if keep.get(s).copied().unwrap_or(false) {
                section.budget
            } else {
                section.slides.clone().map(|i| slides[i]).sum()
            }
        })
        .collect();
    Ok(Fit {
        slides,
        floored,
        sections,
        unassigned: Duration::from_millis(unassigned),
    })
}

/// Shares `free` milliseconds among `members`; returns what no slide could take.
fn share(
    free: u64,
    members: &[usize],
    estimates: &[Duration],
    slides: &mut [Duration],
    floored: &mut [bool],
    place: &str,
) -> Result<u64, FitError> {
    if members.is_empty() {
        return Ok(free);
    }
    let weights: Vec<u128> = members
        .iter()
        .map(|&i| u128::from(ms(estimates[i])))
        .collect();
    let (parts, low) = split(free, &weights, ms(MIN_SLIDE)).ok_or_else(|| FitError::NoRoom {
        place: place.to_owned(),
        free: Duration::from_millis(free),
        slides: members.len(),
        hint: if place == "the talk" {
            ": unlock slides or lower their budgets"
        } else {
            ": run without --keep-sections, or raise the section's budget"
        },
    })?;
    for ((&i, part), low) in members.iter().zip(parts).zip(low) {
        slides[i] = Duration::from_millis(part);
        floored[i] = low;
    }
    Ok(0)
}

/// Splits `amount` milliseconds by `weights` in whole seconds, each part at least `floor`
/// (a whole number of seconds); the odd milliseconds go to the largest part. Returns the parts
/// and which were raised to the floor; `None` when the floors alone exceed the amount.
pub fn split(amount: u64, weights: &[u128], floor: u64) -> Option<(Vec<u64>, Vec<bool>)> {
    let (secs, odd) = (amount / 1000, amount % 1000);
    let (parts, low) = split_units(secs, weights, floor / 1000)?;
    let mut parts: Vec<u64> = parts.into_iter().map(|p| p * 1000).collect();
    if odd > 0 {
        // The earliest of the largest parts: a slide that long hides a fraction best.
        let largest = (0..parts.len()).rev().max_by_key(|&i| parts[i])?;
        parts[largest] += odd;
    }
    Some((parts, low))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlannedSlide;

    #[test]
    fn odd_milliseconds_go_to_the_largest_part() {
        assert_eq!(
            split(60_500, &[1, 2, 3], 2000),
            Some((vec![10_000, 20_000, 30_500], vec![false; 3]))
        );
        assert_eq!(
            split(9_999, &[1, 1], 2000),
            Some((vec![5_999, 4_000], vec![false; 2]))
        );
    }

    fn slide(i: usize, secs: u64, lock: bool) -> PlannedSlide {
        PlannedSlide {
            title: format!("S{i}"),
            budget: Duration::from_secs(secs),
            lock,
            explicit: true,
            ..crate::testing::slide(&format!("s{i}"))
        }
    }

    /// Two sections of 60 s: A = [20 locked, 20, 20], B = [30, 30]. Budget 120 s.
    fn plan() -> Plan {
        let mut plan = crate::testing::plan(vec![
            (
                "A",
                vec![slide(0, 20, true), slide(1, 20, false), slide(2, 20, false)],
            ),
            ("B", vec![slide(3, 30, false), slide(4, 30, false)]),
        ]);
        for section in &mut plan.sections {
            section.explicit = true;
        }
        plan
    }

    fn secs(v: &[u64]) -> Vec<Duration> {
        v.iter().map(|&s| Duration::from_secs(s)).collect()
    }

    #[test]
    fn the_talk_shares_what_locks_leave_in_proportion() {
        // 100 s free for estimates 10 + 30 + 30 + 30 = 100: taken as they are.
        let fit = fit(&plan(), &secs(&[99, 10, 30, 30, 30]), &[false, false]).unwrap();
        assert_eq!(fit.slides, secs(&[20, 10, 30, 30, 30]));
        assert_eq!(fit.sections, secs(&[60, 60]));
        assert_eq!(fit.unassigned, Duration::ZERO);
    }

    #[test]
    fn kept_sections_share_only_their_own_budget() {
        // A kept at 60: 40 s for estimates 10 and 30 -> 10, 30. B gets the talk's other 60 s.
        let fit = fit(&plan(), &secs(&[5, 10, 30, 10, 50]), &[true, false]).unwrap();
        assert_eq!(fit.slides, secs(&[20, 10, 30, 10, 50]));
        // Not kept: the talk's 100 free seconds go by 10:30:10:50.
        let fit2 = super::fit(&plan(), &secs(&[5, 10, 30, 10, 50]), &[false, false]).unwrap();
        assert_eq!(fit2.slides, secs(&[20, 10, 30, 10, 50]));
        let fit3 = super::fit(&plan(), &secs(&[5, 20, 20, 40, 80]), &[true, false]).unwrap();
        assert_eq!(fit3.slides, secs(&[20, 20, 20, 20, 40]));
        assert_eq!(fit3.sections, secs(&[60, 60]));
    }

    #[test]
    fn no_room_for_the_floors_is_an_error() {
        let mut tight = plan();
        tight.slides[0].budget = Duration::from_secs(115);
        let err = fit(&tight, &secs(&[1, 1, 1, 1, 1]), &[false, false]).unwrap_err();
        assert!(
            err.to_string()
                .contains("the talk leaves 0:05 for 4 slide(s)"),
            "{err}"
        );
    }

    #[test]
    fn a_new_total_under_the_locked_slides_is_an_error() {
        // The slot (`--budget`) is 15 s; the locked slide alone takes 20 s.
        let mut short = plan();
        short.budget = Duration::from_secs(15);
        let err = fit(&short, &secs(&[1, 1, 1, 1, 1]), &[false, false]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the locked slides take 0:20, more than the 0:15 budget: unlock slides"
        );
        let err = fit(&short, &secs(&[1, 1, 1, 1, 1]), &[false, true]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the locked slides and kept sections take 1:20"),
            "{err}"
        );
    }
}
