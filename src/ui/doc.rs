//! The document handle: the open document's text, its parse, selection,
//! output style and variable values, and its recorded [`Work`] (original
//! and undo history), as read-only signals that change only through this
//! handle's methods.
//!
//! The text updates on every keystroke; the persona is re-parsed at most
//! [`DEBOUNCE_MS`] after typing pauses (one pending timer, cancelled in
//! one place: [`DocState::cancel_pending`]). The selection is a set of
//! excluded ids, and ids derive from content, so edits elsewhere keep it.
//! It is stored once, in its signal; each rendered checkbox also
//! subscribes to a trigger of its own id, which is notified only when that
//! id's state changes, so a toggle re-runs only the checkboxes it changes.
//!
//! Every change a person makes is recorded into the [`Work`] as one undo
//! step ([`DocState::record`]); undo and redo show the [`Work`] they lead
//! to ([`DocState::show`]). The recorded `Work` is one signal: whatever
//! shows its history, presets or original follows it.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::triggers::Triggers;
use crate::library::Work;
use crate::library::presets::Preset;
use crate::persona::variables::{self as vars, Filled, Values, Variable};
use crate::persona::{Id, Persona, Selection, Style, assemble, parse_with_hint};

/// Delay between the last keystroke and the re-parse.
pub const DEBOUNCE_MS: u64 = 60;

/// The open document. `Copy`, so views capture it freely. Its signals are
/// read-only outside this module: they change only through its methods,
/// which record every change a person makes (a rule `tests/tidy.rs`
/// checks; read-only signal types would cost the first load 2.4 KiB).
#[derive(Clone, Copy)]
pub struct DocState {
    /// The document text, as typed.
    pub source: RwSignal<String>,
    /// The file name the document came from, if any (a dialect hint).
    pub file_name: RwSignal<Option<String>>,
    /// The parsed document (lags `source` by the debounce).
    pub persona: RwSignal<Arc<Persona>>,
    /// The original document, parsed: the same value as `persona` until
    /// the text changes from its original.
    pub original: RwSignal<Arc<Persona>>,
    /// Which units are switched off.
    pub selection: RwSignal<Selection>,
    /// Original or Clean Markdown.
    pub style: RwSignal<Style>,
    /// What a person set for the document's variables.
    pub variables: RwSignal<Values>,
    /// The document's variables (they change with its text and with the
    /// names marked "Not a variable", not with values).
    pub detected: Memo<Vec<Variable>>,
    /// The assembled prompt with its variables filled: what is shown,
    /// copied and counted.
    pub prompt: Memo<Filled>,
    /// The document as last recorded: the selection, text and style of the
    /// signals above at the last step, plus its original, history, presets
    /// and values.
    pub work: RwSignal<Work>,
    /// Bumped when the text is replaced from outside the text box, so the
    /// box (which otherwise owns its value while you type) shows it.
    pub loads: RwSignal<u64>,
    /// Bumped whenever the whole state is set from a [`Work`] (a document
    /// opened, an undo, a redo, a revert), so views that keep what a
    /// person types in them (the variables' boxes) take it again.
    pub replaced: RwSignal<u64>,
    w: Plain,
}

/// What a [`DocState`] keeps besides its signals.
#[derive(Clone, Copy)]
struct Plain {
    /// One trigger per rendered unit, notified when its state changes.
    units: Triggers,
    /// The re-parse that waits for typing to pause.
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The next whole-text replacement starts a new document (a paste
    /// over everything): its history starts there.
    fresh: StoredValue<bool>,
}

impl DocState {
    /// An empty document.
    #[must_use]
    pub fn new() -> Self {
        let persona = RwSignal::new(Arc::new(parse_with_hint("", None)));
        let selection = RwSignal::new(Selection::all());
        let style = RwSignal::new(Style::Original);
        let variables = RwSignal::new(Values::default());
        let source = RwSignal::new(String::new());
        let file_name = RwSignal::new(None::<String>);
        let original = RwSignal::new(persona.get_untracked());
        let work = RwSignal::new(Work::default());
        let loads = RwSignal::new(0u64);
        let replaced = RwSignal::new(0u64);
        let not_variables = Memo::new(move |_| variables.with(|v| v.not_variables.clone()));
        let detected = Memo::new(move |_| {
            not_variables.with(|n| {
                persona
                    .with(|p| vars::variables(p, &Values { not_variables: n.clone(), ..Values::default() }))
            })
        });
        // One memo from the parse to the filled prompt: a toggle in a
        // document without variables costs no copy of the prompt (a value
        // typed assembles it again, which is small beside the fill).
        let prompt = Memo::new(move |_| {
            let text = persona.with(|p| selection.with(|s| assemble(p, s, style.get())));
            detected.with(|vs| {
                variables.with(|v| {
                    if vs.is_empty() && v.values.is_empty() {
                        Filled { text, unfilled: 0 }
                    } else {
                        persona.with(|p| vars::fill_prompt(p, &text, v, vs, &[]))
                    }
                })
            })
        });
        Self {
            source,
            file_name,
            persona,
            original,
            selection,
            style,
            variables,
            detected,
            prompt,
            work,
            loads,
            replaced,
            w: Plain {
                units: Triggers::default(),
                pending: StoredValue::new(None),
                fresh: StoredValue::new(false),
            },
        }
    }

    /// Records a keystroke's text and schedules a re-parse.
    pub fn edit(self, text: String) {
        self.source.set(text);
        self.cancel_pending();
        let handle = set_timeout_with_handle(move || self.reparse(), Duration::from_millis(DEBOUNCE_MS)).ok();
        if let Some(h) = handle {
            self.w.pending.set_value(Some(h));
        } else {
            self.parse();
            self.record(true);
        }
    }

    /// Cancels the re-parse that waits for typing, if one does; returns
    /// whether one did (its text is then still to be parsed).
    fn cancel_pending(self) -> bool {
        match self.w.pending.try_update_value(Option::take).flatten() {
            Some(h) => {
                h.clear();
                true
            }
            None => false,
        }
    }

    /// Parses and records typing that still waits for its re-parse.
    pub fn flush(self) {
        self.reparse();
    }

    /// Parses the text now if typing waits for it, recording that typing.
    fn reparse(self) {
        if self.cancel_pending() {
            self.parse();
            self.record(true);
        }
    }

    /// A paste or drop into the text box: parsed at once, selection kept.
    pub fn replace(self, text: String) {
        // Typing before the paste is a step of its own.
        self.flush();
        self.source.set(text);
        self.parse();
        if self.w.fresh.get_value() {
            self.w.fresh.set_value(false);
            self.start_history();
        } else {
            self.record(false);
        }
    }

    /// The next whole-text replacement starts a new document.
    pub fn begin_new(self) {
        self.w.fresh.set_value(true);
    }

    /// Replaces the document at once (example, dropped or opened file): a
    /// new document, with everything selected and no history.
    pub fn load(self, text: String, file_name: Option<String>) {
        let style = self.style.get_untracked();
        self.show(Work { style, ..Work::new(text, file_name) });
    }

    /// Shows `work` (an opened document, or the state an undo, a redo or a
    /// revert leads to): sets the signals from it, parses its text, and
    /// keeps it as the last recorded state.
    pub fn show(self, work: Work) {
        self.cancel_pending();
        self.file_name.set(work.file_name.clone());
        if self.source.with_untracked(|s| *s != work.text) {
            self.source.set(work.text.clone());
            self.loads.update(|n| *n += 1);
        }
        self.set_selection(Selection::from_excluded(work.excluded.iter().copied()));
        if self.style.get_untracked() != work.style {
            self.style.set(work.style);
        }
        if self.variables.with_untracked(|v| *v != work.variables) {
            self.variables.set(work.variables.clone());
        }
        let original = work.original.clone();
        self.work.set(work);
        self.parse();
        self.parse_original(original.as_deref());
        self.replaced.update(|n| *n += 1);
    }

    /// Keeps [`DocState::original`] the parse of the original text
    /// (`None`: the text is the original).
    fn parse_original(self, original: Option<&str>) {
        let parsed = match original {
            // Undo and redo keep the original: no second parse.
            Some(text) if self.original.with_untracked(|o| o.text_is_source && &*o.text == text) => return,
            Some(text) => Arc::new(parse_with_hint(text, self.file_name.get_untracked().as_deref())),
            None if self.original.with_untracked(|o| self.persona.with_untracked(|p| Arc::ptr_eq(o, p))) => {
                return;
            }
            None => self.persona.get_untracked(),
        };
        self.original.set(parsed);
    }

    /// The document's state in the signals, with the recorded original,
    /// history and presets.
    fn current(self, recorded: &Work) -> Work {
        Work {
            text: self.source.get_untracked(),
            file_name: self.file_name.get_untracked(),
            style: self.style.get_untracked(),
            excluded: self.selection.with_untracked(|s| s.excluded().collect()),
            original: recorded.original.clone(),
            history: recorded.history.clone(),
            presets: recorded.presets.clone(),
            variables: self.variables.get_untracked(),
            typed: recorded.typed,
        }
    }

    /// Records what changed since the last step as one undo step (typing
    /// is grouped with the typing before it).
    fn record(self, typing: bool) {
        let now = self.work.with_untracked(|before| self.current(before));
        self.commit(now, typing);
    }

    /// Records `now` (the signals' state with changes of its own) as the
    /// step from `before`.
    fn commit(self, mut now: Work, typing: bool) {
        let found = self.work.with_untracked(|before| {
            now.record(before, typing).then(|| now.original != before.original || now.original.is_none())
        });
        if let Some(found) = found {
            let original = now.original.clone();
            self.work.set(now);
            // Found at the first change (its parse is usually the one the
            // text changed from); a new document's first text is its own.
            if found {
                self.parse_original(original.as_deref());
            }
        }
    }

    /// Starts the history afresh at the current state (a new document).
    fn start_history(self) {
        let now = self.current(&Work::default());
        self.work.set(now);
        self.parse_original(None);
    }

    /// Switches the output style, as one step.
    pub fn set_style(self, style: Style) {
        self.flush();
        if self.style.get_untracked() != style {
            self.style.set(style);
            self.record(false);
        }
    }

    fn parse(self) {
        let text = self.source.get_untracked();
        super::browser::remember_text(&text);
        let hint = self.file_name.get_untracked();
        let persona = parse_with_hint(&text, hint.as_deref());
        // While the text is its original, the text it changes from is the
        // original: its parse is at hand (no second parse, and one render).
        if self.work.with_untracked(|w| w.original.is_none()) {
            self.original.set(self.persona.get_untracked());
        }
        self.persona.set(Arc::new(persona));
    }

    /// Changes the variables' values (not a step of the history: undo
    /// keeps them); the library saves them.
    pub fn set_variables(self, change: impl FnOnce(&mut Values)) {
        self.variables.update(change);
        let now = self.variables.get_untracked();
        self.work.update(|w| w.variables = now);
    }

    /// The document's presets (reactive: they change with the history).
    pub fn presets(self) -> Vec<Preset> {
        self.work.with(|w| w.presets.clone())
    }

    /// Replaces the document's presets, as one step.
    pub fn set_presets(self, presets: Vec<Preset>) {
        self.flush();
        let now = self.work.with_untracked(|before| Work { presets, ..self.current(before) });
        self.commit(now, false);
    }

    /// Replaces the selection with `next`, as one step (a preset applied,
    /// the filter's switches).
    pub fn select(self, next: Selection) {
        self.flush();
        self.set_selection(next);
        self.record(false);
    }

    /// Switches every unit on or off, as one step.
    pub fn select_all(self, on: bool) {
        self.flush();
        let p = self.persona.get_untracked();
        self.set_selection(if on { Selection::all() } else { Selection::none(&p) });
        self.record(false);
    }

    /// Switches `ids` on or off, as one step.
    pub fn set_units(self, ids: &[Id], on: bool) {
        self.flush();
        let mut next = self.selection.get_untracked();
        next.set_many(ids.iter().copied(), on);
        self.set_selection(next);
        self.record(false);
    }

    /// Replaces the selection, waking the checkboxes whose state changed.
    fn set_selection(self, next: Selection) {
        let changed: Vec<Id> = self.selection.with_untracked(|now| {
            let a: BTreeSet<Id> = now.excluded().collect();
            let b: BTreeSet<Id> = next.excluded().collect();
            a.symmetric_difference(&b).copied().collect()
        });
        if changed.is_empty() {
            return;
        }
        self.selection.set(next);
        for id in changed {
            self.w.units.wake(id);
        }
    }

    /// Whether `id` is selected, waking the caller when that changes.
    pub fn is_selected(self, id: Id) -> bool {
        self.w.units.watch(id);
        self.selection.with_untracked(|s| s.is_selected(id))
    }

    /// Forgets the unit triggers before the structure renders again.
    pub fn reset_units(self) {
        self.w.units.clear();
    }

    /// Undoes the last step.
    pub fn undo(self) {
        self.step(Work::undo);
    }

    /// Redoes the last undone step.
    pub fn redo(self) {
        self.step(Work::redo);
    }

    /// Brings back the original text, everything selected (undoable).
    pub fn revert(self) {
        self.step(Work::revert);
    }

    fn step(self, f: fn(&mut Work) -> bool) {
        // Typing not yet recorded is a step of its own, undone first.
        self.flush();
        let mut work = self.work.get_untracked();
        if f(&mut work) {
            self.show(work);
        }
    }

    /// Whether there is a step to undo, and to redo (reactive).
    pub fn can_undo_redo(self) -> (bool, bool) {
        self.work.with(|w| (w.history.can_undo(), w.history.can_redo()))
    }

    /// Parses typing that waits for it, then gives the text and its parse
    /// to `edit`, which makes a new text from them (an edit of the
    /// structure works on a parse of the text as it is, so nothing typed
    /// is lost).
    pub fn edit_with<T>(self, edit: impl FnOnce(&str, &Persona) -> T) -> T {
        self.flush();
        let source = self.source.get_untracked();
        self.persona.with_untracked(|p| edit(&source, p))
    }

    /// Applies a new document text made by an edit of the structure, as
    /// one step, and returns the units it made (ids the document did not
    /// have). With `keep_off`, those start switched off (an edited unit
    /// that was off stays off).
    pub fn apply_edit(self, text: String, keep_off: bool) -> Vec<Id> {
        // Typing not yet recorded is a step of its own.
        self.flush();
        let before = self.persona.get_untracked();
        self.source.set(text);
        // The document box shows the new text after the frame that shows
        // the new prompt: laying out its text is not part of the edit.
        let loads = self.loads;
        request_animation_frame(move || set_timeout(move || loads.update(|n| *n += 1), Duration::ZERO));
        self.parse();
        let made = self.persona.with_untracked(|p| crate::persona::edit::fresh_units(&before, p));
        if keep_off && !made.is_empty() {
            let mut next = self.selection.get_untracked();
            next.set_many(made.iter().copied(), false);
            self.set_selection(next);
        }
        self.record(false);
        made
    }
}

impl Default for DocState {
    fn default() -> Self {
        Self::new()
    }
}
