//! Normalised Markdown of each construct, from its source bytes: what Clean
//! assembly writes and what ids hash. Markers and indentation go, lines are
//! trimmed, and a continuation line that would open a block once dedented
//! is escaped. Most constructs are one line of the source, which stays a
//! slice of it.

use std::sync::Arc;

use crate::persona::mdwrite::escape_line_start;
use crate::persona::model::{Item, Str};
use crate::persona::text::{Span, is_blank, line_start, slice};

/// Whether a heading is setext (underlined) rather than ATX (`#`).
pub(super) fn is_setext(text: &str, span: Span) -> bool {
    !slice(text, span).trim_start().starts_with('#')
}

/// The Markdown of a heading's text: markers and closing hashes removed,
/// setext lines joined.
pub(super) fn heading_md(shared: &Arc<str>, span: Span) -> Str {
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
pub(super) fn paragraph_md(shared: &Arc<str>, span: Span) -> Str {
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

/// The block's lines with their leading whitespace removed (tables).
pub(super) fn dedent_lines(text: &str, span: Span) -> String {
    slice(text, span).lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A quote's lines dedented; lazy continuation lines (no `>`) are escaped
/// so that they stay paragraph text once their indentation is gone.
pub(super) fn quote_md(text: &str, span: Span) -> String {
    slice(text, span)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| if l.starts_with('>') { l.to_string() } else { escape_line_start(l) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An item's own content as Markdown: the marker removed, nested items left
/// out, continuation lines dedented to the item's content column.
pub(super) fn item_md(shared: &Arc<str>, tight: Span, children: &[Item]) -> Str {
    let text: &str = shared;
    let start = ItemStart::read(text, tight);
    // Fast path, taken by most items: the own text is a single line and
    // only whitespace lies between and after the children.
    let head_end = children.first().map_or(tight.end, |c| c.span.start.min(tight.end));
    let head_start = start.content.min(head_end);
    let head = slice(text, Span::new(head_start, head_end)).trim_end();
    if !start.holds_newline(head_start, head) && only_space_around_children(text, tight.end, children) {
        return Str::slice(shared, Span::new(head_start, head_start + head.len()));
    }
    let own = own_text(text, tight, children, start.content);
    let dedented = dedent_continuations(&own, start.column);
    collapse_blank_runs(dedented.trim_end()).into()
}

/// Where an item's content begins, read from its marker and the spaces
/// after it.
struct ItemStart {
    /// The item's first line break.
    newline: FirstBreak,
    /// The column its continuation lines are indented to.
    column: usize,
    /// Where its content starts.
    content: usize,
}

impl ItemStart {
    fn read(text: &str, tight: Span) -> Self {
        let marker_col = marker_column(text, tight.start);
        let src = slice(text, tight);
        let marker_len = marker_len(src);
        let after_marker = src.get(marker_len..);
        // The first line, by bytes: most items are one short line, for which
        // a plain scan beats the general `lines` searcher. Its newline is
        // also the first one in the item's own text.
        let newline = after_marker.map(|a| first_newline(a.as_bytes()));
        let after = after_marker.unwrap_or("");
        let first_line = newline.flatten().and_then(|i| after.get(..i)).unwrap_or(after);
        let gap = gap_after_marker(first_line);
        Self {
            newline: match newline {
                Some(Some(i)) => FirstBreak::At(tight.start + marker_len + i),
                Some(None) => FirstBreak::OneLine,
                None => FirstBreak::Unread,
            },
            column: marker_col + marker_len + gap.max(1),
            content: tight.start + marker_len + gap,
        }
    }

    /// Whether `head`, the item's text from `head_start`, holds a line
    /// break. The content never starts past the first line break, so it
    /// does exactly when that one lies inside it.
    fn holds_newline(&self, head_start: usize, head: &str) -> bool {
        match self.newline {
            FirstBreak::At(at) => at < head_start + head.len(),
            FirstBreak::OneLine => false,
            FirstBreak::Unread => head.contains('\n'),
        }
    }
}

/// Where an item's first line break is.
#[derive(Clone, Copy)]
enum FirstBreak {
    /// Not read: the marker's length is no character boundary of the item.
    Unread,
    /// Nowhere: the item's text after its marker is one line.
    OneLine,
    /// At this document offset.
    At(usize),
}

/// The byte length of the list marker that `src` starts with (`-`, `1.`).
fn marker_len(src: &str) -> usize {
    let bytes = src.as_bytes();
    match bytes.first() {
        Some(b'0'..=b'9') => bytes.iter().take_while(|c| c.is_ascii_digit()).count() + 1,
        Some(_) => src.chars().next().map_or(1, char::len_utf8),
        None => 0,
    }
}

/// The spaces between a marker and the content on its line, as `CommonMark`
/// counts them: one when the line is blank or indented code follows
/// (more than four), else all of them.
fn gap_after_marker(first_line: &str) -> usize {
    let first_line = first_line.strip_suffix('\r').unwrap_or(first_line);
    let spaces = first_line.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    // Blank unless a printable ASCII character follows the spaces; anything
    // else asks the Unicode-aware trim.
    let blank = match first_line.as_bytes().get(spaces) {
        Some(&b) if b > b' ' && b < 0x80 => false,
        _ => first_line.trim().is_empty(),
    };
    if blank || spaces > 4 { 1.min(spaces) } else { spaces }
}

/// Whether only whitespace lies between the children and after the last,
/// up to `end`.
fn only_space_around_children(text: &str, end: usize, children: &[Item]) -> bool {
    children.iter().enumerate().all(|(i, c)| {
        let next = children.get(i + 1).map_or(end, |n| n.span.start);
        is_blank(text, c.span.end, next)
    })
}

/// The item's own text from `content` on: the item minus its children's
/// spans, each cut-out child's indentation dropped.
fn own_text(text: &str, tight: Span, children: &[Item], content: usize) -> String {
    let mut own = String::new();
    let mut pos = content.min(tight.end);
    for c in children.iter().map(|c| c.span) {
        if c.start > pos {
            push_segment(text, &mut own, pos, c.start);
        }
        pos = pos.max(c.end);
    }
    if pos < tight.end {
        push_segment(text, &mut own, pos, tight.end);
    }
    own
}

/// Appends the item text `from..to` to `own`, starting a new line when it
/// starts one.
fn push_segment(text: &str, own: &mut String, from: usize, to: usize) {
    let seg = slice(text, Span::new(from, to));
    // Drop the indentation that preceded a cut-out child on its line.
    let seg = match seg.rfind('\n') {
        Some(nl) if seg.get(nl + 1..).is_some_and(|t| t.trim().is_empty()) => seg.get(..=nl).unwrap_or(seg),
        None if seg.trim().is_empty() && !own.is_empty() => "",
        _ => seg,
    };
    if !own.is_empty() && !own.ends_with('\n') && line_start(text, from) == from {
        own.push('\n');
    }
    own.push_str(seg);
}

/// The lines after the first dedented by `column` columns; a line indented
/// less is a lazy paragraph continuation, escaped so that it stays one.
fn dedent_continuations(own: &str, column: usize) -> String {
    let mut out = String::with_capacity(own.len());
    for (i, line) in own.lines().enumerate() {
        if i == 0 {
            out.push_str(line.trim_end());
            continue;
        }
        out.push('\n');
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let indent_cols = column_of(line, 0, indent);
        let l = strip_columns(line, column).trim_end();
        if indent_cols < column && !l.is_empty() {
            out.push_str(&escape_line_start(l));
        } else {
            out.push_str(l);
        }
    }
    out
}

/// Collapses runs of blank lines (left where nested lists were cut out) to
/// one, and drops blank lines at the start.
fn collapse_blank_runs(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
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
    result
}

/// Column of `pos` counting tabs to the next multiple of four.
fn column_of(text: &str, from: usize, pos: usize) -> usize {
    let mut col = 0;
    for c in text.get(from..pos).unwrap_or("").chars() {
        col = if c == '\t' { (col / 4 + 1) * 4 } else { col + 1 };
    }
    col
}

/// The first `\n` in `bytes`, eight bytes a step: items are short, and for
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
        None | Some(b'\n') => column_of(text, ls, pos),
        Some(_) => column_of(text, line_start(text, pos), pos),
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
