//! Property tests: any valid generated outline plans to exactly its budget, to the millisecond,
//! with every slide given time, explicit budgets kept and checkpoints contiguous.

use std::fmt::Write as _;
use std::time::Duration;

use pacer::talk::Source;
use proptest::prelude::*;

/// A generated outline, as the numbers it is made of.
#[derive(Debug, Clone)]
struct Outline {
    budget_ms: u64,
    wpm: Option<u32>,
    sections: Vec<SectionSpec>,
}

#[derive(Debug, Clone)]
struct SectionSpec {
    /// Relative size of the section's share of the talk.
    weight: u64,
    budgeted: bool,
    slides: Vec<SlideSpec>,
}

#[derive(Debug, Clone)]
struct SlideSpec {
    /// Explicit budget as a fraction (per mille) of the most the section can give it.
    explicit: Option<u64>,
    words: usize,
    optional: bool,
}

fn outline() -> impl Strategy<Value = Outline> {
    let slide = (
        prop::option::weighted(0.3, 1u64..=1000),
        prop_oneof![Just(0usize), 1usize..60],
        any::<bool>(),
    )
        .prop_map(|(explicit, words, optional)| SlideSpec {
            explicit,
            words,
            optional,
        });
    let section = (
        1u64..100,
        any::<bool>(),
        prop::collection::vec(slide, 1..25),
    )
        .prop_map(|(weight, budgeted, slides)| SectionSpec {
            weight,
            budgeted,
            slides,
        });
    (
        60_000u64..=14_400_000,
        prop::option::of(80u32..200),
        prop::collection::vec(section, 1..7),
    )
        .prop_map(|(budget_ms, wpm, sections)| Outline {
            budget_ms,
            wpm,
            sections,
        })
}

/// What the generator promised for one slide or section, to check the plan against.
struct Expected {
    section_budgets: Vec<Option<u64>>,
    slide_budgets: Vec<Option<u64>>,
}

/// The outline as a talk file. Budgets are made to fit: a section's target is its weight's
/// share of the talk, and its explicit slides take at most half of it.
fn render(outline: &Outline) -> (String, Expected) {
    let mut text = format!(
        "title = \"Generated\"\nbudget = \"{}ms\"\n",
        outline.budget_ms
    );
    if let Some(wpm) = outline.wpm {
        let _ = writeln!(text, "wpm = {wpm}");
    }
    let total_weight: u64 = outline.sections.iter().map(|s| s.weight).sum();
    let mut expected = Expected {
        section_budgets: Vec::new(),
        slide_budgets: Vec::new(),
    };
    for (s, section) in outline.sections.iter().enumerate() {
        let target = outline.budget_ms * section.weight / total_weight;
        let _ = write!(text, "\n[[section]]\ntitle = \"Section {s}\"\n");
        if section.budgeted {
            let _ = writeln!(text, "budget = \"{target}ms\"");
        }
        expected
            .section_budgets
            .push(section.budgeted.then_some(target));
        let per_slide_cap = target / 2 / section.slides.len() as u64;
        for (i, slide) in section.slides.iter().enumerate() {
            let _ = write!(text, "\n[[section.slides]]\ntitle = \"Slide {i}\"\n");
            let budget = slide
                .explicit
                .map(|per_mille| (per_slide_cap * per_mille / 1000).max(1));
            if let Some(ms) = budget {
                let _ = writeln!(text, "budget = \"{ms}ms\"");
            }
            if slide.optional {
                text.push_str("optional = true\n");
            }
            if slide.words > 0 {
                let _ = writeln!(text, "notes = \"{}\"", vec!["word"; slide.words].join(" "));
            }
            expected.slide_budgets.push(budget);
        }
    }
    (text, expected)
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_valid_outline_plans_to_exactly_its_budget(outline in outline()) {
        let (text, expected) = render(&outline);
        let loaded = pacer::load(&Source::new("generated.toml", text.as_str()));
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(errors) => {
                return Err(TestCaseError::fail(format!("{errors:?}\n{text}")));
            }
        };
        let plan = &loaded.plan;
        prop_assert_eq!(ms(plan.budget), outline.budget_ms);

        // Every slide gets time; explicit budgets are kept.
        for (slide, want) in plan.slides.iter().zip(&expected.slide_budgets) {
            prop_assert!(slide.budget > Duration::ZERO);
            if let Some(want) = want {
                prop_assert_eq!(ms(slide.budget), *want);
                prop_assert!(slide.explicit);
            }
        }

        // The slides and the unassigned time add up to the budget, to the millisecond.
        let slides_total: u64 = plan.slides.iter().map(|s| ms(s.budget)).sum();
        prop_assert_eq!(slides_total + ms(plan.unassigned), outline.budget_ms);
        if plan.unassigned.is_zero() {
            prop_assert_eq!(slides_total, outline.budget_ms);
        }

        // Sections: explicit budgets kept, derived ones the sum of their slides; a section with
        // a slide free to take time sums exactly to its budget.
        let mut start = Duration::ZERO;
        let mut any_free_in_talk = false;
        for (s, section) in plan.sections.iter().enumerate() {
            prop_assert_eq!(section.start, start);
            let slides = plan.section_slides(s);
            let sum: u64 = slides.iter().map(|sl| ms(sl.budget)).sum();
            let has_free = slides.iter().any(|sl| !sl.explicit);
            if let Some(budget) = expected.section_budgets[s] {
                prop_assert_eq!(ms(section.budget), budget);
                if has_free {
                    prop_assert_eq!(sum, budget);
                }
            } else {
                prop_assert_eq!(ms(section.budget), sum);
                any_free_in_talk |= has_free;
            }
            // Checkpoints: each slide starts where the one before it ends.
            let mut slide_start = section.start;
            for slide in slides {
                prop_assert_eq!(slide.start, slide_start);
                slide_start += slide.budget;
            }
            start += section.budget;
        }
        if any_free_in_talk {
            prop_assert_eq!(start, plan.budget);
        }

        // Without a speaking rate, slides sharing a container differ by at most a millisecond.
        if outline.wpm.is_none() {
            for (s, section) in plan.sections.iter().enumerate() {
                if !section.explicit {
                    continue;
                }
                let free: Vec<u64> = plan
                    .section_slides(s)
                    .iter()
                    .filter(|sl| !sl.explicit)
                    .map(|sl| ms(sl.budget))
                    .collect();
                if let (Some(lo), Some(hi)) = (free.iter().min(), free.iter().max()) {
                    prop_assert!(hi - lo <= 1, "{free:?}");
                }
            }
        }
    }
}
