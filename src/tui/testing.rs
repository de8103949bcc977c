//! Fixtures for the TUI's tests: a small talk in several scripts, and a model driven by keys at
//! synthetic moments.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::app::{App, Msg, Options, Past, Record};
use super::keys::{Action, BINDINGS, Press};
use crate::plan::Plan;
use crate::rehearsal::Reference;

/// Three sections, seven slides, three minutes: notes, an optional slide, Korean and accents.
pub const TALK: &str = r#"
title = "Pocket diffusion: a rehearsal fixture"
budget = "3m"
grace = "10s"

[[section]]
title = "Opening"
budget = "40s"
slides = ["Title", { title = "Who I am", budget = "10s" }]

[[section]]
title = "발표 소개"
slides = [
  { title = "Why a phone, not a server", notes = "Start with the photo. Latency, privacy, cost: in that order. Then the one number that matters: 300 ms." },
  { title = "Ablation: rank", optional = true },
  "Café résumé of results",
]

[[section]]
title = "Closing"
budget = "30s"
slides = ["Three things to remember", "Merci · 감사합니다"]
"#;

/// The fixture's plan, parsed once per test binary.
pub fn plan() -> Arc<Plan> {
    static PLAN: OnceLock<Arc<Plan>> = OnceLock::new();
    let plan = PLAN.get_or_init(|| {
        let source = crate::talk::Source::new("fixture.toml", TALK);
        Arc::new(crate::load(&source).expect("the fixture is valid").plan)
    });
    Arc::clone(plan)
}

pub fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

pub fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// A model of the fixture, recording to a made-up path, no colour.
pub fn app() -> App {
    app_with(Options::default(), Vec::new())
}

pub fn app_with(options: Options, references: Vec<Reference>) -> App {
    let mut app = App::new(
        plan(),
        0,
        options,
        Record::Ready(PathBuf::from("talks/fixture.history.jsonl")),
    );
    app.update(
        Msg::Past(Past {
            references,
            notice: None,
        }),
        Duration::ZERO,
    );
    app
}

/// The press of the first key bound to `action`.
pub fn key_for(action: Action) -> Press {
    let binding = BINDINGS.iter().find(|b| b.action == action);
    let key = binding
        .and_then(|b| b.keys.first())
        .expect("every action has a key");
    Press { key: *key, action }
}

/// Presses `action` at `at`.
pub fn press(app: &mut App, action: Action, at: Duration) -> Vec<super::app::Effect> {
    app.update(Msg::Key(key_for(action)), at)
}

/// The text of every row of a buffer, as a terminal shows it (a wide character's second cell
/// is not text of its own).
pub fn rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                let symbol = buf[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = super::text::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}
