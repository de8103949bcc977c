//! Small plans and runs for the report tests.

use std::sync::Arc;
use std::time::Duration;

use crate::history::Run;
use crate::plan::{Plan, PlannedSlide};
use crate::rehearsal::Event;
use crate::testing;

/// Two sections ("Opening", "Method") of two 10-second slides: a, b and c, d.
pub fn plan() -> Plan {
    let slide = |section: &str, key: &str| PlannedSlide {
        title: key.to_uppercase(),
        ..testing::slide(&format!("{section}/{key}"))
    };
    Plan {
        title: "Test talk".into(),
        ..testing::plan(vec![
            (
                "Opening",
                vec![slide("opening", "a"), slide("opening", "b")],
            ),
            ("Method", vec![slide("method", "c"), slide("method", "d")]),
        ])
    }
}

/// A run of `plan` from slide `from`: `Start` at 0, then `events` at whole seconds.
pub fn run(plan: &Plan, from: usize, events: &[(Event, u64)]) -> Run {
    let mut all = vec![(Event::Start, Duration::ZERO)];
    all.extend(events.iter().map(|&(e, s)| (e, Duration::from_secs(s))));
    Run {
        number: 1,
        id: "r1".into(),
        started_at: "2025-03-04T09:00:00Z".into(),
        plan: Arc::new(plan.clone()),
        from,
        scope: None,
        events: all,
        fingerprints: Arc::from([]),
        recorder: None,
        liveness: crate::history::Liveness::Gone,
    }
}

/// A run's header with plain figures: run `number`, complete, 40 s spoken against a 40 s budget.
pub fn info(number: usize) -> super::RunInfo {
    let secs = Duration::from_secs;
    super::RunInfo {
        number,
        id: format!("r{number}"),
        started_at: "2025-03-04T09:00:00Z".into(),
        started_local: "2025-03-04 09:00".into(),
        end: Some(crate::rehearsal::EndReason::Finished),
        complete: true,
        partial: false,
        from: 0,
        scope: None,
        outline_changed: false,
        talked: secs(40),
        paused: Duration::ZERO,
        length: secs(40),
        budget: secs(40),
        delta: jiff::SignedDuration::ZERO,
        on_time: Some(true),
        grace: secs(30),
        covered: 4,
        slides: 4,
        skipped: 0,
        liveness: crate::history::Liveness::Gone,
        marks: Vec::new(),
        stopped_on: None,
    }
}
