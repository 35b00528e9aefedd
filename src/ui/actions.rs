//! What a person does from anywhere in the app: copy the prompt, undo and
//! redo, by button or by keyboard shortcut.
//!
//! Kept apart from [`super::state`] (which holds the signals) and the panes
//! (which show them), so that neither imports the other.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::copy_text;
use super::filter::FILTER_ID;
use super::state::AppState;

/// Copies the current prompt and reports in the status line.
pub fn copy_prompt(state: AppState) {
    let text = state.prompt.with_untracked(|p| p.text.clone());
    state.status.set(String::new());
    leptos::task::spawn_local(async move {
        let message = match copy_text(&text).await {
            Ok(()) => "Copied".to_string(),
            Err(e) => format!("Not copied: {e}"),
        };
        state.status.set(message);
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
pub fn install_shortcuts(state: AppState) {
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
                copy_prompt(state);
            }
            ("z", shift) if !in_text_box(&ev) => {
                ev.prevent_default();
                if shift { state.redo() } else { state.undo() }
            }
            ("y", false) if !in_text_box(&ev) => {
                ev.prevent_default();
                state.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

/// The Undo and Redo buttons.
#[component]
pub fn UndoRedo() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <button
            type="button"
            aria-keyshortcuts="Control+Z"
            prop:disabled=move || !state.can_undo_redo().0
            on:click=move |_| state.undo()
        >
            "Undo"
        </button>
        <button
            type="button"
            aria-keyshortcuts="Control+Shift+Z"
            prop:disabled=move || !state.can_undo_redo().1
            on:click=move |_| state.redo()
        >
            "Redo"
        </button>
    }
}
