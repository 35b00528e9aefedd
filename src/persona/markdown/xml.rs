//! The XML-section pre-scan: before the Markdown is parsed, find the lines
//! `<tag>` and `</tag>` at column 0, outside code fences, that pair up and
//! nest properly. The text between them is parsed as regions of its own.

use super::MAX_XML_DEPTH;
use crate::persona::shared::offset_in;
use crate::persona::text::{Span, lines, slice};

/// A matched XML tag line.
pub(super) struct TagMark {
    /// The line, with its line break.
    pub line: Span,
    /// Where the tag name is, for an opening line; `None` for a closing line.
    pub open: Option<Span>,
}

/// A tag line outside code fences, before pairing.
struct Candidate<'t> {
    line: Span,
    close: bool,
    name: &'t str,
}

/// Finds matched `<tag>`/`</tag>` line pairs outside code fences.
pub(super) fn xml_sections(text: &str, body: Span) -> Vec<TagMark> {
    // Tag lines start at column 0; most documents have none at all.
    let region = slice(text, body);
    if !region.starts_with('<') && !region.contains("\n<") {
        return Vec::new();
    }
    let candidates = tag_lines(text, body);
    let keep = properly_nested(pair_tags(&candidates), candidates.len());
    candidates
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| TagMark {
            line: c.line,
            open: (!c.close).then(|| {
                let at = offset_in(text, c.name).unwrap_or(c.line.start);
                Span::new(at, at + c.name.len())
            }),
        })
        .collect()
}

/// Every tag line at column 0 outside code fences, in order.
fn tag_lines(text: &str, body: Span) -> Vec<Candidate<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for (ls, le, next) in lines(text, body.start, body.end) {
        let line = slice(text, Span::new(ls, le));
        let stripped = line.trim_start_matches(' ');
        let indent = line.len() - stripped.len();
        if indent <= 3 && fence_line(&mut fence, stripped) {
            continue;
        }
        if fence.is_some() || indent != 0 {
            continue;
        }
        if let Some((close, name)) = tag_line(line) {
            out.push(Candidate { line: Span::new(ls, next), close, name });
        }
    }
    out
}

/// Follows code fences: when `stripped` (a line less its indentation of at
/// most three spaces) opens a fence, or closes the open `fence`, updates
/// `fence` and returns true.
fn fence_line(fence: &mut Option<(u8, usize)>, stripped: &str) -> bool {
    let bytes = stripped.as_bytes();
    let Some(&c) = bytes.first().filter(|&&c| c == b'`' || c == b'~') else { return false };
    let run = bytes.iter().take_while(|&&b| b == c).count();
    if run < 3 {
        return false;
    }
    match *fence {
        None => {
            *fence = Some((c, run));
            true
        }
        Some((fc, flen))
            if fc == c && run >= flen && stripped.get(run..).is_some_and(|r| r.trim().is_empty()) =>
        {
            *fence = None;
            true
        }
        Some(_) => false,
    }
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

/// Pairs each closing tag with the innermost open tag of its name, as
/// indices into `candidates`; unmatched tags stay ordinary text, and opening
/// tags deeper than [`MAX_XML_DEPTH`] are ignored.
fn pair_tags(candidates: &[Candidate<'_>]) -> Vec<(usize, usize)> {
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let mut pairs = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.close {
            if let Some(pos) = stack.iter().rposition(|(_, n)| *n == c.name) {
                if let Some(&(open_idx, _)) = stack.get(pos) {
                    pairs.push((open_idx, i));
                }
                stack.truncate(pos);
            }
        } else if stack.len() < MAX_XML_DEPTH {
            stack.push((i, c.name));
        }
    }
    pairs
}

/// Which of `count` candidates to keep: both lines of every pair that nests
/// properly (a pair enclosing a partially overlapping one is dropped
/// together with it).
fn properly_nested(mut pairs: Vec<(usize, usize)>, count: usize) -> Vec<bool> {
    pairs.sort_unstable();
    let mut keep = vec![false; count];
    let mut open_stack: Vec<(usize, usize)> = Vec::new();
    for &(o, c) in &pairs {
        while open_stack.last().is_some_and(|&(_, pc)| pc < o) {
            open_stack.pop();
        }
        if open_stack.last().is_none_or(|&(_, pc)| c < pc) {
            open_stack.push((o, c));
            for at in [o, c] {
                if let Some(k) = keep.get_mut(at) {
                    *k = true;
                }
            }
        }
    }
    keep
}
