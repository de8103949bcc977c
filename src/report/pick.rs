//! Which runs a report is about, kept while a history is scanned: the file is read once and
//! only the runs the report needs stay in memory.

use std::collections::BTreeMap;

use crate::history::Run;

/// The runs a report asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The last `k` runs (the last one alone for 1).
    Last(usize),
    /// Run `n`.
    Run(usize),
    /// Runs `a` and `b`.
    Compare(usize, usize),
}

/// Keeps the picked runs out of those offered, in any order.
#[derive(Debug)]
pub struct Picker {
    pick: Pick,
    kept: BTreeMap<usize, Run>,
    most_held: usize,
}

impl Picker {
    pub fn new(pick: Pick) -> Self {
        Self {
            pick,
            kept: BTreeMap::new(),
            most_held: 0,
        }
    }

    /// Offers a run as the history hands it over; keeps it if the report may need it.
    pub fn offer(&mut self, run: Run) {
        let wanted = match self.pick {
            Pick::Last(_) => true,
            Pick::Run(n) => run.number == n,
            Pick::Compare(a, b) => run.number == a || run.number == b,
        };
        if wanted {
            self.kept.insert(run.number, run);
        }
        if let Pick::Last(k) = self.pick
            && self.kept.len() > k
        {
            self.kept.pop_first();
        }
        self.most_held = self.most_held.max(self.kept.len());
    }

    /// The most runs held at once, after each offer: never more than the report asks for.
    pub fn most_held(&self) -> usize {
        self.most_held
    }

    /// The kept runs by number.
    pub fn into_runs(self) -> BTreeMap<usize, Run> {
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{plan, run};

    fn numbered(n: usize) -> Run {
        Run {
            number: n,
            ..run(&plan(), 0, &[])
        }
    }

    #[test]
    fn keeps_the_last_k_whatever_the_order() {
        let mut picker = Picker::new(Pick::Last(2));
        for n in [1, 3, 2, 5, 4] {
            picker.offer(numbered(n));
        }
        assert_eq!(picker.into_runs().into_keys().collect::<Vec<_>>(), [4, 5]);
        let mut picker = Picker::new(Pick::Compare(4, 1));
        for n in 1..=5 {
            picker.offer(numbered(n));
        }
        assert_eq!(picker.into_runs().into_keys().collect::<Vec<_>>(), [1, 4]);
    }

    #[test]
    fn the_last_k_of_a_long_history_are_read_holding_k() {
        use std::fmt::Write as _;
        let snapshot = serde_json::to_string(&crate::history::PlanSnapshot::of(&plan())).unwrap();
        let mut text = String::new();
        for k in 0..5000 {
            let _ = writeln!(
                text,
                "{{\"run\":\"r{k}\",\"event\":\"start\",\"t_ms\":0,\"plan\":{snapshot}}}"
            );
            if k % 4 != 0 {
                let _ = writeln!(
                    text,
                    "{{\"run\":\"r{k}\",\"event\":\"end\",\"t_ms\":9,\"reason\":\"finished\"}}"
                );
            }
        }
        let mut picker = Picker::new(Pick::Last(3));
        let scanned = crate::history::scan(text.as_bytes(), |run| picker.offer(run)).unwrap();
        assert_eq!(scanned.runs, 5000);
        assert_eq!(picker.most_held(), 3);
        assert_eq!(
            picker.into_runs().into_keys().collect::<Vec<_>>(),
            [4998, 4999, 5000]
        );
    }
}
