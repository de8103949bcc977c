//! Estimates: how long each slide of the current talk takes, from rehearsals or from notes.
//!
//! Runs are matched to the current talk by slide id (each run carries the plan it used), so a
//! slide removed since is ignored and a slide added since has no samples; a slide whose title
//! or notes changed since a run (by the fingerprint the run recorded) takes none of that run's
//! time. Only complete runs count, and of those only the slides a run showed (slides before a
//! `--from` start were never spoken).
//!
//! A partial run (`--section`, or `--from` a later slide) informs only the slides it covered:
//! each slide draws on the last N complete runs that covered it, so a section rehearsed alone
//! pushes no whole run out for the other slides, and the talk's length rests on the whole
//! runs only. [`Recent`] keeps those runs while a history is read, so no more than the
//! estimate uses is ever held. Pure: runs in, durations out.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use crate::history::Run;
use crate::plan::{Plan, word_count};
use crate::stats;

/// Share of the samples dropped from each end before the geometric mean of `shares`.
const TRIM: f64 = 0.2;

/// A complete run the estimate draws on.
#[derive(Debug, Clone, PartialEq)]
pub struct RunUsed {
    /// The run's number in the history file.
    pub number: usize,
    /// Wall-clock start as recorded.
    pub started_at: String,
    /// Talk time (pauses excluded).
    pub elapsed: Duration,
    /// Weight in the talk's length (and the shares' pace): 1 for the oldest whole run used, up
    /// to the number of whole runs; 0 for a partial run, which the length does not rest on
    /// (unless no whole run is used: then every run counts, ranked alike).
    pub weight: f64,
    /// The section rehearsed alone (`--section`), if any.
    pub scope: Option<String>,
    /// The run's first slide (`--from`), 0-based.
    pub from: usize,
}

impl RunUsed {
    /// The run covered part of the talk only (`--section`, or `--from` a later slide).
    pub fn is_partial(&self) -> bool {
        self.scope.is_some() || self.from > 0
    }
}

/// One run's time on one slide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub time: Duration,
    /// Index into [`Rehearsed::runs`].
    pub run: usize,
    /// Weight in the slide's median: 1 for the oldest of the runs that covered the slide, up
    /// to the number of them.
    pub weight: f64,
}

/// What the last complete runs say about the current talk.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rehearsed {
    /// The runs used, oldest first.
    pub runs: Vec<RunUsed>,
    /// Per slide of the current plan, one sample per run that showed it, of the last runs
    /// that covered it.
    pub samples: Vec<Vec<Sample>>,
    /// Per run used: every slide of the current plan it showed (unchanged since) and its time
    /// there, whether or not the slide's estimate draws on the run; the run's length and pace
    /// rest on these.
    pub shown: Vec<Vec<(usize, Duration)>>,
    /// Per slide of the current plan: the runs used that showed it with another title or other
    /// notes (its fingerprint then differs from now), whose time for it is left out.
    pub before_change: Vec<usize>,
    /// Runs in the history that were cut short (never used).
    pub cut_short: usize,
}

/// Kinds of partial run (a section, a first slide) kept at most, `last` runs each: a hostile
/// history of ever new section names is held in bounded memory too.
const PARTIAL_KINDS: usize = 32;

/// The last complete runs of a history, kept while it is read one run at a time: never more
/// than the estimate uses are held, however long the history. Whole runs: the last `last`.
/// Partial runs: of each kind (the same section, the same first slide) the last `last`, and
/// only while fewer than `last` whole runs are newer (then every slide they covered has
/// `last` newer runs).
#[derive(Debug, Clone, Default)]
pub struct Recent {
    last: usize,
    whole: BTreeMap<usize, Run>,
    partial: BTreeMap<usize, Run>,
    cut_short: usize,
    most_held: usize,
}

/// A run covered part of the talk only.
fn is_partial(run: &Run) -> bool {
    run.scope.is_some() || run.from > 0
}

impl Recent {
    /// Keeps the last `last` complete runs (at least one) for every slide.
    pub fn new(last: usize) -> Self {
        Self {
            last: last.max(1),
            ..Self::default()
        }
    }

    /// Offers a run, in any order (each carries its number): a complete one is kept if it is
    /// among the last, any other is counted as cut short.
    pub fn offer(&mut self, run: Run) {
        if !run.is_complete() {
            self.cut_short += 1;
            return;
        }
        if is_partial(&run) {
            self.partial.insert(run.number, run);
        } else {
            self.whole.insert(run.number, run);
            if self.whole.len() > self.last {
                self.whole.pop_first();
            }
        }
        self.drop_partial_runs_outlived();
        self.most_held = self.most_held.max(self.whole.len() + self.partial.len());
    }

    /// Drops the partial runs no slide can use any more: older than `last` whole runs, or
    /// than `last` runs of their kind; and the oldest past the bound of kinds.
    fn drop_partial_runs_outlived(&mut self) {
        if self.whole.len() == self.last
            && let Some(&oldest) = self.whole.keys().next()
        {
            self.partial = self.partial.split_off(&oldest);
        }
        let mut seen: HashMap<(Option<&str>, usize), usize> = HashMap::new();
        let outlived: Vec<usize> = self
            .partial
            .values()
            .rev()
            .filter(|run| {
                let n = seen.entry((run.scope.as_deref(), run.from)).or_default();
                *n += 1;
                *n > self.last
            })
            .map(|run| run.number)
            .collect();
        for number in outlived {
            self.partial.remove(&number);
        }
        while self.partial.len() > self.last * PARTIAL_KINDS {
            self.partial.pop_first();
        }
    }

    /// The most runs held at once.
    pub fn most_held(&self) -> usize {
        self.most_held
    }
}

/// Gathers the last `last` complete runs of `runs`, matched to `plan` by slide id.
pub fn gather(plan: &Plan, runs: &[Run], last: usize) -> Rehearsed {
    let mut recent = Recent::new(last);
    runs.iter().cloned().for_each(|run| recent.offer(run));
    gather_recent(plan, &recent)
}

/// Gathers the runs `recent` kept, matched to `plan` by slide id; a run's time for a slide
/// whose title or notes changed since (by fingerprint, where the history has one) is left out.
/// Each slide draws on the last runs that covered it: every whole run, and the partial runs
/// whose part held it.
pub fn gather_recent(plan: &Plan, recent: &Recent) -> Rehearsed {
    let index: HashMap<&str, usize> = plan
        .slides
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let content = crate::history::fingerprints(plan);
    let mut chosen: Vec<&Run> = recent
        .whole
        .values()
        .chain(recent.partial.values())
        .collect();
    chosen.sort_unstable_by_key(|run| run.number);
    let at = positions(&chosen, &index);
    let used_for = draws_on(&chosen, &at, plan.slides.len(), recent.last);
    let mut used = vec![false; chosen.len()];
    for &k in used_for.iter().flatten() {
        used[k] = true;
    }
    for (k, run) in chosen.iter().enumerate() {
        used[k] |= !is_partial(run);
    }
    let any_whole = chosen.iter().any(|run| !is_partial(run));
    let mut rehearsed = Rehearsed {
        runs: Vec::with_capacity(chosen.len()),
        samples: vec![Vec::new(); plan.slides.len()],
        shown: Vec::with_capacity(chosen.len()),
        before_change: vec![0; plan.slides.len()],
        cut_short: recent.cut_short,
    };
    let unchanged =
        |run: &Run, i: usize, j: usize| run.fingerprint(j).is_none_or(|then| then == content[i]);
    // Each used run's place in `rehearsed.runs`, and its replay.
    let mut place = vec![None; chosen.len()];
    let mut replays = Vec::with_capacity(chosen.len());
    for (k, run) in chosen.iter().enumerate() {
        if !used[k] {
            replays.push(None);
            continue;
        }
        let replay = run.replay();
        let now = run.last_moment();
        let in_length = !any_whole || !is_partial(run);
        let rank = rehearsed
            .runs
            .iter()
            .filter(|u: &&RunUsed| u.weight > 0.0)
            .count();
        place[k] = Some(rehearsed.runs.len());
        rehearsed.runs.push(RunUsed {
            number: run.number,
            started_at: run.started_at.clone(),
            elapsed: replay.elapsed(now),
            weight: if in_length { (rank + 1) as f64 } else { 0.0 },
            scope: run.scope.clone(),
            from: run.from,
        });
        let mut shown: Vec<(usize, Duration)> = at[k]
            .iter()
            .filter(|&(&i, &j)| replay.visited(j) && unchanged(run, i, j))
            .map(|(&i, &j)| (i, replay.slide_spent(j, now)))
            .collect();
        shown.sort_unstable_by_key(|&(i, _)| i);
        rehearsed.shown.push(shown);
        replays.push(Some((replay, now)));
    }
    for (i, runs) in used_for.iter().enumerate() {
        for (rank, &k) in runs.iter().enumerate() {
            let (Some(u), Some((replay, now)), Some(&j)) = (place[k], &replays[k], at[k].get(&i))
            else {
                continue;
            };
            if !replay.visited(j) {
                continue;
            }
            if !unchanged(chosen[k], i, j) {
                rehearsed.before_change[i] += 1;
                continue;
            }
            rehearsed.samples[i].push(Sample {
                time: replay.slide_spent(j, *now),
                run: u,
                weight: (rank + 1) as f64,
            });
        }
    }
    rehearsed
}

/// Per run: where each slide of the current plan (by `index`, its ids) is in the run's own
/// plan, from the run's start.
fn positions(chosen: &[&Run], index: &HashMap<&str, usize>) -> Vec<HashMap<usize, usize>> {
    chosen
        .iter()
        .map(|run| {
            run.plan
                .slides
                .iter()
                .enumerate()
                .skip(run.from)
                .filter_map(|(j, slide)| index.get(slide.id.as_str()).map(|&i| (i, j)))
                .collect()
        })
        .collect()
}

/// Per slide of `slides`: the last `last` of `chosen` (oldest first) that covered it, oldest
/// first. A whole run covers every slide (one it lacked or skipped takes its place all the
/// same); a partial run the slides of its part (`at`).
fn draws_on(
    chosen: &[&Run],
    at: &[HashMap<usize, usize>],
    slides: usize,
    last: usize,
) -> Vec<Vec<usize>> {
    let covers = |k: usize, i: usize| !is_partial(chosen[k]) || at[k].contains_key(&i);
    (0..slides)
        .map(|i| {
            let covering: Vec<usize> = (0..chosen.len()).filter(|&k| covers(k, i)).collect();
            covering[covering.len().saturating_sub(last)..].to_vec()
        })
        .collect()
}

/// Per slide: the median of its times, weighted towards recent runs; `None` without samples.
pub fn median(rehearsed: &Rehearsed) -> Vec<Option<Duration>> {
    rehearsed
        .samples
        .iter()
        .map(|samples| {
            let weighted: Vec<(Duration, f64)> =
                samples.iter().map(|s| (s.time, s.weight)).collect();
            stats::weighted_median(&weighted)
        })
        .collect()
}

/// Per slide: its share of each run, robustly averaged, at the speaker's recent pace.
///
/// Each run's pace is its time over the current budgets of the slides every whole run showed
/// (or, when no slide was shown by all, or a partial run showed none of them, of the slides it
/// showed); a slide's time divided by its run's pace is what the slide would have taken had
/// the run kept to the plan's length (its share of the run, in plan time). The trimmed
/// geometric mean of those, times the recency-weighted median pace of the runs the talk's
/// length rests on, is the estimate: one bad run or an overall speed-up moves it less than it
/// moves a median of raw times.
pub fn shares(rehearsed: &Rehearsed, plan: &Plan) -> Vec<Option<Duration>> {
    // Paces over the slides every whole run showed, when there are such slides: then a change
    // of budgets moves every run's pace alike and the shares do not move (tuning twice
    // proposes the same budgets).
    let in_length: Vec<&Vec<(usize, Duration)>> = rehearsed
        .shown
        .iter()
        .zip(&rehearsed.runs)
        .filter(|(_, run)| run.weight > 0.0)
        .map(|(shown, _)| shown)
        .collect();
    let mut showed_by = vec![0; rehearsed.samples.len()];
    for &(i, _) in in_length.iter().copied().flatten() {
        showed_by[i] += 1;
    }
    let common = |i: usize| !in_length.is_empty() && showed_by[i] == in_length.len();
    let pace: Vec<Option<f64>> = rehearsed
        .shown
        .iter()
        .map(|shown| {
            // A run that showed none of the common slides: its pace over its own.
            let over_common = shown.iter().any(|&(i, _)| common(i));
            let (spent, planned) = shown
                .iter()
                .filter(|&&(i, _)| !over_common || common(i))
                .fold((0.0, 0.0), |(t, b), &(i, time)| {
                    (
                        t + time.as_secs_f64(),
                        b + plan.slides[i].budget.as_secs_f64(),
                    )
                });
            (spent > 0.0 && planned > 0.0).then(|| spent / planned)
        })
        .collect();
    let weighted: Vec<(f64, f64)> = pace
        .iter()
        .zip(&rehearsed.runs)
        .filter(|(_, run)| run.weight > 0.0)
        .filter_map(|(p, run)| p.map(|p| (p, run.weight)))
        .collect();
    let Some(recent) = stats::weighted_median_f64(&weighted) else {
        return vec![None; rehearsed.samples.len()];
    };
    rehearsed
        .samples
        .iter()
        .map(|samples| {
            let plan_time: Vec<f64> = samples
                .iter()
                .filter_map(|s| {
                    // A slide clicked through in no time still counts, as a millisecond.
                    pace[s.run].map(|p| s.time.as_secs_f64().max(0.001) / p)
                })
                .collect();
            let mean = stats::trimmed_geometric_mean(&plan_time, TRIM)?;
            Some(Duration::from_millis(
                (mean * recent * 1000.0).round() as u64
            ))
        })
        .collect()
}

/// The talk's length at the speaker's pace, from the runs' own totals, and `estimates` scaled
/// to it; `None` (and the estimates unchanged) when no run showed a slide with an estimate.
///
/// The sum of per-slide medians is not the median total, and a lower weighted median per
/// slide can sum to less than every run: so the length comes from the runs. Each run's time on
/// the slides that have an estimate, divided by the share of those estimates it showed (a run
/// that skipped a slide is read as if at the same pace it had spoken it), is that run's
/// length; the length is their weighted median, with the runs' weights. The estimates are then
/// split from that length by largest remainder, so they sum to it to the millisecond.
pub fn scale_to_runs(
    rehearsed: &Rehearsed,
    estimates: &[Option<Duration>],
) -> (Option<Duration>, Vec<Option<Duration>>) {
    let millis = |d: Duration| u128::from(crate::timefmt::ms(d));
    let all: u128 = estimates.iter().flatten().copied().map(millis).sum();
    let mut spent = vec![0u128; rehearsed.runs.len()];
    let mut shown = vec![0u128; rehearsed.runs.len()];
    for (r, slides) in rehearsed.shown.iter().enumerate() {
        for &(i, time) in slides {
            let Some(estimate) = estimates[i] else {
                continue;
            };
            spent[r] += millis(time);
            shown[r] += millis(estimate);
        }
    }
    let lengths: Vec<(Duration, f64)> = spent
        .iter()
        .zip(&shown)
        .zip(&rehearsed.runs)
        // A partial run (weight 0) says nothing of the whole talk's length.
        .filter(|((_, shown), run)| **shown > 0 && run.weight > 0.0)
        .map(|((&spent, &shown), run)| {
            let length = spent.saturating_mul(all) / shown;
            (
                Duration::from_millis(u64::try_from(length).unwrap_or(u64::MAX)),
                run.weight,
            )
        })
        .collect();
    let Some(length) = stats::weighted_median(&lengths) else {
        return (None, estimates.to_vec());
    };
    let weights: Vec<u128> = estimates.iter().flatten().copied().map(millis).collect();
    let mut parts = crate::share::largest_remainder(crate::timefmt::ms(length), &weights)
        .into_iter()
        .map(Duration::from_millis);
    let scaled = estimates
        .iter()
        .map(|e| e.and_then(|_| parts.next()))
        .collect();
    (Some(length), scaled)
}

/// Per slide: its notes spoken at `wpm`; a slide without notes takes as long as the mean slide
/// with notes (as in allocation). `None` when no slide has notes.
pub fn notes(plan: &Plan, wpm: f64) -> Option<Vec<Duration>> {
    let words: Vec<usize> = plan.slides.iter().map(|s| word_count(&s.notes)).collect();
    let noted: Vec<usize> = words.iter().copied().filter(|&w| w > 0).collect();
    if noted.is_empty() || !(wpm.is_finite() && wpm > 0.0) {
        return None;
    }
    let speak = |words: f64| Duration::from_millis((words * 60_000.0 / wpm).round() as u64);
    let mean = noted.iter().sum::<usize>() as f64 / noted.len() as f64;
    Some(
        words
            .iter()
            .map(|&w| speak(if w > 0 { w as f64 } else { mean }))
            .collect(),
    )
}

/// The speaker's own rate: words of notes per minute spent on slides with notes, over every
/// sample. `None` when no rehearsed slide has notes.
pub fn words_per_minute(rehearsed: &Rehearsed, plan: &Plan) -> Option<f64> {
    let (mut words, mut secs) = (0usize, 0.0);
    for (i, samples) in rehearsed.samples.iter().enumerate() {
        let count = word_count(&plan.slides[i].notes);
        if count == 0 {
            continue;
        }
        for s in samples {
            words += count;
            secs += s.time.as_secs_f64();
        }
    }
    (words > 0 && secs > 0.0).then(|| words as f64 / (secs / 60.0))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rehearsal::EndReason;
    use crate::testing::{run_from_times, slide};

    fn plan(ids: &[&str]) -> Plan {
        crate::testing::plan(vec![("A", ids.iter().map(|id| slide(id)).collect())])
    }

    /// A run through `plan` spending `secs[i]` on slide i (`None`: jumped over), ended `end`.
    fn run(number: usize, plan: &Plan, secs: &[Option<u64>], end: Option<EndReason>) -> Run {
        let times: Vec<Option<Duration>> =
            secs.iter().map(|s| s.map(Duration::from_secs)).collect();
        run_from_times(number, &Arc::new(plan.clone()), &times, end)
    }

    const DONE: Option<EndReason> = Some(EndReason::Finished);

    #[test]
    fn runs_match_by_id_and_only_complete_ones_count() {
        let old = plan(&["a", "gone", "b"]);
        let now = plan(&["b", "a", "new"]);
        let runs = vec![
            run(1, &old, &[Some(11), Some(5), Some(21)], DONE),
            run(2, &old, &[Some(99), Some(99), Some(99)], None),
            run(3, &old, &[Some(13), None, Some(23)], Some(EndReason::Quit)),
            run(4, &now, &[Some(25), Some(15), Some(7)], DONE),
        ];
        let r = gather(&now, &runs, 5);
        assert_eq!(r.cut_short, 2);
        assert_eq!(
            r.runs.iter().map(|u| u.number).collect::<Vec<_>>(),
            vec![1, 4]
        );
        assert_eq!(r.runs[1].elapsed, Duration::from_secs(47));
        let secs =
            |i: usize| -> Vec<u64> { r.samples[i].iter().map(|s| s.time.as_secs()).collect() };
        assert_eq!(secs(0), vec![21, 25], "b");
        assert_eq!(secs(1), vec![11, 15], "a");
        assert_eq!(secs(2), vec![7], "new: only the run that had it");
        // The last one complete run only.
        assert_eq!(gather(&now, &runs, 1).runs[0].number, 4);
    }

    #[test]
    fn slides_jumped_over_have_no_sample() {
        let p = plan(&["a", "b", "c"]);
        let r = gather(&p, &[run(1, &p, &[Some(5), None, Some(9)], DONE)], 5);
        assert_eq!(r.samples[1], vec![]);
        assert_eq!(median(&r)[1], None);
        assert_eq!(median(&r)[2], Some(Duration::from_secs(9)));
    }

    #[test]
    fn the_median_leans_to_recent_runs() {
        let p = plan(&["a"]);
        // Weights 1, 2, 3 over 30, 10, 20: sorted 10 (w2), 20 (w3), 30 (w1); half of 6 is 3,
        // reached at 20.
        let runs: Vec<Run> = [30, 10, 20]
            .iter()
            .enumerate()
            .map(|(i, &s)| run(i + 1, &p, &[Some(s)], DONE))
            .collect();
        assert_eq!(
            median(&gather(&p, &runs, 5)),
            vec![Some(Duration::from_secs(20))]
        );
        // Two runs: the newer always wins (weight 2 of 3).
        assert_eq!(
            median(&gather(&p, &runs, 2)),
            vec![Some(Duration::from_secs(20))]
        );
    }

    #[test]
    fn shares_see_through_an_overall_speed_up() {
        let p = plan(&["a", "b"]);
        // Same proportions (1:3) at three paces; the newest run is the fastest.
        let runs = vec![
            run(1, &p, &[Some(10), Some(30)], DONE),
            run(2, &p, &[Some(8), Some(24)], DONE),
            run(3, &p, &[Some(5), Some(15)], DONE),
        ];
        let est = shares(&gather(&p, &runs, 5), &p);
        // Paces 2.0, 1.6, 1.0 with weights 1, 2, 3: weighted median 1.0. Plan time 5 and 15.
        assert_eq!(
            est,
            vec![Some(Duration::from_secs(5)), Some(Duration::from_secs(15))]
        );
    }

    #[test]
    fn notes_at_a_rate() {
        let mut p = plan(&["a", "b", "c"]);
        p.slides[0].notes = "one two three four five six seven eight nine ten".into();
        p.slides[2].notes = "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d".into();
        // 10 and 30 words at 120 wpm: 5 s and 15 s; the silent slide takes the mean, 10 s.
        assert_eq!(
            notes(&p, 120.0),
            Some(vec![
                Duration::from_secs(5),
                Duration::from_secs(10),
                Duration::from_secs(15)
            ])
        );
        assert_eq!(notes(&plan(&["x"]), 130.0), None);
    }

    #[test]
    fn calibration_counts_words_over_time_on_slides_with_notes() {
        let mut p = plan(&["a", "b"]);
        p.slides[0].notes = "w ".repeat(20);
        let runs = vec![
            run(1, &p, &[Some(10), Some(50)], DONE),
            run(2, &p, &[Some(20), Some(50)], DONE),
        ];
        // 40 words in 30 s: 80 wpm; the slide without notes does not count.
        let wpm = words_per_minute(&gather(&p, &runs, 5), &p).unwrap();
        assert!((wpm - 80.0).abs() < 1e-9, "{wpm}");
        let silent = plan(&["b"]);
        assert_eq!(words_per_minute(&gather(&silent, &runs, 5), &silent), None);
    }

    #[test]
    fn a_slide_changed_since_a_run_takes_none_of_that_runs_time() {
        let mut p = plan(&["a", "b"]);
        let then = Arc::new(p.clone());
        let mut old = run(1, &p, &[Some(10), Some(40)], DONE);
        old.fingerprints = crate::history::fingerprints(&then)
            .into_iter()
            .map(Some)
            .collect();
        p.slides[1].notes = "A new way to say it.".into();
        let mut new = run(2, &p, &[Some(12), Some(20)], DONE);
        new.fingerprints = crate::history::fingerprints(&p)
            .into_iter()
            .map(Some)
            .collect();
        // A run of an old history (no fingerprints) counts for every slide, as before.
        let unknown = run(3, &then, &[Some(11), Some(44)], DONE);
        let r = gather(&p, &[old, new, unknown], 5);
        let secs =
            |i: usize| -> Vec<u64> { r.samples[i].iter().map(|s| s.time.as_secs()).collect() };
        assert_eq!(secs(0), [10, 12, 11], "a: unchanged, every run");
        assert_eq!(secs(1), [20, 44], "b: run 1 left out");
        assert_eq!(r.before_change, [0, 1]);
    }

    #[test]
    fn partial_runs_are_held_only_while_a_slide_can_use_them() {
        let p = plan(&["a", "b"]);
        let part = |number: usize, scope: &str| {
            let mut run = run(number, &p, &[Some(5), Some(5)], DONE);
            run.scope = Some(scope.into());
            run
        };
        let mut recent = Recent::new(2);
        recent.offer(part(1, "S"));
        recent.offer(run(2, &p, &[Some(9), Some(9)], DONE));
        assert_eq!(recent.partial.len(), 1, "one whole run newer: still of use");
        recent.offer(run(3, &p, &[Some(9), Some(9)], DONE));
        assert!(
            recent.partial.is_empty(),
            "two whole runs newer cover its slides"
        );
        // Of one kind, the last two; the kinds bounded.
        for n in 4..100 {
            recent.offer(part(n, "S"));
        }
        assert_eq!(recent.partial.keys().copied().collect::<Vec<_>>(), [98, 99]);
        for n in 100..1000 {
            recent.offer(part(n, &format!("section {n}")));
        }
        assert_eq!(recent.partial.len(), 2 * PARTIAL_KINDS);
        assert!(recent.most_held() <= 2 + 2 * PARTIAL_KINDS);
        // Offered in any order, the same runs are kept.
        let mut reversed = Recent::new(2);
        for n in (1..4).rev() {
            reversed.offer(if n == 1 {
                part(1, "S")
            } else {
                run(n, &p, &[Some(9), Some(9)], DONE)
            });
        }
        assert!(reversed.partial.is_empty());
    }

    #[test]
    fn a_long_history_is_tuned_holding_only_the_runs_it_uses() {
        use std::fmt::Write as _;
        // 10,000 runs written as the journal writes them, a third killed: read in one pass,
        // never more than the last 5 complete runs kept, nor MAX_OPEN open.
        let p = plan(&["a", "b", "c"]);
        let snapshot = serde_json::to_string(&crate::history::PlanSnapshot::of(&p)).unwrap();
        let mut text = String::new();
        for k in 0..10_000u64 {
            let (a, b) = (10 + k % 7, 20 + k % 11);
            let _ = write!(
                text,
                "{{\"run\":\"r{k}\",\"event\":\"start\",\"t_ms\":0,\"plan\":{snapshot}}}\n\
                 {{\"run\":\"r{k}\",\"event\":\"enter\",\"t_ms\":{},\"slide\":1}}\n\
                 {{\"run\":\"r{k}\",\"event\":\"enter\",\"t_ms\":{},\"slide\":2}}\n",
                a * 1000,
                (a + b) * 1000
            );
            if k % 3 != 0 {
                let _ = writeln!(
                    text,
                    "{{\"run\":\"r{k}\",\"event\":\"end\",\"t_ms\":{},\"reason\":\"finished\"}}",
                    (a + b + 5) * 1000
                );
            }
        }
        let mut recent = Recent::new(5);
        let mut handed = 0;
        let scanned = crate::history::scan(text.as_bytes(), |run| {
            handed += 1;
            recent.offer(run);
        })
        .unwrap();
        assert_eq!((scanned.runs, handed), (10_000, 10_000));
        assert!(scanned.most_open <= crate::history::MAX_OPEN);
        assert_eq!(recent.most_held(), 5, "the bound, by construction");
        let r = gather_recent(&p, &recent);
        assert_eq!(r.cut_short, 3334);
        // The last five complete runs by number (every run k with k % 3 == 0 was killed).
        let numbers: Vec<usize> = r.runs.iter().map(|u| u.number).collect();
        assert_eq!(numbers, [9993, 9995, 9996, 9998, 9999]);
        let a: Vec<u64> = r.samples[0].iter().map(|s| s.time.as_secs()).collect();
        // Run n is k = n - 1: a = 10 + k % 7.
        let want: Vec<u64> = numbers.iter().map(|&n| 10 + (n as u64 - 1) % 7).collect();
        assert_eq!(a, want);
    }
}
