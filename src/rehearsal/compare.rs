//! Pacing against a reference: the plan, the last run, or the median of past runs.
//!
//! A [`Reference`] is the time each slide of a plan is expected to take. Past runs are matched
//! to the plan by slide id, so a run recorded before the talk changed still counts for the
//! slides it shares with it, except a slide whose title or notes changed since (by the
//! fingerprint the run recorded, as `tune` reads it); a slide no run has rehearsed as it is now
//! is expected to take its budget. Built once when a rehearsal opens, never per frame.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use super::Rehearsal;
use crate::history::Fingerprint;
use crate::plan::Plan;
use crate::stats::median;

/// A past run to compare with: replayed, with the fingerprint each slide of its plan had
/// ([`crate::history::Run::fingerprints`]; empty for a history older than them).
#[derive(Debug, Clone)]
pub struct PastRun {
    pub run: Rehearsal,
    pub fingerprints: Arc<[Option<Fingerprint>]>,
}

impl PastRun {
    /// A recorded run, replayed.
    pub fn of(run: &crate::history::Run) -> Self {
        Self {
            run: run.replay(),
            fingerprints: Arc::clone(&run.fingerprints),
        }
    }
}

/// How many of the most recent runs the median looks at: old versions of a talk fade out.
pub const MEDIAN_RUNS: usize = 10;

/// Complete runs looked at for the comparisons a rehearsal offers, newest first (the median
/// takes [`MEDIAN_RUNS`] of them).
pub const RUNS_FOR_REFERENCES: usize = 20;

/// Where a reference's expected times come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The plan's budgets.
    Plan,
    /// The most recent complete run of those that held the most of the talk's slides (a
    /// section rehearsed alone is not the whole talk's last run while a whole run is there).
    LastRun,
    /// Slide by slide, the median of up to this many recent complete runs (the most any one
    /// slide's median rests on).
    Median { runs: usize },
}

/// The time each slide of a plan is expected to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub basis: Basis,
    /// Expected time per slide, indexed like [`Plan::slides`].
    pub slides: Vec<Duration>,
}

impl Reference {
    /// The plan's own budgets.
    pub fn plan(plan: &Plan) -> Self {
        Self {
            basis: Basis::Plan,
            slides: plan.slides.iter().map(|s| s.budget).collect(),
        }
    }

    /// The last of `runs` (oldest first) that rehearsed a slide of `plan` as it is now, of
    /// those whose part of the talk held the most of `plan`'s slides: a section rehearsed
    /// alone is not the last run of the whole talk while a whole run is there.
    pub fn last_run(plan: &Plan, runs: &[PastRun]) -> Option<Self> {
        let now = Now::of(plan);
        let (_, spoken) = runs
            .iter()
            .map(|run| (now.covered(run).len(), now.spoken(run)))
            .filter(|(_, times)| plan.slides.iter().any(|s| times.contains_key(&*s.id)))
            // The newest of the widest: `max_by_key` keeps the last of equals.
            .max_by_key(|(covered, _)| *covered)?;
        let slides = plan
            .slides
            .iter()
            .map(|s| spoken.get(&*s.id).copied().unwrap_or(s.budget))
            .collect();
        Some(Self {
            basis: Basis::LastRun,
            slides,
        })
    }

    /// Slide by slide, the median time of the last [`MEDIAN_RUNS`] of `runs` (oldest first)
    /// whose part of the talk held the slide, of those that rehearsed a slide of `plan` as it
    /// is now (a section rehearsed alone takes no other slide's place); `None` with fewer than
    /// two such runs.
    pub fn median(plan: &Plan, runs: &[PastRun]) -> Option<Self> {
        let now = Now::of(plan);
        let recent: Vec<(HashSet<&str>, HashMap<&str, Duration>)> = runs
            .iter()
            .rev()
            .map(|run| (now.covered(run), now.spoken(run)))
            .filter(|(_, times)| plan.slides.iter().any(|s| times.contains_key(&*s.id)))
            .collect();
        // The number shown ("median of 10") is the most any slide's median rests on: a slide
        // takes only its own last runs, so counting every run some slide drew on overstates it.
        let mut most = 0;
        let slides = plan
            .slides
            .iter()
            .map(|s| {
                let times: Vec<Duration> = recent
                    .iter()
                    .enumerate()
                    .filter(|(_, (covered, _))| covered.contains(&*s.id))
                    .take(MEDIAN_RUNS)
                    .filter_map(|(_, (_, times))| times.get(&*s.id).copied())
                    .collect();
                most = most.max(times.len());
                median(&times).unwrap_or(s.budget)
            })
            .collect();
        let runs = most;
        if runs < 2 {
            return None;
        }
        Some(Self {
            basis: Basis::Median { runs },
            slides,
        })
    }

    /// What past runs offer a rehearsal of `plan` to compare with: the last run and the median,
    /// from the last [`RUNS_FOR_REFERENCES`] complete runs of `newest_first` (replayed runs,
    /// newest first, taken lazily: older runs are never replayed).
    pub fn past(plan: &Plan, newest_first: impl IntoIterator<Item = PastRun>) -> Vec<Self> {
        let mut runs: Vec<PastRun> = newest_first
            .into_iter()
            .filter(|past| {
                past.run
                    .end()
                    .is_some_and(|(reason, _)| reason.is_complete())
            })
            .take(RUNS_FOR_REFERENCES)
            .collect();
        runs.reverse();
        [Self::last_run(plan, &runs), Self::median(plan, &runs)]
            .into_iter()
            .flatten()
            .collect()
    }

    /// The expected time of one slide (its budget when out of range).
    pub fn slide(&self, plan: &Plan, index: usize) -> Duration {
        self.slides
            .get(index)
            .copied()
            .unwrap_or_else(|| plan.slides.get(index).map_or(Duration::ZERO, |s| s.budget))
    }
}

/// The plan compared with: every slide's fingerprint now, by id.
struct Now<'a> {
    fingerprints: HashMap<&'a str, Fingerprint>,
}

impl<'a> Now<'a> {
    fn of(plan: &'a Plan) -> Self {
        Self {
            fingerprints: plan
                .slides
                .iter()
                .map(|s| s.id.as_str())
                .zip(crate::history::fingerprints(plan))
                .collect(),
        }
    }

    /// The slides of the plan compared with that the run's part of the talk held (from its
    /// first slide; a section rehearsed alone, only that section's), shown or not.
    fn covered<'r>(&self, past: &'r PastRun) -> HashSet<&'r str> {
        let run = &past.run;
        run.plan()
            .slides
            .iter()
            .skip(run.from())
            .map(|s| s.id.as_str())
            .filter(|id| self.fingerprints.contains_key(id))
            .collect()
    }

    /// Time per slide id a finished run actually spoke (not the slides `--from` counted on
    /// plan), leaving out a slide whose title or notes the run had otherwise than now.
    fn spoken<'r>(&self, past: &'r PastRun) -> HashMap<&'r str, Duration> {
        let run = &past.run;
        let at = run.end().map_or(Duration::ZERO, |(_, t)| t);
        let changed = |i: usize, id: &str| {
            let then = past.fingerprints.get(i).copied().flatten();
            then.is_some_and(|then| self.fingerprints.get(id).is_some_and(|now| *now != then))
        };
        run.plan()
            .slides
            .iter()
            .enumerate()
            .filter(|&(i, s)| i >= run.from() && run.visited(i) && !changed(i, &s.id))
            .map(|(i, s)| (s.id.as_str(), run.slide_spent(i, at)))
            .collect()
    }
}

impl Rehearsal {
    /// How far behind a reference (negative: ahead), by the rule of [`Rehearsal::offset`]
    /// with the reference's times in place of the budgets.
    pub fn offset_against(&self, reference: &Reference, now: Duration) -> jiff::SignedDuration {
        self.offset_by(|i| reference.slide(&self.plan, i), now)
    }

    /// When the talk would end at this pace measured against a reference: the reference's
    /// whole time (slides before `from` at their budgets) plus the offset against it.
    pub fn projected_finish_against(&self, reference: &Reference, now: Duration) -> Duration {
        let total: Duration = (0..self.plan.slides.len())
            .map(|i| {
                if i < self.from {
                    self.plan.slides[i].budget
                } else {
                    reference.slide(&self.plan, i)
                }
            })
            .sum();
        let projected =
            crate::pace::as_signed(total).saturating_add(self.offset_against(reference, now));
        Duration::try_from(projected).unwrap_or(Duration::ZERO)
    }

    /// When behind a reference: how much less each slide still ahead must take to catch it up.
    pub fn recovery_per_slide_against(
        &self,
        reference: &Reference,
        now: Duration,
    ) -> Option<Duration> {
        self.recovery_for(self.offset_against(reference, now))
    }

    /// The optional slides still ahead, each with what skipping it saves measured against a
    /// reference: its time in that reference (the plan: its budget; the last run: what that
    /// run spent there), so the cuts are counted in the same yardstick as the offset.
    pub fn cut_candidates_against(&self, reference: &Reference) -> Vec<(usize, Duration)> {
        self.ahead()
            .filter(|&i| self.plan.slides[i].optional)
            .map(|i| (i, reference.slide(&self.plan, i)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn ms(ms: i64) -> jiff::SignedDuration {
        jiff::SignedDuration::from_millis(ms)
    }

    use crate::testing::one_section as plan;

    /// A finished run of `plan` that spends `times[i]` seconds on slide i (of a history older
    /// than fingerprints).
    fn run(plan: Plan, times: &[u64]) -> PastRun {
        PastRun::of(&recorded(plan, times))
    }

    fn recorded(plan: Plan, times: &[u64]) -> crate::history::Run {
        crate::testing::run_from_times(
            1,
            &Arc::new(plan),
            &crate::testing::secs(times),
            Some(EndReason::Finished),
        )
    }

    /// A run replayed by hand, without fingerprints.
    fn past(run: Rehearsal) -> PastRun {
        PastRun {
            run,
            fingerprints: Arc::from([]),
        }
    }

    #[test]
    fn a_section_rehearsed_alone_is_no_last_run_of_the_talk_and_takes_no_median_slot() {
        let p = plan(&["a", "b", "c"]);
        // `--section`: a plan of slides b and c alone.
        let mut alone = recorded(plan(&["b", "c"]), &[30, 30]);
        alone.scope = Some("S".into());
        let runs = [
            run(p.clone(), &[8, 10, 12]),
            run(p.clone(), &[10, 12, 14]),
            PastRun::of(&alone),
        ];
        // The last run of the talk is the last whole run, not the section.
        let last = Reference::last_run(&p, &runs).unwrap();
        assert_eq!(last.slides, [secs(10), secs(12), secs(14)]);
        // The median: each slide over the runs that covered it; a's two whole runs are not
        // outnumbered by the section run, b's and c's count it.
        let median = Reference::median(&p, &runs).unwrap();
        assert_eq!(median.slides, [secs(9), secs(12), secs(14)]);
        // Rehearsing that section alone, its last run is the run of it.
        let b_and_c = plan(&["b", "c"]);
        let last = Reference::last_run(&b_and_c, &runs).unwrap();
        assert_eq!(last.slides, [secs(30), secs(30)]);
    }

    #[test]
    fn the_median_says_how_many_runs_a_slide_rests_on_at_most() {
        let p = plan(&["a", "b", "c"]);
        let mut runs: Vec<PastRun> = (0..MEDIAN_RUNS as u64)
            .map(|k| run(p.clone(), &[10 + k, 10, 10]))
            .collect();
        for _ in 0..MEDIAN_RUNS {
            let mut alone = recorded(plan(&["b", "c"]), &[20, 20]);
            alone.scope = Some("S".into());
            runs.push(PastRun::of(&alone));
        }
        // Twenty runs drawn on in all, but no slide's median over more than ten.
        let median = Reference::median(&p, &runs).unwrap();
        assert_eq!(median.basis, Basis::Median { runs: MEDIAN_RUNS });
        assert_eq!(
            median.slides[1],
            secs(20),
            "b: its last ten, the section runs"
        );
        // Two whole runs and one section: b and c rest on three runs, a on two.
        let median = Reference::median(&p, &runs[MEDIAN_RUNS - 2..=MEDIAN_RUNS]).unwrap();
        assert_eq!(median.basis, Basis::Median { runs: 3 });
    }

    #[test]
    fn a_slide_changed_since_a_run_takes_none_of_its_time() {
        let then = plan(&["a", "b"]);
        let mut now = then.clone();
        now.slides[1].notes = "Said another way.".into();
        // Runs that recorded the slides as they were; the newest after the change.
        let with_fingerprints = |plan: &Plan, times: &[u64]| {
            let mut run = recorded(plan.clone(), times);
            run.fingerprints = crate::history::fingerprints(plan)
                .into_iter()
                .map(Some)
                .collect();
            PastRun::of(&run)
        };
        let runs = [
            with_fingerprints(&then, &[8, 30]),
            with_fingerprints(&then, &[9, 40]),
        ];
        // b changed since both: its budget stands in, in the last run and in the median.
        let last = Reference::last_run(&now, &runs).unwrap();
        assert_eq!(last.slides, [secs(9), secs(10)]);
        let median = Reference::median(&now, &runs).unwrap();
        assert_eq!(median.slides, [Duration::from_millis(8500), secs(10)]);
        // One run since the change: b's time is that run's alone.
        let runs = [
            runs[0].clone(),
            runs[1].clone(),
            with_fingerprints(&now, &[7, 12]),
        ];
        assert_eq!(
            Reference::median(&now, &runs).unwrap().slides,
            [secs(8), secs(12)]
        );
        assert_eq!(
            Reference::last_run(&now, &runs).unwrap().slides,
            [secs(7), secs(12)]
        );
        // A history older than fingerprints counts every run for every slide, as before.
        let old = [run(then.clone(), &[8, 30]), run(then, &[9, 40])];
        assert_eq!(
            Reference::last_run(&now, &old).unwrap().slides,
            [secs(9), secs(40)]
        );
    }

    #[test]
    fn the_last_run_is_matched_by_slide_id() {
        let now = plan(&["a", "b", "c"]);
        // An older version of the talk: "b" was dropped, "x" is gone now.
        let old = run(plan(&["a", "x", "c"]), &[12, 30, 7]);
        let last = Reference::last_run(&now, &[old]).unwrap();
        assert_eq!(last.basis, Basis::LastRun);
        assert_eq!(last.slides, vec![secs(12), secs(10), secs(7)]);
    }

    #[test]
    fn the_median_needs_two_runs_and_skips_foreign_ones() {
        let p = plan(&["a", "b"]);
        let one = run(p.clone(), &[8, 14]);
        assert_eq!(Reference::median(&p, std::slice::from_ref(&one)), None);
        let foreign = run(plan(&["y", "z"]), &[99, 99]);
        let runs = [
            one,
            run(p.clone(), &[12, 10]),
            run(p.clone(), &[9, 30]),
            foreign,
        ];
        let median = Reference::median(&p, &runs).unwrap();
        assert_eq!(median.basis, Basis::Median { runs: 3 });
        assert_eq!(median.slides, vec![secs(9), secs(14)]);
        assert_eq!(
            Reference::last_run(&p, &runs).unwrap().slides,
            vec![secs(9), secs(30)]
        );
    }

    #[test]
    fn the_past_offers_the_last_complete_run_and_the_median_of_recent_ones() {
        let p = plan(&["a", "b"]);
        assert_eq!(Reference::past(&p, Vec::new()), Vec::new(), "no runs yet");
        let mut cut_short = Rehearsal::new(p.clone());
        cut_short.apply(&Event::Start, Duration::ZERO);
        cut_short.apply(&Event::Goto(1), secs(50));
        // Newest first: a cut-short run does not count.
        let newest_first = vec![
            past(cut_short),
            run(p.clone(), &[9, 9]),
            run(p.clone(), &[7, 7]),
            run(p.clone(), &[5, 5]),
        ];
        let past = Reference::past(&p, newest_first);
        let bases: Vec<Basis> = past.iter().map(|r| r.basis).collect();
        assert_eq!(bases, [Basis::LastRun, Basis::Median { runs: 3 }]);
        assert_eq!(past[0].slides[0], secs(9));
        assert_eq!(past[1].slides[0], secs(7));
        // Only the newest RUNS_FOR_REFERENCES complete runs are taken: older ones are never
        // even replayed.
        let many = (0..RUNS_FOR_REFERENCES)
            .map(|i| run(p.clone(), &[i as u64 + 1, 1]))
            .chain(std::iter::from_fn(|| panic!("an older run was replayed")));
        let past = Reference::past(&p, many);
        assert_eq!(past[1].basis, Basis::Median { runs: MEDIAN_RUNS });
        assert_eq!(past[0].slides[0], secs(1), "the newest");
    }

    #[test]
    fn slides_counted_on_plan_by_from_are_not_spoken() {
        let p = plan(&["a", "b", "c"]);
        let mut later = Rehearsal::starting_at(p.clone(), 1);
        later.apply(&Event::Start, Duration::ZERO);
        later.apply(&Event::Goto(2), secs(4));
        later.apply(&Event::End(EndReason::Finished), secs(9));
        let last = Reference::last_run(&p, &[past(later)]).unwrap();
        assert_eq!(last.slides, vec![secs(10), secs(4), secs(5)]);
    }

    #[test]
    fn the_offset_against_a_reference_follows_the_plan_rule() {
        let p = plan(&["a", "b", "c"]);
        let reference = Reference {
            basis: Basis::LastRun,
            slides: vec![secs(5), secs(20), secs(10)],
        };
        let mut live = Rehearsal::new(p.clone());
        live.apply(&Event::Start, Duration::ZERO);
        live.apply(&Event::Goto(1), secs(8)); // 3 s slower than last time, 2 s faster than plan
        assert_eq!(live.offset_against(&reference, secs(8)), ms(3000));
        assert_eq!(live.offset(secs(8)), ms(-2000));
        assert_eq!(
            live.offset_against(&Reference::plan(&p), secs(30)),
            live.offset(secs(30))
        );
        assert_eq!(live.offset_against(&reference, secs(30)), ms(5000));
    }

    #[test]
    fn the_projection_and_the_hint_follow_the_reference() {
        let p = plan(&["a", "b", "c"]);
        let last = Reference {
            basis: Basis::LastRun,
            slides: vec![secs(5), secs(5), secs(5)],
        };
        let mut live = Rehearsal::new(p.clone());
        live.apply(&Event::Start, Duration::ZERO);
        live.apply(&Event::Goto(1), secs(9));
        // 4 s behind the last run (15 s in all), 1 s ahead of the plan (30 s).
        assert_eq!(live.projected_finish_against(&last, secs(9)), secs(19));
        assert_eq!(live.projected_finish(secs(9)), secs(29));
        assert_eq!(
            live.projected_finish_against(&Reference::plan(&p), secs(9)),
            live.projected_finish(secs(9))
        );
        assert_eq!(
            live.recovery_per_slide_against(&last, secs(9)),
            Some(secs(4))
        );
        assert_eq!(live.recovery_per_slide(secs(9)), None, "ahead of the plan");
    }

    #[test]
    fn cuts_save_what_the_reference_expects_of_them() {
        // Four slides of 10 s, the third optional; the last run spoke it in 25 s.
        let mut p = plan(&["a", "b", "c", "d"]);
        p.slides[2].optional = true;
        let last = Reference {
            basis: Basis::LastRun,
            slides: vec![secs(5), secs(5), secs(25), secs(5)],
        };
        let mut live = Rehearsal::new(p.clone());
        live.apply(&Event::Start, Duration::ZERO);
        live.apply(&Event::Goto(1), secs(12));
        // 7 s behind the last run, 2 s behind the plan; cutting slide 3 saves 25 s against
        // the last run, 10 s against the plan.
        assert_eq!(live.offset_against(&last, secs(12)), ms(7000));
        assert_eq!(live.cut_candidates_against(&last), vec![(2, secs(25))]);
        assert_eq!(
            live.cut_candidates_against(&Reference::plan(&p)),
            live.cut_candidates()
        );
        assert_eq!(live.cut_candidates(), vec![(2, secs(10))]);
        // Once slide 3 is behind the speaker it is no candidate against any reference.
        live.apply(&Event::Goto(3), secs(20));
        assert_eq!(live.cut_candidates_against(&last), Vec::new());
    }
}
