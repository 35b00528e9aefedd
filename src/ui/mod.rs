//! The Leptos app: signals and views over the pure engine in
//! [`crate::persona`]. Nothing here parses or assembles; it only holds state
//! and shows it.
//!
//! - [`doc`]: the document handle ([`doc::DocState`]): its text, parse,
//!   selection and recorded work (history), the debounced re-parse.
//! - [`view`]: the view handle ([`view::ViewState`]): the render budget,
//!   the text box's large-document notice, the copy status, the filter,
//!   the folds and the editor.
//! - [`triggers`]: one trigger per id, so a change wakes only its views.
//! - [`anchors`]: the element ids and selectors of the structure's parts.
//! - [`actions`]: copy, undo and redo, by button and shortcut.
//! - [`document`]: the "Persona document" pane (paste, type, drop, open).
//! - [`structure`]: the "Structure" region with its checkboxes.
//! - [`editing`]: editing, adding and moving guidelines in the structure.
//! - [`filter`]: "Filter guidelines" and the switches on what matches.
//! - [`sections`]: collapsing sections, their counts, the outline.
//! - [`presets`]: named selections of the document.
//! - [`prompt`]: the "Assembled prompt" pane, output style, counts, copy.
//! - [`variables`]: the "Variables" region (values, Fill variables).
//! - [`tokens`]: token counts: the tokenizer worker, the "Tokenizer"
//!   choice, estimates until it has counted.
//! - [`offline`]: the service worker's registration and "A new version is
//!   ready".
//! - [`costs`]: "What it costs": the Tokenizer choice and the Budget meter.
//! - [`changes`]: the "Changes" region (the prompt against the original).
//! - [`library`]: the library panel, autosave, import, share links.
//! - [`storage`]: localStorage (through gloo-storage) as the library's store.
//! - [`deflate`]: share links' deflate through the browser's compression
//!   streams.
//! - [`browser`]: the little web-sys glue (clipboard, files, downloads,
//!   address bar, crash panel).
//!
//! Robustness: [`start`] installs a panic hook that shows the static crash
//! panel from `index.html` with the last document in it; recoverable view
//! errors go to an `ErrorBoundary` beside the document pane, so the pasted
//! text is never lost.

// The handles (`DocState`, `ViewState`, `LibraryState`, …) are `Copy`
// bundles of signal ids that views and closures capture by value, as
// Leptos's own handles are; in debug builds each id also carries where it
// was made, which is what takes a bundle past this lint's 256 bytes.
#![allow(clippy::large_types_passed_by_value)]

pub mod actions;
pub mod anchors;
pub mod browser;
pub mod changes;
pub mod costs;
pub mod deferred;
pub mod deflate;
pub mod doc;
pub mod document;
pub mod editing;
pub mod filter;
pub mod layout;
pub mod library;
pub mod offline;
pub mod prefs;
pub mod presets;
pub mod prompt;
pub mod sections;
pub mod storage;
pub mod structure;
pub mod tokens;
pub mod toolbar;
pub mod triggers;
pub mod variables;
pub mod view;

use leptos::prelude::*;

use doc::DocState;
use view::ViewState;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    browser::install_panic_hook();
    mount_to_body(App);
}

/// The whole app: three panes (document, structure, prompt) after the
/// page's header, which is `index.html`'s, like the shell the app replaces.
#[component]
pub fn App() -> impl IntoView {
    // What was typed into index.html's shell before the app loaded.
    let shell = browser::take_shell();
    // Each pane and panel gets the handles it needs: the document, how it
    // is shown, the library, the counts.
    let doc = DocState::new();
    let view = ViewState::new(doc);
    let library = library::LibraryState::init(doc, view);
    let tokens = tokens::Tokens::new(doc);
    actions::install_shortcuts(doc, view.status);
    if let Some(shell) = shell {
        document::adopt_shell(library, shell);
    }
    view! {
        <offline::UpdateNotice />
        <main class="panes" class:tabbed=move || view.layout.narrow.get()>
            <layout::PaneTabs layout=view.layout />
            <document::DocumentPane doc view library />
            <ErrorBoundary fallback=|errors| {
                view! {
                    <section class="pane structure" aria-label="Structure">
                        <h2>"The structure could not be shown"</h2>
                        <ul role="alert">
                            {move || {
                                errors
                                    .get()
                                    .into_iter()
                                    .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                    .collect_view()
                            }}
                        </ul>
                        <p>"Your text is safe in the document box, and the prompt still assembles."</p>
                    </section>
                }
            }>
                <structure::StructurePane doc view tokens />
            </ErrorBoundary>
            <prompt::PromptPane doc view library tokens />
            <prompt::CopyBar doc view tokens />
        </main>
    }
}
