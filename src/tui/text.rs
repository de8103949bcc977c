//! Text that fits: widths in terminal columns (two for CJK, none for combining marks), never
//! in bytes or chars, so titles in any language line up.

use unicode_width::UnicodeWidthStr;

pub use crate::textwidth::{fit, pad, width};

/// Rows `text` takes wrapped at word boundaries into `cols` columns (as a wrapping paragraph
/// lays it out; a word longer than a row is cut across rows).
pub fn wrapped_rows(text: &str, cols: usize) -> usize {
    if cols == 0 {
        return 0;
    }
    text.lines()
        .map(|line| {
            let mut rows = 1;
            let mut used = 0;
            for word in line.split_whitespace() {
                let w = word.width();
                let need = if used == 0 { w } else { used + 1 + w };
                if need <= cols {
                    used = need;
                } else {
                    rows += usize::from(used > 0) + (w.saturating_sub(1)) / cols;
                    used = w % cols;
                    if used == 0 {
                        used = cols;
                    }
                }
            }
            rows
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_columns_in_any_script() {
        for (s, max, want) in [
            ("Opening", 10, "Opening"),
            ("Opening", 7, "Opening"),
            ("Opening", 6, "Openi…"),
            ("Opening", 1, "…"),
            ("Opening", 0, ""),
            ("발표자 소개", 6, "발표…"),
            ("発表の結果", 5, "発表…"),
            ("発表の結果", 4, "発…"),
            ("Café résumé", 6, "Café …"),
        ] {
            let got = fit(s, max);
            assert_eq!(got, want, "{s:?} in {max}");
            assert!(width(&got) <= max);
        }
    }

    #[test]
    fn wrapped_rows_count_words_that_fit() {
        for (text, cols, want) in [
            ("", 10, 0),
            ("one two three", 13, 1),
            ("one two three", 12, 2),
            ("one two three", 3, 4),
            ("abcdefghij", 4, 3),
            ("a\n\nb", 10, 3),
            ("발표 소개", 4, 2),
        ] {
            assert_eq!(wrapped_rows(text, cols), want, "{text:?} in {cols}");
        }
    }

    #[test]
    fn pads_to_exact_columns() {
        assert_eq!(pad("감사", 6), "감사  ");
        assert_eq!(pad("감사합니다", 5), "감사…");
        assert_eq!(pad("감사합니다", 6), "감사… ", "a wide char is never split");
    }
}
