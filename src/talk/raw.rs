//! TOML syntax: text into a table that keeps the span of every key and value.

use toml::Spanned;
use toml::de::DeTable;

use super::{Diagnostic, Problem};

/// Parses TOML text; a syntax error becomes one diagnostic, at the first mistake in the file.
pub fn read(text: &str) -> Result<Spanned<DeTable<'_>>, Vec<Diagnostic>> {
    // [`super::Source`] drops one leading BOM; the TOML reader would silently drop a second.
    if text.starts_with('\u{feff}') {
        let message = "a second byte-order mark at the start of the file".to_owned();
        return Err(vec![Diagnostic::error(Problem::Syntax(message), 0..3)]);
    }
    let (table, errors) = DeTable::parse_recoverable(text);
    // The reader's first error is not always its earliest (an unclosed string is found after
    // the comma it swallowed): report the one that comes first in the file.
    let Some(first) = errors
        .iter()
        .min_by_key(|err| err.span().map_or(usize::MAX, |span| span.start))
    else {
        return Ok(table);
    };
    let mut span = first.span().unwrap_or(0..0);
    let mut message = first.message().trim().replace('\n', "; ");
    // "duplicate key" alone leaves the reader to find which one.
    if message == "duplicate key"
        && let Some(key) = text.get(span.clone()).filter(|k| !k.contains('\n'))
    {
        message = format!("duplicate key `{key}`");
    }
    // A lone carriage return is reported just after itself: point at it instead.
    if message.starts_with("carriage return") && text[..span.start].ends_with('\r') {
        span = span.start - 1..span.start;
    }
    // An unclosed string is reported at the end of its line: point at its opening quote. (A
    // bad character inside a closed string is reported at the character.)
    let at_line_end = text
        .get(span.start..)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n"));
    if (message.starts_with("invalid basic string")
        || message.starts_with("invalid literal string"))
        && at_line_end
        && let Some(quote) = opening_quote(text, span.start)
    {
        span = quote..quote + 1;
        "a string is not closed on its line".clone_into(&mut message);
    }
    // A list left open swallows what follows, and the errors come where it stops making sense:
    // point at the `[` that was never closed.
    if errors
        .iter()
        .any(|err| err.message().starts_with("unclosed array"))
        && let Some(open) = open_bracket(text, span.start)
    {
        span = open..open + 1;
        "this `[` is never closed".clone_into(&mut message);
    }
    Err(vec![Diagnostic::error(Problem::Syntax(message), span)])
}

/// The quote that opens the string left unclosed on the line where `at` is: the last quote of
/// the line that is outside every other string.
fn opening_quote(text: &str, at: usize) -> Option<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut open: Option<(usize, u8)> = None;
    for (i, b) in text.as_bytes()[start..at].iter().enumerate() {
        match (open, *b) {
            (None, b'#') => break,
            (None, b'"' | b'\'') => open = Some((start + i, *b)),
            (Some((_, q)), b) if b == q => open = None,
            _ => {}
        }
    }
    open.map(|(i, _)| i)
}

/// The `[` of the value list still open at byte `at`, the outermost one: table headers,
/// strings and comments are skipped over.
fn open_bracket(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    // Whether the next `[` opens a value (after `=`, or inside a list) or a table header.
    let mut value = false;
    while i < at {
        match bytes[i] {
            b'#' => {
                while i < at && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < at && bytes[i] != q && bytes[i] != b'\n' {
                    if q == b'"' && bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'=' => value = true,
            b'[' if value || !stack.is_empty() => stack.push(i),
            b']' if !stack.is_empty() => {
                stack.pop();
            }
            b'\n' if stack.is_empty() => value = false,
            _ => {}
        }
        i += 1;
    }
    stack.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> (usize, String) {
        let err = read(text).map(|_| ()).unwrap_err();
        let Problem::Syntax(message) = &err[0].problem else {
            panic!("{:?}", err[0])
        };
        (err[0].span.start, message.clone())
    }

    #[test]
    fn an_unclosed_string_in_a_list_is_named_at_its_quote() {
        let text = "slides = [\n  \"A\",\n  \"B broken,\n  \"C\",\n]\n";
        let (at, message) = first(text);
        assert_eq!(at, text.find("\"B").unwrap());
        assert_eq!(message, "a string is not closed on its line");
    }

    #[test]
    fn a_bad_character_in_a_closed_string_stays_where_it_is() {
        let (at, message) = first("title = \"a\0b\"\n");
        assert_eq!(at, 10);
        assert!(message.starts_with("invalid basic string"), "{message}");
    }

    #[test]
    fn an_unclosed_list_is_named_at_its_bracket() {
        let text = "a = 1\nslides = [\n  \"A\", # [x]\n  \"]\",\n\n[[section]]\ntitle = \"B\"\n";
        let (at, message) = first(text);
        assert_eq!(at, text.find('[').unwrap());
        assert_eq!(message, "this `[` is never closed");
    }

    #[test]
    fn other_errors_are_reported_where_the_reader_puts_them() {
        let (at, message) = first("a = 1\nb = [\"x\" \"y\"]\n");
        assert_eq!(at, 15, "at the second string");
        assert!(message.contains("missing comma"), "{message}");
        assert!(read("a = [1, [2, 3]]\n[t]\nb = 'x'\n").is_ok());
    }
}
