//! Durations for people: `m:ss` clocks and signed deltas (`+0:23`, `-1:05`).
//!
//! The only place times become text for people; machines get integer milliseconds
//! ([`ms`], [`millis`]). Inside, signed time is a [`SignedDuration`].

use std::time::Duration;

use jiff::SignedDuration;

/// `m:ss` (or `h:mm:ss` from an hour on), rounded to the nearest second.
pub fn clock(d: Duration) -> String {
    clock_secs(whole_secs(d))
}

/// The whole seconds a clock shows for `d`: rounded to the nearest, half a second up.
pub fn whole_secs(d: Duration) -> u64 {
    round_secs(d.as_millis())
}

/// A signed delta as `+m:ss` / `-m:ss` (nearest second; zero, or what rounds to it, is
/// `+0:00`).
pub fn delta(d: SignedDuration) -> String {
    let sign = if d.is_negative() && !rounds_to_zero(d) {
        '-'
    } else {
        '+'
    };
    format!("{sign}{}", clock(d.unsigned_abs()))
}

/// Whether a delta shows as `+0:00` at whole seconds (under half a second either way): the
/// reports call such a slide "on plan" and do not mark it faster or slower.
pub fn rounds_to_zero(d: SignedDuration) -> bool {
    round_secs(d.unsigned_abs().as_millis()) == 0
}

/// Milliseconds of a duration as the integer the machine formats use.
pub fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Milliseconds of a signed duration as the integer the machine formats use (`*_ms` fields),
/// saturating.
pub fn millis(d: SignedDuration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(if d.is_negative() { i64::MIN } else { i64::MAX })
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
            (-500, "-0:01"),
            (i64::MIN, "-2562047788015:12:56"),
        ] {
            assert_eq!(delta(SignedDuration::from_millis(ms)), want, "{ms} ms");
        }
    }

    #[test]
    fn what_rounds_to_zero() {
        for (ms, want) in [
            (0, true),
            (499, true),
            (-499, true),
            (500, false),
            (-500, false),
        ] {
            assert_eq!(
                rounds_to_zero(SignedDuration::from_millis(ms)),
                want,
                "{ms}"
            );
        }
    }

    #[test]
    fn milliseconds_for_machines_saturate() {
        assert_eq!(millis(SignedDuration::from_millis(-2000)), -2000);
        assert_eq!(millis(SignedDuration::MAX), i64::MAX);
        assert_eq!(millis(SignedDuration::MIN), i64::MIN);
    }
}
