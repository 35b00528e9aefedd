//! The event walker: pulldown-cmark's events (with offsets) for one region
//! into entries (headings and blocks, lists with their items nested), one
//! construct at a time, each emitted as soon as it ends.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use super::inline::InlineBuilder;
use super::normalise::{dedent_lines, heading_md, is_setext, item_md, paragraph_md, quote_md};
use super::{Emit, MAX_LIST_DEPTH, SoftBreak, block};
use crate::persona::model::{BlockKind, Heading, HeadingKind, Id, Inline, Item, List, Marker, marks};
use crate::persona::text::{Span, slice};
use crate::persona::tree::Entry;

/// Streams events with spans in document offsets.
pub(super) struct Walker<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> {
    text: &'a str,
    src: &'a Arc<str>,
    /// Where the region starts in the document.
    base: usize,
    iter: I,
    /// Items of the open lists, the innermost list's last: each list moves
    /// its own out in one exact allocation when it ends, rather than
    /// growing a vector of its own.
    items: Vec<Item>,
    soft: SoftBreak,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Walker<'a, I> {
    /// A walker over the events `iter` of the region at `base` of `src`.
    pub(super) fn new(src: &'a Arc<str>, base: usize, iter: I, soft: SoftBreak) -> Self {
        Self { text: src, src, base, iter, items: Vec::new(), soft }
    }

    /// The next event, for loops that do not need its span: not building
    /// the span keeps the returned value in one piece, which the caller
    /// reads back without a store-forwarding stall.
    fn next_event(&mut self) -> Option<Event<'a>> {
        self.iter.next().map(|(ev, _)| ev)
    }

    /// The next event with its span in document offsets.
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        let (ev, r) = self.iter.next()?;
        Some((ev, Span::new(r.start + self.base, r.end + self.base)))
    }

    /// A builder for inline text, reading soft breaks as this document does.
    fn builder(&self) -> InlineBuilder<'a> {
        InlineBuilder::new(self.src, self.soft)
    }

    /// Walks the region's top-level constructs, emitting each into `out`.
    pub(super) fn blocks(&mut self, out: &mut Emit<'_>) {
        while let Some((ev, span)) = self.next() {
            let entry = match ev {
                Event::Start(Tag::Heading { level, .. }) => self.heading(level, span),
                Event::Start(Tag::Paragraph) => self.paragraph(span),
                Event::Start(Tag::List(first)) => {
                    let items = self.list(first, 1);
                    block(span, BlockKind::List(List { label: None, items }))
                }
                Event::Start(Tag::CodeBlock(kind)) => self.code_block(&kind, span),
                Event::Start(Tag::Table(_)) => self.table(span),
                Event::Start(Tag::HtmlBlock) => self.html(span),
                Event::Start(Tag::BlockQuote(_)) => self.quote(span),
                Event::Rule => block(span, BlockKind::Rule),
                // Footnotes, definition lists and anything else: keep as text.
                Event::Start(_) => self.container_as_text(span),
                Event::End(_) => continue,
                other => match self.loose_inline(&other, span) {
                    Some(entry) => entry,
                    None => continue,
                },
            };
            out.push(entry);
        }
    }

    fn heading(&mut self, level: HeadingLevel, span: Span) -> Entry {
        let mut b = self.builder();
        self.inline_until(&mut b);
        let md = heading_md(self.src, span);
        let kind = if is_setext(self.text, span) { HeadingKind::Setext } else { HeadingKind::Atx };
        Entry::Heading(Heading { text: b.finish(), md, level: heading_level(level), kind, span })
    }

    fn paragraph(&mut self, span: Span) -> Entry {
        let mut b = self.builder();
        self.inline_until(&mut b);
        block(span, BlockKind::Paragraph { text: b.finish(), md: paragraph_md(self.src, span) })
    }

    fn code_block(&mut self, kind: &CodeBlockKind<'_>, span: Span) -> Entry {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let code = self.code_text();
        block(span, BlockKind::Code { lang, code })
    }

    /// The text of the open code block, up to its end.
    fn code_text(&mut self) -> String {
        let mut code = String::new();
        while let Some(ev) = self.next_event() {
            match ev {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => code.push_str(&t),
                _ => {}
            }
        }
        code
    }

    fn table(&mut self, span: Span) -> Entry {
        let (header, rows) = self.table_cells();
        block(span, BlockKind::Table { header, rows, md: dedent_lines(self.text, span).into() })
    }

    fn html(&mut self, span: Span) -> Entry {
        self.skip_to_end(&mut self.builder());
        let raw = slice(self.text, span).trim_end().to_string();
        block(span, BlockKind::Html { raw })
    }

    fn quote(&mut self, span: Span) -> Entry {
        let mut b = self.builder();
        self.skip_to_end(&mut b);
        block(span, BlockKind::Quote { text: b.finish(), md: quote_md(self.text, span).into() })
    }

    /// A container the model has no block for, as a paragraph of its text.
    fn container_as_text(&mut self, span: Span) -> Entry {
        let mut b = self.builder();
        self.skip_to_end(&mut b);
        block(span, BlockKind::Paragraph { text: b.finish(), md: paragraph_md(self.src, span) })
    }

    /// Inline content outside any block (raw HTML, math), as a paragraph
    /// when it has text.
    fn loose_inline(&self, ev: &Event<'_>, span: Span) -> Option<Entry> {
        let mut b = self.builder();
        b.feed(ev);
        (!b.is_empty())
            .then(|| block(span, BlockKind::Paragraph { text: b.finish(), md: paragraph_md(self.src, span) }))
    }

    /// Feeds inline events to `b` until the end of the current container.
    fn inline_until(&mut self, b: &mut InlineBuilder<'_>) {
        let mut depth = 0usize;
        while let Some(ev) = self.next_event() {
            match &ev {
                Event::End(_) if depth == 0 => return,
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Start(_) => depth += 1,
                _ => {}
            }
            b.feed(&ev);
        }
    }

    /// Consumes the rest of the open container, feeding its inline content
    /// to `b` and turning block boundaries into line breaks; returns a
    /// task-list marker met on the way (loose task items keep theirs inside
    /// a paragraph).
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

    /// The items of the open list, at nesting `depth`, numbered from
    /// `first` when it is ordered.
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

    /// The open item at `tight`: its text, task marker, nested lists (as
    /// children up to [`MAX_LIST_DEPTH`], folded into its text below) and
    /// Markdown.
    fn item(&mut self, marker: Marker, tight: Span, depth: usize) -> Item {
        let tight = from_marker(self.text, tight);
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
                Event::Start(Tag::CodeBlock(_)) => self.item_code(&mut b),
                Event::Start(tag) if is_block_tag(&tag) => {
                    b.line_break();
                    task = task.or(self.skip_to_end(&mut b));
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

    /// A code block inside an item, as code-marked lines of its text.
    fn item_code(&mut self, b: &mut InlineBuilder<'_>) {
        b.line_break();
        let code = self.code_text();
        b.push(code.trim_end(), marks::CODE);
        b.line_break();
    }

    /// The open table's header cells and rows.
    fn table_cells(&mut self) -> (Vec<Inline>, Vec<Vec<Inline>>) {
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

/// A nested item's range may start at the previous line's newline or at
/// its indentation; this one starts at the marker.
fn from_marker(text: &str, tight: Span) -> Span {
    let src = slice(text, tight);
    let lead = src.len() - src.trim_start().len();
    Span::new(tight.start + lead, tight.end)
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
