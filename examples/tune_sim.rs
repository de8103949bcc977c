//! Which estimate predicts the next rehearsal best? A simulation of synthetic speakers.
//!
//! `cargo run --release --example tune_sim` prints one row per method: the median, over 400
//! speakers, of the median over a talk's 80 slides of |plan share - next run share| / next run
//! share. The model (issue 12): each slide's true time is log-normal around 14 s (sigma 0.5 in
//! log space); a speaker has 3 to 6 past runs, run r (from 0) at `1 + 0.3 * exp(-r / 2)` of the
//! true times (speakers speed up), each slide with log-normal noise (sigma 0.25); in one past
//! run ten consecutive slides take 1.8x. The next run follows the same law, without the bad
//! stretch. Seeded: every run of the example prints the same table.
//!
//! pacer's own methods go through `tune::propose` as the program runs them, so their plans are
//! the plans `tune --write` would write: whole seconds, summing exactly to the 20-minute
//! budget, the 2 s floor kept. The reference methods' estimates are fitted the same way
//! (`tune::fit`). Only a reading of the figures, never a test: nothing here can fail.

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use pacer::history::Run;
use pacer::plan::{Plan, PlannedSlide};
use pacer::rehearsal::EndReason;
use pacer::testing;
use pacer::tune::{self, Options, fit};

const SPEAKERS: usize = 400;
const SLIDES: usize = 80;
const BUDGET: Duration = Duration::from_secs(20 * 60);

/// xorshift64*: deterministic and enough for a simulation; no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize
    }

    /// A standard normal variate (Box-Muller).
    fn normal(&mut self) -> f64 {
        let (a, b) = (self.uniform().max(1e-300), self.uniform());
        (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
    }
}

/// One synthetic speaker: true times, past runs (oldest first) and the next run, in seconds.
struct Speaker {
    truth: Vec<f64>,
    past: Vec<Vec<f64>>,
    next: Vec<f64>,
    /// The past run with the bad stretch, and its slides.
    bad_run: usize,
    bad: Range<usize>,
}

fn speaker(rng: &mut Rng) -> Speaker {
    let truth: Vec<f64> = (0..SLIDES)
        .map(|_| 14.0 * (0.5 * rng.normal()).exp())
        .collect();
    let count = 3 + rng.below(4);
    let bad_run = rng.below(count);
    let bad_from = rng.below(SLIDES - 10 + 1);
    let mut rehearse = |r: usize, bad: bool| -> Vec<f64> {
        let pace = pace(r);
        (0..SLIDES)
            .map(|i| {
                let slow = if bad && (bad_from..bad_from + 10).contains(&i) {
                    1.8
                } else {
                    1.0
                };
                truth[i] * pace * slow * (0.25 * rng.normal()).exp()
            })
            .collect()
    };
    let past = (0..count).map(|r| rehearse(r, r == bad_run)).collect();
    let next = rehearse(count, false);
    Speaker {
        truth,
        past,
        next,
        bad_run,
        bad: bad_from..bad_from + 10,
    }
}

/// The talk: one section of 80 slides sharing 20 minutes (15 s each before tuning).
fn plan() -> Plan {
    let slides: Vec<PlannedSlide> = (0..SLIDES)
        .map(|i| PlannedSlide {
            title: format!("Slide {}", i + 1),
            budget: BUDGET / SLIDES as u32,
            ..testing::slide(&format!("s{i}"))
        })
        .collect();
    Plan {
        title: "Simulated talk".into(),
        grace: Duration::from_secs(30),
        ..testing::plan(vec![("Talk", slides)])
    }
}

fn runs(plan: &Arc<Plan>, past: &[Vec<f64>]) -> Vec<Run> {
    past.iter()
        .enumerate()
        .map(|(r, times)| {
            let times: Vec<Option<Duration>> = times
                .iter()
                .map(|&s| Some(Duration::from_secs_f64(s)))
                .collect();
            testing::run_from_times(r + 1, plan, &times, Some(EndReason::Finished))
        })
        .collect()
}

/// A method's plan, and the length it predicts for the next run (pacer's methods only).
struct Planned {
    slides: Vec<Duration>,
    total: Option<f64>,
}

/// A way to plan: from the speaker (for the reference methods) or from the recorded runs.
type Method<'a> = dyn Fn(&Speaker, &[Run]) -> Planned + 'a;

/// Estimates fitted to the budget as `tune` fits them.
fn fitted(plan: &Plan, estimates: &[f64]) -> Planned {
    let total: f64 = estimates.iter().sum();
    let estimates: Vec<Duration> = estimates
        .iter()
        .map(|&s| BUDGET.mul_f64(s / total))
        .collect();
    Planned {
        slides: fit::fit(plan, &estimates, &[false])
            .expect("80 slides fit in 20 minutes")
            .slides,
        total: None,
    }
}

/// The median over slides of |plan share - next share| / next share.
fn score(plan: &[Duration], next: &[f64]) -> f64 {
    let total: f64 = plan.iter().map(Duration::as_secs_f64).sum();
    let next_total: f64 = next.iter().sum();
    let mut errors: Vec<f64> = plan
        .iter()
        .zip(next)
        .map(|(p, n)| {
            let (p, n) = (p.as_secs_f64() / total, n / next_total);
            (p - n).abs() / n
        })
        .collect();
    median(&mut errors)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        f64::midpoint(values[n / 2 - 1], values[n / 2])
    }
}

/// The weighted median of each slide's time over the last five runs, a run of age a (0 the
/// newest) weighing 0.75^a: how speed-running timers weigh past attempts.
fn last_five_aged(past: &[Vec<f64>]) -> Vec<f64> {
    let used = &past[past.len().saturating_sub(5)..];
    (0..SLIDES)
        .map(|i| {
            let mut weighted: Vec<(f64, f64)> = used
                .iter()
                .rev()
                .enumerate()
                .map(|(age, run)| (run[i], 0.75f64.powi(age as i32)))
                .collect();
            weighted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            let half = weighted.iter().map(|w| w.1).sum::<f64>() / 2.0;
            let mut seen = 0.0;
            weighted
                .iter()
                .find(|w| {
                    seen += w.1;
                    seen >= half
                })
                .map_or(0.0, |w| w.0)
        })
        .collect()
}

/// The bound for estimates from these runs: each run as shares of its own length, the bad
/// stretch left out (known here, never in real runs), a geometric mean per slide over every run.
fn oracle(speaker: &Speaker) -> Vec<f64> {
    clean_means(speaker, |_, run, i| run[i] / run.iter().sum::<f64>())
}

/// The bound for any estimate from these runs alone: every run's speed-up and the bad stretch
/// known (never in real runs), a geometric mean per slide of its times with the speed-up taken
/// out. Only the runs' own noise is left, averaged over 3 to 6 runs.
fn everything_known(speaker: &Speaker) -> Vec<f64> {
    clean_means(speaker, |r, run, i| run[i] / pace(r))
}

/// Per slide, the geometric mean over the past runs of `value(run number, run, slide)`, the
/// bad stretch left out.
fn clean_means(speaker: &Speaker, value: impl Fn(usize, &[f64], usize) -> f64) -> Vec<f64> {
    (0..SLIDES)
        .map(|i| {
            let logs: Vec<f64> = speaker
                .past
                .iter()
                .enumerate()
                .filter(|&(r, _)| r != speaker.bad_run || !speaker.bad.contains(&i))
                .map(|(r, run)| value(r, run, i).ln())
                .collect();
            (logs.iter().sum::<f64>() / logs.len() as f64).exp()
        })
        .collect()
}

/// The speed-up of run `r` (0 the first): `1 + 0.3 * exp(-r / 2)`.
fn pace(r: usize) -> f64 {
    1.0 + 0.3 * (-(r as f64) / 2.0).exp()
}

/// A plan by pacer's own `tune`, as the program makes it.
fn pacer(plan: &Plan, runs: &[Run], method: tune::Method) -> Planned {
    let options = Options {
        method,
        ..Options::default()
    };
    let proposal = tune::propose(plan, runs, &options).expect("complete runs to tune from");
    assert_eq!(
        proposal
            .slides
            .iter()
            .map(|s| s.suggested)
            .sum::<Duration>(),
        BUDGET,
        "a plan sums exactly to the budget"
    );
    Planned {
        slides: proposal.slides.iter().map(|s| s.suggested).collect(),
        total: Some(proposal.expected.as_secs_f64()),
    }
}

fn main() {
    let plan = Arc::new(plan());
    let mut rng = Rng(0x005E_ED0F_9ACE_2026);
    let methods: [(&str, &Method); 9] = [
        ("equal split", &|_, _| fitted(&plan, &[1.0; SLIDES])),
        ("last run as plan", &|s, _| {
            fitted(&plan, s.past.last().expect("a past run"))
        }),
        ("true means (the limit)", &|s, _| fitted(&plan, &s.truth)),
        (
            "speed-ups and bad stretch known (the bound for these runs)",
            &|s, _| fitted(&plan, &everything_known(s)),
        ),
        ("bad stretch known, shares of every run", &|s, _| {
            fitted(&plan, &oracle(s))
        }),
        ("last five, 0.75 per run of age", &|s, _| {
            fitted(&plan, &last_five_aged(&s.past))
        }),
        ("`tune --method median`", &|_, r| {
            pacer(&plan, r, tune::Method::Median)
        }),
        ("`tune --method shares`", &|_, r| {
            pacer(&plan, r, tune::Method::Shares)
        }),
        ("`tune` (the default)", &|_, r| {
            pacer(&plan, r, Options::default().method)
        }),
    ];
    let mut scores = vec![Vec::with_capacity(SPEAKERS); methods.len()];
    let mut totals = vec![Vec::with_capacity(SPEAKERS); methods.len()];
    for _ in 0..SPEAKERS {
        let speaker = speaker(&mut rng);
        let runs = runs(&plan, &speaker.past);
        let next: f64 = speaker.next.iter().sum();
        for (k, (_, method)) in methods.iter().enumerate() {
            let planned = method(&speaker, &runs);
            scores[k].push(score(&planned.slides, &speaker.next));
            if let Some(total) = planned.total {
                totals[k].push((total - next).abs() / next);
            }
        }
    }
    println!(
        "{SPEAKERS} speakers x {SLIDES} slides, plans fitted to {} min: median over speakers of \
         the median relative error of each slide's share of the next run",
        BUDGET.as_secs() / 60
    );
    println!();
    println!("| method | slide shares: median error | length of the next run: median error |");
    println!("| --- | ---: | ---: |");
    for (k, (name, _)) in methods.iter().enumerate() {
        let total = if totals[k].is_empty() {
            "–".to_owned()
        } else {
            format!("{:.1} %", 100.0 * median(&mut totals[k]))
        };
        println!(
            "| {name} | {:.1} % | {total} |",
            100.0 * median(&mut scores[k])
        );
    }
}
