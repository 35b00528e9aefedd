//! The **"Variables"** region of the prompt pane: each distinct variable of
//! the document once, in order of first use, with a text box named by its
//! placeholder (`{{char}}`), prefilled with its default; its syntax; how
//! many times it occurs, which opens the places it occurs; and **Not a
//! variable**. The switch **Fill variables** shows the template instead,
//! and a status line says how many variables the prompt leaves unfilled.
//! What is detected, and how values fill the prompt, is
//! [`crate::persona::variables`].
//!
//! Kept small on purpose (every view and handler type is wasm code on the
//! first load): the rows are plain elements, rebuilt only when the list of
//! variables changes (not at each value typed), with one input and one
//! click handler for them all.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::editing::focus_soon;
use super::state::{AppState, Detected};
use crate::persona::stats::plural;
use crate::persona::variables::{Variable, syntax_name};

/// The region, when the document has variables (or names marked not to be).
#[component]
pub fn VariablesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let Detected(vars) = expect_context::<Detected>();
    let left = move || {
        let n = state.prompt.with(|p| p.unfilled);
        if n == 0 {
            "All variables filled".to_string()
        } else {
            format!("{n} variable{} not filled", plural(n))
        }
    };
    let not_variables = Memo::new(move |_| state.variables.with(|v| v.not_variables.clone()));
    move || {
        // Rebuilt when the variables change, and at each step (an undo or
        // an opened document may bring other values), not at each value typed.
        state.revision.track();
        let list = vars.get();
        let ignored = not_variables.get();
        (!list.is_empty() || !ignored.is_empty()).then(move || {
            let rows = state.variables.with_untracked(|v| {
                list.iter()
                    .enumerate()
                    .map(|(i, var)| {
                        let value =
                            v.values.get(&var.name).or(var.default.as_ref()).cloned().unwrap_or_default();
                        row(i, var, value)
                    })
                    .collect_view()
            });
            view! {
                <section class="variables" aria-labelledby="variables-title">
                    <h3 id="variables-title">"Variables"</h3>
                    <label class="switch">
                        <input
                            type="checkbox"
                            role="switch"
                            prop:checked=move || state.variables.with(|v| !v.template)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                state.set_variables(|v| v.template = !on);
                            }
                        />
                        "Fill variables"
                    </label>
                    <p role="status" class="status">{left}</p>
                    <ul
                        class="variable-list"
                        on:input=move |ev| on_input(state, &ev)
                        on:click=move |ev| on_click(state, &ev)
                    >
                        {rows}
                    </ul>
                    {(!ignored.is_empty()).then(|| view! {
                        <p class="not-variables" on:click=move |ev| on_click(state, &ev)>
                            "Not variables: "
                            {ignored.into_iter().map(|n| view! {
                                <button type="button" data-restore=n.clone()>{format!("Restore {n}")}</button>
                            }).collect_view()}
                        </p>
                    })}
                </section>
            }
        })
    }
}

/// One variable: its box, syntax, uses (with where) and "Not a variable".
fn row(i: usize, var: &Variable, value: String) -> impl IntoView + use<> {
    let id = format!("variable-{i}");
    let token = var.token();
    let places = var
        .places
        .iter()
        .map(|(line, text)| view! { <li>{format!("line {line}: {text}")}</li> })
        .collect_view();
    view! {
        <li class="variable" data-name=var.name.clone()>
            <label for=id.clone()><code>{token.clone()}</code></label>
            <input type="text" id=id value=value placeholder=var.hint.clone().unwrap_or_default() />
            <span class="syntax">{syntax_name(var.syntax)}</span>
            <details>
                <summary>{format!("{} use{}", var.count, plural(var.count))}</summary>
                <ul class="places">{places}</ul>
            </details>
            <button type="button" data-action="ignore" aria-label=format!("Not a variable: {token}")>
                "Not a variable"
            </button>
        </li>
    }
}

/// The element an event happened on, and the variable name of its row.
fn target_name(ev: &web_sys::Event) -> Option<(web_sys::Element, String)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let name = el.closest("[data-name]").ok()??.get_attribute("data-name")?;
    Some((el, name))
}

/// A value typed: the prompt fills it at once.
fn on_input(state: AppState, ev: &web_sys::Event) {
    let Some((el, name)) = target_name(ev) else { return };
    let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() else { return };
    let value = input.value();
    state.set_variables(|v| {
        v.values.insert(name, value);
    });
}

/// "Not a variable" (focus goes to its "Restore" button), or "Restore".
fn on_click(state: AppState, ev: &web_sys::MouseEvent) {
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    if let Some(name) = el.get_attribute("data-restore") {
        state.set_variables(|v| v.not_variables.retain(|n| *n != name));
        focus_soon(format!("[data-name=\"{name}\"] input"));
    } else if el.get_attribute("data-action").as_deref() == Some("ignore")
        && let Some((_, name)) = target_name(ev)
    {
        focus_soon(format!("[data-restore=\"{name}\"]"));
        state.set_variables(|v| {
            v.values.remove(&name);
            v.not_variables.push(name);
        });
    }
}
