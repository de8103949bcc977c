//! Small robust statistics over durations, shared by the reports and the tuner.

use std::time::Duration;

/// The median (the mean of the two middle values for an even count); `None` when empty.
pub fn median(values: &[Duration]) -> Option<Duration> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

/// The weighted median: the smallest value at which the cumulative weight reaches half the
/// total. Weights must be positive; `None` when empty.
pub fn weighted_median(values: &[(Duration, f64)]) -> Option<Duration> {
    let mut sorted: Vec<(Duration, f64)> = values
        .iter()
        .copied()
        .filter(|(_, w)| *w > 0.0 && w.is_finite())
        .collect();
    sorted.sort_unstable_by_key(|(d, _)| *d);
    let total: f64 = sorted.iter().map(|(_, w)| w).sum();
    let mut seen = 0.0;
    for (value, weight) in &sorted {
        seen += weight;
        if seen >= total / 2.0 {
            return Some(*value);
        }
    }
    None
}

/// The `q` quantile (0 <= q <= 1), interpolated linearly between the two nearest ranks;
/// `None` when empty.
pub fn quantile(values: &[Duration], q: f64) -> Option<Duration> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let last = sorted.len().checked_sub(1)?;
    let rank = q.clamp(0.0, 1.0) * last as f64;
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    let (a, b) = (sorted[low], sorted[high]);
    Some(a + b.saturating_sub(a).mul_f64(rank - low as f64))
}

/// The spread of the middle half: the interquartile range (75th minus 25th percentile);
/// `None` when empty. Robust to one run that went badly, unlike max minus min.
pub fn spread(values: &[Duration]) -> Option<Duration> {
    Some(quantile(values, 0.75)?.saturating_sub(quantile(values, 0.25)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[u64]) -> Vec<Duration> {
        v.iter().map(|&x| Duration::from_secs(x)).collect()
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&s(&[3, 1, 2])), Some(Duration::from_secs(2)));
        assert_eq!(median(&s(&[4, 1, 2, 3])), Some(Duration::from_millis(2500)));
    }

    #[test]
    fn weighted_medians_lean_to_heavy_values() {
        let d = Duration::from_secs;
        assert_eq!(weighted_median(&[]), None);
        assert_eq!(
            weighted_median(&[(d(10), 1.0), (d(20), 1.0), (d(30), 3.0)]),
            Some(d(30))
        );
        assert_eq!(
            weighted_median(&[(d(10), 1.0), (d(20), 1.0), (d(30), 1.0)]),
            Some(d(20))
        );
    }

    #[test]
    fn quantiles_and_spread() {
        let d = Duration::from_secs;
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&s(&[7]), 0.25), Some(d(7)));
        assert_eq!(quantile(&s(&[40, 10, 30, 20]), 0.0), Some(d(10)));
        assert_eq!(quantile(&s(&[40, 10, 30, 20]), 1.0), Some(d(40)));
        assert_eq!(quantile(&s(&[40, 10, 30, 20, 50]), 0.75), Some(d(40)));
        assert_eq!(spread(&s(&[10, 20, 30, 40, 50])), Some(d(20)));
        assert_eq!(
            spread(&s(&[10, 20, 30, 40, 500])),
            Some(d(20)),
            "an outlier barely moves it"
        );
        assert_eq!(spread(&[]), None);
    }
}
