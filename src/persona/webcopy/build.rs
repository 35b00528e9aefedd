//! Entries from a web copy's logical lines: banners and heading-shaped
//! lines become recovered headings, a line ending in `:` labels the items
//! after it, items gather into lists nested by indent, and the rest are
//! paragraphs. Texts and their Markdown come from the lines' pieces.

use std::sync::Arc;

use super::logical::{Kind, Logical, Piece};
use super::{is_bare_heading, is_outline};
use crate::persona::mdwrite::{code_span, escape_inline, escape_line_start};
use crate::persona::model::{
    Block, BlockKind, Heading, HeadingKind, Id, Inline, Item, Label, List, Marker, Run, Runs, Str, marks,
};
use crate::persona::shape::{banner, is_caps_heading};
use crate::persona::text::{Span, slice};
use crate::persona::tree::{Entry, MAX_LIST_DEPTH};

/// Builds the entries of `lines`, logical lines of `src`.
pub(super) fn build_entries(src: &Arc<str>, lines: &[Logical]) -> Vec<Entry> {
    let mut b = Builder { src, out: Vec::new(), list: None };
    for (i, l) in lines.iter().enumerate() {
        if !matches!(l.kind, Kind::Item(_)) {
            b.flush();
        }
        match l.kind {
            Kind::Blank => {}
            Kind::Rule => b.out.push(block(Span::new(l.start, l.end()), BlockKind::Rule)),
            Kind::Banner => b.banner(l),
            Kind::Item(marker) => b.item(l, marker),
            Kind::Text => b.text(l, i == 0, lines.get(i + 1).map(|n| n.kind)),
        }
    }
    b.flush();
    b.out
}

/// Entries being built, with the list under construction.
struct Builder<'s> {
    src: &'s Arc<str>,
    out: Vec<Entry>,
    list: Option<PendingList>,
}

/// A list being built.
struct PendingList {
    label: Option<Label>,
    start: usize,
    /// `(indent, item)` pairs, nested when the list ends.
    items: Vec<(usize, Item)>,
}

impl Builder<'_> {
    fn banner(&mut self, l: &Logical) {
        let plain = l.plain(self.src);
        self.out.push(heading(banner(&plain).unwrap_or(&plain), 2, Span::new(l.start, l.end())));
    }

    fn item(&mut self, l: &Logical, marker: Marker) {
        let (text, md) = render(self.src, &l.pieces);
        let span = Span::new(l.start, l.end());
        let item = Item { id: Id(0), span, marker, task: None, text, md, children: Vec::new() };
        let list =
            self.list.get_or_insert_with(|| PendingList { label: None, start: l.start, items: Vec::new() });
        list.items.push((l.indent, item));
    }

    /// A text line: a label when it ends in `:` before items, a heading
    /// when it is shaped like one ([`heading_level`]), else a paragraph.
    fn text(&mut self, l: &Logical, first: bool, next: Option<Kind>) {
        let span = Span::new(l.start, l.end());
        let plain = l.plain(self.src);
        if plain.ends_with(':') && matches!(next, Some(Kind::Item(_))) {
            let (text, md) = render(self.src, &l.pieces);
            let label = Label { text, md, span };
            self.list = Some(PendingList { label: Some(label), start: l.start, items: Vec::new() });
        } else if let Some(level) = heading_level(&plain, !l.continued, first, next) {
            self.out.push(heading(&plain, level, span));
        } else {
            let (text, md) = render(self.src, &l.pieces);
            self.out.push(block(span, BlockKind::Paragraph { text, md }));
        }
    }

    /// Ends the list under construction, nesting its items by indent.
    fn flush(&mut self) {
        let Some(PendingList { label, start, items }) = self.list.take() else { return };
        if items.is_empty() {
            // A label with no items after all: keep it as a paragraph.
            if let Some(l) = label {
                self.out.push(block(l.span, BlockKind::Paragraph { text: l.text, md: l.md }));
            }
            return;
        }
        let items = nest(items);
        let end = items.last().map_or(start, |i| i.span.end);
        self.out.push(block(Span::new(start, end), BlockKind::List(List { label, items })));
    }
}

/// The level of the text line `plain` (one physical line when `single`,
/// the document's first line when `first`, before a line of kind `next`)
/// read as a heading: an ALL CAPS line, an outline line before items, or
/// a bare short line before content. The first line is the title (1),
/// outline lines rank below the others (3 against 2).
fn heading_level(plain: &str, single: bool, first: bool, next: Option<Kind>) -> Option<u8> {
    if !single {
        return None;
    }
    let outline = is_outline(plain) && matches!(next, Some(Kind::Item(_)));
    let before_content = next.is_some_and(|k| k != Kind::Blank);
    if !(is_caps_heading(plain) || outline || (is_bare_heading(plain) && before_content)) {
        return None;
    }
    Some(if first {
        1
    } else if outline {
        3
    } else {
        2
    })
}

fn block(span: Span, kind: BlockKind) -> Entry {
    Entry::Block(Block { id: Id(0), span, kind })
}

fn heading(text: &str, level: u8, span: Span) -> Entry {
    Entry::Heading(Heading {
        text: Inline::plain(text),
        md: escape_inline(text).into(),
        level,
        kind: HeadingKind::Recovered,
        span,
    })
}

/// Builds inline runs and Markdown from a logical line's pieces. A line of
/// one plain piece with nothing to escape stays a slice of the source.
fn render(src: &Arc<str>, pieces: &[Piece]) -> (Inline, Str) {
    let text: &str = src;
    if let [p] = pieces
        && !p.code
    {
        let s = slice(text, p.span).trim();
        let plain = Str::within(src, s);
        let md = escape_line_start(&escape_inline(s));
        let md = if md == s { plain.clone() } else { Str::from(md) };
        return (Inline::plain(plain), md);
    }
    let mut runs: Runs<(String, u8)> = Runs::default();
    let mut md = String::new();
    let mut after_code = false;
    for p in pieces {
        let s = slice(text, p.span).trim();
        if s.is_empty() {
            continue;
        }
        // Sentence punctuation after a code word stays glued to it.
        let glued = after_code && !p.code && s.starts_with(['.', ',', ';', ':', '!', '?']);
        after_code = p.code;
        if !md.is_empty() && !glued {
            md.push(' ');
            if let Some((last, _)) = runs.last_mut().filter(|(_, m)| *m == 0) {
                last.push(' ');
            } else {
                runs.push((" ".into(), 0));
            }
        }
        let mark = if p.code { marks::CODE } else { 0 };
        match runs.last_mut().filter(|(_, m)| *m == mark) {
            Some((last, _)) => last.push_str(s),
            None => runs.push((s.to_string(), mark)),
        }
        if p.code {
            md.push_str(&code_span(s));
        } else {
            md.push_str(&escape_inline(s));
        }
    }
    let runs = runs.map(|(t, marks)| Run { text: t.into(), marks, href: None });
    (Inline::from_runs(runs), escape_line_start(&md).into())
}

/// Folds `(indent, item)` pairs into a tree: deeper indents nest under the
/// nearest shallower item.
fn nest(flat: Vec<(usize, Item)>) -> Vec<Item> {
    fn attach(item: Item, stack: &mut [(usize, Item)], roots: &mut Vec<Item>) {
        match stack.last_mut() {
            Some((_, parent)) => {
                parent.span.end = parent.span.end.max(item.span.end);
                parent.children.push(item);
            }
            None => roots.push(item),
        }
    }
    let mut stack: Vec<(usize, Item)> = Vec::new();
    let mut roots = Vec::new();
    for (indent, item) in flat {
        while stack.last().is_some_and(|(top, _)| *top >= indent) {
            if let Some((_, done)) = stack.pop() {
                attach(done, &mut stack, &mut roots);
            }
        }
        if stack.len() >= MAX_LIST_DEPTH
            && let Some((_, done)) = stack.pop()
        {
            attach(done, &mut stack, &mut roots);
        }
        stack.push((indent, item));
    }
    while let Some((_, done)) = stack.pop() {
        attach(done, &mut stack, &mut roots);
    }
    roots
}
