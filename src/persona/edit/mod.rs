//! Editing a persona by editing its document text at a unit's span.
//!
//! The document text stays the single source of truth: every edit here is a
//! text edit, after which the caller parses the new text as usual
//! ([`super::parse_with_hint`]). Ids of untouched units derive from their
//! kind, normalised text and occurrence, so they (and the selection that
//! names them) survive the edit. [`fresh_units`] tells the caller which
//! unit an edit made.
//!
//! Text documents (Markdown, web copies) are edited in place: frontmatter
//! is never touched, CRLF documents get CRLF, a new item copies its
//! sibling's line prefix. JSON and YAML documents (cards, Roo Code modes,
//! data) are edited on their Markdown rendering, and the one field whose
//! text changed is written back into the source (`data.rs`), the rest of
//! which stays byte for byte.
//!
//! Children: `locate.rs` finds units and their own text, `text.rs` does the
//! line arithmetic, `settle.rs` picks between a plain and a spaced edit at
//! tight block boundaries, `data.rs` writes JSON fields back and `yaml.rs`
//! YAML ones.
//!
//! Limits: a JSON or YAML document's sections are its fields (their names
//! and order are fixed, none can be added), and the generic rendering of
//! other data (scalars as `key: value` items) is not written back. A web
//! copy's headings are read from the lines around them, so a new section
//! without content, or a section left without any, may read as a
//! paragraph after the re-parse.

mod data;
mod locate;
mod settle;
mod text;
mod yaml;

use super::model::{Block, BlockKind, Heading, HeadingKind, Id, Item, Node, Persona, Section};
use super::order::{self, Unit};
use super::text::{Span, line_end, lines, slice};
use locate::{Found, find};
use text::{
    Edits, block_insertion, content_start, for_editor, item_prefix_len, last_content_end, newline, number_at,
    one_line, trim_end_lines, trim_start_lines, with_newlines,
};

/// Why an edit could not be made (the messages are for people).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The id is not a unit of this document.
    #[error("That part is no longer in the document.")]
    NotFound,
    /// The unit cannot be edited this way; the message says why.
    #[error("{0}")]
    NotEditable(&'static str),
    /// There is nothing to move the unit past.
    #[error("There is nothing to move it past.")]
    NoSibling,
}

/// Which way [`move_unit`] moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the start of the document.
    Up,
    /// Towards the end of the document.
    Down,
}

/// Where [`append`] adds a guideline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// The end of a list, by the list block's id.
    List(Id),
    /// The end of a section's own content, by the section's id.
    Section(Id),
    /// The end of the document body.
    Document,
}

const CARD_ORDER: &str =
    "The sections of a JSON or YAML document are its fields, and fields keep their order.";
const CARD_SECTIONS: &str = "A JSON or YAML document's sections are its fields; none can be added here.";
const SHARED_LINE: &str = "This part shares its line with another; split the line before moving it.";
const NO_HEADING: &str = "A section needs a heading.";
const TAG_NAME: &str =
    "An XML section's heading is its tag name: a letter, then letters, digits, spaces, `-`, `_`, `.` or `:`.";

/// The unit's own Markdown for the editor: a list item's text without its
/// marker, task box or nested items (continuation lines un-indented); a
/// block's own lines without the blank lines before it; a heading's text
/// without its `#`s, underline or tags. `None` when `id` is not a unit.
#[must_use]
pub fn own_markdown(p: &Persona, id: Id) -> Option<String> {
    let found = find(p, id)?;
    let text: &str = &p.text;
    let own = locate::own(text, found);
    let nl = newline(text, found.span());
    let raw = slice(text, own.region);
    let shown = match found {
        Found::Item { .. } => raw
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                if i == 0 || l.trim().is_empty() {
                    l
                } else {
                    l.strip_prefix(own.indent.as_str()).unwrap_or(l)
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => raw.to_string(),
    };
    Some(for_editor(&shown, nl))
}

/// The document text with unit `id`'s own Markdown replaced by `markdown`.
/// An item keeps its marker, task box and indentation (more lines become
/// continuation lines); a heading keeps its level and kind. Whitespace-only
/// `markdown` removes the unit with everything it holds.
pub fn replace(source: &str, p: &Persona, id: Id, markdown: &str) -> Result<String, EditError> {
    let found = find(p, id).ok_or(EditError::NotFound)?;
    if own_markdown(p, id).as_deref() == Some(markdown) {
        // Nothing changes (even where writing the text back would).
        return Ok(source.to_string());
    }
    let text: &str = &p.text;
    let mut edits = Edits::default();
    let mut spaced = Edits::default();
    if markdown.trim().is_empty() {
        // The blank lines after the unit stay (a list's span holds those
        // that part it from the next block).
        let span = found.span();
        let start = if found.is_first() { content_start(text, span) } else { span.start };
        let gone = Span::new(start, past_last_line(text, span));
        edits.push(gone, "");
        // Joining the lines on either side could make them one block.
        if settle::tight_before(text, gone.start)
            && text.get(gone.end..).is_some_and(|t| !t.split('\n').next().unwrap_or("").trim().is_empty())
        {
            spaced.push(gone, newline(text, span));
        }
        if let Found::Item { siblings, index, .. } = found
            && let Some((_, n)) = number_at(text, content_start(text, span))
        {
            renumber_after(text, siblings, index, n, false, &mut edits);
        }
    } else {
        replace_own(text, found, markdown, &mut edits)?;
        if let Found::Block { .. } = found {
            let own = locate::own(text, found);
            let nl = newline(text, found.span());
            let mut with = String::new();
            if settle::tight_before(text, own.region.start) {
                with.push_str(nl);
            }
            with.push_str(&with_newlines(&trim_end_lines(trim_start_lines(markdown)), nl));
            if settle::tight_after(text, own.region.end) {
                with.push_str(nl);
            }
            spaced.push(own.region, with);
        }
    }
    let candidates = if spaced.is_empty() || matches!(found, Found::Item { .. }) {
        vec![edits]
    } else {
        vec![edits, spaced]
    };
    finish(source, p, settle::first_keeping(p, &settle::held(found, id), candidates))
}

fn replace_own(text: &str, found: Found<'_>, md: &str, edits: &mut Edits) -> Result<(), EditError> {
    let own = locate::own(text, found);
    let nl = newline(text, found.span());
    match found {
        Found::Title(h) => edits.push(own.region, heading_text(h, md, nl)?),
        Found::Section { s, .. } => {
            let new = heading_text(&s.heading, md, nl)?;
            if let Some(close) = s.close {
                let old = slice(text, own.region);
                let line = slice(text, close);
                if let Some(i) = line.find(&format!("</{old}>")) {
                    edits.push(Span::new(close.start + i + 2, close.start + i + 2 + old.len()), new.clone());
                }
            }
            edits.push(own.region, new);
        }
        Found::Block { .. } => {
            edits.push(own.region, with_newlines(&trim_end_lines(trim_start_lines(md)), nl));
        }
        Found::Item { .. } => edits.push(own.region, item_body(md, &own.indent, nl)),
    }
    Ok(())
}

/// A heading's new text: one line (a setext heading may have several);
/// for an XML section, a valid tag name.
fn heading_text(h: &Heading, md: &str, nl: &str) -> Result<String, EditError> {
    if h.kind == HeadingKind::Setext {
        let md = md.replace("\r\n", "\n");
        let lines: Vec<&str> = md.split('\n').filter(|l| !l.trim().is_empty()).collect();
        return Ok(lines.join(nl));
    }
    let t = one_line(md);
    if h.kind == HeadingKind::XmlTag && !valid_tag(&t) {
        return Err(EditError::NotEditable(TAG_NAME));
    }
    Ok(t)
}

/// Whether `name` reads as an XML section's tag name (as the Markdown
/// reader's tag lines do).
fn valid_tag(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_alphabetic)
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | ' '))
        && name.len() <= 64
        && !name.contains("  ")
}

/// An item's text as written after its marker: later lines indented by
/// `indent` (blank lines left as they are).
fn item_body(md: &str, indent: &str, nl: &str) -> String {
    let md = if nl == "\r\n" { md.replace("\r\n", "\n") } else { md.to_string() };
    trim_end_lines(&md)
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i == 0 || l.trim().is_empty() { l.to_string() } else { format!("{indent}{l}") })
        .collect::<Vec<_>>()
        .join(nl)
}

/// Inserts a new guideline right after unit `id`: after an item (and its
/// nested items) a new item of the same list in the same style (a numbered
/// list gets the next number, and later numbers move up when they ran in
/// sequence); after a block a new paragraph; after a section heading (or
/// the title) a first block under it.
pub fn insert_after(source: &str, p: &Persona, id: Id, markdown: &str) -> Result<String, EditError> {
    let found = find(p, id).ok_or(EditError::NotFound)?;
    if markdown.trim().is_empty() {
        return Ok(source.to_string());
    }
    let text: &str = &p.text;
    let mut edits = Edits::default();
    match found {
        Found::Item { siblings, index, .. } => new_item(text, siblings, index, markdown, &mut edits),
        Found::Block { b, .. } => new_block(p, b.span.end, b.span, markdown, &mut edits),
        Found::Section { s, .. } => new_block(p, s.heading.span.end, s.span, markdown, &mut edits),
        Found::Title(h) => new_block(p, h.span.end, h.span, markdown, &mut edits),
    }
    finish(source, p, edits)
}

/// A new block at `at`, with the line endings of the text `near` it.
fn new_block(p: &Persona, at: usize, near: Span, md: &str, edits: &mut Edits) {
    let text: &str = &p.text;
    let nl = newline(text, near);
    let md = trim_end_lines(trim_start_lines(md));
    edits.push(Span::new(at, at), block_insertion(text, at, &md, nl, web(p)));
}

/// Whether `p` is a web copy, whose blocks are lines: blank lines around a
/// new one would change how the lines near it are read.
fn web(p: &Persona) -> bool {
    p.dialect == super::model::Dialect::WebCopy
}

/// A new item after `siblings[index]`, in its style.
fn new_item(text: &str, siblings: &[Item], index: usize, md: &str, edits: &mut Edits) {
    let Some(item) = siblings.get(index) else { return };
    let nl = newline(text, item.span);
    let line = content_start(text, item.span);
    let first_end = lines(text, line, item.span.end).next().map_or(line, |(_, ce, _)| ce);
    let mut prefix =
        slice(text, Span::new(line, line + item_prefix_len(slice(text, Span::new(line, first_end)))))
            .to_string();
    for checked in ["[x]", "[X]"] {
        prefix = prefix.replacen(checked, "[ ]", 1);
    }
    if let Some((digits, n)) = number_at(text, line) {
        let from = digits.start - line;
        let next = n.saturating_add(1).to_string();
        prefix = format!(
            "{}{next}{}",
            prefix.get(..from).unwrap_or(""),
            prefix.get(from + digits.len()..).unwrap_or("")
        );
        renumber_after(text, siblings, index, n, true, edits);
    }
    let indent = " ".repeat(prefix.chars().count());
    let loose = siblings.get(index + 1).is_some_and(|s| content_start(text, s.span) > s.span.start)
        || (index > 0 && content_start(text, item.span) > item.span.start);
    let at = past_last_line(text, item.span);
    let before_nl = at == 0 || text.get(..at).is_some_and(|b| b.ends_with('\n'));
    let mut out = String::new();
    if !before_nl {
        out.push_str(nl);
    }
    if loose {
        out.push_str(nl);
    }
    out.push_str(&prefix);
    out.push_str(&item_body(md, &indent, nl));
    if before_nl || at < text.len() {
        out.push_str(nl);
    }
    edits.push(Span::new(at, at), out);
}

/// Just past the line ending of the last line of `span` with text: before
/// the blank lines a list's span ends with.
fn past_last_line(text: &str, span: Span) -> usize {
    line_end(text, last_content_end(text, span)).clamp(span.start, span.end.max(span.start))
}

/// Moves the numbers of the items after `siblings[index]` (numbered `n`)
/// up by one (`up`) or down by one, when they run in sequence from it.
fn renumber_after(text: &str, siblings: &[Item], index: usize, n: u64, up: bool, edits: &mut Edits) {
    let later: Vec<(Span, u64)> = siblings
        .iter()
        .skip(index + 1)
        .filter_map(|s| number_at(text, content_start(text, s.span)))
        .collect();
    let sequential = later.len() == siblings.len().saturating_sub(index + 1)
        && later.iter().zip(1u64..).all(|((_, m), k)| *m == n.saturating_add(k));
    if sequential {
        for (digits, m) in later {
            let m = if up { m.saturating_add(1) } else { m.saturating_sub(1) };
            edits.push(digits, m.to_string());
        }
    }
}

/// Adds a guideline at the end of a list (a new item), of a section's own
/// content (an item of its last list when its last block is a list, else a
/// paragraph after its last block, or under its heading) or of the
/// document (likewise).
pub fn append(source: &str, p: &Persona, at: Container, markdown: &str) -> Result<String, EditError> {
    if markdown.trim().is_empty() {
        return Ok(source.to_string());
    }
    let mut edits = Edits::default();
    match at {
        Container::List(id) => {
            let b = locate::list(p, id).ok_or(EditError::NotFound)?;
            append_to_block(p, b, markdown, &mut edits);
        }
        Container::Section(id) => {
            let Some(Found::Section { s, .. }) = find(p, id) else { return Err(EditError::NotFound) };
            append_to_section(p, s, markdown, &mut edits);
        }
        Container::Document => match p.nodes.last() {
            Some(Node::Block(b)) => append_to_block(p, b, markdown, &mut edits),
            // A JSON or YAML document's text is in its fields' sections.
            Some(Node::Section(s)) if !p.text_is_source => append_to_section(p, s, markdown, &mut edits),
            _ => new_block(p, p.body.end, p.body, markdown, &mut edits),
        },
    }
    finish(source, p, edits)
}

/// After a section's last block, or under its heading; in a JSON or YAML
/// document, a section of only subsections (a Roo Code mode's parts) adds
/// to its last subsection, where its text is.
fn append_to_section(p: &Persona, s: &Section, md: &str, edits: &mut Edits) {
    match (s.blocks().last(), s.subsections().last()) {
        (Some(b), _) => append_to_block(p, b, md, edits),
        (None, Some(sub)) if !p.text_is_source => append_to_section(p, sub, md, edits),
        (None, _) => new_block(p, s.heading.span.end, s.span, md, edits),
    }
}

/// A new last item of a list block, or a paragraph after another block.
fn append_to_block(p: &Persona, b: &Block, md: &str, edits: &mut Edits) {
    match &b.kind {
        BlockKind::List(list) if !list.items.is_empty() => {
            new_item(&p.text, &list.items, list.items.len() - 1, md, edits);
        }
        _ => new_block(p, b.span.end, b.span, md, edits),
    }
}

/// Adds a section headed `heading` after section `after` (and its
/// subsections), at its level and in its style, or at the end of the
/// document at the level of the top-level sections (2 when there are none).
pub fn add_section(source: &str, p: &Persona, after: Option<Id>, heading: &str) -> Result<String, EditError> {
    if !p.text_is_source {
        return Err(EditError::NotEditable(CARD_SECTIONS));
    }
    let heading = one_line(heading);
    if heading.is_empty() {
        return Err(EditError::NotEditable(NO_HEADING));
    }
    let text: &str = &p.text;
    let (reference, level, at): (Option<&Section>, u8, usize) = if let Some(id) = after {
        let Some(Found::Section { s, .. }) = find(p, id) else { return Err(EditError::NotFound) };
        (Some(s), s.heading.level, s.span.end)
    } else {
        let level = p.sections().next().map_or(2, |s| s.heading.level);
        (p.sections().last(), level, p.body.end)
    };
    let line = heading_line(text, reference, level, &heading)?;
    let nl = newline(text, reference.map_or(p.body, |s| s.span));
    let mut edits = Edits::default();
    edits.push(Span::new(at, at), block_insertion(text, at, &line, nl, web(p)));
    finish(source, p, edits)
}

/// A new heading line in the style of `reference`.
fn heading_line(
    text: &str,
    reference: Option<&Section>,
    level: u8,
    heading: &str,
) -> Result<String, EditError> {
    let atx = || format!("{} {heading}", "#".repeat(usize::from(level.clamp(1, 6))));
    let Some(r) = reference else { return Ok(atx()) };
    match r.heading.kind {
        HeadingKind::Atx | HeadingKind::Setext => Ok(atx()),
        HeadingKind::XmlTag if valid_tag(heading) => Ok(format!("<{heading}>\n</{heading}>")),
        HeadingKind::XmlTag => Err(EditError::NotEditable(TAG_NAME)),
        HeadingKind::Recovered => {
            let (pre, suf) = locate::heading_frame(text, &r.heading);
            let old = r.heading.md.as_str();
            let caps =
                old.bytes().any(|b| b.is_ascii_uppercase()) && !old.bytes().any(|b| b.is_ascii_lowercase());
            let t = if caps { heading.to_ascii_uppercase() } else { heading.to_string() };
            Ok(format!("{pre}{t}{suf}"))
        }
    }
}

/// Moves unit `id` one place among its siblings, with what it holds: items
/// within their list (numbers stay in place), blocks within their section
/// (or the top level), sections among their sibling sections.
pub fn move_unit(source: &str, p: &Persona, id: Id, dir: Direction) -> Result<String, EditError> {
    let found = find(p, id).ok_or(EditError::NotFound)?;
    let (first, second) = neighbours(p, found, dir)?;
    if !whole_lines(&p.text, first) || !whole_lines(&p.text, second) {
        return Err(EditError::NotEditable(SHARED_LINE));
    }
    let (mut plain, mut spaced) = (Edits::default(), Edits::default());
    swap(&p.text, first, second, false, &mut plain);
    let blocks = !matches!(found, Found::Item { .. });
    let candidates = if blocks {
        swap(&p.text, first, second, true, &mut spaced);
        vec![plain, spaced]
    } else {
        vec![plain]
    };
    finish(source, p, settle::first_keeping(p, &std::collections::HashSet::new(), candidates))
}

/// Whether [`move_unit`] would move unit `id` (for disabling buttons).
#[must_use]
pub fn can_move(p: &Persona, id: Id, dir: Direction) -> bool {
    find(p, id).is_some_and(|f| {
        neighbours(p, f, dir).is_ok_and(|(a, b)| whole_lines(&p.text, a) && whole_lines(&p.text, b))
    })
}

/// Whether a unit's text starts and ends at line boundaries (a web copy's
/// glued items share a line).
fn whole_lines(text: &str, span: Span) -> bool {
    let start = content_start(text, span);
    let end = last_content_end(text, span);
    super::text::line_start(text, start) == start && line_end(text, end) <= span.end.max(end)
}

/// The spans of the two units a move swaps, in document order.
fn neighbours(p: &Persona, found: Found<'_>, dir: Direction) -> Result<(Span, Span), EditError> {
    let other = |index: usize| match dir {
        Direction::Up => index.checked_sub(1),
        Direction::Down => index.checked_add(1),
    };
    let pair = |a: Span, b: Span| if dir == Direction::Up { (b, a) } else { (a, b) };
    match found {
        Found::Title(_) => Err(EditError::NoSibling),
        Found::Section { .. } if !p.text_is_source => Err(EditError::NotEditable(CARD_ORDER)),
        Found::Section { s, siblings, index } => match other(index).and_then(|i| siblings.get(i)) {
            Some(Node::Section(n)) => Ok(pair(s.span, n.span)),
            _ => Err(EditError::NoSibling),
        },
        Found::Block { b, siblings, index } => match other(index).and_then(|i| siblings.get(i)) {
            Some(Node::Block(n)) => Ok(pair(b.span, n.span)),
            _ => Err(EditError::NoSibling),
        },
        Found::Item { item, siblings, index } => match other(index).and_then(|i| siblings.get(i)) {
            Some(n) => Ok(pair(item.span, n.span)),
            None => Err(EditError::NoSibling),
        },
    }
}

/// Swaps two adjacent units' text. The blank lines before each and the
/// line ending and blank lines after each stay in place (the last unit may
/// have no line ending), and so does a numbered item's number.
/// `spaced` puts blank lines at the boundaries where there were none.
fn swap(text: &str, first: Span, second: Span, spaced: bool, edits: &mut Edits) {
    let (ca, cb) = (content_start(text, first), content_start(text, second));
    // A unit's core runs to the end of its last line with text; its line
    // ending and any blank lines after (a list's tight span holds them)
    // belong to its place.
    let split = |from: usize, to: usize| {
        let end = last_content_end(text, Span::new(from, to)).max(from);
        (slice(text, Span::new(from, end)), slice(text, Span::new(end, to)))
    };
    let (a_core, a_end) = split(ca, first.end);
    let (b_core, b_end) = split(cb, second.end);
    let (na, nb) = (number_at(text, ca), number_at(text, cb));
    let renumbered =
        |core: &str, own: Option<(Span, u64)>, at: usize, other: Option<(Span, u64)>| match (own, other) {
            (Some((d, _)), Some((od, _))) => format!(
                "{}{}{}",
                core.get(..d.start - at).unwrap_or(""),
                slice(text, od),
                core.get(d.end - at..).unwrap_or("")
            ),
            _ => core.to_string(),
        };
    let nl = newline(text, Span::new(first.start, second.end));
    let mut out = String::new();
    if spaced && settle::tight_before(text, ca) {
        out.push_str(nl);
    }
    out.push_str(&renumbered(b_core, nb, cb, na));
    out.push_str(a_end);
    if spaced && !settle::has_blank_line(text, Span::new(ca + a_core.len(), cb)) {
        out.push_str(nl);
    }
    out.push_str(slice(text, Span::new(first.end, cb)));
    out.push_str(&renumbered(a_core, na, ca, nb));
    out.push_str(b_end);
    if spaced
        && settle::tight_after(text, cb + b_core.len())
        && !settle::has_blank_line(text, Span::new(cb + b_core.len(), second.end))
    {
        out.push_str(nl);
    }
    edits.push(Span::new(ca, second.end), out);
}

/// Ids of `after`'s units that `before` does not have, in document order:
/// the unit an edit made or changed. List blocks are left out (a list's
/// id changes with its first item).
#[must_use]
pub fn fresh_units(before: &Persona, after: &Persona) -> Vec<Id> {
    let mut old = std::collections::HashSet::new();
    order::walk(before, &mut |u, _| {
        old.insert(u.id());
    });
    let mut out = Vec::new();
    order::walk(after, &mut |u, _| {
        let list = matches!(u, Unit::Block(Block { kind: BlockKind::List(_), .. }));
        if !list && !old.contains(&u.id()) {
            out.push(u.id());
        }
    });
    out
}

/// The edited document: the text itself, or for a JSON or YAML document
/// its source with the edited field written back.
fn finish(source: &str, p: &Persona, edits: Edits) -> Result<String, EditError> {
    let new = edits.apply(&p.text).ok_or(EditError::NotEditable("The edit did not fit the document."))?;
    if p.text_is_source { Ok(new) } else { data::write_back(source, p, &new) }
}
