//! DESIGN.md's allocation: explicit budgets kept, the rest shared by weight, largest remainder.

use std::time::Duration;

use super::{Plan, PlannedSection, PlannedSlide, word_count};
use crate::pace::MIN_SLIDE;
use crate::talk::{Diagnostic, Problem, Talk};

/// Turns a validated talk into its plan, with warnings; errors when budgets do not fit.
pub fn allocate(talk: &Talk) -> Result<(Plan, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let shown = super::skip::shown(talk, &mut diagnostics)?;
    let talk: &Talk = &shown;
    let weights = weights(talk);
    // Hard budgets are kept as written; budgets that give way (`tuned`) are shared out with
    // the slides without one, as their weights.
    let mut budgets: Vec<Vec<Option<u64>>> = talk
        .sections
        .iter()
        .map(|s| s.slides.iter().map(|sl| sl.hard_budget().map(ms)).collect())
        .collect();
    let give_way: Vec<Vec<Option<u64>>> = talk
        .sections
        .iter()
        .map(|s| {
            s.slides
                .iter()
                .map(|sl| sl.budget.filter(|_| sl.gives_way()).map(ms))
                .collect()
        })
        .collect();
    let pool = Pool {
        weights: &weights,
        give_way: &give_way,
    };

    // Sections with a budget share it among their slides without one.
    for (s, section) in talk.sections.iter().enumerate() {
        let Some(section_budget) = section.budget.map(ms) else {
            continue;
        };
        let span = section.budget_span.clone().unwrap_or(section.span.clone());
        let explicit: u64 = budgets[s].iter().flatten().sum();
        if explicit > section_budget {
            diagnostics.push(Diagnostic::error(
                Problem::SlidesOverSection {
                    section: section.title.clone(),
                    slides: Duration::from_millis(explicit),
                    budget: Duration::from_millis(section_budget),
                },
                span,
            ));
            continue;
        }
        let place = format!("section \"{}\"", section.title);
        let free: Vec<(usize, usize)> = (0..section.slides.len())
            .filter(|&i| budgets[s][i].is_none())
            .map(|i| (s, i))
            .collect();
        share_out(
            section_budget - explicit,
            &free,
            &pool,
            &mut budgets,
            &place,
            span,
            &mut diagnostics,
        );
    }

    // The talk shares what is left among the free slides of sections without a budget.
    let asked: u64 = talk
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| {
            section
                .budget
                .map_or_else(|| budgets[s].iter().flatten().sum(), ms)
        })
        .sum();
    let total = ms(talk.budget);
    if asked > total {
        diagnostics.push(Diagnostic::error(
            Problem::OverTalk {
                asked: Duration::from_millis(asked),
                budget: talk.budget,
            },
            talk.budget_span.clone(),
        ));
    } else {
        let free: Vec<(usize, usize)> = talk
            .sections
            .iter()
            .enumerate()
            .filter(|(_, section)| section.budget.is_none())
            .flat_map(|(s, section)| (0..section.slides.len()).map(move |i| (s, i)))
            .filter(|&(s, i)| budgets[s][i].is_none())
            .collect();
        share_out(
            total - asked,
            &free,
            &pool,
            &mut budgets,
            "the talk",
            talk.budget_span.clone(),
            &mut diagnostics,
        );
    }

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let plan = build(talk, &budgets);
    lint(talk, &plan, &mut diagnostics);
    Ok((plan, diagnostics))
}

/// What the slides without a hard budget are shared out by: their weights, and the budgets
/// that give way.
struct Pool<'a> {
    weights: &'a [Vec<u128>],
    give_way: &'a [Vec<Option<u64>>],
}

/// Shares `amount` among the `free` slides by weight (or, where some give way, by their
/// tuned budgets: [`super::give_way::share`]); an error when it cannot give each slide at least
/// a millisecond, a warning when there is time but no slide to take it.
fn share_out(
    amount: u64,
    free: &[(usize, usize)],
    pool: &Pool<'_>,
    budgets: &mut [Vec<Option<u64>>],
    place: &str,
    span: crate::talk::Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if free.is_empty() {
        if amount > 0 {
            diagnostics.push(Diagnostic::warning(
                Problem::Unassigned(Duration::from_millis(amount), place.to_owned()),
                span,
            ));
        }
        return;
    }
    if amount < free.len() as u64 {
        diagnostics.push(Diagnostic::error(
            Problem::NoTimeLeft {
                place: place.to_owned(),
                remaining: Duration::from_millis(amount),
                slides: free.len(),
            },
            span,
        ));
        return;
    }
    let tuned: Vec<Option<u64>> = free.iter().map(|&(s, i)| pool.give_way[s][i]).collect();
    let shares = if tuned.iter().any(Option::is_some) {
        super::give_way::share(amount, &tuned)
    } else {
        let w: Vec<u128> = free.iter().map(|&(s, i)| pool.weights[s][i]).collect();
        largest_remainder(amount, &w)
    };
    for (&(s, i), share) in free.iter().zip(shares) {
        budgets[s][i] = Some(share);
    }
}

/// Splits `amount` in proportion to `weights` by the shared largest-remainder rule
/// ([`crate::share::largest_remainder`]); a part that would get nothing then takes one unit
/// from the largest part, so every slide gets at least a millisecond.
pub fn largest_remainder(amount: u64, weights: &[u128]) -> Vec<u64> {
    assert!(
        amount >= weights.len() as u64,
        "largest_remainder needs a unit per part"
    );
    let mut parts = crate::share::largest_remainder(amount, weights);
    crate::share::at_least_one_each(&mut parts);
    parts
}

/// A slide's weight: 1, or with `wpm` its words (a slide without notes weighs the mean of
/// the slides with notes). Scaled to integers so the split stays exact.
fn weights(talk: &Talk) -> Vec<Vec<u128>> {
    let words: Vec<Vec<u128>> = talk
        .sections
        .iter()
        .map(|s| {
            s.slides
                .iter()
                .map(|sl| word_count(&sl.notes) as u128)
                .collect()
        })
        .collect();
    let noted = words.iter().flatten().filter(|&&w| w > 0).count() as u128;
    if talk.wpm.is_none() || noted == 0 {
        return words.iter().map(|s| vec![1; s.len()]).collect();
    }
    let total: u128 = words.iter().flatten().sum();
    words
        .iter()
        .map(|s| {
            s.iter()
                .map(|&w| if w > 0 { w * noted } else { total })
                .collect()
        })
        .collect()
}

fn build(talk: &Talk, budgets: &[Vec<Option<u64>>]) -> Plan {
    let mut sections = Vec::with_capacity(talk.sections.len());
    let mut slides = Vec::with_capacity(budgets.iter().map(Vec::len).sum());
    let mut section_start = Duration::ZERO;
    for (s, section) in talk.sections.iter().enumerate() {
        let first = slides.len();
        let mut start = section_start;
        for (slide, budget) in section.slides.iter().zip(&budgets[s]) {
            let budget = Duration::from_millis(budget.unwrap_or(0));
            slides.push(PlannedSlide {
                id: slide.id.clone(),
                title: slide.title.clone(),
                section: s,
                budget,
                start,
                optional: slide.optional,
                lock: slide.lock,
                notes: slide.notes.clone(),
                explicit: slide.budget.is_some(),
            });
            start += budget;
        }
        let budget = section
            .budget
            .unwrap_or(start.saturating_sub(section_start));
        sections.push(PlannedSection {
            title: section.title.clone(),
            budget,
            start: section_start,
            slides: first..slides.len(),
            explicit: section.budget.is_some(),
        });
        section_start += budget;
    }
    let slides_total: Duration = slides.iter().map(|s| s.budget).sum();
    Plan {
        title: talk.title.clone(),
        budget: talk.budget,
        warn: talk.warn,
        grace: talk.grace,
        wpm: talk.wpm,
        sections,
        slides,
        unassigned: talk.budget.saturating_sub(slides_total),
    }
}

/// Warnings about plans that cannot be spoken: slides too short, notes too long to say.
fn lint(talk: &Talk, plan: &Plan, diagnostics: &mut Vec<Diagnostic>) {
    let talk_slides = talk.sections.iter().flat_map(|s| &s.slides);
    for (slide, planned) in talk_slides.zip(&plan.slides) {
        let span = slide.budget_span.clone().unwrap_or(slide.span.clone());
        if planned.budget < MIN_SLIDE {
            diagnostics.push(Diagnostic::warning(
                Problem::SlideTooShort(planned.budget),
                span,
            ));
            continue;
        }
        let words = word_count(&planned.notes) as f64;
        let needed = words / (planned.budget.as_secs_f64() / 60.0);
        if needed > crate::talk::MAX_WPM {
            diagnostics.push(Diagnostic::warning(
                Problem::NotesTooFast {
                    needed,
                    budget: planned.budget,
                },
                span,
            ));
        }
    }
}

fn ms(d: Duration) -> u64 {
    crate::timefmt::ms(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::talk::{Severity, Source};
    use proptest::prelude::*;

    fn plan(text: &str) -> (Plan, Vec<Diagnostic>) {
        let source = Source::new("t.toml", text);
        let (talk, _) = crate::talk::parse(&source).unwrap();
        allocate(&talk).unwrap()
    }

    /// The allocation errors of a talk that validates, with the line each names.
    fn errors(text: &str) -> Vec<(Problem, usize)> {
        let source = Source::new("t.toml", text);
        let (talk, _) = crate::talk::parse(&source).unwrap();
        allocate(&talk)
            .unwrap_err()
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| (d.problem, source.line_col(d.span.start).0))
            .collect()
    }

    fn budgets_ms(plan: &Plan) -> Vec<u64> {
        plan.slides.iter().map(|s| ms(s.budget)).collect()
    }

    #[test]
    fn largest_remainder_is_exact_and_fair() {
        assert_eq!(largest_remainder(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(largest_remainder(60_000, &[1, 1, 1]), vec![20_000; 3]);
        assert_eq!(largest_remainder(3, &[1, 1000, 1]), vec![1, 1, 1]);
        assert_eq!(largest_remainder(10, &[1, 1000, 1]), vec![1, 8, 1]);
        assert_eq!(largest_remainder(7, &[0, 0]), vec![4, 3]);
        assert_eq!(largest_remainder(100, &[1, 3]), vec![25, 75]);
        let parts = largest_remainder(1_200_000, &[7, 11, 13, 1, 1, 2]);
        assert_eq!(parts.iter().sum::<u64>(), 1_200_000);
    }

    proptest! {
        #[test]
        fn largest_remainder_sums_exactly_and_gives_every_part_something(
            weights in prop::collection::vec(0u128..10_000, 1..200),
            extra in 0u64..10_000_000,
        ) {
            let amount = weights.len() as u64 + extra;
            let parts = largest_remainder(amount, &weights);
            prop_assert_eq!(parts.len(), weights.len());
            prop_assert_eq!(parts.iter().sum::<u64>(), amount);
            prop_assert!(parts.iter().all(|&p| p > 0));
        }
    }

    #[test]
    fn explicit_budgets_are_kept_and_the_rest_shared_evenly() {
        let (plan, warnings) = plan(
            r#"title = "T"
budget = "10m"
[[section]]
title = "A"
budget = "1m"
slides = ["a", { title = "b", budget = "20s" }, "c"]
[[section]]
title = "B"
slides = ["d", { title = "e", budget = "1m" }, "f", "g"]
"#,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        // A: 60 s - 20 s = 40 s for two slides. Talk: 600 - 60 - 60 = 480 s for three slides.
        assert_eq!(
            budgets_ms(&plan),
            [20_000, 20_000, 20_000, 160_000, 60_000, 160_000, 160_000]
        );
        assert_eq!(plan.sections[1].budget, Duration::from_secs(540));
        assert_eq!(plan.sections[1].start, Duration::from_secs(60));
        assert_eq!(plan.slides[6].start, Duration::from_secs(440));
        assert_eq!(plan.slide_end(6), plan.budget);
        assert!(plan.slides[1].explicit && !plan.slides[0].explicit);
        assert!(plan.sections[0].explicit && !plan.sections[1].explicit);
    }

    #[test]
    fn rounding_is_exact_to_the_millisecond() {
        let (plan, _) = plan(
            "title = \"T\"\nbudget = \"1s\"\n[[section]]\ntitle = \"A\"\nslides = [\"a\", \"b\", \"c\"]\n",
        );
        assert_eq!(budgets_ms(&plan), [334, 333, 333]);
        assert_eq!(plan.unassigned, Duration::ZERO);
    }

    #[test]
    fn with_wpm_slides_weigh_their_notes_and_bare_slides_the_mean() {
        // Notes of 10 and 30 words: mean 20, so the bare slide weighs 20. 60 s shared 10:30:20.
        let ten = ["w"; 10].join(" ");
        let thirty = ["w"; 30].join(" ");
        let (plan, _) = plan(&format!(
            r#"title = "T"
budget = "1m"
wpm = 130
[[section]]
title = "A"
slides = [{{ title = "a", notes = "{ten}" }}, {{ title = "b", notes = "{thirty}" }}, "c"]
"#
        ));
        assert_eq!(budgets_ms(&plan), [10_000, 30_000, 20_000]);
    }

    #[test]
    fn without_wpm_notes_do_not_weigh() {
        let (plan, _) = plan(
            r#"title = "T"
budget = "1m"
[[section]]
title = "A"
slides = [{ title = "a", notes = "one two three four five six" }, "b"]
"#,
        );
        assert_eq!(budgets_ms(&plan), [30_000, 30_000]);
    }

    #[test]
    fn over_committed_containers_name_both_budgets() {
        let found = errors(
            r#"title = "T"
budget = "10m"
[[section]]
title = "A"
budget = "1m"
slides = [{ title = "a", budget = "50s" }, { title = "b", budget = "20s" }]
"#,
        );
        assert!(
            matches!(&found[..], [(Problem::SlidesOverSection { slides, budget, .. }, 5)]
                if *slides == Duration::from_secs(70) && *budget == Duration::from_secs(60)),
            "{found:?}"
        );
        assert_eq!(
            found[0].0.to_string(),
            "the slides of section \"A\" ask for 1:10, more than its budget of 1:00"
        );

        let found = errors(
            r#"title = "T"
budget = "2m"
[[section]]
title = "A"
budget = "1m 30s"
slides = ["a"]
[[section]]
title = "B"
slides = [{ title = "b", budget = "45s" }]
"#,
        );
        assert!(
            matches!(&found[..], [(Problem::OverTalk { asked, budget }, 2)]
                if *asked == Duration::from_secs(135) && *budget == Duration::from_secs(120)),
            "{found:?}"
        );
    }

    #[test]
    fn no_time_left_for_the_other_slides_is_an_error() {
        let found = errors(
            r#"title = "T"
budget = "10m"
[[section]]
title = "A"
budget = "1m"
slides = [{ title = "a", budget = "1m" }, "b"]
"#,
        );
        assert!(
            matches!(&found[..], [(Problem::NoTimeLeft { slides: 1, .. }, 5)]),
            "{found:?}"
        );
        let found = errors(
            r#"title = "T"
budget = "1m"
[[section]]
title = "A"
budget = "1m"
slides = ["a"]
[[section]]
title = "B"
slides = ["b", "c"]
"#,
        );
        assert!(
            matches!(&found[..], [(Problem::NoTimeLeft { slides: 2, .. }, 2)]),
            "{found:?}"
        );
    }

    #[test]
    fn unassigned_time_is_a_warning() {
        let (plan, warnings) = plan(
            r#"title = "T"
budget = "10m"
[[section]]
title = "A"
budget = "2m"
slides = [{ title = "a", budget = "1m" }]
[[section]]
title = "B"
budget = "3m"
slides = ["b"]
"#,
        );
        let kinds: Vec<_> = warnings.iter().map(|w| (w.severity, &w.problem)).collect();
        assert!(
            matches!(&kinds[..], [
                (Severity::Warning, Problem::Unassigned(a, _)),
                (Severity::Warning, Problem::Unassigned(b, _)),
            ] if *a == Duration::from_secs(60) && *b == Duration::from_secs(300)),
            "{kinds:?}"
        );
        assert_eq!(plan.unassigned, Duration::from_secs(360));
        // The section keeps its budget: the next one starts where it was planned to.
        assert_eq!(plan.sections[1].start, Duration::from_secs(120));
    }

    #[test]
    fn unspeakable_slides_are_warnings() {
        let words = ["word"; 100].join(" ");
        let (_, warnings) = plan(&format!(
            r#"title = "T"
budget = "10m"
[[section]]
title = "A"
slides = [{{ title = "a", budget = "1500ms" }}, {{ title = "b", budget = "30s", notes = "{words}" }}, "c"]
"#
        ));
        let problems: Vec<&Problem> = warnings.iter().map(|w| &w.problem).collect();
        assert!(
            matches!(&problems[..], [Problem::SlideTooShort(d), Problem::NotesTooFast { needed, .. }]
                if *d == Duration::from_millis(1500) && (*needed - 200.0).abs() < 1e-9),
            "{problems:?}"
        );
    }

    #[test]
    fn tuned_budgets_give_way_to_a_new_slide_and_hard_ones_do_not() {
        // As tune wrote it: 10 + 20 + 30 = 60 s, exactly the talk.
        let tuned = r#"title = "T"
budget = "1m 30s"
[[section]]
title = "A"
slides = [
  { title = "a", budget = "10s", tuned = true },
  { title = "b", budget = "20s", tuned = true },
  { title = "c", budget = "30s", tuned = true },
  { title = "hard", budget = "15s" },
  { title = "locked", budget = "15s", tuned = true, lock = true },
]
"#;
        let (plan_before, warnings) = plan(tuned);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            budgets_ms(&plan_before),
            [10_000, 20_000, 30_000, 15_000, 15_000]
        );
        // One plain slide added: it weighs the mean tuned budget (20 s); the 60 s left by the
        // hard and locked slides go 10:20:30:20.
        let added = tuned.replace("  { title = \"hard\"", "  \"new\",\n  { title = \"hard\"");
        let (plan, warnings) = plan(&added);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            budgets_ms(&plan),
            [7_500, 15_000, 22_500, 15_000, 15_000, 15_000]
        );
        assert_eq!(plan.slides_total(), plan.budget);
        assert_eq!(plan.slides[3].title, "new");
    }

    #[test]
    fn without_tuned_the_same_budgets_leave_no_time_for_a_new_slide() {
        let found = errors(
            r#"title = "T"
budget = "1m"
[[section]]
title = "A"
slides = [{ title = "a", budget = "30s" }, { title = "b", budget = "30s" }, "new"]
"#,
        );
        assert!(
            matches!(&found[..], [(Problem::NoTimeLeft { slides: 1, .. }, 2)]),
            "{found:?}"
        );
    }

    #[test]
    fn tuned_budgets_follow_a_new_talk_budget_and_stay_within_a_section() {
        let (plan, _) = plan(
            r#"title = "T"
budget = "2m"
[[section]]
title = "A"
budget = "30s"
slides = [{ title = "a", budget = "10s", tuned = true }, { title = "b", budget = "20s", tuned = true }, "new"]
[[section]]
title = "B"
slides = [{ title = "c", budget = "30s", tuned = true }, { title = "d", budget = "30s", tuned = true }]
"#,
        );
        // Section A: 30 s shared 10:20:15. The talk's other 90 s go to B's tuned 30:30.
        assert_eq!(budgets_ms(&plan), [6_667, 13_333, 10_000, 45_000, 45_000]);
        assert_eq!(plan.unassigned, Duration::ZERO);
    }

    #[test]
    fn skipped_slides_and_emptied_sections_are_left_out() {
        let source = Source::new(
            "t.toml",
            r#"title = "T"
budget = "1m"
[[section]]
title = "A"
budget = "30s"
slides = [{ title = "gone", skip = true }]
[[section]]
title = "B"
slides = ["b", { title = "c", skip = true }, "d"]
"#,
        );
        let (talk, _) = crate::talk::parse(&source).unwrap();
        assert_eq!(talk.sections[1].slides.len(), 3, "the talk keeps them");
        let (plan, warnings) = allocate(&talk).unwrap();
        assert_eq!(plan.sections.len(), 1);
        assert_eq!(plan.sections[0].title, "B");
        let ids: Vec<&str> = plan.slides.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b/b", "b/d"]);
        assert_eq!(budgets_ms(&plan), [30_000, 30_000]);
        assert!(
            matches!(&warnings[..], [w] if w.problem == Problem::SectionAllSkipped("A".into())
                && source.line_col(w.span.start).0 == 3),
            "{warnings:?}"
        );

        let all = Source::new(
            "t.toml",
            "title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"A\"\nslides = [{ title = \"a\", skip = true }]\n",
        );
        let (talk, _) = crate::talk::parse(&all).unwrap();
        let errors = allocate(&talk).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|d| d.is_error() && d.problem == Problem::AllSkipped),
            "{errors:?}"
        );
    }

    proptest! {
        /// Any mix of hard, tuned and plain slides plans to exactly the talk's budget, every
        /// budgeted section to exactly its budget, and tuned budgets that add up are kept.
        #[test]
        fn plans_with_tuned_budgets_sum_exactly(
            sections in prop::collection::vec(
                (any::<bool>(), prop::collection::vec((0u8..3, 2u64..60), 1..12)),
                1..5,
            ),
            extra in 0u64..600,
        ) {
            use std::fmt::Write as _;
            // kind 0: plain, 1: tuned, 2: hard. Sections' budgets are the sum of their tuned
            // and hard budgets plus something, so they always fit.
            let mut text = String::new();
            let mut total = 0;
            for (s, (budgeted, slides)) in sections.iter().enumerate() {
                let _ = write!(text, "[[section]]\ntitle = \"S{s}\"\n");
                let sum: u64 = slides.iter().filter(|(k, _)| *k > 0).map(|(_, b)| b).sum();
                let own = sum + 2 * slides.len() as u64 + extra / 4;
                if *budgeted {
                    let _ = writeln!(text, "budget = \"{own}s\"");
                }
                total += own;
                text.push_str("slides = [\n");
                for (i, (kind, secs)) in slides.iter().enumerate() {
                    let _ = match kind {
                        0 => writeln!(text, "  \"s{i}\","),
                        1 => writeln!(text, "  {{ title = \"s{i}\", budget = \"{secs}s\", tuned = true }},"),
                        _ => writeln!(text, "  {{ title = \"s{i}\", budget = \"{secs}s\" }},"),
                    };
                }
                text.push_str("]\n");
            }
            let budget = total + extra;
            let text = format!("title = \"T\"\nbudget = \"{budget}s\"\n{text}");
            let source = Source::new("t.toml", text.as_str());
            let (talk, _) = crate::talk::parse(&source).unwrap();
            let (plan, _) = allocate(&talk).unwrap();
            let slides_ms: u64 = plan.slides.iter().map(|s| ms(s.budget)).sum();
            prop_assert_eq!(slides_ms + ms(plan.unassigned), budget * 1000);
            for (s, section) in plan.sections.iter().enumerate() {
                let sum: u64 = plan.section_slides(s).iter().map(|x| ms(x.budget)).sum();
                let (budgeted, slides) = &sections[s];
                if *budgeted && slides.iter().any(|(k, _)| *k < 2) {
                    prop_assert_eq!(sum, ms(section.budget));
                }
                for (slide, (kind, secs)) in plan.section_slides(s).iter().zip(slides) {
                    if *kind == 2 {
                        prop_assert_eq!(ms(slide.budget), secs * 1000);
                    }
                    // The pools always have 2 s a slide here: the floor holds.
                    prop_assert!(slide.budget >= MIN_SLIDE, "{:?}", slide);
                }
            }
        }
    }
}
