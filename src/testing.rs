//! Builders for tests: plans written by hand and runs from per-slide times, for the unit tests
//! and the integration tests alike (hence public, and hidden from the docs).
//!
//! Owns only test data with plain defaults (10 s slides, amber at 80%, 5 s grace); it must not
//! be used by the program itself, and holds no assertions: each test states what it checks.

use std::sync::Arc;
use std::time::Duration;

use crate::history::Run;
use crate::plan::{Plan, PlannedSection, PlannedSlide};
use crate::rehearsal::{EndReason, Event};

/// The budget every [`slide`] starts with.
pub const SLIDE: Duration = Duration::from_secs(10);

/// A slide with id `id`, its title the id in capitals, a 10 s derived budget, nothing else set.
/// Change what a test needs with struct update: `PlannedSlide { lock: true, ..slide("a") }`.
/// [`plan`] fills in `section` and `start`.
pub fn slide(id: &str) -> PlannedSlide {
    PlannedSlide {
        id: id.to_owned(),
        title: id.to_uppercase(),
        section: 0,
        budget: SLIDE,
        start: Duration::ZERO,
        optional: false,
        lock: false,
        notes: String::new(),
        explicit: false,
    }
}

/// A plan titled `T` of these sections (title and slides, in order): each slide's section and
/// planned start filled in, each section's budget the sum of its slides, the talk's budget the
/// sum of all; amber at 80%, 5 s grace, no `wpm`.
pub fn plan(sections: Vec<(&str, Vec<PlannedSlide>)>) -> Plan {
    let mut slides = Vec::new();
    let mut planned = Vec::new();
    let mut start = Duration::ZERO;
    for (s, (title, members)) in sections.into_iter().enumerate() {
        let first = slides.len();
        let section_start = start;
        for mut slide in members {
            slide.section = s;
            slide.start = start;
            start += slide.budget;
            slides.push(slide);
        }
        planned.push(PlannedSection {
            title: title.to_owned(),
            budget: start.saturating_sub(section_start),
            start: section_start,
            slides: first..slides.len(),
            explicit: false,
        });
    }
    Plan {
        title: "T".into(),
        budget: start,
        warn: 0.8,
        grace: Duration::from_secs(5),
        wpm: None,
        sections: planned,
        slides,
        unassigned: Duration::ZERO,
    }
}

/// One section `S` of 10 s slides with these ids (titles: the ids in capitals).
pub fn one_section(ids: &[&str]) -> Plan {
    plan(vec![("S", ids.iter().map(|id| slide(id)).collect())])
}

/// Run `number` of `plan` that spends `times[i]` on slide i, in order, from slide 1: `Start` at
/// 0, a `Goto` to each slide shown (`None`: jumped over), then `end` (none: cut short, as by a
/// kill). Its id is `r{number}` and its start is not recorded; set `started_at` where a test
/// shows it.
pub fn run_from_times(
    number: usize,
    plan: &Arc<Plan>,
    times: &[Option<Duration>],
    end: Option<EndReason>,
) -> Run {
    let mut events = vec![(Event::Start, Duration::ZERO)];
    let mut t = Duration::ZERO;
    for (i, time) in times.iter().enumerate() {
        let Some(time) = time else { continue };
        if i > 0 {
            events.push((Event::Goto(i), t));
        }
        t += *time;
    }
    if let Some(reason) = end {
        events.push((Event::End(reason), t));
    }
    Run {
        number,
        id: format!("r{number}"),
        started_at: String::new(),
        plan: Arc::clone(plan),
        from: 0,
        scope: None,
        events,
        fingerprints: Arc::from([]),
        recorder: None,
        liveness: crate::history::Liveness::Gone,
    }
}

/// Whole seconds per slide, every slide shown, for [`run_from_times`].
pub fn secs(times: &[u64]) -> Vec<Option<Duration>> {
    times
        .iter()
        .map(|&s| Some(Duration::from_secs(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_add_up() {
        let plan = plan(vec![
            ("A", vec![slide("a"), slide("b")]),
            (
                "B",
                vec![PlannedSlide {
                    budget: Duration::from_secs(30),
                    ..slide("c")
                }],
            ),
        ]);
        assert_eq!(plan.budget, Duration::from_secs(50));
        assert_eq!(plan.sections[1].slides, 2..3);
        assert_eq!(plan.sections[1].start, Duration::from_secs(20));
        assert_eq!(plan.sections[1].budget, Duration::from_secs(30));
        assert_eq!(
            (plan.slides[2].section, plan.slides[2].start),
            (1, Duration::from_secs(20))
        );
        assert_eq!(plan.slides[1].title, "B");
    }

    #[test]
    fn runs_visit_the_slides_given_times() {
        let plan = Arc::new(one_section(&["a", "b", "c"]));
        let times = [
            Some(Duration::from_secs(4)),
            None,
            Some(Duration::from_secs(6)),
        ];
        let run = run_from_times(2, &plan, &times, Some(EndReason::Finished));
        let at = Duration::from_secs;
        assert_eq!(
            run.events,
            [
                (Event::Start, at(0)),
                (Event::Goto(2), at(4)),
                (Event::End(EndReason::Finished), at(10)),
            ]
        );
        assert_eq!(run.id, "r2");
        let cut = run_from_times(1, &plan, &secs(&[1, 2]), None);
        assert_eq!(cut.events.last(), Some(&(Event::Goto(1), at(1))));
    }
}
