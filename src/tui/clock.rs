//! Clock readings and the gaps between them: time is data, read once per loop turn.
//!
//! A laptop's suspend does not advance `Instant` on Linux and macOS but does on Windows; a
//! stopped process sees a gap in both. Comparing two readings tells the loop when the clock
//! ran while the speaker could not have been talking, so that time is recorded as a pause.

use std::time::Duration;

/// A gap this much longer than the loop asked to wait is not talk time.
pub const STALL: Duration = Duration::from_secs(5);

/// One reading of both clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The run clock: monotonic time since the run's origin.
    pub mono: Duration,
    /// The wall clock, for the finish time of day and for spotting a machine that slept.
    pub wall: jiff::Timestamp,
}

/// A stretch of the run clock when the process did not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stall {
    /// Run-clock moment it began (when the loop should have woken up).
    pub since: Duration,
}

/// Whether the process was asleep between two readings `waited` apart by its own choice.
///
/// The monotonic gap beyond the wait is time the process was stopped (or, on Windows, the
/// machine slept); a wall-clock gap far beyond the monotonic one is a machine that slept while
/// `Instant` stood still, which cost no run-clock time but is worth recording.
pub fn stall(before: Reading, now: Reading, waited: Duration) -> Option<Stall> {
    let mono_gap = now.mono.saturating_sub(before.mono);
    let wall_gap = now.wall.duration_since(before.wall);
    let wall_gap = Duration::try_from(wall_gap).unwrap_or(Duration::ZERO);
    if mono_gap > waited + STALL {
        Some(Stall {
            since: before.mono + waited,
        })
    } else if wall_gap > mono_gap + STALL {
        Some(Stall { since: now.mono })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(mono: u64, wall: i64) -> Reading {
        Reading {
            mono: Duration::from_secs(mono),
            wall: jiff::Timestamp::from_second(1_700_000_000 + wall).unwrap(),
        }
    }

    #[test]
    fn gaps() {
        let quarter = Duration::from_millis(250);
        for (before, now, waited, want) in [
            // An ordinary turn, a slow one, a clock set back: no stall.
            ((10, 10), (10, 10), quarter, None),
            ((10, 10), (14, 14), quarter, None),
            ((10, 10), (11, -500), quarter, None),
            // Stopped for a minute: both clocks ran.
            ((10, 10), (70, 70), Duration::from_secs(1), Some(11)),
            // The lid closed for an hour: only the wall clock ran.
            ((10, 10), (11, 3611), quarter, Some(11)),
        ] {
            let got = stall(reading(before.0, before.1), reading(now.0, now.1), waited);
            assert_eq!(
                got.map(|s| s.since),
                want.map(Duration::from_secs),
                "{before:?} -> {now:?}"
            );
        }
    }
}
