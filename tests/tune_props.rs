//! Properties of `tune` over random talks and random histories: the suggestion sums exactly to
//! the budget, locks hold, no slide tune sets is under the floor, kept sections keep their
//! budgets, and the rewritten file validates and plans exactly as proposed.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use pacer::history::Run;
use pacer::plan::Plan;
use pacer::rehearsal::EndReason;
use pacer::talk::Source;
use pacer::testing;
use pacer::tune::{self, Method, Options};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct SlideSpec {
    budget: Option<u64>,
    lock: bool,
    optional: bool,
    notes: usize,
}

#[derive(Debug, Clone)]
struct SectionSpec {
    /// Seconds per slide without a budget, and whether the section states its total.
    per: u64,
    explicit: bool,
    long_form: bool,
    slides: Vec<SlideSpec>,
}

#[derive(Debug, Clone)]
struct TalkSpec {
    sections: Vec<SectionSpec>,
    /// Seconds the talk gives beyond its sections, and odd milliseconds.
    extra: u64,
    odd_ms: u64,
    minutes_style: bool,
}

fn slide() -> impl Strategy<Value = SlideSpec> {
    (
        prop::option::weighted(0.4, 1u64..150),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
        prop_oneof![Just(0usize), 1usize..60],
    )
        .prop_map(|(budget, lock, optional, notes)| SlideSpec {
            budget,
            lock,
            optional,
            notes,
        })
}

fn section() -> impl Strategy<Value = SectionSpec> {
    (
        1u64..60,
        prop::bool::weighted(0.4),
        any::<bool>(),
        prop::collection::vec(slide(), 1..7),
    )
        .prop_map(|(per, explicit, long_form, slides)| SectionSpec {
            per,
            explicit,
            long_form,
            slides,
        })
}

fn talk() -> impl Strategy<Value = TalkSpec> {
    (
        prop::collection::vec(section(), 1..5),
        prop_oneof![Just(0u64), 0u64..120],
        prop_oneof![3 => Just(0u64), 1 => 1u64..1000],
        any::<bool>(),
    )
        .prop_map(|(sections, extra, odd_ms, minutes_style)| TalkSpec {
            sections,
            extra,
            odd_ms,
            minutes_style,
        })
}

fn duration(secs: u64, minutes: bool) -> String {
    if minutes && secs >= 60 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{secs}s")
    }
}

/// The talk file a spec describes, mixing every way of writing a slide.
fn render(spec: &TalkSpec) -> String {
    let section_total =
        |s: &SectionSpec| -> u64 { s.slides.iter().map(|sl| sl.budget.unwrap_or(s.per)).sum() };
    let total: u64 = spec.sections.iter().map(section_total).sum::<u64>() + spec.extra;
    let mut text = format!(
        "# generated\ntitle = \"Prop\"\nbudget = \"{}{}\"\ngrace = \"5s\"\n",
        duration(total, spec.minutes_style),
        if spec.odd_ms > 0 {
            format!(" {}ms", spec.odd_ms)
        } else {
            String::new()
        }
    );
    for (s, section) in spec.sections.iter().enumerate() {
        let _ = write!(text, "\n[[section]]\ntitle = \"Section {s}\"\n");
        if section.explicit {
            let _ = writeln!(
                text,
                "budget = \"{}\"  # kept?",
                duration(section_total(section), spec.minutes_style)
            );
        }
        if section.long_form {
            for (i, slide) in section.slides.iter().enumerate() {
                let _ = write!(
                    text,
                    "\n  [[section.slides]]\n  title = \"Slide {s}.{i}\"\n"
                );
                if let Some(b) = slide.budget {
                    let _ = writeln!(
                        text,
                        "  budget = \"{}\" # was",
                        duration(b, spec.minutes_style)
                    );
                }
                if slide.lock {
                    text.push_str("  lock = true\n");
                }
                if slide.optional {
                    text.push_str("  optional = true\n");
                }
                if slide.notes > 0 {
                    let _ = writeln!(text, "  notes = \"{}\"", "word ".repeat(slide.notes).trim());
                }
            }
        } else {
            text.push_str("slides = [\n");
            for (i, slide) in section.slides.iter().enumerate() {
                let mut fields = vec![format!("title = \"Slide {s}.{i}\"")];
                if let Some(b) = slide.budget {
                    fields.push(format!("budget = '{}'", duration(b, spec.minutes_style)));
                }
                if slide.lock {
                    fields.push("lock = true".into());
                }
                if slide.optional {
                    fields.push("optional = true".into());
                }
                if slide.notes > 0 {
                    fields.push(format!(
                        "notes = \"{}\"",
                        "word ".repeat(slide.notes).trim()
                    ));
                }
                if fields.len() == 1 {
                    let _ = writeln!(text, "  \"Slide {s}.{i}\",  # plain");
                } else {
                    let _ = writeln!(text, "  {{ {} }},", fields.join(", "));
                }
            }
            text.push_str("]\n");
        }
    }
    text
}

/// A run of `plan`: `times[i]` milliseconds on slide i (`None`: jumped over; the first slide
/// is always shown), finished or cut short.
fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap()
}

fn run(number: usize, plan: &Arc<Plan>, times: &[Option<u32>], finished: bool) -> Run {
    let times: Vec<Option<Duration>> = (0..plan.slides.len())
        .map(|i| {
            let time = times.get(i % times.len().max(1)).copied().flatten();
            let time = if i == 0 {
                Some(time.unwrap_or(1000))
            } else {
                time
            };
            time.map(|ms| Duration::from_millis(u64::from(ms)))
        })
        .collect();
    testing::run_from_times(
        number,
        plan,
        &times,
        finished.then_some(EndReason::Finished),
    )
}

type History = Vec<(Vec<Option<u32>>, bool)>;

fn history() -> impl Strategy<Value = History> {
    prop::collection::vec(
        (
            prop::collection::vec(prop::option::weighted(0.85, 0u32..240_000), 1..30),
            prop::bool::weighted(0.8),
        ),
        0..7,
    )
}

fn options() -> impl Strategy<Value = Options> {
    (1usize..8, any::<bool>(), any::<bool>()).prop_map(|(runs, shares, keep)| Options {
        runs,
        method: if shares {
            Method::Shares
        } else {
            Method::Median
        },
        keep_sections: keep,
        ..Options::default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn suggestions_sum_to_the_budget_and_respect_locks_floors_and_kept_sections(
        spec in talk(),
        history in history(),
        options in options(),
        slot in prop::option::weighted(0.3, 300u64..1500),
    ) {
        let text = render(&spec);
        let source = Source::new("prop.toml", text.clone());
        let loaded = pacer::load(&source);
        prop_assume!(loaded.is_ok());
        let loaded = loaded.unwrap();
        let plan = Arc::new(loaded.plan);
        // A new total (`--budget`), per mille of the talk's.
        let mut options = options;
        options.budget = slot.map(|per_mille| {
            Duration::from_millis((ms(plan.budget) * per_mille / 1000).max(1))
        });
        let target = options.budget.unwrap_or(plan.budget);
        let runs: Vec<Run> = history
            .iter()
            .enumerate()
            .map(|(k, (times, finished))| run(k + 1, &plan, times, *finished))
            .collect();

        let proposal = match tune::propose(&plan, &runs, &options) {
            Ok(p) => p,
            Err(tune::Error::NoRuns { .. }) => {
                prop_assert!(runs.iter().all(|r| !r.is_complete()));
                return Ok(());
            }
            Err(tune::Error::Fit(_)) => {
                // Only when the floors cannot fit: locks (and kept sections) leave too little.
                // (With a new total, cuts leave fewer free slides: the bound still holds.)
                let locked: Duration = plan.slides.iter().filter(|s| s.lock).map(|s| s.budget).sum();
                let free = plan.slides.iter().filter(|s| !s.lock).count() as u32;
                prop_assert!(options.keep_sections || locked > target || target.saturating_sub(locked) < pacer::pace::MIN_SLIDE * free);
                return Ok(());
            }
            Err(tune::Error::NoFit(no)) => {
                // Only with a new total, and only when it is over even with every cut.
                prop_assert!(options.budget.is_some());
                prop_assert!(no.takes > target + plan.grace, "{}", no);
                return Ok(());
            }
            Err(other) => return Err(TestCaseError::fail(other.to_string())),
        };

        let total: Duration = proposal.slides.iter().map(|s| s.suggested).sum();
        prop_assert_eq!(total + proposal.unassigned, target, "exact to the millisecond");
        // Cut slides are optional and never locked; the rest of the plan is what is proposed.
        let cut: Vec<&str> = proposal.slot.iter().flat_map(|s| &s.cut).map(|c| c.id.as_str()).collect();
        for id in &cut {
            let slide = &plan.slides[plan.slide_index(id).unwrap()];
            prop_assert!(slide.optional && !slide.lock, "{id}");
        }
        prop_assert_eq!(proposal.slot.is_some(), options.budget.is_some());
        let kept_slides: Vec<&pacer::plan::PlannedSlide> =
            plan.slides.iter().filter(|s| !cut.contains(&s.id.as_str())).collect();
        let kept_sections: Vec<&pacer::plan::PlannedSection> = (0..plan.sections.len())
            .filter(|&s| plan.section_slides(s).iter().any(|x| !cut.contains(&x.id.as_str())))
            .map(|s| &plan.sections[s])
            .collect();
        prop_assert_eq!(proposal.slides.len(), kept_slides.len());
        prop_assert_eq!(proposal.sections.len(), kept_sections.len());
        let any_free = kept_slides.iter().any(|s| !s.lock);
        if !options.keep_sections && any_free {
            prop_assert_eq!(proposal.unassigned, Duration::ZERO);
        }
        for (slide, planned) in proposal.slides.iter().zip(kept_slides) {
            if planned.lock {
                prop_assert_eq!(slide.suggested, planned.budget, "locked {}", slide.title);
            } else {
                prop_assert!(slide.suggested >= pacer::pace::MIN_SLIDE, "floor for {}", slide.title);
            }
        }
        let odd = proposal
            .slides
            .iter()
            .filter(|s| s.fitted != tune::Fitted::Locked && s.suggested.subsec_millis() != 0)
            .count();
        prop_assert!(odd <= 1 + plan.sections.len(), "whole seconds but for a group's odd ms");
        for (section, planned) in proposal.sections.iter().zip(kept_sections) {
            let slides: Duration = proposal.slides[section.slides.clone()].iter().map(|s| s.suggested).sum();
            if section.kept {
                prop_assert!(options.keep_sections && planned.explicit);
                prop_assert_eq!(section.suggested, planned.budget);
                prop_assert!(slides <= planned.budget);
            } else {
                prop_assert_eq!(section.suggested, slides);
            }
        }

        // The rewrite validates and plans exactly as proposed.
        let rewrite = tune::write::rewrite(&text, &proposal.budgets(&loaded.talk))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = pacer::load(&Source::new("prop.toml", rewrite.text.clone()))
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{}", rewrite.text)))?;
        proposal.verify(&again.plan).map_err(TestCaseError::fail)?;
        prop_assert_eq!(again.plan.budget, target);
        // And the tuned outline still takes a new slide: one more, without a budget, in the
        // first section written as a list of slides, and the plan still sums exactly.
        // (Sections left out as all skipped would shift the plan's numbering: not those.)
        if let Some(at) = rewrite.text.find("slides = [\n").filter(|_| cut.is_empty()) {
            let mut grown = rewrite.text.clone();
            grown.insert_str(at + "slides = [\n".len(), "  \"A new slide\",\n");
            if let Ok(grown) = pacer::load(&Source::new("prop.toml", grown)) {
                prop_assert_eq!(grown.plan.slides_total() + grown.plan.unassigned, target);
                prop_assert_eq!(grown.plan.slides.len(), again.plan.slides.len() + 1);
            } else {
                // Only when the slide's pool has nothing that gives way: its section's slides
                // (a section with a budget) or the slides of every section without one are all
                // locked, or the section is kept.
                let s = rewrite.text[..at].matches("[[section]]").count() - 1;
                let p = &again.plan;
                let free = |s: usize| p.section_slides(s).iter().any(|x| !x.lock);
                let stuck = if p.sections[s].explicit {
                    !free(s)
                } else {
                    !(0..p.sections.len()).any(|t| !p.sections[t].explicit && free(t))
                };
                prop_assert!(stuck || proposal.sections.iter().any(|x| x.kept), "{}", rewrite.text);
            }
        }
    }
}
