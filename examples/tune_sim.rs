//! A simulation comparing the two estimate methods on synthetic speakers: a tool, not a test.
//!
//! `cargo run --release --example tune_sim` prints, for four kinds of speaker, how
//! much time each method misplaces per talk once its estimates are scaled to a length (what the
//! fit does): against the next run, and against the speaker's true per-slide proportions; and
//! how far each method's total is from the next run's. The model: 20 slides with true times of
//! 10-60 s, five runs, each at an overall pace (optionally speeding up 25% over the runs) with
//! 15% log-normal noise per slide; a "bad" run (30% of runs) is 80% slower over five slides.

use std::sync::Arc;
use std::time::Duration;

use pacer::history::Run;
use pacer::plan::{Plan, PlannedSlide};
use pacer::rehearsal::EndReason;
use pacer::testing;
use pacer::tune::estimate;

const SLIDES: usize = 20;
const RUNS: usize = 5;
const TRIALS: usize = 400;

/// xorshift64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (a, b) = (self.uniform().max(1e-12), self.uniform());
        (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
    }
}

fn plan() -> Plan {
    let slides = (0..SLIDES)
        .map(|i| PlannedSlide {
            title: format!("S{i}"),
            budget: Duration::from_secs(30),
            explicit: true,
            ..testing::slide(&format!("s{i}"))
        })
        .collect();
    Plan {
        title: "Sim".into(),
        grace: Duration::from_secs(30),
        ..testing::plan(vec![("All", slides)])
    }
}

fn run(number: usize, plan: &Arc<Plan>, times: &[f64]) -> Run {
    let times: Vec<Option<Duration>> = times
        .iter()
        .map(|&s| Some(Duration::from_secs_f64(s)))
        .collect();
    testing::run_from_times(number, plan, &times, Some(EndReason::Finished))
}

/// Seconds misplaced when `estimate` is scaled to `total` and compared with `actual`.
fn misplaced(estimate: &[f64], actual: &[f64], total: f64) -> f64 {
    let (e, a): (f64, f64) = (estimate.iter().sum(), actual.iter().sum());
    estimate
        .iter()
        .zip(actual)
        .map(|(x, y)| (x / e - y / a).abs() * total)
        .sum::<f64>()
        / 2.0
}

#[derive(Default)]
struct Score {
    next: f64,
    truth: f64,
    total: f64,
}

/// A simulation to read, not a check: prints a table and asserts nothing.
fn main() {
    let plan = Arc::new(plan());
    for (name, trend, bad) in [
        ("steady", 0.0, 0.0),
        ("steady, bad runs", 0.0, 0.3),
        ("speeding up", 0.25, 0.0),
        ("speeding up, bad", 0.25, 0.3),
    ] {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut median, mut shares) = (Score::default(), Score::default());
        for _ in 0..TRIALS {
            let truth: Vec<f64> = (0..SLIDES).map(|_| 10.0 + 50.0 * rng.uniform()).collect();
            let rehearse = |r: usize, rng: &mut Rng| -> Vec<f64> {
                let pace = 1.0 + trend * (1.0 - r as f64 / RUNS as f64) + 0.05 * rng.normal();
                let bad_run = rng.uniform() < bad;
                let from = (rng.uniform() * (SLIDES - 5) as f64) as usize;
                (0..SLIDES)
                    .map(|i| {
                        let slow = if bad_run && (from..from + 5).contains(&i) {
                            1.8
                        } else {
                            1.0
                        };
                        truth[i] * pace * slow * (0.15 * rng.normal()).exp()
                    })
                    .collect()
            };
            let runs: Vec<Run> = (0..RUNS)
                .map(|r| run(r + 1, &plan, &rehearse(r, &mut rng)))
                .collect();
            let next = rehearse(RUNS, &mut rng);
            let next_total: f64 = next.iter().sum();
            let gathered = estimate::gather(&plan, &runs, RUNS);
            for (estimates, score) in [
                (estimate::median(&gathered), &mut median),
                (estimate::shares(&gathered, &plan), &mut shares),
            ] {
                let e: Vec<f64> = estimates
                    .iter()
                    .map(|d| d.map_or(0.0, |d| d.as_secs_f64()))
                    .collect();
                score.next += misplaced(&e, &next, next_total);
                score.truth += misplaced(&e, &truth, 600.0);
                score.total += (e.iter().sum::<f64>() - next_total).abs();
            }
        }
        let n = TRIALS as f64;
        println!(
            "{name:17} misplaced vs next run: median {:5.1} s, shares {:5.1} s | vs true \
             proportions (10 min): median {:5.1} s, shares {:5.1} s | total vs next run: \
             median {:5.1} s, shares {:5.1} s",
            median.next / n,
            shares.next / n,
            median.truth / n,
            shares.truth / n,
            median.total / n,
            shares.total / n,
        );
        assert!(shares.truth <= median.truth, "{name}");
    }
}
