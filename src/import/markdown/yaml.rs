//! The flat `key: value` subset of YAML the Markdown readers need from front matter, frontmatter
//! blocks and directive comments.
//!
//! Owns reading settings such as `title: "A talk"`, `hide: true` or `duration: 20min` line by
//! line, with quotes and trailing comments removed. It is no YAML parser and must not become one:
//! nesting is only seen as indentation, and block scalars, lists, anchors and flow collections are
//! passed over, so no deck can make it allocate more than its own lines.

/// A YAML scalar without its quotes.
pub(super) fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// One `key: value` line of YAML: the flat subset the readers need (no nesting, no anchors).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pair<'a> {
    /// Spaces before the key: 0 for a top-level key.
    pub indent: usize,
    pub key: &'a str,
    /// The scalar, quotes and a trailing ` # comment` removed; empty for a nested map or list.
    pub value: &'a str,
}

/// The `key: value` lines of a YAML text, in order. Lines that are not of that form (list items,
/// block-scalar text, comments) are passed over: the readers only look up plain settings.
pub(super) fn pairs(yaml: &str) -> Vec<Pair<'_>> {
    yaml.lines().filter_map(pair).collect()
}

/// One line as `key: value`, when it is one.
pub(super) fn pair(line: &str) -> Option<Pair<'_>> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let (key, rest) = trimmed.split_once(':')?;
    let key = unquote(key);
    let key_ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$' | '.'));
    if !key_ok || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut value = rest.trim();
    if let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        if let Some(close) = value[1..].find(q) {
            value = &value[1..=close];
        }
    } else if let Some(hash) = value.find(" #") {
        value = value[..hash].trim_end();
    }
    Some(Pair { indent, key, value })
}

/// The value of the top-level `key` in a YAML text.
pub(super) fn top<'a>(pairs: &[Pair<'a>], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|p| p.indent == 0 && p.key == key)
        .map(|p| p.value)
}

/// A YAML boolean that is true (`true`, `yes`, `on`).
pub(super) fn truthy(value: &str) -> bool {
    matches!(value.to_ascii_lowercase().as_str(), "true" | "yes" | "on")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_take_flat_settings_only() {
        let p = pairs("a: 1\nnested:\n  b: 'two'\n- item\nhttp://x\nc:no\n");
        assert_eq!(p.len(), 3);
        assert_eq!((p[1].key, p[1].value), ("nested", ""));
        assert_eq!((p[2].indent, p[2].key, p[2].value), (2, "b", "two"));
    }

    #[test]
    fn quotes_and_comments() {
        let p = pairs("title: \"Hi\" # the talk\nname: 'a # b'\nplain: x # note\n");
        assert_eq!(top(&p, "title"), Some("Hi"));
        assert_eq!(top(&p, "name"), Some("a # b"));
        assert_eq!(top(&p, "plain"), Some("x"));
        assert!(truthy("Yes") && !truthy("no"));
    }
}
