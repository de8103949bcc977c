//! TOML syntax: text into a table that keeps the span of every key and value.

use toml::Spanned;
use toml::de::DeTable;

use super::{Diagnostic, Problem};

/// Parses TOML text; a syntax error becomes one diagnostic at the spot the parser names.
pub fn read(text: &str) -> Result<Spanned<DeTable<'_>>, Vec<Diagnostic>> {
    // [`super::Source`] drops one leading BOM; the TOML reader would silently drop a second.
    if text.starts_with('\u{feff}') {
        let message = "a second byte-order mark at the start of the file".to_owned();
        return Err(vec![Diagnostic::error(Problem::Syntax(message), 0..3)]);
    }
    DeTable::parse(text).map_err(|err| {
        let mut span = err.span().unwrap_or(0..0);
        let mut message = err.message().trim().replace('\n', "; ");
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
        vec![Diagnostic::error(Problem::Syntax(message), span)]
    })
}
