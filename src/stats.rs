//! Small robust statistics over durations, shared by the reports and the tuner.

use std::time::Duration;

use jiff::SignedDuration;

/// The median (the mean of the two middle values for an even count); `None` when empty.
pub fn median(values: &[Duration]) -> Option<Duration> {
    middle(values, |a, b| (a + b) / 2)
}

/// The median of signed durations (deltas), by the same rule as [`median`].
pub fn median_signed(values: &[SignedDuration]) -> Option<SignedDuration> {
    middle(values, |a, b| {
        SignedDuration::from_nanos_i128(i128::midpoint(a.as_nanos(), b.as_nanos()))
    })
}

/// The middle value, or `mean` of the two middle values for an even count.
fn middle<T: Ord + Copy>(values: &[T], mean: impl Fn(T, T) -> T) -> Option<T> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(mean(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

/// The weighted median: the smallest value at which the cumulative weight reaches half the
/// total. Weights must be positive; `None` when empty.
pub fn weighted_median(values: &[(Duration, f64)]) -> Option<Duration> {
    weighted_median_by(values.iter().copied(), Ord::cmp)
}

/// The weighted median of plain numbers, by the same rule as [`weighted_median`]: the smallest
/// value at which the cumulative weight reaches half the total. Non-finite values and weights
/// that are not positive are ignored; `None` when nothing is left.
pub fn weighted_median_f64(values: &[(f64, f64)]) -> Option<f64> {
    weighted_median_by(
        values.iter().copied().filter(|(v, _)| v.is_finite()),
        f64::total_cmp,
    )
}

fn weighted_median_by<T: Copy>(
    values: impl Iterator<Item = (T, f64)>,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Option<T> {
    let mut sorted: Vec<(T, f64)> = values.filter(|(_, w)| *w > 0.0 && w.is_finite()).collect();
    sorted.sort_unstable_by(|a, b| cmp(&a.0, &b.0));
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

/// The geometric mean after dropping `trim` of the values (a share, `0.0..0.5`) from each end.
///
/// Values must be positive (others are ignored); `None` when nothing is left. A geometric mean
/// suits ratios and times: one run twice as slow weighs as much as one twice as fast.
pub fn trimmed_geometric_mean(values: &[f64], trim: f64) -> Option<f64> {
    let mut sorted: Vec<f64> = values
        .iter()
        .copied()
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    sorted.sort_unstable_by(f64::total_cmp);
    let cut = (sorted.len() as f64 * trim.clamp(0.0, 0.49)).floor() as usize;
    let kept = &sorted[cut..sorted.len() - cut];
    if kept.is_empty() {
        return None;
    }
    let mean_log = kept.iter().map(|v| v.ln()).sum::<f64>() / kept.len() as f64;
    Some(mean_log.exp())
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
        let signed = |v: &[i64]| -> Vec<SignedDuration> {
            v.iter().map(|&x| SignedDuration::from_secs(x)).collect()
        };
        assert_eq!(median_signed(&[]), None);
        assert_eq!(
            median_signed(&signed(&[-3, 10, -1])),
            Some(SignedDuration::from_secs(-1))
        );
        assert_eq!(
            median_signed(&signed(&[-4, 1])),
            Some(SignedDuration::from_millis(-1500))
        );
        assert_eq!(
            median_signed(&[SignedDuration::MAX, SignedDuration::MAX]),
            Some(SignedDuration::MAX),
            "no overflow"
        );
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
    fn weighted_median_of_numbers() {
        assert_eq!(weighted_median_f64(&[]), None);
        assert_eq!(
            weighted_median_f64(&[(1.0, 1.0), (2.0, 1.0), (3.0, 3.0)]),
            Some(3.0)
        );
        assert_eq!(weighted_median_f64(&[(3.0, 1.0), (1.0, 1.0)]), Some(1.0));
        assert_eq!(
            weighted_median_f64(&[(f64::NAN, 5.0), (2.0, 1.0)]),
            Some(2.0)
        );
    }

    #[test]
    fn trimmed_geometric_means() {
        assert_eq!(trimmed_geometric_mean(&[], 0.2), None);
        let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-9;
        assert!(close(trimmed_geometric_mean(&[2.0, 8.0], 0.2), 4.0));
        // Five values, 20% trimmed: the 1 and the 1000 are dropped.
        assert!(close(
            trimmed_geometric_mean(&[1000.0, 2.0, 1.0, 8.0, 4.0], 0.2),
            4.0
        ));
        assert_eq!(trimmed_geometric_mean(&[0.0, -1.0], 0.0), None);
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
