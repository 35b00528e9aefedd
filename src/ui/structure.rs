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

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use thiserror::Error;

use super::actions::UndoRedo;
use super::editing::{Draft, Editing, draft_editor, opens, row_extras};
use super::filter::{Filter, FilterBox, Found, PerParse};
use super::sections::{FoldButtons, Sections, count, disclosure, outline, section_name};
use super::state::{AppState, RENDER_BUDGET};
use super::tokens::Tokens;
use crate::persona::assemble::{item_units, section_units, units};
use crate::persona::changes::{Mark, compare};
use crate::persona::find::{Query, highlights};
use crate::persona::model::marks;
use crate::persona::numbers::grouped;
use crate::persona::{
    Block, BlockKind, HeadingKind, Id, Inline, Item, Marker, MetaEntry, Node, Persona, Run, Section,
    Severity, Tri,
};

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
pub fn StructurePane() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ed = Editing::new(state);
    let filter = expect_context::<Filter>();
    let sections = expect_context::<Sections>();
    let tokens = expect_context::<Tokens>();
    let empty = move || state.persona.with(|p| p.text.trim().is_empty() && p.metadata.is_empty());
    // The marks are worked out once per document, not at each filter key.
    let marks = PerParse::default();
    let tree = move || {
        let persona = state.persona.get();
        let original = state.original.get();
        let budget = state.budget.get();
        let found = filter.found.get();
        state.reset_units();
        ed.reset_rows();
        let marks =
            marks.get(&[Arc::clone(&original), Arc::clone(&persona)], || compare(&original, &persona).marks);
        let view = View { found: found.as_deref(), sections: &sections, marks: &marks, tokens: &tokens };
        tree(state, &ed, &persona, budget, view)
    };
    view! {
        <section class="pane structure" aria-label="Structure">
            {move || header(&state.persona.get())}
            <div class="controls" hidden=empty>
                <div class="toolbar">
                    <div role="group" aria-label="Selection">
                        <button type="button" on:click=move |_| state.select_all(true)>"Select all"</button>
                        <button type="button" on:click=move |_| state.select_all(false)>"Select none"</button>
                    </div>
                    <div role="group" aria-label="History">
                        <UndoRedo />
                    </div>
                    <div role="group" aria-label="Sections">
                        <FoldButtons sections />
                    </div>
                    <button type="button" data-opens=opens(Draft::Section(None)) on:click=move |_| ed.open(Draft::Section(ed.focused_section()))>"Add section"</button>
                </div>
                <FilterBox filter />
                <p class="hint keys">"On a checkbox: F2 edits, Alt+Enter adds below, Alt+↑ and Alt+↓ move. / filters."</p>
            </div>
            {move || state.persona.with(|p| outline(state, sections, filter, p))}
            {tree}
        </section>
    }
}

/// The name, dialect, description, metadata and diagnostics (or, for an
/// empty document, what will show here).
fn header(p: &Persona) -> AnyView {
    if p.text.trim().is_empty() && p.metadata.is_empty() {
        return view! {
            <h2>"Structure"</h2>
            <p class="empty-hint">"The sections and guidelines of your document will show here."</p>
        }
        .into_any();
    }
    view! {
        <h2 class="persona-name">{p.display_name()}</h2>
        <p class="dialect">"Dialect: " <strong>{p.dialect.label()}</strong></p>
        {p.description.clone().map(|d| view! { <p class="description">{d}</p> })}
        {examples(p)}
        {metadata(p)}
        {diagnostics(p)}
    }
    .into_any()
}

/// What the tree shows beyond the document: the filter's matches, the
/// sections' folds and counts, and the marks against the original.
#[derive(Clone, Copy)]
struct View<'a> {
    found: Option<&'a Found>,
    sections: &'a Sections,
    marks: &'a HashMap<Id, Mark>,
    tokens: &'a Tokens,
}

fn tree(
    state: AppState,
    ed: &Editing,
    p: &Persona,
    budget: usize,
    view: View<'_>,
) -> Result<AnyView, StructureError> {
    let total = units(p).len();
    if budget > HARD_LIMIT && total > HARD_LIMIT {
        return Err(StructureError::TooLarge { units: total, limit: HARD_LIMIT });
    }
    if p.text.trim().is_empty() && p.metadata.is_empty() {
        return Ok(().into_any());
    }
    let counter = Cell::new(0usize);
    let mut tree: Vec<AnyView> = Vec::new();
    let t = Tree { state, counter: &counter, budget, section_meta: &p.section_metadata, ed, view };
    let ed = *ed;
    if let (Some(title), Some(id)) = (&p.title, p.title_id())
        && t.shows(id)
    {
        counter.set(1);
        let label = Label {
            check: single_box(t, id),
            text: inline(t, &title.text),
            class: "title-text",
            group: false,
        };
        tree.push(view! { <div class="block title">{row(t, id, label, false)}</div> }.into_any());
    }
    for n in &p.nodes {
        if counter.get() >= budget {
            break;
        }
        tree.push(node(t, n));
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
                <button type="button" on:click=move |_| state.budget.update(|b| *b = b.saturating_add(step))>
                    {format!("Show {} more", grouped(step))}
                </button>
                " "
                <button type="button" on:click=move |_| state.budget.set(usize::MAX)>
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

fn examples(p: &Persona) -> Option<impl IntoView + use<>> {
    (!p.examples.is_empty()).then(|| {
        let n = p.examples.len();
        let items =
            p.examples.iter().map(|e| view! { <pre class="example">{e.clone()}</pre> }).collect_view();
        view! {
            <details class="examples">
                <summary>{format!("Usage examples ({n})")}</summary>
                {items}
            </details>
        }
    })
}

fn metadata(p: &Persona) -> Option<impl IntoView + use<>> {
    // The description shows once, as the summary above (its usage examples
    // in their own list), not again among the keys.
    let shown_above = |key: &str| p.description.is_some() && key.eq_ignore_ascii_case("description");
    let rows: Vec<_> = p.metadata.iter().filter(|e| !shown_above(&e.key)).collect();
    (!rows.is_empty()).then(|| view! { <dl class="meta" aria-label="Metadata">{meta_rows(rows)}</dl> })
}

/// A `dt`/`dd` pair per entry.
fn meta_rows<'e>(entries: impl IntoIterator<Item = &'e MetaEntry>) -> AnyView {
    entries
        .into_iter()
        .map(|e| {
            view! {
                <dt>{e.key.clone()}</dt>
                <dd>{e.value.display()}</dd>
            }
        })
        .collect_view()
        .into_any()
}

fn diagnostics(p: &Persona) -> Option<impl IntoView + use<>> {
    (!p.diagnostics.is_empty()).then(|| {
        let items = p
            .diagnostics
            .iter()
            .map(|d| {
                let text = format!("Line {}, column {}: {}", d.line, d.column, d.message);
                let class = format!("diagnostic {}", d.severity.label());
                let role = (d.severity == Severity::Error).then_some("alert");
                // The alert role sits inside the list item, so the list
                // keeps its list semantics.
                view! {
                    <li class=class>
                        <div role=role>
                            <span class="severity">{d.severity.label()}</span>
                            " "
                            {text}
                        </div>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="diagnostics" aria-label="Diagnostics">{items}</ul> }
    })
}

/// Inline runs as elements: strong, em, code, s; links as text plus URL.
/// Characters of one text (a paragraph, an item, a code block) that the
/// structure shows; the rest is summarised, and is all in the prompt. A
/// 1 MB paragraph would otherwise cost seconds of layout.
pub const SHOWN_CHARS: usize = 2_000;

/// The first [`SHOWN_CHARS`] characters of `text` and how many are left.
fn shown(text: &str, budget: usize) -> (&str, usize) {
    match text.char_indices().nth(budget) {
        Some((i, _)) => {
            let rest = text.get(i..).unwrap_or("");
            (text.get(..i).unwrap_or(""), rest.chars().count())
        }
        None => (text, 0),
    }
}

fn more(hidden: usize) -> Option<AnyView> {
    (hidden > 0).then(|| {
        view! { <span class="more">{format!(" … and {} more characters, all in the prompt", grouped(hidden))}</span> }
            .into_any()
    })
}

fn run_view(run: &Run, text: &str, query: Option<&Query>) -> AnyView {
    let mut v: AnyView = marked(text, query);
    if run.marks & marks::CODE != 0 {
        v = view! { <code>{v}</code> }.into_any();
    }
    if run.marks & marks::STRONG != 0 {
        v = view! { <strong>{v}</strong> }.into_any();
    }
    if run.marks & marks::EMPH != 0 {
        v = view! { <em>{v}</em> }.into_any();
    }
    if run.marks & marks::STRIKE != 0 {
        v = view! { <s>{v}</s> }.into_any();
    }
    match &run.href {
        Some(href) if !href.is_empty() => view! {
            <span class="link">{v}<span class="link-url">{format!(" ({href})")}</span></span>
        }
        .into_any(),
        _ => v,
    }
}

/// `text` with the words `query` finds in `<mark>`.
fn marked(text: &str, query: Option<&Query>) -> AnyView {
    let ranges = query.map(|q| highlights(text, q)).unwrap_or_default();
    if ranges.is_empty() {
        return text.to_string().into_any();
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        out.push(text.get(at..r.start).unwrap_or("").to_string().into_any());
        out.push(view! { <mark>{text.get(r.clone()).unwrap_or("").to_string()}</mark> }.into_any());
        at = r.end;
    }
    out.push(text.get(at..).unwrap_or("").to_string().into_any());
    out.into_any()
}

fn inline(t: Tree<'_>, text: &Inline) -> Vec<AnyView> {
    let query = t.view.found.map(|f| &f.query);
    let mut left = SHOWN_CHARS;
    let mut hidden = 0;
    let mut out = Vec::with_capacity(text.runs().len());
    for run in text.runs() {
        if left == 0 {
            hidden += run.text.chars().count();
            continue;
        }
        let (part, rest) = shown(&run.text, left);
        left = left.saturating_sub(part.chars().count());
        hidden += rest;
        out.push(run_view(run, part, query));
    }
    out.extend(more(hidden));
    out
}

/// A checkbox bound to unit `id`: it switches `set` (the unit, and for a
/// list item its nested items too) and shows mixed while the unit is off
/// and some of `nested` are on.
fn unit_box(state: AppState, id: Id, set: Arc<[Id]>, nested: Arc<[Id]>, marked: bool) -> AnyView {
    view! {
        <input
            type="checkbox"
            aria-describedby=marked.then(|| mark_id(id))
            prop:checked=move || state.is_selected(id)
            prop:indeterminate=move || !state.is_selected(id) && nested.iter().any(|&n| state.is_selected(n))
            on:change=move |ev| state.set_units(&set, event_target_checked(&ev))
        />
    }
    .into_any()
}

/// The checkbox of a unit with nothing nested.
fn single_box(t: Tree<'_>, id: Id) -> AnyView {
    unit_box(t.state, id, Arc::new([id]), Arc::new([]), t.is_marked(id))
}

/// A tri-state checkbox over section `id`, whose units are `ids`; its
/// state is the section's count, worked out once per selection for all
/// sections ([`Sections`]).
fn group_box(state: AppState, folds: Sections, id: Id, ids: Arc<[Id]>, described: Option<String>) -> AnyView {
    view! {
        <input
            type="checkbox"
            aria-describedby=described
            prop:checked=move || folds.tri(id) == Tri::All
            prop:indeterminate=move || folds.tri(id) == Tri::Some
            on:change=move |ev| state.set_units(&ids, event_target_checked(&ev))
        />
    }
    .into_any()
}

/// What the tree's views share while they are built.
#[derive(Clone, Copy)]
struct Tree<'a> {
    state: AppState,
    /// Units rendered so far.
    counter: &'a Cell<usize>,
    /// Units to render at most.
    budget: usize,
    /// Sections' own metadata (a Roo Code mode's slug and groups).
    section_meta: &'a [(Id, Vec<MetaEntry>)],
    /// The editor and the rows' actions.
    ed: &'a Editing,
    /// Matches, folds and marks.
    view: View<'a>,
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

/// The element id of section `id`'s heading text (which names its group).
fn heading_id(id: Id) -> String {
    format!("heading-{id}")
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
        <div class="row" id=format!("unit-{id}") data-unit=id.to_string()>
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

/// The element id of unit `id`'s mark.
fn mark_id(id: Id) -> String {
    format!("mark-{id}")
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

fn node(t: Tree<'_>, n: &Node) -> AnyView {
    match n {
        Node::Section(s) if t.shows(s.id) => section(t, s),
        Node::Block(b) if t.shows(b.id) => block(t, b),
        _ => ().into_any(),
    }
}

fn section(t: Tree<'_>, s: &Section) -> AnyView {
    let (state, counter, budget) = (t.state, t.counter, t.budget);
    let mut ids = Vec::new();
    section_units(s, &mut ids);
    let ids: Arc<[Id]> = ids.into();
    if s.children.is_empty() {
        counter.set(counter.get() + 1);
    }
    let heading = if s.heading.kind == HeadingKind::XmlTag {
        vec![format!("<{}>", s.heading.text.to_plain()).into_any()]
    } else {
        inline(t, &s.heading.text)
    };
    // A section with nothing under its heading reads as a heading (a class
    // from the model: a `:has()` rule costs a style check on every change
    // inside every section).
    let empty = if s.children.is_empty() { " empty" } else { "" };
    let level = format!("section level-{}{empty}", s.heading.level.clamp(1, 6));
    let mut children = Vec::new();
    for c in &s.children {
        if counter.get() >= budget {
            break;
        }
        children.push(node(t, c));
    }
    let own_meta = t.section_meta.iter().find(|(id, _)| *id == s.id).map(|(_, m)| {
        let label = format!("{} metadata", s.heading.text.to_plain().trim());
        view! { <dl class="meta section-meta" aria-label=label>{meta_rows(m)}</dl> }
    });
    let (id, folds) = (s.id, *t.view.sections);
    let described = t.is_marked(id).then(|| mark_id(id));
    let label = Label {
        check: group_box(state, folds, id, ids, described),
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
            id=format!("unit-{id}")
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
        let label = list.label.as_ref().map(|l| view! { <p class="list-label">{inline(t, &l.text)}</p> });
        let items = items(t, &list.items);
        let add = t.adds().then(|| add_at_end(t, Draft::EndOfList(b.id)));
        return view! { <div class="block list">{label}{items}{add}</div> }.into_any();
    }
    counter.set(counter.get() + 1);
    match &b.kind {
        BlockKind::Paragraph { text, .. } => block_row(t, b, inline(t, text), "", None),
        BlockKind::Quote { text, .. } => block_row(t, b, inline(t, text), "quote-text", None),
        BlockKind::Code { lang, code } => {
            let name = if lang.is_empty() { "Code block".to_string() } else { format!("Code block, {lang}") };
            let (part, hidden) = shown(code, SHOWN_CHARS);
            let (code_part, code_more) = (marked(part, t.view.found.map(|f| &f.query)), more(hidden));
            let below = view! { <pre><code>{code_part}{code_more}</code></pre> }.into_any();
            block_row(t, b, vec![name.into_any()], "", Some(below))
        }
        BlockKind::Table { header, rows, .. } => {
            let name =
                format!("Table: {}", header.iter().map(Inline::to_plain).collect::<Vec<_>>().join(", "));
            let head = header.iter().map(|c| view! { <th scope="col">{inline(t, c)}</th> }).collect_view();
            let body = rows
                .iter()
                .map(|r| {
                    let cells = r.iter().map(|c| view! { <td>{inline(t, c)}</td> }).collect_view();
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
    let state = t.state;
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
    let mut text = inline(t, &i.text);
    if let Some(task) = task {
        text.insert(0, task.into_any());
    }
    let label =
        Label { check: unit_box(state, id, all, nested, t.is_marked(id)), text, class: "", group: false };
    view! { <li>{row(t, id, label, true)}{children}</li> }.into_any()
}
