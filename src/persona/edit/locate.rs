//! Finding a unit by id: the unit, its siblings and its place among them,
//! and the region of its own text (what the editor shows and replaces).

use super::super::model::{Block, BlockKind, Heading, HeadingKind, Id, Item, Node, Persona, Section};
use super::super::text::{Span, lines, slice};
use super::text::{content_start, item_prefix_len, last_content_end};

/// A unit of the document with where it sits.
#[derive(Clone, Copy)]
pub(super) enum Found<'a> {
    /// The document title.
    Title(&'a Heading),
    /// A section among its parent's nodes.
    Section { s: &'a Section, siblings: &'a [Node], index: usize },
    /// A block among its parent's nodes.
    Block { b: &'a Block, siblings: &'a [Node], index: usize },
    /// A list item among its list's (or parent item's) items.
    Item { item: &'a Item, siblings: &'a [Item], index: usize },
}

impl Found<'_> {
    /// The unit's whole span (what it holds included).
    pub(super) fn span(self) -> Span {
        match self {
            Found::Title(h) => h.span,
            Found::Section { s, .. } => s.span,
            Found::Block { b, .. } => b.span,
            Found::Item { item, .. } => item.span,
        }
    }

    /// Whether the unit is the first of its siblings (the first unit's span
    /// may start with blank lines that separate it from what lies before).
    pub(super) fn is_first(self) -> bool {
        match self {
            Found::Title(_) => true,
            Found::Section { index, .. } | Found::Block { index, .. } | Found::Item { index, .. } => {
                index == 0
            }
        }
    }
}

/// The unit `id` of `p`.
pub(super) fn find(p: &Persona, id: Id) -> Option<Found<'_>> {
    if let Some(t) = p.title.as_ref().filter(|_| p.title_id() == Some(id)) {
        return Some(Found::Title(t));
    }
    in_nodes(&p.nodes, id)
}

fn in_nodes(nodes: &[Node], id: Id) -> Option<Found<'_>> {
    nodes.iter().enumerate().find_map(|(index, n)| match n {
        Node::Section(s) if s.id == id => Some(Found::Section { s, siblings: nodes, index }),
        Node::Section(s) => in_nodes(&s.children, id),
        Node::Block(b) if b.id == id => Some(Found::Block { b, siblings: nodes, index }),
        Node::Block(Block { kind: BlockKind::List(list), .. }) => in_items(&list.items, id),
        Node::Block(_) => None,
    })
}

fn in_items(items: &[Item], id: Id) -> Option<Found<'_>> {
    items.iter().enumerate().find_map(|(index, item)| {
        if item.id == id {
            Some(Found::Item { item, siblings: items, index })
        } else {
            in_items(&item.children, id)
        }
    })
}

/// The list block `id`.
pub(super) fn list(p: &Persona, id: Id) -> Option<&Block> {
    match find(p, id) {
        Some(Found::Block { b, .. }) if matches!(b.kind, BlockKind::List(_)) => Some(b),
        _ => None,
    }
}

/// The region of a unit's own text in `text`.
#[derive(Clone, Debug)]
pub(super) struct Own {
    /// The own text's bytes: after an item's marker, inside a heading's
    /// decoration, a block's lines without the blank lines before it.
    pub region: Span,
    /// An item's continuation indent: what starts the region's lines
    /// after the first, layout rather than text (empty for other units).
    pub indent: String,
}

/// The own region of `found` in `text`.
pub(super) fn own(text: &str, found: Found<'_>) -> Own {
    match found {
        Found::Title(h) => heading_own(text, h),
        Found::Section { s, .. } => heading_own(text, &s.heading),
        Found::Block { b, .. } => {
            let start = content_start(text, b.span);
            Own {
                region: Span::new(start, last_content_end(text, Span::new(start, b.span.end))),
                indent: String::new(),
            }
        }
        Found::Item { item, .. } => item_own(text, item),
    }
}

fn item_own(text: &str, item: &Item) -> Own {
    let line = content_start(text, item.span);
    let body_end = item.children.first().map_or(item.span.end, |c| c.span.start.max(line));
    let first_end = lines(text, line, body_end).next().map_or(line, |(_, ce, _)| ce);
    let start = line + item_prefix_len(slice(text, Span::new(line, first_end)));
    let mut end = last_content_end(text, Span::new(line, body_end)).max(start);
    if end == body_end && !text.get(..end).is_some_and(|t| t.ends_with('\n')) && end < text.len() {
        // An item glued before the next on one line: the space between
        // them is not its text.
        end = start + slice(text, Span::new(start, end)).trim_end().len();
    }
    // The indent shared by the continuation lines, at most the marker's width.
    let mut indent: Option<&str> = None;
    for (s, ce, _) in lines(text, first_end, end).skip(1) {
        let l = slice(text, Span::new(s, ce));
        if l.trim().is_empty() {
            continue;
        }
        let ws = l.get(..l.len() - l.trim_start_matches([' ', '\t']).len()).unwrap_or("");
        indent = Some(indent.map_or(ws, |i| common_prefix(i, ws)));
    }
    let prefix = slice(text, Span::new(line, start));
    let width = prefix.chars().count();
    let indent = match indent {
        Some(i) => i.get(..i.len().min(width)).unwrap_or(i).to_string(),
        None => " ".repeat(width),
    };
    Own { region: Span::new(start, end), indent }
}

/// The longest common prefix of two whitespace strings.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    a.get(..n).unwrap_or("")
}

fn heading_own(text: &str, h: &Heading) -> Own {
    let start = content_start(text, h.span);
    let mut ls: Vec<(usize, usize)> = lines(text, start, h.span.end)
        .filter(|&(s, ce, _)| !slice(text, Span::new(s, ce)).trim().is_empty())
        .map(|(s, ce, _)| (s, ce))
        .collect();
    if h.kind == HeadingKind::Setext && ls.len() > 1 {
        ls.pop();
    }
    let end = ls.last().map_or(start, |&(_, ce)| ce);
    let line = slice(text, Span::new(start, end));
    let (pre, suf) = decoration(line, h.kind);
    Own { region: Span::new(start + pre, (end - suf).max(start + pre)), indent: String::new() }
}

/// The bytes of decoration before and after a heading line's text.
fn decoration(line: &str, kind: HeadingKind) -> (usize, usize) {
    let ws = |s: &str| s.len() - s.trim_start().len();
    let trailing = |s: &str| s.len() - s.trim_end().len();
    match kind {
        HeadingKind::Atx => {
            let lead = ws(line);
            let rest = line.get(lead..).unwrap_or("");
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            let after = rest.get(hashes..).unwrap_or("");
            let pre = lead + hashes + ws(after);
            let inner = line.get(pre..).unwrap_or("");
            let t = inner.trim_end();
            let closing = t.len() - t.trim_end_matches('#').len();
            let before_closing = t.get(..t.len() - closing).unwrap_or("");
            let suf = if closing > 0 && (before_closing.is_empty() || before_closing.ends_with([' ', '\t'])) {
                inner.len() - before_closing.trim_end().len()
            } else {
                trailing(inner)
            };
            (pre, suf.min(inner.len()))
        }
        HeadingKind::Setext => (ws(line), trailing(line.get(ws(line)..).unwrap_or(""))),
        HeadingKind::XmlTag => {
            let lead = ws(line);
            let t = line.trim_end();
            let pre = lead + usize::from(t.get(lead..).is_some_and(|r| r.starts_with('<')));
            let suf = line.len() - t.len() + usize::from(t.ends_with('>') && t.len() > pre);
            (pre, suf.min(line.len() - pre))
        }
        HeadingKind::Recovered => {
            const DECOR: [char; 8] = ['=', '#', '*', '-', '~', '_', ' ', '\t'];
            let pre = line.len() - line.trim_start_matches(DECOR).len();
            let inner = line.get(pre..).unwrap_or("");
            (pre, inner.len() - inner.trim_end_matches(DECOR).len())
        }
    }
}

/// The decoration around a heading line, for a new heading in its style:
/// the text before and after the heading's own text.
pub(super) fn heading_frame(text: &str, h: &Heading) -> (String, String) {
    let own = heading_own(text, h).region;
    let start = content_start(text, h.span);
    let line_end = lines(text, own.end, h.span.end).next().map_or(own.end, |(_, ce, _)| ce);
    (
        slice(text, Span::new(start, own.start)).to_string(),
        slice(text, Span::new(own.end, line_end)).to_string(),
    )
}
