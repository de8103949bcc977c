//! The talk-level checks: every key, type and value of DESIGN.md's talk format, and default ids.
//!
//! Collects every problem it finds (not only the first), each pointing at its key or value.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::suggest;
use super::slug::slug;
use super::{DEFAULT_GRACE, DEFAULT_WARN, Diagnostic, Problem, Section, Slide, Source, Span, Talk};

const TALK_KEYS: &[&str] = &["title", "budget", "warn", "grace", "wpm", "section"];
const SECTION_KEYS: &[&str] = &["title", "budget", "slides"];
const SLIDE_KEYS: &[&str] = &["title", "id", "budget", "optional", "lock", "notes"];

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
        let title = self.required_title(
            root,
            TALK_KEYS,
            "the talk",
            0..0,
            "`title = \"My talk\"` at the top",
        );
        let budget = if let Some(value) = find(root, "budget") {
            self.duration(value, "budget", false)
        } else if misspelled(root, "budget", TALK_KEYS) {
            None
        } else {
            self.error(
                Problem::MissingKey {
                    key: "budget",
                    place: "the talk",
                    example: "`budget = \"20m\"` at the top",
                },
                0..0,
            );
            None
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
        let budget = find(table, "budget").map(|v| self.duration(v, "budget", false));
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
            _ => {
                self.wrong_type(value, key, "a number");
                return None;
            }
        };
        if number.is_none() {
            // The TOML reader keeps numbers as text; this one does not read as a number.
            self.error(
                Problem::BadNumber {
                    key: key.to_owned(),
                },
                value.span(),
            );
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
        let text = match value.get_ref() {
            DeValue::String(text) => text,
            DeValue::Integer(_) | DeValue::Float(_) => {
                let number = self.source.text()[span.clone()].to_owned();
                self.error(Problem::NumberDuration { key, number }, span);
                return None;
            }
            _ => {
                self.wrong_type(value, key, "a duration string such as \"90s\"");
                return None;
            }
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
                let (reason, at) = duration_error(&err, text);
                // humantime's offsets count from the string's start: move them into the file,
                // where the literal has no escapes to shift them.
                let literal = &self.source.text()[span.clone()];
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

/// What humantime found wrong, and where in the string (in bytes) it found it.
fn duration_error(err: &humantime::DurationError, text: &str) -> (String, Option<Span>) {
    use humantime::DurationError as E;
    match err {
        E::InvalidCharacter(at) => {
            let c = text.get(*at..).and_then(|rest| rest.chars().next());
            let reason = c.map_or_else(
                || "unexpected character".to_owned(),
                |c| format!("unexpected character `{c}`"),
            );
            let len = c.map_or(1, char::len_utf8);
            (reason, Some(*at..*at + len))
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::talk::Severity;

    const HEAD: &str = "title = \"T\"\nbudget = \"20m\"\n";
    const SECTION: &str = "[[section]]\ntitle = \"S\"\n";

    /// Every problem the checks find, with its 1-based line and column.
    fn problems(text: &str) -> Vec<(Problem, usize, usize)> {
        let source = Source::new("t.toml", text);
        let diagnostics = match crate::talk::parse(&source) {
            Ok((_, warnings)) => warnings,
            Err(errors) => errors,
        };
        diagnostics
            .into_iter()
            .map(|d| {
                assert_eq!(d.severity, Severity::Error, "{d:?}");
                let (line, col) = source.line_col(d.span.start);
                (d.problem, line, col)
            })
            .collect()
    }

    type Case = (
        &'static str,
        &'static str,
        fn(&Problem) -> bool,
        usize,
        usize,
    );

    /// Name, talk text (`$HEAD` and `$SECTION` stand for the lines above), the problem
    /// expected, and its line and column.
    const CASES: &[Case] = &[
        (
            "syntax",
            "$HEADtitle = \n",
            |p| matches!(p, Problem::Syntax(_)),
            3,
            9,
        ),
        (
            "duplicate key",
            "$HEADbudget = \"1m\"\n",
            |p| matches!(p, Problem::Syntax(m) if m.contains("duplicate key")),
            3,
            1,
        ),
        (
            "unknown talk key",
            "$HEADbudgt = \"1m\"\n$SECTIONslides = [\"a\"]\n",
            |p| {
                matches!(
                    p,
                    Problem::UnknownKey {
                        suggestion: Some("budget"),
                        ..
                    }
                )
            },
            3,
            1,
        ),
        (
            "unknown slide key",
            "$HEAD$SECTIONslides = [{ title = \"a\", optinal = true }]\n",
            |p| {
                matches!(
                    p,
                    Problem::UnknownKey {
                        suggestion: Some("optional"),
                        ..
                    }
                )
            },
            5,
            26,
        ),
        (
            "missing talk budget",
            "title = \"T\"\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::MissingKey { key: "budget", .. }),
            1,
            1,
        ),
        (
            "section without title points at its header",
            "$HEAD\n[[section]]\nslides = [\"a\"]\n",
            |p| matches!(p, Problem::MissingKey { key: "title", .. }),
            4,
            1,
        ),
        (
            "long-form slide without title points at its header",
            "$HEAD$SECTION[[section.slides]]\nbudget = \"1m\"\n",
            |p| matches!(p, Problem::MissingKey { key: "title", .. }),
            5,
            1,
        ),
        (
            "title of the wrong type",
            "title = 3\nbudget = \"1m\"\n$SECTIONslides = [\"a\"]\n",
            |p| {
                matches!(
                    p,
                    Problem::WrongType {
                        found: "an integer",
                        ..
                    }
                )
            },
            1,
            9,
        ),
        (
            "budget as a bare number",
            "title = \"T\"\nbudget = 90\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::NumberDuration { number, .. } if number == "90"),
            2,
            10,
        ),
        (
            "wpm that is not a number",
            "$HEADwpm = 0x\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::BadNumber { .. }),
            3,
            7,
        ),
        (
            "bad duration points into the string",
            "title = \"T\"\nbudget = \"20 mins x\"\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::BadDuration { .. }),
            2,
            19,
        ),
        (
            "unknown unit points at the unit",
            "$HEAD$SECTIONslides = [{ title = \"a\", budget = \"1m 3q\" }]\n",
            |p| matches!(p, Problem::BadDuration { reason, .. } if reason.contains("`q`")),
            5,
            40,
        ),
        (
            "zero budget",
            "$HEAD$SECTIONbudget = \"0s\"\nslides = [\"a\"]\n",
            |p| matches!(p, Problem::ZeroDuration { key: "budget" }),
            5,
            10,
        ),
        (
            "huge budget",
            "title = \"T\"\nbudget = \"25h\"\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::HugeDuration { .. }),
            2,
            10,
        ),
        (
            "warn out of range",
            "$HEADwarn = 80\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::BadWarn(_)),
            3,
            8,
        ),
        (
            "wpm out of range",
            "$HEADwpm = 0\n$SECTIONslides = [\"a\"]\n",
            |p| matches!(p, Problem::BadWpm(_)),
            3,
            7,
        ),
        (
            "empty slide title",
            "$HEAD$SECTIONslides = [\"a\", \"  \"]\n",
            |p| matches!(p, Problem::EmptyTitle { place: "a slide" }),
            5,
            16,
        ),
        (
            "empty id",
            "$HEAD$SECTIONslides = [{ title = \"a\", id = \"\" }]\n",
            |p| matches!(p, Problem::EmptyId("id")),
            5,
            31,
        ),
        (
            "title on two lines",
            "$HEAD$SECTIONslides = [\"a\\nb\"]\n",
            |p| matches!(p, Problem::ControlInText { key: "title" }),
            5,
            11,
        ),
        (
            "no sections",
            "$HEAD",
            |p| matches!(p, Problem::NoSections),
            3,
            1,
        ),
        (
            "section as a plain table",
            "$HEAD[section]\ntitle = \"S\"\n",
            |p| matches!(p, Problem::WrongType { .. }),
            3,
            1,
        ),
        (
            "section without slides",
            "$HEAD$SECTION",
            |p| matches!(p, Problem::NoSlides(s) if s == "S"),
            3,
            1,
        ),
        (
            "empty slide list",
            "$HEAD$SECTIONslides = []\n",
            |p| matches!(p, Problem::NoSlides(_)),
            5,
            10,
        ),
        (
            "slide of the wrong type",
            "$HEAD$SECTIONslides = [true]\n",
            |p| {
                matches!(
                    p,
                    Problem::WrongType {
                        found: "a boolean",
                        ..
                    }
                )
            },
            5,
            11,
        ),
        (
            "repeated explicit id",
            "$HEAD$SECTIONslides = [{ title = \"a\", id = \"x\" },\n  { title = \"b\", id = \"x\" }]\n",
            |p| matches!(p, Problem::DuplicateId { first_line: 5, .. }),
            6,
            23,
        ),
    ];

    #[test]
    fn every_error_kind_at_its_place() {
        let mut wrong = Vec::new();
        for &(name, text, is_expected, line, col) in CASES {
            let text = text.replace("$HEAD", HEAD).replace("$SECTION", SECTION);
            let found = problems(&text);
            match found.as_slice() {
                [(problem, l, c)] if is_expected(problem) && (*l, *c) == (line, col) => {}
                _ => wrong.push(format!("{name}: want {line}:{col}, found {found:?}")),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn every_key_is_read() {
        let text = r#"
title = "  Talk  "
budget = "20m"
warn = 0.75
grace = "45s"
wpm = 140

[[section]]
title = "Opening"
budget = "1m 30s"
slides = ["Title", { title = "Who I am", budget = "15s" }]

[[section]]
title = "Method"

[[section.slides]]
title = "Where the LoRA layers attach"
id = "lora-placement"
budget = "40s"
optional = true
lock = true
notes = """
Low-rank update.
"""
"#;
        let (talk, warnings) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(talk.title, "Talk");
        assert_eq!(talk.budget, Duration::from_secs(1200));
        assert!((talk.warn - 0.75).abs() < f64::EPSILON);
        assert_eq!(talk.grace, Duration::from_secs(45));
        assert_eq!(talk.wpm, Some(140.0));
        assert_eq!(talk.sections[0].budget, Some(Duration::from_secs(90)));
        assert_eq!(talk.sections[0].slides[0].id, "opening/title");
        assert_eq!(
            talk.sections[0].slides[1].budget,
            Some(Duration::from_secs(15))
        );
        let slide = &talk.sections[1].slides[0];
        assert_eq!(slide.id, "lora-placement");
        assert!(slide.optional && slide.lock);
        assert_eq!(slide.notes, "Low-rank update.");
    }

    #[test]
    fn defaults() {
        let text = format!("{HEAD}{SECTION}slides = [\"a\"]\n");
        let (talk, _) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
        assert!((talk.warn - DEFAULT_WARN).abs() < f64::EPSILON);
        assert_eq!(talk.grace, DEFAULT_GRACE);
        assert_eq!(talk.wpm, None);
        let slide = &talk.sections[0].slides[0];
        assert!(!slide.optional && !slide.lock && slide.budget.is_none());
    }

    #[test]
    fn default_ids_are_unique_slugs() {
        let text = format!(
            "{HEAD}{SECTION}slides = [\"Intro\", \"Intro\", {{ title = \"x\", id = \"s/intro-3\" }}, \"Intro\", \"🚀\"]\n\
             [[section]]\ntitle = \"発表\"\nslides = [\"結果\", \"Intro\"]\n"
        );
        let (talk, _) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
        let ids: Vec<&str> = talk
            .sections
            .iter()
            .flat_map(|s| &s.slides)
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "s/intro",
                "s/intro-2",
                "s/intro-3",
                "s/intro-4",
                "s/slide-5",
                "発表/結果",
                "発表/intro"
            ]
        );
    }

    #[test]
    fn many_identical_titles_stay_fast_and_unique() {
        let slides = vec!["\"Same\""; 10_000].join(", ");
        let text = format!("{HEAD}{SECTION}slides = [{slides}]\n");
        let (talk, _) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
        let ids: HashSet<&str> = talk.sections[0]
            .slides
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids.len(), 10_000);
    }
}
