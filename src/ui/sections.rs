//! Sections as a person finds their way through them: each can be
//! collapsed and expanded (a disclosure button with `aria-expanded`, and
//! **Collapse all** / **Expand all**), a collapsed one says how much of it
//! is on, and a long document gets an **Outline** whose links move focus
//! to a section.
//!
//! Which sections are collapsed is view state: it is not saved, and a new
//! parse keeps it for the ids that are still there.

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::anchors::{unit_href, unit_row};
use super::deferred::ViewFn;
use super::doc::DocState;
use super::editing::focus_unit_soon;
use super::filter::{ByPtr, Found};
use super::prefs::{remember, remembered};
use super::view::ViewState;
use crate::persona::counts::{Count, SectionCounts, section_counts};
use crate::persona::numbers::grouped;
use crate::persona::order::{self, Unit};
use crate::persona::{Id, Node, Persona, Section, Tri};

/// Sections a document needs before it gets an outline (about a screenful
/// of headings).
pub const OUTLINE_MIN_SECTIONS: usize = 8;

/// Most entries the outline lists (a long document's first sections; the
/// filter finds the rest). Each entry is a link and a live count.
pub const OUTLINE_MAX: usize = 300;

/// The sections' view state: which are collapsed, and how much of each is
/// on. `Copy`, so views can capture it.
#[derive(Clone, Copy)]
pub struct Sections {
    collapsed: RwSignal<HashSet<Id>>,
    counts: Memo<ByPtr<SectionCounts>>,
}

impl Sections {
    /// The sections of `doc`.
    #[must_use]
    pub fn new(doc: DocState) -> Self {
        let counts = Memo::new(move |_| {
            ByPtr(Arc::new(doc.persona.with(|p| doc.selection.with(|s| section_counts(p, s)))))
        });
        Self { collapsed: RwSignal::new(HashSet::new()), counts }
    }

    /// Whether section `id` is collapsed (reactive).
    pub fn is_collapsed(self, id: Id) -> bool {
        self.collapsed.with(|c| c.contains(&id))
    }

    /// Collapses or expands section `id`.
    pub fn toggle(self, id: Id) {
        self.collapsed.update(|c| {
            if !c.remove(&id) {
                c.insert(id);
            }
        });
    }

    /// Collapses every section of `p`, or expands them all.
    pub fn set_all(self, p: &Persona, collapsed: bool) {
        let ids = if collapsed { section_ids(p).into_iter().collect() } else { HashSet::new() };
        self.collapsed.set(ids);
    }

    /// Expands `ids` (the sections holding something to show).
    fn expand(self, ids: &[Id]) {
        if self.collapsed.with_untracked(|c| ids.iter().any(|id| c.contains(id))) {
            self.collapsed.update(|c| c.retain(|id| !ids.contains(id)));
        }
    }

    /// How much of section `id` is on (reactive).
    pub fn count(self, id: Id) -> Count {
        self.counts.with(|c| c.get(id).unwrap_or_default())
    }

    /// All, some or none of section `id` on (reactive).
    pub fn tri(self, id: Id) -> Tri {
        self.count(id).state()
    }
}

/// A section's name for its disclosure button and outline entry: its
/// heading's text, or "(untitled section)".
#[must_use]
pub fn section_name(s: &Section) -> String {
    let name = s.heading.text.to_plain();
    if name.trim().is_empty() { "(untitled section)".to_string() } else { name }
}

/// "8 of 12 on": a section's count.
#[must_use]
pub fn count_text(c: Count) -> String {
    format!("{} of {} on", grouped(c.on), grouped(c.total))
}

/// The ids of every section of `p`, in document order.
fn section_ids(p: &Persona) -> Vec<Id> {
    let mut out = Vec::new();
    order::walk(p, &mut |u, _| {
        if let Unit::Section(s) = u {
            out.push(s.id);
        }
    });
    out
}

/// A section's disclosure button: named by its heading, `aria-expanded`
/// saying whether its content shows (the arrow is drawn from it by CSS).
pub fn disclosure(sections: Sections, id: Id, heading: String, filtering: bool) -> impl IntoView {
    // While a filter is active every section shows what matches in it.
    view! {
        <button
            type="button"
            class="fold"
            aria-label=heading
            aria-expanded=move || if filtering || !sections.is_collapsed(id) { "true" } else { "false" }
            disabled=filtering
            on:click=move |_| sections.toggle(id)
        />
    }
}

/// A section's count ("8 of 12 on"), kept current.
pub fn count(sections: Sections, id: Id) -> impl IntoView {
    view! { <span class="count">{move || count_text(sections.count(id))}</span> }
}

/// **Collapse all** and **Expand all**.
#[component]
pub fn FoldButtons(
    /// The sections.
    sections: Sections,
    /// The document they are of.
    doc: DocState,
) -> impl IntoView {
    let set = move |collapsed: bool| doc.persona.with_untracked(|p| sections.set_all(p, collapsed));
    view! {
        <button type="button" on:click=move |_| set(true)>"Collapse all"</button>
        <button type="button" on:click=move |_| set(false)>"Expand all"</button>
    }
}

/// The Outline's code, loaded after the first structure (it is closed at
/// first, and only documents of eight sections or more have one).
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn outline_code() -> ViewFn<(ViewState, DocState)> {
    outline_view as ViewFn<(ViewState, DocState)>
}

/// The Outline of the open document, following it and the filter.
fn outline_view((view, doc): (ViewState, DocState)) -> AnyView {
    (move || doc.persona.with(|p| view.filter.found.with(|f| outline(view, p, f.as_deref())))).into_any()
}

/// The outline of a document with many sections: a link per section with
/// its on/total count; choosing one moves focus to the section.
///
/// Closed at first, then as the person left it; while a filter is on, it
/// lists only the sections with matches.
fn outline(view: ViewState, p: &Persona, found: Option<&Found>) -> Option<AnyView> {
    let total = section_ids(p).len();
    if total < OUTLINE_MIN_SECTIONS {
        return None;
    }
    let go = Go { to: Jump { view }, left: &Cell::new(OUTLINE_MAX), found };
    // While a filter finds nothing, there is nothing to outline.
    let list = entries(go, &p.nodes, &[])?;
    let rest = total.saturating_sub(OUTLINE_MAX);
    let more = (rest > 0).then(|| {
        view! { <p class="more">{format!("… and {} more sections: Filter guidelines finds them.", grouped(rest))}</p> }
    });
    Some(
        view! {
            <nav class="outline" aria-label="Outline">
                <details prop:open=remembered(OUTLINE_OPEN).unwrap_or(false) on:toggle=move |ev| on_outline_toggle(&ev)>
                    <summary>{if found.is_some() { "Outline of the matches" } else { "Outline" }}</summary>
                    {list}
                    {more}
                </details>
            </nav>
        }
        .into_any(),
    )
}

/// What the outline's entries need: what choosing one needs, and how many
/// more entries it may list.
#[derive(Clone, Copy)]
struct Go<'a> {
    to: Jump,
    left: &'a Cell<usize>,
    /// The filter's matches, while it is on.
    found: Option<&'a Found>,
}

/// The outline's open state in the view preferences.
const OUTLINE_OPEN: &str = "open/outline";

fn on_outline_toggle(ev: &leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
        remember(OUTLINE_OPEN, d.open());
    }
}

/// What a link to a part of the structure needs to show it: the outline
/// entries' and the "Largest parts" links.
#[derive(Clone, Copy)]
pub struct Jump {
    view: ViewState,
}

impl Jump {
    /// Through `view`'s folds, filter and render budget.
    #[must_use]
    pub fn new(view: ViewState) -> Self {
        Jump { view }
    }

    /// Shows unit or section `id`, inside the sections `path` (outermost
    /// first; for a section, itself last), and moves focus to it.
    pub fn to(self, id: Id, path: &[Id]) {
        jump(self, id, path);
    }
}

/// The outline entries of the sections among `nodes`, under `path`.
fn entries(go: Go<'_>, nodes: &[Node], path: &[Id]) -> Option<AnyView> {
    let mut items: Vec<AnyView> = Vec::new();
    for s in nodes.iter().filter_map(|n| match n {
        Node::Section(s) => Some(s),
        Node::Block(_) => None,
    }) {
        if go.found.is_some_and(|f| !f.matches.shows(s.id)) {
            continue;
        }
        if go.left.get() == 0 {
            break;
        }
        go.left.set(go.left.get() - 1);
        items.push(entry(go, s, path));
    }
    (!items.is_empty()).then(|| view! { <ol>{items}</ol> }.into_any())
}

fn entry(go: Go<'_>, s: &Section, path: &[Id]) -> AnyView {
    let id = s.id;
    let mut inner: Vec<Id> = path.to_vec();
    inner.push(id);
    let nested = entries(go, &s.children, &inner);
    let path: Arc<[Id]> = inner.into();
    let to = go.to;
    let name = section_name(s);
    view! {
        <li>
            <a
                href=unit_href(id)
                on:click=move |ev| {
                    ev.prevent_default();
                    jump(to, id, &path);
                }
            >
                {name}
            </a>
            " "
            {count(go.to.view.folds, id)}
            {nested}
        </li>
    }
    .into_any()
}

/// Shows unit or section `id` (expanding it and the sections around it, clearing
/// a filter that hides it, rendering the whole structure if it is past
/// the part shown) and moves focus to its checkbox.
fn jump(go: Jump, id: Id, path: &[Id]) {
    let view = go.view;
    view.folds.expand(path);
    if view.filter.found.with_untracked(|f| f.as_ref().is_some_and(|f| !f.matches.shows(id))) {
        view.filter.clear();
    }
    // Once the structure shows what the steps above asked for.
    request_animation_frame(move || {
        if !rendered(id) {
            view.budget.set(usize::MAX);
        }
        focus_unit_soon(id);
    });
}

/// Whether the structure shows unit `id` now.
fn rendered(id: Id) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&unit_row(id)).ok().flatten())
        .is_some()
}
