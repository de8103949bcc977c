//! Text that fits: widths in terminal columns (two for CJK, none for combining marks), never
//! in bytes or chars, so titles in any language line up in the TUI, the plan and the reports.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` columns, ending in `…` when something was cut.
pub fn fit(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` fitted into exactly `cols` columns: cut with `…`, or padded with spaces on the right.
pub fn pad(s: &str, cols: usize) -> String {
    let fitted = fit(s, cols);
    let fill = cols.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_columns_in_any_script() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("발표자소개", 5), "발표…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("발표", 6), "발표  ");
    }
}
