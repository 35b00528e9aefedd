//! Moving a unit one place among its siblings: which two units swap, and
//! swapping their text with each place keeping its blank lines, its line
//! ending and (for numbered items) its number.

use super::super::model::{Node, Persona};
use super::super::text::{Span, line_end, line_start, slice};
use super::locate::Found;
use super::text::{Edits, content_start, last_content_end, newline, number_at};
use super::{CARD_ORDER, Direction, EditError, settle};

/// Whether a unit's text starts and ends at line boundaries (a web copy's
/// glued items share a line).
pub(super) fn whole_lines(text: &str, span: Span) -> bool {
    let start = content_start(text, span);
    let end = last_content_end(text, span);
    line_start(text, start) == start && line_end(text, end) <= span.end.max(end)
}

/// The spans of the two units a move swaps, in document order.
pub(super) fn neighbours(p: &Persona, found: Found<'_>, dir: Direction) -> Result<(Span, Span), EditError> {
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
pub(super) fn swap(text: &str, first: Span, second: Span, spaced: bool, edits: &mut Edits) {
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
