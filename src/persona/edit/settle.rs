//! Choosing between ways of writing an edit: Markdown joins a block to the
//! line right above or below it (a paragraph continues, a list item takes a
//! lazy line), so an edit at a tight boundary (no blank line between two
//! blocks) can change how the text around it reads. The plain edit is kept
//! when every other unit still reads as it did; else the spaced one, with
//! blank lines at the tight boundaries, when that one keeps them.

use std::collections::HashSet;

use super::super::model::{Block, BlockKind, Id, Persona};
use super::super::order::{self, Unit};
use super::super::text::{Span, line_end, slice};
use super::locate::Found;
use super::text::Edits;

/// Whether the line before the one `pos` starts has text.
pub(super) fn tight_before(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("");
    let t = before.strip_suffix('\n').map_or(before, |b| b.strip_suffix('\r').unwrap_or(b));
    !before.is_empty() && before.ends_with('\n') && !t.rsplit('\n').next().unwrap_or("").trim().is_empty()
}

/// Whether the line after the one `pos` ends has text.
pub(super) fn tight_after(text: &str, pos: usize) -> bool {
    let next = line_end(text, pos);
    next > pos && text.get(next..).is_some_and(|t| !t.split('\n').next().unwrap_or("").trim().is_empty())
}

/// Whether `span`, which holds only whitespace from a line's end to a
/// line's start, holds a blank line.
pub(super) fn has_blank_line(text: &str, span: Span) -> bool {
    slice(text, span).matches('\n').count() >= 2
}

/// The ids of a unit and of everything it holds.
pub(super) fn held(found: Found<'_>, id: Id) -> HashSet<Id> {
    let mut out = HashSet::from([id]);
    let mut add = |u: Unit<'_>, _| {
        out.insert(u.id());
    };
    match found {
        Found::Title(_) => {}
        Found::Section { s, .. } => order::section(s, 0, &mut add),
        Found::Block { b, .. } => order::block(b, 0, &mut add),
        Found::Item { item, .. } => order::item(item, 0, &mut add),
    }
    out
}

/// The first of `candidates` after which every unit of `p` but those in
/// `touched` (and lists, whose ids follow their first item) is still
/// there; else the first. Only for Markdown text: a web copy's lines and a
/// rendering's fields are not re-read here.
pub(super) fn first_keeping(p: &Persona, touched: &HashSet<Id>, candidates: Vec<Edits>) -> Edits {
    let markdown = p.text_is_source && p.dialect != super::super::model::Dialect::WebCopy;
    let texts: Vec<Option<String>> = candidates.iter().map(|e| e.preview(&p.text)).collect();
    // Without a tight boundary the spaced edit is the plain one: no need
    // to read anything.
    let first = texts.first().cloned().flatten();
    if !markdown || texts.iter().all(|t| *t == first) {
        return candidates.into_iter().next().unwrap_or_default();
    }
    let mut kept = Vec::new();
    order::walk(p, &mut |u, _| {
        let list = matches!(u, Unit::Block(Block { kind: BlockKind::List(_), .. }));
        if !list && !touched.contains(&u.id()) {
            kept.push(u.id());
        }
    });
    let keeps = |t: &Option<String>| {
        t.as_ref().is_some_and(|new| {
            let after = super::super::pipeline::parse(new);
            let mut ids = HashSet::new();
            order::walk(&after, &mut |u, _| {
                ids.insert(u.id());
            });
            kept.iter().all(|id| ids.contains(id))
        })
    };
    let chosen = texts.iter().position(keeps).unwrap_or(0);
    candidates.into_iter().nth(chosen).unwrap_or_default()
}
