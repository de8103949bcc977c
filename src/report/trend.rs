//! The trend across runs: is the talk converging on its budget?
//!
//! Owns the rule (the median finish of the oldest third of the complete runs of the whole talk
//! against the newest third's) so that every format shows the same answer. Pure: figures in,
//! figures out; the words are the formats'.

use std::time::Duration;

use jiff::SignedDuration;

use super::RunInfo;
use crate::stats::median_signed;

/// The fewest complete runs of the whole talk a trend needs.
pub const MIN_RUNS: usize = 3;

/// A change in the distance to the budget smaller than this is steady.
const STEADY: Duration = Duration::from_secs(1);

/// Whether the complete runs of the whole talk are getting closer to the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    /// How many runs each end takes: the oldest and the newest third (rounded up).
    pub window: usize,
    /// Median finish of the oldest `window` runs, past the budget (negative: early).
    pub oldest: SignedDuration,
    /// Median finish of the newest `window` runs, past the budget.
    pub newest: SignedDuration,
    pub direction: Direction,
}

/// Which way the distance to the budget went, from the oldest runs to the newest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Closer to the budget by a second or more.
    Converging,
    /// Within a second of where it was.
    Steady,
    /// Further from the budget by a second or more.
    Drifting,
}

impl Direction {
    /// Stable word for machines (JSON, CSV).
    pub fn code(self) -> &'static str {
        match self {
            Self::Converging => "converging",
            Self::Steady => "steady",
            Self::Drifting => "drifting",
        }
    }

    /// The words for people.
    pub fn words(self) -> &'static str {
        match self {
            Self::Converging => "converging on the budget",
            Self::Steady => "steady",
            Self::Drifting => "drifting from the budget",
        }
    }
}

impl Trend {
    /// The trend of `runs` (oldest first); `None` with fewer than [`MIN_RUNS`] complete runs
    /// of the whole talk.
    pub fn of(runs: &[RunInfo]) -> Option<Self> {
        let deltas: Vec<SignedDuration> = runs
            .iter()
            .filter(|r| r.on_time.is_some())
            .map(|r| r.delta)
            .collect();
        if deltas.len() < MIN_RUNS {
            return None;
        }
        let window = deltas.len().div_ceil(3);
        let oldest = median_signed(&deltas[..window])?;
        let newest = median_signed(&deltas[deltas.len() - window..])?;
        let change = newest.abs().saturating_sub(oldest.abs());
        let direction = if change.unsigned_abs() < STEADY {
            Direction::Steady
        } else if change.is_negative() {
            Direction::Converging
        } else {
            Direction::Drifting
        };
        Some(Self {
            window,
            oldest,
            newest,
            direction,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(deltas: &[Option<i64>]) -> Vec<RunInfo> {
        deltas
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut info = crate::report::testing::info(i + 1);
                info.delta = SignedDuration::from_secs(d.unwrap_or(99));
                info.on_time = d.map(|_| false);
                info
            })
            .collect()
    }

    #[test]
    fn the_oldest_third_against_the_newest() {
        let s = SignedDuration::from_secs;
        let trend = Trend::of(&runs(&[Some(40), Some(20), None, Some(-10)])).unwrap();
        assert_eq!(
            (trend.window, trend.oldest, trend.newest, trend.direction),
            (1, s(40), s(-10), Direction::Converging),
            "a cut-short run does not count"
        );
        let trend = Trend::of(&runs(&[
            Some(10),
            Some(30),
            Some(0),
            Some(5),
            Some(50),
            Some(40),
        ]))
        .unwrap();
        assert_eq!(
            (trend.window, trend.oldest, trend.newest, trend.direction),
            (2, s(20), s(45), Direction::Drifting),
            "even windows take the mean of the middle two, as every median does"
        );
        let trend = Trend::of(&runs(&[Some(-5), Some(0), Some(5)])).unwrap();
        assert_eq!(trend.direction, Direction::Steady, "as far over as early");
        assert_eq!(
            Trend::of(&runs(&[Some(10), Some(0), Some(0),])).map(|t| t.direction),
            Some(Direction::Converging)
        );
    }

    #[test]
    fn too_few_runs_have_no_trend() {
        assert_eq!(Trend::of(&runs(&[Some(40), None, Some(-10)])), None);
        assert_eq!(Trend::of(&[]), None);
    }
}
