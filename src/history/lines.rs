//! A journal's lines as both readers take them (a rehearsal history, a drills file): one at a
//! time, none held past its cap, numbered as in the file, blank ones passed over, and the
//! words for a line that is not JSON.
//!
//! Must not parse what a line says (the readers own their formats), nor hold more than the cap
//! of any line: a file of one endless line reads in bounded memory.

use std::io::{self, BufRead};

use super::read::{Got, next_line};

/// A journal read line by line.
pub(crate) struct Lines<R> {
    input: R,
    buf: Vec<u8>,
    /// The number of the line last read, 1-based (blank lines count).
    number: usize,
    cap: usize,
}

/// A line that is not blank.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RawLine<'a> {
    /// Its text, without the line break (`\n` or `\r\n`).
    Text(&'a [u8]),
    /// Longer than the cap, of this many bytes: read past, not kept.
    TooLong(u64),
}

impl<R: BufRead> Lines<R> {
    /// The lines of `input`, each held up to `cap` bytes.
    pub(crate) fn new(input: R, cap: usize) -> Self {
        Self {
            input,
            buf: Vec::new(),
            number: 0,
            cap,
        }
    }

    /// The next line that is not blank, with its number; `None` at the end of the input.
    pub(crate) fn next(&mut self) -> io::Result<Option<(usize, RawLine<'_>)>> {
        loop {
            match next_line(&mut self.input, &mut self.buf, self.cap)? {
                Got::End => return Ok(None),
                Got::TooLong(len) => {
                    self.number += 1;
                    return Ok(Some((self.number, RawLine::TooLong(len))));
                }
                Got::Line => self.number += 1,
            }
            let text = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
            let end = text.strip_suffix(b"\r").unwrap_or(text).len();
            if !self.buf[..end].iter().all(u8::is_ascii_whitespace) {
                return Ok(Some((self.number, RawLine::Text(&self.buf[..end]))));
            }
        }
    }
}

/// Why a line that is not JSON of the journal's kind is skipped: torn by a crash (it ends
/// mid-value), or not a record at all; `what` names the record (`a pacer record`).
pub(crate) fn unreadable(err: &serde_json::Error, what: &str) -> String {
    if err.is_eof() {
        "the line is cut short (torn by a crash)".to_owned()
    } else {
        format!("not {what} ({err})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_passes_blank_ones_and_caps_long_ones() {
        let input: &[u8] = b"one\r\n\n  \ntwo\nthree is too long\nfour";
        let mut lines = Lines::new(input, 8);
        let mut got = Vec::new();
        while let Some((n, line)) = lines.next().unwrap() {
            got.push(match line {
                RawLine::Text(text) => format!("{n}:{}", String::from_utf8_lossy(text)),
                RawLine::TooLong(len) => format!("{n}:{len} bytes"),
            });
        }
        assert_eq!(got, ["1:one", "4:two", "5:18 bytes", "6:four"]);
    }

    #[test]
    fn a_torn_line_is_told_from_garbage() {
        let torn = serde_json::from_slice::<serde_json::Value>(b"{\"a\":").unwrap_err();
        let junk = serde_json::from_slice::<serde_json::Value>(b"nope").unwrap_err();
        assert_eq!(
            unreadable(&torn, "a pacer record"),
            "the line is cut short (torn by a crash)"
        );
        assert!(
            unreadable(&junk, "a pacer record").starts_with("not a pacer record ("),
            "{}",
            unreadable(&junk, "a pacer record")
        );
    }
}
