//! The library panel: saved documents (open, rename, duplicate, delete with
//! undo), autosave, import of many files at once, share links (copying one,
//! and opening one with an offer to add it), and storage messages.
//!
//! All decisions live in [`crate::library`]; this module wires them to
//! signals. While a shared document is shown and not yet added, nothing is
//! saved, so opening a link never touches the library.

use std::time::Duration;

use leptos::prelude::*;

use super::browser::{self, read_bytes};
use super::deflate;
use super::state::AppState;
use super::storage::BrowserStore;
use crate::library::share::{self, ShareError, Shared};
use crate::library::{self as lib, Doc, Library, StoreError, Work, import_text};

/// Delay between the last change and the save.
pub const SAVE_DEBOUNCE_MS: u64 = 250;

/// The library's signals. `Copy`, like [`AppState`].
#[derive(Clone, Copy)]
pub struct LibraryState {
    /// The documents and the open one.
    pub lib: RwSignal<Library>,
    store: StoredValue<BrowserStore>,
    writable: StoredValue<bool>,
    /// The index on record is an older schema's; written at the next save.
    index_stale: StoredValue<bool>,
    /// Why the last save failed, if it did.
    pub storage_error: RwSignal<Option<String>>,
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
    pending: StoredValue<Option<TimeoutHandle>>,
}

fn storage_message(e: &StoreError) -> String {
    match e {
        StoreError::Full => "Browser storage is full: your latest changes are kept in this tab only. Delete or export documents from the library to make room.".into(),
        StoreError::Blocked => "Browser storage is blocked here: documents are kept in this tab only and are gone when it closes.".into(),
        StoreError::Other(m) => format!("Saving failed ({m}): your latest changes are kept in this tab only."),
    }
}

impl LibraryState {
    /// Loads the library, opens a share link from the address bar if there
    /// is one, else the last open document, and starts autosaving.
    pub fn init(app: AppState) -> Self {
        let (mut store, blocked) = BrowserStore::open();
        let loaded = lib::load(&mut store);
        let state = Self {
            lib: RwSignal::new(loaded.library),
            store: StoredValue::new(store),
            writable: StoredValue::new(loaded.writable),
            index_stale: StoredValue::new(loaded.index_stale),
            storage_error: RwSignal::new(blocked.as_ref().map(storage_message)),
            notes: RwSignal::new(loaded.notes),
            undo: RwSignal::new(None),
            shared: RwSignal::new(false),
            share_error: RwSignal::new(None),
            import_errors: RwSignal::new(Vec::new()),
            share_status: RwSignal::new(String::new()),
            notice: RwSignal::new(String::new()),
            pending: StoredValue::new(None),
        };
        state.open_fragment(app, false);
        // A link pasted into the address bar of an open tab changes only
        // the fragment; no reload happens.
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            state.open_fragment(app, true);
        });
        on_cleanup(move || {
            handle.remove();
            // An unmounted app (in tests) must not save from a stale timer.
            if let Some(Some(save)) = state.pending.try_get_value() {
                save.clear();
            }
        });
        // Every recorded change bumps the revision; the name follows the
        // parsed document.
        Effect::new(move |_| {
            app.revision.track();
            app.variables.track();
            app.persona.track();
            state.schedule_save(app);
        });
        state
    }

    /// Opens a share link from the address bar, once the browser has
    /// inflated it. A damaged link is reported and leaves the library
    /// alone. At start (`later` false: nothing is open yet) the current
    /// document opens when there is no link or it is damaged; later (a
    /// link pasted into the address bar of an open tab) the open document
    /// is saved first and stays open if the link is damaged. Saving at
    /// start would write an empty document over the last one.
    fn open_fragment(self, app: AppState, later: bool) {
        let fragment = browser::fragment();
        if !fragment.trim_start_matches('#').starts_with(share::PREFIX) {
            if !later {
                self.open_current(app);
            }
            return;
        }
        // Nothing is saved while the link opens (at start, the empty
        // document the app holds meanwhile would be saved over the last).
        self.shared.set(true);
        leptos::task::spawn_local(async move {
            match deflate::decode(&fragment).await {
                Ok(Some(shared)) => {
                    if later {
                        self.save_now(app);
                    }
                    self.share_error.set(None);
                    self.shared.set(true);
                    app.open(shared.into());
                }
                Ok(None) if later => self.shared.set(false),
                Ok(None) => {
                    self.shared.set(false);
                    self.open_current(app);
                }
                Err(e) => {
                    self.shared.set(false);
                    self.share_error.set(Some(format!("{e} Your library is unchanged.")));
                    // A link this browser cannot open stays in the address
                    // bar, to be opened in another browser.
                    if e != ShareError::Unsupported {
                        browser::clear_fragment();
                    }
                    if !later {
                        self.open_current(app);
                    }
                }
            }
        });
    }

    fn open_current(self, app: AppState) {
        let doc = self.lib.with_untracked(|l| l.current.as_ref().and_then(|c| l.get(c)).cloned());
        match doc {
            Some(d) => app.open(d.work),
            None => app.open(Work::default()),
        }
    }

    fn schedule_save(self, app: AppState) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        let handle =
            set_timeout_with_handle(move || self.save_now(app), Duration::from_millis(SAVE_DEBOUNCE_MS)).ok();
        if handle.is_none() {
            self.save_now(app);
        }
        self.pending.set_value(handle);
    }

    /// Writes the open document now, creating it on its first text.
    pub fn save_now(self, app: AppState) {
        self.pending.set_value(None);
        if self.shared.get_untracked() {
            return;
        }
        app.flush();
        let work = app.work.get_value();
        let display = app.persona.with_untracked(|p| p.display_name());
        let mut saved = lib::Saved::default();
        self.lib.update(|l| saved = l.save_work(&work, &display, browser::now()));
        if let Some(doc) = saved.doc {
            self.write(|store| lib::save_doc(store, &doc));
            if saved.index || self.index_stale.get_value() {
                self.index_stale.set_value(false);
                self.write_index();
            }
        }
    }

    /// Runs a storage write and reports its outcome.
    fn write(self, f: impl FnOnce(&mut BrowserStore) -> Result<(), StoreError>) {
        if !self.writable.get_value() {
            return;
        }
        let mut result = Ok(());
        self.store.update_value(|s| result = f(s));
        match result {
            Ok(()) => {
                let in_memory = self.store.with_value(|s| matches!(s, BrowserStore::Memory(_)));
                if !in_memory && self.storage_error.with_untracked(Option::is_some) {
                    self.storage_error.set(None);
                }
            }
            Err(e) => self.storage_error.set(Some(storage_message(&e))),
        }
    }

    fn write_index(self) {
        let lib = self.lib.get_untracked();
        self.write(|store| lib::save_index(store, &lib));
    }

    /// Saves the open document, then opens document `id`.
    pub fn open(self, app: AppState, id: &str) {
        self.save_now(app);
        self.notice.set(String::new());
        self.shared.set(false);
        let Some(doc) = self.lib.with_untracked(|l| l.get(id).cloned()) else { return };
        self.lib.update(|l| l.current = Some(doc.id.clone()));
        self.write_index();
        app.open(doc.work);
    }

    /// Starts an empty document; it joins the library on its first text.
    pub fn new_document(self, app: AppState) {
        self.save_now(app);
        self.notice.set(String::new());
        self.shared.set(false);
        self.lib.update(|l| l.current = None);
        self.write_index();
        app.open(Work::default());
    }

    /// Called before a paste replaces the whole open document: saves it and
    /// lets the pasted text become a new document.
    pub fn start_new_on_paste(self, app: AppState) {
        app.begin_new();
        if self.shared.get_untracked() {
            return;
        }
        self.save_now(app);
        let kept =
            self.lib.with_untracked(|l| l.current.as_ref().and_then(|c| l.get(c)).map(|d| d.name.clone()));
        if let Some(name) = kept {
            self.lib.update(|l| l.current = None);
            self.write_index();
            self.notice.set(format!("Pasted as a new document; “{name}” is still in the library."));
        }
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
    pub fn duplicate(self, app: AppState, id: &str) {
        self.save_now(app);
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

    /// Deletes document `id`, keeping it for [`LibraryState::undo_delete`].
    pub fn delete(self, app: AppState, id: &str) {
        self.save_now(app);
        let was_current = self.lib.with_untracked(|l| l.current.as_deref() == Some(id));
        let mut removed = None;
        self.lib.update(|l| removed = l.remove(id));
        let Some((pos, doc)) = removed else { return };
        let doc_id = doc.id.clone();
        self.write(|store| lib::delete_doc(store, &doc_id));
        self.write_index();
        self.undo.set(Some((pos, doc)));
        if was_current {
            self.open_current(app);
        }
    }

    /// Puts the last deleted document back and opens it.
    pub fn undo_delete(self, app: AppState) {
        let Some((pos, doc)) = self.undo.get_untracked() else { return };
        self.undo.set(None);
        let id = doc.id.clone();
        self.write(|store| lib::save_doc(store, &doc));
        self.lib.update(|l| l.restore(pos, doc));
        self.open(app, &id);
    }

    /// Adds the shown shared document to the library as a new document.
    pub fn add_shared(self, app: AppState) {
        self.shared.set(false);
        self.lib.update(|l| l.current = None);
        browser::clear_fragment();
        self.save_now(app);
        self.write_index();
    }

    /// Leaves the shared document and returns to the library.
    pub fn dismiss_shared(self, app: AppState) {
        self.shared.set(false);
        browser::clear_fragment();
        self.open_current(app);
    }

    /// Imports files into the library, opening the first one imported.
    pub fn import(self, app: AppState, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        self.save_now(app);
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
                self.open(app, &id);
            }
        });
    }

    /// Copies a share link of the open document and says how it went.
    pub fn copy_share_link(self, app: AppState) {
        app.flush();
        let mut shared = app.work.with_value(|w| Shared::from(w));
        // Values of variables the text no longer has stay here.
        let now = app.persona.with_untracked(|p| crate::persona::variables::variables(p, &shared.variables));
        shared.variables = shared.variables.for_names(now.iter().map(|v| v.name.as_str()));
        self.share_status.set(String::new());
        leptos::task::spawn_local(async move {
            let link = match deflate::encode(&shared).await {
                Ok(link) => link,
                Err(e) => return self.share_status.set(format!("Share link not copied: {e}")),
            };
            let url = format!("{}#{link}", browser::url_without_fragment());
            let message = match browser::copy_text(&url).await {
                Ok(()) if url.chars().count() > share::LONG_LINK => format!(
                    "Share link copied. It is {} characters long: some chat tools cut messages at {} characters, so send it as a file or by email if it arrives cut.",
                    crate::persona::numbers::grouped(url.chars().count()),
                    crate::persona::numbers::grouped(share::LONG_LINK)
                ),
                Ok(()) => "Share link copied".to_string(),
                Err(e) => format!("Share link not copied: {e}"),
            };
            self.share_status.set(message);
        });
    }
}

/// The rename form of one library row. Its text box is focused, with the
/// old name selected, as soon as it is mounted: the `autofocus` attribute
/// only takes effect at the browser's next rendering update, and keys
/// pressed before that went to the page (a save landing meanwhile made it
/// likely).
#[component]
fn RenameForm(
    draft: RwSignal<String>,
    editing: RwSignal<Option<String>>,
    commit: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    input.on_load(move |el| {
        // The value first: writing a different value later would move the
        // caret to the end and drop the selection.
        el.set_value(&draft.get_untracked());
        let _ = el.focus();
        el.select();
    });
    view! {
        <form class="rename" on:submit=move |ev| {
            ev.prevent_default();
            commit();
        }>
            <label>
                "New name"
                <input
                    type="text"
                    node_ref=input
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            editing.set(None);
                        }
                    }
                />
            </label>
            <button type="submit">"Save name"</button>
            <button type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
        </form>
    }
}

/// The library panel.
#[component]
pub fn LibraryPanel() -> impl IntoView {
    let app = expect_context::<AppState>();
    let state = expect_context::<LibraryState>();
    let editing = RwSignal::new(None::<String>);
    let draft = RwSignal::new(String::new());
    let commit = move || {
        if let Some(id) = editing.get_untracked() {
            state.rename(&id, &draft.get_untracked());
        }
        editing.set(None);
    };
    let row = move |(id, name): (String, String)| {
        let current = {
            let id = id.clone();
            move || state.lib.with(|l| l.current.as_deref() == Some(id.as_str())) && !state.shared.get()
        };
        let is_editing = {
            let id = id.clone();
            move || editing.get().as_deref() == Some(id.as_str())
        };
        let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id);
        let name1 = name.clone();
        let current_row = current.clone();
        view! {
            <li class="doc" class:current=current_row>
                <Show
                    when=is_editing
                    fallback=move || {
                        let (ida, idb, idc, idd) = (id1.clone(), id2.clone(), id3.clone(), id4.clone());
                        let n = name1.clone();
                        let n2 = name1.clone();
                        let cur = current.clone();
                        view! {
                            <button
                                type="button"
                                class="doc-open"
                                title=n.clone()
                                aria-current=move || cur().then_some("true")
                                on:click=move |_| state.open(app, &ida)
                            >
                                {n.clone()}
                            </button>
                            <span class="doc-actions">
                                <button type="button" aria-label=format!("Rename {n2}") on:click=move |_| {
                                    draft.set(n2.clone());
                                    editing.set(Some(idb.clone()));
                                }>"Rename"</button>
                                <button type="button" aria-label=format!("Duplicate {}", name1) on:click=move |_| state.duplicate(app, &idc)>"Duplicate"</button>
                                <button type="button" aria-label=format!("Delete {}", name1) on:click=move |_| state.delete(app, &idd)>"Delete"</button>
                            </span>
                        }
                    }
                >
                    <RenameForm draft=draft editing=editing commit=commit />
                </Show>
            </li>
        }
    };
    // Rows need only ids and names; a save (new text or selection) leaves
    // this list equal, so it neither re-renders nor copies document texts.
    let docs = Memo::new(move |_| {
        state.lib.with(|l| l.docs.iter().map(|d| (d.id.clone(), d.name.clone())).collect::<Vec<_>>())
    });
    view! {
        <section class="library" aria-labelledby="library-heading">
            <div class="pane-head">
                <h2 id="library-heading">"Library"</h2>
                <button type="button" on:click=move |_| state.new_document(app)>"New document"</button>
            </div>
            {move || state.storage_error.get().map(|m| view! { <p role="alert" class="message error">{m}</p> })}
            {move || state.share_error.get().map(|m| view! { <p role="alert" class="message error">{m}</p> })}
            {move || {
                let errors = state.import_errors.get();
                (!errors.is_empty()).then(|| view! {
                    <div role="alert" class="message error" aria-label="Import problems">
                        <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || {
                let notes = state.notes.get();
                (!notes.is_empty()).then(|| view! {
                    <div role="status" class="message notes" aria-label="Library repairs">
                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <Show when=move || state.shared.get()>
                <div class="message shared" role="region" aria-label="Shared document">
                    <p>"You opened a shared document. It is not in your library yet."</p>
                    <button type="button" class="primary" on:click=move |_| state.add_shared(app)>"Add to library"</button>
                    <button type="button" on:click=move |_| state.dismiss_shared(app)>"Dismiss"</button>
                </div>
            </Show>
            <p role="status" class="message notice">{move || state.notice.get()}</p>
            <p role="status" class="message undo">
                {move || state.undo.get().map(|(_, d)| view! {
                    {format!("Deleted “{}”. ", d.name)}
                    <button type="button" on:click=move |_| state.undo_delete(app)>"Undo"</button>
                })}
            </p>
            <Show
                when=move || state.lib.with(|l| !l.docs.is_empty())
                fallback=|| view! { <p class="hint">"Nothing saved yet. What you paste or open is saved here, in this browser only."</p> }
            >
                <ul class="docs" aria-label="Saved documents">
                    <For each=move || docs.get() key=Clone::clone children=row />
                </ul>
            </Show>
        </section>
    }
}
