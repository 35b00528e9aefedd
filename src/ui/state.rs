//! App state: the document text, its parsed persona, the selection and the
//! output style, as signals, plus the debounced re-parse.
//!
//! The text updates on every keystroke; the persona is re-parsed at most
//! [`DEBOUNCE_MS`] after typing pauses. The selection is a set of excluded
//! ids, and ids derive from content, so edits elsewhere keep it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

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

/// The app's signals. `Copy`, so views can capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The document text, as typed.
    pub source: RwSignal<String>,
    /// The file name the document came from, if any (a dialect hint).
    pub file_name: RwSignal<Option<String>>,
    /// The parsed document (lags `source` by the debounce).
    pub persona: RwSignal<Arc<Persona>>,
    /// Which units are switched off.
    pub selection: RwSignal<Selection>,
    /// Original or Clean Markdown.
    pub style: RwSignal<Style>,
    /// How many units the structure renders.
    pub budget: RwSignal<usize>,
    /// The assembled prompt.
    pub prompt: Memo<String>,
    /// The copy status message.
    pub status: RwSignal<String>,
    /// Whether the text box shows a document over [`TEXT_BOX_LIMIT`]: off
    /// when a paste or load makes the document large, on when asked (or
    /// when typing makes it large).
    pub show_large: RwSignal<bool>,
    /// Bumped when the text is replaced from outside the text box, so the
    /// box (which otherwise owns its value while you type) shows it.
    pub loads: RwSignal<u64>,
    /// One signal per rendered unit, so a toggle re-runs only the
    /// checkboxes it changes (a single signal with thousands of
    /// subscribers costs O(n) per subscriber to re-track).
    units: StoredValue<HashMap<Id, RwSignal<bool>>>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    /// Fresh state with an empty document.
    #[must_use]
    pub fn new() -> Self {
        let persona = RwSignal::new(Arc::new(parse_with_hint("", None)));
        let selection = RwSignal::new(Selection::all());
        let style = RwSignal::new(Style::Original);
        let prompt = Memo::new(move |_| persona.with(|p| selection.with(|s| assemble(p, s, style.get()))));
        Self {
            source: RwSignal::new(String::new()),
            file_name: RwSignal::new(None),
            persona,
            selection,
            style,
            budget: RwSignal::new(RENDER_BUDGET),
            prompt,
            status: RwSignal::new(String::new()),
            show_large: RwSignal::new(false),
            loads: RwSignal::new(0),
            units: StoredValue::new(HashMap::new()),
            pending: StoredValue::new(None),
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
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        if self.source.with_untracked(|s| s.len() <= TEXT_BOX_LIMIT) {
            self.show_large.set(false);
        }
        let hides = text.len() > TEXT_BOX_LIMIT && !self.show_large.get_untracked();
        self.source.set(text);
        self.reparse();
        hides
    }

    /// Replaces the document at once (example, dropped or opened file).
    pub fn load(self, text: String, file_name: Option<String>) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        self.file_name.set(file_name);
        self.show_large.set(false);
        self.source.set(text);
        self.selection.set(Selection::all());
        self.budget.set(RENDER_BUDGET);
        self.loads.update(|n| *n += 1);
        self.reparse();
    }

    /// Opens a saved or shared document with its own selection and style.
    pub fn open(self, text: String, file_name: Option<String>, selection: Selection, style: Style) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        self.file_name.set(file_name);
        self.show_large.set(false);
        self.source.set(text);
        self.selection.set(selection);
        self.style.set(style);
        self.budget.set(RENDER_BUDGET);
        self.loads.update(|n| *n += 1);
        self.reparse();
    }

    /// Whether the text box hides the document (too large, not asked for).
    pub fn text_box_hidden(self) -> bool {
        !self.show_large.get() && self.source.with(|s| s.len() > TEXT_BOX_LIMIT)
    }

    /// Parses the current text now.
    pub fn reparse(self) {
        self.pending.set_value(None);
        let text = self.source.get_untracked();
        super::browser::remember_text(&text);
        let hint = self.file_name.get_untracked();
        let persona = parse_with_hint(&text, hint.as_deref());
        self.status.set(String::new());
        self.persona.set(Arc::new(persona));
    }

    /// Switches every unit on or off.
    pub fn select_all(self, on: bool) {
        let p = self.persona.get_untracked();
        self.selection.set(if on { Selection::all() } else { Selection::none(&p) });
        self.units.with_value(|m| {
            for sig in m.values() {
                if sig.get_untracked() != on {
                    sig.set(on);
                }
            }
        });
    }

    /// Switches `ids` on or off.
    pub fn set_units(self, ids: &[Id], on: bool) {
        self.selection.update(|s| s.set_many(ids.iter().copied(), on));
        self.units.with_value(|m| {
            for id in ids {
                if let Some(sig) = m.get(id)
                    && sig.get_untracked() != on
                {
                    sig.set(on);
                }
            }
        });
    }

    /// The signal of one unit, created when its checkbox renders.
    pub fn unit(self, id: Id) -> RwSignal<bool> {
        if let Some(sig) = self.units.with_value(|m| m.get(&id).copied()) {
            return sig;
        }
        let sig = RwSignal::new(self.selection.with_untracked(|s| s.is_selected(id)));
        self.units.update_value(|m| {
            m.insert(id, sig);
        });
        sig
    }

    /// Whether `id` is selected, tracking its signal when it is rendered.
    pub fn is_selected(self, id: Id) -> bool {
        match self.units.with_value(|m| m.get(&id).copied()) {
            Some(sig) => sig.get(),
            None => self.selection.with_untracked(|s| s.is_selected(id)),
        }
    }

    /// Forgets the unit signals before the structure renders again.
    pub fn reset_units(self) {
        self.units.update_value(HashMap::clear);
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Ctrl/Cmd+Shift+C copies the prompt from anywhere in the app.
pub fn install_shortcuts(state: AppState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let modifier = ev.ctrl_key() || ev.meta_key();
        if modifier && ev.shift_key() && ev.key().eq_ignore_ascii_case("c") {
            ev.prevent_default();
            super::prompt::copy_prompt(state);
        }
    });
    on_cleanup(move || handle.remove());
}
