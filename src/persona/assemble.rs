//! Selections and prompt assembly.
//!
//! A [`Selection`] stores the ids a person switched *off*, so that anything
//! new (typed in, or changed) starts selected, and ids that vanish while
//! typing come back switched off when their text returns.
//!
//! Toggleable units are the title, every block except lists, every list item,
//! and sections without content. Emission rules:
//! - an item is emitted when it is selected or any nested item is (so a
//!   selected nested item keeps the parent line it hangs under);
//! - a list, with its label, when any item is emitted;
//! - a section, with its heading, when anything inside it is emitted;
//! - the title, when selected and anything else is emitted.
//!
//! [`Style::Original`] copies the emitted nodes' bytes verbatim, relying on
//! the tiling of spans; [`Style::Clean`] writes normalised Markdown.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::mdwrite::fenced;
use super::model::{Block, BlockKind, HeadingKind, Id, Item, Marker, Node, Persona, Section};
use super::order::{self, Unit};
use super::text::{Span, slice};

/// The ids switched off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    excluded: BTreeSet<Id>,
}

/// Whether all, some or none of a group is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    /// Every unit selected.
    All,
    /// Some selected, some not.
    Some,
    /// Nothing selected.
    None,
}

impl Selection {
    /// Everything selected.
    #[must_use]
    pub fn all() -> Self {
        Self::default()
    }

    /// Nothing of `persona` selected.
    #[must_use]
    pub fn none(persona: &Persona) -> Self {
        Self { excluded: units(persona).into_iter().collect() }
    }

    /// A selection with exactly these ids switched off.
    pub fn from_excluded(ids: impl IntoIterator<Item = Id>) -> Self {
        Self { excluded: ids.into_iter().collect() }
    }

    /// Whether `id` is selected.
    #[must_use]
    pub fn is_selected(&self, id: Id) -> bool {
        !self.excluded.contains(&id)
    }

    /// Switches `id` on or off.
    pub fn set(&mut self, id: Id, on: bool) {
        if on {
            self.excluded.remove(&id);
        } else {
            self.excluded.insert(id);
        }
    }

    /// Switches many ids on or off.
    pub fn set_many(&mut self, ids: impl IntoIterator<Item = Id>, on: bool) {
        for id in ids {
            self.set(id, on);
        }
    }

    /// The ids switched off, in order.
    pub fn excluded(&self) -> impl Iterator<Item = Id> + '_ {
        self.excluded.iter().copied()
    }

    /// Whether everything is selected.
    #[must_use]
    pub fn is_all(&self) -> bool {
        self.excluded.is_empty()
    }

    /// Drops switched-off ids that `persona` no longer has.
    pub fn retain_known(&mut self, persona: &Persona) {
        let known: BTreeSet<Id> = units(persona).into_iter().collect();
        self.excluded.retain(|id| known.contains(id));
    }

    /// How much of `ids` is selected.
    #[must_use]
    pub fn state(&self, ids: &[Id]) -> Tri {
        let on = ids.iter().filter(|id| self.is_selected(**id)).count();
        if ids.is_empty() || on == ids.len() {
            Tri::All
        } else if on == 0 {
            Tri::None
        } else {
            Tri::Some
        }
    }
}

/// How a prompt is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// The selected parts' source text, verbatim.
    #[default]
    Original,
    /// Normalised Markdown: ATX headings, `- ` bullets, web-copy repairs.
    Clean,
}

/// Every toggleable unit of `persona`, in document order.
#[must_use]
pub fn units(persona: &Persona) -> Vec<Id> {
    let mut out = Vec::new();
    order::walk(persona, &mut |u, _| out.extend(toggle(u)));
    out
}

/// The units under one node (for a section: everything inside it).
pub fn node_units(node: &Node, out: &mut Vec<Id>) {
    order::node(node, 0, &mut |u, _| out.extend(toggle(u)));
}

/// The units inside a section; a section without content is its own unit.
pub fn section_units(s: &Section, out: &mut Vec<Id>) {
    order::section(s, 0, &mut |u, _| out.extend(toggle(u)));
}

/// The units of a block: itself, or for lists every item.
pub fn block_units(b: &Block, out: &mut Vec<Id>) {
    order::block(b, 0, &mut |u, _| out.extend(toggle(u)));
}

/// An item and every item nested in it.
pub fn item_units(item: &Item, out: &mut Vec<Id>) {
    order::item(item, 0, &mut |u, _| out.extend(toggle(u)));
}

/// The id of a unit when it can be switched on and off: the title, a
/// section without content, a block other than a list, an item.
pub(crate) fn toggle(unit: Unit<'_>) -> Option<Id> {
    match unit {
        Unit::Section(s) if !s.children.is_empty() => None,
        Unit::Block(Block { kind: BlockKind::List(_), .. }) => None,
        _ => Some(unit.id()),
    }
}

/// Assembles the prompt for `selection` in `style`.
#[must_use]
pub fn assemble(persona: &Persona, selection: &Selection, style: Style) -> String {
    match style {
        Style::Original => original(persona, selection),
        Style::Clean => clean(persona, selection),
    }
}

fn item_emitted(sel: &Selection, item: &Item) -> bool {
    sel.is_selected(item.id) || item.children.iter().any(|c| item_emitted(sel, c))
}

fn block_emitted(sel: &Selection, b: &Block) -> bool {
    match &b.kind {
        BlockKind::List(list) => list.items.iter().any(|i| item_emitted(sel, i)),
        _ => sel.is_selected(b.id),
    }
}

fn node_emitted(sel: &Selection, n: &Node) -> bool {
    match n {
        Node::Block(b) => block_emitted(sel, b),
        Node::Section(s) => {
            if s.children.is_empty() {
                sel.is_selected(s.id)
            } else {
                s.children.iter().any(|c| node_emitted(sel, c))
            }
        }
    }
}

/// Whether anything of `persona` would be emitted.
#[must_use]
pub fn anything_selected(persona: &Persona, sel: &Selection) -> bool {
    persona.nodes.iter().any(|n| node_emitted(sel, n)) || title_emitted(persona, sel)
}

/// The title is emitted when selected and something else is, or when the
/// document is nothing but its title.
fn title_emitted(p: &Persona, sel: &Selection) -> bool {
    p.title_id().is_some_and(|id| {
        sel.is_selected(id) && (p.nodes.is_empty() || p.nodes.iter().any(|n| node_emitted(sel, n)))
    })
}

// ---------------------------------------------------------------- Original

/// Writes source ranges. A range that continues the previous one only
/// extends it, so a run of emitted nodes is copied in one piece (with
/// everything selected, the whole body at once) instead of a copy per node.
struct Writer<'a> {
    text: &'a str,
    out: String,
    /// The range not yet copied into `out`.
    pending: Span,
}

/// Where a [`Writer`] was, to go back to.
#[derive(Clone, Copy)]
struct Mark {
    len: usize,
    pending: Span,
}

impl Writer<'_> {
    fn push(&mut self, from: usize, to: usize) {
        if to <= from {
            return;
        }
        if self.pending.end == from && !self.pending.is_empty() {
            self.pending.end = to;
        } else {
            self.flush();
            self.pending = Span::new(from, to);
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.out.push_str(slice(self.text, self.pending));
        }
        self.pending = Span::default();
    }

    fn mark(&self) -> Mark {
        Mark { len: self.out.len(), pending: self.pending }
    }

    /// Drops everything written since `mark`. Since then the pending range
    /// was only extended, or copied out after `mark.len` and replaced.
    fn reset(&mut self, mark: Mark) {
        self.out.truncate(mark.len);
        self.pending = mark.pending;
    }

    fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

fn original(p: &Persona, sel: &Selection) -> String {
    if !anything_selected(p, sel) {
        return String::new();
    }
    // With nothing switched off the walk below copies every span, and spans
    // tile the body (invariant 3), so it would copy the body whole, walking
    // a large document's tree out of cache to do it. The lossless tests
    // still run the walk with every node selected.
    if sel.is_all() {
        return p.body_text().to_string();
    }
    let mut w = Writer { text: &p.text, out: String::with_capacity(p.body.len()), pending: Span::default() };
    let mut pos = p.body.start;
    if let Some(t) = &p.title {
        w.push(pos, t.span.start);
        if title_emitted(p, sel) {
            w.push(t.span.start, t.span.end);
        }
        pos = t.span.end;
    }
    for n in &p.nodes {
        let span = match n {
            Node::Block(b) => b.span,
            Node::Section(s) => s.span,
        };
        w.push(pos, span.start);
        orig_node(&mut w, sel, n);
        pos = span.end;
    }
    w.push(pos, p.body.end);
    w.finish()
}

/// Writes a node if emitted; returns whether it was.
fn orig_node(w: &mut Writer<'_>, sel: &Selection, n: &Node) -> bool {
    match n {
        Node::Block(b) => orig_block(w, sel, b),
        Node::Section(s) => {
            if s.children.is_empty() {
                if sel.is_selected(s.id) {
                    w.push(s.span.start, s.span.end);
                    return true;
                }
                return false;
            }
            let mark = w.mark();
            let mut any = false;
            let mut pos = s.span.start;
            for c in &s.children {
                let span = match c {
                    Node::Block(b) => b.span,
                    Node::Section(s) => s.span,
                };
                w.push(pos, span.start);
                any |= orig_node(w, sel, c);
                pos = span.end;
            }
            w.push(pos, s.span.end);
            if !any {
                w.reset(mark);
            }
            any
        }
    }
}

fn orig_block(w: &mut Writer<'_>, sel: &Selection, b: &Block) -> bool {
    let BlockKind::List(list) = &b.kind else {
        if sel.is_selected(b.id) {
            w.push(b.span.start, b.span.end);
            return true;
        }
        return false;
    };
    let mark = w.mark();
    let mut any = false;
    let mut pos = b.span.start;
    if let Some(label) = &list.label {
        w.push(pos, label.span.end);
        pos = label.span.end;
    }
    for item in &list.items {
        w.push(pos, item.span.start);
        any |= orig_item(w, sel, item);
        pos = item.span.end;
    }
    w.push(pos, b.span.end);
    if !any {
        w.reset(mark);
    }
    any
}

fn orig_item(w: &mut Writer<'_>, sel: &Selection, item: &Item) -> bool {
    let own = sel.is_selected(item.id);
    let mark = w.mark();
    let mut any = own;
    let mut pos = item.span.start;
    for c in &item.children {
        w.push(pos, c.span.start);
        any |= orig_item(w, sel, c);
        pos = c.span.end;
    }
    w.push(pos, item.span.end);
    if !any {
        w.reset(mark);
    }
    any
}

// ------------------------------------------------------------------- Clean

fn clean(p: &Persona, sel: &Selection) -> String {
    if !anything_selected(p, sel) {
        return String::new();
    }
    let mut c = Clean::default();
    if let Some(t) = &p.title
        && title_emitted(p, sel)
    {
        c.part(format!("# {}", t.md));
    }
    for n in &p.nodes {
        c.node(sel, n);
    }
    let mut out = c.out.trim_end().to_string();
    out.push('\n');
    out
}

#[derive(Default)]
struct Clean {
    out: String,
    /// Whether the last part written was a bullet list (so that the next
    /// list uses another bullet and stays separate) and which bullet it used.
    last_list: Option<char>,
}

impl Clean {
    fn part(&mut self, s: impl AsRef<str>) {
        self.out.push_str(s.as_ref());
        self.out.push_str("\n\n");
        self.last_list = None;
    }

    fn node(&mut self, sel: &Selection, n: &Node) {
        if !node_emitted(sel, n) {
            return;
        }
        match n {
            Node::Section(s) => {
                if s.heading.kind == HeadingKind::XmlTag {
                    self.part(format!("<{}>", s.heading.md));
                } else {
                    let level = usize::from(s.heading.level.clamp(1, 6));
                    self.part(format!("{} {}", "#".repeat(level), s.heading.md));
                }
                for child in &s.children {
                    self.node(sel, child);
                }
                if s.heading.kind == HeadingKind::XmlTag {
                    self.part(format!("</{}>", s.heading.md));
                }
            }
            Node::Block(b) => self.block(sel, b),
        }
    }

    fn block(&mut self, sel: &Selection, b: &Block) {
        match &b.kind {
            BlockKind::Paragraph { md, .. } | BlockKind::Table { md, .. } | BlockKind::Quote { md, .. } => {
                self.part(md);
            }
            BlockKind::Code { lang, code } => self.part(fenced(lang, code)),
            // `---` first in a document would read as frontmatter.
            BlockKind::Rule => self.part(if self.out.is_empty() { "***" } else { "---" }),
            BlockKind::Html { raw } => self.part(raw),
            BlockKind::List(list) => {
                let numbered = matches!(list.items.first().map(|i| i.marker), Some(Marker::Number(_)));
                let start = match list.items.first().map(|i| i.marker) {
                    Some(Marker::Number(n)) => n,
                    _ => 1,
                };
                let bullet = if self.last_list == Some('-') && list.label.is_none() { '*' } else { '-' };
                let mut s = String::new();
                if let Some(label) = &list.label {
                    s.push_str(&label.md);
                    s.push('\n');
                    if numbered && start != 1 {
                        s.push('\n');
                    }
                }
                render_items(sel, &list.items, 0, bullet, &mut s);
                self.out.push_str(s.trim_end());
                self.out.push_str("\n\n");
                self.last_list = (!numbered).then_some(bullet);
            }
        }
    }
}

fn render_items(sel: &Selection, items: &[Item], indent: usize, bullet: char, out: &mut String) {
    // One marker style per list, from its first item: a web copy can join
    // `-` and `1)` lines into one list, and mixed markers would split it.
    let first = match items.first().map(|i| i.marker) {
        Some(Marker::Number(n)) => Some(n),
        _ => None,
    };
    let mut number: Option<u64> = None;
    for item in items.iter().filter(|i| item_emitted(sel, i)) {
        let marker = match first {
            None => format!("{bullet} "),
            Some(n) => {
                let own = if let Marker::Number(m) = item.marker { m } else { n };
                let k = number.map_or(own, |k| k.saturating_add(1));
                number = Some(k);
                format!("{k}. ")
            }
        };
        let pad = " ".repeat(indent);
        let inner = " ".repeat(indent + marker.len());
        out.push_str(&pad);
        out.push_str(&marker);
        for (i, line) in item.md.lines().enumerate() {
            if i > 0 {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&inner);
                }
            }
            out.push_str(line);
        }
        out.push('\n');
        if !item.children.is_empty() {
            render_items(sel, &item.children, indent + marker.len(), '-', out);
        }
    }
}
