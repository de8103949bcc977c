//! Which questions come up in a drill, and in what order: never-asked first, then the weak
//! ones (last rated missed or shaky, or answered over budget), then the rest, longest not asked
//! first; ties broken by a seeded shuffle. The rule, for speakers, is in docs/drill.md.
//!
//! Pure: the past drills and the seed come in as data, so a test can fix them. Must not read
//! the clock (the seed comes from the command), a file or the terminal.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use super::{Answer, Drill, Rating};
use crate::pace::{self, Pace};
use crate::plan::Plan;
use crate::talk::Question;

/// Which of the talk's questions a drill may ask. The default asks any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only questions with at least one of these tags (compared without case); empty: any.
    pub tags: Vec<String>,
    /// Only questions about one of these slides (by slide id); `None`: any question, about a
    /// slide or not.
    pub slides: Option<BTreeSet<String>>,
}

impl Filter {
    /// Whether `question` passes every criterion given.
    pub fn matches(&self, question: &Question) -> bool {
        let tagged = self.tags.is_empty()
            || question.tags.iter().any(|t| {
                self.tags
                    .iter()
                    .any(|want| want.to_lowercase() == t.to_lowercase())
            });
        let about = self.slides.as_ref().is_none_or(|slides| {
            question
                .slide
                .as_ref()
                .is_some_and(|slide| slides.contains(slide))
        });
        tagged && about
    }
}

/// The ids of the slides `written` names: the slide with that id, else every slide with that
/// title (none when it names no slide; more than one when several share the title).
pub fn slides_named<'p>(plan: &'p Plan, written: &str) -> Vec<&'p str> {
    let written = written.trim();
    if let Some(slide) = plan.slides.iter().find(|s| s.id == written) {
        return vec![slide.id.as_str()];
    }
    plan.slides
        .iter()
        .filter(|s| s.title == written)
        .map(|s| s.id.as_str())
        .collect()
}

/// How weak an answer was: 0 for a good one on time; more for a weaker rating (missed 3,
/// shaky 2, none given 1) and for a longer overrun (a bit over 1, over 2), by the verdict of a
/// finished slide ([`pace::finished`], with the talk's `warn`).
pub fn weakness(answer: &Answer, warn: f64) -> u8 {
    weakness_of(answer.rating, answer.took, answer.budget, warn)
}

/// [`weakness`] of an answer given by its parts.
pub fn weakness_of(rating: Option<Rating>, took: Duration, budget: Duration, warn: f64) -> u8 {
    let rating = match rating {
        Some(Rating::Missed) => 3,
        Some(Rating::Shaky) => 2,
        None => 1,
        Some(Rating::Good) => 0,
    };
    let time = match pace::finished(took, budget, warn) {
        Pace::Fine => 0,
        Pace::Amber => 1,
        Pace::Over => 2,
    };
    rating + time
}

/// The questions a drill asks, in order, as indices into `questions`: those `filter` lets
/// through, ranked by `past` (the drills so far, matched by question id) and shuffled within
/// a rank by `seed`; the first `count` of them, or all.
///
/// Ranks: questions never asked come first; then those whose last answer was weak (see
/// [`weakness`]), the weakest first and, among equally weak, the longest not asked; then the
/// others, the longest not asked first. Age is counted in drills: the number of the last drill
/// in `past` minus that of the drill the question was last asked in.
pub fn choose(
    questions: &[Question],
    past: &[Drill],
    filter: &Filter,
    count: Option<usize>,
    seed: u64,
    warn: f64,
) -> Vec<usize> {
    let last = last_answers(past);
    let newest = past.iter().map(|d| d.number).max().unwrap_or(0);
    let mut rng = SplitMix64(seed);
    let mut ranked: Vec<(Rank, usize)> = questions
        .iter()
        .enumerate()
        // One draw per question in file order, taken or not, so a filter does not reshuffle
        // the questions it lets through.
        .map(|(i, question)| (i, question, rng.next()))
        .filter(|(_, question, _)| filter.matches(question))
        .map(|(i, question, draw)| {
            let rank = match last.get(question.id.as_str()) {
                None => Rank {
                    tier: 0,
                    weakness: Reverse(0),
                    age: Reverse(0),
                    draw,
                },
                Some((number, answer)) => {
                    let weakness = weakness(answer, warn);
                    Rank {
                        tier: if weakness > 0 { 1 } else { 2 },
                        weakness: Reverse(weakness),
                        age: Reverse(newest.saturating_sub(*number)),
                        draw,
                    }
                }
            };
            (rank, i)
        })
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .map(|(_, i)| i)
        .take(count.unwrap_or(usize::MAX))
        .collect()
}

/// A question's place in the order: compared field by field, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// 0 never asked, 1 last answer weak, 2 the rest.
    tier: u8,
    weakness: Reverse<u8>,
    /// Drills since the question was last asked: the oldest first.
    age: Reverse<usize>,
    /// The seeded shuffle, for ties.
    draw: u64,
}

/// Each question's last answer, by question id, with the number of its drill.
fn last_answers(past: &[Drill]) -> HashMap<&str, (usize, &Answer)> {
    let mut last: HashMap<&str, (usize, &Answer)> = HashMap::new();
    for drill in past {
        for answer in &drill.answers {
            let entry = last
                .entry(answer.question.as_str())
                .or_insert((drill.number, answer));
            // Drills come in any order; within one, a later answer is the later one.
            if drill.number >= entry.0 {
                *entry = (drill.number, answer);
            }
        }
    }
    last
}

/// `SplitMix64` (Steele, Lea and Flood, 2014): a tiny seeded generator, plenty for a shuffle,
/// and the same on every platform and in every version, so a seed repeats a drill exactly.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::talk::Source;

    const WARN: f64 = 0.8;

    /// A talk with `n` questions `q0`…, each 60 s; `q0` and `q1` about the slide `rank`, the
    /// even ones tagged `lora`, `q3` tagged `Results`.
    fn talk(n: usize) -> (Plan, Vec<Question>) {
        let mut text = String::from(
            "title = \"T\"\nbudget = \"10m\"\n[[section]]\ntitle = \"Method\"\n\
             slides = [{ title = \"Rank sweep\", id = \"rank\" }, \"Pipeline\", \"Twin\", \"Twin\"]\n",
        );
        for i in 0..n {
            let slide = if i < 2 { "slide = \"rank\"\n" } else { "" };
            let mut tags = Vec::new();
            if i % 2 == 0 {
                tags.push("\"lora\"");
            }
            if i == 3 {
                tags.push("\"Results\"");
            }
            let _ = writeln!(
                text,
                "[[question]]\nask = \"Question {i}?\"\nid = \"q{i}\"\n{slide}tags = [{}]",
                tags.join(", ")
            );
        }
        let loaded = crate::load(&Source::new("t.toml", &text)).expect("valid");
        (loaded.plan, loaded.talk.questions)
    }

    fn answer(question: &str, took: u64, rating: Option<Rating>) -> Answer {
        Answer {
            question: question.into(),
            ask: format!("{question}?"),
            budget: Duration::from_secs(60),
            took: Duration::from_secs(took),
            rating,
        }
    }

    fn drill(number: usize, answers: Vec<Answer>) -> Drill {
        Drill {
            number,
            id: format!("d{number}"),
            started_at: "2025-03-05T08:35:01Z".into(),
            answers,
            ended: true,
            end: Some(crate::rehearsal::EndReason::Finished),
            skipped: 0,
            not_asked: 0,
        }
    }

    fn ids(questions: &[Question], chosen: &[usize]) -> Vec<String> {
        chosen.iter().map(|&i| questions[i].id.clone()).collect()
    }

    const GOOD: Option<Rating> = Some(Rating::Good);

    #[test]
    fn never_asked_first_then_weakest_then_longest_not_asked() {
        let (_, questions) = talk(8);
        let past = [
            drill(
                1,
                vec![
                    answer("q0", 30, GOOD),
                    answer("q1", 30, GOOD),
                    answer("q2", 30, Some(Rating::Shaky)),
                ],
            ),
            drill(
                2,
                vec![
                    answer("q3", 30, GOOD),
                    answer("q4", 30, Some(Rating::Missed)),
                    answer("q5", 90, GOOD), // over: 30 s past a 60 s budget
                    answer("q6", 62, GOOD), // a bit over: within 12 s past it
                ],
            ),
            // Asked again and good this time: its old shaky answer no longer counts.
            drill(3, vec![answer("q2", 30, GOOD)]),
        ];
        for seed in 0..20 {
            let chosen = ids(
                &questions,
                &choose(&questions, &past, &Filter::default(), None, seed, WARN),
            );
            // Never asked; missed 3, over 2, a bit over 1; good and asked in drill 1 (age 2,
            // either order), drill 2 (age 1), drill 3 (age 0).
            assert_eq!(chosen[..4], ["q7", "q4", "q5", "q6"], "seed {seed}");
            assert_eq!(chosen[6..], ["q3", "q2"], "seed {seed}");
            let mut oldest = chosen[4..6].to_vec();
            oldest.sort();
            assert_eq!(oldest, ["q0", "q1"], "seed {seed}");
        }
    }

    #[test]
    fn weakness_adds_the_rating_and_the_overrun() {
        assert_eq!(weakness(&answer("q", 60, GOOD), WARN), 0);
        assert_eq!(weakness(&answer("q", 60, Some(Rating::Shaky)), WARN), 2);
        assert_eq!(weakness(&answer("q", 10, Some(Rating::Missed)), WARN), 3);
        assert_eq!(
            weakness(&answer("q", 10, None), WARN),
            1,
            "cut before rated"
        );
        // Under a second over reads as on time; within the warn band past it, a bit over.
        let mut nearly = answer("q", 60, GOOD);
        nearly.took += Duration::from_millis(900);
        assert_eq!(weakness(&nearly, WARN), 0);
        assert_eq!(weakness(&answer("q", 72, GOOD), WARN), 1);
        assert_eq!(weakness(&answer("q", 73, Some(Rating::Missed)), WARN), 5);
    }

    #[test]
    fn the_same_seed_gives_the_same_drill_and_seeds_differ() {
        let (_, questions) = talk(10);
        let a = choose(&questions, &[], &Filter::default(), None, 4711, WARN);
        let b = choose(&questions, &[], &Filter::default(), None, 4711, WARN);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>(), "each question once");
        let orders: BTreeSet<Vec<usize>> = (0..20)
            .map(|seed| choose(&questions, &[], &Filter::default(), None, seed, WARN))
            .collect();
        assert!(orders.len() >= 19, "{} orders in 20 seeds", orders.len());
        // Fixed for good: a seed written down repeats the drill in any later version.
        assert_eq!(a, [6, 5, 9, 1, 7, 8, 3, 0, 2, 4], "seed 4711");
        assert_eq!(
            choose(&questions, &[], &Filter::default(), Some(4), 4711, WARN),
            a[..4]
        );
    }

    #[test]
    fn a_seed_keeps_its_order_through_a_filter() {
        let (_, questions) = talk(10);
        let all = choose(&questions, &[], &Filter::default(), None, 99, WARN);
        let filter = Filter {
            tags: vec!["LORA".into()],
            slides: None,
        };
        let lora = choose(&questions, &[], &filter, None, 99, WARN);
        let expected: Vec<usize> = all.into_iter().filter(|i| i % 2 == 0).collect();
        assert_eq!(lora, expected, "tags compare without case");
    }

    #[test]
    fn filters_by_tag_slide_and_count() {
        let (plan, questions) = talk(6);
        let pick = |filter: &Filter, count| {
            let mut chosen = ids(&questions, &choose(&questions, &[], filter, count, 1, WARN));
            chosen.sort();
            chosen
        };
        let tags = |t: &[&str]| Filter {
            tags: t.iter().map(|&t| t.into()).collect(),
            slides: None,
        };
        assert_eq!(pick(&tags(&["lora"]), None), ["q0", "q2", "q4"]);
        assert_eq!(pick(&tags(&["results", "nothing"]), None), ["q3"]);
        assert!(pick(&tags(&["nothing"]), None).is_empty());
        let about = |slides: &[&str]| Filter {
            tags: Vec::new(),
            slides: Some(slides.iter().map(|&s| s.into()).collect()),
        };
        assert_eq!(pick(&about(&["rank"]), None), ["q0", "q1"]);
        assert!(pick(&about(&[]), None).is_empty(), "no marked slide: none");
        let both = Filter {
            tags: vec!["lora".into()],
            ..about(&["rank"])
        };
        assert_eq!(pick(&both, None), ["q0"], "every criterion holds");
        assert_eq!(pick(&Filter::default(), Some(2)).len(), 2);
        assert_eq!(pick(&Filter::default(), Some(0)).len(), 0);
        assert_eq!(pick(&Filter::default(), Some(99)).len(), 6);
        assert_eq!(slides_named(&plan, "rank"), ["rank"]);
        assert_eq!(slides_named(&plan, " Rank sweep "), ["rank"]);
        assert_eq!(
            slides_named(&plan, "Twin"),
            ["method/twin", "method/twin-2"]
        );
        assert!(slides_named(&plan, "Nothing").is_empty());
    }

    /// Over many seeds, each never-asked question comes first about as often as any other,
    /// and each is among the three chosen about as often: the shuffle favours none.
    #[test]
    fn the_shuffle_is_fair_over_many_seeds() {
        let (_, questions) = talk(10);
        let mut first = [0_u32; 10];
        let mut chosen = [0_u32; 10];
        for seed in 0..5000 {
            let order = choose(&questions, &[], &Filter::default(), Some(3), seed, WARN);
            first[order[0]] += 1;
            for i in order {
                chosen[i] += 1;
            }
        }
        // Expected 500 first and 1500 chosen each; the bounds are over five standard
        // deviations wide, so a fair shuffle fails them about once in a million runs of
        // seeds, and these seeds are fixed.
        for (i, (&f, &c)) in first.iter().zip(&chosen).enumerate() {
            assert!((390..=610).contains(&f), "q{i} first {f} times");
            assert!((1340..=1660).contains(&c), "q{i} chosen {c} times");
        }
        // Within a rank only: an asked question never jumps a never-asked one, whatever the seed.
        let past = [drill(1, vec![answer("q0", 10, Some(Rating::Missed))])];
        for seed in 0..500 {
            let order = choose(&questions, &past, &Filter::default(), None, seed, WARN);
            assert_eq!(order[9], 0, "seed {seed}");
        }
    }

    #[test]
    fn answers_match_by_id_and_the_latest_drill_wins_in_any_order() {
        let (_, questions) = talk(3);
        // Drills out of order, a removed question, and q1 missed in drill 1 but good in 2.
        let past = [
            drill(2, vec![answer("q1", 30, GOOD), answer("gone", 30, None)]),
            drill(
                1,
                vec![
                    answer("q1", 30, Some(Rating::Missed)),
                    answer("q0", 30, GOOD),
                ],
            ),
        ];
        let order = ids(
            &questions,
            &choose(&questions, &past, &Filter::default(), None, 3, WARN),
        );
        assert_eq!(order, ["q2", "q0", "q1"]);
    }
}
