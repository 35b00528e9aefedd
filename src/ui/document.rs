//! The "Persona document" pane: a text box that takes pasting, typing, a
//! dropped file and a file picker (files join the library), the library
//! panel above it, and the empty state with "Try an example".
//!
//! A document over [`TEXT_BOX_LIMIT`] is parsed and used as usual, but the
//! text box hides it behind a notice with "Show the text": laying out that
//! much text costs the browser a second or more, which is the one cost the
//! app cannot make incremental.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::doc::DocState;
use super::layout::Pane;
use super::library::{LibraryPanel, LibraryState};
use super::view::{TEXT_BOX_LIMIT, ViewState};
use crate::library::paste::replaces_document;
use crate::persona::numbers::{byte_size, grouped};
use crate::persona::text::{text_box_newlines, utf16_to_byte};

/// The example persona, written by this project (also a test fixture).
pub const EXAMPLE: &str = include_str!("../../tests/fixtures/webcopy/rust-reviewer.md");

/// The id of the large-document notice's "Show the text" button.
const SHOW_TEXT_ID: &str = "show-text";

/// The files of a file list.
fn file_vec(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = files else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The text of `area` and its selection, in bytes.
fn text_and_selection(area: &web_sys::HtmlTextAreaElement) -> (String, usize, usize) {
    let text = area.value();
    let offset = |units: Option<u32>| utf16_to_byte(&text, units.map_or(0, |u| u as usize));
    let start = offset(area.selection_start().ok().flatten());
    let end = offset(area.selection_end().ok().flatten()).max(start);
    (text, start, end)
}

/// Whether inserting `pasted` into `area` (over its selection) starts a
/// new document: it replaces all or nearly all of the document, or goes
/// into a box that typing has just emptied.
fn starts_new_document(doc: DocState, area: &web_sys::HtmlTextAreaElement, pasted: &str) -> bool {
    let (text, start, end) = text_and_selection(area);
    if replaces_document(&text, start, end, pasted) {
        return true;
    }
    if !text.trim().is_empty() || pasted.trim().is_empty() {
        return false;
    }
    // The typing that emptied it may still wait for its re-parse.
    doc.flush();
    doc.work.with_untracked(|w| w.before_clearing().is_some())
}

/// Gives the notice's button the focus the hidden box had, once the views
/// have hidden the box and shown the notice: still within the current task,
/// so a key pressed next is not lost on a hidden box.
fn focus_notice_soon() {
    leptos::task::spawn_local(async {
        leptos::task::tick().await;
        let doc = web_sys::window().and_then(|w| w.document());
        let button = doc.and_then(|d| d.get_element_by_id(SHOW_TEXT_ID));
        if let Some(button) = button.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = button.focus();
        }
    });
}

/// The document pane.
#[component]
pub fn DocumentPane(
    /// The document.
    doc: DocState,
    /// How it is shown (the text box's large-document notice).
    view: ViewState,
    /// The library (files, the document a paste replaces).
    library: LibraryState,
) -> impl IntoView {
    let text_box = view.text_box;
    let layout = view.layout;
    let dragging = RwSignal::new(false);
    // Typing is debounced; a paste or a drop is parsed at once.
    // A drop of text that replaces the document starts a new one (a paste
    // is seen as one at its `paste` event, which has its text).
    let on_before = move |ev: leptos::ev::InputEvent| {
        if ev.input_type() != "insertFromDrop" {
            return;
        }
        let dropped = ev.data_transfer().and_then(|d| d.get_data("text/plain").ok()).unwrap_or_default();
        let area = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        if area.is_some_and(|a| starts_new_document(doc, &a, &dropped)) {
            library.start_new_on_paste();
        }
    };
    // A paste that makes the document large is applied here, not by the
    // browser: its own insertion lays out the whole new text before the
    // input event (over a second for a megabyte), and the box is about to
    // hide it anyway. Smaller pastes stay native, with their undo step.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(area) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else {
            return;
        };
        let Some(pasted) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
        // A paste over all or nearly all of the text, or into a box typing
        // has just emptied, is a new document: the one it replaces stays
        // in the library instead of being overwritten.
        let whole = starts_new_document(doc, &area, &pasted);
        if whole {
            library.start_new_on_paste();
        }
        let (current, start, end) = text_and_selection(&area);
        // A paste into a large document the box shows is an edit of it,
        // and stays native; so does one that leaves the document under the
        // limit.
        if (current.len() > TEXT_BOX_LIMIT && !whole) || current.len() + pasted.len() <= TEXT_BOX_LIMIT {
            return;
        }
        let pasted = text_box_newlines(&pasted);
        if current.len() - (end - start) + pasted.len() <= TEXT_BOX_LIMIT {
            return;
        }
        ev.prevent_default();
        if whole {
            // A new document: hidden even if the box showed the one before.
            text_box.hide();
        }
        let text =
            [current.get(..start).unwrap_or_default(), &pasted, current.get(end..).unwrap_or_default()]
                .concat();
        // Out of focus first: a focused box lays out its new value at once
        // (to place the caret); the views hide it before the next frame.
        let _ = area.blur();
        area.set_value(&text);
        let hides = text_box.pasted(current.len(), text.len());
        doc.replace(text);
        if hides {
            focus_notice_soon();
        }
        layout.show(Pane::Structure);
    };
    let on_input = move |ev: leptos::ev::Event| {
        let whole = ev
            .dyn_ref::<web_sys::InputEvent>()
            .is_some_and(|e| matches!(e.input_type().as_str(), "insertFromPaste" | "insertFromDrop"));
        let text = event_target_value(&ev);
        if whole {
            let hides = text_box.pasted(doc.source.with_untracked(String::len), text.len());
            doc.replace(text);
            if hides {
                focus_notice_soon();
            }
            // What was pasted shows as its structure (on a narrow screen,
            // where the panes are tabs).
            layout.show(Pane::Structure);
        } else {
            text_box.typed(text.len());
            doc.edit(text);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        dragging.set(false);
        let files = ev.data_transfer().and_then(|d| d.files());
        if files.as_ref().is_some_and(|f| f.length() > 0) {
            ev.prevent_default();
            library.import(file_vec(files));
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        library.import(file_vec(input.as_ref().and_then(web_sys::HtmlInputElement::files)));
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let empty = move || doc.source.with(String::is_empty);
    let hidden = Memo::new(move |_| text_box.hidden(doc));
    let large_message = move || {
        if !hidden.get() {
            return String::new();
        }
        doc.source.with(|s| {
            format!(
                "This document is large ({}, {} lines), so the text box does not show it: a browser needs a second or more to lay out that much text. Its structure and prompt work as usual.",
                byte_size(s.len()),
                grouped(s.lines().count()),
            )
        })
    };
    view! {
        // Files can be dropped anywhere on the pane, also while the text box
        // hides a large document.
        <section
            class="pane document"
            id=Pane::Document.id()
            role=move || layout.role()
            hidden=move || layout.hidden(Pane::Document)
            aria-labelledby="document-label"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <LibraryPanel state=library />
            <div class="pane-head">
                <label id="document-label" for="document">"Persona document"</label>
                <span class="file-open">
                    <label for="file-input">"Open files"</label>
                    // No `accept` filter: any text file opens (`.clinerules`,
                    // `.roomodes`, `GEMINI.md`); binary content is refused by name.
                    <input id="file-input" type="file" multiple on:change=on_pick />
                </span>
            </div>
            <Show when=empty>
                <p class="empty-hint">
                    "Paste a persona (a Claude Code agent, SKILL.md, Cursor rule, AGENTS.md, character card or any system prompt), drop a file here, or "
                    <button type="button" class="primary" on:click=move |_| library.open_text(EXAMPLE.to_string(), Some("rust-reviewer.md".into()))>
                        "Try an example"
                    </button>
                </p>
            </Show>
            <div class="large-notice" role="status" hidden=move || !hidden.get()>
                <p>{large_message}</p>
                <button type="button" id=SHOW_TEXT_ID on:click=move |_| text_box.show()>
                    "Show the text"
                </button>
            </div>
            <textarea
                id="document"
                hidden=move || hidden.get()
                class:dragging=move || dragging.get()
                spellcheck="false"
                autocomplete="off"
                placeholder="Paste a persona document here"
                prop:value=move || {
                    doc.loads.track();
                    doc.source.get_untracked()
                }
                on:beforeinput=on_before
                on:paste=on_paste
                on:input=on_input
            ></textarea>
        </section>
    }
}

/// Takes over what was typed into the page's shell before the app loaded:
/// its text as a new document (the document the library reopened stays
/// as it was), and its focus and selection in the app's own box.
pub fn adopt_shell(library: LibraryState, shell: super::browser::Shell) {
    if !shell.text.trim().is_empty() {
        library.open_text(shell.text, None);
    }
    if let Some((start, end)) = shell.focus {
        request_animation_frame(move || {
            let Some(area) = document()
                .get_element_by_id("document")
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            else {
                return;
            };
            let _ = area.focus();
            let _ = area.set_selection_range(start, end);
        });
    }
}
