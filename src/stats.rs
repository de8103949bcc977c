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

/// The weighted median of plain numbers, by the same rule as [`weighted_median`]: the smallest
/// value at which the cumulative weight reaches half the total. Non-finite values and weights
/// that are not positive are ignored; `None` when nothing is left.
pub fn weighted_median_f64(values: &[(f64, f64)]) -> Option<f64> {
    let mut sorted: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .filter(|(v, w)| v.is_finite() && *w > 0.0 && w.is_finite())
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
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
}
