//! The arrow keys of a `role="toolbar"`: Left and Right (and Up and Down)
//! move the focus to the previous or next enabled button, Home and End to
//! the first and last, as in the ARIA toolbar pattern.

use wasm_bindgen::JsCast;

/// Moves the focus among the toolbar's buttons for an arrow key, Home or
/// End pressed on one of them.
pub fn on_toolbar_key(ev: &leptos::ev::KeyboardEvent) {
    let key = ev.key();
    if !matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End") {
        return;
    }
    let Some(bar) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(from) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    if from.tag_name() != "BUTTON" {
        return;
    }
    let Ok(list) = bar.query_selector_all("button:not([disabled])") else { return };
    let buttons: Vec<web_sys::HtmlElement> =
        (0..list.length()).filter_map(|i| list.get(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect();
    let Some(at) = buttons.iter().position(|b| **b == from) else { return };
    let last = buttons.len().saturating_sub(1);
    let to = match key.as_str() {
        "Home" => 0,
        "End" => last,
        "ArrowLeft" | "ArrowUp" => at.checked_sub(1).unwrap_or(last),
        _ => {
            if at >= last {
                0
            } else {
                at + 1
            }
        }
    };
    if let Some(button) = buttons.get(to) {
        ev.prevent_default();
        let _ = button.focus();
    }
}
