//! The talk-level checks: every key, type and value of DESIGN.md's talk format, and default ids.
//!
//! Collects every problem it finds (not only the first), each pointing at its key or value.

mod questions;
#[cfg(test)]
mod tests;
mod values;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::suggest;
use super::slug::slug;
use super::{
    DEFAULT_ANSWER, DEFAULT_GRACE, DEFAULT_WARN, Diagnostic, Problem, Section, Slide, Source, Span,
    Talk, Zero,
};

// The schema (`schema.rs`) describes exactly these keys; a test there holds them together.
pub(super) const TALK_KEYS: &[&str] = &[
    "title", "budget", "warn", "grace", "wpm", "answer", "section", "question",
];
pub(super) const SECTION_KEYS: &[&str] = &["title", "budget", "slides"];
pub(super) const SLIDE_KEYS: &[&str] = &[
    "title", "id", "budget", "tuned", "optional", "lock", "skip", "notes",
];
pub(super) const QUESTION_KEYS: &[&str] = &["ask", "id", "answer", "budget", "slide", "tags"];

/// The largest `warn` (a share of a budget); it must be more than zero.
pub(super) const WARN_MAX: f64 = 1.0;
/// The speaking rates `wpm` may set.
pub(super) const WPM_RANGE: std::ops::RangeInclusive<f64> = 1.0..=1000.0;

/// The longest budget or grace pacer accepts: beyond it a unit was almost surely mistyped.
const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);

type Value<'i> = Spanned<DeValue<'i>>;

/// Turns a parsed TOML table into a [`Talk`], or every error found.
pub fn validate(
    source: &Source,
    root: &Spanned<DeTable<'_>>,
) -> Result<(Talk, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut checker = Checker {
        source,
        diagnostics: Vec::new(),
        ids: HashMap::new(),
    };
    let talk = checker.talk(root.get_ref());
    if checker.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(checker.diagnostics);
    }
    // Every error path above pushes a diagnostic, so a talk is always there when none was pushed.
    talk.map(|talk| (talk, checker.diagnostics))
        .ok_or_else(|| vec![Diagnostic::error(Problem::NoSections, 0..0)])
}

struct Checker<'t> {
    source: &'t Source,
    diagnostics: Vec<Diagnostic>,
    /// Explicit slide ids seen so far, with where each was first written.
    ids: HashMap<String, Span>,
}

fn find<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Value<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// Whether the table has an unknown key that is a likely typo of `key` (already reported with
/// a "did you mean"), so that `key` missing need not be reported as well.
fn misspelled(table: &DeTable<'_>, key: &str, allowed: &'static [&'static str]) -> bool {
    table.keys().any(|k| {
        let k = k.get_ref().as_ref();
        !allowed.contains(&k) && suggest(k, allowed) == Some(key)
    })
}

impl Checker<'_> {
    fn error(&mut self, problem: Problem, span: Span) {
        self.diagnostics.push(Diagnostic::error(problem, span));
    }

    fn talk(&mut self, root: &DeTable<'_>) -> Option<Talk> {
        self.unknown_keys(root, TALK_KEYS, "the talk");
        // The top-level table has no header: a missing key is reported at its first key (past
        // any opening comments), or at the start of an empty file.
        let top = root.keys().next().map_or(0..0, toml::Spanned::span);
        let title = self.required_title(
            root,
            TALK_KEYS,
            "the talk",
            top.clone(),
            "`title = \"My talk\"` at the top",
        );
        let budget = if let Some(value) = find(root, "budget") {
            self.duration(value, "budget", Zero::Required)
        } else if misspelled(root, "budget", TALK_KEYS) {
            None
        } else {
            self.error(
                Problem::MissingKey {
                    key: "budget",
                    place: "the talk",
                    example: "`budget = \"20m\"` at the top: the time the talk must fit in",
                },
                top,
            );
            None
        };
        let warn = find(root, "warn")
            .and_then(|v| self.number(v, "warn"))
            .map_or(Some(DEFAULT_WARN), |(warn, span)| {
                if warn > 0.0 && warn <= WARN_MAX {
                    Some(warn)
                } else {
                    self.error(Problem::BadWarn(warn), span);
                    None
                }
            });
        let grace = find(root, "grace").map_or(Some(DEFAULT_GRACE), |v| {
            self.duration(v, "grace", Zero::Allowed).map(|(d, _)| d)
        });
        let wpm = match find(root, "wpm").and_then(|v| self.number(v, "wpm")) {
            Some((wpm, _)) if WPM_RANGE.contains(&wpm) => Some(Some(wpm)),
            Some((wpm, span)) => {
                self.error(Problem::BadWpm(wpm), span);
                None
            }
            None => Some(None),
        };
        let answer = find(root, "answer").map_or(Some(DEFAULT_ANSWER), |v| {
            self.duration(v, "answer", Zero::DefaultAnswer)
                .map(|(d, _)| d)
        });
        let sections = self.sections(root);
        let questions = match (&sections, answer) {
            (Some(sections), Some(answer)) => self.questions(root, sections, answer),
            _ => None,
        };
        Some(Talk {
            title: title?,
            budget: budget.as_ref()?.0,
            budget_span: budget?.1,
            warn: warn?,
            grace: grace?,
            wpm: wpm?,
            sections: sections?,
            answer: answer?,
            questions: questions?,
        })
    }

    fn sections(&mut self, root: &DeTable<'_>) -> Option<Vec<Section>> {
        let Some(value) = find(root, "section") else {
            if !misspelled(root, "section", TALK_KEYS) {
                let end = self.source.text().len();
                self.error(Problem::NoSections, end..end);
            }
            return None;
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, "section", "an array of tables (`[[section]]`)");
            return None;
        };
        if items.is_empty() {
            self.error(Problem::NoSections, value.span());
            return None;
        }
        let mut sections = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match self.section(item) {
                Some(section) => sections.push(section),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        self.same_titles(&sections);
        self.assign_ids(&mut sections);
        Some(sections)
    }

    fn section(&mut self, value: &Value<'_>) -> Option<Section> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(value, "section", "a table (`[[section]]`)");
            return None;
        };
        // A `[[section]]` table's span is its header line; an inline table's, its braces.
        let span = value.span();
        self.unknown_keys(table, SECTION_KEYS, "a section");
        let title = self.required_title(
            table,
            SECTION_KEYS,
            "a section",
            span.clone(),
            "`title = \"…\"`",
        );
        let budget = find(table, "budget").map(|v| self.duration(v, "budget", Zero::Shared));
        let slides = if let Some(list) = find(table, "slides") {
            self.slides(list, title.as_deref().unwrap_or(""))
        } else {
            if !misspelled(table, "slides", SECTION_KEYS) {
                self.error(
                    Problem::NoSlides(title.clone().unwrap_or_default()),
                    span.clone(),
                );
            }
            None
        };
        let (budget, budget_span) = match budget {
            None => (None, None),
            Some(Some((d, s))) => (Some(d), Some(s)),
            Some(None) => return None,
        };
        Some(Section {
            title: title?,
            budget,
            slides: slides?,
            span,
            budget_span,
        })
    }

    fn slides(&mut self, list: &Value<'_>, section_title: &str) -> Option<Vec<Slide>> {
        let DeValue::Array(items) = list.get_ref() else {
            self.wrong_type(list, "slides", "an array of slides");
            return None;
        };
        if items.is_empty() {
            self.error(Problem::NoSlides(section_title.to_owned()), list.span());
            return None;
        }
        let mut slides = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match self.slide(item) {
                Some(slide) => slides.push(slide),
                None => ok = false,
            }
        }
        ok.then_some(slides)
    }

    fn slide(&mut self, value: &Value<'_>) -> Option<Slide> {
        let table = match value.get_ref() {
            DeValue::String(title) => {
                let title = self.title_text(title, value.span(), "a slide")?;
                return Some(Slide {
                    id: String::new(),
                    title,
                    budget: None,
                    optional: false,
                    lock: false,
                    tuned: false,
                    skip: false,
                    notes: String::new(),
                    span: value.span(),
                    budget_span: None,
                });
            }
            DeValue::Table(table) => table,
            _ => {
                self.wrong_type(value, "slides", "a title or a table with a `title`");
                return None;
            }
        };
        let span = value.span();
        self.unknown_keys(table, SLIDE_KEYS, "a slide");
        let title = self.required_title(
            table,
            SLIDE_KEYS,
            "a slide",
            span.clone(),
            "`title = \"…\"`",
        );
        let id = find(table, "id").map_or(Some(String::new()), |v| self.explicit_id(v));
        let budget = find(table, "budget").map(|v| self.duration(v, "budget", Zero::Shared));
        let optional = find(table, "optional").map_or(Some(false), |v| self.boolean(v, "optional"));
        let lock = find(table, "lock").map_or(Some(false), |v| self.boolean(v, "lock"));
        let tuned = find(table, "tuned").map_or(Some(false), |v| self.boolean(v, "tuned"));
        let skip = find(table, "skip").map_or(Some(false), |v| self.boolean(v, "skip"));
        if tuned == Some(true)
            && budget.is_none()
            && let Some(value) = find(table, "tuned")
        {
            self.error(Problem::TunedWithoutBudget, value.span());
        }
        let notes = find(table, "notes").map_or(Some(String::new()), |v| self.string(v, "notes"));
        let (budget, budget_span) = match budget {
            None => (None, None),
            Some(Some((d, s))) => (Some(d), Some(s)),
            Some(None) => return None,
        };
        Some(Slide {
            id: id?,
            title: title?,
            budget,
            optional: optional?,
            lock: lock?,
            tuned: tuned?,
            skip: skip?,
            notes: notes?.trim().to_owned(),
            span,
            budget_span,
        })
    }

    /// A slide's explicit `id`: not empty, one line, and used by no earlier slide.
    fn explicit_id(&mut self, value: &Value<'_>) -> Option<String> {
        let id = self.string(value, "id")?;
        let id = id.trim();
        if id.is_empty() {
            self.error(Problem::EmptyId("id"), value.span());
            return None;
        }
        if id.chars().any(char::is_control) {
            self.error(Problem::ControlInText { key: "id" }, value.span());
            return None;
        }
        if let Some(first) = self.ids.get(id) {
            let first_line = self.source.line_col(first.start).0;
            self.error(
                Problem::DuplicateId {
                    id: id.to_owned(),
                    first_line,
                },
                value.span(),
            );
            return None;
        }
        self.ids.insert(id.to_owned(), value.span());
        Some(id.to_owned())
    }

    /// Every slide without an explicit id gets `section-slug/title-slug`, suffixed `-2`, `-3`…
    /// where it would collide with an id already given (explicit ids always win).
    fn assign_ids(&mut self, sections: &mut [Section]) {
        let mut taken: HashSet<String> = self.ids.keys().cloned().collect();
        // The next suffix to try for each base, so a thousand slides titled alike stay linear.
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
        for (s, section) in sections.iter_mut().enumerate() {
            let mut section_slug = slug(&section.title);
            if section_slug.is_empty() {
                section_slug = format!("section-{}", s + 1);
            }
            for (n, slide) in section.slides.iter_mut().enumerate() {
                if !slide.id.is_empty() {
                    continue;
                }
                let mut slide_slug = slug(&slide.title);
                if slide_slug.is_empty() {
                    slide_slug = format!("slide-{}", n + 1);
                }
                let base = format!("{section_slug}/{slide_slug}");
                let mut id = base.clone();
                if taken.contains(&id) {
                    let k = next_suffix.entry(base.clone()).or_insert(2);
                    loop {
                        id = format!("{base}-{k}");
                        *k += 1;
                        if !taken.contains(&id) {
                            break;
                        }
                    }
                }
                taken.insert(id.clone());
                slide.id = id;
            }
        }
    }

    fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        allowed: &'static [&'static str],
        place: &'static str,
    ) {
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                self.error(
                    Problem::UnknownKey {
                        key: name.to_owned(),
                        place,
                        suggestion: suggest(name, allowed),
                        allowed,
                    },
                    key.span(),
                );
            }
        }
    }

    /// Two sections with one title: reports and comparisons tell sections apart by title, so
    /// a warning at the second (and every later) one.
    fn same_titles(&mut self, sections: &[Section]) {
        let mut seen: HashMap<&str, &Span> = HashMap::new();
        for section in sections {
            if let Some(first) = seen.get(section.title.as_str()) {
                let first_line = self.source.line_col(first.start).0;
                self.diagnostics.push(Diagnostic::warning(
                    Problem::SameSectionTitle {
                        title: section.title.clone(),
                        first_line,
                    },
                    section.span.clone(),
                ));
            } else {
                seen.insert(&section.title, &section.span);
            }
        }
    }

    fn required_title(
        &mut self,
        table: &DeTable<'_>,
        allowed: &'static [&'static str],
        place: &'static str,
        spot: Span,
        example: &'static str,
    ) -> Option<String> {
        let Some(value) = find(table, "title") else {
            if misspelled(table, "title", allowed) {
                return None;
            }
            self.error(
                Problem::MissingKey {
                    key: "title",
                    place,
                    example,
                },
                spot,
            );
            return None;
        };
        let title = self.string(value, "title")?;
        self.title_text(&title, value.span(), place)
    }

    /// A title trimmed, or an error when it is empty or spans lines (it must fit one row).
    fn title_text(&mut self, title: &str, span: Span, place: &'static str) -> Option<String> {
        let title = title.trim();
        if title.is_empty() {
            self.error(Problem::EmptyTitle { place }, span);
            return None;
        }
        if title.chars().any(char::is_control) {
            self.error(Problem::ControlInText { key: "title" }, span);
            return None;
        }
        Some(title.to_owned())
    }
}
