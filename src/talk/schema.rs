//! The talk format as a JSON Schema (draft-07), for editors: Taplo and the Even Better TOML
//! extension read it through a `#:schema` directive and give completion, hover docs and
//! squiggles while the speaker types.
//!
//! Owns the description of every key (type, default, allowed values, what it means), in one
//! table per kind of TOML table, so a new table (a `[[question]]`, say) is one more [`Table`].
//! The key names must match the loader's (`validate.rs`); a test holds them together both ways.
//! Must not validate talks itself: `pacer check` stays the authority. The schema can only say
//! what JSON Schema can: shapes, types, ranges and the duration syntax; a zero budget, a budget
//! over 24 hours, a duplicate id or budgets that do not add up are left to `check`.

use serde_json::{Map, Value, json};

use super::DEFAULT_WARN;
use super::validate::{WARN_MAX, WPM_RANGE};

/// The JSON Schema dialect: draft-07, which Taplo reads (it implements draft 4 and later).
pub const DIALECT: &str = "http://json-schema.org/draft-07/schema#";

/// One TOML table of the format: its keys, each with what its value may be.
#[derive(Debug)]
pub struct Table {
    /// What the table is, as a hover title: "A section".
    pub title: &'static str,
    pub description: &'static str,
    pub keys: &'static [Key],
}

/// One key of a [`Table`].
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub description: &'static str,
}

/// What a key's value may be.
#[derive(Debug)]
pub enum Kind {
    /// A string on one line (surrounding whitespace is trimmed), not blank.
    Line,
    /// Any string.
    Text,
    /// A humantime duration string, with the default pacer takes without it; `zero_ok` when
    /// "0s" means something (a grace of none), otherwise a zero duration is refused.
    Duration {
        default: Option<&'static str>,
        zero_ok: bool,
    },
    /// A number in a range; `exclusive_min` when the minimum itself is not allowed.
    Number {
        min: f64,
        exclusive_min: bool,
        max: f64,
        default: Option<f64>,
    },
    Bool {
        default: bool,
    },
    /// A list of [`Kind::Line`]s (possibly empty).
    Lines,
    /// An array of at least one table (`[[name]]`).
    Tables(&'static Table),
    /// An array of at least one item, each a title alone or a table.
    TitlesOrTables(&'static Table),
}

/// The top level of a talk file.
pub static TALK: Table = Table {
    title: "A talk",
    description: "A talk outline for pacer: its title, how long it is, its sections and slides. \
                  `pacer check` validates it, `pacer plan` shows the timetable.",
    keys: &[
        Key {
            name: "title",
            kind: Kind::Line,
            required: true,
            description: "The talk's title, on one line.",
        },
        Key {
            name: "budget",
            kind: Kind::Duration {
                default: None,
                zero_ok: false,
            },
            required: true,
            description: "How long the talk is: more than zero, at most 24 hours. \
                          A duration string such as \"20m\", \"1m 30s\" or \"90s\".",
        },
        Key {
            name: "warn",
            kind: Kind::Number {
                min: 0.0,
                exclusive_min: true,
                max: WARN_MAX,
                default: Some(DEFAULT_WARN),
            },
            required: false,
            description: "A slide or section turns amber at this share of its budget \
                          (more than 0, at most 1).",
        },
        Key {
            name: "grace",
            kind: Kind::Duration {
                default: Some(GRACE_DEFAULT),
                zero_ok: true,
            },
            required: false,
            description: "A finish within budget ± grace counts as on time; may be \"0s\", \
                          at most 24 hours.",
        },
        Key {
            name: "wpm",
            kind: Kind::Number {
                min: *WPM_RANGE.start(),
                exclusive_min: false,
                max: *WPM_RANGE.end(),
                default: None,
            },
            required: false,
            description: "Speaking rate in words per minute (1 to 1000). When set, slides \
                          without a budget share the time by the length of their notes.",
        },
        Key {
            name: "answer",
            kind: Kind::Duration {
                default: Some(ANSWER_DEFAULT),
                zero_ok: false,
            },
            required: false,
            description: "The time an answer gets in `pacer drill` when its question sets no \
                          `budget` (more than zero).",
        },
        Key {
            name: "section",
            kind: Kind::Tables(&SECTION),
            required: true,
            description: "The sections, in order, each written `[[section]]`; at least one.",
        },
        Key {
            name: "question",
            kind: Kind::Tables(&QUESTION),
            required: false,
            description: "Questions the audience may ask after the talk, each written \
                          `[[question]]`; `pacer drill` rehearses the answers.",
        },
    ],
};

/// A `[[section]]`.
pub static SECTION: Table = Table {
    title: "A section",
    description: "A section of the talk: a title, an optional budget and its slides.",
    keys: &[
        Key {
            name: "title",
            kind: Kind::Line,
            required: true,
            description: "The section's title, on one line.",
        },
        Key {
            name: "budget",
            kind: Kind::Duration {
                default: None,
                zero_ok: false,
            },
            required: false,
            description: "The section's time (more than zero). Without it, the section gets \
                          the sum of its slides.",
        },
        Key {
            name: "slides",
            kind: Kind::TitlesOrTables(&SLIDE),
            required: true,
            description: "At least one slide: a string (its title), an inline table, or \
                          `[[section.slides]]` tables.",
        },
    ],
};

/// A slide written as a table (a slide can also be just its title).
pub static SLIDE: Table = Table {
    title: "A slide",
    description: "A slide: its title, and optionally an id, a budget, notes and flags.",
    keys: &[
        Key {
            name: "title",
            kind: Kind::Line,
            required: true,
            description: "The slide's title, on one line.",
        },
        Key {
            name: "id",
            kind: Kind::Line,
            required: false,
            description: "A stable identity across rehearsals, unique in the talk. Default: \
                          the slug of the section's and the slide's titles \
                          (\"method/where-the-lora-layers-attach\"); give one to a slide you \
                          rename to keep its history.",
        },
        Key {
            name: "budget",
            kind: Kind::Duration {
                default: None,
                zero_ok: false,
            },
            required: false,
            description: "The slide's time (more than zero). Without it, the slide gets a \
                          share of what its section or the talk leaves.",
        },
        Key {
            name: "optional",
            kind: Kind::Bool { default: false },
            required: false,
            description: "The speaker may skip this slide when behind; pacer suggests it as \
                          a cut.",
        },
        Key {
            name: "lock",
            kind: Kind::Bool { default: false },
            required: false,
            description: "`pacer tune` never changes this slide's budget, and it never gives \
                          way to new slides.",
        },
        Key {
            name: "tuned",
            kind: Kind::Bool { default: false },
            required: false,
            description: "`pacer tune --write` set this `budget`, and it gives way: when slides \
                          without a budget are added, the tuned budgets of their section (or \
                          the talk) are scaled down together to make room. Remove it to make \
                          the budget hard. Needs a `budget`.",
        },
        Key {
            name: "skip",
            kind: Kind::Bool { default: false },
            required: false,
            description: "The slide stays in the file but is left out of the plan and the \
                          rehearsal (`pacer tune --budget` cuts slides this way). Remove it to \
                          bring the slide back.",
        },
        Key {
            name: "notes",
            kind: Kind::Text,
            required: false,
            description: "What the speaker says; counted in words when the talk sets `wpm`.",
        },
    ],
};

/// A `[[question]]`.
pub static QUESTION: Table = Table {
    title: "A question",
    description: "A question the audience may ask after the talk: `pacer drill` asks it, \
                  times the answer against its budget and records how it went.",
    keys: &[
        Key {
            name: "ask",
            kind: Kind::Text,
            required: true,
            description: "The question, as the audience would put it.",
        },
        Key {
            name: "id",
            kind: Kind::Line,
            required: false,
            description: "A stable identity across drills, unique among the questions. \
                          Default: `q/` and the slug of the question; give one to a question \
                          you reword to keep its history.",
        },
        Key {
            name: "answer",
            kind: Kind::Text,
            required: false,
            description: "The points a good answer makes, shown after you answer to check \
                          yourself against.",
        },
        Key {
            name: "budget",
            kind: Kind::Duration {
                default: None,
                zero_ok: false,
            },
            required: false,
            description: "The time the answer should take (more than zero). Default: the \
                          talk's `answer`, else one minute.",
        },
        Key {
            name: "slide",
            kind: Kind::Line,
            required: false,
            description: "The slide the question is about: its `id` or its title.",
        },
        Key {
            name: "tags",
            kind: Kind::Lines,
            required: false,
            description: "Words to pick questions by (`pacer drill --tag`).",
        },
    ],
};

/// [`super::DEFAULT_ANSWER`] as a talk file writes it (a test holds the two together).
const ANSWER_DEFAULT: &str = "1m";

/// [`super::DEFAULT_GRACE`] as a talk file writes it (a test holds the two together).
const GRACE_DEFAULT: &str = "30s";

/// Every unit humantime reads, longest first within each unit.
const UNITS: &[&str] = &[
    "nanos", "nsec", "ns", "usec", "us", "µs", "millis", "msec", "ms", "seconds", "second", "secs",
    "sec", "s", "minutes", "minute", "mins", "min", "m", "hours", "hour", "hrs", "hr", "h", "days",
    "day", "d", "weeks", "week", "wks", "wk", "w", "months", "month", "M", "years", "year", "yrs",
    "yr", "y",
];

/// The pattern of a duration string: one or more `<number><unit>`, spaces allowed around them
/// ("20m", "1m 30s", "1.5m", "500ms").
pub fn duration_pattern() -> String {
    format!(r"^\s*([0-9]+(\.[0-9]+)?\s*({})\s*)+$", UNITS.join("|"))
}

/// A string whose every digit is zero: with [`duration_pattern`], a zero duration.
const ZERO_PATTERN: &str = "^[^1-9]*$";

/// One line of text with something in it: no control characters but surrounding whitespace
/// (which pacer trims), and at least one other character.
const LINE_PATTERN: &str = r"^\s*[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*\s*$";

/// The whole schema, as `pacer schema` prints it.
pub fn schema() -> Value {
    let mut root = Map::new();
    root.insert("$schema".into(), DIALECT.into());
    for (key, value) in table(&TALK) {
        root.insert(key, value);
    }
    Value::Object(root)
}

fn table(table: &Table) -> Map<String, Value> {
    let mut properties = Map::new();
    for key in table.keys {
        let mut value = property(&key.kind);
        if let Value::Object(map) = &mut value {
            map.insert("description".into(), key.description.into());
        }
        properties.insert(key.name.into(), value);
    }
    let required: Vec<Value> = table
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name.into())
        .collect();
    let mut map = Map::new();
    map.insert("title".into(), table.title.into());
    map.insert("description".into(), table.description.into());
    map.insert("type".into(), "object".into());
    map.insert("properties".into(), Value::Object(properties));
    map.insert("required".into(), Value::Array(required));
    map.insert("additionalProperties".into(), false.into());
    map
}

fn property(kind: &Kind) -> Value {
    match kind {
        Kind::Line => json!({ "type": "string", "pattern": LINE_PATTERN }),
        Kind::Text => json!({ "type": "string" }),
        Kind::Duration { default, zero_ok } => {
            let mut map = Map::new();
            map.insert("type".into(), "string".into());
            map.insert("pattern".into(), duration_pattern().into());
            if !zero_ok {
                // Every digit a zero: "0s", "0.0m", "0h 0m".
                map.insert("not".into(), json!({ "pattern": ZERO_PATTERN }));
            }
            map.insert(
                "examples".into(),
                json!(["20m", "1m 30s", "90s", "1h 5m", "1.5m", "500ms"]),
            );
            if let Some(default) = default {
                map.insert("default".into(), (*default).into());
            }
            Value::Object(map)
        }
        Kind::Number {
            min,
            exclusive_min,
            max,
            default,
        } => {
            let mut map = Map::new();
            map.insert("type".into(), "number".into());
            let bound = if *exclusive_min {
                "exclusiveMinimum"
            } else {
                "minimum"
            };
            map.insert(bound.into(), json!(min));
            map.insert("maximum".into(), json!(max));
            if let Some(default) = default {
                map.insert("default".into(), json!(default));
            }
            Value::Object(map)
        }
        Kind::Bool { default } => json!({ "type": "boolean", "default": default }),
        Kind::Lines => json!({
            "type": "array",
            "items": { "type": "string", "pattern": LINE_PATTERN },
        }),
        Kind::Tables(of) => json!({
            "type": "array",
            "minItems": 1,
            "items": Value::Object(table(of)),
        }),
        Kind::TitlesOrTables(of) => {
            // One schema for both forms rather than an `anyOf`: object keywords bind only
            // tables and `pattern` only strings, so an editor reports "`optinal` is not
            // allowed" instead of "matches none of the forms", and completes the table's keys.
            let mut item = table(of);
            item.insert("type".into(), json!(["string", "object"]));
            item.insert("pattern".into(), LINE_PATTERN.into());
            let description = format!("{} Or just its title: \"Roadmap\".", of.description);
            item.insert("description".into(), description.into());
            json!({ "type": "array", "minItems": 1, "items": item })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::DEFAULT_ANSWER;
    use super::super::DEFAULT_GRACE;
    use super::super::validate::{QUESTION_KEYS, SECTION_KEYS, SLIDE_KEYS, TALK_KEYS};
    use super::*;

    fn names(table: &Table) -> BTreeSet<&'static str> {
        table.keys.iter().map(|k| k.name).collect()
    }

    /// The loader's lists of keys and the schema's cannot drift apart, in either direction.
    #[test]
    fn the_schema_has_exactly_the_keys_the_loader_allows() {
        for (table, loader) in [
            (&TALK, TALK_KEYS),
            (&SECTION, SECTION_KEYS),
            (&SLIDE, SLIDE_KEYS),
            (&QUESTION, QUESTION_KEYS),
        ] {
            let loader: BTreeSet<&str> = loader.iter().copied().collect();
            assert_eq!(names(table), loader, "{}", table.title);
        }
    }

    #[test]
    fn the_printed_schema_lists_every_key_with_a_description() {
        let schema = schema();
        let section = &schema["properties"]["section"]["items"];
        let slide = &section["properties"]["slides"]["items"];
        let question = &schema["properties"]["question"]["items"];
        for (value, loader) in [
            (&schema, TALK_KEYS),
            (section, SECTION_KEYS),
            (slide, SLIDE_KEYS),
            (question, QUESTION_KEYS),
        ] {
            let properties = value["properties"].as_object().expect("properties");
            let printed: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
            assert_eq!(printed, loader.iter().copied().collect::<BTreeSet<_>>());
            for (key, property) in properties {
                assert!(
                    property["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{key} has no description"
                );
            }
            assert_eq!(value["additionalProperties"], false);
        }
    }

    #[test]
    fn defaults_are_the_loaders() {
        let schema = schema();
        assert_eq!(schema["properties"]["warn"]["default"], json!(DEFAULT_WARN));
        assert_eq!(
            humantime::parse_duration(GRACE_DEFAULT).ok(),
            Some(DEFAULT_GRACE)
        );
        assert_eq!(schema["properties"]["grace"]["default"], GRACE_DEFAULT);
        assert_eq!(
            humantime::parse_duration(ANSWER_DEFAULT).ok(),
            Some(DEFAULT_ANSWER)
        );
        assert_eq!(schema["properties"]["answer"]["default"], ANSWER_DEFAULT);
    }

    #[test]
    fn required_keys_are_title_budget_section_then_title_slides_then_title() {
        let schema = schema();
        assert_eq!(schema["required"], json!(["title", "budget", "section"]));
        let section = &schema["properties"]["section"]["items"];
        assert_eq!(section["required"], json!(["title", "slides"]));
        assert_eq!(
            section["properties"]["slides"]["items"]["required"],
            json!(["title"])
        );
        assert_eq!(
            schema["properties"]["question"]["items"]["required"],
            json!(["ask"])
        );
    }
}
