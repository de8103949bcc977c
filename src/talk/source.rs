//! A talk file's text and name, and the mapping from byte offsets to line and column.

use super::{Diagnostic, Problem, Severity};

/// The text of a talk file with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    text: String,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The file was not UTF-8: where its first bad byte is (the text is decoded lossily).
    not_utf8: Option<Diagnostic>,
}

impl Source {
    /// A source from text already known to be UTF-8 (a leading BOM is dropped).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
            not_utf8: None,
        }
    }

    /// A source from raw bytes. Invalid UTF-8 is decoded lossily (U+FFFD) so the file can
    /// still be shown, and [`Source::not_utf8`] points at the first bad byte: loading such a
    /// source fails with that error ([`crate::talk::parse`]), so no caller can forget it.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => Self::new(name, text),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let mut source = Self::new(name, lossy);
                // Dropping a BOM shifts offsets by its length; the valid prefix maps one to one.
                let shift = usize::from(err.as_bytes().starts_with("\u{feff}".as_bytes())) * 3;
                let at = at.saturating_sub(shift).min(source.text.len());
                let end = source.text[at..]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                source.not_utf8 = Some(Diagnostic::new(Severity::Error, Problem::NotUtf8, at..end));
                source
            }
        }
    }

    /// Where the file stopped being UTF-8, when it did.
    pub fn not_utf8(&self) -> Option<&Diagnostic> {
        self.not_utf8.as_ref()
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let col = self.text[self.line_starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        let start = self.line_starts[line.clamp(1, self.line_starts.len()) - 1];
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].trim_end_matches('\r')
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let source = Source::new("t.toml", "a = 1\r\ntitle = \"발표\" x\n");
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(7), (2, 1));
        let x = source.text().find(" x").unwrap() + 1;
        assert_eq!(source.line_col(x), (2, 14));
        assert_eq!(source.line(1), "a = 1");
        assert_eq!(source.line(2), "title = \"발표\" x");
        assert_eq!(source.line_col(10_000), (3, 1));
    }

    #[test]
    fn bom_is_dropped() {
        let source = Source::new("t.toml", "\u{feff}title = 1");
        assert_eq!(source.text(), "title = 1");
    }

    #[test]
    fn invalid_utf8_points_at_first_bad_byte() {
        let source = Source::from_bytes("t.toml", b"title = \"ok\"\nbud\xffget".to_vec());
        let diagnostic = source.not_utf8().unwrap();
        assert_eq!(diagnostic.problem, Problem::NotUtf8);
        assert_eq!(source.line_col(diagnostic.span.start), (2, 4));
        let errors = crate::talk::parse(&source).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| &e.problem).collect::<Vec<_>>(),
            [&Problem::NotUtf8],
            "loading reports it, and only it"
        );
        assert!(
            Source::from_bytes("t.toml", b"title = 1".to_vec())
                .not_utf8()
                .is_none()
        );
    }
}
