//! Builds the body tree from a flat list of entries, then tiles spans and
//! assigns stable ids.
//!
//! Producers (Markdown, web copy, cards) emit [`Entry`]s in document order
//! with *tight* spans (just the bytes of each construct). This module:
//!
//! 1. picks the title: the first entry, when it is a level-1 heading and the
//!    only level-1 heading;
//! 2. nests sections by heading level; an XML section (`<tag>` … `</tag>`)
//!    is a frame that headings inside it cannot close;
//! 3. *tiles* spans: each node's span grows to start where its previous
//!    sibling ended when only whitespace lies between, and to end at its
//!    line end; siblings become contiguous and stay inside their parent;
//! 4. assigns the title's and sections' ids from kind, normalised text and
//!    occurrence count ([`super::ids`], which says how and how old ids
//!    migrate). Blocks and items have theirs already: the producer gives
//!    them in document order as each block is finished (the web-copy
//!    producer through [`block_ids`]), since walking a large document's
//!    item tree again out of cache costs.
//!
//! Steps 3 and 4 are one walk over the tree in document order, the order
//! ids depend on ([`super::order`], whose tests check the ids given here and
//! by the producers against a walk of its own).

use super::ids::IdGen;
use super::model::{Block, BlockKind, Heading, Id, Item, Node, Section};
use super::text::{Span, is_blank, line_end, line_start, next_boundary};

/// Deepest list nesting kept as a tree; every producer folds deeper items
/// into their ancestors.
pub const MAX_LIST_DEPTH: usize = 32;

/// One construct found by a producer, in document order.
#[derive(Debug)]
pub(crate) enum Entry {
    /// A heading that opens a section.
    Heading(Heading),
    /// An XML tag line that opens a section closed by [`Entry::XmlClose`].
    XmlOpen(Heading),
    /// The closing tag line of the innermost open XML section.
    XmlClose(Span),
    /// A block with tight spans.
    Block(Block),
}

/// Gives every block of `entries` and its items their ids, in order; the
/// generator goes on to [`build`].
pub(crate) fn block_ids(entries: &mut [Entry], expected: usize) -> IdGen {
    let mut ids = IdGen::with_capacity(expected);
    for entry in entries {
        if let Entry::Block(b) = entry {
            ids.assign(b);
        }
    }
    ids
}

/// Builds the title and body nodes from entries, tiling spans over `body`.
/// `ids` has given the entries' blocks and items their ids.
pub(crate) fn build(text: &str, body: Span, entries: Vec<Entry>, ids: IdGen) -> (Option<Heading>, Vec<Node>) {
    let title_first = starts_with_title(&entries);
    let mut iter = entries.into_iter();
    let mut title = match title_first.then(|| iter.next()).flatten() {
        Some(Entry::Heading(h)) => Some(h),
        _ => None,
    };
    let mut root = nest(iter);
    let mut tiler = Tiler { text, stack: Vec::with_capacity(64), ids };
    tiler.root(body, &mut title, &mut root);
    (title, root)
}

/// Whether the first entry is the title: a level-1 heading, and the only
/// one.
fn starts_with_title(entries: &[Entry]) -> bool {
    let level_one = |e: &Entry| matches!(e, Entry::Heading(h) if h.level == 1);
    entries.first().is_some_and(level_one) && entries.iter().filter(|e| level_one(e)).count() == 1
}

/// Nests entries into sections by heading level; an XML section is a frame
/// that only its closing tag closes.
fn nest(entries: impl Iterator<Item = Entry>) -> Vec<Node> {
    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<(Section, bool)> = Vec::new();
    for entry in entries {
        match entry {
            Entry::Heading(h) => {
                while stack.last().is_some_and(|(s, xml)| !*xml && s.heading.level >= h.level) {
                    pop(&mut stack, &mut root);
                }
                stack.push((new_section(h), false));
            }
            Entry::XmlOpen(h) => stack.push((new_section(h), true)),
            Entry::XmlClose(span) => close_xml(&mut stack, &mut root, span),
            Entry::Block(b) => match stack.last_mut() {
                Some((s, _)) => s.children.push(Node::Block(b)),
                None => root.push(Node::Block(b)),
            },
        }
    }
    while !stack.is_empty() {
        pop(&mut stack, &mut root);
    }
    root
}

/// Closes the innermost open XML section at its closing tag line `span`,
/// and the sections open inside it; without one open, the tag is ignored.
fn close_xml(stack: &mut Vec<(Section, bool)>, root: &mut Vec<Node>, span: Span) {
    if !stack.iter().any(|(_, xml)| *xml) {
        return;
    }
    while let Some((_, xml)) = stack.last() {
        if *xml {
            if let Some((s, _)) = stack.last_mut() {
                s.close = Some(span);
            }
            pop(stack, root);
            break;
        }
        pop(stack, root);
    }
}

/// Closes the innermost open section, attaching it to its parent.
fn pop(stack: &mut Vec<(Section, bool)>, root: &mut Vec<Node>) {
    if let Some((mut section, _)) = stack.pop() {
        let end = section
            .children
            .last()
            .map_or(section.heading.span.end, tight_end)
            .max(section.close.map_or(0, |c| c.end))
            .max(section.heading.span.end);
        section.span = Span::new(section.heading.span.start, end);
        match stack.last_mut() {
            Some((parent, _)) => parent.children.push(Node::Section(section)),
            None => root.push(Node::Section(section)),
        }
    }
}

/// The id of the title heading, as assigned by [`build`].
#[must_use]
fn new_section(heading: Heading) -> Section {
    Section { id: Id(0), span: heading.span, heading, children: Vec::new(), close: None }
}

fn tight_end(node: &Node) -> usize {
    match node {
        Node::Block(b) => b.span.end,
        Node::Section(s) => s.span.end,
    }
}

fn node_span(node: &Node) -> Span {
    match node {
        Node::Block(b) => b.span,
        Node::Section(s) => s.span,
    }
}

/// Tiles the spans of the whole tree and assigns ids, in one walk in
/// document order. Every level's spans live on one scratch stack, so no
/// container allocates.
struct Tiler<'a> {
    text: &'a str,
    stack: Vec<Span>,
    ids: IdGen,
}

impl Tiler<'_> {
    /// Pushes sibling spans `tights` and rewrites them in place into tiled
    /// spans over `lo..hi` (see the module docs). Returns where they start
    /// on the stack; the caller truncates back to it when done.
    fn tile(&mut self, lo: usize, hi: usize, tights: impl Iterator<Item = Span>) -> usize {
        let base = self.stack.len();
        self.stack.extend(tights);
        let text = self.text;
        let Some(level) = self.stack.get_mut(base..) else { return base };
        let mut cursor = lo.min(hi);
        let mut prev: Option<usize> = None;
        for i in 0..level.len() {
            let Some(&t) = level.get(i) else { break };
            let t_start = t.start.clamp(cursor, hi);
            let start = absorb(text, cursor, t_start);
            // The next sibling is still tight: it is rewritten on its turn.
            let next_start = level.get(i + 1).map_or(hi, |n| n.start.clamp(cursor, hi));
            cursor = line_end(text, t.end.max(t_start)).min(next_start).min(hi).max(start);
            if let Some(p) = prev.and_then(|p| level.get_mut(p)) {
                *p = Span::new(p.start, start);
            }
            if let Some(cur) = level.get_mut(i) {
                cur.start = start;
            }
            prev = Some(i);
        }
        if let Some(p) = prev.and_then(|p| level.get_mut(p)) {
            *p = Span::new(p.start, cursor);
        }
        base
    }

    fn at(&self, index: usize) -> Span {
        self.stack.get(index).copied().unwrap_or_default()
    }

    fn root(&mut self, body: Span, title: &mut Option<Heading>, nodes: &mut [Node]) {
        let tights = title.iter().map(|t| t.span).chain(nodes.iter().map(node_span));
        let base = self.tile(body.start, body.end, tights);
        let mut k = base;
        if let Some(t) = title {
            t.span = self.at(k);
            // The title's id (see `title_id`) takes the first slot.
            let _ = self.ids.title(t);
            k += 1;
        }
        for node in nodes {
            let span = self.at(k);
            k += 1;
            self.node(node, span);
        }
        self.stack.truncate(base);
    }

    fn node(&mut self, node: &mut Node, span: Span) {
        match node {
            Node::Block(b) => self.block(b, span),
            Node::Section(s) => self.section(s, span),
        }
    }

    /// Gives a section its id and tiled span; its heading runs to its line
    /// end, and its children tile what lies between the heading and the
    /// closing tag line (or the section's end).
    fn section(&mut self, s: &mut Section, span: Span) {
        s.id = self.ids.section(s);
        let heading_tight = s.heading.span;
        s.span = span;
        s.heading.span = Span::new(span.start, line_end(self.text, heading_tight.end).min(span.end));
        let lo = s.heading.span.end;
        let hi = s.close.map_or(span.end, |c| c.start.clamp(lo, span.end));
        let base = self.tile(lo, hi, s.children.iter().map(node_span));
        for (k, child) in s.children.iter_mut().enumerate() {
            let sp = self.at(base + k);
            self.node(child, sp);
        }
        self.stack.truncate(base);
    }

    fn block(&mut self, block: &mut Block, span: Span) {
        block.span = span;
        if let BlockKind::List(list) = &mut block.kind {
            let tights = list.label.iter().map(|l| l.span).chain(list.items.iter().map(|i| i.span));
            let base = self.tile(span.start, span.end, tights);
            let mut k = base;
            if let Some(label) = &mut list.label {
                label.span = self.at(k);
                k += 1;
            }
            for item in &mut list.items {
                let sp = self.at(k);
                k += 1;
                self.item(item, sp);
            }
            self.stack.truncate(base);
        }
    }

    fn item(&mut self, item: &mut Item, span: Span) {
        let lo = next_boundary(self.text, item.span.start).clamp(span.start, span.end);
        item.span = span;
        if item.children.is_empty() {
            return;
        }
        let base = self.tile(lo, span.end, item.children.iter().map(|c| c.span));
        for (k, child) in item.children.iter_mut().enumerate() {
            let sp = self.at(base + k);
            self.item(child, sp);
        }
        self.stack.truncate(base);
    }
}

/// Where a node whose content starts at `t` begins, given that its previous
/// sibling ended at `cursor`: at `cursor` when only whitespace lies between,
/// else at the start of its line (or at `t` when that line is already taken).
fn absorb(text: &str, cursor: usize, t: usize) -> usize {
    let ls = line_start(text, t);
    if ls >= cursor {
        if is_blank(text, cursor, ls) { cursor } else { ls }
    } else if is_blank(text, cursor, t) {
        cursor
    } else {
        t
    }
}
