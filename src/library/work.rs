//! One document at work: its text, file name, output style and selection,
//! the text it started as (its original), and its undo history.
//!
//! [`Work`] is the one value the library saves, the app opens and a share
//! link is made from. Every change a person makes (a toggle, an edit, a
//! move, typing, a style switch, a revert) is recorded by
//! [`Work::record`] as one [`Step`]: the difference between the state
//! before and after, as a text splice plus the ids switched off and on.
//! Undo and redo apply steps backwards and forwards; they restore exactly
//! the earlier state.
//!
//! The history is bounded ([`MAX_STEPS`] steps and [`MAX_BYTES`] bytes of
//! recorded text and ids); the oldest steps go first, and the newest step
//! is always kept.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::presets::{self, Preset};
use crate::persona::variables::Values;
use crate::persona::{Id, Style};

/// Most steps kept in the undo history.
pub const MAX_STEPS: usize = 200;
/// Most bytes the history's steps may hold (text and ids), so that a saved
/// document stays well inside browser storage.
pub const MAX_BYTES: usize = 256 * 1024;

/// One document at work. Stored as part of a library document
/// ([`super::Doc`]); a share link carries all but its original and history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    /// The document text.
    pub text: String,
    /// The file it came from (a dialect hint).
    pub file_name: Option<String>,
    /// The output style.
    pub style: Style,
    /// The switched-off ids.
    pub excluded: Vec<Id>,
    /// The text as first pasted or opened, once the text has changed from
    /// it (`None` while the text is still the original).
    pub original: Option<String>,
    /// Undo and redo.
    pub history: History,
    /// Named selections of this document.
    pub presets: Vec<Preset>,
    /// The values of its variables. Settings rather than edits: they are
    /// saved and shared, but not steps of the history (undo keeps them).
    pub variables: Values,
    /// The document is being typed: it started empty and has had nothing
    /// but typing since, so its text is still its own original (the first
    /// other change ends this).
    pub typed: bool,
}

/// The undo and redo stacks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Steps to undo, oldest first.
    #[serde(default)]
    pub undo: Vec<Step>,
    /// Steps to redo, the next one last.
    #[serde(default)]
    pub redo: Vec<Step>,
}

/// What one change did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The text change, if the text changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub splice: Option<Splice>,
    /// Ids the step switched off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off: Vec<Id>,
    /// Ids the step switched on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on: Vec<Id>,
    /// The output style before and after, if it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<(Style, Style)>,
    /// Whether the step is typing in the document box (grouped with the
    /// typing next to it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub typing: bool,
    /// The presets before and after, if they changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presets: Option<Box<(Vec<Preset>, Vec<Preset>)>>,
}

/// A text change: `old` at byte `at` became `new`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Splice {
    /// Where the change starts, in bytes.
    pub at: usize,
    /// The text that was there.
    pub old: String,
    /// The text put in its place.
    pub new: String,
}

impl Splice {
    /// The smallest splice that turns `before` into `after` (their common
    /// start and end left out), or `None` when they are equal.
    #[must_use]
    pub fn between(before: &str, after: &str) -> Option<Self> {
        if before == after {
            return None;
        }
        let prefix = common_prefix(before, after);
        let (b_rest, a_rest) = (before.get(prefix..).unwrap_or(""), after.get(prefix..).unwrap_or(""));
        let suffix = common_suffix(b_rest, a_rest);
        Some(Self {
            at: prefix,
            old: b_rest.get(..b_rest.len() - suffix).unwrap_or("").to_string(),
            new: a_rest.get(..a_rest.len() - suffix).unwrap_or("").to_string(),
        })
    }

    /// Applies the splice to `text` (`old` → `new`); false when `text` does
    /// not hold `old` at `at` (then `text` is left alone).
    pub fn apply(&self, text: &mut String) -> bool {
        replace_at(text, self.at, &self.old, &self.new)
    }

    /// Undoes the splice on `text` (`new` → `old`).
    pub fn revert(&self, text: &mut String) -> bool {
        replace_at(text, self.at, &self.new, &self.old)
    }

    /// The splice followed by `next` as one splice, when `next` changes
    /// text inside or right next to what this one put in (typing on, or
    /// deleting what was just typed or what is just before it).
    fn then(&self, next: &Splice) -> Option<Splice> {
        let end = self.at + self.new.len();
        if next.at >= self.at && next.at + next.old.len() <= end {
            let from = next.at - self.at;
            let mut new = self.new.get(..from)?.to_string();
            new.push_str(&next.new);
            new.push_str(self.new.get(from + next.old.len()..)?);
            return Some(Splice { at: self.at, old: self.old.clone(), new });
        }
        if next.new.is_empty() && next.at + next.old.len() == self.at {
            return Some(Splice {
                at: next.at,
                old: format!("{}{}", next.old, self.old),
                new: self.new.clone(),
            });
        }
        None
    }

    fn bytes(&self) -> usize {
        self.old.len() + self.new.len() + 8
    }
}

fn replace_at(text: &mut String, at: usize, from: &str, to: &str) -> bool {
    let end = at + from.len();
    if text.get(at..end) != Some(from) {
        return false;
    }
    text.replace_range(at..end, to);
    true
}

fn common_prefix(a: &str, b: &str) -> usize {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Back to a character boundary of both.
    (0..=n).rev().find(|&i| a.is_char_boundary(i) && b.is_char_boundary(i)).unwrap_or(0)
}

fn common_suffix(a: &str, b: &str) -> usize {
    let n = a.bytes().rev().zip(b.bytes().rev()).take_while(|(x, y)| x == y).count();
    (0..=n).rev().find(|&i| a.is_char_boundary(a.len() - i) && b.is_char_boundary(b.len() - i)).unwrap_or(0)
}

impl Step {
    /// The step from `before` to `after`, or `None` when nothing changed.
    #[must_use]
    pub fn between(before: &Work, after: &Work, typing: bool) -> Option<Self> {
        let was: BTreeSet<Id> = before.excluded.iter().copied().collect();
        let now: BTreeSet<Id> = after.excluded.iter().copied().collect();
        let step = Self {
            splice: Splice::between(&before.text, &after.text),
            off: now.difference(&was).copied().collect(),
            on: was.difference(&now).copied().collect(),
            style: (before.style != after.style).then_some((before.style, after.style)),
            typing,
            presets: (before.presets != after.presets)
                .then(|| Box::new((before.presets.clone(), after.presets.clone()))),
        };
        (step != Self { typing, ..Self::default() }).then_some(step)
    }

    /// Bytes the step holds, for the history's bound.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.splice.as_ref().map_or(0, Splice::bytes)
            + (self.off.len() + self.on.len()) * 17
            + self.presets.as_ref().map_or(0, |p| presets::bytes(&p.0) + presets::bytes(&p.1))
            + 8
    }

    /// Whether the step changed only the text, by typing.
    fn is_typing_only(&self) -> bool {
        self.typing
            && self.off.is_empty()
            && self.on.is_empty()
            && self.style.is_none()
            && self.presets.is_none()
    }

    /// Applies the step to `work` forwards (`true`) or backwards.
    fn apply(&self, work: &mut Work, forwards: bool) -> bool {
        if let Some(s) = &self.splice {
            let done = if forwards { s.apply(&mut work.text) } else { s.revert(&mut work.text) };
            if !done {
                return false;
            }
        }
        let (off, on) = if forwards { (&self.off, &self.on) } else { (&self.on, &self.off) };
        let mut excluded: BTreeSet<Id> = work.excluded.iter().copied().collect();
        excluded.extend(off.iter().copied());
        for id in on {
            excluded.remove(id);
        }
        work.excluded = excluded.into_iter().collect();
        if let Some((before, after)) = self.style {
            work.style = if forwards { after } else { before };
        }
        if let Some(p) = &self.presets {
            work.presets = if forwards { p.1.clone() } else { p.0.clone() };
        }
        true
    }
}

impl History {
    /// Whether there is nothing to undo or redo.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty() && self.redo.is_empty()
    }

    /// Whether a step can be undone.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether a step can be redone.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Bytes the steps hold.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(Step::bytes).sum()
    }

    /// Adds `step`, merging typing with the typing just before it, drops
    /// what could be redone, and keeps the bound.
    fn push(&mut self, step: Step) {
        self.redo.clear();
        if step.is_typing_only()
            && let Some(last) = self.undo.last_mut()
            && last.is_typing_only()
            && let (Some(a), Some(b)) = (&last.splice, &step.splice)
            && let Some(merged) = a.then(b)
        {
            last.splice = Some(merged);
        } else {
            self.undo.push(step);
        }
        self.trim();
    }

    /// Drops the oldest steps until the bound holds (the newest stays).
    fn trim(&mut self) {
        let mut bytes = self.bytes();
        let mut drop = 0;
        for step in &self.undo {
            if self.undo.len() - drop <= 1 || (self.undo.len() - drop <= MAX_STEPS && bytes <= MAX_BYTES) {
                break;
            }
            bytes -= step.bytes();
            drop += 1;
        }
        self.undo.drain(..drop);
    }
}

impl Work {
    /// A document just pasted or opened: its text is its original.
    #[must_use]
    pub fn new(text: String, file_name: Option<String>) -> Self {
        Self { text, file_name, ..Self::default() }
    }

    /// The text as first pasted or opened.
    #[must_use]
    pub fn original_text(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// Whether the document differs from its original (text or selection).
    #[must_use]
    pub fn is_changed(&self) -> bool {
        self.original.as_ref().is_some_and(|o| *o != self.text) || !self.excluded.is_empty()
    }

    /// Records the change from `before` (this document's last recorded
    /// state) to this one as one step. The original is kept: the first
    /// change of a non-empty text remembers the text it changed from. A
    /// new document's first text starts its history rather than being a
    /// step of it; typed, the document is [`Work::typed`] until a change
    /// other than typing, and its typing is writing it, not changing it.
    /// Returns whether anything changed.
    pub fn record(&mut self, before: &Work, typing: bool) -> bool {
        let Some(step) = Step::between(before, self, typing) else { return false };
        if before.text.is_empty() && before.history.is_empty() {
            self.typed = typing;
            return true;
        }
        let writing = before.typed && step.is_typing_only();
        self.typed = writing;
        if self.original.is_none() && step.splice.is_some() && !before.text.is_empty() && !writing {
            self.original = Some(before.text.clone());
        }
        self.history.push(step);
        true
    }

    /// Undoes the last step; false when there is none (or it no longer
    /// fits the text, when it is dropped).
    pub fn undo(&mut self) -> bool {
        self.step(false)
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self) -> bool {
        self.step(true)
    }

    /// Moves one step from one stack to the other, applying it forwards
    /// (redo) or backwards (undo). A step that no longer fits the text
    /// clears its stack rather than being misapplied.
    fn step(&mut self, forwards: bool) -> bool {
        let from = if forwards { &mut self.history.redo } else { &mut self.history.undo };
        let Some(step) = from.pop() else { return false };
        if !step.apply(self, forwards) {
            let from = if forwards { &mut self.history.redo } else { &mut self.history.undo };
            from.clear();
            return false;
        }
        let to = if forwards { &mut self.history.undo } else { &mut self.history.redo };
        to.push(step);
        true
    }

    /// Brings back the original text with everything switched on, as one
    /// step that can be undone. False when there is nothing to revert.
    pub fn revert(&mut self) -> bool {
        let before = self.clone();
        if let Some(original) = self.original.clone() {
            self.text = original;
        }
        self.excluded.clear();
        self.record(&before, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(text: &str, off: &[u64]) -> Work {
        Work { text: text.into(), excluded: off.iter().map(|&n| Id(n)).collect(), ..Work::default() }
    }

    fn change(w: &mut Work, text: &str, off: &[u64], typing: bool) {
        let before = w.clone();
        w.text = text.into();
        w.excluded = off.iter().map(|&n| Id(n)).collect();
        w.record(&before, typing);
    }

    #[test]
    fn splices_are_minimal_and_reversible() -> Result<(), &'static str> {
        let s = Splice::between("- a\n- b\n", "- a\n- bee\n- c\n").ok_or("no splice")?;
        assert_eq!((s.at, s.old.as_str(), s.new.as_str()), (7, "", "ee\n- c"));
        let mut t = "- a\n- b\n".to_string();
        assert!(s.apply(&mut t));
        assert_eq!(t, "- a\n- bee\n- c\n");
        assert!(s.revert(&mut t));
        assert_eq!(t, "- a\n- b\n");
        // Multi-byte characters are never split.
        let s = Splice::between("héllo", "hèllo").ok_or("no splice")?;
        assert_eq!((s.old.as_str(), s.new.as_str()), ("é", "è"));
        Ok(())
    }

    #[test]
    fn undo_and_redo_walk_the_history_exactly() {
        let mut w = work("one\n", &[]);
        let mut states = vec![w.clone()];
        change(&mut w, "one\ntwo\n", &[], false);
        states.push(w.clone());
        change(&mut w, "one\ntwo\n", &[7], false);
        states.push(w.clone());
        let before = w.clone();
        w.style = Style::Clean;
        w.record(&before, false);
        states.push(w.clone());
        change(&mut w, "zero\ntwo\n", &[7, 9], false);
        states.push(w.clone());
        let same = |a: &Work, b: &Work| a.text == b.text && a.excluded == b.excluded && a.style == b.style;
        for expected in states.iter().rev().skip(1) {
            assert!(w.undo());
            assert!(same(&w, expected));
        }
        assert!(!w.undo());
        for expected in states.iter().skip(1) {
            assert!(w.redo());
            assert!(same(&w, expected));
        }
        assert!(!w.redo());
    }

    #[test]
    fn typing_groups_and_other_changes_do_not() {
        let mut w = work("ab", &[]);
        for t in ["abc", "abcd", "abcde", "abcd"] {
            change(&mut w, t, &[], true);
        }
        assert_eq!(w.history.undo.len(), 1);
        change(&mut w, "abcd", &[1], false);
        change(&mut w, "abcdX", &[1], true);
        assert_eq!(w.history.undo.len(), 3);
        // Typing somewhere else starts a new group.
        change(&mut w, "QabcdX", &[1], true);
        assert_eq!(w.history.undo.len(), 4);
        while w.undo() {}
        assert_eq!(w.text, "ab");
        assert!(w.excluded.is_empty());
    }

    #[test]
    fn the_original_is_kept_from_the_first_change() {
        let mut w = work("first\n", &[]);
        assert_eq!(w.original_text(), "first\n");
        change(&mut w, "second\n", &[3], false);
        change(&mut w, "third\n", &[3], false);
        assert_eq!(w.original_text(), "first\n");
        assert!(w.is_changed());
        assert!(w.revert());
        assert_eq!((w.text.as_str(), w.excluded.len()), ("first\n", 0));
        assert!(w.undo());
        assert_eq!((w.text.as_str(), w.excluded.as_slice()), ("third\n", &[Id(3)][..]));
        // A document typed from nothing starts with its first text.
        let mut typed = work("", &[]);
        change(&mut typed, "hello", &[], true);
        assert_eq!(typed.original, None);
    }

    #[test]
    fn a_typed_document_is_its_own_original_until_another_change() {
        // Typed a key at a time, each keystroke recorded (a pause at each).
        let text = "# Reviewer\n\n- one\n- two\n- three\n";
        let mut w = work("", &[]);
        for end in 1..=text.len() {
            change(&mut w, &text[..end], &[], true);
        }
        assert_eq!(w.original, None, "typing a new document does not change it from its first key");
        assert_eq!(w.original_text(), text);
        // One item off: the original is the typed text.
        change(&mut w, text, &[7], false);
        assert_eq!(w.original_text(), text);
        assert!(!w.typed);
        // Typing after that is an edit of it.
        change(&mut w, &format!("{text}- four\n"), &[7], true);
        assert_eq!(w.original.as_deref(), Some(text));
        // A pasted document's typing is an edit from the first key.
        let mut pasted = work("", &[]);
        change(&mut pasted, "- pasted\n", &[], false);
        change(&mut pasted, "- pasted\n- typed\n", &[], true);
        assert_eq!(pasted.original.as_deref(), Some("- pasted\n"));
    }

    #[test]
    fn the_bound_holds_and_keeps_the_newest_steps() {
        let mut w = work("", &[]);
        for i in 0..(MAX_STEPS + 50) {
            change(&mut w, &format!("{i}\n"), &[], false);
        }
        assert_eq!(w.history.undo.len(), MAX_STEPS);
        let big = "x".repeat(MAX_BYTES / 3);
        for i in 0..5 {
            change(&mut w, &format!("{i}{big}"), &[], false);
        }
        assert!(w.history.bytes() <= MAX_BYTES);
        assert!(w.undo());
        assert_eq!(w.text, format!("3{big}"));
        // One step above the bound is still kept.
        let huge = "y".repeat(MAX_BYTES * 2);
        change(&mut w, &huge, &[], false);
        assert_eq!(w.history.undo.len(), 1);
        assert!(w.undo());
    }

    #[test]
    fn a_step_that_no_longer_fits_is_dropped_not_misapplied() {
        let mut w = work("abc", &[]);
        change(&mut w, "abXc", &[], false);
        w.text = "zzz".into();
        assert!(!w.undo());
        assert_eq!(w.text, "zzz");
        assert!(!w.history.can_undo());
    }
}
