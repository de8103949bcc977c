//! The drill state machine: the questions chosen, events and clock readings in, answers out.
//!
//! Per question: asked (clock stopped) → answering (the answer clock runs against the
//! question's budget) → reviewing (the notes shown, the time frozen) → rated, then the next
//! question. Pauses stop the answer clock; `undo` takes back the last step (a start, an end of
//! an answer, a rating, a skip) as if it never happened: an answer ended by accident keeps
//! running. Time is data: every method takes `now`, a reading of the drill's monotonic clock.
//! No terminal, no I/O, no clock of its own: the screen and the journal's reader replay the
//! same code, so what is read back is what the screen showed.

use std::time::Duration;

use super::{Answer, Rating};
use crate::pace::{self, Pace};
use crate::rehearsal::{EndReason, PauseReason};

/// A question as the drill asks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The question's id (`Question::id`).
    pub id: String,
    pub ask: String,
    /// The points a good answer makes, shown once the answer is over (may be empty).
    pub answer: String,
    pub budget: Duration,
}

impl From<&crate::talk::Question> for Prompt {
    fn from(q: &crate::talk::Question) -> Self {
        Self {
            id: q.id.clone(),
            ask: q.ask.clone(),
            answer: q.answer.clone(),
            budget: q.budget,
        }
    }
}

/// One thing the speaker did, applied at a moment of the drill clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The answer clock starts on the question asked.
    Start,
    /// The answer is over: its time freezes and the notes are shown.
    Stop,
    /// The answer is rated; the next question is asked (or the drill ends after the last).
    Rate(Rating),
    /// The question is passed over, unanswered; the next is asked.
    Skip,
    Pause(PauseReason),
    Resume,
    /// The last step (start, stop, rate, skip) is taken back.
    Undo,
    End(EndReason),
}

/// Where the drill stands on the current question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The question is shown, the clock stopped.
    Asking,
    /// The answer clock runs.
    Answering,
    /// The answer is over; the notes are shown, a rating is due.
    Reviewing,
    Finished,
}

/// The step inside a question, with the active-clock moment its answer began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    Asking,
    Answering { from: Duration },
    Reviewing { from: Duration, took: Duration },
    Finished,
}

/// What `undo` restores.
#[derive(Debug, Clone, Copy)]
struct Snapshot {
    index: usize,
    at: At,
    answers: usize,
    skipped: usize,
}

/// A drill in progress (or replayed from its journal).
#[derive(Debug, Clone)]
pub struct Session {
    prompts: Vec<Prompt>,
    index: usize,
    at: At,
    answers: Vec<Answer>,
    skipped: Vec<usize>,
    undo: Vec<Snapshot>,
    paused: Duration,
    paused_since: Option<Duration>,
    /// When the last question was dealt with: the drill's time stops there.
    done: Option<Duration>,
    end: Option<(EndReason, Duration)>,
}

impl Session {
    /// A drill of `prompts` in this order, asking the first (finished at once when empty).
    pub fn new(prompts: Vec<Prompt>) -> Self {
        let at = if prompts.is_empty() {
            At::Finished
        } else {
            At::Asking
        };
        Self {
            prompts,
            index: 0,
            at,
            answers: Vec::new(),
            skipped: Vec::new(),
            undo: Vec::new(),
            paused: Duration::ZERO,
            paused_since: None,
            done: None,
            end: None,
        }
    }

    /// Adds a question to ask after the others: a drill that had dealt with all of them (and
    /// has not ended) asks it. The journal's reader learns the questions as they are asked.
    pub fn push(&mut self, prompt: Prompt) {
        self.prompts.push(prompt);
        if self.at == At::Finished && self.end.is_none() && self.index + 1 == self.prompts.len() {
            self.at = At::Asking;
            self.done = None;
        }
    }

    /// Rebuilds a drill from its recorded events.
    pub fn replay<'a>(
        prompts: Vec<Prompt>,
        events: impl IntoIterator<Item = (&'a Event, Duration)>,
    ) -> Self {
        let mut session = Self::new(prompts);
        for (event, at) in events {
            session.apply(event, at);
        }
        session
    }

    /// Applies an event at `now`; returns whether it changed anything (only those are recorded).
    ///
    /// While paused, only resume, undo and the end are taken: a clicker's next cannot end an
    /// answer the speaker is not giving.
    pub fn apply(&mut self, event: &Event, now: Duration) -> bool {
        if self.end.is_some() {
            return false;
        }
        let paused = self.paused_since.is_some();
        let active = self.active(now);
        let before = Snapshot {
            index: self.index,
            at: self.at,
            answers: self.answers.len(),
            skipped: self.skipped.len(),
        };
        let step = match (*event, self.at) {
            (Event::End(reason), _) => {
                if let Some(since) = self.paused_since.take() {
                    self.paused += now.saturating_sub(since);
                }
                // An answer cut off while its clock ran stops where it stood, and is no
                // answer: only one the speaker ended counts.
                self.end = Some((reason, now));
                return true;
            }
            (Event::Pause(_), At::Asking | At::Answering { .. } | At::Reviewing { .. })
                if !paused =>
            {
                self.paused_since = Some(now);
                return true;
            }
            (Event::Resume, _) if paused => {
                if let Some(since) = self.paused_since.take() {
                    self.paused += now.saturating_sub(since);
                }
                return true;
            }
            (Event::Undo, _) => return self.undo(),
            _ if paused => return false,
            (Event::Start, At::Asking) => {
                self.at = At::Answering { from: active };
                true
            }
            (Event::Stop, At::Answering { from }) => {
                self.at = At::Reviewing {
                    from,
                    took: active.saturating_sub(from),
                };
                true
            }
            (Event::Rate(rating), At::Reviewing { took, .. }) => {
                let prompt = &self.prompts[self.index];
                self.answers.push(Answer {
                    question: prompt.id.clone(),
                    ask: prompt.ask.clone(),
                    budget: prompt.budget,
                    took,
                    rating: Some(rating),
                });
                self.next(now);
                true
            }
            (Event::Skip, At::Asking | At::Answering { .. } | At::Reviewing { .. }) => {
                self.skipped.push(self.index);
                self.next(now);
                true
            }
            _ => false,
        };
        if step {
            self.undo.push(before);
        }
        step
    }

    fn next(&mut self, now: Duration) {
        self.index += 1;
        self.at = if self.index < self.prompts.len() {
            At::Asking
        } else {
            self.done = Some(now);
            At::Finished
        };
    }

    fn undo(&mut self) -> bool {
        let Some(snap) = self.undo.pop() else {
            return false;
        };
        self.index = snap.index;
        self.at = snap.at;
        self.answers.truncate(snap.answers);
        self.skipped.truncate(snap.skipped);
        self.done = None;
        true
    }

    /// Drill-clock time with the pauses left out: the clock answers are timed on.
    fn active(&self, now: Duration) -> Duration {
        let open = self
            .paused_since
            .map_or(Duration::ZERO, |since| now.saturating_sub(since));
        let stop = self.done.or(self.end.map(|(_, at)| at));
        let now = stop.map_or(now, |at| at.min(now));
        now.saturating_sub(self.paused).saturating_sub(open)
    }

    pub fn phase(&self) -> Phase {
        match self.at {
            At::Asking => Phase::Asking,
            At::Answering { .. } => Phase::Answering,
            At::Reviewing { .. } => Phase::Reviewing,
            At::Finished => Phase::Finished,
        }
    }

    /// Whether the drill is over: every question dealt with, or ended.
    pub fn is_over(&self) -> bool {
        self.end.is_some() || self.at == At::Finished
    }

    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// The questions of the drill, in the order asked.
    pub fn prompts(&self) -> &[Prompt] {
        &self.prompts
    }

    /// Position of the question asked (0-based; the number of questions once all are done).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The question asked, answered or reviewed now.
    pub fn current(&self) -> Option<&Prompt> {
        match self.at {
            At::Finished => None,
            _ => self.prompts.get(self.index),
        }
    }

    /// The answer clock at `now`: running while answering, frozen while reviewing.
    pub fn took(&self, now: Duration) -> Duration {
        match self.at {
            At::Answering { from } => self.active(now).saturating_sub(from),
            At::Reviewing { took, .. } => took,
            At::Asking | At::Finished => Duration::ZERO,
        }
    }

    /// How the answer stands against its budget at `now`, live (amber at `warn` of it).
    pub fn pace(&self, now: Duration, warn: f64) -> Pace {
        let budget = self.current().map_or(Duration::ZERO, |p| p.budget);
        match self.at {
            At::Answering { .. } => Pace::of_spent(self.took(now), budget, warn),
            At::Reviewing { took, .. } => pace::finished(took, budget, warn),
            At::Asking | At::Finished => Pace::Fine,
        }
    }

    /// The rated answers, in the order given.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// An answer given but not rated, when the drill ended on it (counted as answered).
    pub fn pending(&self) -> Option<Answer> {
        self.end.and(self.reviewed())
    }

    /// The answer under review (given, not yet rated), whether or not the drill has ended: a
    /// drill cut short by a kill has no end, and its last answer still counts.
    pub fn reviewed(&self) -> Option<Answer> {
        let At::Reviewing { took, .. } = self.at else {
            return None;
        };
        let prompt = self.prompts.get(self.index)?;
        Some(Answer {
            question: prompt.id.clone(),
            ask: prompt.ask.clone(),
            budget: prompt.budget,
            took,
            rating: None,
        })
    }

    /// Of `chosen` questions, how many the drill did not get through: neither answered (rated,
    /// or given when the drill ended) nor skipped; the one on the screen when a drill was quit
    /// among them, unless its answer was given. Answered, skipped and these add up to `chosen`.
    /// The screen knows every question (`prompts().len()`); the journal's reader learns them as
    /// they are asked, so it passes the number the drill chose.
    pub fn not_asked(&self, chosen: usize) -> usize {
        let through =
            self.answers.len() + self.skipped.len() + usize::from(self.reviewed().is_some());
        chosen.saturating_sub(through)
    }

    /// The questions skipped (positions into [`Session::prompts`]).
    pub fn skipped(&self) -> &[usize] {
        &self.skipped
    }

    pub fn end(&self) -> Option<(EndReason, Duration)> {
        self.end
    }

    /// Whether `undo` has a step to take back.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() && self.end.is_none()
    }

    /// The whole drill's time at `now`, pauses left out.
    pub fn elapsed(&self, now: Duration) -> Duration {
        self.active(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn prompt(id: &str, budget: u64) -> Prompt {
        Prompt {
            id: id.into(),
            ask: format!("{id}?"),
            answer: format!("say {id}"),
            budget: secs(budget),
        }
    }

    fn three() -> Session {
        Session::new(vec![prompt("a", 30), prompt("b", 60), prompt("c", 10)])
    }

    #[test]
    fn a_whole_drill_asks_times_and_rates_every_question() {
        let mut s = three();
        assert_eq!(s.phase(), Phase::Asking);
        assert_eq!(
            s.took(secs(5)),
            Duration::ZERO,
            "the clock waits while asked"
        );
        assert!(s.apply(&Event::Start, secs(5)));
        assert_eq!(s.took(secs(20)), secs(15));
        assert_eq!(s.pace(secs(20), 0.8), Pace::Fine);
        assert_eq!(s.pace(secs(29), 0.8), Pace::Amber);
        assert_eq!(s.pace(secs(36), 0.8), Pace::Over);
        assert!(s.apply(&Event::Stop, secs(33)));
        assert_eq!(s.phase(), Phase::Reviewing);
        assert_eq!(s.took(secs(90)), secs(28), "frozen while reviewing");
        assert_eq!(s.pace(secs(90), 0.8), Pace::Fine);
        assert!(!s.apply(&Event::Stop, secs(34)), "not answering");
        assert!(s.apply(&Event::Rate(Rating::Good), secs(40)));
        assert_eq!(s.current().unwrap().id, "b");
        assert_eq!(s.phase(), Phase::Asking);
        s.apply(&Event::Start, secs(41));
        s.apply(&Event::Stop, secs(131));
        assert_eq!(s.pace(secs(131), 0.8), Pace::Over, "90 s of a 60 s budget");
        s.apply(&Event::Rate(Rating::Shaky), secs(132));
        s.apply(&Event::Start, secs(133));
        s.apply(&Event::Stop, secs(139));
        s.apply(&Event::Rate(Rating::Missed), secs(140));
        assert_eq!(s.phase(), Phase::Finished);
        assert!(s.is_over());
        let got: Vec<(&str, Duration, Option<Rating>)> = s
            .answers()
            .iter()
            .map(|a| (a.question.as_str(), a.took, a.rating))
            .collect();
        assert_eq!(
            got,
            [
                ("a", secs(28), Some(Rating::Good)),
                ("b", secs(90), Some(Rating::Shaky)),
                ("c", secs(6), Some(Rating::Missed)),
            ]
        );
        assert_eq!(s.answers()[1].ask, "b?");
        assert_eq!(s.answers()[1].budget, secs(60));
        assert!(!s.apply(&Event::Start, secs(141)), "nothing left to ask");
        assert_eq!(
            s.elapsed(secs(500)),
            secs(140),
            "the drill's time stops at the last"
        );
        assert!(s.apply(&Event::End(EndReason::Finished), secs(142)));
        assert!(
            !s.apply(&Event::End(EndReason::Quit), secs(143)),
            "ends once"
        );
    }

    #[test]
    fn pauses_stop_the_answer_clock_and_hold_the_steps() {
        let mut s = three();
        s.apply(&Event::Start, secs(0));
        assert!(s.apply(&Event::Pause(PauseReason::Speaker), secs(10)));
        assert!(s.is_paused());
        assert_eq!(s.took(secs(100)), secs(10));
        assert!(
            !s.apply(&Event::Stop, secs(50)),
            "paused: next does nothing"
        );
        assert!(!s.apply(&Event::Pause(PauseReason::Speaker), secs(60)));
        assert!(s.apply(&Event::Resume, secs(100)));
        assert_eq!(s.took(secs(105)), secs(15));
        s.apply(&Event::Stop, secs(110));
        assert_eq!(s.took(secs(110)), secs(20));
        assert_eq!(s.elapsed(secs(110)), secs(20));
        // A laptop asleep while a question is read costs nothing either.
        s.apply(&Event::Rate(Rating::Good), secs(111));
        s.apply(&Event::Pause(PauseReason::Suspend), secs(112));
        s.apply(&Event::Resume, secs(500));
        s.apply(&Event::Start, secs(500));
        assert_eq!(s.took(secs(530)), secs(30));
    }

    #[test]
    fn undo_takes_back_each_step_as_if_it_never_happened() {
        let mut s = three();
        assert!(!s.can_undo());
        assert!(!s.apply(&Event::Undo, secs(0)), "nothing to undo");
        s.apply(&Event::Start, secs(0));
        s.apply(&Event::Stop, secs(10));
        // The answer was not over: the clock kept running for it.
        assert!(s.apply(&Event::Undo, secs(12)));
        assert_eq!(s.phase(), Phase::Answering);
        assert_eq!(s.took(secs(20)), secs(20));
        s.apply(&Event::Stop, secs(25));
        s.apply(&Event::Rate(Rating::Missed), secs(26));
        assert_eq!(s.answers().len(), 1);
        // The wrong key: back to the notes, the rating gone, the time kept.
        assert!(s.apply(&Event::Undo, secs(27)));
        assert_eq!(s.phase(), Phase::Reviewing);
        assert!(s.answers().is_empty());
        assert_eq!(s.took(secs(27)), secs(25));
        s.apply(&Event::Rate(Rating::Good), secs(28));
        s.apply(&Event::Skip, secs(29));
        assert_eq!(s.skipped(), &[1]);
        assert_eq!(s.current().unwrap().id, "c");
        s.apply(&Event::Undo, secs(30));
        assert_eq!(s.current().unwrap().id, "b");
        assert!(s.skipped().is_empty());
        // Undoing a start puts the question back, clock stopped.
        s.apply(&Event::Start, secs(31));
        s.apply(&Event::Undo, secs(40));
        assert_eq!(s.phase(), Phase::Asking);
        assert_eq!(s.took(secs(50)), Duration::ZERO);
        assert_eq!(s.answers()[0].rating, Some(Rating::Good));
        // Undo works while paused, and the clock stays stopped.
        s.apply(&Event::Start, secs(50));
        s.apply(&Event::Stop, secs(60));
        s.apply(&Event::Pause(PauseReason::Speaker), secs(61));
        s.apply(&Event::Undo, secs(70));
        assert_eq!(s.took(secs(80)), secs(11), "ran 50..61, then paused");
    }

    #[test]
    fn skips_pass_questions_over_unanswered() {
        let mut s = three();
        s.apply(&Event::Skip, secs(1));
        s.apply(&Event::Start, secs(2));
        s.apply(&Event::Skip, secs(3));
        s.apply(&Event::Start, secs(4));
        s.apply(&Event::Stop, secs(5));
        s.apply(&Event::Skip, secs(6));
        assert_eq!(s.phase(), Phase::Finished);
        assert_eq!(s.skipped(), &[0, 1, 2]);
        assert!(s.answers().is_empty());
    }

    #[test]
    fn an_ended_drill_keeps_an_answer_given_but_not_rated() {
        let mut s = three();
        s.apply(&Event::Start, secs(0));
        s.apply(&Event::Stop, secs(7));
        assert_eq!(s.pending(), None, "still going: the rating may come");
        s.apply(&Event::End(EndReason::Quit), secs(9));
        let pending = s.pending().unwrap();
        assert_eq!((pending.took, pending.rating), (secs(7), None));
        assert!(!s.apply(&Event::Rate(Rating::Good), secs(10)), "over");
        assert!(!s.can_undo());

        // Ended mid-answer: the clock stops where it stood, and nothing counts as answered.
        let mut s = three();
        s.apply(&Event::Start, secs(0));
        s.apply(&Event::Pause(PauseReason::Speaker), secs(4));
        s.apply(&Event::End(EndReason::Signal), secs(30));
        assert_eq!(s.pending(), None);
        assert_eq!(s.took(secs(99)), secs(4));
        assert_eq!(s.elapsed(secs(99)), secs(4));

        // Ended while a question was read: nothing answered.
        let mut s = three();
        s.apply(&Event::End(EndReason::Quit), secs(3));
        assert_eq!(s.pending(), None);
    }

    #[test]
    fn a_drill_quit_early_knows_what_it_did_not_ask() {
        let mut s = Session::new(vec![
            prompt("a", 30),
            prompt("b", 30),
            prompt("c", 30),
            prompt("d", 30),
        ]);
        assert_eq!(s.not_asked(4), 4);
        s.apply(&Event::Start, secs(0));
        s.apply(&Event::Stop, secs(5));
        s.apply(&Event::Rate(Rating::Good), secs(6));
        s.apply(&Event::Skip, secs(7));
        assert_eq!(s.not_asked(4), 2, "one answered, one skipped");
        // The third on the screen, its answer given, not rated: answered.
        s.apply(&Event::Start, secs(8));
        s.apply(&Event::Stop, secs(9));
        assert_eq!(s.not_asked(4), 1);
        s.apply(&Event::Undo, secs(10));
        assert_eq!(s.not_asked(4), 2, "answering is not answered");
        s.apply(&Event::End(EndReason::Quit), secs(11));
        assert_eq!(s.not_asked(4), 2, "c cut off, d never shown");
        assert_eq!(s.not_asked(1), 0, "never below none");
    }

    #[test]
    fn replay_rebuilds_the_same_drill() {
        let events = [
            (Event::Start, secs(1)),
            (Event::Stop, secs(20)),
            (Event::Undo, secs(21)),
            (Event::Stop, secs(24)),
            (Event::Rate(Rating::Shaky), secs(25)),
            (Event::Skip, secs(26)),
        ];
        let mut live = three();
        for (e, t) in &events {
            live.apply(e, *t);
        }
        let replayed =
            Session::replay(live.prompts().to_vec(), events.iter().map(|(e, t)| (e, *t)));
        assert_eq!(replayed.answers(), live.answers());
        assert_eq!(replayed.index(), 2);
        assert_eq!(replayed.answers()[0].took, secs(23));
    }

    #[test]
    fn questions_learnt_as_they_are_asked_replay_the_same() {
        let mut s = Session::new(vec![prompt("a", 30)]);
        s.apply(&Event::Start, secs(0));
        s.apply(&Event::Stop, secs(5));
        s.apply(&Event::Rate(Rating::Good), secs(6));
        assert_eq!(s.phase(), Phase::Finished);
        s.push(prompt("b", 60));
        assert_eq!(s.current().unwrap().id, "b");
        s.apply(&Event::Start, secs(7));
        s.apply(&Event::Stop, secs(9));
        assert_eq!(s.reviewed().unwrap().took, secs(2));
        assert_eq!(s.pending(), None, "not ended");
        // Once ended, a question added asks nothing.
        s.apply(&Event::End(EndReason::Quit), secs(10));
        s.push(prompt("c", 5));
        assert_eq!(s.phase(), Phase::Reviewing);
    }

    #[test]
    fn an_empty_drill_is_over_before_it_starts() {
        let s = Session::new(Vec::new());
        assert_eq!(s.phase(), Phase::Finished);
        assert_eq!(s.current(), None);
        assert_eq!(s.pace(secs(1), 0.8), Pace::Fine);
    }
}
