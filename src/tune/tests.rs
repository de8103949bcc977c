//! The proposal: estimates chosen per slide, the verdict and the cut candidates.

use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::rehearsal::EndReason;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// One section of slides `a`, `b`, `c`… of 10 s each; budget 10 s per slide, grace 5 s.
fn plan(n: usize) -> Plan {
    let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
    crate::testing::one_section(&ids[..n])
}

/// A complete run spending `times[i]` seconds on slide i (`None`: jumped over).
fn run(number: usize, plan: &Plan, times: &[Option<u64>]) -> Run {
    let times: Vec<Option<Duration>> = times.iter().map(|t| t.map(secs)).collect();
    crate::testing::run_from_times(
        number,
        &Arc::new(plan.clone()),
        &times,
        Some(EndReason::Finished),
    )
}

#[test]
fn verdicts_use_the_grace() {
    let v = |expected| verdict(secs(expected), secs(100), secs(5));
    assert_eq!(v(106), Verdict::Over(secs(6)));
    assert_eq!(v(105), Verdict::OnTime(SignedDuration::from_secs(5)));
    assert_eq!(v(95), Verdict::OnTime(SignedDuration::from_secs(-5)));
    assert_eq!(v(94), Verdict::Early(secs(6)));
}

fn slide(estimate: u64, current: u64, optional: bool) -> SlideProposal {
    SlideProposal {
        id: String::new(),
        title: String::new(),
        section: 0,
        current: secs(current),
        estimate: secs(estimate),
        source: EstimateSource::Runs(1),
        suggested: secs(current),
        fitted: Fitted::Shared,
        optional,
        explicit: true,
        spread: None,
        before_change: 0,
    }
}

#[test]
fn cuts_list_optional_slides_then_overruns_until_the_overage_is_covered() {
    let slides = vec![
        slide(30, 20, false), // over by 10
        slide(12, 10, true),  // optional: saves 12
        slide(15, 10, false), // over by 5
        slide(5, 10, false),  // under
        slide(40, 10, true),  // optional: saves 40
        slide(11, 10, false), // over by 1
        slide(12, 10, false), // over by 2
    ];
    let listed = |over| -> Vec<(usize, u64)> {
        cuts(&slides, secs(over))
            .iter()
            .map(|c| (c.slide, c.saves.as_secs()))
            .collect()
    };
    // The optional slides, largest first, then at least three overruns.
    assert_eq!(listed(1), vec![(4, 40), (1, 12), (0, 10), (2, 5), (6, 2)]);
    // More overruns while the list saves less than the overage.
    assert_eq!(
        listed(70),
        vec![(4, 40), (1, 12), (0, 10), (2, 5), (6, 2), (5, 1)]
    );
}

#[test]
fn no_cuts_unless_over() {
    let p = plan(2);
    let runs = vec![run(1, &p, &[Some(10), Some(10)])];
    let proposal = propose(&p, &runs, &Options::default()).unwrap();
    assert_eq!(proposal.verdict, Verdict::OnTime(SignedDuration::ZERO));
    assert!(proposal.cuts.is_empty());
}

#[test]
fn slides_never_rehearsed_keep_their_budget_share() {
    let p = plan(3);
    // Slide c was jumped over: it keeps its 10 s as its estimate; a and b share the rest
    // 1:3 after c takes 10/50 of the 30 s.
    let runs = vec![run(1, &p, &[Some(10), Some(30), None])];
    let proposal = propose(&p, &runs, &Options::default()).unwrap();
    let got: Vec<(Duration, EstimateSource)> = proposal
        .slides
        .iter()
        .map(|s| (s.suggested, s.source))
        .collect();
    assert_eq!(
        got,
        vec![
            (secs(6), EstimateSource::Runs(1)),
            (secs(18), EstimateSource::Runs(1)),
            (secs(6), EstimateSource::Budget),
        ]
    );
    assert_eq!(proposal.expected, secs(50));
    assert_eq!(proposal.verdict, Verdict::Over(secs(20)));
}

#[test]
fn calibrated_history_reads_unrehearsed_slides_from_their_notes() {
    let mut p = plan(3);
    p.slides[0].notes = "w ".repeat(20);
    p.slides[2].notes = "w ".repeat(40);
    // 20 words in 10 s: 120 wpm, so slide c's 40 words take 20 s.
    let runs = vec![run(1, &p, &[Some(10), Some(20), None])];
    let options = Options {
        calibrate: true,
        ..Options::default()
    };
    let proposal = propose(&p, &runs, &options).unwrap();
    let rate = proposal.rate.unwrap();
    assert_eq!(rate.source, RateSource::Calibrated);
    assert!((rate.wpm - 120.0).abs() < 1e-9);
    assert_eq!(proposal.slides[2].source, EstimateSource::Notes);
    assert_eq!(proposal.slides[2].estimate, secs(20));
    assert_eq!(proposal.expected, secs(50));
}

#[test]
fn nothing_to_estimate_from_is_an_error() {
    let p = plan(2);
    assert_eq!(
        propose(&p, &[], &Options::default()),
        Err(Error::NoRuns { cut_short: 0 })
    );
    let notes = Options {
        evidence: Evidence::Notes,
        ..Options::default()
    };
    assert_eq!(propose(&p, &[], &notes), Err(Error::NoNotes));
    let mut renamed = p.clone();
    renamed.slides[0].id = "x".into();
    renamed.slides[1].id = "y".into();
    let old = vec![run(1, &p, &[Some(10), Some(10)])];
    assert_eq!(
        propose(&renamed, &old, &Options::default()),
        Err(Error::NoMatchingSlides { runs: 1 })
    );
    let runs = vec![run(1, &p, &[Some(10), Some(10)])];
    let calibrate = Options {
        calibrate: true,
        ..notes
    };
    assert_eq!(propose(&p, &runs, &calibrate), Err(Error::NoSpokenNotes));
}

#[test]
fn notes_use_the_talks_rate_or_the_default() {
    let mut p = plan(2);
    p.slides[0].notes = "w ".repeat(26);
    let notes = Options {
        evidence: Evidence::Notes,
        ..Options::default()
    };
    let proposal = propose(&p, &[], &notes).unwrap();
    assert_eq!(
        proposal.rate,
        Some(Rate {
            wpm: DEFAULT_WPM,
            source: RateSource::Default
        })
    );
    assert_eq!(proposal.slides[0].estimate, secs(12));
    p.wpm = Some(156.0);
    let proposal = propose(&p, &[], &notes).unwrap();
    assert_eq!(proposal.rate.unwrap().source, RateSource::Talk);
    assert_eq!(proposal.slides[0].estimate, secs(10));
}

#[test]
fn verify_refuses_a_plan_that_differs() {
    let p = plan(2);
    let runs = vec![run(1, &p, &[Some(5), Some(15)])];
    let proposal = propose(&p, &runs, &Options::default()).unwrap();
    assert_eq!(proposal.slides[0].suggested, secs(5));
    let mut planned = p.clone();
    planned.slides[0].budget = secs(5);
    planned.slides[1].budget = secs(15);
    assert_eq!(proposal.verify(&planned), Ok(()));
    planned.slides[1].budget = secs(14);
    let err = proposal.verify(&planned).unwrap_err();
    assert!(err.contains("slide \"B\""), "{err}");
}

/// Issue 12: complete runs of 21:02, 20:27 and 19:37 against 20:00. The per-slide weighted
/// medians of these runs sum to 19:17, under every run; the length must come from the runs.
#[test]
fn the_verdict_on_the_total_agrees_with_the_runs() {
    let plan = Plan {
        grace: secs(30),
        ..crate::testing::plan(vec![(
            "S",
            ["a", "b", "c", "d"]
                .iter()
                .map(|id| crate::plan::PlannedSlide {
                    budget: secs(300),
                    ..crate::testing::slide(id)
                })
                .collect(),
        )])
    };
    let runs = [
        [300, 320, 342, 300], // 21:02
        [280, 290, 357, 300], // 20:27
        [320, 300, 257, 300], // 19:37
    ];
    let runs: Vec<Run> = runs
        .iter()
        .enumerate()
        .map(|(k, t)| run(k + 1, &plan, &t.map(Some)))
        .collect();
    let rehearsed = estimate::gather(&plan, &runs, 5);
    let medians: Duration = estimate::median(&rehearsed).iter().flatten().sum();
    assert_eq!(medians, secs(19 * 60 + 17), "what the sum of medians said");
    for method in [Method::Median, Method::Shares] {
        let options = Options {
            method,
            ..Options::default()
        };
        let proposal = propose(&plan, &runs, &options).unwrap();
        // The runs' lengths weighted 1, 2, 3 (newest): the weighted median is the newest run.
        assert_eq!(proposal.expected, secs(19 * 60 + 37), "{method:?}");
        assert_eq!(
            proposal.slides.iter().map(|s| s.estimate).sum::<Duration>(),
            proposal.expected,
            "{method:?}: the estimates are scaled to the length"
        );
        assert_eq!(
            proposal.verdict,
            Verdict::OnTime(SignedDuration::from_secs(-23)),
            "{method:?}"
        );
        let (word, fact, _) = words::verdict(&proposal);
        assert_eq!(word, "On time");
        assert!(
            fact.contains("takes 19:37 (-0:23 against the talk's 20:00 budget"),
            "{fact}"
        );
        assert_eq!(
            proposal
                .slides
                .iter()
                .map(|s| s.suggested)
                .sum::<Duration>(),
            secs(20 * 60)
        );
    }
}

#[test]
fn a_run_that_skipped_a_slide_counts_at_its_own_pace() {
    let plan = plan(3);
    // Both runs at twice the plan; the second skipped b: read as if it had spoken b at its pace.
    let runs = vec![
        run(1, &plan, &[Some(20), Some(20), Some(20)]),
        run(2, &plan, &[Some(20), None, Some(20)]),
    ];
    let rehearsed = estimate::gather(&plan, &runs, 5);
    let estimates = estimate::median(&rehearsed);
    let (length, scaled) = estimate::scale_to_runs(&rehearsed, &estimates);
    assert_eq!(length, Some(secs(60)));
    assert_eq!(scaled, vec![Some(secs(20)); 3]);
    let none = estimate::scale_to_runs(&rehearsed, &[None, None, None]);
    assert_eq!(none, (None, vec![None; 3]));
}

#[test]
fn the_slides_that_vary_most_are_unsteady() {
    let plan = plan(6);
    let times = [
        [10, 11, 10, 30, 10, 10],
        [11, 10, 11, 12, 11, 10],
        [10, 11, 10, 28, 10, 11],
        [11, 10, 11, 10, 10, 10],
    ];
    let runs: Vec<Run> = times
        .iter()
        .enumerate()
        .map(|(k, t)| run(k + 1, &plan, &t.map(Some)))
        .collect();
    let proposal = propose(&plan, &runs, &Options::default()).unwrap();
    assert_eq!(proposal.unsteady, vec![3], "d: 10 to 30 s");
    let d = proposal.slides[3].spread.unwrap();
    // [10, 12, 28, 30]: quartiles 11.5 and 28.5; median 20.
    assert_eq!((d.iqr, d.median), (secs(17), secs(20)));
    let mut text = Vec::new();
    let outcome = Outcome {
        file: "t.toml",
        diff: "",
        written: None,
        unwritable: None,
    };
    text::render(&proposal, &outcome, false, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains(&format!(
            "{}\n   share  spread  median  slide\n     85%    0:17    0:20  D\n",
            words::UNSTEADY
        )),
        "{text}"
    );
    let mut md = Vec::new();
    markdown::render(&proposal, &outcome, &mut md).unwrap();
    assert!(
        String::from_utf8(md)
            .unwrap()
            .contains("| 85% | 0:17 | 0:20 | D |")
    );

    // Steady runs (every slide within a second): nothing to list.
    let steady: Vec<Run> = (0..4)
        .map(|k: u64| {
            run(
                k as usize + 1,
                &plan,
                &[10 + k % 2, 10, 11, 10, 10, 11].map(Some),
            )
        })
        .collect();
    assert_eq!(
        propose(&plan, &steady, &Options::default())
            .unwrap()
            .unsteady,
        Vec::<usize>::new()
    );
}

#[test]
fn a_slide_changed_since_every_run_keeps_its_budget_and_says_so() {
    let then = plan(3);
    let mut now = then.clone();
    now.slides[1].notes = "Rewritten from scratch.".into();
    let mut runs: Vec<Run> = (1..=2)
        .map(|n| run(n, &then, &[Some(12), Some(30), Some(8)]))
        .collect();
    let recorded: Arc<[Option<crate::history::Fingerprint>]> = crate::history::fingerprints(&then)
        .into_iter()
        .map(Some)
        .collect();
    for r in &mut runs {
        r.fingerprints = Arc::clone(&recorded);
    }
    let proposal = propose(&now, &runs, &Options::default()).unwrap();
    let b = &proposal.slides[1];
    assert_eq!(b.source, EstimateSource::Budget, "no run since the change");
    assert_eq!(b.before_change, 2);
    assert_eq!(proposal.slides[0].source, EstimateSource::Runs(2));
    assert_eq!(
        words::changed(&proposal),
        [(
            "B",
            "no run since you changed it: its current budget stands in".to_owned()
        )]
    );
    // The same runs without fingerprints (an old history): b's 30 s count as before.
    for r in &mut runs {
        r.fingerprints = Arc::from([]);
    }
    let proposal = propose(&now, &runs, &Options::default()).unwrap();
    assert_eq!(proposal.slides[1].source, EstimateSource::Runs(2));
    assert!(words::changed(&proposal).is_empty());
}

#[test]
fn unsteady_slides_show_the_share_they_are_sorted_by() {
    // A: 5 to 9 s, spread 0:04 on a median of 0:07 (57 %); B: 60 to 80 s, spread 0:20 on
    // 1:10 (29 %); the rest within a second. A is the more unsteady for its length, though
    // its spread is the smaller: the list shows the share it is sorted by.
    let plan = plan(6);
    let times = [
        [5, 60, 10, 10, 10, 10],
        [9, 80, 11, 11, 11, 11],
        [5, 60, 10, 10, 10, 10],
        [9, 80, 11, 11, 11, 11],
    ];
    let runs: Vec<Run> = times
        .iter()
        .enumerate()
        .map(|(k, t)| run(k + 1, &plan, &t.map(Some)))
        .collect();
    let proposal = propose(&plan, &runs, &Options::default()).unwrap();
    assert_eq!(proposal.unsteady, vec![0, 1]);
    let outcome = Outcome {
        file: "t.toml",
        diff: "",
        written: None,
        unwritable: None,
    };
    let mut text = Vec::new();
    text::render(&proposal, &outcome, false, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains(&format!(
            "{}\n   share  spread  median  slide\n     57%    0:04    0:07  A\n     29%    0:20    1:10  B\n",
            words::UNSTEADY
        )),
        "{text}"
    );
    let mut md = Vec::new();
    markdown::render(&proposal, &outcome, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("| Share | Spread | Median | Slide |"), "{md}");
    assert!(
        md.contains("| 57% | 0:04 | 0:07 | A |\n| 29% | 0:20 | 1:10 | B |"),
        "{md}"
    );
    let mut json = Vec::new();
    json::render(&proposal, &outcome, &mut json).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let share = doc["unsteady"][0]["spread_share"].as_f64().unwrap();
    assert!((share - 4.0 / 7.0).abs() < 1e-9, "{share}");
}

/// Two sections of two 10 s slides: A (a1, a2) and B (b1, b2).
fn two_sections() -> Plan {
    use crate::testing::slide;
    crate::testing::plan(vec![
        ("A", vec![slide("a1"), slide("a2")]),
        ("B", vec![slide("b1"), slide("b2")]),
    ])
}

/// A complete `--section B` run of `plan` spending `times` on B's slides.
fn section_run(number: usize, plan: &Plan, times: &[u64]) -> Run {
    let mut alone = plan.clone();
    alone.sections = vec![crate::plan::PlannedSection {
        slides: 0..2,
        start: Duration::ZERO,
        ..plan.sections[1].clone()
    }];
    alone.slides = plan.slides[2..].to_vec();
    for slide in &mut alone.slides {
        slide.section = 0;
    }
    alone.budget = plan.sections[1].budget;
    let mut run = run(
        number,
        &alone,
        &times.iter().map(|&t| Some(t)).collect::<Vec<_>>(),
    );
    run.scope = Some("B".into());
    run
}

#[test]
fn a_section_run_informs_its_slides_and_pushes_no_whole_run_out_for_the_others() {
    let plan = two_sections();
    let runs = vec![
        run(1, &plan, &[20, 20, 10, 10].map(Some)),
        run(2, &plan, &[20, 20, 10, 10].map(Some)),
        section_run(3, &plan, &[30, 30]),
    ];
    let options = Options {
        runs: 2,
        method: Method::Median,
        ..Options::default()
    };
    let proposal = propose(&plan, &runs, &options).unwrap();
    let sources: Vec<EstimateSource> = proposal.slides.iter().map(|s| s.source).collect();
    // A's slides: the last two runs that covered them, the whole runs 1 and 2; B's: runs 2
    // and 3.
    assert_eq!(sources, [EstimateSource::Runs(2); 4]);
    let numbers: Vec<usize> = proposal.runs.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    // The talk's length is the whole runs' (1:00 each), not the section run's extrapolated.
    assert_eq!(proposal.expected, secs(60));
    // A at 20 s, B at the section run's 30 s (the newer of B's two runs), scaled to 1:00.
    let estimates: Vec<Duration> = proposal.slides.iter().map(|s| s.estimate).collect();
    assert_eq!(estimates, [secs(12), secs(12), secs(18), secs(18)]);
}

#[test]
fn a_history_of_section_runs_alone_tunes_their_slides_and_says_so() {
    let plan = two_sections();
    let runs = vec![
        section_run(1, &plan, &[20, 20]),
        section_run(2, &plan, &[30, 30]),
    ];
    let proposal = propose(&plan, &runs, &Options::default()).unwrap();
    let sources: Vec<EstimateSource> = proposal.slides.iter().map(|s| s.source).collect();
    assert_eq!(
        sources,
        [
            EstimateSource::Budget,
            EstimateSource::Budget,
            EstimateSource::Runs(2),
            EstimateSource::Runs(2)
        ]
    );
    // No whole run: the section runs are the length's, ranked alike.
    let weights: Vec<f64> = proposal.runs.iter().map(|r| r.weight).collect();
    assert_eq!(weights, [1.0, 2.0]);
    assert_eq!(
        words::basis_lines(&proposal)[0],
        "Estimates: each slide's share of its run over 2 partial runs for the slides they \
         covered (#1 0:40 section B, #2 1:00 section B), at your runs' length."
    );
}
