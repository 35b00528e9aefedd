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
//! 4. assigns ids from kind, normalised text and occurrence count.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::model::{Block, BlockKind, Heading, HeadingKind, Id, Item, Node, Section};
use super::text::{Span, is_blank, line_end, line_start, next_boundary};

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

/// Builds the title and body nodes from entries, tiling spans over `body`.
pub(crate) fn build(text: &str, body: Span, entries: Vec<Entry>) -> (Option<Heading>, Vec<Node>) {
    let level_ones = entries.iter().filter(|e| matches!(e, Entry::Heading(h) if h.level == 1)).count();
    let mut iter = entries.into_iter().peekable();
    let title = match iter.peek() {
        Some(Entry::Heading(h)) if h.level == 1 && level_ones == 1 => match iter.next() {
            Some(Entry::Heading(h)) => Some(h),
            _ => None,
        },
        _ => None,
    };

    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<(Section, bool)> = Vec::new();
    for entry in iter {
        match entry {
            Entry::Heading(h) => {
                while stack.last().is_some_and(|(s, xml)| !*xml && s.heading.level >= h.level) {
                    pop(&mut stack, &mut root);
                }
                stack.push((new_section(h), false));
            }
            Entry::XmlOpen(h) => stack.push((new_section(h), true)),
            Entry::XmlClose(span) => {
                if stack.iter().any(|(_, xml)| *xml) {
                    while let Some((_, xml)) = stack.last() {
                        if *xml {
                            if let Some((s, _)) = stack.last_mut() {
                                s.close = Some(span);
                            }
                            pop(&mut stack, &mut root);
                            break;
                        }
                        pop(&mut stack, &mut root);
                    }
                }
            }
            Entry::Block(b) => match stack.last_mut() {
                Some((s, _)) => s.children.push(Node::Block(b)),
                None => root.push(Node::Block(b)),
            },
        }
    }
    while !stack.is_empty() {
        pop(&mut stack, &mut root);
    }

    let mut title = title;
    tile_root(text, body, &mut title, &mut root);
    let mut ids = IdGen::default();
    if let Some(t) = &title {
        // The title's id lives on the heading-free slot of the generator.
        let _ = ids.next(b't', &t.md);
    }
    assign_ids(&mut ids, &mut root);
    (title, root)
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
pub(crate) fn title_id(title: &Heading) -> Id {
    IdGen::default().next(b't', &title.md)
}

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

/// Tiles sibling spans over `lo..hi`; see the module docs.
fn tile(text: &str, lo: usize, hi: usize, tights: &[Span]) -> Vec<Span> {
    let mut starts = Vec::with_capacity(tights.len());
    let mut cursor = lo.min(hi);
    let mut last_end = cursor;
    for (i, t) in tights.iter().enumerate() {
        let t_start = t.start.clamp(cursor, hi);
        let start = absorb(text, cursor, t_start);
        starts.push(start);
        let next_start = tights.get(i + 1).map_or(hi, |n| n.start.clamp(cursor, hi));
        cursor = line_end(text, t.end.max(t_start)).min(next_start).min(hi).max(start);
        last_end = cursor;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(last_end);
        out.push(Span::new(s, e));
    }
    out
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

fn tile_root(text: &str, body: Span, title: &mut Option<Heading>, nodes: &mut [Node]) {
    let mut tights: Vec<Span> = Vec::with_capacity(nodes.len() + 1);
    if let Some(t) = title {
        tights.push(t.span);
    }
    tights.extend(nodes.iter().map(node_span));
    let spans = tile(text, body.start, body.end, &tights);
    let mut spans = spans.into_iter();
    if let Some(t) = title
        && let Some(s) = spans.next()
    {
        t.span = s;
    }
    for (node, span) in nodes.iter_mut().zip(spans) {
        tile_node(text, node, span);
    }
}

fn tile_node(text: &str, node: &mut Node, span: Span) {
    match node {
        Node::Block(b) => tile_block(text, b, span),
        Node::Section(s) => {
            let heading_tight = s.heading.span;
            s.span = span;
            s.heading.span = Span::new(span.start, line_end(text, heading_tight.end).min(span.end));
            let lo = s.heading.span.end;
            let hi = s.close.map_or(span.end, |c| c.start.clamp(lo, span.end));
            let tights: Vec<Span> = s.children.iter().map(node_span).collect();
            let spans = tile(text, lo, hi, &tights);
            for (child, sp) in s.children.iter_mut().zip(spans) {
                tile_node(text, child, sp);
            }
        }
    }
}

fn tile_block(text: &str, block: &mut Block, span: Span) {
    block.span = span;
    if let BlockKind::List(list) = &mut block.kind {
        let mut tights: Vec<Span> = Vec::with_capacity(list.items.len() + 1);
        if let Some(label) = &list.label {
            tights.push(label.span);
        }
        tights.extend(list.items.iter().map(|i| i.span));
        let mut spans = tile(text, span.start, span.end, &tights).into_iter();
        if let Some(label) = &mut list.label
            && let Some(s) = spans.next()
        {
            label.span = s;
        }
        for (item, sp) in list.items.iter_mut().zip(spans) {
            tile_item(text, item, sp);
        }
    }
}

fn tile_item(text: &str, item: &mut Item, span: Span) {
    let lo = next_boundary(text, item.span.start).clamp(span.start, span.end);
    item.span = span;
    if item.children.is_empty() {
        return;
    }
    let tights: Vec<Span> = item.children.iter().map(|c| c.span).collect();
    let spans = tile(text, lo, span.end, &tights);
    for (child, sp) in item.children.iter_mut().zip(spans) {
        tile_item(text, child, sp);
    }
}

/// Hands out ids: FNV-1a over kind and whitespace-normalised text, mixed with
/// how many earlier nodes had the same kind and text.
#[derive(Default)]
pub(crate) struct IdGen {
    seen: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
}

/// The keys are FNV hashes already; hashing them again would be waste.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl IdGen {
    pub(crate) fn next(&mut self, kind: u8, text: &str) -> Id {
        self.next_parts(kind, &[text])
    }

    /// The id of a node whose identity is several texts (a list's label and
    /// first item, a code block's language and code), hashed without
    /// building the joined string.
    pub(crate) fn next_parts(&mut self, kind: u8, parts: &[&str]) -> Id {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        h = (h ^ u64::from(kind)).wrapping_mul(PRIME);
        for part in parts {
            h = (h ^ 1).wrapping_mul(PRIME);
            // FNV-1a over the text with whitespace and control runs squashed
            // to one space and trimmed at both ends, so re-indenting or
            // re-wrapping a line keeps its id.
            let mut pending_space = false;
            let mut started = false;
            for &b in part.as_bytes() {
                if b <= b' ' {
                    pending_space = started;
                    continue;
                }
                if pending_space {
                    h = (h ^ u64::from(b' ')).wrapping_mul(PRIME);
                    pending_space = false;
                }
                started = true;
                h = (h ^ u64::from(b)).wrapping_mul(PRIME);
            }
        }
        let n = self.seen.entry(h).or_insert(0);
        let occurrence = u64::from(*n);
        *n += 1;
        // Mix the occurrence in with a final avalanche (splitmix64).
        let mut z = h ^ occurrence.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Id(z ^ (z >> 31))
    }
}

fn assign_ids(ids: &mut IdGen, nodes: &mut [Node]) {
    for node in nodes {
        match node {
            Node::Section(s) => {
                let kind = if s.heading.kind == HeadingKind::XmlTag { b'x' } else { b's' };
                s.id = ids.next(kind, &s.heading.md);
                assign_ids(ids, &mut s.children);
            }
            Node::Block(b) => {
                b.id = match &b.kind {
                    BlockKind::Paragraph { md, .. } => ids.next(b'p', md),
                    BlockKind::List(list) => {
                        let label = list.label.as_ref().map_or("", |l| l.md.as_str());
                        let first = list.items.first().map_or("", |i| i.md.as_str());
                        ids.next_parts(b'l', &[label, first])
                    }
                    BlockKind::Code { code, lang } => ids.next_parts(b'c', &[lang, code]),
                    BlockKind::Table { md, .. } => ids.next(b'b', md),
                    BlockKind::Quote { md, .. } => ids.next(b'q', md),
                    BlockKind::Rule => ids.next(b'r', ""),
                    BlockKind::Html { raw } => ids.next(b'h', raw),
                };
                if let BlockKind::List(list) = &mut b.kind {
                    assign_item_ids(ids, &mut list.items);
                }
            }
        }
    }
}

fn assign_item_ids(ids: &mut IdGen, items: &mut [Item]) {
    for item in items {
        item.id = ids.next(b'i', &item.md);
        assign_item_ids(ids, &mut item.children);
    }
}
