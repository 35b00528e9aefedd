//! How the app was last shown, remembered in this browser under
//! [`VIEW_PREFIX`] (preferences, not part of the library): which of the
//! prompt pane's tools are open, and which hints were dismissed. Also the
//! two views that use them: [`Tool`], a disclosure section that remembers
//! whether it is open, and [`KeyHint`], a keyboard hint that shows only on
//! a device with a keyboard and can be dismissed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::library::VIEW_PREFIX;

/// The page's localStorage, unless the browser blocks it.
pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered flag `name`, if one was stored.
#[must_use]
pub fn remembered(name: &str) -> Option<bool> {
    let value = local_storage()?.get_item(&format!("{VIEW_PREFIX}{name}")).ok()??;
    Some(value == "1")
}

/// Remembers the flag `name` (quietly: a preference that cannot be stored
/// is only not remembered).
pub fn remember(name: &str, on: bool) {
    if let Some(store) = local_storage() {
        let _ = store.set_item(&format!("{VIEW_PREFIX}{name}"), if on { "1" } else { "0" });
    }
}

/// Whether the device has a keyboard-and-pointer (not only a touch screen).
#[must_use]
pub fn has_keyboard() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(any-pointer: fine)").ok().flatten())
        .is_none_or(|q| q.matches())
}

/// A tool of the prompt pane in a disclosure section: closed at first,
/// then as the person left it.
#[component]
pub fn Tool(
    /// Its name in storage.
    name: &'static str,
    /// Its heading, in the summary.
    title: &'static str,
    /// The heading's id (the tool's region is labelled by it).
    title_id: &'static str,
    /// The tool.
    children: Children,
) -> impl IntoView {
    let key = format!("open/{name}");
    let open = remembered(&key).unwrap_or(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
            remember(&key, d.open());
        }
    };
    view! {
        <details class="tool" prop:open=open on:toggle=on_toggle>
            <summary><h3 id=title_id>{title}</h3></summary>
            {children()}
        </details>
    }
}

/// A keyboard hint: information, shown on a device with a keyboard until
/// dismissed.
#[component]
pub fn KeyHint(
    /// Its name in storage.
    name: &'static str,
    /// What it is about, for its Dismiss button's name ("the copy
    /// shortcut").
    about: &'static str,
    /// The hint.
    children: Children,
) -> impl IntoView {
    let key = format!("dismissed/{name}");
    let shown = RwSignal::new(has_keyboard() && remembered(&key) != Some(true));
    let dismiss = move |_| {
        remember(&key, true);
        shown.set(false);
    };
    view! {
        <p class="msg info keys" hidden=move || !shown.get()>
            <span>{children()}</span>
            <button type="button" class="dismiss" on:click=dismiss>
                "Dismiss"
                <span class="sr-only">{format!(" the keyboard hint on {about}")}</span>
            </button>
        </p>
    }
}
