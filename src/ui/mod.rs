//! The Leptos app: signals and views over the pure engine in
//! [`crate::persona`]. Nothing here parses or assembles; it only holds state
//! and shows it.
//!
//! - [`state`]: the app's signals ([`state::AppState`]), the debounced
//!   re-parse, and the document's undo history.
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

pub mod actions;
pub mod browser;
pub mod changes;
pub mod costs;
pub mod deflate;
pub mod document;
pub mod editing;
pub mod filter;
pub mod library;
pub mod offline;
pub mod presets;
pub mod prompt;
pub mod sections;
pub mod state;
pub mod storage;
pub mod structure;
pub mod tokens;
pub mod variables;

use leptos::prelude::*;

use state::AppState;

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
    let state = AppState::new();
    provide_context(state);
    let library = library::LibraryState::init(state);
    provide_context(library);
    provide_context(tokens::Tokens::new(state));
    // The structure's folds and filter: its links and the prompt pane's
    // "Largest parts" move through them.
    provide_context(sections::Sections::new(state));
    provide_context(filter::Filter::new(state));
    actions::install_shortcuts(state);
    if let Some(shell) = shell {
        document::adopt_shell(state, library, shell);
    }
    view! {
        <offline::UpdateNotice />
        <main class="panes">
            <document::DocumentPane />
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
                <structure::StructurePane />
            </ErrorBoundary>
            <prompt::PromptPane />
        </main>
    }
}
