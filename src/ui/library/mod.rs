//! The library in the app: saved documents (open, rename, duplicate,
//! delete with undo), autosave, import of many files at once, share links
//! ([`share`]), storage messages, and the library panel ([`panel`]).
//!
//! All decisions live in [`crate::library`]; this module wires them to
//! signals. While a shared document is shown and not yet added, nothing is
//! saved, so opening a link never touches the library.
//!
//! Saving never pretends: a write that fails (storage full or blocked)
//! says so and leaves the document marked unsaved; the next save writes
//! it even if nothing changed, a retry runs every few seconds while it is
//! unsaved, and the message goes only once everything is written. When
//! storage runs short, a document's undo history gives way before its text
//! ([`crate::library::save_doc_fitting`]).

mod panel;
mod share;

use std::time::Duration;

use leptos::prelude::*;

use super::browser::{self, read_bytes};
use super::doc::DocState;
use super::storage::BrowserStore;
use super::view::ViewState;
use crate::library::{self as lib, Doc, Library, StoreError, Work, import_text};
use crate::persona::numbers::plural;
pub use panel::LibraryPanel;

/// Delay between the last change and the save.
pub const SAVE_DEBOUNCE_MS: u64 = 250;

/// While a save has failed, how often it is tried again.
const RETRY_MS: u64 = 5_000;

/// What a failed write left for later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Unsaved {
    /// The open document.
    doc: bool,
    /// The index.
    index: bool,
}

/// The library's signals. `Copy`, like [`DocState`].
#[derive(Clone, Copy)]
pub struct LibraryState {
    doc: DocState,
    view: ViewState,
    /// The documents and the open one.
    pub lib: RwSignal<Library>,
    store: StoredValue<BrowserStore>,
    writable: StoredValue<bool>,
    /// The index on record is an older schema's; written at the next save.
    index_stale: StoredValue<bool>,
    /// What is not written yet because a write failed.
    unsaved: StoredValue<Unsaved>,
    /// Why the last save failed, if it did.
    pub storage_error: RwSignal<Option<String>>,
    /// What the last save had to leave out to fit (the oldest undo steps).
    pub storage_warning: RwSignal<Option<String>>,
    /// Repairs and migrations found at load.
    pub notes: RwSignal<Vec<String>>,
    /// The last deleted document and where it was.
    pub undo: RwSignal<Option<(usize, Doc)>>,
    /// A shared document is shown and not yet in the library.
    pub shared: RwSignal<bool>,
    /// Why a share link could not be opened.
    pub share_error: RwSignal<Option<String>>,
    /// Files that were not imported, and why.
    pub import_errors: RwSignal<Vec<String>>,
    /// The share-link status line.
    pub share_status: RwSignal<String>,
    /// A passing note about what the library just did.
    pub notice: RwSignal<String>,
    /// A save waits for its debounce (the library region is busy).
    pub saving: RwSignal<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    retry: StoredValue<Option<TimeoutHandle>>,
}

fn storage_message(e: &StoreError) -> String {
    match e {
        StoreError::Full => "Browser storage is full: your latest changes are kept in this tab only. Delete or export documents from the library to make room; they are saved as soon as it fits.".into(),
        StoreError::Blocked => "Browser storage is blocked here: documents are kept in this tab only and are gone when it closes.".into(),
        StoreError::Other(m) => format!("Saving failed ({m}): your latest changes are kept in this tab only."),
    }
}

impl LibraryState {
    /// Loads the library, opens a share link from the address bar if there
    /// is one, else the last open document, and starts autosaving.
    pub fn init(doc: DocState, view: ViewState) -> Self {
        let (mut store, blocked) = BrowserStore::open();
        let loaded = lib::load(&mut store);
        let state = Self {
            doc,
            view,
            lib: RwSignal::new(loaded.library),
            store: StoredValue::new(store),
            writable: StoredValue::new(loaded.writable),
            index_stale: StoredValue::new(loaded.index_stale),
            unsaved: StoredValue::new(Unsaved::default()),
            storage_error: RwSignal::new(blocked.as_ref().map(storage_message)),
            storage_warning: RwSignal::new(None),
            notes: RwSignal::new(loaded.notes),
            undo: RwSignal::new(None),
            shared: RwSignal::new(false),
            share_error: RwSignal::new(None),
            import_errors: RwSignal::new(Vec::new()),
            share_status: RwSignal::new(String::new()),
            notice: RwSignal::new(String::new()),
            saving: RwSignal::new(false),
            pending: StoredValue::new(None),
            retry: StoredValue::new(None),
        };
        state.open_fragment(false);
        // A link pasted into the address bar of an open tab changes only
        // the fragment; no reload happens.
        let handle = window_event_listener(leptos::ev::hashchange, move |_| state.open_fragment(true));
        on_cleanup(move || {
            handle.remove();
            // An unmounted app (in tests) must not save from a stale timer.
            for timer in [state.pending, state.retry] {
                if let Some(Some(t)) = timer.try_get_value() {
                    t.clear();
                }
            }
        });
        // Every recorded change (and every value typed) changes the
        // recorded work; the name follows the parsed document.
        Effect::new(move |_| {
            doc.work.track();
            doc.persona.track();
            state.schedule_save();
        });
        state
    }

    /// Opens `work` as the document shown: the view starts over with it.
    fn show(self, work: Work) {
        self.view.opened(!work.text.trim().is_empty());
        self.doc.show(work);
    }

    fn open_current(self) {
        let doc = self.lib.with_untracked(|l| l.current.as_ref().and_then(|c| l.get(c)).cloned());
        self.show(doc.map(|d| d.work).unwrap_or_default());
    }

    fn schedule_save(self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        match set_timeout_with_handle(move || self.save_now(), Duration::from_millis(SAVE_DEBOUNCE_MS)) {
            Ok(handle) => {
                self.pending.set_value(Some(handle));
                if !self.saving.get_untracked() {
                    self.saving.set(true);
                }
            }
            Err(_) => self.save_now(),
        }
    }

    /// Writes the open document now, creating it on its first text.
    pub fn save_now(self) {
        self.doc.flush();
        let work = self.doc.work.get_untracked();
        let display = self.doc.persona.with_untracked(|p| p.display_name());
        self.save_work(&work, &display);
    }

    /// Writes `work` as the open document (named `display` unless a
    /// person named it), and the index when it changed (or is still to be
    /// written).
    fn save_work(self, work: &Work, display: &str) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if self.saving.get_untracked() {
            self.saving.set(false);
        }
        if self.shared.get_untracked() || !self.writable.get_value() {
            return;
        }
        let mut saved = lib::Saved::default();
        self.lib.update(|l| saved = l.save_work(work, display, browser::now()));
        let mut unsaved = self.unsaved.get_value();
        unsaved.index |= saved.index || self.index_stale.get_value();
        // A document whose last write failed is written even if unchanged.
        let to_write = saved.doc.or_else(|| {
            unsaved
                .doc
                .then(|| self.lib.with_untracked(|l| l.current.as_ref().and_then(|c| l.get(c)).cloned()))?
        });
        let mut failed = None;
        if let Some(d) = to_write {
            match self.store.try_update_value(|s| lib::save_doc_fitting(s, &d)) {
                Some(Ok(dropped)) => {
                    unsaved.doc = false;
                    self.storage_warning.set((dropped > 0).then(|| {
                        format!(
                            "Browser storage is nearly full: the oldest {dropped} undo step{} of “{}” are kept in this tab only.",
                            plural(dropped),
                            d.name
                        )
                    }));
                }
                Some(Err(e)) => {
                    unsaved.doc = true;
                    failed = Some(e);
                }
                None => {}
            }
        }
        // The index lists a new document only once its text is written.
        if unsaved.index && !unsaved.doc {
            match self.write_index_now() {
                Ok(()) => {
                    unsaved.index = false;
                    self.index_stale.set_value(false);
                }
                Err(e) => failed = Some(e),
            }
        }
        self.unsaved.set_value(unsaved);
        self.report(failed);
    }

    /// Shows a failed save's message, or takes it away once everything is
    /// written; while something is unsaved, tries again in a while.
    fn report(self, failed: Option<StoreError>) {
        let in_memory = self.store.with_value(|s| matches!(s, BrowserStore::Memory(_)));
        match failed {
            Some(e) => self.storage_error.set(Some(storage_message(&e))),
            None if !in_memory
                && self.unsaved.get_value() == Unsaved::default()
                && self.storage_error.with_untracked(Option::is_some) =>
            {
                self.storage_error.set(None);
            }
            None => {}
        }
        let waiting = self.unsaved.get_value() != Unsaved::default();
        if waiting && self.retry.with_value(Option::is_none) {
            let handle = set_timeout_with_handle(
                move || {
                    self.retry.set_value(None);
                    self.save_now();
                },
                Duration::from_millis(RETRY_MS),
            )
            .ok();
            self.retry.set_value(handle);
        }
    }

    /// Runs a storage write other than the open document's, and reports
    /// its outcome.
    fn write(self, f: impl FnOnce(&mut BrowserStore) -> Result<(), StoreError>) {
        if !self.writable.get_value() {
            return;
        }
        let result = self.store.try_update_value(f).unwrap_or(Ok(()));
        self.report(result.err());
    }

    fn write_index_now(self) -> Result<(), StoreError> {
        if !self.writable.get_value() {
            return Ok(());
        }
        let lib = self.lib.get_untracked();
        self.store.try_update_value(|store| lib::save_index(store, &lib)).unwrap_or(Ok(()))
    }

    fn write_index(self) {
        let result = self.write_index_now();
        if result.is_err() {
            self.unsaved.update_value(|u| u.index = true);
        }
        self.report(result.err());
    }

    /// Saves the open document, then opens document `id`.
    pub fn open(self, id: &str) {
        self.save_now();
        self.notice.set(String::new());
        self.shared.set(false);
        let Some(doc) = self.lib.with_untracked(|l| l.get(id).cloned()) else { return };
        self.lib.update(|l| l.current = Some(doc.id.clone()));
        self.write_index();
        self.show(doc.work);
    }

    /// Starts an empty document; it joins the library on its first text.
    pub fn new_document(self) {
        self.save_now();
        self.notice.set(String::new());
        self.shared.set(false);
        self.lib.update(|l| l.current = None);
        self.write_index();
        self.show(Work::default());
    }

    /// Opens `text` as a new document (an example, what was typed into
    /// the page's shell): the open one stays in the library.
    pub fn open_text(self, text: String, file_name: Option<String>) {
        self.set_aside();
        // Not a shared document shown unsaved: a document of its own.
        self.shared.set(false);
        self.lib.update(|l| l.current = None);
        let style = self.doc.style.get_untracked();
        self.show(Work { style, ..Work::new(text, file_name) });
    }

    /// Called before a paste replaces the open document: the open one
    /// stays in the library, and the pasted text becomes a new document.
    pub fn start_new_on_paste(self) {
        self.doc.begin_new();
        if let Some(name) = self.set_aside() {
            self.notice.set(format!("Pasted as a new document; “{name}” is still in the library."));
        }
    }

    /// Saves the open document (as it was before typing emptied it, if it
    /// did) and leaves it, so that the next text is a new document.
    /// Returns its name, if it is in the library.
    fn set_aside(self) -> Option<String> {
        if self.shared.get_untracked() {
            return None;
        }
        self.doc.flush();
        let work = self.doc.work.get_untracked();
        match work.before_clearing() {
            // Named after the text it is saved with, not the emptied box.
            Some(before) => {
                self.save_work(&before, &lib::default_name(&before.text, before.file_name.as_deref()));
            }
            None => self.save_now(),
        }
        self.notice.set(String::new());
        let kept =
            self.lib.with_untracked(|l| l.current.as_ref().and_then(|c| l.get(c)).map(|d| d.name.clone()))?;
        self.lib.update(|l| l.current = None);
        self.write_index();
        Some(kept)
    }

    /// Renames document `id`.
    pub fn rename(self, id: &str, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let mut changed = None;
        self.lib.update(|l| {
            if let Some(d) = l.get_mut(id) {
                name.clone_into(&mut d.name);
                d.custom_name = true;
                changed = Some(d.clone());
            }
        });
        if let Some(doc) = changed {
            self.write(|store| lib::save_doc(store, &doc));
            self.write_index();
        }
    }

    /// Copies document `id` (saving the open one first).
    pub fn duplicate(self, id: &str) {
        self.save_now();
        let mut copy = None;
        self.lib.update(|l| {
            let new_id = l.fresh_id(browser::now());
            if let Some(new_id) = l.duplicate(id, new_id, browser::now()) {
                copy = l.get(&new_id).cloned();
            }
        });
        if let Some(doc) = copy {
            self.write(|store| lib::save_doc(store, &doc));
            self.write_index();
        }
    }

    /// Deletes document `id`, keeping it for [`LibraryState::undo_delete`];
    /// what waited for room is saved in the room it frees.
    pub fn delete(self, id: &str) {
        self.save_now();
        let was_current = self.lib.with_untracked(|l| l.current.as_deref() == Some(id));
        let mut removed = None;
        self.lib.update(|l| removed = l.remove(id));
        let Some((pos, doc)) = removed else { return };
        let doc_id = doc.id.clone();
        self.write(|store| lib::delete_doc(store, &doc_id));
        self.write_index();
        self.undo.set(Some((pos, doc)));
        if was_current {
            self.open_current();
        } else if self.unsaved.get_value() != Unsaved::default() {
            self.save_now();
        }
    }

    /// Puts the last deleted document back and opens it.
    pub fn undo_delete(self) {
        let Some((pos, doc)) = self.undo.get_untracked() else { return };
        self.undo.set(None);
        let id = doc.id.clone();
        self.write(|store| lib::save_doc(store, &doc));
        self.lib.update(|l| l.restore(pos, doc));
        self.open(&id);
    }

    /// Imports files into the library, opening the first one imported.
    pub fn import(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        self.save_now();
        leptos::task::spawn_local(async move {
            let mut errors = Vec::new();
            let mut first: Option<String> = None;
            for file in files {
                let name = file.name();
                let text = match read_bytes(&file).await {
                    Ok(bytes) => import_text(&name, &bytes).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match text {
                    Ok(text) => {
                        let mut doc = None;
                        self.lib.update(|l| {
                            let id = l.fresh_id(browser::now());
                            let d = Doc::new(id, text, Some(name.clone()), browser::now());
                            l.docs.push(d.clone());
                            doc = Some(d);
                        });
                        if let Some(d) = doc {
                            first.get_or_insert_with(|| d.id.clone());
                            self.write(|store| lib::save_doc(store, &d));
                        }
                    }
                    Err(e) => errors.push(e),
                }
            }
            self.import_errors.set(errors);
            self.write_index();
            if let Some(id) = first {
                self.open(&id);
            }
        });
    }
}
