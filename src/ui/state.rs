//! App state: the document text, its parsed persona, the selection and the
//! output style, as signals, plus the debounced re-parse and the document's
//! [`Work`] (its original and undo history).
//!
//! The text updates on every keystroke; the persona is re-parsed at most
//! [`DEBOUNCE_MS`] after typing pauses. The selection is a set of excluded
//! ids, and ids derive from content, so edits elsewhere keep it. It is
//! stored once, in its signal; each rendered checkbox also subscribes to a
//! trigger of its own id, which is notified only when that id's state
//! changes, so a toggle re-runs only the checkboxes it changes.
//!
//! Every change a person makes is recorded into the [`Work`] as one undo
//! step ([`AppState::record`]); undo and redo show the [`Work`] they lead to
//! ([`AppState::show`]).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::library::Work;
use crate::library::presets::{self, Preset};
use crate::persona::assemble::units;
use crate::persona::find::{self, Matches};
use crate::persona::variables::{self as vars, Filled, Values, Variable};
use crate::persona::{Id, Persona, Selection, Style, assemble, parse_with_hint};

/// Delay between the last keystroke and the re-parse.
pub const DEBOUNCE_MS: u64 = 60;

/// Documents larger than this (in bytes) are not shown in the text box
/// until asked: a browser lays out all of a text box's text, and a
/// megabyte, or a few hundred kilobytes of mixed scripts needing font
/// fallback, takes it a second or more. Persona documents are a few KB.
pub const TEXT_BOX_LIMIT: usize = 256 * 1024;

/// Units rendered before the structure offers "Show all".
pub const RENDER_BUDGET: usize = 500;

/// One trigger per id, for views that re-run only when their own id
/// changes (a single signal with thousands of subscribers costs O(n) per
/// subscriber to re-track). Reference-counted triggers, so that one made
/// inside a view's closure outlives that closure's next run.
#[derive(Clone, Copy)]
pub struct Triggers(StoredValue<HashMap<Id, ArcTrigger>>);

impl Default for Triggers {
    fn default() -> Self {
        Self(StoredValue::new(HashMap::new()))
    }
}

impl Triggers {
    /// Subscribes the running view to changes of `id`.
    pub fn watch(self, id: Id) {
        let found = self.0.with_value(|m| m.get(&id).cloned());
        let trigger = found.unwrap_or_else(|| {
            let t = ArcTrigger::new();
            self.0.update_value(|m| {
                m.insert(id, t.clone());
            });
            t
        });
        trigger.track();
    }

    /// Wakes the views watching `id`.
    pub fn wake(self, id: Id) {
        if let Some(t) = self.0.with_value(|m| m.get(&id).cloned()) {
            t.notify();
        }
    }

    /// Forgets every trigger (before the views that watch them are rebuilt).
    pub fn clear(self) {
        self.0.update_value(HashMap::clear);
    }
}

/// The document's variables (they change with its text and with the names
/// marked "Not a variable", not with values), as a context of their own:
/// only the Variables region reads them.
#[derive(Clone, Copy)]
pub struct Detected(pub Memo<Vec<Variable>>);

/// The app's signals. `Copy`, so views can capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
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
    /// How many units the structure renders.
    pub budget: RwSignal<usize>,
    /// What a person set for the document's variables.
    pub variables: RwSignal<Values>,
    /// The assembled prompt with its variables filled: what is shown,
    /// copied and counted.
    pub prompt: Memo<Filled>,
    /// The copy status message.
    pub status: RwSignal<String>,
    /// Whether the text box shows a document over [`TEXT_BOX_LIMIT`]: off
    /// when a paste or load makes the document large, on when asked (or
    /// when typing makes it large).
    pub show_large: RwSignal<bool>,
    /// Bumped when the text is replaced from outside the text box, so the
    /// box (which otherwise owns its value while you type) shows it.
    pub loads: RwSignal<u64>,
    /// The document as last recorded: the selection, text and style of the
    /// signals above at the last step, plus its original and history.
    pub work: StoredValue<Work>,
    /// Bumped whenever [`AppState::work`] changes (for Undo, Redo, Changes).
    pub revision: RwSignal<u64>,
    /// One trigger per rendered unit, notified when its state changes (a
    /// single signal with thousands of subscribers costs O(n) per
    /// subscriber to re-track).
    units: Triggers,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The next whole-text replacement starts a new document (a paste
    /// over everything): its history starts there.
    fresh: StoredValue<bool>,
}

impl AppState {
    /// Fresh state with an empty document.
    #[must_use]
    pub fn new() -> Self {
        let persona = RwSignal::new(Arc::new(parse_with_hint("", None)));
        let selection = RwSignal::new(Selection::all());
        let style = RwSignal::new(Style::Original);
        let variables = RwSignal::new(Values::default());
        let not_variables = Memo::new(move |_| variables.with(|v| v.not_variables.clone()));
        let vars = Memo::new(move |_| {
            not_variables.with(|n| {
                persona
                    .with(|p| vars::variables(p, &Values { not_variables: n.clone(), ..Values::default() }))
            })
        });
        provide_context(Detected(vars));
        // One memo from the parse to the filled prompt: a toggle in a
        // document without variables costs no copy of the prompt (a value
        // typed assembles it again, which is small beside the fill).
        let prompt = Memo::new(move |_| {
            let text = persona.with(|p| selection.with(|s| assemble(p, s, style.get())));
            vars.with(|vs| {
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
            source: RwSignal::new(String::new()),
            file_name: RwSignal::new(None),
            persona,
            original: RwSignal::new(persona.get_untracked()),
            selection,
            style,
            budget: RwSignal::new(RENDER_BUDGET),
            variables,
            prompt,
            status: RwSignal::new(String::new()),
            show_large: RwSignal::new(false),
            loads: RwSignal::new(0),
            work: StoredValue::new(Work::default()),
            revision: RwSignal::new(0),
            units: Triggers::default(),
            pending: StoredValue::new(None),
            fresh: StoredValue::new(false),
        }
    }

    /// Records a keystroke's text and schedules a re-parse.
    pub fn edit(self, text: String) {
        // Typing happens in the visible box: it stays visible as the text grows.
        if text.len() > TEXT_BOX_LIMIT && !self.show_large.get_untracked() {
            self.show_large.set(true);
        }
        self.source.set(text);
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(move || self.reparse(), Duration::from_millis(DEBOUNCE_MS)).ok();
        if handle.is_none() {
            self.reparse();
        }
        self.pending.set_value(handle);
    }

    /// A paste or drop into the text box: parsed at once, selection kept.
    /// A paste that makes the document large hides it from the text box; a
    /// paste into a large document the box shows keeps it shown. Returns
    /// whether the box now hides the document (the paste came from the box,
    /// so it was shown).
    pub fn replace(self, text: String) -> bool {
        // Typing before the paste is a step of its own.
        self.flush();
        if self.source.with_untracked(|s| s.len() <= TEXT_BOX_LIMIT) {
            self.show_large.set(false);
        }
        let hides = text.len() > TEXT_BOX_LIMIT && !self.show_large.get_untracked();
        self.source.set(text);
        self.reparse();
        if self.fresh.get_value() {
            self.fresh.set_value(false);
            self.start_history();
        } else {
            self.record(false);
        }
        hides
    }

    /// The next whole-text replacement starts a new document.
    pub fn begin_new(self) {
        self.fresh.set_value(true);
    }

    /// Replaces the document at once (example, dropped or opened file): a
    /// new document, with everything selected and no history.
    pub fn load(self, text: String, file_name: Option<String>) {
        let style = self.style.get_untracked();
        self.open(Work { style, ..Work::new(text, file_name) });
    }

    /// Opens a saved or shared document with its own selection, style,
    /// original and history.
    pub fn open(self, work: Work) {
        self.show_large.set(false);
        self.budget.set(RENDER_BUDGET);
        self.show(work);
    }

    /// Shows `work` (after an undo, a redo, a revert or an open): sets the
    /// signals from it, parses its text, and keeps it as the last
    /// recorded state.
    pub fn show(self, work: Work) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
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
        self.work.set_value(work);
        self.revision.update(|n| *n += 1);
        self.reparse();
        self.parse_original(original.as_deref());
    }

    /// Keeps [`AppState::original`] the parse of the original text
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

    /// The document's state in the signals, with the recorded original
    /// and history.
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
    pub fn record(self, typing: bool) {
        let before = self.work.get_value();
        let now = self.current(&before);
        self.commit(&before, now, typing);
    }

    /// Records `now` (the signals' state with changes of its own) as the
    /// step from `before`.
    fn commit(self, before: &Work, mut now: Work, typing: bool) {
        if now.record(before, typing) {
            let found = now.original != before.original || now.original.is_none();
            let original = now.original.clone();
            self.work.set_value(now);
            self.revision.update(|n| *n += 1);
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
        self.work.set_value(now);
        self.revision.update(|n| *n += 1);
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

    /// Whether the text box hides the document (too large, not asked for).
    pub fn text_box_hidden(self) -> bool {
        !self.show_large.get() && self.source.with(|s| s.len() > TEXT_BOX_LIMIT)
    }

    /// Records typing that still waits for its re-parse.
    pub fn flush(self) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
            self.reparse();
        }
    }

    /// Parses the current text now, recording typing that waited for it.
    pub fn reparse(self) {
        if self.pending.get_value().is_some() {
            self.pending.set_value(None);
            self.parse();
            self.record(true);
        } else {
            self.parse();
        }
    }

    fn parse(self) {
        let text = self.source.get_untracked();
        super::browser::remember_text(&text);
        let hint = self.file_name.get_untracked();
        let persona = parse_with_hint(&text, hint.as_deref());
        self.status.set(String::new());
        // While the text is its original, the text it changes from is the
        // original: its parse is at hand (no second parse, and one render).
        if self.work.with_value(|w| w.original.is_none()) {
            self.original.set(self.persona.get_untracked());
        }
        self.persona.set(Arc::new(persona));
    }

    /// Changes the variables' values (not a step of the history: undo
    /// keeps them); the library saves them.
    pub fn set_variables(self, change: impl FnOnce(&mut Values)) {
        self.variables.update(change);
        let now = self.variables.get_untracked();
        self.work.update_value(|w| w.variables = now);
    }

    /// The document's presets (reactive: they change with the history).
    pub fn presets(self) -> Vec<Preset> {
        self.revision.track();
        self.work.with_value(|w| w.presets.clone())
    }

    /// Replaces the document's presets, as one step.
    pub fn set_presets(self, presets: Vec<Preset>) {
        self.flush();
        let before = self.work.get_value();
        let now = Work { presets, ..self.current(&before) };
        self.commit(&before, now, false);
    }

    /// Applies preset `name`, as one step. Returns how many of its ids the
    /// document no longer has (`None`: no such preset).
    pub fn apply_preset(self, name: &str) -> Option<usize> {
        self.flush();
        let known: BTreeSet<Id> = self.persona.with_untracked(|p| units(p).into_iter().collect());
        let applied = self
            .work
            .with_value(|w| w.presets.iter().find(|p| p.name == name).map(|p| presets::apply(p, &known)))?;
        self.set_selection(Selection::from_excluded(applied.off));
        self.record(false);
        Some(applied.missing)
    }

    /// Switches what `matches` matched on or off, or (`None`) keeps only
    /// it, as one step.
    pub fn switch_matching(self, matches: &Matches, on: Option<bool>) {
        self.flush();
        let mut next = self.selection.get_untracked();
        match on {
            Some(on) => find::switch_matching(&mut next, matches, on),
            None => self.persona.with_untracked(|p| find::keep_only_matching(&mut next, p, matches)),
        }
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
    pub fn set_selection(self, next: Selection) {
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
            self.units.wake(id);
        }
    }

    /// Whether `id` is selected, waking the caller when that changes.
    pub fn is_selected(self, id: Id) -> bool {
        self.units.watch(id);
        self.selection.with_untracked(|s| s.is_selected(id))
    }

    /// Forgets the unit triggers before the structure renders again.
    pub fn reset_units(self) {
        self.units.clear();
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
        let mut work = self.work.get_value();
        if f(&mut work) {
            self.show(work);
        }
    }

    /// Whether there is a step to undo, and to redo (reactive).
    pub fn can_undo_redo(self) -> (bool, bool) {
        self.revision.track();
        self.work.with_value(|w| (w.history.can_undo(), w.history.can_redo()))
    }

    /// Applies a new document text made by an edit of the structure, as
    /// one step, and returns the units it made (ids the document did not
    /// have). With `keep_off`, those start switched off (an edited unit
    /// that was off stays off).
    pub fn apply_edit(self, text: String, keep_off: bool) -> Vec<Id> {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        // Typing not yet recorded is a step of its own.
        self.flush();
        let before = self.persona.get_untracked();
        self.source.set(text);
        // The document box shows the new text after the frame that shows
        // the new prompt: laying out its text is not part of the edit.
        request_animation_frame(move || set_timeout(move || self.loads.update(|n| *n += 1), Duration::ZERO));
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

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
