//! The talk-level checks: every key, type and value of DESIGN.md's talk format, and default ids.
//!
//! Collects every problem it finds (not only the first), each pointing at its key or value.

use std::collections::HashMap;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::suggest;
use super::slug::slug;
use super::{DEFAULT_GRACE, DEFAULT_WARN, Diagnostic, Problem, Section, Slide, Span, Talk};

const TALK_KEYS: &[&str] = &["title", "budget", "warn", "grace", "wpm", "section"];
const SECTION_KEYS: &[&str] = &["title", "budget", "slides"];
const SLIDE_KEYS: &[&str] = &["title", "id", "budget", "optional", "lock", "notes"];

/// The longest budget or grace pacer accepts: beyond it a unit was almost surely mistyped.
const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);

type Value<'i> = Spanned<DeValue<'i>>;

/// Turns a parsed TOML table into a [`Talk`], or every error found.
pub fn validate(
    text: &str,
    root: &Spanned<DeTable<'_>>,
) -> Result<(Talk, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut checker = Checker {
        text,
        diagnostics: Vec::new(),
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
    text: &'t str,
    diagnostics: Vec<Diagnostic>,
}

fn find<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Value<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// Where a table without a visible key should be reported: its first key, else its own span.
fn table_spot(table: &DeTable<'_>, fallback: Span) -> Span {
    table.keys().next().map_or(fallback, |k| k.span())
}

impl Checker<'_> {
    fn error(&mut self, problem: Problem, span: Span) {
        self.diagnostics.push(Diagnostic::error(problem, span));
    }

    fn talk(&mut self, root: &DeTable<'_>) -> Option<Talk> {
        self.unknown_keys(root, TALK_KEYS, "the talk");
        let title = self.required_title(root, "the talk", 0..0, "`title = \"My talk\"` at the top");
        let budget = match find(root, "budget") {
            Some(value) => self.duration(value, "budget", false),
            None => {
                self.error(
                    Problem::MissingKey {
                        key: "budget",
                        place: "the talk",
                        example: "`budget = \"20m\"` at the top",
                    },
                    0..0,
                );
                None
            }
        };
        let warn = find(root, "warn")
            .and_then(|v| self.number(v, "warn"))
            .map_or(Some(DEFAULT_WARN), |(warn, span)| {
                if warn > 0.0 && warn <= 1.0 {
                    Some(warn)
                } else {
                    self.error(Problem::BadWarn(warn), span);
                    None
                }
            });
        let grace = find(root, "grace").map_or(Some(DEFAULT_GRACE), |v| {
            self.duration(v, "grace", true).map(|(d, _)| d)
        });
        let wpm = match find(root, "wpm").and_then(|v| self.number(v, "wpm")) {
            Some((wpm, _)) if (1.0..=1000.0).contains(&wpm) => Some(Some(wpm)),
            Some((wpm, span)) => {
                self.error(Problem::BadWpm(wpm), span);
                None
            }
            None => Some(None),
        };
        let sections = self.sections(root);
        Some(Talk {
            title: title?,
            budget: budget.as_ref()?.0,
            budget_span: budget?.1,
            warn: warn?,
            grace: grace?,
            wpm: wpm?,
            sections: sections?,
        })
    }

    fn sections(&mut self, root: &DeTable<'_>) -> Option<Vec<Section>> {
        let Some(value) = find(root, "section") else {
            self.error(Problem::NoSections, self.text.len()..self.text.len());
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
        self.assign_ids(&mut sections);
        Some(sections)
    }

    fn section(&mut self, value: &Value<'_>) -> Option<Section> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(value, "section", "a table (`[[section]]`)");
            return None;
        };
        let span = table_spot(table, value.span());
        self.unknown_keys(table, SECTION_KEYS, "a section");
        let title = self.required_title(table, "a section", span.clone(), "`title = \"…\"`");
        let budget = find(table, "budget").map(|v| self.duration(v, "budget", false));
        let slides = match find(table, "slides") {
            Some(list) => self.slides(list, title.as_deref().unwrap_or("")),
            None => {
                self.error(
                    Problem::NoSlides(title.clone().unwrap_or_default()),
                    span.clone(),
                );
                None
            }
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
                if title.trim().is_empty() {
                    self.error(Problem::EmptyTitle { place: "a slide" }, value.span());
                    return None;
                }
                return Some(Slide {
                    id: String::new(),
                    title: title.trim().to_owned(),
                    budget: None,
                    optional: false,
                    lock: false,
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
        let span = table_spot(table, value.span());
        self.unknown_keys(table, SLIDE_KEYS, "a slide");
        let title = self.required_title(table, "a slide", span.clone(), "`title = \"…\"`");
        let id = match find(table, "id") {
            None => Some(String::new()),
            Some(v) => match self.string(v, "id") {
                Some(id) if id.trim().is_empty() => {
                    self.error(Problem::EmptyId("id"), v.span());
                    None
                }
                other => other.map(|id| id.trim().to_owned()),
            },
        };
        let budget = find(table, "budget").map(|v| self.duration(v, "budget", false));
        let optional = find(table, "optional").map_or(Some(false), |v| self.boolean(v, "optional"));
        let lock = find(table, "lock").map_or(Some(false), |v| self.boolean(v, "lock"));
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
            notes: notes?.trim().to_owned(),
            span,
            budget_span,
        })
    }

    /// Explicit ids must be unique; every other slide gets `section-slug/title-slug`, suffixed
    /// `-2`, `-3`… where it would collide.
    fn assign_ids(&mut self, sections: &mut [Section]) {
        let mut taken: HashMap<String, Span> = HashMap::new();
        for slide in sections.iter().flat_map(|s| &s.slides) {
            if slide.id.is_empty() {
                continue;
            }
            if let Some(first) = taken.get(&slide.id) {
                let first_line = line_of(self.text, first.start);
                self.error(
                    Problem::DuplicateId {
                        id: slide.id.clone(),
                        first_line,
                    },
                    slide.span.clone(),
                );
            } else {
                taken.insert(slide.id.clone(), slide.span.clone());
            }
        }
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
                let mut k = 2;
                while taken.contains_key(&id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                taken.insert(id.clone(), slide.span.clone());
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

    fn required_title(
        &mut self,
        table: &DeTable<'_>,
        place: &'static str,
        spot: Span,
        example: &'static str,
    ) -> Option<String> {
        let Some(value) = find(table, "title") else {
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
        if title.trim().is_empty() {
            self.error(Problem::EmptyTitle { place }, value.span());
            return None;
        }
        Some(title.trim().to_owned())
    }

    fn wrong_type(&mut self, value: &Value<'_>, key: &str, expected: &'static str) {
        self.error(
            Problem::WrongType {
                key: key.to_owned(),
                expected,
                found: found_name(value.get_ref()),
            },
            value.span(),
        );
    }

    fn string(&mut self, value: &Value<'_>, key: &str) -> Option<String> {
        if let DeValue::String(s) = value.get_ref() {
            Some(s.to_string())
        } else {
            self.wrong_type(value, key, "a string");
            None
        }
    }

    fn boolean(&mut self, value: &Value<'_>, key: &str) -> Option<bool> {
        if let DeValue::Boolean(b) = value.get_ref() {
            Some(*b)
        } else {
            self.wrong_type(value, key, "`true` or `false`");
            None
        }
    }

    fn number(&mut self, value: &Value<'_>, key: &str) -> Option<(f64, Span)> {
        let number = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|i| i as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        if number.is_none() {
            self.wrong_type(value, key, "a number");
        }
        number.map(|n| (n, value.span()))
    }

    /// A humantime duration, whole milliseconds; zero allowed only where `zero_ok`.
    fn duration(
        &mut self,
        value: &Value<'_>,
        key: &'static str,
        zero_ok: bool,
    ) -> Option<(Duration, Span)> {
        let span = value.span();
        let DeValue::String(text) = value.get_ref() else {
            self.wrong_type(value, key, "a duration string such as \"90s\"");
            return None;
        };
        match humantime::parse_duration(text) {
            Ok(d) => {
                let d = Duration::from_millis(u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
                if d > MAX_DURATION {
                    self.error(Problem::HugeDuration { key }, span);
                    None
                } else if d.is_zero() && !zero_ok {
                    self.error(Problem::ZeroDuration { key }, span);
                    None
                } else {
                    Some((d, span))
                }
            }
            Err(err) => {
                let (reason, at) = duration_error(&err);
                // humantime's offsets count from the string's start: move them into the file,
                // where the literal has no escapes to shift them.
                let literal = &self.text[span.clone()];
                let spot = match at {
                    Some(range) if literal.len() == text.len() + 2 => {
                        span.start + 1 + range.start
                            ..span.start + 1 + range.end.max(range.start + 1)
                    }
                    _ => span,
                };
                self.error(Problem::BadDuration { key, reason }, spot);
                None
            }
        }
    }
}

fn duration_error(err: &humantime::DurationError) -> (String, Option<Span>) {
    use humantime::DurationError as E;
    match err {
        E::InvalidCharacter(at) => ("unexpected character".into(), Some(*at..*at + 1)),
        E::NumberExpected(at) => ("a number is missing".into(), Some(*at..*at + 1)),
        E::UnknownUnit {
            start, end, unit, ..
        } => {
            let reason = if unit.is_empty() {
                "a unit is missing (s, m or h)".to_owned()
            } else {
                format!("unknown unit `{unit}`")
            };
            (reason, Some(*start..*end))
        }
        E::NumberOverflow => ("the number is too large".into(), None),
        E::Empty => ("the value is empty".into(), None),
    }
}

fn found_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
