//! Block glyphs for figures read from across a room: digits, signs and the pace symbols, at a
//! whole-number scale. Text only: which figure, how large and where is the caller's business.

/// Rows of a glyph at scale 1.
pub const GLYPH_ROWS: usize = 5;
/// A filled cell of a glyph; every other cell is a space.
pub const BLOCK: char = '█';
pub const BLOCK_STR: &str = "█";

/// `text` in block glyphs, `scale` cells for each cell of a glyph (so `5 * scale` rows), the
/// glyphs `scale` columns apart. Characters without a glyph are left out.
pub fn big_text(text: &str, scale: usize) -> Vec<String> {
    let scale = scale.max(1);
    let mut rows = vec![String::new(); GLYPH_ROWS];
    for (i, glyph) in text.chars().filter_map(glyph).enumerate() {
        for (row, part) in rows.iter_mut().zip(glyph) {
            if i > 0 {
                row.push_str(&" ".repeat(scale));
            }
            for cell in part.chars() {
                row.extend(std::iter::repeat_n(cell, scale));
            }
        }
    }
    rows.into_iter()
        .flat_map(|row| std::iter::repeat_n(row, scale))
        .collect()
}

/// Columns `text` takes as [`big_text`] draws it at `scale`.
pub fn big_width(text: &str, scale: usize) -> usize {
    let scale = scale.max(1);
    let glyphs: Vec<usize> = text
        .chars()
        .filter_map(glyph)
        .map(|g| g[0].chars().count())
        .collect();
    let cells: usize = glyphs.iter().sum();
    (cells + glyphs.len().saturating_sub(1)) * scale
}

fn glyph(c: char) -> Option<[&'static str; GLYPH_ROWS]> {
    Some(match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" █ ", "██ ", " █ ", " █ ", "███"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        ':' => [" ", "█", " ", "█", " "],
        '-' => ["   ", "   ", "███", "   ", "   "],
        '+' => ["   ", " █ ", "███", " █ ", "   "],
        // The pace symbols (crate::symbols), shapes apart so they read without colour.
        '●' => [" █████ ", "███████", "███████", "███████", " █████ "],
        '◆' => ["   █   ", " █████ ", "███████", " █████ ", "   █   "],
        '▲' => ["   █   ", "  ███  ", " █████ ", "███████", "       "],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_digits() {
        assert_eq!(
            big_text("-1:05", 1),
            [
                "     █    ███ ███",
                "    ██  █ █ █ █  ",
                "███  █    █ █ ███",
                "     █  █ █ █   █",
                "    ███   ███ ███",
            ]
        );
    }

    #[test]
    fn glyphs_grow_by_whole_cells() {
        assert_eq!(
            big_text("+1", 2),
            [
                "          ██  ",
                "          ██  ",
                "  ██    ████  ",
                "  ██    ████  ",
                "██████    ██  ",
                "██████    ██  ",
                "  ██      ██  ",
                "  ██      ██  ",
                "        ██████",
                "        ██████",
            ]
        );
        for (text, scale) in [("+1:07▲", 1), ("-0:00", 3), ("12:34●", 4), ("◆", 2)] {
            let rows = big_text(text, scale);
            assert_eq!(rows.len(), GLYPH_ROWS * scale, "{text} at {scale}");
            for row in &rows {
                assert_eq!(
                    row.chars().count(),
                    big_width(text, scale),
                    "{text} at {scale}"
                );
            }
        }
    }

    #[test]
    fn what_has_no_glyph_takes_no_room() {
        assert_eq!(big_width("1 x", 2), big_width("1", 2));
        assert_eq!(big_width("", 3), 0);
        assert_eq!(big_text("", 1), vec![String::new(); GLYPH_ROWS]);
    }
}
