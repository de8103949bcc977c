//! XML parts of a deck (pptx, odp) parsed with roxmltree, refusing what a deck never needs.
//!
//! Owns turning a part's bytes into a read-only tree and the few namespace-aware lookups the
//! readers share. A deck's parts never carry a DTD, so any `<!DOCTYPE` or `<!ENTITY` is refused
//! before parsing (no entity expansion, no external fetch), and roxmltree's own DTD refusal and
//! node limit stay on behind that. It must not know any deck format: names of parts and
//! elements belong to the readers.

use roxmltree::{Document, Node, ParsingOptions};

use super::DeckError;

/// The most nodes one part may hold: a real slide has a few thousand, a 64 MB part of tiny
/// elements has tens of millions.
const NODES_LIMIT: u32 = 4_000_000;

/// Parses one part's text, naming the part in every error.
pub(crate) fn parse<'t>(part: &str, text: &'t str) -> Result<Document<'t>, DeckError> {
    if let Some(what) = declaration(text) {
        return Err(DeckError::invalid(format!(
            "`{part}` in the deck holds {what}: decks never need one, and pacer does not \
             expand them; re-save the deck from its presentation program"
        )));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        DeckError::invalid(format!(
            "`{part}` in the deck is not well-formed XML ({e}): the deck is damaged; \
             re-save it from its presentation program"
        ))
    })
}

/// Turns a part's bytes into text: UTF-8 (a byte order mark is fine) or UTF-16 with its mark.
pub(crate) fn text<'b>(
    part: &str,
    bytes: &'b [u8],
) -> Result<std::borrow::Cow<'b, str>, DeckError> {
    let not_text = || {
        DeckError::invalid(format!(
            "`{part}` in the deck is not UTF-8 or UTF-16 text: the deck is damaged"
        ))
    };
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let (units, odd) = rest.as_chunks::<2>();
        if !odd.is_empty() {
            return Err(not_text());
        }
        let units: Vec<u16> = units.iter().map(|&pair| from(pair)).collect();
        String::from_utf16(&units).map_err(|_| not_text())
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes).map(Into::into),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes).map(Into::into),
        _ => std::str::from_utf8(bytes)
            .map(Into::into)
            .map_err(|_| not_text()),
    }
}

/// What markup declaration the text holds, if any, found before any parsing.
fn declaration(text: &str) -> Option<&'static str> {
    // XML keywords are case-sensitive; refusing other spellings too costs nothing.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = memchr_lt(&bytes[at..]) {
        let rest = &bytes[at + found..];
        if starts_with_ignore_case(rest, b"<!DOCTYPE") {
            return Some("a DOCTYPE declaration");
        }
        if starts_with_ignore_case(rest, b"<!ENTITY") {
            return Some("an ENTITY declaration");
        }
        at += found + 1;
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The first child element with this namespace and local name.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((ns, name)))
}

/// Every child element with this namespace and local name, in document order.
pub(crate) fn children<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name((ns, name)))
}

/// The element reached by following children with these local names, all in one namespace.
pub(crate) fn path<'a, 'i>(node: Node<'a, 'i>, ns: &str, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().try_fold(node, |at, name| child(at, ns, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doctype_or_entity_is_refused_before_parsing() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<p:sld xmlns:p="urn:p">&lol2;</p:sld>"#;
        let err = parse("ppt/slides/slide1.xml", laughs)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`ppt/slides/slide1.xml`"), "{err}");
        assert!(err.contains("DOCTYPE"), "{err}");
        assert!(!err.contains("lol"), "{err}");

        let lower = "<root><!doctype x></root>";
        assert!(
            parse("content.xml", lower)
                .unwrap_err()
                .to_string()
                .contains("DOCTYPE")
        );
        let entity = "<root><!ENTITY x 'y'></root>";
        assert!(
            parse("content.xml", entity)
                .unwrap_err()
                .to_string()
                .contains("ENTITY")
        );
    }

    #[test]
    fn damaged_xml_names_the_part_and_the_place() {
        let err = parse("content.xml", "<a>\n<b></a>")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("`content.xml` in the deck is not well-formed XML"),
            "{err}"
        );
        assert!(err.contains("2:"), "position of the bad tag: {err}");
    }

    #[test]
    fn namespaces_match_by_uri_not_prefix() {
        let doc = parse(
            "x.xml",
            r#"<q:a xmlns:q="urn:x"><q:b><c xmlns="urn:x"/></q:b></q:a>"#,
        )
        .unwrap();
        let root = doc.root_element();
        assert!(path(root, "urn:x", &["b", "c"]).is_some());
        assert!(path(root, "urn:y", &["b"]).is_none());
        assert_eq!(children(root, "urn:x", "b").count(), 1);
    }

    #[test]
    fn utf8_with_a_mark_and_utf16_both_read() {
        let bom = b"\xEF\xBB\xBF<a/>";
        assert!(parse("x.xml", &text("x.xml", bom).unwrap()).is_ok());
        let mut le = vec![0xFF, 0xFE];
        le.extend("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text("x.xml", &le).unwrap(), "<a>é</a>");
        let mut be = vec![0xFE, 0xFF];
        be.extend("<a/>".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text("x.xml", &be).unwrap(), "<a/>");
        let err = text("x.xml", b"<a>\xFF</a>").unwrap_err().to_string();
        assert!(err.contains("`x.xml`"), "{err}");
        assert!(text("x.xml", &[0xFF, 0xFE, 0x41]).is_err());
    }
}
