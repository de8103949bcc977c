//! Exact proportional splitting of a whole number of units (milliseconds, seconds): the
//! largest-remainder rule that `plan` and `tune` both share time out by.
//!
//! Owns only the arithmetic: every part a whole unit, the parts summing exactly to the amount.
//! What the units are, and any floor per part, is the caller's. No durations, no text.

/// Splits `amount` units in proportion to `weights`, exactly: each part is floored, then the
/// units left over go one each to the parts with the largest remainders (earlier parts first
/// on ties). All-zero weights split equally; a zero weight among others gets nothing.
///
/// Why this way: rounding each share to the nearest unit does not add up (three thirds of 10
/// round to 3 + 3 + 3 = 9), and a talk must sum to its budget to the millisecond, or the plan's
/// checkpoints and the slides' budgets disagree. Flooring loses fewer units than there are
/// parts, so handing them out by remainder is one pass and changes no part by more than one
/// unit: the result is the closest whole split to the exact shares. Ties go to the earlier
/// part so that the split is deterministic and the same talk always plans the same way. The
/// arithmetic is in `u128` so that `amount * weight` cannot overflow for any `u64` amount.
pub fn largest_remainder(amount: u64, weights: &[u128]) -> Vec<u64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let equal;
    let weights = if weights.iter().all(|&w| w == 0) {
        equal = vec![1; weights.len()];
        &equal
    } else {
        weights
    };
    let total: u128 = weights.iter().sum();
    let scaled: Vec<(u64, u128)> = weights
        .iter()
        .map(|&w| {
            let x = u128::from(amount) * w;
            ((x / total) as u64, x % total)
        })
        .collect();
    let mut parts: Vec<u64> = scaled.iter().map(|&(p, _)| p).collect();
    let left = amount - parts.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| scaled[b].1.cmp(&scaled[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(left as usize) {
        parts[i] += 1;
    }
    parts
}

/// Gives every part that came out zero one unit, taken from the largest part at that moment
/// (the earliest of equals), so the sum is unchanged. Needs at least one unit per part.
pub fn at_least_one_each(parts: &mut [u64]) {
    let mut largest: std::collections::BinaryHeap<(u64, std::cmp::Reverse<usize>)> = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| **p > 1)
        .map(|(i, &p)| (p, std::cmp::Reverse(i)))
        .collect();
    for i in 0..parts.len() {
        if parts[i] == 0
            && let Some((p, std::cmp::Reverse(j))) = largest.pop()
        {
            parts[j] = p - 1;
            parts[i] = 1;
            if p - 1 > 1 {
                largest.push((p - 1, std::cmp::Reverse(j)));
            }
        }
    }
}

/// Splits `amount` units in proportion to `weights`, each part at least `floor`, exactly;
/// returns the parts and which were raised to the floor, `None` when the floors alone exceed
/// the amount. `plan` (for budgets that give way) and `tune` both floor slides this way.
///
/// Parts whose proportional share falls under the floor get the floor and leave the split,
/// until every part left is above it (water filling); the rest is split by largest
/// remainder. Zero weights all round are an equal split.
pub fn with_floor(amount: u64, weights: &[u128], floor: u64) -> Option<(Vec<u64>, Vec<bool>)> {
    let n = weights.len() as u64;
    if amount < floor.checked_mul(n)? {
        return None;
    }
    let mut low = vec![false; weights.len()];
    loop {
        let free: Vec<usize> = (0..weights.len()).filter(|&i| !low[i]).collect();
        let left = u128::from(amount - floor * (n - free.len() as u64));
        let total: u128 = free.iter().map(|&i| weights[i]).sum();
        let floor = u128::from(floor);
        let mut raised = false;
        for &i in &free {
            // share_i = left * w_i / total < floor, kept in integers.
            let under = if total == 0 {
                left < floor * free.len() as u128
            } else {
                left * weights[i] < floor * total
            };
            if under {
                low[i] = true;
                raised = true;
            }
        }
        if !raised {
            let mut parts = vec![floor as u64; weights.len()];
            let free_weights: Vec<u128> = free.iter().map(|&i| weights[i]).collect();
            for (&i, part) in free
                .iter()
                .zip(largest_remainder(left as u64, &free_weights))
            {
                parts[i] = part;
            }
            return Some((parts, low));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_is_exact() {
        for (amount, weights, want) in [
            (10, vec![1, 1, 1], vec![4, 3, 3]),
            (100, vec![1, 3], vec![25, 75]),
            (7, vec![0, 0], vec![4, 3]),
            (5, vec![2, 0, 3], vec![2, 0, 3]),
            (0, vec![1, 2], vec![0, 0]),
            (11, vec![5, 5, 1], vec![5, 5, 1]),
            (12, vec![5, 5, 1], vec![6, 5, 1]),
            (60_000, vec![1, 1, 1], vec![20_000; 3]),
        ] {
            assert_eq!(
                largest_remainder(amount, &weights),
                want,
                "{amount} {weights:?}"
            );
        }
        assert_eq!(largest_remainder(5, &[]), Vec::<u64>::new());
    }

    #[test]
    fn zero_parts_take_a_unit_from_the_largest() {
        let mut parts = vec![0, 3, 0];
        at_least_one_each(&mut parts);
        assert_eq!(parts, [1, 1, 1]);
        let mut parts = vec![0, 8, 0];
        at_least_one_each(&mut parts);
        assert_eq!(parts, [1, 6, 1]);
        let mut parts = vec![2, 2, 0];
        at_least_one_each(&mut parts);
        assert_eq!(parts, [1, 2, 1], "the earliest of equals gives");
    }

    #[test]
    fn floors_are_filled_like_water() {
        // 20 units, floor 2: the weight-1 part would get 20/101 < 2, so it is raised first;
        // the other two split the 18 left evenly.
        assert_eq!(
            with_floor(20, &[1, 50, 50], 2),
            Some((vec![2, 9, 9], vec![true, false, false]))
        );
        // Raising one part can push another under: weights 1, 4, 95 over 10 units.
        assert_eq!(
            with_floor(10, &[1, 4, 95], 2),
            Some((vec![2, 2, 6], vec![true, true, false]))
        );
        assert_eq!(with_floor(5, &[1, 1, 1], 2), None);
        assert_eq!(
            with_floor(6, &[0, 0, 0], 2),
            Some((vec![2, 2, 2], vec![false; 3]))
        );
    }
}
