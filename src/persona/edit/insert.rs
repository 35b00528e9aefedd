//! Where and how new text goes: a new item in its sibling's style (marker,
//! bullet, indentation, the next number), a new paragraph set apart by
//! blank lines (a line of its own in a web copy), a new heading in its
//! neighbour's style.

use super::super::model::{Block, BlockKind, Dialect, HeadingKind, Item, Persona, Section};
use super::super::text::{Span, line_end, lines, slice};
use super::locate;
use super::text::{
    Edits, block_insertion, content_start, item_body, item_prefix_len, last_content_end, newline, number_at,
    trim_end_lines, trim_start_lines,
};
use super::{EditError, TAG_NAME, valid_tag};

/// A new block at `at`, with the line endings of the text `near` it.
pub(super) fn new_block(p: &Persona, at: usize, near: Span, md: &str, edits: &mut Edits) {
    let text: &str = &p.text;
    let nl = newline(text, near);
    let md = trim_end_lines(trim_start_lines(md));
    edits.push(Span::new(at, at), block_insertion(text, at, &md, nl, web(p)));
}

/// Whether `p` is a web copy, whose blocks are lines: blank lines around a
/// new one would change how the lines near it are read.
pub(super) fn web(p: &Persona) -> bool {
    p.dialect == Dialect::WebCopy
}

/// A new item after `siblings[index]`, in its style.
pub(super) fn new_item(text: &str, siblings: &[Item], index: usize, md: &str, edits: &mut Edits) {
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
pub(super) fn past_last_line(text: &str, span: Span) -> usize {
    line_end(text, last_content_end(text, span)).clamp(span.start, span.end.max(span.start))
}

/// Moves the numbers of the items after `siblings[index]` (numbered `n`)
/// up by one (`up`) or down by one, when they run in sequence from it.
pub(super) fn renumber_after(
    text: &str,
    siblings: &[Item],
    index: usize,
    n: u64,
    up: bool,
    edits: &mut Edits,
) {
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

/// After a section's last block, or under its heading; in a JSON or YAML
/// document, a section of only subsections (a Roo Code mode's parts) adds
/// to its last subsection, where its text is.
pub(super) fn append_to_section(p: &Persona, s: &Section, md: &str, edits: &mut Edits) {
    match (s.blocks().last(), s.subsections().last()) {
        (Some(b), _) => append_to_block(p, b, md, edits),
        (None, Some(sub)) if !p.text_is_source => append_to_section(p, sub, md, edits),
        (None, _) => new_block(p, s.heading.span.end, s.span, md, edits),
    }
}

/// A new last item of a list block, or a paragraph after another block.
pub(super) fn append_to_block(p: &Persona, b: &Block, md: &str, edits: &mut Edits) {
    match &b.kind {
        BlockKind::List(list) if !list.items.is_empty() => {
            new_item(&p.text, &list.items, list.items.len() - 1, md, edits);
        }
        _ => new_block(p, b.span.end, b.span, md, edits),
    }
}

/// A new heading line in the style of `reference`.
pub(super) fn heading_line(
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
