//! The `[[question]]` checks: each question's keys and values, the slide it names (by id or
//! title), duplicates, and default ids.
//!
//! Runs after the sections, so that `slide` can be resolved; must not look at rehearsals or
//! drills (which questions come up is [`crate::drill`]'s business).

use std::collections::HashMap;
use std::time::Duration;

use toml::de::{DeTable, DeValue};

use super::{Checker, QUESTION_KEYS, Value, find, misspelled};
use crate::talk::slug::slug;
use crate::talk::{Problem, Question, Section, Span, Zero};

impl Checker<'_> {
    /// The talk's questions (none when the file has no `question`), or `None` after an error.
    pub(super) fn questions(
        &mut self,
        root: &DeTable<'_>,
        sections: &[Section],
        answer: Duration,
    ) -> Option<Vec<Question>> {
        let Some(value) = find(root, "question") else {
            return Some(Vec::new());
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, "question", "an array of tables (`[[question]]`)");
            return None;
        };
        let slides = SlideNames::new(sections);
        let mut questions = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match self.question(item, &slides, answer) {
                Some(question) => questions.push(question),
                None => ok = false,
            }
        }
        if !ok || !self.distinct(&questions) {
            return None;
        }
        assign_ids(&mut questions);
        Some(questions)
    }

    fn question(
        &mut self,
        value: &Value<'_>,
        slides: &SlideNames<'_>,
        answer: Duration,
    ) -> Option<Question> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(value, "question", "a table (`[[question]]`)");
            return None;
        };
        let span = value.span();
        self.unknown_keys(table, QUESTION_KEYS, "a question");
        let ask = if let Some(value) = find(table, "ask") {
            self.text(value, "ask")
        } else {
            if !misspelled(table, "ask", QUESTION_KEYS) {
                self.error(
                    Problem::MissingKey {
                        key: "ask",
                        place: "a question",
                        example: "`ask = \"…\"`: the question as the audience would put it",
                    },
                    span.clone(),
                );
            }
            None
        };
        let id = find(table, "id").map_or(Some(String::new()), |v| self.line(v, "id"));
        let notes = find(table, "answer").map_or(Some(String::new()), |v| self.string(v, "answer"));
        let budget = find(table, "budget").map_or(Some(answer), |v| {
            self.duration(v, "budget", Zero::TalkAnswer).map(|(d, _)| d)
        });
        let slide = match find(table, "slide") {
            None => Some(None),
            Some(v) => self.slide_named(v, slides).map(Some),
        };
        let tags = find(table, "tags").map_or(Some(Vec::new()), |v| self.tags(v));
        Some(Question {
            id: id?,
            ask: ask?,
            answer: notes?.trim().to_owned(),
            budget: budget?,
            slide: slide?,
            tags: tags?,
            span,
        })
    }

    /// Text that may span lines (a question may be long), trimmed and not empty.
    fn text(&mut self, value: &Value<'_>, key: &'static str) -> Option<String> {
        let text = self.string(value, key)?;
        let text = text.trim();
        if text.is_empty() {
            self.error(Problem::EmptyId(key), value.span());
            return None;
        }
        Some(text.to_owned())
    }

    /// One line of text, trimmed, not empty.
    fn line(&mut self, value: &Value<'_>, key: &'static str) -> Option<String> {
        let text = self.text(value, key)?;
        if text.chars().any(char::is_control) {
            self.error(Problem::ControlInText { key }, value.span());
            return None;
        }
        Some(text)
    }

    fn tags(&mut self, value: &Value<'_>) -> Option<Vec<String>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, "tags", "a list of words (`tags = [\"method\"]`)");
            return None;
        };
        let mut tags = Vec::with_capacity(items.len());
        for item in items {
            let tag = self.line(item, "tags")?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Some(tags)
    }

    /// The id of the slide a `slide` value names: an id first, else a title of exactly one.
    fn slide_named(&mut self, value: &Value<'_>, slides: &SlideNames<'_>) -> Option<String> {
        let written = self.line(value, "slide")?;
        if let Some(id) = slides.ids.get(written.as_str()) {
            return Some((*id).to_owned());
        }
        match slides.titles.get(written.as_str()).map(Vec::as_slice) {
            Some([id]) => Some((*id).to_owned()),
            Some(ids) => {
                let count = ids.len();
                self.error(Problem::AmbiguousSlide { written, count }, value.span());
                None
            }
            None => {
                let suggestion = slides.nearest(&written);
                self.error(
                    Problem::UnknownSlide {
                        written,
                        suggestion,
                    },
                    value.span(),
                );
                None
            }
        }
    }

    /// Whether no question is asked twice and no explicit id is used twice; an error at each
    /// second one.
    fn distinct(&mut self, questions: &[Question]) -> bool {
        let mut asks: HashMap<String, &Span> = HashMap::new();
        let mut ids: HashMap<&str, &Span> = HashMap::new();
        let mut ok = true;
        for question in questions {
            if let Some(first) = asks.get(&fold(&question.ask)) {
                let first_line = self.source.line_col(first.start).0;
                self.error(
                    Problem::DuplicateQuestion { first_line },
                    question.span.clone(),
                );
                ok = false;
            } else {
                asks.insert(fold(&question.ask), &question.span);
            }
            if question.id.is_empty() {
                continue;
            }
            if let Some(first) = ids.get(question.id.as_str()) {
                let first_line = self.source.line_col(first.start).0;
                let id = question.id.clone();
                self.error(
                    Problem::DuplicateQuestionId { id, first_line },
                    question.span.clone(),
                );
                ok = false;
            } else {
                ids.insert(&question.id, &question.span);
            }
        }
        ok
    }
}

/// A question folded for comparison: case and runs of whitespace do not make it another one.
fn fold(ask: &str) -> String {
    ask.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every question without an explicit id gets `q/` and the slug of its question, cut to a
/// readable length and suffixed `-2`, `-3`… where it would collide (explicit ids win).
fn assign_ids(questions: &mut [Question]) {
    /// Characters of the slug kept: enough to tell questions apart in a journal.
    const SLUG_CHARS: usize = 48;
    let mut taken: std::collections::HashSet<String> = questions
        .iter()
        .filter(|q| !q.id.is_empty())
        .map(|q| q.id.clone())
        .collect();
    for (n, question) in questions.iter_mut().enumerate() {
        if !question.id.is_empty() {
            continue;
        }
        let mut short: String = slug(&question.ask).chars().take(SLUG_CHARS).collect();
        while short.ends_with('-') {
            short.pop();
        }
        if short.is_empty() {
            short = format!("question-{}", n + 1);
        }
        let base = format!("q/{short}");
        let mut id = base.clone();
        let mut k = 2;
        while taken.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        taken.insert(id.clone());
        question.id = id;
    }
}

/// The talk's slides by id and by title, to resolve a question's `slide`.
struct SlideNames<'t> {
    ids: HashMap<&'t str, &'t str>,
    titles: HashMap<&'t str, Vec<&'t str>>,
}

impl<'t> SlideNames<'t> {
    fn new(sections: &'t [Section]) -> Self {
        let mut ids = HashMap::new();
        let mut titles: HashMap<&str, Vec<&str>> = HashMap::new();
        for slide in sections.iter().flat_map(|s| &s.slides) {
            ids.insert(slide.id.as_str(), slide.id.as_str());
            titles.entry(&slide.title).or_default().push(&slide.id);
        }
        Self { ids, titles }
    }

    /// The id or title closest to `written`, when one is close.
    fn nearest(&self, written: &str) -> Option<String> {
        self.ids
            .keys()
            .chain(self.titles.keys())
            .map(|name| (strsim::jaro_winkler(written, name), *name))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, name)| name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::talk::{Problem, Source, Talk, parse};

    const TALK: &str = "title = \"T\"\nbudget = \"20m\"\n\
        [[section]]\ntitle = \"Method\"\nslides = [\"Pipeline\", { title = \"Rank\", id = \"rank\" }, \"Twin\", \"Twin\"]\n";

    fn talk(questions: &str) -> Talk {
        let text = format!("{TALK}{questions}");
        parse(&Source::new("t.toml", &text)).expect("valid").0
    }

    /// The first error, with its 1-based line and column.
    fn error(questions: &str) -> (Problem, usize, usize) {
        let text = format!("{TALK}{questions}");
        let source = Source::new("t.toml", &text);
        let errors = parse(&source).expect_err("invalid");
        let (line, col) = source.line_col(errors[0].span.start);
        (errors[0].problem.clone(), line, col)
    }

    #[test]
    fn a_talk_without_questions_has_none_and_the_default_answer_time() {
        let talk = talk("");
        assert!(talk.questions.is_empty());
        assert_eq!(talk.answer, Duration::from_secs(60));
    }

    #[test]
    fn every_key_is_read_and_slides_resolve_by_id_or_title() {
        let talk = talk_with_answer(
            "[[question]]\nask = \"  Why rank 8? \"\nanswer = \"\"\"\nCheaper.\n\"\"\"\nbudget = \"30s\"\nslide = \"rank\"\ntags = [\"method\", \"method\", \"lora\"]\n\
             [[question]]\nask = \"Where does it run?\"\nslide = \"Pipeline\"\nid = \"where\"\n",
        );
        let [first, second] = &talk.questions[..] else {
            panic!("{:?}", talk.questions)
        };
        assert_eq!(first.ask, "Why rank 8?");
        assert_eq!(first.answer, "Cheaper.");
        assert_eq!(first.budget, Duration::from_secs(30));
        assert_eq!(first.slide.as_deref(), Some("rank"));
        assert_eq!(first.tags, ["method", "lora"]);
        assert_eq!(first.id, "q/why-rank-8");
        assert_eq!(talk.answer, Duration::from_secs(45));
        assert_eq!(
            second.budget,
            Duration::from_secs(45),
            "the talk's `answer`"
        );
        assert_eq!(second.slide.as_deref(), Some("method/pipeline"));
        assert_eq!(second.id, "where");
    }

    /// `answer` must come before the first table in TOML: a talk with it at the top.
    fn talk_with_answer(questions: &str) -> Talk {
        let text = TALK.replacen(
            "budget = \"20m\"\n",
            "budget = \"20m\"\nanswer = \"45s\"\n",
            1,
        );
        let text = format!("{text}{questions}");
        parse(&Source::new("t.toml", &text)).expect("valid").0
    }

    #[test]
    fn questions_that_are_not_tables_are_refused() {
        let text = TALK.replacen("budget = \"20m\"\n", "budget = \"20m\"\nquestion = 3\n", 1);
        let errors = parse(&Source::new("t.toml", &text)).expect_err("invalid");
        assert!(
            matches!(&errors[0].problem, Problem::WrongType { key, .. } if key == "question"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_slide_or_tags_of_the_wrong_type_get_a_hint_that_shows_the_right_one() {
        let hint = |questions: &str| error(questions).0.hint().unwrap_or_default();
        let slide = hint("[[question]]\nask = \"Why?\"\nslide = 3\n");
        assert!(slide.contains("slide = \"Rank and scale\""), "{slide}");
        let tags = hint("[[question]]\nask = \"Why?\"\ntags = \"lora\"\n");
        assert!(tags.contains("tags = [\"method\", \"lora\"]"), "{tags}");
    }

    #[test]
    fn default_ids_are_unique_and_short() {
        let long = "Why ".repeat(40);
        let talk = talk(&format!(
            "[[question]]\nask = \"{long}?\"\n[[question]]\nask = \"{long}!\"\n[[question]]\nask = \"?!\"\n"
        ));
        let ids: Vec<&str> = talk.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert!(ids[0].len() <= 50, "{}", ids[0]);
        assert_eq!(ids[2], "q/question-3");
    }

    #[test]
    fn mistakes_are_named_where_they_are() {
        type Case = (&'static str, fn(&Problem) -> bool, usize, usize);
        let cases: &[Case] = &[
            (
                "[[question]]\nasks = \"Why?\"\n",
                |p| {
                    matches!(
                        p,
                        Problem::UnknownKey {
                            suggestion: Some("ask"),
                            ..
                        }
                    )
                },
                7,
                1,
            ),
            (
                "[[question]]\nanswer = \"x\"\n",
                |p| matches!(p, Problem::MissingKey { key: "ask", .. }),
                6,
                1,
            ),
            (
                "[[question]]\nask = \"Why?\"\nslide = \"Pipelin\"\n",
                |p| matches!(p, Problem::UnknownSlide { suggestion: Some(s), .. } if s == "Pipeline"),
                8,
                9,
            ),
            (
                "[[question]]\nask = \"Why?\"\nslide = \"Twin\"\n",
                |p| matches!(p, Problem::AmbiguousSlide { count: 2, .. }),
                8,
                9,
            ),
            (
                "[[question]]\nask = \"Why?\"\n[[question]]\nask = \"why? \"\n",
                |p| matches!(p, Problem::DuplicateQuestion { first_line: 6 }),
                8,
                1,
            ),
            (
                "[[question]]\nask = \"A?\"\nid = \"x\"\n[[question]]\nask = \"B?\"\nid = \"x\"\n",
                |p| matches!(p, Problem::DuplicateQuestionId { first_line: 6, .. }),
                9,
                1,
            ),
            (
                "[[question]]\nask = \"Why?\"\nbudget = 30\n",
                |p| matches!(p, Problem::NumberDuration { key: "budget", .. }),
                8,
                10,
            ),
            (
                "[[question]]\nask = \"  \"\n",
                |p| matches!(p, Problem::EmptyId("ask")),
                7,
                7,
            ),
            (
                "[[question]]\nask = \"Why?\"\ntags = \"lora\"\n",
                |p| matches!(p, Problem::WrongType { .. }),
                8,
                8,
            ),
        ];
        for (questions, expected, line, col) in cases {
            let (problem, l, c) = error(questions);
            assert!(expected(&problem), "{questions:?}: {problem:?}");
            assert_eq!((l, c), (*line, *col), "{questions:?}: {problem:?}");
        }
    }
}
