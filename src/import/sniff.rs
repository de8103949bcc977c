//! Which binary deck format some bytes are, from their content alone.
//!
//! Owns telling pptx, odp and PDF apart by what they hold (a zip with `ppt/presentation.xml`,
//! a zip whose `mimetype` is an `OpenDocument` presentation, `%PDF-`), and naming what pacer does
//! not read with what to do instead: Keynote, old binary `.ppt` and other OLE compound files,
//! an encrypted Office file (an OLE file holding `EncryptionInfo`), a git LFS pointer, a zip
//! that is not a deck, other binary data. Text is left to the Markdown sniffer (`None`). It
//! reads only the zip's directory and its `mimetype` entry: it never inflates a slide, and it
//! never looks at a file name (detect.rs weighs the extension).

use super::zip::{Limits, Package};
use super::{DeckError, Format};

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const LFS_POINTER: &[u8] = b"version https://git-lfs.github.com/spec/v1";
const ODP: &str = "application/vnd.oasis.opendocument.presentation";
/// How far into a file `%PDF-` may start (the PDF spec allows leading junk; 1024 as readers do).
const PDF_HEADER_WITHIN: usize = 1024;
/// How much of the start of a file decides whether it is text.
const TEXT_PROBE: usize = 8192;

/// The binary format of a deck, an error saying why pacer cannot read it, or `None` for text.
pub fn sniff_binary(bytes: &[u8]) -> Option<Result<Format, DeckError>> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(zip_kind(bytes));
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Some(Err(ole_kind(bytes)));
    }
    let head = &bytes[..bytes.len().min(PDF_HEADER_WITHIN)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Ok(Format::Pdf));
    }
    if bytes.starts_with(LFS_POINTER) {
        return Some(Err(DeckError::Unsupported(
            "this is a git LFS pointer, not the deck itself: run `git lfs pull` in its \
             repository to fetch the file, then import"
                .to_owned(),
        )));
    }
    let probe = &bytes[..bytes.len().min(TEXT_PROBE)];
    let utf16 = probe.starts_with(&[0xFF, 0xFE]) || probe.starts_with(&[0xFE, 0xFF]);
    if probe.contains(&0) && !utf16 {
        return Some(Err(DeckError::Unsupported(
            "not a deck pacer reads: binary data that is no pptx, odp or PDF; export the \
             deck to pptx or PDF (or keep it as Markdown), then import"
                .to_owned(),
        )));
    }
    None
}

/// Why bytes handed to the reader of `expected` are not that format, when their content says
/// so: what they are instead and how to import them. `None` when they look like `expected` (or
/// like nothing known), so the reader's own error stands.
pub(crate) fn mismatch(bytes: &[u8], expected: Format) -> Option<DeckError> {
    match sniff_binary(bytes)? {
        Err(e) => Some(e),
        Ok(found) if found != expected => Some(DeckError::invalid(format!(
            "not a {} deck: its content is a {} deck; import it without `--from`, or with \
             `--from {}`",
            expected.name(),
            found.name(),
            found.name()
        ))),
        Ok(_) => None,
    }
}

/// What a zip archive holds: a pptx, an odp, or why it is neither.
fn zip_kind(bytes: &[u8]) -> Result<Format, DeckError> {
    // Sniffing inflates only `mimetype`, a one-line entry: a few kB is plenty.
    let limits = Limits {
        part: 4096,
        total: 4096,
        ..Limits::DECK
    };
    let mut package = Package::open(bytes, limits)?;
    if package.contains("ppt/presentation.xml") {
        return Ok(Format::Pptx);
    }
    if package.contains("mimetype") {
        let kind = package.read("mimetype")?.unwrap_or_default();
        let kind = String::from_utf8_lossy(&kind).trim().to_owned();
        if kind.starts_with(ODP) {
            return Ok(Format::Odp);
        }
        if let Some(what) = kind.strip_prefix("application/vnd.oasis.opendocument.") {
            return Err(DeckError::Unsupported(format!(
                "an OpenDocument {} file, not a presentation: open the deck in Impress and \
                 save it as .odp, then import",
                what.split('-').next().unwrap_or(what)
            )));
        }
    }
    let names: Vec<&str> = package.names().collect();
    let keynote = names.iter().any(|n| {
        let n = n.to_ascii_lowercase();
        (n.contains("index/") && has_extension(&n, "iwa"))
            || n.ends_with("index.apxl")
            || n.ends_with("index.apxl.gz")
            || n.ends_with("index.zip")
    });
    if keynote {
        return Err(DeckError::Unsupported(
            "a Keynote deck: pacer cannot read Keynote files; in Keynote choose File ▸ \
             Export To ▸ PowerPoint (or PDF), then import that file"
                .to_owned(),
        ));
    }
    if let Some(office) = names.iter().find_map(|n| match *n {
        "word/document.xml" => Some("a Word document"),
        "xl/workbook.xml" => Some("an Excel workbook"),
        _ => None,
    }) {
        return Err(DeckError::Unsupported(format!(
            "{office}, not a deck: import the presentation (.pptx) instead"
        )));
    }
    let inner = names.iter().find(|n| {
        let n = n.to_ascii_lowercase();
        [".pptx", ".odp", ".pdf", ".key", ".md"]
            .iter()
            .any(|ext| n.ends_with(ext))
    });
    Err(DeckError::Unsupported(match inner {
        Some(inner) => format!(
            "a zip archive that is not a deck itself, but holds `{inner}`: unzip it, then \
             import that file"
        ),
        None => "a zip archive that is not a deck (no `ppt/presentation.xml`, no \
                 OpenDocument mimetype): export the deck to pptx, odp or PDF, then import"
            .to_owned(),
    }))
}

fn has_extension(name: &str, extension: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// What an OLE compound file is, by the UTF-16 names in its directory.
fn ole_kind(bytes: &[u8]) -> DeckError {
    let has = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    let message = if has("EncryptionInfo") || has("EncryptedPackage") {
        "an encrypted Office file: remove the password in PowerPoint (File ▸ Info ▸ Protect \
         Presentation ▸ Encrypt with Password, clear it, save), then import"
    } else if has("PowerPoint Document") {
        "an old binary PowerPoint file (.ppt): open it in PowerPoint or LibreOffice and save \
         it as .pptx, then import"
    } else {
        "an old binary Office file (OLE compound file), not a deck pacer reads: save the \
         presentation as .pptx, then import"
    };
    DeckError::Unsupported(message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testdecks;

    fn unsupported(bytes: &[u8]) -> String {
        match sniff_binary(bytes) {
            Some(Err(DeckError::Unsupported(message))) => message,
            other => panic!("expected Unsupported, got {other:?}"),
        }
    }

    #[test]
    fn decks_are_known_by_their_content() {
        let pptx = testdecks::sample_pptx().build();
        assert_eq!(sniff_binary(&pptx), Some(Ok(Format::Pptx)));
        let odp = testdecks::sample_odp().build();
        assert_eq!(sniff_binary(&odp), Some(Ok(Format::Odp)));
        let pdf = testdecks::sample_pdf().build();
        assert_eq!(sniff_binary(&pdf), Some(Ok(Format::Pdf)));
        let mut late = b"junk before the header\n".to_vec();
        late.extend(&pdf);
        assert_eq!(sniff_binary(&late), Some(Ok(Format::Pdf)));
    }

    #[test]
    fn text_is_left_to_the_markdown_sniffer() {
        assert_eq!(sniff_binary(b"---\nmarp: true\n---\n# Hi\n"), None);
        assert_eq!(sniff_binary(b""), None);
        assert_eq!(sniff_binary("# Café\n".as_bytes()), None);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("# Hi".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            sniff_binary(&utf16),
            None,
            "the text reader says what is wrong"
        );
    }

    #[test]
    fn what_pacer_does_not_read_says_what_to_do() {
        let cases: [(Vec<u8>, &str); 7] = [
            (testdecks::keynote_zip(), "Export To ▸ PowerPoint"),
            (testdecks::lfs_pointer(), "run `git lfs pull`"),
            (
                testdecks::ole_file(&["EncryptionInfo", "EncryptedPackage"]),
                "an encrypted Office file: remove the password in PowerPoint",
            ),
            (
                testdecks::ole_file(&["PowerPoint Document", "Current User"]),
                "old binary PowerPoint file (.ppt)",
            ),
            (testdecks::ole_file(&["WordDocument"]), "OLE compound file"),
            (
                testdecks::zip_of(&[("notes.txt", b"hello")]),
                "a zip archive that is not a deck",
            ),
            (
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
                "binary data",
            ),
        ];
        for (bytes, want) in cases {
            let message = unsupported(&bytes);
            assert!(message.contains(want), "{message:?} lacks {want:?}");
        }
    }

    #[test]
    fn other_office_and_opendocument_files_are_named() {
        let docx = testdecks::zip_of(&[("word/document.xml", b"<w/>")]);
        assert!(unsupported(&docx).starts_with("a Word document"));
        let odt = testdecks::zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert!(unsupported(&odt).starts_with("an OpenDocument text file"));
        let wrapped = testdecks::zip_of(&[("talk/Deck.pptx", b"PK")]);
        assert!(unsupported(&wrapped).contains("holds `talk/Deck.pptx`: unzip it"));
    }

    #[test]
    fn a_deck_of_another_format_is_named_for_the_reader_asked() {
        let pdf = testdecks::sample_pdf().build();
        let err = mismatch(&pdf, Format::Pptx).unwrap().to_string();
        assert_eq!(
            err,
            "not a pptx deck: its content is a pdf deck; import it without `--from`, or with \
             `--from pdf`"
        );
        assert_eq!(mismatch(&pdf, Format::Pdf), None);
        assert_eq!(mismatch(b"# text", Format::Pdf), None);
        let lfs = mismatch(&testdecks::lfs_pointer(), Format::Pptx).unwrap();
        assert!(matches!(lfs, DeckError::Unsupported(_)));
    }

    #[test]
    fn a_mimetype_bomb_stops_at_a_few_kilobytes() {
        let mut bomb = b"application/vnd.oasis.opendocument.presentation".to_vec();
        bomb.resize(10 * 1024 * 1024, b' ');
        let zip = testdecks::zip_of(&[("mimetype", &bomb)]);
        match sniff_binary(&zip) {
            Some(Err(DeckError::Invalid { message, .. })) => {
                assert!(
                    message.contains("`mimetype` in the deck inflates past 4 kB"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_damaged_zip_is_invalid_not_unsupported() {
        let pptx = testdecks::sample_pptx().build();
        match sniff_binary(&pptx[..pptx.len() / 2]) {
            Some(Err(DeckError::Invalid { message, .. })) => {
                assert!(message.contains("damaged or truncated"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}
