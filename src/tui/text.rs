//! Text that fits: widths in terminal columns (two for CJK, none for combining marks), never
//! in bytes or chars, so titles in any language line up.

pub use crate::textwidth::{fit, pad, width};

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
    fn pads_to_exact_columns() {
        assert_eq!(pad("감사", 6), "감사  ");
        assert_eq!(pad("감사합니다", 5), "감사…");
        assert_eq!(pad("감사합니다", 6), "감사… ", "a wide char is never split");
    }
}
