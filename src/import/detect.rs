//! Which reader a deck goes to: `--from`, else its content, else its file extension.
//!
//! Owns the order of those rules and the errors that say what to do when none decides. The
//! content is judged by the readers' own sniffers (`sniff::sniff_binary` for zip, OLE and PDF
//! files, `markdown::sniff` for the Markdown tools); this module only ranks their answers. Must
//! not read files: the shell hands it the bytes and the file's extension.

use super::{Deck, DeckError, Format};

/// The Markdown tools, as `--from` names them, for the error that asks for one.
const MARKDOWN: &str = "marp, slidev, reveal, presenterm, quarto, pandoc or remark";

/// The format of a deck from its bytes, the extension of its file name and `--from`.
pub fn detect(
    bytes: &[u8],
    extension: Option<&str>,
    from: Option<Format>,
) -> Result<Format, DeckError> {
    let binary = super::sniff::sniff_binary(bytes);
    choose(from, binary, || text_flavour(bytes), extension)
}

/// The Markdown tool the text is written for, when it is text and it tells.
fn text_flavour(bytes: &[u8]) -> Option<Format> {
    super::markdown::text_from_bytes(bytes)
        .ok()
        .and_then(super::markdown::sniff)
}

/// Reads a deck of a known format with its reader; `pdfpc` is the sidecar's text for a PDF.
pub fn read(format: Format, bytes: &[u8], pdfpc: Option<&str>) -> Result<Deck, DeckError> {
    match format {
        Format::Pptx => super::pptx::read(bytes),
        Format::Odp => super::odp::read(bytes),
        Format::Pdf => super::pdf::read(bytes, pdfpc),
        flavour => super::markdown::read(super::markdown::text_from_bytes(bytes)?, flavour),
    }
}

/// The rules, in order: a file pacer cannot read says so whatever `--from` asks (an LFS
/// pointer is no deck of any format); then `--from`; then what the content shows; then the
/// extension. `text` is asked only when the binary sniffer found nothing.
pub fn choose(
    from: Option<Format>,
    binary: Option<Result<Format, DeckError>>,
    text: impl FnOnce() -> Option<Format>,
    extension: Option<&str>,
) -> Result<Format, DeckError> {
    if let Some(Err(err)) = binary {
        return Err(err);
    }
    if let Some(format) = from {
        return Ok(format);
    }
    if let Some(Ok(format)) = binary {
        return Ok(format);
    }
    if let Some(format) = text() {
        return Ok(format);
    }
    by_extension(extension)
}

fn by_extension(extension: Option<&str>) -> Result<Format, DeckError> {
    let extension = extension.map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pptx" | "pptm" | "ppsx") => Ok(Format::Pptx),
        Some("odp") => Ok(Format::Odp),
        Some("pdf") => Ok(Format::Pdf),
        Some("qmd") => Ok(Format::Quarto),
        Some("key") => Err(DeckError::Unsupported(
            "a Keynote deck: pacer cannot read Keynote's own format; in Keynote, \
             File > Export To > PowerPoint, then import the .pptx"
                .into(),
        )),
        Some("ppt" | "pps") => Err(DeckError::Unsupported(
            "an old binary PowerPoint file: open it in PowerPoint or LibreOffice, save it as \
             .pptx, then import that"
                .into(),
        )),
        Some("md" | "markdown" | "mdx" | "rmd" | "txt") => Err(DeckError::Unsupported(format!(
            "cannot tell which tool this Markdown deck is for: say it with --from {MARKDOWN}"
        ))),
        _ => Err(DeckError::Unsupported(format!(
            "not a deck pacer recognises (by its content or its name): pacer reads .pptx, \
             .odp, .pdf and Markdown decks; if it is one, say which with --from pptx, odp, \
             pdf, {MARKDOWN}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--from`, the binary sniffer's answer, the text sniffer's, the extension; the result.
    type Case<'a> = (
        Option<Format>,
        Option<Result<Format, DeckError>>,
        Option<Format>,
        Option<&'a str>,
        Result<Format, &'a str>,
    );

    #[test]
    fn the_rules_in_order() {
        let never = || -> Option<Format> { panic!("text sniffed after a binary answer") };
        let cases: Vec<Case<'_>> = vec![
            // A file pacer cannot read wins over --from.
            (
                Some(Format::Pptx),
                Some(Err(DeckError::Unsupported("run `git lfs pull`".into()))),
                None,
                Some("pptx"),
                Err("run `git lfs pull`"),
            ),
            // --from wins over content and name.
            (
                Some(Format::Remark),
                None,
                Some(Format::Marp),
                Some("md"),
                Ok(Format::Remark),
            ),
            (
                Some(Format::Pdf),
                Some(Ok(Format::Pptx)),
                None,
                Some("pptx"),
                Ok(Format::Pdf),
            ),
            // Content wins over the name.
            (
                None,
                Some(Ok(Format::Odp)),
                None,
                Some("pptx"),
                Ok(Format::Odp),
            ),
            (
                None,
                None,
                Some(Format::Slidev),
                Some("txt"),
                Ok(Format::Slidev),
            ),
            // Then the name.
            (None, None, None, Some("PPTX"), Ok(Format::Pptx)),
            (None, None, None, Some("qmd"), Ok(Format::Quarto)),
            (None, None, None, Some("pdf"), Ok(Format::Pdf)),
        ];
        for (from, binary, text, extension, want) in cases {
            let answered = binary.is_some();
            let got = if answered {
                choose(from, binary, never, extension)
            } else {
                choose(from, binary, || text, extension)
            };
            assert_eq!(
                got.map_err(|e| e.to_string()),
                want.map_err(str::to_owned),
                "{from:?} {extension:?}"
            );
        }
    }

    #[test]
    fn undecided_markdown_says_which_from_to_pass() {
        let err = choose(None, None, || None, Some("md"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--from marp, slidev, reveal, presenterm, quarto, pandoc or remark"),
            "{err}"
        );
    }

    #[test]
    fn keynote_ppt_and_unknown_files_say_what_to_do() {
        for (extension, says) in [
            (Some("key"), "Export To > PowerPoint"),
            (Some("ppt"), "save it as .pptx"),
            (Some("docx"), "--from pptx"),
            (None, "--from pptx"),
        ] {
            let err = choose(None, None, || None, extension).unwrap_err();
            assert!(matches!(err, DeckError::Unsupported(_)));
            assert!(err.to_string().contains(says), "{extension:?}: {err}");
        }
    }
}
