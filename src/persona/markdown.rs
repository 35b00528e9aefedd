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

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::ids::IdGen;
use super::mdwrite::escape_line_start;
use super::model::{
    Block, BlockKind, Heading, HeadingKind, Id, Inline, Item, Label, List, Marker, Run, Runs, Str, marks,
};
use super::shape::{banner, is_caps_heading, is_equals_rule};
use super::shared::offset_in;
use super::text::{Span, is_blank, line_start, lines, slice};
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
    let marks = xml_sections(text, body);
    // Personas run about one entry per 250 bytes; growing from empty copied
    // a large document's entries over and over.
    let mut out = Vec::with_capacity(body.len() / 256);
    let mut ids = IdGen::with_capacity(body.len() / 64);
    let mut cursor = body.start;
    for m in &marks {
        parse_region(src, Span::new(cursor, m.line.start), soft, &mut Emit::new(text, &mut out, &mut ids));
        match m.open {
            Some(name) => out.push(Entry::XmlOpen(Heading {
                text: Inline::plain(Str::slice(src, name)),
                md: Str::slice(src, name),
                level: 2,
                kind: HeadingKind::XmlTag,
                span: m.line,
            })),
            None => out.push(Entry::XmlClose(m.line)),
        }
        cursor = m.line.end;
    }
    parse_region(src, Span::new(cursor, body.end), soft, &mut Emit::new(text, &mut out, &mut ids));
    assign_recovered_levels(&mut out);
    (out, ids)
}

/// A matched XML tag line.
struct TagMark {
    line: Span,
    /// Where the tag name is, for an opening line; `None` for a closing line.
    open: Option<Span>,
}

/// Parses a line as `<name>` or `</name>` at column 0.
fn tag_line(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_end();
    let inner = t.strip_prefix('<')?.strip_suffix('>')?;
    let (close, name) = match inner.strip_prefix('/') {
        Some(n) => (true, n),
        None => (false, inner),
    };
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(char::is_alphabetic);
    let rest_ok = name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | ' '));
    (first_ok && rest_ok && name.len() <= 64 && !name.ends_with(' ') && !name.contains("  "))
        .then_some((close, name))
}

/// Finds matched `<tag>`/`</tag>` line pairs outside code fences.
fn xml_sections(text: &str, body: Span) -> Vec<TagMark> {
    // Tag lines start at column 0; most documents have none at all.
    let region = slice(text, body);
    if !region.starts_with('<') && !region.contains("\n<") {
        return Vec::new();
    }
    let mut candidates: Vec<(Span, bool, &str)> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for (ls, le, next) in lines(text, body.start, body.end) {
        let line = slice(text, Span::new(ls, le));
        let indent = line.len() - line.trim_start_matches(' ').len();
        let stripped = line.trim_start_matches(' ');
        if indent <= 3 {
            let bytes = stripped.as_bytes();
            if let Some(&c) = bytes.first()
                && (c == b'`' || c == b'~')
            {
                let run = bytes.iter().take_while(|&&b| b == c).count();
                if run >= 3 {
                    match fence {
                        None => {
                            fence = Some((c, run));
                            continue;
                        }
                        Some((fc, flen))
                            if fc == c
                                && run >= flen
                                && stripped.get(run..).is_some_and(|r| r.trim().is_empty()) =>
                        {
                            fence = None;
                            continue;
                        }
                        _ => {}
                    }
                }
            }
        }
        if fence.is_some() || indent != 0 {
            continue;
        }
        if let Some((close, name)) = tag_line(line) {
            candidates.push((Span::new(ls, next), close, name));
        }
    }
    // Pair them with a stack; unmatched tags stay ordinary text.
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, (_, close, name)) in candidates.iter().enumerate() {
        if *close {
            if let Some(pos) = stack.iter().rposition(|(_, n)| n == name) {
                if let Some(&(open_idx, _)) = stack.get(pos) {
                    pairs.push((open_idx, i));
                }
                stack.truncate(pos);
            }
        } else if stack.len() < MAX_XML_DEPTH {
            stack.push((i, name));
        }
    }
    // Keep only pairs that nest properly (a pair enclosing a partially
    // overlapping one is dropped together with it).
    pairs.sort_unstable();
    let mut keep = vec![false; candidates.len()];
    let mut open_stack: Vec<(usize, usize)> = Vec::new();
    for &(o, c) in &pairs {
        while open_stack.last().is_some_and(|&(_, pc)| pc < o) {
            open_stack.pop();
        }
        if open_stack.last().is_none_or(|&(_, pc)| c < pc) {
            open_stack.push((o, c));
            if let Some(k) = keep.get_mut(o) {
                *k = true;
            }
            if let Some(k) = keep.get_mut(c) {
                *k = true;
            }
        }
    }
    candidates
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((line, close, name), _)| TagMark {
            line,
            open: (!close).then(|| {
                let at = offset_in(text, name).unwrap_or(line.start);
                Span::new(at, at + name.len())
            }),
        })
        .collect()
}

/// Parses one region (text between XML tag lines) and appends its entries.
fn parse_region(src: &Arc<str>, region: Span, soft: SoftBreak, out: &mut Emit<'_>) {
    let text: &str = src;
    let part = slice(text, region);
    if part.trim().is_empty() {
        return;
    }
    let parser = Parser::new_ext(part, options()).into_offset_iter();
    let mut walker = Walker { text, src, base: region.start, iter: parser, items: Vec::new(), soft };
    walker.blocks(out);
    out.settle(None);
}

/// Where a region's entries go, one at a time, finished while they are
/// still in cache (an earlier pass over all entries after the walk, and
/// ids given in `tree` after that, each read a large document's entries
/// back from memory):
///
/// - a paragraph waits for the entry after it: a paragraph ending in `:`
///   directly followed by a list becomes that list's label; otherwise a
///   one-line paragraph may read as a recovered heading or a `===` rule;
/// - each finished block, and each item of a list, gets its id, in
///   document order (blocks and items count their occurrences apart from
///   sections, so giving theirs before the tree is built changes none).
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

    /// Finishes a waiting paragraph, given the entry that follows it.
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
        let next_list = next.and_then(|e| match e {
            Entry::Block(Block { span, kind: BlockKind::List(list), .. }) => Some((span, list)),
            _ => None,
        });
        if let Some((list_span, list)) = next_list
            && ends_with_colon(inline)
        {
            if let Some(Entry::Block(Block { kind: BlockKind::Paragraph { text, md }, .. })) = self.out.pop()
            {
                list_span.start = span.start;
                list.label = Some(Label { text, md, span });
            }
            return;
        }
        // The cheap test first: most paragraphs have a lower-case letter.
        let one_line_caps = may_be_heading_or_rule(inline) && !slice(self.text, span).trim().contains('\n');
        let recovered = one_line_caps.then(|| heading_or_rule(inline, span)).flatten();
        if let (Some(entry), Some(last)) = (recovered, self.out.last_mut()) {
            *last = entry;
        }
        if let Some(Entry::Block(b)) = self.out.last_mut() {
            self.ids.assign(b);
        }
    }
}

/// Streams events with spans in document offsets.
struct Walker<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> {
    text: &'a str,
    src: &'a Arc<str>,
    base: usize,
    iter: I,
    /// Items of the open lists, the innermost list's last: each list moves
    /// its own out in one exact allocation when it ends, instead of growing
    /// a vector of its own by reallocation (which was 4% of a parse).
    items: Vec<Item>,
    soft: SoftBreak,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Walker<'a, I> {
    /// The next event, for loops that do not need its span: not building
    /// the span keeps the returned value in one piece, which the caller
    /// reads back without a store-forwarding stall.
    fn next_event(&mut self) -> Option<Event<'a>> {
        self.iter.next().map(|(ev, _)| ev)
    }

    /// A builder for inline text, reading soft breaks as this document does.
    fn builder(&self) -> InlineBuilder<'a> {
        InlineBuilder::new(self.src, self.soft)
    }

    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        let (ev, r) = self.iter.next()?;
        Some((ev, Span::new(r.start + self.base, r.end + self.base)))
    }

    fn blocks(&mut self, out: &mut Emit<'_>) {
        while let Some((ev, span)) = self.next() {
            match ev {
                Event::Start(Tag::Heading { level, .. }) => {
                    let mut b = self.builder();
                    self.inline_until(&mut b);
                    let md = heading_md(self.src, span);
                    let kind =
                        if is_setext(self.text, span) { HeadingKind::Setext } else { HeadingKind::Atx };
                    out.push(Entry::Heading(Heading {
                        text: b.finish(),
                        md,
                        level: heading_level(level),
                        kind,
                        span,
                    }));
                }
                Event::Start(Tag::Paragraph) => {
                    let mut b = self.builder();
                    self.inline_until(&mut b);
                    out.push(block(
                        span,
                        BlockKind::Paragraph { text: b.finish(), md: paragraph_md(self.src, span) },
                    ));
                }
                Event::Start(Tag::List(first)) => {
                    let items = self.list(first, 1);
                    out.push(block(span, BlockKind::List(List { label: None, items })));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut code = String::new();
                    while let Some(ev) = self.next_event() {
                        match ev {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => code.push_str(&t),
                            _ => {}
                        }
                    }
                    out.push(block(span, BlockKind::Code { lang, code }));
                }
                Event::Start(Tag::Table(_)) => {
                    let (header, rows) = self.table();
                    out.push(block(
                        span,
                        BlockKind::Table { header, rows, md: dedent_lines(self.text, span).into() },
                    ));
                }
                Event::Start(Tag::HtmlBlock) => {
                    self.skip_to_end(&mut self.builder());
                    let raw = slice(self.text, span).trim_end().to_string();
                    out.push(block(span, BlockKind::Html { raw }));
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    let mut b = self.builder();
                    self.skip_to_end(&mut b);
                    out.push(block(
                        span,
                        BlockKind::Quote { text: b.finish(), md: quote_md(self.text, span).into() },
                    ));
                }
                Event::Rule => out.push(block(span, BlockKind::Rule)),
                Event::Start(_) => {
                    // Footnotes, definition lists and anything else: keep as text.
                    let mut b = self.builder();
                    self.skip_to_end(&mut b);
                    out.push(block(
                        span,
                        BlockKind::Paragraph { text: b.finish(), md: paragraph_md(self.src, span) },
                    ));
                }
                Event::End(_) => {}
                other => {
                    let mut b = self.builder();
                    b.feed(&other);
                    if !b.runs.is_empty() {
                        out.push(block(
                            span,
                            BlockKind::Paragraph { text: b.finish(), md: paragraph_md(self.src, span) },
                        ));
                    }
                }
            }
        }
    }

    /// Feeds inline events to `b` until the end of the current container.
    fn inline_until(&mut self, b: &mut InlineBuilder<'_>) {
        let mut depth = 0usize;
        while let Some(ev) = self.next_event() {
            match &ev {
                Event::End(_) if depth == 0 => return,
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    b.feed(&ev);
                }
                Event::Start(_) => {
                    depth += 1;
                    b.feed(&ev);
                }
                _ => {
                    b.feed(&ev);
                }
            }
        }
    }

    /// Consumes the rest of a container, feeding text to `b` and turning block
    /// boundaries into line breaks.
    /// Feeds the inline content up to the end of the open tag into `b`;
    /// returns a task-list marker met on the way (loose task items keep
    /// theirs inside a paragraph).
    fn skip_to_end(&mut self, b: &mut InlineBuilder<'_>) -> Option<bool> {
        let mut depth = 0usize;
        let mut task = None;
        while let Some(ev) = self.next_event() {
            match &ev {
                Event::TaskListMarker(done) => task = Some(*done),
                Event::End(end) => {
                    if depth == 0 {
                        return task;
                    }
                    depth -= 1;
                    if is_block_end(*end) {
                        b.line_break();
                    } else {
                        b.feed(&ev);
                    }
                }
                Event::Start(tag) => {
                    depth += 1;
                    if !is_block_tag(tag) {
                        b.feed(&ev);
                    }
                }
                _ => {
                    b.feed(&ev);
                }
            }
        }
        task
    }

    fn list(&mut self, first: Option<u64>, depth: usize) -> Vec<Item> {
        let base = self.items.len();
        let mut number = first;
        while let Some((ev, span)) = self.next() {
            match ev {
                Event::Start(Tag::Item) => {
                    let marker = number.map_or(Marker::Bullet, Marker::Number);
                    let item = self.item(marker, span, depth);
                    self.items.push(item);
                    number = number.map(|n| n.saturating_add(1));
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        self.items.split_off(base)
    }

    fn item(&mut self, marker: Marker, tight: Span, depth: usize) -> Item {
        // Nested items' ranges may start at the previous line's newline or at
        // their indentation; make them start at the marker.
        let src = slice(self.text, tight);
        let lead = src.len() - src.trim_start().len();
        let tight = Span::new(tight.start + lead, tight.end);
        let mut b = self.builder();
        let mut children = Vec::new();
        let mut task = None;
        while let Some(ev) = self.next_event() {
            match ev {
                Event::End(TagEnd::Item) => break,
                Event::TaskListMarker(done) => task = Some(done),
                Event::Start(Tag::List(first)) if depth < MAX_LIST_DEPTH => {
                    let nested = self.list(first, depth + 1);
                    if children.is_empty() {
                        children = nested;
                    } else {
                        children.extend(nested);
                    }
                }
                Event::Start(Tag::List(_)) => {
                    b.line_break();
                    self.skip_to_end(&mut b);
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    b.line_break();
                    let mut code = String::new();
                    while let Some(ev) = self.next_event() {
                        match ev {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => code.push_str(&t),
                            _ => {}
                        }
                    }
                    b.push(code.trim_end(), marks::CODE);
                    b.line_break();
                }
                Event::Start(tag) if is_block_tag(&tag) => {
                    b.line_break();
                    let marker = self.skip_to_end(&mut b);
                    task = task.or(marker);
                    b.line_break();
                }
                Event::Rule => b.line_break(),
                other => {
                    b.feed(&other);
                }
            }
        }
        let text = b.finish_trimmed();
        Item { id: Id(0), span: tight, marker, task, md: item_md(self.src, tight, &children), text, children }
    }

    fn table(&mut self) -> (Vec<Inline>, Vec<Vec<Inline>>) {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<Inline>> = Vec::new();
        let mut in_head = false;
        while let Some(ev) = self.next_event() {
            match ev {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let mut b = self.builder();
                    self.inline_until(&mut b);
                    let cell = b.finish();
                    if in_head {
                        header.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                }
                _ => {}
            }
        }
        (header, rows)
    }
}

fn block(span: Span, kind: BlockKind) -> Entry {
    Entry::Block(Block { id: Id(0), span, kind })
}

fn is_block_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::MetadataBlock(_)
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Accumulates inline runs, merging neighbours with equal formatting.
///
/// Text the parser borrowed from the document stays a byte range of it while
/// it grows contiguously, so most runs become [`Str`] slices without an
/// allocation; anything else (a soft break's space, a decoded entity) turns
/// the run into owned text.
pub(crate) struct InlineBuilder<'a> {
    src: &'a Arc<str>,
    /// The runs; most texts have one, which needs no allocation.
    runs: Runs<RunBuf>,
    strong: u32,
    emph: u32,
    strike: u32,
    links: Vec<Str>,
    /// What a soft break reads as ([`SoftBreak`]).
    soft: &'static str,
}

/// A run under construction.
struct RunBuf {
    text: TextBuf,
    marks: u8,
    href: Option<Str>,
}

enum TextBuf {
    /// `src[start..end]`.
    Slice(usize, usize),
    Owned(String),
}

impl TextBuf {
    fn as_str<'s>(&'s self, src: &'s str) -> &'s str {
        match self {
            TextBuf::Slice(a, b) => src.get(*a..*b).unwrap_or(""),
            TextBuf::Owned(s) => s,
        }
    }

    /// Drops `lead` bytes at the start and keeps `keep` bytes after them.
    fn narrow(&mut self, lead: usize, keep: usize) {
        match self {
            TextBuf::Slice(a, b) => {
                *a += lead;
                *b = (*a + keep).min(*b);
            }
            TextBuf::Owned(s) => {
                s.truncate(lead + keep);
                s.drain(..lead.min(s.len()));
            }
        }
    }
}

impl<'a> InlineBuilder<'a> {
    fn new(src: &'a Arc<str>, soft: SoftBreak) -> Self {
        Self {
            src,
            runs: Runs::default(),
            strong: 0,
            emph: 0,
            strike: 0,
            links: Vec::new(),
            soft: soft.text(),
        }
    }

    fn marks(&self) -> u8 {
        let mut m = 0;
        if self.strong > 0 {
            m |= marks::STRONG;
        }
        if self.emph > 0 {
            m |= marks::EMPH;
        }
        if self.strike > 0 {
            m |= marks::STRIKE;
        }
        m
    }

    pub(crate) fn push(&mut self, text: &str, extra: u8) {
        if text.is_empty() {
            return;
        }
        let marks = self.marks() | extra;
        let href = self.links.last();
        let src: &str = self.src;
        let at = offset_in(src, text);
        if let Some(last) = self.runs.last_mut()
            && last.marks == marks
            && last.href.as_ref() == href
        {
            match &mut last.text {
                TextBuf::Slice(_, end) if at == Some(*end) => *end += text.len(),
                TextBuf::Slice(a, b) => {
                    let mut owned = String::with_capacity(*b - *a + text.len());
                    owned.push_str(src.get(*a..*b).unwrap_or(""));
                    owned.push_str(text);
                    last.text = TextBuf::Owned(owned);
                }
                TextBuf::Owned(s) => s.push_str(text),
            }
            return;
        }
        let text = match at {
            Some(a) => TextBuf::Slice(a, a + text.len()),
            None => TextBuf::Owned(text.to_string()),
        };
        self.runs.push(RunBuf { text, marks, href: href.cloned() });
    }

    fn line_break(&mut self) {
        let src: &str = self.src;
        if self.runs.last().is_some_and(|r| !r.text.as_str(src).ends_with('\n')) {
            self.push("\n", 0);
        }
    }

    fn feed(&mut self, ev: &Event<'_>) -> bool {
        match ev {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.push(t, 0),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push(t, marks::CODE),
            Event::FootnoteReference(t) => self.push(&format!("[^{t}]"), 0),
            Event::SoftBreak => self.push(self.soft, 0),
            Event::HardBreak => self.push("\n", 0),
            Event::Start(Tag::Emphasis) => self.emph += 1,
            Event::End(TagEnd::Emphasis) => self.emph = self.emph.saturating_sub(1),
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => self.strike = self.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                self.links.push(Str::within(self.src, dest_url));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.links.pop();
            }
            _ => return false,
        }
        true
    }

    /// Trims whitespace at both ends of the text built so far.
    fn trim(&mut self) {
        let src: &str = self.src;
        if let Some(first) = self.runs.first_mut() {
            let t = first.text.as_str(src);
            let lead = t.len() - t.trim_start().len();
            let keep = t.len() - lead;
            first.text.narrow(lead, keep);
        }
        if let Some(last) = self.runs.last_mut() {
            let keep = last.text.as_str(src).trim_end().len();
            last.text.narrow(0, keep);
        }
        self.runs.retain(|r| !r.text.as_str(src).is_empty());
    }

    pub(crate) fn finish(self) -> Inline {
        let src = self.src;
        let run = |r: RunBuf| Run {
            text: match r.text {
                TextBuf::Slice(a, b) => Str::slice(src, Span::new(a, b)),
                TextBuf::Owned(s) => Str::from(s),
            },
            marks: r.marks,
            href: r.href,
        };
        Inline::from_runs(self.runs.map(run))
    }

    /// [`finish`](Self::finish), with whitespace trimmed at both ends.
    fn finish_trimmed(mut self) -> Inline {
        self.trim();
        self.finish()
    }
}

fn is_setext(text: &str, span: Span) -> bool {
    !slice(text, span).trim_start().starts_with('#')
}

/// The Markdown of a heading's text: markers and closing hashes removed,
/// setext lines joined.
fn heading_md(shared: &Arc<str>, span: Span) -> Str {
    let text: &str = shared;
    let src = slice(text, span);
    let trimmed = src.trim_start();
    if let Some(rest) = trimmed.strip_prefix('#') {
        let line = rest.lines().next().unwrap_or("").trim_start_matches('#').trim();
        // A closing sequence is hashes preceded by a space.
        let closed = line.trim_end_matches('#');
        let line = if closed.len() < line.len() && (closed.is_empty() || closed.ends_with([' ', '\t'])) {
            closed.trim_end()
        } else {
            line
        };
        return Str::within(shared, line);
    }
    let mut parts: Vec<&str> = src.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    parts.pop(); // the underline
    match parts.as_slice() {
        [one] => Str::within(shared, one),
        _ => parts.join(" ").into(),
    }
}

/// A paragraph's Markdown: lines trimmed, continuation lines made safe.
fn paragraph_md(shared: &Arc<str>, span: Span) -> Str {
    let text: &str = shared;
    let src = slice(text, span);
    let one_line = src.trim();
    if !one_line.contains('\n') {
        return Str::within(shared, one_line);
    }
    let mut out = String::with_capacity(src.len());
    let all: Vec<&str> = src.lines().collect();
    let count = all.len();
    for (i, raw) in all.iter().enumerate() {
        let line = raw.trim_start();
        let hard = raw.ends_with("  ") && i + 1 < count;
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
        } else {
            out.push('\n');
            out.push_str(&escape_line_start(line));
        }
        if hard && !line.ends_with('\\') {
            out.push('\\');
        }
    }
    out.into()
}

/// The block's lines with their leading whitespace removed (tables, quotes).
fn dedent_lines(text: &str, span: Span) -> String {
    slice(text, span).lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A quote's lines dedented; lazy continuation lines (no `>`) are escaped
/// so that they stay paragraph text once their indentation is gone.
fn quote_md(text: &str, span: Span) -> String {
    slice(text, span)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| if l.starts_with('>') { l.to_string() } else { escape_line_start(l) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Column of `pos` counting tabs to the next multiple of four.
fn column(text: &str, from: usize, pos: usize) -> usize {
    let mut col = 0;
    for c in text.get(from..pos).unwrap_or("").chars() {
        col = if c == '\t' { (col / 4 + 1) * 4 } else { col + 1 };
    }
    col
}

/// The first `\n` in `bytes`, eight bytes a step. Items are short, and for
/// them this beats the general memchr, whose setup is most of its cost.
fn first_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let Ok(a) = <[u8; 8]>::try_from(w) else { break };
        let x = u64::from_le_bytes(a) ^ (ONES * u64::from(b'\n'));
        // A zero byte sets its high bit; a borrow can only flag bytes above
        // a true zero, so the lowest flag is exact.
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words.remainder().iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// The column of a list marker at `pos`. Usually only spaces and tabs lie
/// before it on its line, which a short backward scan finds; otherwise
/// (a marker after a quote's `>`, say) the general line search.
fn marker_column(text: &str, pos: usize) -> usize {
    let head = text.as_bytes().get(..pos).unwrap_or_default();
    let indent = head.iter().rev().take_while(|&&b| b == b' ' || b == b'\t').count();
    let ls = pos - indent;
    match head.get(..ls).and_then(<[u8]>::last) {
        None | Some(b'\n') => column(text, ls, pos),
        Some(_) => column(text, line_start(text, pos), pos),
    }
}

/// Removes up to `cols` columns of leading whitespace.
fn strip_columns(line: &str, cols: usize) -> &str {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        if col >= cols {
            return line.get(i..).unwrap_or("");
        }
        match c {
            ' ' => col += 1,
            '\t' => col = (col / 4 + 1) * 4,
            _ => return line.get(i..).unwrap_or(""),
        }
    }
    ""
}

/// An item's own content as Markdown: the marker removed, nested items left
/// out, continuation lines dedented to the item's content column.
fn item_md(shared: &Arc<str>, tight: Span, children: &[Item]) -> Str {
    let text: &str = shared;
    let marker_col = marker_column(text, tight.start);
    let src = slice(text, Span::new(tight.start, tight.end));
    let bytes = src.as_bytes();
    let marker_len = match bytes.first() {
        Some(b'0'..=b'9') => bytes.iter().take_while(|c| c.is_ascii_digit()).count() + 1,
        Some(_) => src.chars().next().map_or(1, char::len_utf8),
        None => 0,
    };
    let after_marker = src.get(marker_len..);
    // The first line, by bytes: most items are one short line, for which a
    // plain scan beats the general `lines` searcher. Its newline is also the
    // first one in the item's own text.
    let newline = after_marker.and_then(|a| first_newline(a.as_bytes()));
    let after = after_marker.unwrap_or("");
    let first_line = newline.and_then(|i| after.get(..i)).unwrap_or(after);
    let first_line = first_line.strip_suffix('\r').unwrap_or(first_line);
    let spaces = first_line.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    // Blank unless a printable ASCII character follows the spaces; anything
    // else asks the Unicode-aware trim.
    let blank = match first_line.as_bytes().get(spaces) {
        Some(&b) if b > b' ' && b < 0x80 => false,
        _ => first_line.trim().is_empty(),
    };
    let gap = if blank || spaces > 4 { 1.min(spaces) } else { spaces };
    let content_col = marker_col + marker_len + gap.max(1);
    let content_start = tight.start + marker_len + gap;

    // Fast path, taken by most items: the own text is a single line and
    // only whitespace lies between and after the children.
    let head_end = children.first().map_or(tight.end, |c| c.span.start.min(tight.end));
    let head_start = content_start.min(head_end);
    let head = slice(text, Span::new(head_start, head_end)).trim_end();
    // `content_start` is never past the first newline, so the head holds a
    // newline exactly when that one lies inside it.
    let head_has_newline = match (after_marker, newline) {
        (Some(_), Some(i)) => tight.start + marker_len + i < head_start + head.len(),
        (Some(_), None) => false,
        (None, _) => head.contains('\n'),
    };
    let rest_blank = children.iter().enumerate().all(|(i, c)| {
        let next = children.get(i + 1).map_or(tight.end, |n| n.span.start);
        is_blank(text, c.span.end, next)
    });
    if rest_blank && !head_has_newline {
        return Str::slice(shared, Span::new(head_start, head_start + head.len()));
    }

    // Own text: the item minus its children's spans.
    let mut own = String::new();
    let mut pos = content_start.min(tight.end);
    let push_segment = |own: &mut String, from: usize, to: usize| {
        let seg = slice(text, Span::new(from, to));
        // Drop the indentation that preceded a cut-out child on its line.
        let seg = match seg.rfind('\n') {
            Some(nl) if seg.get(nl + 1..).is_some_and(|t| t.trim().is_empty()) => {
                seg.get(..=nl).unwrap_or(seg)
            }
            None if seg.trim().is_empty() && !own.is_empty() => "",
            _ => seg,
        };
        if !own.is_empty() && !own.ends_with('\n') && line_start(text, from) == from {
            own.push('\n');
        }
        own.push_str(seg);
    };
    for c in children.iter().map(|c| c.span) {
        if c.start > pos {
            push_segment(&mut own, pos, c.start);
        }
        pos = pos.max(c.end);
    }
    if pos < tight.end {
        push_segment(&mut own, pos, tight.end);
    }
    let mut out = String::with_capacity(own.len());
    for (i, line) in own.lines().enumerate() {
        if i == 0 {
            out.push_str(line.trim_end());
            continue;
        }
        out.push('\n');
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let indent_cols = column(line, 0, indent);
        let l = strip_columns(line, content_col).trim_end();
        // A line indented less than the content is a lazy paragraph
        // continuation; keep it one once re-indented.
        if indent_cols < content_col && !l.is_empty() {
            out.push_str(&escape_line_start(l));
        } else {
            out.push_str(l);
        }
    }
    let trimmed = out.trim_end();
    // Collapse runs of blank lines left where nested lists were cut out.
    let mut result = String::with_capacity(trimmed.len());
    let mut blank_run = 0;
    for line in trimmed.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        if !result.is_empty() || !line.trim().is_empty() {
            if !result.is_empty() {
                result.push('\n');
            }
            result.push_str(line);
        }
    }
    result.into()
}

/// The recovered heading or rule a one-line paragraph reads as, if any.
fn heading_or_rule(inline: &Inline, span: Span) -> Option<Entry> {
    let plain = inline.to_plain();
    let plain_t = plain.trim();
    if is_equals_rule(plain_t) {
        return Some(block(span, BlockKind::Rule));
    }
    let all_code = inline.runs().iter().all(|r| r.marks & marks::CODE != 0);
    let h = Str::from(recovered_heading(plain_t).filter(|_| !all_code)?);
    Some(Entry::Heading(Heading {
        text: Inline::plain(h.clone()),
        md: h,
        level: 0,
        kind: HeadingKind::Recovered,
        span,
    }))
}

/// Whether the text, trimmed, ends in `:` (a list label).
fn ends_with_colon(inline: &Inline) -> bool {
    inline
        .runs()
        .iter()
        .rev()
        .map(|r| r.text.trim_end())
        .find(|t| !t.is_empty())
        .is_some_and(|t| t.ends_with(':'))
}

/// A cheap filter before [`recovered_heading`]: a banner or rule starts with
/// `=`, and an ALL CAPS line has no lower-case ASCII letter.
fn may_be_heading_or_rule(inline: &Inline) -> bool {
    let first = inline.runs().iter().map(|r| r.text.trim_start()).find(|t| !t.is_empty());
    first.is_some_and(|t| t.starts_with('='))
        || !inline.runs().iter().any(|r| r.text.bytes().any(|b| b.is_ascii_lowercase()))
}

/// The heading text of a line that reads as a heading in plain text:
/// a `==== banner ====` or an ALL CAPS line.
#[must_use]
pub(crate) fn recovered_heading(line: &str) -> Option<String> {
    let t = line.trim();
    match banner(t) {
        Some(inner) => (inner.chars().count() <= 80).then(|| inner.to_string()),
        None => is_caps_heading(t).then(|| t.to_string()),
    }
}

/// Gives recovered headings the shallowest real heading level (the title
/// excepted), so they rank with the document's own sections.
fn assign_recovered_levels(out: &mut [Entry]) {
    let level_ones = out
        .iter()
        .filter(|e| matches!(e, Entry::Heading(h) if h.kind != HeadingKind::Recovered && h.level == 1))
        .count();
    let title_candidate = matches!(out.first(), Some(Entry::Heading(h)) if h.kind != HeadingKind::Recovered && h.level == 1)
        && level_ones == 1;
    let min_real = out
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Entry::Heading(h) if h.kind != HeadingKind::Recovered && !(i == 0 && title_candidate) => {
                Some(h.level)
            }
            _ => None,
        })
        .min();
    let level = min_real.unwrap_or(if title_candidate { 2 } else { 1 });
    for e in out.iter_mut() {
        if let Entry::Heading(h) = e
            && h.kind == HeadingKind::Recovered
        {
            h.level = level;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_newline;

    #[test]
    fn first_newline_agrees_with_a_plain_search() {
        // Bytes around '\n' (0x0A) and ones that trip naive zero-byte
        // tricks (0x0B, 0x8A, 0x0A + 0x80), at every position of two words
        // and a remainder.
        for len in 0..20 {
            for at in 0..=len {
                for filler in [b'a', 0x0B, 0x8A, 0x09, 0xFF, 0x00] {
                    let mut bytes = vec![filler; len];
                    if let Some(b) = bytes.get_mut(at) {
                        *b = b'\n';
                    }
                    // A second newline later must not win.
                    if let Some(b) = bytes.get_mut(at + 3) {
                        *b = b'\n';
                    }
                    let want = bytes.iter().position(|&b| b == b'\n');
                    assert_eq!(first_newline(&bytes), want, "{bytes:?}");
                }
            }
        }
    }
}
