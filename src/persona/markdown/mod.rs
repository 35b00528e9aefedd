//! Markdown bodies: pulldown-cmark with offsets → tree entries.
//!
//! Grammar, on top of `CommonMark` (tables, strikethrough and task lists on;
//! metadata blocks off, since frontmatter is split off beforehand):
//!
//! - ATX and setext headings open sections by level.
//! - A line `<tag>` at column 0 with a matching `</tag>` line later (outside
//!   code fences) opens an XML section, as prompts often use
//!   (`<goal>`, `<ENVIRONMENT SETUP>`). The text between the tags is parsed
//!   as its own region, so tags never swallow Markdown as an HTML block.
//!   Nesting deeper than [`MAX_XML_DEPTH`] is left as text.
//! - A top-level paragraph ending in `:` followed by a list becomes that
//!   list's label (`Frameworks & Libraries:`, `**Must follow:**`).
//! - A top-level one-line paragraph in ALL CAPS (`TOOL USE`, at most eight
//!   words, no final `.`/`!`/`?`/`,`/`;`) or a banner (`==== STYLE ====`)
//!   becomes a recovered heading. Its level is the shallowest level of the
//!   document's real headings (below the title), so it ranks with them.
//! - A paragraph of only `===` is a rule.
//! - Lists nest up to [`MAX_LIST_DEPTH`]; deeper items fold into their
//!   ancestor's text rather than deepening the tree.
//!
//! This module is the entry point (`entries`) and the sink entries are
//! emitted into (`Emit`); its children each do one job: `xml` finds the
//! XML sections, `walker` turns events into entries, `inline` builds
//! inline runs, `normalise` writes each construct's normalised Markdown,
//! and `recovered` holds the rules for labels, recovered headings and rules.

mod inline;
mod normalise;
mod recovered;
mod walker;
mod xml;

use std::sync::Arc;

use pulldown_cmark::{Options, Parser};

use super::ids::IdGen;
use super::model::{Block, BlockKind, Heading, HeadingKind, Id, Inline, Label, List, Str};
use super::text::{Span, slice};
use super::tree::Entry;

pub use super::tree::MAX_LIST_DEPTH;
/// Deepest XML section nesting recognised.
pub const MAX_XML_DEPTH: usize = 16;

/// The pulldown-cmark options the engine parses with.
#[must_use]
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// How a newline inside a paragraph reads in the model's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SoftBreak {
    /// A space: Markdown source wraps its lines where it likes.
    Space,
    /// A line break: in a data field (a character card's description or
    /// example dialogue) each line is meant, and card front-ends show it so.
    Line,
}

impl SoftBreak {
    fn text(self) -> &'static str {
        match self {
            SoftBreak::Space => " ",
            SoftBreak::Line => "\n",
        }
    }
}

/// Parses the Markdown in `body` of `src` into tree entries, with the ids
/// of their blocks and items given (see [`Emit`]).
pub(crate) fn entries(src: &Arc<str>, body: Span, soft: SoftBreak) -> (Vec<Entry>, IdGen) {
    let text: &str = src;
    let marks = xml::xml_sections(text, body);
    // About one entry per 250 bytes: reserved, so a large document's entries
    // are not copied over and over as the vector grows.
    let mut out = Vec::with_capacity(body.len() / 256);
    let mut ids = IdGen::with_capacity(body.len() / 64);
    let mut cursor = body.start;
    for m in &marks {
        parse_region(src, Span::new(cursor, m.line.start), soft, &mut Emit::new(text, &mut out, &mut ids));
        out.push(tag_entry(src, m));
        cursor = m.line.end;
    }
    parse_region(src, Span::new(cursor, body.end), soft, &mut Emit::new(text, &mut out, &mut ids));
    recovered::assign_recovered_levels(&mut out);
    (out, ids)
}

/// The entry of an XML tag line: an opening tag opens a section named by
/// the tag; a closing tag closes it.
fn tag_entry(src: &Arc<str>, m: &xml::TagMark) -> Entry {
    match m.open {
        Some(name) => Entry::XmlOpen(Heading {
            text: Inline::plain(Str::slice(src, name)),
            md: Str::slice(src, name),
            level: 2,
            kind: HeadingKind::XmlTag,
            span: m.line,
        }),
        None => Entry::XmlClose(m.line),
    }
}

/// Parses one region (text between XML tag lines) and appends its entries.
fn parse_region(src: &Arc<str>, region: Span, soft: SoftBreak, out: &mut Emit<'_>) {
    let text: &str = src;
    let part = slice(text, region);
    if part.trim().is_empty() {
        return;
    }
    let parser = Parser::new_ext(part, options()).into_offset_iter();
    walker::Walker::new(src, region.start, parser, soft).blocks(out);
    out.settle(None);
}

/// A block entry, its id not given yet.
fn block(span: Span, kind: BlockKind) -> Entry {
    Entry::Block(Block { id: Id(0), span, kind })
}

/// Where a region's entries go, one at a time. Each is finished here while
/// it is still in cache, rather than in later passes over all entries:
///
/// - a paragraph waits for the entry after it: a paragraph ending in `:`
///   directly followed by a list becomes that list's label; otherwise a
///   one-line paragraph may read as a recovered heading or a `===` rule
///   ([`recovered`]);
/// - each finished block, and each item of a list, gets its id, in
///   document order (blocks and items count their occurrences apart from
///   sections, so giving theirs before the tree is built changes none; the
///   order is [`super::order`]'s).
struct Emit<'o> {
    text: &'o str,
    out: &'o mut Vec<Entry>,
    ids: &'o mut IdGen,
    /// The last entry is a paragraph of this region still waiting.
    pending: bool,
}

impl<'o> Emit<'o> {
    fn new(text: &'o str, out: &'o mut Vec<Entry>, ids: &'o mut IdGen) -> Self {
        Self { text, out, ids, pending: false }
    }

    fn push(&mut self, mut entry: Entry) {
        self.settle(Some(&mut entry));
        if let Entry::Block(b) = &mut entry {
            if matches!(b.kind, BlockKind::Paragraph { .. }) {
                self.pending = true;
            } else {
                self.ids.assign(b);
            }
        }
        self.out.push(entry);
    }

    /// Finishes a waiting paragraph, given the entry that follows it: it
    /// becomes the label of a list that follows, or a recovered heading or
    /// rule, or stays a paragraph; then it gets its id.
    fn settle(&mut self, next: Option<&mut Entry>) {
        if !std::mem::take(&mut self.pending) {
            return;
        }
        let Some(Entry::Block(Block { span, kind: BlockKind::Paragraph { text: inline, .. }, .. })) =
            self.out.last()
        else {
            return;
        };
        let span = *span;
        if let Some((list_span, list)) = next.and_then(as_list)
            && recovered::ends_with_colon(inline)
        {
            self.label(span, list_span, list);
            return;
        }
        if let (Some(entry), Some(last)) =
            (recovered::heading_or_rule(self.text, inline, span), self.out.last_mut())
        {
            *last = entry;
        }
        if let Some(Entry::Block(b)) = self.out.last_mut() {
            self.ids.assign(b);
        }
    }

    /// Moves the waiting paragraph at `span` into `list` as its label; the
    /// list (at `list_span`) then starts where the label does.
    fn label(&mut self, span: Span, list_span: &mut Span, list: &mut List) {
        if let Some(Entry::Block(Block { kind: BlockKind::Paragraph { text, md }, .. })) = self.out.pop() {
            list_span.start = span.start;
            list.label = Some(Label { text, md, span });
        }
    }
}

/// The span and list of a list entry.
fn as_list(entry: &mut Entry) -> Option<(&mut Span, &mut List)> {
    match entry {
        Entry::Block(Block { span, kind: BlockKind::List(list), .. }) => Some((span, list)),
        _ => None,
    }
}
