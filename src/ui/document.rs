//! The "Persona document" pane: a text box that takes pasting, typing, a
//! dropped file and a file picker (files join the library), the library
//! panel above it, and the empty state with "Try an example".

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::library::{LibraryPanel, LibraryState};
use super::state::AppState;

/// The example persona, written by this project (also a test fixture).
pub const EXAMPLE: &str = include_str!("../../tests/fixtures/webcopy/rust-reviewer.md");

/// File types the picker offers.
pub const ACCEPT: &str = ".md,.mdc,.markdown,.txt,.cursorrules,.json,.yaml,.yml";

/// The files of a file list.
fn file_vec(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = files else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The document pane.
#[component]
pub fn DocumentPane() -> impl IntoView {
    let state = expect_context::<AppState>();
    let library = expect_context::<LibraryState>();
    let dragging = RwSignal::new(false);
    // Typing is debounced; a paste or a drop is parsed at once.
    // A paste that replaces a whole document starts a new one, so the
    // document it replaced stays in the library instead of being overwritten.
    let on_before = move |ev: leptos::ev::InputEvent| {
        if !matches!(ev.input_type().as_str(), "insertFromPaste" | "insertFromDrop") {
            return;
        }
        let Some(area) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else {
            return;
        };
        let len = area.text_length();
        let start = area.selection_start().ok().flatten().unwrap_or(1);
        let end = area.selection_end().ok().flatten().unwrap_or(0);
        let replaces_all = len > 0 && start == 0 && end >= len;
        if replaces_all {
            library.start_new_on_paste(state);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let whole = ev
            .dyn_ref::<web_sys::InputEvent>()
            .is_some_and(|e| matches!(e.input_type().as_str(), "insertFromPaste" | "insertFromDrop"));
        let text = event_target_value(&ev);
        if whole { state.replace(text) } else { state.edit(text) }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        dragging.set(false);
        let files = ev.data_transfer().and_then(|d| d.files());
        if files.as_ref().is_some_and(|f| f.length() > 0) {
            ev.prevent_default();
            library.import(state, file_vec(files));
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        library.import(state, file_vec(input.as_ref().and_then(web_sys::HtmlInputElement::files)));
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let empty = move || state.source.with(String::is_empty);
    view! {
        <section class="pane document" aria-labelledby="document-label">
            <LibraryPanel />
            <div class="pane-head">
                <label id="document-label" for="document">"Persona document"</label>
                <span class="file-open">
                    <label for="file-input">"Open files"</label>
                    <input id="file-input" type="file" multiple accept=ACCEPT on:change=on_pick />
                </span>
            </div>
            <Show when=empty>
                <p class="empty-hint">
                    "Paste a persona (a Claude Code agent, SKILL.md, Cursor rule, AGENTS.md, character card or any system prompt), drop a file here, or "
                    <button type="button" on:click=move |_| state.load(EXAMPLE.to_string(), Some("rust-reviewer.md".into()))>
                        "Try an example"
                    </button>
                </p>
            </Show>
            <textarea
                id="document"
                class:dragging=move || dragging.get()
                spellcheck="false"
                autocomplete="off"
                placeholder="Paste a persona document here"
                prop:value=move || {
                    state.loads.track();
                    state.source.get_untracked()
                }
                on:beforeinput=on_before
                on:input=on_input
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            ></textarea>
        </section>
    }
}
