//! The state machine driven through whole talks with synthetic clock readings.

use std::time::Duration;

use super::*;
use crate::plan::PlannedSlide;
use crate::testing;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn ms(ms: i64) -> SignedDuration {
    SignedDuration::from_millis(ms)
}

/// A plan of `sections` sections of `per` slides, each slide `slide_secs` long; the last
/// slide of each section is optional; grace 30 s.
fn plan(sections: usize, per: usize, slide_secs: u64) -> Plan {
    let titles: Vec<String> = (0..sections)
        .map(|s| format!("Section {}", s + 1))
        .collect();
    let plan = testing::plan(
        titles
            .iter()
            .enumerate()
            .map(|(s, title)| {
                let slides = (0..per)
                    .map(|i| PlannedSlide {
                        title: format!("Slide {}", s * per + i + 1),
                        budget: secs(slide_secs),
                        optional: i == per - 1,
                        ..testing::slide(&format!("s{s}/slide-{i}"))
                    })
                    .collect();
                (title.as_str(), slides)
            })
            .collect(),
    );
    Plan {
        title: "Test".into(),
        grace: secs(30),
        ..plan
    }
}

#[test]
fn opens_ready_and_the_first_key_starts_the_clock_on_slide_one() {
    let mut run = Rehearsal::new(plan(2, 2, 15));
    assert_eq!(run.phase(), Phase::Ready);
    assert!(
        !run.apply(&Event::Goto(1), secs(1)),
        "no slide change before start"
    );
    assert!(run.apply(&Event::Start, secs(5)));
    assert_eq!(run.current(), 0);
    assert_eq!(run.elapsed(secs(7)), secs(2));
    assert_eq!(run.slide_spent(0, secs(7)), secs(2));
}

#[test]
fn an_80_slide_talk_on_plan_finishes_on_time() {
    let mut run = Rehearsal::new(plan(8, 10, 15));
    run.apply(&Event::Start, secs(0));
    for i in 1..80 {
        assert!(run.apply(&Event::Goto(i), secs(15 * i as u64)));
        assert_eq!(run.offset(secs(15 * i as u64)), ms(0));
    }
    run.apply(&Event::End(EndReason::Finished), secs(1200));
    let summary = run.summary(secs(5000));
    assert_eq!(summary.actual, secs(1200));
    assert_eq!(summary.delta, SignedDuration::ZERO);
    assert!(summary.on_time && summary.complete);
    assert!(
        summary
            .sections
            .iter()
            .all(|s| !s.flagged && s.covered == 10)
    );
    assert_eq!(run.phase(), Phase::Finished);
}

#[test]
fn offset_counts_slides_left_and_only_the_current_overrun() {
    let mut run = Rehearsal::new(plan(2, 4, 10));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(1), secs(14)); // slide 1 took 14 s: +4
    assert_eq!(run.offset(secs(14)), ms(4000));
    assert_eq!(
        run.offset(secs(20)),
        ms(4000),
        "current slide under budget adds nothing"
    );
    assert_eq!(run.offset(secs(27)), ms(7000), "current slide 3 s over");
    assert_eq!(run.projected_finish(secs(27)), secs(87));
    run.apply(&Event::Goto(2), secs(30)); // slide 2 took 16 s
    assert_eq!(run.offset(secs(30)), ms(10_000));
    run.apply(&Event::Goto(3), secs(32)); // slide 3 took 2 s: -8
    assert_eq!(run.offset(secs(32)), ms(2000));
    assert_eq!(run.slide_pace(3, secs(40)), Pace::Amber);
    assert_eq!(run.slide_pace(3, secs(43)), Pace::Over);
}

#[test]
fn skipping_ahead_counts_the_skipped_budgets_as_saved() {
    let mut run = Rehearsal::new(plan(1, 4, 10));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(3), secs(10));
    assert_eq!(run.offset(secs(10)), ms(-20_000));
}

/// An event, the second it happens at, and `(second, offset in ms)` readings after it.
type Step<'a> = (Event, u64, &'a [(u64, i64)]);

/// The offset at each step of a run driven by `(event, at)`, checked against `(at, want)`
/// readings taken after each event (seconds; offset in ms, positive: behind).
fn offsets(run: &mut Rehearsal, steps: &[Step<'_>]) {
    for (event, at, readings) in steps {
        assert!(run.apply(event, secs(*at)), "{event:?} at {at} s");
        for &(t, want) in *readings {
            assert_eq!(
                run.offset(secs(t)),
                ms(want),
                "after {event:?} at {at} s, read at {t} s"
            );
        }
    }
}

#[test]
fn going_back_over_slides_is_not_being_ahead() {
    // Six 10 s slides; on slide 3 on pace, two stray clicks forward, then back twice.
    let mut run = Rehearsal::new(plan(1, 6, 10));
    offsets(
        &mut run,
        &[
            (Event::Start, 0, &[(0, 0), (5, 0)]),
            (Event::Goto(1), 10, &[(10, 0), (15, 0)]),
            (Event::Goto(2), 20, &[(20, 0), (25, 0)]),
            // Slide 3 left 5 s early: 5 s ahead; slide 4 left at once: 14 s ahead.
            (Event::Goto(3), 25, &[(25, -5_000)]),
            (Event::Goto(4), 26, &[(26, -14_000)]),
            // Back: slide 4's budget is still to come, slide 4 (index 3) has 1 s in.
            (Event::Goto(3), 27, &[(27, -4_000)]),
            // Back on slide 3 with 5 s in, 28 s elapsed: the 3 s of stray clicks are lost.
            (
                Event::Goto(2),
                28,
                &[(28, 3_000), (30, 3_000), (33, 3_000), (35, 5_000)],
            ),
            // Forward again: slide 4 already had 2 s, counted as spoken.
            (Event::Goto(3), 35, &[(35, 3_000), (40, 3_000)]),
            (Event::Goto(4), 43, &[(43, 2_000)]),
            (Event::Goto(5), 53, &[(53, 3_000), (63, 3_000), (64, 4_000)]),
        ],
    );
    assert_eq!(run.projected_finish(secs(64)), secs(64));
}

#[test]
fn stray_clicks_backed_over_cost_their_time_until_passed_again_and_undo_gives_it_back() {
    let stray = |run: &mut Rehearsal| {
        run.apply(&Event::Start, secs(0));
        run.apply(&Event::Goto(1), secs(10));
        run.apply(&Event::Goto(2), secs(11));
        run.apply(&Event::Goto(3), secs(12));
    };
    let mut undone = Rehearsal::new(plan(1, 6, 10));
    stray(&mut undone);
    undone.apply(&Event::Undo, secs(13));
    undone.apply(&Event::Undo, secs(14));
    let mut backed = Rehearsal::new(plan(1, 6, 10));
    stray(&mut backed);
    backed.apply(&Event::Goto(2), secs(13));
    backed.apply(&Event::Goto(1), secs(14));
    assert_eq!(undone.offset(secs(14)), ms(0), "undo: on pace");
    assert_eq!(backed.offset(secs(14)), ms(3_000), "3 s of stray clicks");
    assert_eq!(backed.offset(secs(19)), ms(3_000));
    for (to, at, backed_offset) in [(2, 20, -2_000), (3, 30, -1_000), (4, 40, 0)] {
        undone.apply(&Event::Goto(to), secs(at));
        backed.apply(&Event::Goto(to), secs(at));
        assert_eq!(undone.offset(secs(at)), ms(0), "undone, on slide {to}");
        assert_eq!(
            backed.offset(secs(at)),
            ms(backed_offset),
            "backed over: the slides' earlier seconds count as spoken"
        );
    }
    assert_eq!(backed.offset(secs(45)), undone.offset(secs(45)));
}

#[test]
fn jumping_to_the_end_counts_every_skipped_budget_as_saved() {
    let mut run = Rehearsal::new(plan(2, 5, 10));
    offsets(
        &mut run,
        &[
            (Event::Start, 0, &[]),
            (Event::Goto(1), 12, &[(12, 2_000)]),
            // End from slide 2: slides 3..9 (70 s of budget) never shown.
            (
                Event::Goto(9),
                20,
                &[(20, -70_000), (25, -70_000), (31, -69_000)],
            ),
            (Event::Goto(8), 31, &[(31, -49_000)]),
        ],
    );
}

#[test]
fn a_run_from_a_later_slide_backs_over_the_slides_counted_on_plan() {
    let mut run = Rehearsal::starting_at(plan(1, 4, 10), 2);
    offsets(
        &mut run,
        &[
            (Event::Start, 0, &[(0, 0), (10, 0), (12, 2_000)]),
            // Back on a slide counted on plan: slide 3's budget is still to come.
            (Event::Goto(1), 12, &[(12, 12_000), (20, 20_000)]),
            (Event::Goto(2), 22, &[(22, 12_000)]),
        ],
    );
}

#[test]
fn pauses_are_not_talk_time() {
    let mut run = Rehearsal::new(plan(1, 2, 30));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Pause(PauseReason::Speaker), secs(10));
    assert_eq!(run.elapsed(secs(100)), secs(10));
    assert!(!run.apply(&Event::Pause(PauseReason::Speaker), secs(50)));
    run.apply(&Event::Resume, secs(100));
    assert_eq!(run.elapsed(secs(105)), secs(15));
    assert_eq!(run.paused(secs(105)), secs(90));
    assert_eq!(
        run.next_tick(Duration::from_millis(105_250)),
        Some(secs(106))
    );
}

#[test]
fn moving_while_paused_changes_slide_without_time() {
    let mut run = Rehearsal::new(plan(1, 3, 30));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Pause(PauseReason::Speaker), secs(10));
    run.apply(&Event::Goto(1), secs(20));
    run.apply(&Event::Resume, secs(40));
    assert_eq!(run.slide_spent(0, secs(45)), secs(10));
    assert_eq!(run.slide_spent(1, secs(45)), secs(5));
}

#[test]
fn revisits_add_to_the_earlier_slide() {
    let mut run = Rehearsal::new(plan(1, 3, 30));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(1), secs(20));
    run.apply(&Event::Goto(2), secs(40));
    run.apply(&Event::Goto(0), secs(50)); // back to slide 1 for 15 s
    run.apply(&Event::Goto(2), secs(65));
    assert_eq!(run.slide_spent(0, secs(70)), secs(35));
    assert_eq!(run.slide_spent(2, secs(70)), secs(15));
    assert_eq!(run.elapsed(secs(70)), secs(70));
}

#[test]
fn undo_gives_an_accidental_click_its_time_back() {
    let mut run = Rehearsal::new(plan(1, 3, 30));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(1), secs(20));
    run.apply(&Event::Goto(2), secs(21)); // a double click
    assert!(run.apply(&Event::Undo, secs(24)));
    assert_eq!(run.current(), 1);
    assert_eq!(run.slide_spent(1, secs(24)), secs(4));
    assert_eq!(run.slide_spent(2, secs(24)), Duration::ZERO);
    assert!(!run.visited(2));
    assert!(run.apply(&Event::Undo, secs(30)));
    assert_eq!(run.current(), 0);
    assert_eq!(run.slide_spent(0, secs(30)), secs(30));
    assert!(!run.apply(&Event::Undo, secs(31)), "nothing left to undo");
    assert_eq!(run.elapsed(secs(31)), secs(31));
}

#[test]
fn a_section_flag_stays_once_raised() {
    let mut run = Rehearsal::new(plan(2, 2, 10)); // sections of 20 s
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(1), secs(12));
    assert_eq!(run.observe(secs(19)), Vec::<usize>::new());
    assert_eq!(run.section_pace(0, secs(19)), Pace::Amber);
    assert_eq!(run.observe(secs(21)), vec![0]);
    assert_eq!(run.flagged_at(0), Some(secs(21)));
    assert_eq!(run.observe(secs(22)), Vec::<usize>::new(), "raised once");
    // Undo moves the time back to slide 1, still in section 1; then a jump ahead.
    run.apply(&Event::Goto(2), secs(22));
    run.apply(&Event::Undo, secs(23));
    assert_eq!(run.section_pace(0, secs(23)), Pace::Over);
    run.apply(&Event::End(EndReason::Quit), secs(24));
    let summary = run.summary(secs(24));
    assert!(summary.sections[0].flagged && !summary.sections[1].flagged);
    assert!(!summary.complete);
}

#[test]
fn marks_toggle() {
    let mut run = Rehearsal::new(plan(1, 3, 10));
    run.apply(&Event::Mark(1), secs(0));
    assert!(run.is_marked(1));
    assert_eq!(run.marks().collect::<Vec<_>>(), vec![1]);
    run.apply(&Event::Mark(1), secs(1));
    assert!(!run.is_marked(1));
    assert!(!run.apply(&Event::Mark(9), secs(1)));
}

#[test]
fn cut_candidates_and_recovery_when_behind() {
    let mut run = Rehearsal::new(plan(2, 4, 10)); // slides 3 and 7 optional
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(1), secs(40)); // 30 s behind
    assert_eq!(run.cut_candidates(), vec![(3, secs(10)), (7, secs(10))]);
    assert_eq!(run.recovery_per_slide(secs(40)), Some(secs(5)));
    assert_eq!(run.talk_pace(secs(40)), Pace::Amber);
    assert_eq!(run.talk_pace(secs(51)), Pace::Over);
}

#[test]
fn starting_from_a_later_slide_counts_earlier_ones_on_plan() {
    let mut run = Rehearsal::starting_at(plan(2, 4, 10), 4);
    assert_eq!(run.current(), 4);
    run.apply(&Event::Start, secs(0));
    assert_eq!(run.elapsed(secs(5)), secs(45));
    assert_eq!(run.offset(secs(5)), ms(0));
}

#[test]
fn finished_runs_ignore_further_events_and_freeze_time() {
    let mut run = Rehearsal::new(plan(1, 2, 10));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::End(EndReason::Finished), secs(8));
    assert!(!run.apply(&Event::Goto(1), secs(9)));
    assert_eq!(run.elapsed(secs(100)), secs(8));
    assert_eq!(run.end(), Some((EndReason::Finished, secs(8))));
}

#[test]
fn replay_matches_live_application() {
    let events = [
        (Event::Start, secs(0)),
        (Event::Goto(1), secs(12)),
        (Event::Pause(PauseReason::Suspend), secs(15)),
        (Event::Resume, secs(300)),
        (Event::Goto(2), secs(310)),
        (Event::Undo, secs(311)),
        (Event::End(EndReason::Hangup), secs(320)),
    ];
    let mut live = Rehearsal::new(plan(1, 3, 10));
    for (e, at) in &events {
        live.apply(e, *at);
    }
    let replayed = Rehearsal::replay(plan(1, 3, 10), 0, events.iter().map(|(e, t)| (e, *t)));
    assert_eq!(replayed.summary(secs(999)), live.summary(secs(999)));
    assert_eq!(replayed.slide_spent(1, secs(999)), secs(23));
}

#[test]
fn a_whole_80_slide_rehearsal_with_pauses_revisits_undo_an_overrun_and_an_early_finish() {
    // 8 sections of 10 slides of 15 s: 20 minutes; the last slide of each section is optional.
    let mut d = Driver {
        run: Rehearsal::new(plan(8, 10, 15)),
        t: secs(0),
    };
    d.go(Event::Start, 0);
    // Section 1 a little fast: 14 s a slide.
    for i in 1..=10 {
        d.go(Event::Goto(i), 14);
    }
    assert_eq!(d.run.offset(d.t), ms(-10_000));
    // A question on slide 11: a minute paused is not talk time.
    d.go(Event::Pause(PauseReason::Speaker), 20);
    let resumed = d.go(Event::Resume, 60);
    assert_eq!(d.run.elapsed(resumed), secs(160));
    assert_eq!(d.run.paused(resumed), secs(60));
    // Slide 11 drags on: section 2 tips over its 150 s during slide 19.
    d.go(Event::Goto(11), 20);
    for i in 12..=18 {
        d.go(Event::Goto(i), 13);
    }
    assert_eq!(d.run.observe(d.t), Vec::<usize>::new());
    assert_eq!(d.run.section_pace(1, d.t), Pace::Amber);
    let tip = d.t + secs(150 - 40 - 7 * 13) + Duration::from_millis(1);
    assert_eq!(d.run.observe(tip), vec![1]);
    // Slide 20 is optional: skipped. Section 3 on plan.
    d.go(Event::Goto(20), 20);
    for i in 21..=29 {
        d.go(Event::Goto(i), 15);
    }
    // A revisit: back to slide 13 for 10 s (its time adds up), then on to slide 31.
    d.go(Event::Goto(12), 15);
    d.go(Event::Goto(30), 10);
    assert_eq!(d.run.slide_spent(12, d.t), secs(23));
    // A double click, undone: slide 32's time stays on slide 32.
    d.go(Event::Goto(31), 12);
    d.go(Event::Goto(32), 1);
    d.go(Event::Undo, 1);
    assert_eq!(d.run.current(), 31);
    assert_eq!(d.run.slide_spent(31, d.t), secs(2));
    assert!(!d.run.visited(32));
    d.go(Event::Mark(31), 0);
    // A lid closed for an hour shows up as a suspend pause.
    d.go(Event::Pause(PauseReason::Suspend), 10);
    d.go(Event::Resume, 3600);
    // The rest at 12 s a slide, the optional ones skipped.
    for i in 32..80 {
        if d.run.plan().slides[i].optional {
            continue;
        }
        d.go(Event::Goto(i), 12);
    }
    let end = d.go(Event::End(EndReason::Finished), 12);

    let run = d.run;
    let summary = run.summary(end);
    assert!(summary.complete);
    assert!(
        summary.delta < -SignedDuration::from_secs(30),
        "early: {:?}",
        summary.delta
    );
    assert!(!summary.on_time);
    assert_eq!(run.paused(end), secs(3660));
    assert_eq!(summary.actual + secs(3660), end);
    let flagged: Vec<bool> = summary.sections.iter().map(|s| s.flagged).collect();
    assert_eq!(
        flagged,
        [false, true, false, false, false, false, false, false]
    );
    let covered: Vec<usize> = summary.sections.iter().map(|s| s.covered).collect();
    assert_eq!(covered, [10, 9, 10, 9, 9, 9, 9, 9]);
    assert_eq!(run.marks().collect::<Vec<_>>(), vec![31]);
    // Every slide's time adds up to the talk time.
    let total: Duration = (0..80).map(|i| run.slide_spent(i, end)).sum();
    assert_eq!(total, summary.actual);
}

/// Applies events at a clock that only moves forward.
struct Driver {
    run: Rehearsal,
    t: Duration,
}

impl Driver {
    /// Applies `event` `after` seconds after the last one; returns that moment.
    fn go(&mut self, event: Event, after: u64) -> Duration {
        self.t += secs(after);
        assert!(self.run.apply(&event, self.t), "{event:?} at {:?}", self.t);
        self.t
    }
}

#[test]
fn slides_jumped_over_are_skipped_and_their_sections_say_how_much() {
    // Three sections of 3 slides of 10 s.
    let mut run = Rehearsal::new(plan(3, 3, 10));
    run.apply(&Event::Start, secs(0));
    run.apply(&Event::Goto(1), secs(10));
    assert_eq!(run.skipped_slides(), 0);
    assert_eq!(run.section_skip(0), Skip::None);
    // `End` from slide 2: slides 3 to 8 never shown.
    run.apply(&Event::Goto(8), secs(20));
    assert_eq!(run.skipped_slides(), 6);
    assert!(run.skipped(2) && run.skipped(7) && !run.skipped(8) && !run.skipped(0));
    assert_eq!(run.section_skip(0), Skip::Partly { skipped: 1, of: 3 });
    assert_eq!(run.section_skip(1), Skip::All);
    assert_eq!(run.section_skip(2), Skip::Partly { skipped: 2, of: 3 });
    // Backing over a slide shows it, for however short a time.
    run.apply(&Event::Goto(7), secs(25));
    run.apply(&Event::Goto(6), secs(25));
    assert_eq!(run.skipped_slides(), 4, "slides 7 and 8 were backed over");
    assert_eq!(run.section_skip(2), Skip::None);
    // Undo takes the change back: slide 7 was never shown after all.
    run.apply(&Event::Undo, secs(26));
    assert_eq!(run.current(), 7);
    assert!(run.skipped(6));
    run.apply(&Event::Goto(8), secs(30));
    run.apply(&Event::End(EndReason::Finished), secs(40));
    let summary = run.summary(secs(40));
    assert_eq!(summary.skipped, 5);
    let skips: Vec<Skip> = summary.sections.iter().map(|s| s.skip).collect();
    assert_eq!(
        skips,
        [
            Skip::Partly { skipped: 1, of: 3 },
            Skip::All,
            Skip::Partly { skipped: 1, of: 3 }
        ]
    );
    assert_eq!(summary.sections[1].actual, Duration::ZERO);
}

#[test]
fn slides_ahead_and_slides_counted_on_plan_are_not_skipped() {
    let mut run = Rehearsal::starting_at(plan(2, 3, 10), 2);
    run.apply(&Event::Start, secs(0));
    assert_eq!(run.skipped_slides(), 0, "slides 1 and 2 count on plan");
    // End, then Home: what lies ahead again is ahead, not skipped (its budgets still to come).
    run.apply(&Event::Goto(5), secs(5));
    assert_eq!(run.skipped_slides(), 2);
    run.apply(&Event::Goto(2), secs(6));
    assert_eq!(run.skipped_slides(), 0);
    assert_eq!(run.section_skip(1), Skip::None);
    assert_eq!(
        run.offset(secs(6)),
        ms(1_000),
        "the second on slide 6 is spoken ahead"
    );
}
