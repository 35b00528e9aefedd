//! Named presets of the open document: **Save preset** keeps the current
//! selection under the name in **"Preset name"**; the list **"Presets"**
//! applies, renames and deletes them. Each change is one undo step, so a
//! deletion is undone with **Undo**. The decisions are in
//! [`crate::library::presets`].
//!
//! Kept small on purpose (every view and handler type is wasm code on
//! the first load): the list has one click, one change and one key
//! handler for all its rows, and a preset is renamed in its own name box,
//! which **Rename** focuses.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::deferred::{ViewFn, deferred};
use wasm_bindgen::JsCast;

use super::doc::DocState;
use super::editing::focus_soon;
use crate::library::presets::{self, Preset};
use crate::persona::assemble::units;
use crate::persona::{Id, Selection};

/// The "Preset name" box's element id.
const NAME_ID: &str = "preset-name";

/// The presets' form, list and status line.
#[component]
pub fn PresetsPanel(
    /// The document whose presets they are.
    doc: DocState,
) -> impl IntoView {
    deferred("Loading presets…", presets_code(), doc)
}

/// The code of [`PresetsPanel`], loaded after the first structure.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn presets_code() -> ViewFn<DocState> {
    presets_panel as ViewFn<DocState>
}

/// The panel itself.
fn presets_panel(doc: DocState) -> AnyView {
    ({
    let message = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        let list = doc.presets();
        // Without presets a toggle costs nothing here (the walk below is
        // the whole document's).
        if list.is_empty() {
            return String::new();
        }
        let known: BTreeSet<Id> = doc.persona.with(|p| units(p).into_iter().collect());
        let off: Vec<Id> = doc.selection.with(|s| s.excluded().collect());
        presets::current(&list, &off, &known).map(|p| p.name.clone()).unwrap_or_default()
    });
    // The list re-renders only when the presets change, not at every step
    // (an applied preset keeps focus on its button).
    let list = Memo::new(move |_| doc.presets());
    let a = Actions { doc, message };
    view! {
        // Titled by its disclosure's summary (prefs::Tool).
        <section class="presets" aria-labelledby="presets-title">
            <form
                class="preset-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    a.save();
                }
            >
                <label>"Preset name" <input type="text" id=NAME_ID maxlength="80" /></label>
                <button type="submit">"Save preset"</button>
            </form>
            <ul
                class="preset-list"
                aria-label="Presets"
                hidden=move || list.with(Vec::is_empty)
                on:click=move |ev| a.on_click(&ev)
                on:change=move |ev| a.on_change(&ev)
                on:keydown=move |ev| a.on_keydown(&ev)
            >
                {move || list.get().into_iter().enumerate().map(|(i, p)| row(current, i, p)).collect_view()}
            </ul>
            <p role="status" class="preset-status">{move || message.get()}</p>
        </section>
    }
    })
    .into_any()
}

/// One preset: its name box, whether it is the current selection, and its
/// buttons (which name the preset, as several rows have them).
fn row(current: Memo<String>, i: usize, p: Preset) -> impl IntoView {
    let name = p.name;
    let (a, b) = (name.clone(), name.clone());
    view! {
        <li class="preset" data-index=i aria-current=move || current.with(|c| *c == a).then_some("true")>
            <input
                type="text"
                class="preset-name"
                maxlength="80"
                aria-label=format!("Name of preset {name}")
                value=name.clone()
            />
            <span class="current" hidden=move || current.with(|c| *c != b)>"current"</span>
            <button type="button" data-action="apply" aria-label=format!("Apply {name}")>"Apply"</button>
            <button type="button" data-action="rename" aria-label=format!("Rename {name}")>"Rename"</button>
            <button type="button" data-action="delete" aria-label=format!("Delete {name}")>"Delete"</button>
        </li>
    }
}

/// What the panel's handlers share.
#[derive(Clone, Copy)]
struct Actions {
    doc: DocState,
    message: RwSignal<String>,
}

/// The element an event happened on, and the preset row (its index) it is in.
fn target_row(ev: &web_sys::Event) -> Option<(web_sys::Element, usize)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let i = el.closest("[data-index]").ok()??.get_attribute("data-index")?.parse().ok()?;
    Some((el, i))
}

/// The name of preset `i`.
fn name_at(doc: DocState, i: usize) -> Option<String> {
    doc.work.with_untracked(|w| w.presets.get(i).map(|p| p.name.clone()))
}

/// The selector of preset `i`'s element of class `class`.
fn in_row(i: usize, class: &str) -> String {
    format!(".preset-list > li:nth-child({}) {class}", i + 1)
}

impl Actions {
    fn save(self) {
        let Some(input) = document()
            .get_element_by_id(NAME_ID)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let mut list = self.doc.work.with_untracked(|w| w.presets.clone());
        let off: Vec<Id> = self.doc.selection.with_untracked(|s| s.excluded().collect());
        match presets::save(&mut list, &input.value(), &off) {
            Ok(saved) => {
                self.doc.set_presets(list);
                input.set_value("");
                self.message.set(format!("Saved preset “{saved}”."));
            }
            Err(e) => self.message.set(e.to_string()),
        }
    }

    fn on_click(self, ev: &web_sys::MouseEvent) {
        let Some((el, i)) = target_row(ev) else { return };
        let Some(name) = name_at(self.doc, i) else { return };
        match el.get_attribute("data-action").as_deref() {
            Some("apply") => self.apply(&name),
            Some("rename") => focus_soon(in_row(i, ".preset-name")),
            Some("delete") => self.delete(i, &name),
            _ => {}
        }
    }

    /// A name box changed (Enter or leaving it): the preset is renamed.
    fn on_change(self, ev: &web_sys::Event) {
        let Some((el, i)) = target_row(ev) else { return };
        let (Some(from), Ok(input)) = (name_at(self.doc, i), el.dyn_into::<web_sys::HtmlInputElement>())
        else {
            return;
        };
        let mut list = self.doc.work.with_untracked(|w| w.presets.clone());
        match presets::rename(&mut list, &from, &input.value()) {
            Ok(to) if to == from => input.set_value(&from),
            // After the focus has moved (a change by Tab fires before it
            // does), as the list is then rendered anew.
            Ok(to) => set_timeout(move || self.renamed(i, list, &from, &to), std::time::Duration::ZERO),
            Err(e) => {
                input.set_value(&from);
                self.message.set(e.to_string());
            }
        }
    }

    /// Keeps the renamed `list`. Focus, if it was in the list, goes to the
    /// same place in the new one (the name box after Enter, a button after
    /// Tab).
    fn renamed(self, i: usize, list: Vec<Preset>, from: &str, to: &str) {
        let at = document().active_element().filter(|e| e.closest(".preset-list").ok().flatten().is_some());
        let target =
            at.map(|e| match (e.closest("[data-index]").ok().flatten(), e.get_attribute("data-action")) {
                (Some(row), Some(a)) => (
                    row.get_attribute("data-index").and_then(|n| n.parse().ok()),
                    format!("[data-action={a}]"),
                ),
                _ => (Some(i), ".preset-name".to_string()),
            });
        self.doc.set_presets(list);
        self.message.set(format!("Renamed “{from}” to “{to}”."));
        if let Some((Some(row), what)) = target {
            focus_soon(in_row(row, &what));
        }
    }

    /// Escape in a name box puts the name back.
    fn on_keydown(self, ev: &web_sys::KeyboardEvent) {
        if ev.key() != "Escape" {
            return;
        }
        let Some((el, i)) = target_row(ev) else { return };
        if let (Some(name), Ok(input)) = (name_at(self.doc, i), el.dyn_into::<web_sys::HtmlInputElement>()) {
            ev.prevent_default();
            input.set_value(&name);
        }
    }

    /// Applies preset `name` as one step: what it switches off that the
    /// document still has. Returns how many of its ids the document no
    /// longer has (`None`: no such preset).
    fn applied(self, name: &str) -> Option<usize> {
        self.doc.flush();
        let known: BTreeSet<Id> = self.doc.persona.with_untracked(|p| units(p).into_iter().collect());
        let applied = self.doc.work.with_untracked(|w| {
            w.presets.iter().find(|p| p.name == name).map(|p| presets::apply(p, &known))
        })?;
        self.doc.select(Selection::from_excluded(applied.off));
        Some(applied.missing)
    }

    fn apply(self, name: &str) {
        self.message.set(match self.applied(name) {
            Some(0) => format!("Applied “{name}”."),
            Some(n) => format!(
                "Applied “{name}”; {n} of its switched-off {} no longer in the document.",
                if n == 1 { "guideline is" } else { "guidelines are" }
            ),
            None => String::new(),
        });
    }

    fn delete(self, i: usize, name: &str) {
        let mut list = self.doc.work.with_untracked(|w| w.presets.clone());
        if presets::delete(&mut list, name) {
            // Focus goes to the preset that takes its place, else the one
            // before it, else the name box.
            focus_soon(match (i < list.len(), i) {
                (true, _) => in_row(i, "[data-action=delete]"),
                (false, 0) => format!("#{NAME_ID}"),
                (false, _) => in_row(i - 1, "[data-action=delete]"),
            });
            self.doc.set_presets(list);
            self.message.set(format!("Deleted preset “{name}”. Undo brings it back."));
        }
    }
}
