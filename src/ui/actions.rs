//! What a person does from anywhere in the app: copy the prompt, undo and
//! redo, by button or by keyboard shortcut.
//!
//! Kept apart from [`super::doc`] (which holds the signals) and the panes
//! (which show them), so that neither imports the other.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::copy_text;
use super::doc::DocState;
use super::filter::FILTER_ID;

/// Copies `doc`'s current prompt and reports in `status`.
pub fn copy_prompt(doc: DocState, status: RwSignal<String>) {
    let text = doc.prompt.with_untracked(|p| p.text.clone());
    if text.is_empty() {
        status.set("Nothing to copy yet: paste or open a persona first.".to_string());
        return;
    }
    status.set(String::new());
    leptos::task::spawn_local(async move {
        let message = match copy_text(&text).await {
            Ok(()) => "Copied".to_string(),
            Err(e) => format!("Not copied: {e}"),
        };
        status.set(message);
    });
}

/// Whether focus is in a box that types text (its own undo comes first).
fn in_text_box(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => el
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(|i| !matches!(i.type_().as_str(), "checkbox" | "radio" | "button" | "submit")),
        _ => false,
    }
}

/// Focuses the filter box at once (the keys typed next go there), its
/// text selected.
fn focus_filter() {
    if let Some(input) =
        document().get_element_by_id(FILTER_ID).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}

/// The app's shortcuts: `/` focuses "Filter guidelines" (outside text
/// boxes); Ctrl/Cmd+Shift+C copies the prompt from anywhere;
/// Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z or Ctrl+Y redo, except in a text
/// box, whose own undo applies.
pub fn install_shortcuts(doc: DocState, status: RwSignal<String>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "/" && !(ev.ctrl_key() || ev.meta_key() || ev.alt_key()) && !in_text_box(&ev) {
            ev.prevent_default();
            focus_filter();
            return;
        }
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        match (key.as_str(), ev.shift_key()) {
            ("c", true) => {
                ev.prevent_default();
                copy_prompt(doc, status);
            }
            ("z", shift) if !in_text_box(&ev) => {
                ev.prevent_default();
                if shift { doc.redo() } else { doc.undo() }
            }
            ("y", false) if !in_text_box(&ev) => {
                ev.prevent_default();
                doc.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

/// The Undo and Redo buttons.
#[component]
pub fn UndoRedo(
    /// The document whose history they step through.
    doc: DocState,
) -> impl IntoView {
    view! {
        <button
            type="button"
            aria-keyshortcuts="Control+Z"
            prop:disabled=move || !doc.can_undo_redo().0
            on:click=move |_| doc.undo()
        >
            "Undo"
        </button>
        <button
            type="button"
            aria-keyshortcuts="Control+Shift+Z"
            prop:disabled=move || !doc.can_undo_redo().1
            on:click=move |_| doc.redo()
        >
            "Redo"
        </button>
    }
}
