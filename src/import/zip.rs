//! The zip container of a pptx or odp deck, read within fixed bounds.
//!
//! Owns opening the archive and handing out the text parts a reader asks for, each read
//! through `take` so that no part inflates past [`Limits::part`] and all parts together not
//! past [`Limits::total`], whatever sizes the archive declares (a zip bomb stops at the cap).
//! Only XML-like parts (`.xml`, `.rels`, `mimetype`) are ever inflated: pictures and media are
//! never read. Part names are resolved and normalised here, and a name that climbs out of the
//! archive is refused. It must not know any deck format.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use ::zip::ZipArchive;
use ::zip::result::ZipError;

use super::DeckError;

/// How much one deck may inflate to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Bytes one part may inflate to.
    pub part: u64,
    /// Bytes all parts read from one deck may inflate to together.
    pub total: u64,
    /// Entries the archive may list.
    pub entries: usize,
}

impl Limits {
    /// The bounds every deck is read with: far above any real deck's XML.
    pub const DECK: Self = Self {
        part: 64 * 1024 * 1024,
        total: 256 * 1024 * 1024,
        entries: 100_000,
    };
}

/// An opened zip archive and what has been inflated from it so far.
pub(crate) struct Package<'b> {
    archive: ZipArchive<Cursor<&'b [u8]>>,
    limits: Limits,
    inflated: u64,
    /// Entry names in lower case, built on the first name that misses.
    folded: Option<HashMap<String, usize>>,
}

impl<'b> Package<'b> {
    /// Opens the archive: reads its central directory, nothing else.
    pub fn open(bytes: &'b [u8], limits: Limits) -> Result<Self, DeckError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            DeckError::invalid(format!(
                "the zip container is damaged or truncated ({}): copy or export the deck again",
                reason(&e)
            ))
        })?;
        if archive.len() > limits.entries {
            return Err(DeckError::invalid(format!(
                "the zip container lists {} entries, more than the {} a deck may have",
                archive.len(),
                limits.entries
            )));
        }
        Ok(Self {
            archive,
            limits,
            inflated: 0,
            folded: None,
        })
    }

    /// Whether the archive holds an entry of exactly this name.
    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Every entry name, in the archive's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.archive.file_names()
    }

    /// The entry of a part. Part names compare without case in OOXML, so when the exact name
    /// misses, a lower-cased index (built once) is asked.
    fn index(&mut self, name: &str) -> Option<usize> {
        if let Some(index) = self.archive.index_for_name(name) {
            return Some(index);
        }
        let archive = &self.archive;
        let folded = self.folded.get_or_insert_with(|| {
            let mut folded = HashMap::new();
            for i in 0..archive.len() {
                if let Some(n) = archive.name_for_index(i) {
                    folded.entry(n.to_ascii_lowercase()).or_insert(i);
                }
            }
            folded
        });
        folded.get(&name.to_ascii_lowercase()).copied()
    }

    /// Reads one text part whole, or `None` when the archive has no entry of that name.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DeckError> {
        if !wanted(name) {
            return Err(DeckError::invalid(format!(
                "`{name}` is not a part pacer reads from a deck"
            )));
        }
        let Some(index) = self.index(name) else {
            return Ok(None);
        };
        let part = self.limits.part;
        let left = self.limits.total.saturating_sub(self.inflated);
        let cap = part.min(left);
        let mut file = self.archive.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => DeckError::Unsupported(
                "the deck is encrypted: remove the password in its presentation program, \
                 then import"
                    .to_owned(),
            ),
            e => DeckError::invalid(format!(
                "`{name}` in the deck cannot be read ({}): copy or export the deck again",
                reason(&e)
            )),
        })?;
        // The declared size is only a hint (a bomb lies about it); `take` is the real bound.
        let hint = usize::try_from(file.size().min(cap)).unwrap_or(0);
        let mut out = Vec::with_capacity(hint);
        (&mut file)
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                DeckError::invalid(format!(
                    "`{name}` in the deck cannot be inflated ({e}): the deck is damaged or \
                     truncated; copy or export it again"
                ))
            })?;
        let got = out.len() as u64;
        if got > cap {
            let (limit, what) = if cap == part {
                (part, "one part")
            } else {
                (self.limits.total, "all parts together")
            };
            return Err(DeckError::invalid(format!(
                "`{name}` in the deck inflates past {}, more than {what} of a deck may: \
                 not a deck pacer will read (a zip bomb?)",
                size(limit)
            )));
        }
        self.inflated += got;
        Ok(Some(out))
    }
}

/// A byte count as a limit is said: `64 MB`, `4 kB`.
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

/// A zip error's own words, without the crate's prefix.
fn reason(e: &ZipError) -> String {
    match e {
        ZipError::InvalidArchive(why) => why.to_string(),
        ZipError::UnsupportedArchive(why) => (*why).to_owned(),
        ZipError::CompressionMethodNotSupported(method) => {
            format!("compression method {method} is not supported")
        }
        e => e.to_string(),
    }
}

/// Only markup parts are ever inflated: media can be large and is never needed.
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "lowercased first, and `_rels/.rels` has no extension to `Path`"
)]
fn wanted(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "mimetype" || lower.ends_with(".xml") || lower.ends_with(".rels")
}

/// Resolves a relationship target against the folder of the part that names it, as a part
/// name (no leading `/`). `None` for a target outside the archive (`..` above the root, a URL).
pub(crate) fn resolve(base_dir: &str, target: &str) -> Option<String> {
    if target.contains("://") || target.contains('\\') {
        return None;
    }
    let (start, rest) = match target.strip_prefix('/') {
        Some(absolute) => ("", absolute),
        None => (base_dir, target),
    };
    let mut parts: Vec<&str> = start.split('/').filter(|s| !s.is_empty()).collect();
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The folder part of a part name: `ppt/slides` for `ppt/slides/slide1.xml`.
pub(crate) fn dir_of(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(dir, _)| dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testdecks;

    fn limits(part: u64, total: u64) -> Limits {
        Limits {
            part,
            total,
            entries: 100,
        }
    }

    #[test]
    fn a_part_is_read_whole_and_a_missing_one_is_none() {
        let bytes = testdecks::zip_of(&[("a.xml", b"<a/>"), ("b/c.rels", b"<r/>")]);
        let mut package = Package::open(&bytes, Limits::DECK).unwrap();
        assert_eq!(package.read("a.xml").unwrap().unwrap(), b"<a/>");
        assert_eq!(package.read("b/c.rels").unwrap().unwrap(), b"<r/>");
        assert_eq!(package.read("nope.xml").unwrap(), None);
        assert_eq!(
            package.read("B/C.rels").unwrap().unwrap(),
            b"<r/>",
            "names ignore case"
        );
        assert!(package.contains("a.xml"));
        assert_eq!(package.names().count(), 2);
    }

    #[test]
    fn a_part_that_inflates_past_its_cap_stops_there() {
        // 4 MB of zeros deflate to a few kB: a small zip bomb against a 1 MB cap.
        let zeros = vec![0_u8; 4 * 1024 * 1024];
        let bytes = testdecks::zip_of(&[("bomb.xml", &zeros)]);
        assert!(bytes.len() < 64 * 1024, "deflated to {} bytes", bytes.len());
        let mut package = Package::open(&bytes, limits(1024 * 1024, 8 * 1024 * 1024)).unwrap();
        let err = package.read("bomb.xml").unwrap_err().to_string();
        assert!(err.contains("`bomb.xml`"), "{err}");
        assert!(err.contains("past 1 MB, more than one part"), "{err}");
    }

    #[test]
    fn parts_together_stop_at_the_total_cap() {
        let half = vec![b'x'; 600 * 1024];
        let bytes = testdecks::zip_of(&[("1.xml", &half), ("2.xml", &half), ("3.xml", &half)]);
        let mut package = Package::open(&bytes, limits(1024 * 1024, 1024 * 1024)).unwrap();
        assert!(package.read("1.xml").is_ok());
        let err = package.read("2.xml").unwrap_err().to_string();
        assert!(err.contains("all parts together"), "{err}");
    }

    #[test]
    fn media_and_unknown_parts_are_never_inflated() {
        let bytes = testdecks::zip_of(&[("ppt/media/image1.png", b"\x89PNG")]);
        let mut package = Package::open(&bytes, Limits::DECK).unwrap();
        let err = package
            .read("ppt/media/image1.png")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a part pacer reads"), "{err}");
    }

    #[test]
    fn a_truncated_or_foreign_archive_is_a_clear_error() {
        let bytes = testdecks::zip_of(&[("a.xml", b"<a/>")]);
        for cut in [0, 4, bytes.len() / 2, bytes.len() - 1] {
            let err = Package::open(&bytes[..cut], Limits::DECK)
                .err()
                .unwrap()
                .to_string();
            assert!(
                err.starts_with("the zip container is damaged or truncated"),
                "{err}"
            );
            assert!(!err.contains("InvalidArchive"), "Debug leaked: {err}");
        }
    }

    #[test]
    fn too_many_entries_are_refused() {
        let names: Vec<String> = (0..101).map(|i| format!("{i}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let bytes = testdecks::zip_of(&entries);
        let err = Package::open(&bytes, limits(10, 10))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("101 entries"), "{err}");
    }

    #[test]
    fn targets_resolve_inside_the_archive_only() {
        let cases = [
            ("ppt", "slides/slide1.xml", Some("ppt/slides/slide1.xml")),
            (
                "ppt/slides",
                "../notesSlides/n1.xml",
                Some("ppt/notesSlides/n1.xml"),
            ),
            ("ppt/slides", "/ppt/x.xml", Some("ppt/x.xml")),
            ("", "ppt/presentation.xml", Some("ppt/presentation.xml")),
            ("ppt", "./a/./b.xml", Some("ppt/a/b.xml")),
            ("ppt", "../../etc/passwd", None),
            ("ppt", "http://example.com/x.xml", None),
            ("ppt", "..\\x.xml", None),
            ("ppt", "..", None),
        ];
        for (base, target, want) in cases {
            assert_eq!(resolve(base, target).as_deref(), want, "{base} + {target}");
        }
        assert_eq!(dir_of("ppt/slides/slide1.xml"), "ppt/slides");
        assert_eq!(dir_of("mimetype"), "");
    }
}
