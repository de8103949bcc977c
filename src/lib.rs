//! pacer: rehearse a timed talk.
//!
//! The core (talk, plan, rehearsal, history, report, tune) is free of terminal code; the TUI is
//! a thin view over it, and `main.rs` only parses arguments and dispatches.

pub mod cli;
pub mod drill;
pub mod fsutil;
pub mod history;
pub mod html;
pub mod import;
pub mod pace;
pub mod plan;
pub mod rehearsal;
pub mod report;
pub mod share;
pub mod stats;
pub mod symbols;
pub mod talk;
#[doc(hidden)]
pub mod testing;
pub mod textwidth;
pub mod timefmt;
pub mod tui;
pub mod tune;

use talk::{Diagnostic, Source, Talk};

/// A talk read, validated and planned, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub talk: Talk,
    pub plan: plan::Plan,
    pub warnings: Vec<Diagnostic>,
}

/// Reads, validates and plans a talk: everything `check` and every other command need.
pub fn load(source: &Source) -> Result<Loaded, Vec<Diagnostic>> {
    let (talk, mut warnings) = talk::parse(source)?;
    let (plan, more) = plan::allocate(&talk).map_err(|mut errors| {
        errors.extend(warnings.clone());
        errors
    })?;
    warnings.extend(more);
    Ok(Loaded {
        talk,
        plan,
        warnings,
    })
}
