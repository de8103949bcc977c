//! Durations for people: `m:ss` clocks and signed deltas (`+0:23`, `-1:05`).
//!
//! The only place times become text for people; machines get integer milliseconds.

use std::time::Duration;

/// `m:ss` (or `h:mm:ss` from an hour on), rounded to the nearest second.
pub fn clock(d: Duration) -> String {
    clock_secs(round_secs(d.as_millis()))
}

/// A signed delta in milliseconds as `+m:ss` / `-m:ss` (nearest second; zero is `+0:00`).
pub fn delta_ms(ms: i64) -> String {
    let sign = if ms < 0 && round_secs(u128::from(ms.unsigned_abs())) > 0 {
        '-'
    } else {
        '+'
    };
    format!(
        "{sign}{}",
        clock_secs(round_secs(u128::from(ms.unsigned_abs())))
    )
}

/// Signed difference `a - b` in milliseconds, saturating (never panics on overrun).
pub fn signed_ms(a: Duration, b: Duration) -> i64 {
    let a = i64::try_from(a.as_millis()).unwrap_or(i64::MAX);
    let b = i64::try_from(b.as_millis()).unwrap_or(i64::MAX);
    a.saturating_sub(b)
}

/// Milliseconds of a duration as the integer the machine formats use.
pub fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn round_secs(ms: u128) -> u64 {
    u64::try_from(ms.saturating_add(500) / 1000).unwrap_or(u64::MAX)
}

fn clock_secs(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks() {
        for (ms, want) in [
            (0, "0:00"),
            (499, "0:00"),
            (500, "0:01"),
            (59_499, "0:59"),
            (59_500, "1:00"),
            (605_000, "10:05"),
            (3_600_000, "1:00:00"),
            (3_725_000, "1:02:05"),
        ] {
            assert_eq!(clock(Duration::from_millis(ms)), want, "{ms} ms");
        }
    }

    #[test]
    fn deltas() {
        for (ms, want) in [
            (0, "+0:00"),
            (23_000, "+0:23"),
            (-65_000, "-1:05"),
            (-400, "+0:00"),
            (i64::MIN, "-2562047788015:12:56"),
        ] {
            assert_eq!(delta_ms(ms), want, "{ms} ms");
        }
    }

    #[test]
    fn signed_difference_never_panics() {
        assert_eq!(
            signed_ms(Duration::from_secs(1), Duration::from_secs(3)),
            -2000
        );
        assert_eq!(signed_ms(Duration::MAX, Duration::ZERO), i64::MAX);
    }
}
