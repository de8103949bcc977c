//! Reading typed values: strings, booleans, numbers and durations, each a diagnostic at the
//! value when it is not what the key needs.

use std::time::Duration;

use toml::de::DeValue;

use super::{Checker, MAX_DURATION, Value};
use crate::talk::{Problem, Span, Zero};

impl Checker<'_> {
    pub(super) fn wrong_type(&mut self, value: &Value<'_>, key: &str, expected: &'static str) {
        self.error(
            Problem::WrongType {
                key: key.to_owned(),
                expected,
                found: found_name(value.get_ref()),
            },
            value.span(),
        );
    }

    pub(super) fn string(&mut self, value: &Value<'_>, key: &str) -> Option<String> {
        if let DeValue::String(s) = value.get_ref() {
            Some(s.to_string())
        } else {
            self.wrong_type(value, key, "a string");
            None
        }
    }

    pub(super) fn boolean(&mut self, value: &Value<'_>, key: &str) -> Option<bool> {
        if let DeValue::Boolean(b) = value.get_ref() {
            Some(*b)
        } else {
            self.wrong_type(value, key, "`true` or `false`");
            None
        }
    }

    pub(super) fn number(&mut self, value: &Value<'_>, key: &str) -> Option<(f64, Span)> {
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

    /// A humantime duration, whole milliseconds; zero allowed only where `zero` says so.
    pub(super) fn duration(
        &mut self,
        value: &Value<'_>,
        key: &'static str,
        zero: Zero,
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
        if let Some(suggestion) = clock_to_duration(text) {
            let written = text.to_string();
            self.error(
                Problem::ClockDuration {
                    key,
                    written,
                    suggestion,
                },
                span,
            );
            return None;
        }
        match humantime::parse_duration(text) {
            Ok(d) => {
                let d = Duration::from_millis(u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
                if d > MAX_DURATION {
                    self.error(Problem::HugeDuration { key }, span);
                    None
                } else if d.is_zero() && zero != Zero::Allowed {
                    self.error(Problem::ZeroDuration { key, unset: zero }, span);
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

/// `"1:30"` (m:ss) or `"1:02:30"` (h:mm:ss), as a duration pacer reads (`"1m 30s"`,
/// `"1h 2m 30s"`); `None` for anything else.
fn clock_to_duration(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let numbers: Vec<u64> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    let later_fit = parts[1..].iter().all(|p| p.len() == 2) && numbers[1..].iter().all(|&n| n < 60);
    let units: &[&str] = match numbers.len() {
        2 => &["m", "s"],
        3 => &["h", "m", "s"],
        _ => return None,
    };
    if !later_fit {
        return None;
    }
    let written: Vec<String> = numbers
        .iter()
        .zip(units)
        .filter(|(n, _)| **n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    (!written.is_empty()).then(|| written.join(" "))
}

#[cfg(test)]
mod clock_tests {
    use super::clock_to_duration;

    #[test]
    fn clock_times_are_read_as_the_duration_they_mean() {
        for (text, want) in [
            ("1:30", Some("1m 30s")),
            ("20:00", Some("20m")),
            ("0:45", Some("45s")),
            ("1:02:30", Some("1h 2m 30s")),
            ("1:5", None),
            ("1:75", None),
            ("0:00", None),
            ("1m30", None),
            (":30", None),
        ] {
            assert_eq!(clock_to_duration(text).as_deref(), want, "{text}");
        }
    }
}
