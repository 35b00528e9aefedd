//! Editing a persona by editing its document text at a unit's span.
//!
//! The document text stays the single source of truth: every edit here is a
//! text edit, after which the caller parses the new text as usual
//! ([`super::pipeline::parse_with_hint`]). Ids of untouched units derive from their
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
//! line arithmetic, `insert.rs` places new items, blocks and headings,
//! `moves.rs` swaps siblings, `settle.rs` picks between a plain and a
//! spaced edit at tight block boundaries, `data.rs` writes JSON fields back
//! and `yaml.rs` YAML ones.
//!
//! Limits: a JSON or YAML document's sections are its fields (their names
//! and order are fixed, none can be added), and the generic rendering of
//! other data (scalars as `key: value` items) is not written back. A web
//! copy's headings are read from the lines around them, so a new section
//! without content, or a section left without any, may read as a
//! paragraph after the re-parse.

mod data;
mod insert;
mod locate;
mod moves;
mod settle;
mod text;
mod yaml;

use super::model::{Block, BlockKind, Heading, HeadingKind, Id, Node, Persona, Section};
use super::order::{self, Unit};
use super::text::{Span, slice};
use insert::{
    append_to_block, append_to_section, heading_line, new_block, new_item, past_last_line, renumber_after,
    web,
};
use locate::{Found, find};
use moves::{neighbours, swap, whole_lines};
use text::{
    Edits, block_insertion, content_start, for_editor, item_body, newline, number_at, one_line,
    trim_end_lines, trim_start_lines, with_newlines,
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
    /// The parse is not of this source (text typed since was not parsed
    /// yet): an edit made on it would drop that text.
    #[error("The document changed while this was being edited; try again.")]
    Stale,
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

/// Most single moves one drag and drop makes.
pub const MAX_DRAG_STEPS: usize = 1_000;

/// Moves unit `id` among its siblings to where unit `target` is (a drag
/// and drop): just before it when dragged up, just after it when dragged
/// down, one [`move_unit`] at a time, re-parsing (with `file_name` as the
/// hint) after each. [`EditError::NoSibling`] when `target` is not one of
/// its siblings; the source is then unchanged for the caller.
pub fn move_to(source: &str, file_name: Option<&str>, id: Id, target: Id) -> Result<String, EditError> {
    let start = |p: &Persona, id: Id| find(p, id).map(|f| f.span().start).ok_or(EditError::NotFound);
    let mut text = source.to_string();
    let mut p = super::pipeline::parse_with_hint(&text, file_name);
    let (from, to) = (start(&p, id)?, start(&p, target)?);
    if id == target || from == to {
        return Ok(text);
    }
    let dir = if to < from { Direction::Up } else { Direction::Down };
    for _ in 0..MAX_DRAG_STEPS {
        let next = move_unit(&text, &p, id, dir)?;
        // Identical neighbours swap to the same text: nowhere to go.
        if next == text {
            return Err(EditError::NoSibling);
        }
        text = next;
        p = super::pipeline::parse_with_hint(&text, file_name);
        let (now, target_at) = (start(&p, id)?, start(&p, target)?);
        if (dir == Direction::Up && now < target_at) || (dir == Direction::Down && now > target_at) {
            return Ok(text);
        }
    }
    Err(EditError::NoSibling)
}

/// Whether [`move_unit`] would move unit `id` (for disabling buttons).
#[must_use]
pub fn can_move(p: &Persona, id: Id, dir: Direction) -> bool {
    find(p, id).is_some_and(|f| {
        neighbours(p, f, dir).is_ok_and(|(a, b)| whole_lines(&p.text, a) && whole_lines(&p.text, b))
    })
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
    if p.text_is_source && *p.text != *source {
        return Err(EditError::Stale);
    }
    let new = edits.apply(&p.text).ok_or(EditError::NotEditable("The edit did not fit the document."))?;
    if p.text_is_source { Ok(new) } else { data::write_back(source, p, &new) }
}
