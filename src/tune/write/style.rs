//! The file's way of writing durations (`"1m 05s"`, `"65s"`, `"1m5s"`), read and followed.

use std::time::Duration;

/// How a file writes durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// `"1m 30s"` (true) or `"90s"` (false) from a minute on.
    pub minutes: bool,
    /// Seconds after minutes as two digits: `"1m 05s"`.
    pub pad: bool,
    /// A space between the parts: `"1m 05s"`, not `"1m05s"`.
    pub space: bool,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            minutes: true,
            pad: true,
            space: true,
        }
    }
}

impl Style {
    /// The style most of `values` (durations as written) agree on; unclear points default.
    pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let (mut minutes, mut seconds, mut pad, mut no_pad, mut space, mut tight) =
            (0, 0, 0, 0, 0, 0);
        for value in values {
            let parts = parts(value);
            let has_minutes = parts.iter().any(|p| p.unit == Unit::Minutes);
            match parts.as_slice() {
                [only] if only.unit == Unit::Seconds && only.digits.parse().unwrap_or(0) >= 60 => {
                    seconds += 1;
                }
                _ if has_minutes => minutes += 1,
                _ => {}
            }
            for pair in parts.windows(2) {
                if pair[0].unit == Unit::Minutes && pair[1].unit == Unit::Seconds {
                    match pair[1].digits.len() {
                        2 if pair[1].digits.starts_with('0') => pad += 1,
                        1 => no_pad += 1,
                        _ => {}
                    }
                    if pair[1].spaced {
                        space += 1;
                    } else {
                        tight += 1;
                    }
                }
            }
        }
        Self {
            minutes: minutes >= seconds,
            pad: pad >= no_pad,
            space: space >= tight,
        }
    }

    /// A duration as this style writes it: `"14s"`, `"1m 05s"`, `"90s"`, `"12s 500ms"`.
    pub fn format(self, d: Duration) -> String {
        let total = crate::timefmt::ms(d);
        let (secs, millis) = (total / 1000, total % 1000);
        let mut parts: Vec<String> = Vec::new();
        if self.minutes {
            let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
            if h > 0 {
                parts.push(format!("{h}h"));
            }
            if m > 0 {
                parts.push(if self.pad && h > 0 {
                    format!("{m:02}m")
                } else {
                    format!("{m}m")
                });
            }
            if s > 0 || (h == 0 && m == 0 && millis == 0) {
                parts.push(if self.pad && (h > 0 || m > 0) {
                    format!("{s:02}s")
                } else {
                    format!("{s}s")
                });
            }
        } else if secs > 0 || millis == 0 {
            parts.push(format!("{secs}s"));
        }
        if millis > 0 {
            parts.push(format!("{millis}ms"));
        }
        parts.join(if self.space { " " } else { "" })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hours,
    Minutes,
    Seconds,
    Other,
}

#[derive(Debug, Clone)]
struct Part<'a> {
    digits: &'a str,
    unit: Unit,
    /// Whitespace before the number.
    spaced: bool,
}

/// A humantime string as number-unit pairs, enough to see its style.
fn parts(value: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        let trimmed = rest.trim_start();
        let spaced = trimmed.len() < rest.len();
        let digits_end = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        if digits_end == 0 {
            return out;
        }
        let after = &trimmed[digits_end..];
        let unit_end = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        let unit = match &after[..unit_end] {
            "h" | "hr" | "hrs" | "hour" | "hours" => Unit::Hours,
            "m" | "min" | "mins" | "minute" | "minutes" => Unit::Minutes,
            "s" | "sec" | "secs" | "second" | "seconds" => Unit::Seconds,
            _ => Unit::Other,
        };
        out.push(Part {
            digits: &trimmed[..digits_end],
            unit,
            spaced: spaced && !out.is_empty(),
        });
        rest = &after[unit_end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_read_from_the_file() {
        let style = |v: &[&str]| Style::detect(v.iter().copied());
        assert_eq!(style(&[]), Style::default());
        assert!(!style(&["90s", "120s", "15s"]).minutes);
        assert!(style(&["90s", "1m 30s", "2m 10s"]).minutes);
        assert!(!style(&["1m 5s", "14s"]).pad);
        assert!(style(&["1m 05s", "1m 5s"]).pad, "ties go to the default");
        assert!(!style(&["1m05s"]).space);
        assert!(style(&["20m", "1m 30s"]).space);
    }

    #[test]
    fn durations_are_written_as_a_speaker_would() {
        let padded = Style::default();
        let seconds = Style {
            minutes: false,
            ..padded
        };
        let loose = Style {
            pad: false,
            ..padded
        };
        let tight = Style {
            space: false,
            ..padded
        };
        for (style, ms, want) in [
            (padded, 14_000, "14s"),
            (padded, 65_000, "1m 05s"),
            (padded, 60_000, "1m"),
            (padded, 600_000, "10m"),
            (padded, 3_725_000, "1h 02m 05s"),
            (padded, 3_600_000, "1h"),
            (padded, 12_500, "12s 500ms"),
            (padded, 60_500, "1m 500ms"),
            (padded, 500, "500ms"),
            (padded, 0, "0s"),
            (seconds, 90_000, "90s"),
            (seconds, 90_250, "90s 250ms"),
            (seconds, 250, "250ms"),
            (loose, 65_000, "1m 5s"),
            (tight, 65_000, "1m05s"),
        ] {
            let text = style.format(Duration::from_millis(ms));
            assert_eq!(text, want, "{ms} ms in {style:?}");
            assert_eq!(super::super::parse_ms(&text), Some(ms), "{text} reads back");
        }
    }
}
