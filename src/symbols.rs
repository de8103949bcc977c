//! The symbols every screen and report shows, one per meaning, so the rehearsal screen and the
//! reports speak the same language: `●` is fine (within budget, on time, on pace) everywhere,
//! `⚑` is a mark everywhere.
//!
//! Plain text only: the TUI's theme and the reports' views style them; nothing here knows
//! about a terminal.

/// Within budget, on time, on pace: all is well.
pub const FINE: &str = "●";
/// Live: at `warn` of a budget or more; finished: a bit over (within the grace band).
pub const AMBER: &str = "◆";
/// Past a budget, behind, over.
pub const OVER: &str = "▲";
/// Finished earlier than the budget allows (beyond the grace): early.
pub const EARLY: &str = "▼";
/// A section of the rehearsal left behind within its budget: done.
pub const DONE: &str = "✓";
/// A slide marked to revisit.
pub const MARK: &str = "⚑";
/// A section or a run with slides never shown: none of them shown, or a slide jumped over.
pub const SKIPPED: &str = "»";
/// A section some of whose slides were skipped, some shown.
pub const PARTLY_SKIPPED: &str = "◐";
/// A run still being rehearsed: its recorder is alive.
pub const IN_PROGRESS: &str = "▷";
