//! A slide's content fingerprint: a stable 64-bit hash of its title and notes, recorded in each
//! run's plan so that `tune` can tell the runs from before a slide changed, and `history` can
//! tell a changed outline from a re-budgeted one.
//!
//! FNV-1a, 64 bits, over the title, a separator and the notes, each with its whitespace
//! collapsed (a reflowed paragraph is the same slide). Written as 16 lowercase hex digits.
//! Stable across versions and platforms: never change the function, only add a new field.
//! Pure; it knows nothing of files.

use std::fmt;

/// The fingerprint of one slide's title and notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u64);

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;
/// Between the title and the notes (a byte no UTF-8 text holds), so that text cannot move
/// from one to the other unseen.
const SEPARATOR: u8 = 0xff;

impl Fingerprint {
    /// The fingerprint of a slide with this title and these notes.
    pub fn of(title: &str, notes: &str) -> Self {
        let mut hash = OFFSET;
        let mut eat = |b: u8| {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        };
        for (k, text) in [title, notes].into_iter().enumerate() {
            if k > 0 {
                eat(SEPARATOR);
            }
            for (w, word) in text.split_whitespace().enumerate() {
                if w > 0 {
                    eat(b' ');
                }
                word.bytes().for_each(&mut eat);
            }
        }
        Self(hash)
    }

    /// Reads the 16 hex digits [`Display`](fmt::Display) writes; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        (text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u64::from_str_radix(text, 16).ok().map(Self))
            .flatten()
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_of_the_empty_input_and_known_text() {
        // FNV-1a 64 of "" is the offset basis; of "a", the published 0xaf63dc4c8601ec8c.
        let fnv = |bytes: &[u8]| {
            bytes
                .iter()
                .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
        };
        assert_eq!(fnv(b""), OFFSET);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        // Title "a", no notes: "a" then the separator.
        assert_eq!(Fingerprint::of("a", "").0, fnv(b"a\xff"));
    }

    #[test]
    fn whitespace_does_not_count_and_words_do() {
        let base = Fingerprint::of("Rank and alpha", "Rank 8.\nAlpha 16.");
        assert_eq!(
            base,
            Fingerprint::of(" Rank  and alpha", "Rank 8. Alpha\t16.\n")
        );
        assert_ne!(base, Fingerprint::of("Rank and alpha", "Rank 4. Alpha 16."));
        assert_ne!(base, Fingerprint::of("Rank and Alpha", "Rank 8. Alpha 16."));
        // Text moved from the title to the notes is a change.
        assert_ne!(
            Fingerprint::of("a b", "c"),
            Fingerprint::of("a", "b c"),
            "the separator keeps title and notes apart"
        );
    }

    #[test]
    fn written_as_sixteen_hex_digits_and_read_back() {
        let fp = Fingerprint::of("Title", "notes");
        let text = fp.to_string();
        assert_eq!(text.len(), 16);
        assert_eq!(Fingerprint::parse(&text), Some(fp));
        assert_eq!(Fingerprint(1).to_string(), "0000000000000001");
        for bad in [
            "",
            "123",
            "+00000000000000f",
            "zzzzzzzzzzzzzzzz",
            "00000000000000000",
        ] {
            assert_eq!(Fingerprint::parse(bad), None, "{bad}");
        }
    }
}
