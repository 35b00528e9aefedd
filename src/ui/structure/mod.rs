//! The "Structure" region: the persona's name, dialect, metadata and
//! diagnostics, then its sections and blocks with a checkbox each.
//!
//! Everything is built as views from the model: text is always text, links
//! show their text and URL and are never clickable, and no HTML string from
//! the document ever reaches the DOM.
//!
//! Checkboxes read the selection reactively, so a toggle updates only the
//! checkboxes and the prompt, not the tree. Documents with more than
//! [`RENDER_BUDGET`] units render that many and offer "Show 500 more" and
//! "Show all"; past [`HARD_LIMIT`] units the view refuses with a
//! [`StructureError`], caught by the app's error boundary.

mod checkbox;
mod header;
mod inline;
mod progressive;

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use thiserror::Error;

use super::actions::UndoRedo;
use super::anchors::{heading_id, mark_id, unit_anchor};
use super::changes::{MarksFn, marks_code};
use super::deferred::deferred;
use super::doc::DocState;
use super::editing::{Draft, Editing, draft_editor, opens, row_extras};
use super::filter::{FilterBox, Found, PerParse};
use super::layout::Pane;
use super::prefs::KeyHint;
use super::sections::{FoldButtons, Sections, count, disclosure, outline_code, section_name};
use super::tokens::Tokens;
use super::toolbar::on_toolbar_key;
use super::view::{RENDER_BUDGET, ViewState};
use crate::persona::assemble::{item_units, section_units, units};
use crate::persona::changes::Mark;
use crate::persona::numbers::grouped;
use crate::persona::{
    Block, BlockKind, HeadingKind, Id, Inline, Item, Marker, MetaEntry, Node, Persona, Section,
};
use checkbox::{group_box, unit_box};
use header::{header, meta_rows};
use inline::{Marking, SHOWN_CHARS, follow_placeholder, marked, more, shown};
use progressive::{FIRST_FRAME_UNITS, Later, later_node};

/// Most units the structure will ever render.
pub const HARD_LIMIT: usize = 60_000;

/// Why the structure view cannot be shown.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum StructureError {
    /// More units than a page can show.
    #[error(
        "This document has {units} toggleable parts, more than the {limit} this view can show. The document and the prompt still work; trim it or split it to see its structure."
    )]
    TooLarge {
        /// Units in the document.
        units: usize,
        /// [`HARD_LIMIT`].
        limit: usize,
    },
}

/// The structure pane: the document's name and details, the controls
/// (selection, history, folds, filter), the outline, and the
/// tree. The controls are built once, so typing in the filter keeps focus
/// while the tree under it re-renders.
#[component]
pub fn StructurePane(
    /// The document.
    doc: DocState,
    /// How it is shown: filter, folds, editor, render budget.
    view: ViewState,
    /// The parts' costs.
    tokens: Tokens,
) -> impl IntoView {
    let (ed, filter, sections) = (view.editor, view.filter, view.folds);
    let empty = move || doc.persona.with(|p| p.text.trim().is_empty() && p.metadata.is_empty());
    // The marks are worked out once per document, not at each filter key,
    // once their code has loaded (a document as it was pasted has none).
    let marks = PerParse::default();
    let marks_fn: RwSignal<Option<MarksFn>> = RwSignal::new(None);
    // Once the first structure shows, the code of what a person does next
    // is asked for.
    let preloaded = StoredValue::new(false);
    Effect::new(move |_| {
        if !empty() && !preloaded.get_value() {
            preloaded.set_value(true);
            super::deferred::preload();
            filter.load();
            leptos::task::spawn_local(async move {
                let code = marks_code().await;
                let _ = marks_fn.try_set(Some(code));
            });
        }
    });
    // The placeholders of variables the prompt leaves unfilled; the tree
    // renders again when which ones changes, not at each value typed.
    let unfilled = Memo::new(move |_| {
        Arc::new(doc.detected.with(|vs| doc.variables.with(|v| crate::persona::variables::unfilled(vs, v))))
    });
    let tree = move || {
        let persona = doc.persona.get();
        let original = doc.original.get();
        let budget = view.budget.get();
        let found = filter.found.get();
        doc.reset_units();
        ed.reset_rows();
        // (A document as it was opened has none: not a reason to render
        // again when their code arrives.)
        let marks = if Arc::ptr_eq(&original, &persona) {
            Arc::default()
        } else if let Some(f) = marks_fn.get() {
            marks.get(&[Arc::clone(&original), Arc::clone(&persona)], || f(&original, &persona))
        } else {
            Arc::default()
        };
        let unfilled = unfilled.get();
        let shows = Shows {
            found: found.as_deref(),
            unfilled: &unfilled,
            sections: &sections,
            marks: &marks,
            tokens: &tokens,
        };
        let later = Later {
            persona: Arc::clone(&persona),
            found: found.clone(),
            unfilled: Arc::clone(&unfilled),
            marks: Arc::clone(&marks),
            doc,
            ed,
            sections,
            tokens,
            step: RwSignal::new(0),
            last: std::cell::Cell::new(0),
        };
        let tree = tree(doc, view, &persona, budget, shows, &later);
        later.run();
        tree
    };
    view! {
        <section
            class="pane structure"
            aria-label="Structure"
            id=Pane::Structure.id()
            role=move || view.layout.role()
            hidden=move || view.layout.hidden(Pane::Structure)
            on:click=move |ev| follow_placeholder(&ev, view.layout)
        >
            {move || header(&doc.persona.get())}
            <div class="controls" hidden=empty>
                <div class="toolbar" role="toolbar" aria-label="Structure tools" on:keydown=move |ev| on_toolbar_key(&ev)>
                    <div role="group" aria-label="Selection">
                        <button type="button" on:click=move |_| doc.select_all(true)>"Select all"</button>
                        <button type="button" on:click=move |_| doc.select_all(false)>"Select none"</button>
                    </div>
                    <div role="group" aria-label="History">
                        <UndoRedo doc />
                    </div>
                    <div role="group" aria-label="Sections">
                        <FoldButtons sections doc />
                    </div>
                    <button type="button" data-opens=opens(Draft::Section(None)) on:click=move |_| ed.open(Draft::Section(ed.focused_section()))>"Add section"</button>
                </div>
                <FilterBox filter doc />
                <KeyHint name="structure" about="the structure">"On a checkbox: F2 edits, Alt+Enter adds below, Alt+↑ and Alt+↓ move. / filters."</KeyHint>
            </div>
            // Its code comes after the first structure, in no space until then.
            <Show when=move || !empty()>{deferred("", outline_code(), (view, doc))}</Show>
            {tree}
        </section>
    }
}

/// What the tree shows beyond the document: the filter's matches, the
/// sections' folds and counts, and the marks against the original.
#[derive(Clone, Copy)]
struct Shows<'a> {
    found: Option<&'a Found>,
    /// Unfilled placeholders, with their boxes' indices.
    unfilled: &'a [(String, usize)],
    sections: &'a Sections,
    marks: &'a HashMap<Id, Mark>,
    tokens: &'a Tokens,
}

fn tree(
    doc: DocState,
    shown_by: ViewState,
    p: &Persona,
    budget: usize,
    view: Shows<'_>,
    later: &Later,
) -> Result<AnyView, StructureError> {
    let ed = &shown_by.editor;
    let total = units(p).len();
    if budget > HARD_LIMIT && total > HARD_LIMIT {
        return Err(StructureError::TooLarge { units: total, limit: HARD_LIMIT });
    }
    if p.text.trim().is_empty() && p.metadata.is_empty() {
        return Ok(().into_any());
    }
    let counter = Cell::new(0usize);
    let mut tree: Vec<AnyView> = Vec::new();
    let t = Tree {
        doc,
        counter: &counter,
        budget,
        section_meta: &p.section_metadata,
        ed,
        view,
        first: FIRST_FRAME_UNITS,
        later: Some(later),
    };
    let ed = *ed;
    if let (Some(title), Some(id)) = (&p.title, p.title_id())
        && t.shows(id)
    {
        counter.set(1);
        let label =
            Label { check: single_box(t, id), text: runs(t, &title.text), class: "title-text", group: false };
        tree.push(view! { <div class="block title">{row(t, id, label, false)}</div> }.into_any());
    }
    for (i, n) in p.nodes.iter().enumerate() {
        if counter.get() >= budget {
            break;
        }
        tree.push(node(t, n, &[i]));
    }
    // Under a filter the count is of the matches, which is what shows.
    let total = view.found.map_or(total, |f| f.matches.count());
    let rendered = counter.get().min(total);
    let more = (rendered < total).then(|| {
        let step = RENDER_BUDGET.min(total - rendered);
        view! {
            <p class="limit-note" role="note">
                {format!(
                    "Showing the first {} of {} parts to keep the page fast. ",
                    grouped(rendered),
                    grouped(total)
                )}
                <button type="button" on:click=move |_| shown_by.budget.update(|b| *b = b.saturating_add(step))>
                    {format!("Show {} more", grouped(step))}
                </button>
                " "
                <button type="button" on:click=move |_| shown_by.budget.set(usize::MAX)>
                    {format!("Show all {}", grouped(total))}
                </button>
            </p>
        }
    });
    Ok(view! {
        <div
            class="tree"
            on:keydown=move |ev| ed.on_keydown(&ev)
            on:focusin=move |ev| ed.on_focusin(&ev)
            on:pointerover=move |ev| ed.on_pointerover(&ev)
            on:pointerleave=move |_| ed.on_pointerleave()
            on:pointerdown=move |ev| ed.on_pointerdown(&ev)
            on:pointerup=move |_| ed.on_dragend()
            on:dragstart=move |ev| ed.on_dragstart(&ev)
            on:dragover=move |ev| ed.on_dragover(&ev)
            on:drop=move |ev| ed.on_drop(&ev)
            on:dragend=move |_| ed.on_dragend()
        >
            {tree}
            {draft_editor(ed, [Draft::Section(None)])}
        </div>
        {more}
    }
    .into_any())
}

/// The checkbox of a unit with nothing nested.
fn single_box(t: Tree<'_>, id: Id) -> AnyView {
    unit_box(t.doc, id, Arc::new([id]), Arc::new([]), t.is_marked(id))
}

/// `text`'s runs, with the filter's words marked.
fn runs(t: Tree<'_>, text: &Inline) -> Vec<AnyView> {
    inline::inline(text, Marking { found: t.view.found, unfilled: t.view.unfilled })
}

/// What the tree's views share while they are built.
#[derive(Clone, Copy)]
struct Tree<'a> {
    doc: DocState,
    /// Units rendered so far.
    counter: &'a Cell<usize>,
    /// Units to render at most.
    budget: usize,
    /// Sections' own metadata (a Roo Code mode's slug and groups).
    section_meta: &'a [(Id, Vec<MetaEntry>)],
    /// The editor and the rows' actions.
    ed: &'a Editing,
    /// Matches, folds and marks.
    view: Shows<'a>,
    /// Units to render in this frame; past them, nodes are left for
    /// `later` frames.
    first: usize,
    /// Where nodes left for later frames come from (`None` in a node that
    /// renders later itself).
    later: Option<&'a Later>,
}

impl Tree<'_> {
    /// Whether unit or node `id` shows (everything, without a filter).
    fn shows(self, id: Id) -> bool {
        self.view.found.is_none_or(|f| f.matches.shows(id))
    }

    /// Whether the structure offers "Add guideline" here: not past the
    /// units rendered, and not while a filter shows only some of them.
    fn adds(self) -> bool {
        self.view.found.is_none() && self.counter.get() < self.budget
    }

    /// Whether unit `id` differs from the original.
    fn is_marked(self, id: Id) -> bool {
        self.view.marks.contains_key(&id)
    }
}

/// What a row shows: its checkbox, its text (and the class of the text).
struct Label {
    check: AnyView,
    text: Vec<AnyView>,
    class: &'static str,
    /// Whether it heads a section with content, whose cost is "on of all"
    /// (and changes with the selection); a unit's own cost does not.
    group: bool,
}

/// A unit's row: its checkbox and text with its mark against the original,
/// then its actions while it has focus or the pointer, and its editor.
fn row(t: Tree<'_>, id: Id, label: Label, movable: bool) -> AnyView {
    // The id is what "Largest parts" links to.
    view! {
        <div class="row" id=unit_anchor(id) data-unit=id.to_string()>
            {row_label(t, id, label)}
            {row_extras(*t.ed, id, movable)}
        </div>
    }
    .into_any()
}

fn row_label(t: Tree<'_>, id: Id, label: Label) -> AnyView {
    let mark = t.view.marks.get(&id).map(|m| {
        let (class, text) = match m {
            Mark::Edited => ("mark edited", "edited"),
            Mark::Added => ("mark added", "added"),
            Mark::Moved => ("mark moved", "moved"),
        };
        view! { <span class=class id=mark_id(id)>{text}</span> }
    });
    // The mark describes the checkbox (`aria-describedby`) rather than
    // joining its name, which stays the unit's own text.
    // A section's heading text names its group.
    let text_id = (label.class == "heading-text").then(|| heading_id(id));
    let tokens = *t.view.tokens;
    // Outside the label, so the checkbox's name stays the unit's text.
    let group = label.group;
    let cost = move || if group { tokens.section_cost(id) } else { tokens.unit_cost(id) };
    view! {
        <label>{label.check}<span class=label.class id=text_id>{label.text}</span></label>
        {mark}
        {move || cost().map(|c| view! { <span class="cost">{c}<span class="sr-only">" tokens"</span></span> })}
    }
    .into_any()
}

/// A block that is one unit: its row, then what it shows below (a code
/// block's code, a table).
fn block_row(
    t: Tree<'_>,
    b: &Block,
    text: Vec<AnyView>,
    class: &'static str,
    below: Option<AnyView>,
) -> AnyView {
    let label = Label { check: single_box(t, b.id), text, class, group: false };
    view! { <div class=format!("block {}", b.kind.name())>{row(t, b.id, label, true)}{below}</div> }
        .into_any()
}

/// The "Add guideline" button at the end of a list or section, and the
/// editor it opens.
fn add_at_end(t: Tree<'_>, draft: Draft) -> AnyView {
    let ed = *t.ed;
    view! {
        {draft_editor(ed, [draft])}
        <button type="button" class="add-end" data-opens=opens(draft) on:click=move |_| ed.open(draft)>"Add guideline"</button>
    }
    .into_any()
}

/// Node `n` at `path` (indices from the top level), now or in a later
/// frame.
fn node(t: Tree<'_>, n: &Node, path: &[usize]) -> AnyView {
    if let Some(later) = t.later.filter(|_| t.counter.get() >= t.first) {
        return later_node(t, later, n, path);
    }
    match n {
        Node::Section(s) if t.shows(s.id) => section(t, s, path),
        Node::Block(b) if t.shows(b.id) => block(t, b),
        _ => ().into_any(),
    }
}

fn section(t: Tree<'_>, s: &Section, path: &[usize]) -> AnyView {
    let (doc, counter, budget) = (t.doc, t.counter, t.budget);
    let mut ids = Vec::new();
    section_units(s, &mut ids);
    let ids: Arc<[Id]> = ids.into();
    if s.children.is_empty() {
        counter.set(counter.get() + 1);
    }
    let heading = if s.heading.kind == HeadingKind::XmlTag {
        vec![format!("<{}>", s.heading.text.to_plain()).into_any()]
    } else {
        runs(t, &s.heading.text)
    };
    // A section with nothing under its heading reads as a heading (a class
    // from the model: a `:has()` rule costs a style check on every change
    // inside every section).
    let empty = if s.children.is_empty() { " empty" } else { "" };
    let level = format!("section level-{}{empty}", s.heading.level.clamp(1, 6));
    let mut children = Vec::new();
    let mut at = path.to_vec();
    for (i, c) in s.children.iter().enumerate() {
        if counter.get() >= budget {
            break;
        }
        at.push(i);
        children.push(node(t, c, &at));
        at.pop();
    }
    let own_meta = t.section_meta.iter().find(|(id, _)| *id == s.id).map(|(_, m)| {
        let label = format!("{} metadata", s.heading.text.to_plain().trim());
        view! { <dl class="meta section-meta" aria-label=label>{meta_rows(m)}</dl> }
    });
    let (id, folds) = (s.id, *t.view.sections);
    let described = t.is_marked(id).then(|| mark_id(id));
    let label = Label {
        check: group_box(doc, folds, id, ids, described),
        text: heading,
        class: "heading-text",
        group: !s.children.is_empty(),
    };
    let ends_in_list = matches!(s.children.last(), Some(Node::Block(Block { kind: BlockKind::List(_), .. })));
    let add = (!ends_in_list && t.adds()).then(|| add_at_end(t, Draft::EndOfSection(id)));
    let filtering = t.view.found.is_some();
    let fold = (!s.children.is_empty()).then(|| disclosure(folds, id, section_name(s), filtering));
    // The count shows while the section is collapsed (by its class).
    let count = (!s.children.is_empty()).then(|| count(folds, id));
    // The group is named by its heading alone (the legend also holds the
    // disclosure button and the count); the actions and the editor stay
    // outside the legend.
    let sid = id.to_string();
    view! {
        <fieldset
            class=level
            class:collapsed=move || !filtering && folds.is_collapsed(id)
            id=unit_anchor(id)
            aria-labelledby=heading_id(id)
        >
            <legend><div class="row" data-unit=sid.clone()>{fold}{row_label(t, id, label)}{count}</div></legend>
            <div class="row-extras" data-unit=sid>{row_extras(*t.ed, id, true)}</div>
            <div class="section-body">
                {own_meta}
                {children}
                {add}
            </div>
        </fieldset>
        {draft_editor(*t.ed, [Draft::Section(Some(id))])}
    }
    .into_any()
}

fn block(t: Tree<'_>, b: &Block) -> AnyView {
    let counter = t.counter;
    if let BlockKind::List(list) = &b.kind {
        let label = list.label.as_ref().map(|l| view! { <p class="list-label">{runs(t, &l.text)}</p> });
        let items = items(t, &list.items);
        let add = t.adds().then(|| add_at_end(t, Draft::EndOfList(b.id)));
        return view! { <div class="block list">{label}{items}{add}</div> }.into_any();
    }
    counter.set(counter.get() + 1);
    match &b.kind {
        BlockKind::Paragraph { text, .. } => block_row(t, b, runs(t, text), "", None),
        BlockKind::Quote { text, .. } => block_row(t, b, runs(t, text), "quote-text", None),
        BlockKind::Code { lang, code } => {
            let name = if lang.is_empty() { "Code block".to_string() } else { format!("Code block, {lang}") };
            let (part, hidden) = shown(code, SHOWN_CHARS);
            let (code_part, code_more) = (marked(part, t.view.found), more(hidden));
            let below = view! { <pre><code>{code_part}{code_more}</code></pre> }.into_any();
            block_row(t, b, vec![name.into_any()], "", Some(below))
        }
        BlockKind::Table { header, rows, .. } => {
            let name =
                format!("Table: {}", header.iter().map(Inline::to_plain).collect::<Vec<_>>().join(", "));
            let head = header.iter().map(|c| view! { <th scope="col">{runs(t, c)}</th> }).collect_view();
            let body = rows
                .iter()
                .map(|r| {
                    let cells = r.iter().map(|c| view! { <td>{runs(t, c)}</td> }).collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            let below = view! {
                <div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>
            }
            .into_any();
            block_row(t, b, vec![name.into_any()], "", Some(below))
        }
        BlockKind::Rule => block_row(t, b, vec!["Horizontal rule".into_any()], "", None),
        BlockKind::Html { raw } => {
            let below = view! { <pre>{raw.clone()}</pre> }.into_any();
            block_row(t, b, vec!["HTML block (shown as text)".into_any()], "", Some(below))
        }
        BlockKind::List(_) => ().into_any(),
    }
}

fn items(t: Tree<'_>, list: &[Item]) -> AnyView {
    let numbered = match list.first().map(|i| i.marker) {
        Some(Marker::Number(n)) => Some(n),
        _ => None,
    };
    let mut lis = Vec::new();
    for i in list {
        if t.counter.get() >= t.budget {
            break;
        }
        if t.shows(i.id) {
            lis.push(item(t, i));
        }
    }
    match numbered {
        Some(start) => view! { <ol start=start.to_string()>{lis}</ol> }.into_any(),
        None => view! { <ul>{lis}</ul> }.into_any(),
    }
}

fn item(t: Tree<'_>, i: &Item) -> AnyView {
    let doc = t.doc;
    let id = i.id;
    // Under a filter a parent item shown for context is not a match.
    if t.view.found.is_none_or(|f| f.matches.is_matched(id)) {
        t.counter.set(t.counter.get() + 1);
    }
    let mut all = Vec::new();
    item_units(i, &mut all);
    let all: Arc<[Id]> = all.into();
    let nested: Arc<[Id]> = all.iter().skip(1).copied().collect();
    let task = i.task.map(|done| if done { "[x] " } else { "[ ] " });
    let children = (!i.children.is_empty()).then(|| items(t, &i.children));
    let mut text = runs(t, &i.text);
    if let Some(task) = task {
        text.insert(0, task.into_any());
    }
    let label =
        Label { check: unit_box(doc, id, all, nested, t.is_marked(id)), text, class: "", group: false };
    view! { <li>{row(t, id, label, true)}{children}</li> }.into_any()
}
