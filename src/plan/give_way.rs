//! Budgets that give way: how a pool of slides shares its time when some of them carry a
//! budget `pacer tune` wrote (`tuned = true`) and others have none.
//!
//! Owns only that rule. Tuned budgets are weights: as long as no slide without a budget joins
//! them and the pool's time is what they add up to, every slide gets exactly its tuned budget;
//! a slide without one weighs as much as the pool's mean tuned budget, and every slide of the
//! pool is scaled in proportion to make room for it, none under the 2 s floor while the pool
//! has 2 s a slide. Pure arithmetic in milliseconds; which slides form a pool, and the hard
//! budgets kept out of it, are [`super::allocate`]'s.

use crate::pace::MIN_SLIDE;
use crate::share;

/// Shares `amount` ms among slides whose tuned budget (ms) is `Some`, or `None` for a slide
/// without a budget; exact to the millisecond. Needs at least a millisecond a slide.
pub fn share(amount: u64, tuned: &[Option<u64>]) -> Vec<u64> {
    let given: Vec<u64> = tuned.iter().flatten().copied().collect();
    let count = given.len().max(1) as u64;
    let total: u64 = given.iter().sum();
    // The mean tuned budget, rounded: what a slide added among them is worth.
    let mean = ((total + count / 2) / count).max(1);
    let weights: Vec<u128> = tuned
        .iter()
        .map(|t| u128::from(t.unwrap_or(mean)))
        .collect();
    let floor = crate::timefmt::ms(MIN_SLIDE);
    if let Some((parts, _)) = share::with_floor(amount, &weights, floor) {
        return parts;
    }
    // Under 2 s a slide: in proportion, at least a millisecond each (`check` warns).
    let mut parts = share::largest_remainder(amount, &weights);
    share::at_least_one_each(&mut parts);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuned_budgets_that_add_up_are_kept_exactly() {
        let tuned = [Some(14_000), Some(23_500), Some(2_000)];
        assert_eq!(share(39_500, &tuned), [14_000, 23_500, 2_000]);
    }

    #[test]
    fn a_slide_without_a_budget_gets_the_mean_and_the_others_give_way() {
        // Mean of 10 s and 30 s is 20 s: 60 s shared 10:30:20 -> 60 s fits all three exactly.
        assert_eq!(
            share(60_000, &[Some(10_000), Some(30_000), None]),
            [10_000, 30_000, 20_000]
        );
        // 40 s for the same: everything scaled by 2/3.
        assert_eq!(
            share(40_000, &[Some(10_000), Some(30_000), None]),
            [6_667, 20_000, 13_333]
        );
    }

    #[test]
    fn no_slide_falls_under_the_floor_while_there_is_room() {
        let parts = share(20_000, &[Some(2_000), Some(16_000), None, None]);
        assert_eq!(parts.iter().sum::<u64>(), 20_000);
        assert!(parts.iter().all(|&p| p >= 2_000), "{parts:?}");
        // Under 2 s a slide, still exact and every slide some time.
        let parts = share(3_000, &[Some(2_000), None]);
        assert_eq!(parts, [1_500, 1_500]);
    }
}
