//! The figure columns of the report tables, declared once: their headings (the text and the
//! Markdown tables share them) and their widths in text, where each is right-aligned.
//!
//! Only placement: what goes in a cell is the format's.

use super::view::right;

/// A figure column: its heading, and its width in terminal columns in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub head: &'static str,
    pub width: usize,
}

const fn col(head: &'static str, width: usize) -> Column {
    Column { head, width }
}

/// A one-run section or slide row: budget, actual, delta.
pub const RUN: [Column; 3] = [col("budget", 7), col("actual", 7), col("delta", 7)];
/// A checkpoint row: planned start, actual start, delta.
pub const CHECKPOINT: [Column; 3] = [col("planned", 7), col("at", 7), col("delta", 7)];
/// A several-run row: the budget, the statistics, the over count.
pub const STATS: [Column; 6] = [
    col("budget", 7),
    col("median", 7),
    col("min", 7),
    col("max", 7),
    col("spread", 7),
    col("over", 9),
];
/// A comparison row: the budget, run A, run B, the change.
pub const CHANGE: [Column; 4] = [col("budget", 7), col("A", 8), col("B", 8), col("change", 8)];

/// The headings, each right-aligned in its column (text).
pub fn heads(columns: &[Column]) -> String {
    columns.iter().map(|c| right(c.head, c.width)).collect()
}

/// `values` right-aligned in the columns, one each, from the first column on.
pub fn cells(columns: &[Column], values: &[String]) -> String {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| right(v, c.width))
        .collect()
}

/// The headings as Markdown cells (`budget | actual | delta`).
pub fn markdown_heads(columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| c.head)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The Markdown alignment row of the columns: every figure right-aligned.
pub fn markdown_rule(columns: &[Column]) -> String {
    vec!["---:"; columns.len()].join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_cells_line_up() {
        assert_eq!(heads(&RUN), " budget actual  delta");
        let row = cells(&RUN, &["0:45".into(), "0:29".into()]);
        assert_eq!(row, "   0:45   0:29");
        assert_eq!(heads(&RUN).len(), row.len() + RUN[2].width);
        assert_eq!(markdown_heads(&CHANGE), "budget | A | B | change");
        assert_eq!(markdown_rule(&CHANGE), "---: | ---: | ---: | ---:");
    }
}
