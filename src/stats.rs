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
}
