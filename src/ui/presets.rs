//! Named presets of the open document: **Save preset** keeps the current
//! selection under the name in **"Preset name"**; the list **"Presets"**
//! applies, renames and deletes them. Each change is one undo step, so a
//! deletion is undone with **Undo**. The decisions are in
//! [`crate::library::presets`].

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::editing::focus_soon;
use super::state::AppState;
use crate::library::presets::{self, Preset};
use crate::persona::Id;
use crate::persona::assemble::units;

/// The "Preset name" box's element id.
const NAME_ID: &str = "preset-name";

/// The presets' form, list and status line.
#[component]
pub fn PresetsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let renaming = RwSignal::new(None::<String>);
    let save = move || {
        let mut list = state.work.with_value(|w| w.presets.clone());
        let off: Vec<Id> = state.selection.with_untracked(|s| s.excluded().collect());
        match name.with_untracked(|n| presets::save(&mut list, n, &off)) {
            Ok(saved) => {
                state.set_presets(list);
                name.set(String::new());
                message.set(format!("Saved preset “{saved}”."));
            }
            Err(e) => message.set(e.to_string()),
        }
    };
    let current = Memo::new(move |_| {
        let list = state.presets();
        let known: BTreeSet<Id> = state.persona.with(|p| units(p).into_iter().collect());
        let off: Vec<Id> = state.selection.with(|s| s.excluded().collect());
        presets::current(&list, &off, &known).map(|p| p.name.clone())
    });
    // The list re-renders only when the presets change, not at every step
    // (an applied preset keeps focus on its button).
    let list = Memo::new(move |_| state.presets());
    let actions = Actions { state, message, renaming, current };
    view! {
        <div class="presets">
            <form
                class="preset-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <label>"Preset name" <input type="text" id=NAME_ID maxlength="80" bind:value=name /></label>
                <button type="submit">"Save preset"</button>
            </form>
            {move || {
                let list = list.get();
                (!list.is_empty())
                    .then(|| {
                        let items = list.into_iter().enumerate().map(|(i, p)| preset_row(actions, i, p)).collect_view();
                        view! { <ul class="preset-list" aria-label="Presets">{items}</ul> }
                    })
            }}
            <p role="status" class="preset-status">{move || message.get()}</p>
        </div>
    }
}

/// What a preset's row needs.
#[derive(Clone, Copy)]
struct Actions {
    state: AppState,
    message: RwSignal<String>,
    renaming: RwSignal<Option<String>>,
    current: Memo<Option<String>>,
}

impl Actions {
    fn apply(self, name: &str) {
        self.message.set(match self.state.apply_preset(name) {
            Some(0) => format!("Applied “{name}”."),
            Some(n) => format!(
                "Applied “{name}”; {n} of its switched-off {} no longer in the document.",
                if n == 1 { "guideline is" } else { "guidelines are" }
            ),
            None => String::new(),
        });
    }

    fn rename(self, i: usize, from: &str, to: &str) {
        self.renaming.set(None);
        focus_soon(format!(".preset-list > li:nth-child({}) .rename-preset", i + 1));
        let mut list = self.state.work.with_value(|w| w.presets.clone());
        match presets::rename(&mut list, from, to) {
            Ok(to) if to == from => {}
            Ok(to) => {
                self.state.set_presets(list);
                self.message.set(format!("Renamed “{from}” to “{to}”."));
            }
            Err(e) => self.message.set(e.to_string()),
        }
    }

    fn delete(self, i: usize, name: &str) {
        let mut list = self.state.work.with_value(|w| w.presets.clone());
        if presets::delete(&mut list, name) {
            // Focus goes to the preset that takes its place, else the one
            // before it, else the name box.
            focus_soon(match (i < list.len(), i) {
                (true, _) => format!(".preset-list > li:nth-child({}) .delete-preset", i + 1),
                (false, 0) => format!("#{NAME_ID}"),
                (false, _) => format!(".preset-list > li:nth-child({i}) .delete-preset"),
            });
            self.state.set_presets(list);
            self.message.set(format!("Deleted preset “{name}”. Undo brings it back."));
        }
    }
}

fn preset_row(a: Actions, i: usize, p: Preset) -> impl IntoView {
    let name = p.name;
    let is_current = {
        let name = name.clone();
        move || a.current.with(|c| c.as_deref() == Some(name.as_str()))
    };
    let editing = {
        let name = name.clone();
        move || a.renaming.with(|r| r.as_deref() == Some(name.as_str()))
    };
    let current_attr = {
        let is_current = is_current.clone();
        move || is_current().then_some("true")
    };
    let not_current = move || !is_current();
    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
    view! {
        <li class="preset" aria-current=current_attr>
            {move || {
                if editing() { rename_box(a, i, n1.clone()).into_any() } else { view! { <span class="preset-name">{n1.clone()}</span> }.into_any() }
            }}
            <span class="current" hidden=not_current>" (current)"</span>
            <button type="button" aria-label=format!("Apply {name}") on:click=move |_| a.apply(&n2)>"Apply"</button>
            <button type="button" class="rename-preset" aria-label=format!("Rename {name}") on:click=move |_| a.renaming.set(Some(n3.clone()))>"Rename"</button>
            <button type="button" class="delete-preset" aria-label=format!("Delete {name}") on:click=move |_| a.delete(i, &n4)>"Delete"</button>
        </li>
    }
}

/// The text box that renames preset `name`: Enter or leaving it saves,
/// Escape cancels.
fn rename_box(a: Actions, i: usize, name: String) -> impl IntoView {
    let from = name.clone();
    let node = NodeRef::<leptos::html::Input>::new();
    node.on_load(|input| {
        let _ = input.focus();
        input.select();
    });
    view! {
        <input
            type="text"
            class="preset-new-name"
            node_ref=node
            maxlength="80"
            aria-label=format!("New name for {name}")
            prop:value=name
            on:keydown=move |ev| match ev.key().as_str() {
                "Enter" => {
                    ev.prevent_default();
                    a.rename(i, &from, &event_target_value(&ev));
                }
                "Escape" => {
                    ev.prevent_default();
                    a.renaming.set(None);
                    focus_soon(format!(".preset-list > li:nth-child({}) .rename-preset", i + 1));
                }
                _ => {}
            }
            on:blur=move |ev| {
                if a.renaming.with_untracked(Option::is_some) {
                    let from = a.renaming.get_untracked().unwrap_or_default();
                    a.rename(i, &from, &event_target_value(&ev));
                }
            }
        />
    }
}
