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

use super::deferred::{ViewFn, deferred};
use wasm_bindgen::JsCast;

use super::doc::DocState;
use super::editing::focus_soon;
use crate::persona::numbers::plural;
use crate::persona::variables::{Variable, syntax_name};

/// The region, when the document has variables (or names marked not to be).
#[component]
pub fn VariablesPanel(
    /// The document whose variables they are.
    doc: DocState,
) -> impl IntoView {
    deferred("Loading variables…", variables_code(), doc)
}

/// The code of [`VariablesPanel`], loaded after the first structure.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn variables_code() -> ViewFn<DocState> {
    variables_panel as ViewFn<DocState>
}

/// The panel itself.
fn variables_panel(doc: DocState) -> AnyView {
    ({
        let vars = doc.detected;
        let left = move || {
            let n = doc.prompt.with(|p| p.unfilled);
            if doc.variables.with(|v| v.template) {
                "Fill variables is off: the prompt shows the template".to_string()
            } else if n == 0 {
                "All variables filled".to_string()
            } else {
                format!("{n} variable{} not filled", plural(n))
            }
        };
        let not_variables = Memo::new(move |_| doc.variables.with(|v| v.not_variables.clone()));
        // Rebuilt when the variables change, and when a document is opened or
        // a step undone (it may bring other values), not at each value typed.
        let rows = move || {
            doc.replaced.track();
            let list = vars.get();
            // A card's lines are those of its rendering, not of its JSON.
            let lines = doc.persona.with_untracked(|p| p.text_is_source);
            doc.variables.with_untracked(|v| {
                list.iter()
                    .enumerate()
                    .map(|(i, var)| {
                        let value =
                            v.values.get(&var.name).or(var.default.as_ref()).cloned().unwrap_or_default();
                        row(i, var, value, lines)
                    })
                    .collect_view()
            })
        };
        let restore = move || {
            not_variables
            .get()
            .into_iter()
            .map(|n| view! { <button type="button" data-restore=n.clone()>{format!("Restore {n}")}</button> })
            .collect_view()
        };
        view! {
            <section
                class="variables"
                aria-labelledby="variables-title"
                hidden=move || vars.with(Vec::is_empty) && not_variables.with(Vec::is_empty)
                on:input=move |ev| on_input(doc, &ev)
                on:click=move |ev| on_click(doc, &ev)
            >
                <h3 id="variables-title">"Variables"</h3>
                <label class="switch">
                    <input
                        type="checkbox"
                        role="switch"
                        data-action="fill"
                        prop:checked=move || doc.variables.with(|v| !v.template)
                    />
                    "Fill variables"
                </label>
                <p role="status" class="status">{left}</p>
                <ul class="variable-list">{rows}</ul>
                <p class="not-variables">"Not variables: " {restore}</p>
            </section>
        }
    })
    .into_any()
}

/// One variable: its box, syntax, uses (with where: `lines` says whether
/// with line numbers) and "Not a variable".
/// The id of the box of the `i`th variable (the structure's unfilled
/// placeholders link to it).
#[must_use]
pub fn variable_box_id(i: usize) -> String {
    format!("variable-{i}")
}

fn row(i: usize, var: &Variable, value: String, lines: bool) -> impl IntoView + use<> {
    let id = variable_box_id(i);
    let token = var.token();
    let places: Vec<String> = var
        .places
        .iter()
        .map(|(line, text)| if lines { format!("line {line}: {text}") } else { text.clone() })
        .collect();
    let uses = format!("{} · {} use{}", syntax_name(var.syntax), var.count, plural(var.count));
    let named = format!("{token}: {uses}");
    view! {
        <li class="variable" data-name=var.name.clone()>
            <label for=id.clone() class="token">{token.clone()}</label>
            <input type="text" id=id value=value placeholder=var.hint.clone().unwrap_or_default() />
            <button type="button" data-action="ignore" aria-label=format!("Not a variable: {token}")>
                "Not a variable"
            </button>
            <details>
                // Named with its variable: every row has one.
                <summary aria-label=named>{uses}</summary>
                <p class="places">{places.join("\n")}</p>
            </details>
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
fn on_input(doc: DocState, ev: &web_sys::Event) {
    let Some((el, name)) = target_name(ev) else { return };
    let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() else { return };
    let value = input.value();
    doc.set_variables(|v| {
        v.values.insert(name, value);
    });
}

/// "Fill variables", "Not a variable" (focus goes to its "Restore"
/// button), or "Restore".
fn on_click(doc: DocState, ev: &web_sys::MouseEvent) {
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let action = el.get_attribute("data-action");
    if action.as_deref() == Some("fill") {
        let on = el.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(web_sys::HtmlInputElement::checked);
        doc.set_variables(|v| v.template = !on);
    } else if let Some(name) = el.get_attribute("data-restore") {
        doc.set_variables(|v| v.not_variables.retain(|n| *n != name));
        focus_soon(format!("[data-name=\"{name}\"] input"));
    } else if action.as_deref() == Some("ignore")
        && let Some((_, name)) = target_name(ev)
    {
        focus_soon(format!("[data-restore=\"{name}\"]"));
        // Its value stays, for when it is restored.
        doc.set_variables(|v| v.not_variables.push(name));
    }
}
