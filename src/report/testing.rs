//! Small plans and runs for the report tests.

use std::sync::Arc;
use std::time::Duration;

use crate::history::Run;
use crate::plan::{Plan, PlannedSection, PlannedSlide};
use crate::rehearsal::Event;

/// Two sections ("Opening", "Method") of two 10-second slides: a, b and c, d.
pub fn plan() -> Plan {
    let secs = Duration::from_secs;
    let slide = |i: usize, section: usize, key: &str, name: &str| PlannedSlide {
        id: format!("{}/{key}", ["opening", "method"][section]),
        title: name.into(),
        section,
        budget: secs(10),
        start: secs(10 * i as u64),
        optional: false,
        lock: false,
        notes: String::new(),
        explicit: false,
    };
    Plan {
        title: "Test talk".into(),
        budget: secs(40),
        warn: 0.8,
        grace: secs(5),
        wpm: None,
        sections: vec![
            PlannedSection {
                title: "Opening".into(),
                budget: secs(20),
                start: secs(0),
                slides: 0..2,
                explicit: false,
            },
            PlannedSection {
                title: "Method".into(),
                budget: secs(20),
                start: secs(20),
                slides: 2..4,
                explicit: false,
            },
        ],
        slides: vec![
            slide(0, 0, "a", "A"),
            slide(1, 0, "b", "B"),
            slide(2, 1, "c", "C"),
            slide(3, 1, "d", "D"),
        ],
        unassigned: Duration::ZERO,
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
        covered: 4,
        slides: 4,
        marks: Vec::new(),
        stopped_on: None,
    }
}
