//! Text operations on a document's lines: where a unit's text starts and
//! ends, line endings, list markers, and splicing edits in.
//!
//! They work on Markdown and web copies alike: a new item copies its
//! sibling's line prefix (indentation, marker, task box) whatever the
//! marker is, and a new block is set apart by blank lines.

use super::super::shape;
use super::super::text::{Span, lines, slice};

/// Where the first line of `span` with anything but whitespace starts (the
/// span's blank lines before it skipped), or the span's end.
pub(super) fn content_start(text: &str, span: Span) -> usize {
    lines(text, span.start, span.end)
        .find(|&(s, ce, _)| !slice(text, Span::new(s, ce)).trim().is_empty())
        .map_or(span.end, |(s, _, _)| s)
}

/// Where the last line of `span` with anything but whitespace ends (before
/// its line ending), or the span's start.
pub(super) fn last_content_end(text: &str, span: Span) -> usize {
    lines(text, span.start, span.end)
        .filter(|&(s, ce, _)| !slice(text, Span::new(s, ce)).trim().is_empty())
        .last()
        .map_or(span.start, |(_, ce, _)| ce)
}

/// The line ending a region's lines use: CRLF when every line break in it
/// is one; for a region without a line break, the document's first.
pub(super) fn newline(text: &str, region: Span) -> &'static str {
    let r = slice(text, region);
    let judged = if r.contains('\n') { r } else { text };
    let lf = judged.matches('\n').count();
    if lf > 0 && (judged.matches("\r\n").count() == lf || (!r.contains('\n') && crlf_first(judged))) {
        "\r\n"
    } else {
        "\n"
    }
}

fn crlf_first(text: &str) -> bool {
    text.find('\n').is_some_and(|i| i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r'))
}

/// `s` with line breaks written as `nl` (a CRLF region's text is shown
/// with plain line feeds).
pub(super) fn with_newlines(s: &str, nl: &str) -> String {
    if nl == "\r\n" { s.replace("\r\n", "\n").replace('\n', "\r\n") } else { s.to_string() }
}

/// A region's text as the editor shows it: CRLF read as line feeds.
pub(super) fn for_editor(s: &str, nl: &str) -> String {
    if nl == "\r\n" { s.replace("\r\n", "\n") } else { s.to_string() }
}

/// `md` without the blank lines it ends with (and its final line break);
/// the last line keeps its trailing spaces.
pub(super) fn trim_end_lines(md: &str) -> String {
    let mut ls: Vec<&str> = md.split('\n').collect();
    while ls.len() > 1 && ls.last().is_some_and(|l| l.trim().is_empty()) {
        ls.pop();
    }
    let mut s = ls.join("\n");
    if s.ends_with('\r') {
        s.pop();
    }
    s
}

/// `md` without the blank lines it starts with.
pub(super) fn trim_start_lines(md: &str) -> &str {
    let mut rest = md;
    while let Some(i) = rest.find('\n') {
        let line = rest.get(..i).unwrap_or("");
        if !line.trim().is_empty() {
            break;
        }
        rest = rest.get(i + 1..).unwrap_or("");
    }
    rest
}

/// The bytes of an item line's prefix: indentation, marker (a bullet of
/// any glyph, or `1.` / `1)`), the whitespace after it and a task box.
pub(super) fn item_prefix_len(line: &str) -> usize {
    let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = line.get(lead..).unwrap_or("");
    let marker = number(rest).map(|(_, _, len)| len).or_else(|| shape::bullet(rest)).unwrap_or(0);
    let after = rest.get(marker..).unwrap_or("");
    let task = if marker > 0 && task_box(after) {
        let t = after.get(3..).unwrap_or("");
        3 + t.len() - t.trim_start_matches([' ', '\t']).len()
    } else {
        0
    };
    lead + marker + task
}

fn task_box(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'[')
        && matches!(b.get(1), Some(b' ' | b'x' | b'X'))
        && b.get(2) == Some(&b']')
        && b.get(3).is_none_or(|c| *c == b' ' || *c == b'\t')
}

/// A numbered marker at the start of `s`: its number, the digits' length
/// and the marker's length with the whitespace after it.
pub(super) fn number(s: &str) -> Option<(u64, usize, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=9).contains(&digits) || !matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
        return None;
    }
    let rest = s.get(digits + 1..).unwrap_or("");
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let n = s.get(..digits).and_then(|d| d.parse().ok())?;
    Some((n, digits, digits + 1 + rest.len() - rest.trim_start_matches([' ', '\t']).len()))
}

/// Where an item line's number is, and the number (after its indentation).
pub(super) fn number_at(text: &str, line: usize) -> Option<(Span, u64)> {
    let l = text.get(line..).unwrap_or("");
    let lead = l.len() - l.trim_start_matches([' ', '\t']).len();
    let (n, digits, _) = number(l.get(lead..).unwrap_or(""))?;
    Some((Span::new(line + lead, line + lead + digits), n))
}

/// A set of replacements, applied together (they must not overlap).
#[derive(Default)]
pub(super) struct Edits(Vec<(Span, String)>);

impl Edits {
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn push(&mut self, at: Span, with: impl Into<String>) {
        self.0.push((at, with.into()));
    }

    /// `text` with every replacement made, or `None` when two overlap or
    /// one is not on character boundaries.
    pub(super) fn apply(self, text: &str) -> Option<String> {
        self.preview(text)
    }

    /// What [`Edits::apply`] gives, keeping the edits.
    pub(super) fn preview(&self, text: &str) -> Option<String> {
        let mut edits: Vec<&(Span, String)> = self.0.iter().collect();
        edits.sort_by_key(|(s, _)| (s.start, s.end));
        let mut out = String::with_capacity(text.len() + 64);
        let mut pos = 0;
        for (span, with) in edits {
            out.push_str(text.get(pos..span.start)?);
            text.get(span.start..span.end)?;
            out.push_str(with);
            pos = span.end;
        }
        out.push_str(text.get(pos..)?);
        Some(out)
    }
}

/// The text that inserts a block `md` at `at` with a blank line before and
/// after it (unless one is there already or it starts the text).
/// In a web copy (`lines_only`) the block is a line of its own, without
/// blank lines.
pub(super) fn block_insertion(text: &str, at: usize, md: &str, nl: &str, lines_only: bool) -> String {
    let before = text.get(..at).unwrap_or("");
    let after = text.get(at..).unwrap_or("");
    let mut out = String::new();
    if !before.is_empty() && !before.ends_with('\n') {
        out.push_str(nl);
    }
    if !lines_only && !before.trim().is_empty() && !ends_with_blank_line(before) {
        out.push_str(nl);
    }
    out.push_str(&with_newlines(md, nl));
    if !after.is_empty() || before.is_empty() || before.ends_with('\n') {
        out.push_str(nl);
    }
    // A blank line after it, unless the text after starts with one.
    let blank_after = after.contains('\n') && after.split('\n').next().is_some_and(|l| l.trim().is_empty());
    if !(lines_only || after.is_empty() || blank_after) {
        out.push_str(nl);
    }
    out
}

/// Whether `s` (which ends with a line break) ends with a blank line.
fn ends_with_blank_line(s: &str) -> bool {
    let t = s.strip_suffix('\n').unwrap_or(s);
    let last = t.rsplit('\n').next().unwrap_or(t);
    last.trim().is_empty() && t.contains('\n')
}

/// The one-line form of a heading's new text.
pub(super) fn one_line(md: &str) -> String {
    md.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `md` without a list marker at its start (`- `, `* `, `+ `, `1. `,
/// `1) `): typed into an item's editor, as is natural in a Markdown list,
/// the marker is the item's own, not text that would make a nested list.
pub(super) fn without_list_marker(md: &str) -> &str {
    let t = md.trim_start_matches([' ', '\t']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match t.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9') if digits <= 9 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) => {
            digits + 1
        }
        _ => return md,
    };
    match t.get(marker..) {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start_matches([' ', '\t']),
        _ => md,
    }
}

/// An item's text as written after its marker: later lines indented by
/// `indent` (blank lines left as they are), without a list marker typed at
/// its start ([`without_list_marker`]).
pub(super) fn item_body(md: &str, indent: &str, nl: &str) -> String {
    let md = without_list_marker(md);
    let md = if nl == "\r\n" { md.replace("\r\n", "\n") } else { md.to_string() };
    trim_end_lines(&md)
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i == 0 || l.trim().is_empty() { l.to_string() } else { format!("{indent}{l}") })
        .collect::<Vec<_>>()
        .join(nl)
}

#[cfg(test)]
mod tests {
    use super::without_list_marker;

    #[test]
    fn a_typed_list_marker_is_the_items_own() {
        for (typed, kept) in [
            ("- Keep it short", "Keep it short"),
            ("* Keep it short", "Keep it short"),
            ("+ Keep it short", "Keep it short"),
            ("  -   Keep it short", "Keep it short"),
            ("12. Keep it short", "Keep it short"),
            ("3) Keep it short", "Keep it short"),
            ("- Line one\n  line two", "Line one\n  line two"),
            // CommonMark reads a number of up to nine digits and a dot as a
            // marker too.
            ("2024. A year", "A year"),
        ] {
            assert_eq!(without_list_marker(typed), kept, "{typed:?}");
        }
    }

    #[test]
    fn text_that_only_looks_like_a_marker_stays() {
        for typed in
            ["-1 is negative", "**bold** first", "1.5 times", "1234567890. Ten digits", "-", "", "Plain"]
        {
            assert_eq!(without_list_marker(typed), typed, "{typed:?}");
        }
    }
}
