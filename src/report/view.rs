//! What the formats for people share: symbols and words for every state, widths measured in
//! terminal columns, bars of actual against budget.

use std::time::Duration;

use anstyle::{AnsiColor, Style};
use jiff::SignedDuration;
use unicode_width::UnicodeWidthStr;

use super::{Status, Trend};
use crate::pace::{Finish, finish};
use crate::symbols;
use crate::timefmt::delta;

/// The widest line the text formats write.
pub const WIDTH: usize = 80;

/// The symbol of a state: meaning is never carried by colour alone.
pub fn symbol(status: Status) -> &'static str {
    match status {
        Status::Fine => symbols::FINE,
        Status::Amber => symbols::AMBER,
        Status::Over => symbols::OVER,
        Status::Stopped => "■",
        Status::Skipped => symbols::SKIPPED,
        Status::PartlySkipped => symbols::PARTLY_SKIPPED,
        Status::InProgress => symbols::IN_PROGRESS,
        Status::NotReached => "·",
        Status::New => "+",
        Status::Removed => "✗",
    }
}

/// The word of a state, for people.
pub fn word(status: Status) -> &'static str {
    match status {
        Status::Fine => "within budget",
        Status::Amber => "a bit over",
        Status::Over => "over",
        Status::Stopped => "stopped here",
        Status::Skipped => "skipped",
        Status::PartlySkipped => "partly skipped",
        Status::InProgress => "in progress",
        Status::NotReached => "not reached",
        Status::New => "new: not rehearsed",
        Status::Removed => "removed from the talk",
    }
}

/// The legend of every symbol, in lines that fit 80 columns.
pub const LEGEND: [&str; 3] = [
    "● on time  ◆ a bit over  ▲ over  ■ stopped here  ▷ in progress",
    "» skipped  ◐ partly skipped  · not reached  + new: not rehearsed",
    "✗ removed from the talk  ⚑ marked",
];

/// The mark symbol.
pub const MARK: &str = symbols::MARK;

/// `text` cut to at most `width` terminal columns, with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    // Control characters have no width: never let them reach the terminal.
    let clean = text.replace(|c: char| c.is_control(), " ");
    crate::textwidth::fit(&clean, width).into_owned()
}

/// `text` cut or padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Cells of a bar for the budget.
pub const BAR_BUDGET: usize = 10;
/// Most cells a bar draws past the budget before it shows `›`.
pub const BAR_OVER: usize = 5;

/// A bar of `actual` against `budget`: the part within budget in eighth blocks up to a `│` at
/// the budget, the part over it in `▓` (at least one cell for any overrun), `›` past the end.
/// Returns the part within budget (with the marker) and the part over, to colour apart.
pub fn bar(actual: Duration, budget: Duration) -> (String, String) {
    let cells = BAR_BUDGET as f64;
    let ratio = if budget.is_zero() {
        if actual.is_zero() { 0.0 } else { f64::INFINITY }
    } else {
        actual.as_secs_f64() / budget.as_secs_f64()
    };
    let eighths = (ratio.min(1.0) * cells * 8.0).round() as usize;
    let mut within = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        within.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
    }
    let w = within.chars().count();
    within.extend(std::iter::repeat_n(' ', BAR_BUDGET - w));
    within.push('│');
    let over = if actual > budget {
        // Whole cells, rounded up so any overrun shows; integer arithmetic, no float edge.
        let cells = if budget.is_zero() {
            u128::MAX
        } else {
            (actual.saturating_sub(budget).as_nanos() * BAR_BUDGET as u128)
                .div_ceil(budget.as_nanos())
        };
        if cells > BAR_OVER as u128 {
            format!("{}›", "▓".repeat(BAR_OVER))
        } else {
            "▓".repeat(cells as usize)
        }
    } else {
        String::new()
    };
    (within, over)
}

/// A colour for a state, used only where colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
    Dim,
    Bold,
}

impl Tone {
    /// The tone of a state.
    pub fn of(status: Status) -> Self {
        match status {
            Status::Fine => Self::Good,
            Status::Amber | Status::PartlySkipped | Status::InProgress => Self::Warn,
            Status::Over => Self::Bad,
            Status::Stopped
            | Status::Skipped
            | Status::NotReached
            | Status::New
            | Status::Removed => Self::Dim,
        }
    }

    /// The tone of a delta: a finish that late would be over ([`Finish::Over`]) is bad.
    pub fn of_delta(delta: SignedDuration, grace: Duration) -> Self {
        match finish(delta, grace) {
            Finish::Over(_) => Self::Bad,
            Finish::Early(_) | Finish::OnTime(_) => Self::Plain,
        }
    }
}

/// `text` in `tone` when `color` is on (ANSI SGR), as is otherwise.
pub fn paint(text: &str, tone: Tone, color: bool) -> String {
    let style = match tone {
        Tone::Plain => return text.to_owned(),
        Tone::Good => AnsiColor::Green.on_default(),
        Tone::Warn => AnsiColor::Yellow.on_default(),
        Tone::Bad => AnsiColor::Red.on_default(),
        Tone::Dim => Style::new().dimmed(),
        Tone::Bold => Style::new().bold(),
    };
    let shown = text.trim_end();
    if color && !shown.is_empty() {
        // Padding stays outside the colour, so that a line's end can be trimmed.
        format!(
            "{}{shown}{}{}",
            style.render(),
            style.render_reset(),
            &text[shown.len()..]
        )
    } else {
        text.to_owned()
    }
}

/// `text` right-aligned in `width` columns.
pub fn right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(pad))
}

/// The trend line: `Trend: oldest run +0:41 → newest run -0:10: converging on the budget`.
pub fn trend_line(trend: &Trend) -> String {
    let runs = if trend.window == 1 {
        "run".to_owned()
    } else {
        format!("{} runs", trend.window)
    };
    format!(
        "Trend: oldest {runs} {} → newest {runs} {}: {}",
        delta(trend.oldest),
        delta(trend.newest),
        trend.direction.words()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_not_bytes() {
        assert_eq!(truncate("Method", 10), "Method");
        assert_eq!(truncate("Where the LoRA layers attach", 10), "Where the…");
        // Korean is two columns a character.
        assert_eq!(truncate("발표 연습을 합니다", 9), "발표 연…");
        assert_eq!(fit("발표", 6), "발표  ");
        assert_eq!(fit("日本語のタイトル", 7).width(), 7);
        assert_eq!(truncate("a\tb", 5), "a b");
    }

    #[test]
    fn bars_show_the_budget_and_the_overrun() {
        let s = Duration::from_secs;
        assert_eq!(bar(s(5), s(10)), ("█████     │".into(), String::new()));
        assert_eq!(bar(s(10), s(10)), ("██████████│".into(), String::new()));
        assert_eq!(bar(s(11), s(10)).1, "▓");
        assert_eq!(bar(s(100), s(10)).1, "▓▓▓▓▓›");
        assert_eq!(bar(Duration::from_millis(125), s(10)).0, "▏         │");
        assert_eq!(bar(s(1), Duration::ZERO).1, "▓▓▓▓▓›");
        assert_eq!(bar(Duration::ZERO, Duration::ZERO).0, "          │");
    }
}
