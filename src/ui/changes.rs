//! The "Changes" region: the custom prompt against the original document,
//! word by word (removed text in `del`, added or edited text in `ins`),
//! a one-line summary, and **Revert to original**.
//!
//! The comparison is made by [`crate::persona::changes`] and only while
//! the region is shown.

use leptos::prelude::*;

use super::deferred::{ViewFn, deferred};
use super::doc::DocState;
use std::collections::HashMap;

use crate::persona::changes::{Kind, Mark, Piece, compare, summary, word_diff};
use crate::persona::{Id, Persona, Selection, assemble};

/// The region's element id (the button controls it).
pub const CHANGES_ID: &str = "changes";

/// Characters of unchanged text shown on each side of a change; the rest
/// of a long unchanged run is summarised.
const CONTEXT: usize = 160;

/// The **Changes** button, beside the prompt's title.
#[component]
pub fn ChangesButton(
    /// Whether the region is shown.
    shown: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            aria-expanded=move || if shown.get() { "true" } else { "false" }
            aria-controls=CHANGES_ID
            on:click=move |_| shown.update(|s| *s = !*s)
        >
            "Changes"
        </button>
    }
}

/// The comparison shown in the region.
struct Shown {
    summary: String,
    pieces: Vec<Piece>,
}

fn compute(doc: DocState) -> Shown {
    let style = doc.style.get();
    let current = doc.persona.get();
    // The prompt as assembled, its variables as written: values are not
    // changes to the document.
    let prompt = doc.selection.with(|s| assemble(&current, s, style));
    let original = doc.original.get();
    let old_prompt = assemble(&original, &Selection::all(), style);
    let comparison = compare(&original, &current);
    let summary = doc.selection.with(|s| summary(&comparison, &current, s, &old_prompt, &prompt));
    Shown { summary, pieces: word_diff(&old_prompt, &prompt) }
}

/// A long unchanged run, cut to its ends between words.
fn same_text(text: &str, first: bool, last: bool) -> String {
    crate::persona::changes::abridge(text, CONTEXT, first, last)
}

fn piece_view(p: &Piece, first: bool, last: bool) -> AnyView {
    match p.kind {
        Kind::Same => view! { <span>{same_text(&p.text, first, last)}</span> }.into_any(),
        Kind::Removed => view! { <del>{p.text.clone()}</del> }.into_any(),
        Kind::Added => view! { <ins>{p.text.clone()}</ins> }.into_any(),
    }
}

/// The **Changes** region, while shown: its code loads the first time it
/// is needed (with the comparison's), and says so meanwhile.
#[component]
pub fn ChangesRegion(
    /// Whether the region is shown.
    shown: RwSignal<bool>,
    /// The document.
    doc: DocState,
) -> impl IntoView {
    move || shown.get().then(|| deferred("Loading Changes…", changes_code(), doc))
}

/// The Changes region's code.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn changes_code() -> ViewFn<DocState> {
    changes_view as ViewFn<DocState>
}

/// How each unit differs from the original (edited, added, moved): the
/// structure's marks.
pub type MarksFn = fn(&Persona, &Persona) -> HashMap<Id, Mark>;

/// The code of the structure's marks against the original, loaded after
/// the first structure (a document just pasted has none).
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn marks_code() -> MarksFn {
    (|original: &Persona, now: &Persona| compare(original, now).marks) as MarksFn
}

/// The region's content: the summary, the comparison and Revert.
fn changes_view(doc: DocState) -> AnyView {
    let changed = move || doc.work.with(crate::library::Work::is_changed);
    (move || {
        let c = compute(doc);
        let n = c.pieces.len();
        let diff = c.pieces.iter().enumerate().map(|(i, p)| piece_view(p, i == 0, i + 1 == n)).collect_view();
        view! {
            <section id=CHANGES_ID class="changes" role="region" aria-label="Changes">
                <p class="summary" role="status">{c.summary}</p>
                <div class="diff">{diff}</div>
                <button type="button" prop:disabled=move || !changed() on:click=move |_| doc.revert()>
                    "Revert to original"
                </button>
            </section>
        }
    })
    .into_any()
}
