//! The pacing rules, each written once: how a slide, section or talk stands against its budget,
//! and whether a finish counts as on time.
//!
//! Every screen, report and format asks these functions; none judges pacing on its own. To change
//! how "on time" is judged, change [`finish`]: the live header, the end-of-run summary, `history`,
//! every `report` format and `tune`'s verdict follow. Pure arithmetic over durations: no text, no
//! terminal, no clock.

use std::time::Duration;

use jiff::SignedDuration;

/// The least time a slide can take: nobody can show a slide faster (DESIGN.md). `plan` warns
/// below it and `tune` never suggests less.
pub const MIN_SLIDE: Duration = Duration::from_secs(2);

/// How a slide, section or the talk stands against its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pace {
    /// Under `warn` of the budget.
    Fine,
    /// At `warn` of the budget or more.
    Amber,
    /// Past the budget.
    Over,
}

impl Pace {
    /// How `spent` stands against `budget`: over past it, amber from `warn` (a share) of it on.
    pub fn of_spent(spent: Duration, budget: Duration, warn: f64) -> Self {
        if spent > budget {
            Self::Over
        } else if spent.as_secs_f64() >= budget.as_secs_f64() * warn {
            Self::Amber
        } else {
            Self::Fine
        }
    }

    /// How a talk stands that is `offset` behind plan (negative: ahead): over when a finish
    /// that late would be [`Finish::Over`], amber when behind by what shows as a second or
    /// more (under half a second is `+0:00`, which the screen calls on pace).
    pub fn of_offset(offset: SignedDuration, grace: Duration) -> Self {
        match finish(offset, grace) {
            Finish::Over(_) => Self::Over,
            _ if offset.is_positive() && !crate::timefmt::rounds_to_zero(offset) => Self::Amber,
            _ => Self::Fine,
        }
    }
}

/// How much over its budget a finished slide or section may be and still read as on time: what
/// the displayed whole seconds hide (a sub-second overrun shows as `+0:00`).
pub const TOLERANCE: Duration = Duration::from_secs(1);

/// The verdict on a finished slide or section (docs/reports.md): on time within its budget or
/// over by less than [`TOLERANCE`]; amber when over by more but within the grace band, the
/// `1 - warn` share of the budget past it (the same band the live warning uses before it); over
/// beyond that. Amber at `warn` of the budget is a live warning only ([`Pace::of_spent`]): a
/// slide that ended at 90 % of its budget ended on time.
pub fn finished(spent: Duration, budget: Duration, warn: f64) -> Pace {
    let past = spent.saturating_sub(budget);
    if past < TOLERANCE {
        Pace::Fine
    } else if past.as_secs_f64() <= budget.as_secs_f64() * (1.0 - warn).max(0.0) + 1e-9 {
        Pace::Amber
    } else {
        Pace::Over
    }
}

/// How a finish stands against the budget, `delta` (time taken minus budget) judged with
/// `grace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// Later than the grace allows, by this much past the budget.
    Over(Duration),
    /// Earlier than the grace allows, by this much before the budget.
    Early(Duration),
    /// Within the grace; the delta itself (positive: over).
    OnTime(SignedDuration),
}

impl Finish {
    pub fn is_on_time(self) -> bool {
        matches!(self, Self::OnTime(_))
    }
}

/// The verdict on a finish `delta` past the budget (negative: early): on time within `grace`
/// either way (the bounds included), otherwise over or early. The one place the rule lives.
pub fn finish(delta: SignedDuration, grace: Duration) -> Finish {
    let by = delta.unsigned_abs();
    if by <= grace {
        Finish::OnTime(delta)
    } else if delta.is_positive() {
        Finish::Over(by)
    } else {
        Finish::Early(by)
    }
}

/// Whether a finish `delta` past the budget counts as on time within `grace`.
pub fn on_time(delta: SignedDuration, grace: Duration) -> bool {
    finish(delta, grace).is_on_time()
}

/// `a - b`, signed, saturating (never panics when a slide runs over its budget).
pub fn signed(a: Duration, b: Duration) -> SignedDuration {
    as_signed(a).saturating_sub(as_signed(b))
}

/// A duration as a signed one, saturating at [`SignedDuration::MAX`].
pub fn as_signed(d: Duration) -> SignedDuration {
    SignedDuration::try_from(d).unwrap_or(SignedDuration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: i64) -> SignedDuration {
        SignedDuration::from_secs(secs)
    }

    #[test]
    fn spent_against_a_budget() {
        let d = Duration::from_secs;
        for (spent, want) in [
            (0, Pace::Fine),
            (7, Pace::Fine),
            (8, Pace::Amber),
            (10, Pace::Amber),
            (11, Pace::Over),
        ] {
            assert_eq!(Pace::of_spent(d(spent), d(10), 0.8), want, "{spent} s");
        }
        assert_eq!(
            Pace::of_spent(Duration::ZERO, Duration::ZERO, 0.8),
            Pace::Amber,
            "a zero budget reached is amber, not over"
        );
    }

    #[test]
    fn finished_slides_and_sections_are_on_time_up_to_what_the_rounding_hides() {
        let ms = Duration::from_millis;
        // Budget 60 s, warn 80 %: the grace band is 12 s past the budget.
        for (spent, want) in [
            (0, Pace::Fine),
            (48_000, Pace::Fine),
            (54_000, Pace::Fine),
            (59_999, Pace::Fine),
            (60_000, Pace::Fine),
            (60_999, Pace::Fine),
            (61_000, Pace::Amber),
            (72_000, Pace::Amber),
            (72_001, Pace::Over),
            (600_000, Pace::Over),
        ] {
            assert_eq!(finished(ms(spent), ms(60_000), 0.8), want, "{spent} ms");
        }
        // A short slide's band is narrower than the tolerance: a second over is over.
        assert_eq!(finished(ms(2_500), ms(2_000), 0.8), Pace::Fine);
        assert_eq!(finished(ms(3_000), ms(2_000), 0.8), Pace::Over);
        assert_eq!(finished(ms(999), Duration::ZERO, 0.8), Pace::Fine);
        assert_eq!(finished(Duration::MAX, ms(1), 1.5), Pace::Over);
    }

    #[test]
    fn finishes_within_the_grace_are_on_time() {
        let grace = Duration::from_secs(30);
        assert_eq!(finish(s(30), grace), Finish::OnTime(s(30)));
        assert_eq!(finish(s(-30), grace), Finish::OnTime(s(-30)));
        assert_eq!(finish(s(0), grace), Finish::OnTime(s(0)));
        assert_eq!(finish(s(72), grace), Finish::Over(Duration::from_secs(72)));
        assert_eq!(
            finish(s(-45), grace),
            Finish::Early(Duration::from_secs(45))
        );
        assert!(on_time(s(-30), grace));
        assert!(!on_time(SignedDuration::from_millis(30_001), grace));
        assert!(on_time(SignedDuration::MIN, Duration::MAX));
    }

    #[test]
    fn the_talk_turns_amber_when_behind_and_over_past_the_grace() {
        let grace = Duration::from_secs(5);
        assert_eq!(Pace::of_offset(s(-3), grace), Pace::Fine);
        assert_eq!(Pace::of_offset(s(0), grace), Pace::Fine);
        assert_eq!(Pace::of_offset(s(5), grace), Pace::Amber);
        assert_eq!(Pace::of_offset(s(6), grace), Pace::Over);
        assert_eq!(Pace::of_offset(s(-60), grace), Pace::Fine, "early is fine");
    }

    #[test]
    fn an_offset_that_shows_as_on_pace_is_fine() {
        let grace = Duration::from_secs(5);
        let ms = SignedDuration::from_millis;
        // The header says "on pace" for what rounds to +0:00: its symbol must not be amber.
        assert_eq!(Pace::of_offset(ms(300), grace), Pace::Fine);
        assert_eq!(Pace::of_offset(ms(499), grace), Pace::Fine);
        assert_eq!(Pace::of_offset(ms(500), grace), Pace::Amber, "+0:01 behind");
    }

    #[test]
    fn signed_differences_never_panic() {
        let d = Duration::from_secs;
        assert_eq!(signed(d(1), d(3)), s(-2));
        assert_eq!(signed(Duration::MAX, Duration::ZERO), SignedDuration::MAX);
        assert_eq!(signed(Duration::ZERO, Duration::MAX), -SignedDuration::MAX);
        assert_eq!(as_signed(Duration::from_secs(3)), s(3));
        assert_eq!(as_signed(Duration::MAX), SignedDuration::MAX);
    }
}
