//! Logical lines of a web copy: physical lines classified (blank, rule,
//! banner, item, text) and joined where a page's copy broke them: a line
//! continuing an unfinished sentence joins it (a lone code word a page set
//! on its own line becomes inline code, a glued prefix such as `Resultfrom`
//! is cut apart), and items glued on one line are split.

use super::{bullet, is_bare_heading, is_outline};
use crate::persona::model::Marker;
use crate::persona::shape::{self, banner, is_caps_heading, is_rule_line};
use crate::persona::text::{Span, lines, slice};

/// A piece of a logical line: bytes of the source, plain or inline code.
#[derive(Clone, Copy, Debug)]
pub(super) struct Piece {
    pub span: Span,
    pub code: bool,
}

/// What a logical line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    Rule,
    Banner,
    Item(Marker),
    Text,
}

/// One or more physical lines read as one.
#[derive(Debug)]
pub(super) struct Logical {
    pub kind: Kind,
    /// Nesting: a tab or two spaces a level.
    pub indent: usize,
    /// Where the line's content (marker included) starts.
    pub start: usize,
    /// Its text after the marker: the first line, then what joined it.
    pub pieces: Vec<Piece>,
    /// Whether a later physical line joined it.
    pub continued: bool,
}

impl Logical {
    fn blank(start: usize) -> Self {
        Self { kind: Kind::Blank, indent: 0, start, pieces: Vec::new(), continued: false }
    }

    /// Where the line's content ends.
    pub(super) fn end(&self) -> usize {
        self.pieces.last().map_or(self.start, |p| p.span.end)
    }

    /// The pieces' text, trimmed, joined by spaces.
    pub(super) fn plain(&self, text: &str) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(slice(text, p.span).trim());
        }
        s
    }

    /// Joins a piece of a later physical line.
    fn join(&mut self, span: Span, code: bool) {
        self.pieces.push(Piece { span, code });
        self.continued = true;
    }
}

/// Reads `body` of `text` into logical lines.
pub(super) fn logical_lines(text: &str, body: Span) -> Vec<Logical> {
    let phys: Vec<(usize, usize)> = lines(text, body.start, body.end).map(|(a, b, _)| (a, b)).collect();
    let line_at = |i: usize| phys.get(i).map_or("", |&(a, b)| slice(text, Span::new(a, b)));
    let mut out: Vec<Logical> = Vec::new();
    for (i, &(ls, le)) in phys.iter().enumerate() {
        let raw = slice(text, Span::new(ls, le));
        let t = raw.trim();
        if t.is_empty() {
            out.push(Logical::blank(ls));
            continue;
        }
        let content_start = ls + raw.len() - raw.trim_start().len();
        let content = Span::new(content_start, content_start + t.len());
        let next = line_at(i + 1).trim();
        let marker = bullet(t);
        let after_title = out.len() == 1 && out.first().is_some_and(|l| is_title_line(text, l));
        if marker.is_none()
            && let Some(prev) = out.last_mut().filter(|p| is_open(text, p))
            && join_continuation(prev, t, content, next, after_title)
        {
            continue;
        }
        let (kind, marker_len) = classify(t, marker, next);
        out.push(Logical {
            kind,
            indent: indent_of(raw),
            start: content_start,
            pieces: vec![Piece { span: Span::new(content_start + marker_len, content.end), code: false }],
            continued: false,
        });
    }
    out
}

/// Whether a line is text or an item whose sentence is unfinished, so that
/// the next line may continue it.
fn is_open(text: &str, line: &Logical) -> bool {
    matches!(line.kind, Kind::Text | Kind::Item(_))
        && !terminated(slice(text, Span::new(line.start, line.end())))
}

/// Whether `line`, the first of the body, is shaped like the title: one
/// physical line of text that reads as a heading.
fn is_title_line(text: &str, line: &Logical) -> bool {
    if line.kind != Kind::Text || line.continued {
        return false;
    }
    let plain = line.plain(text);
    is_bare_heading(&plain) || is_caps_heading(&plain)
}

/// Joins the line `t` (at `content`, before the line `next`) to the open
/// line `prev` when it continues it; returns whether it did. It does when
/// it starts with a code word that starts with punctuation (the word
/// becomes inline code), when it is a lone word followed by more text or
/// starting in lower case (a code-looking word becomes inline code) unless
/// it is a heading-shaped word right after the title line (`after_title`),
/// when it starts with a word glued to a function word, or when it starts
/// in lower case.
fn join_continuation(prev: &mut Logical, t: &str, content: Span, next: &str, after_title: bool) -> bool {
    if t.starts_with("==") {
        return false;
    }
    let single = !t.contains(char::is_whitespace);
    let next_continues = !next.is_empty() && bullet(next).is_none();
    let first_char_lower = t.starts_with(|c: char| c.is_lowercase());
    let heading_after_title = after_title && is_bare_heading(t);
    if let Some(end) = punctuation_code_word(t) {
        prev.join(Span::new(content.start, content.start + end), true);
        if end < t.len() {
            prev.join(Span::new(content.start + end, content.end), false);
        }
    } else if single && (next_continues || first_char_lower) && !is_caps_heading(t) && !heading_after_title {
        prev.join(content, code_like_word(t));
    } else if let Some(cut) = glued_prefix(t) {
        prev.join(Span::new(content.start, content.start + cut), true);
        prev.join(Span::new(content.start + cut, content.end), false);
    } else if first_char_lower {
        prev.join(content, false);
    } else {
        return false;
    }
    true
}

/// The kind of a line `t` that starts a logical line (before the line
/// `next`), with the byte length of its marker and the spaces after it.
fn classify(t: &str, marker: Option<(Marker, usize)>, next: &str) -> (Kind, usize) {
    if is_rule_line(t) {
        (Kind::Rule, 0)
    } else if banner(t).is_some() {
        (Kind::Banner, 0)
    } else if let Some((m, len)) = marker.filter(|_| !(is_outline(t) && next_starts_item(next))) {
        (Kind::Item(m), len)
    } else {
        (Kind::Text, 0)
    }
}

/// A line's nesting: a tab or two spaces a level.
fn indent_of(line: &str) -> usize {
    let mut level = 0;
    let mut spaces = 0;
    for c in line.chars() {
        match c {
            '\t' => level += 1,
            ' ' => spaces += 1,
            _ => break,
        }
    }
    level + spaces / 2
}

fn next_starts_item(next: &str) -> bool {
    bullet(next).is_some_and(|(m, _)| m == Marker::Bullet)
}

/// Whether a line ends a sentence (closing quotes and brackets aside).
fn terminated(t: &str) -> bool {
    let t = t.trim_end_matches(['"', '\'', ')', ']', '”', '’', '*']);
    t.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '…'])
}

/// The byte end of the code word `t` starts with, when that word starts
/// with punctuation that code starts with and prose does not (`.unwrap()`,
/// `?operator`, `::new()`, `&str`, `!Send`, `#[derive]`, `@Override`) and
/// holds a letter or digit. Sentence punctuation after it (`.and_then().`)
/// is not part of it. An ellipsis (`...and`) is prose.
fn punctuation_code_word(t: &str) -> Option<usize> {
    let word = t.split(char::is_whitespace).next().unwrap_or("");
    if !word.starts_with(['.', '?', ':', '&', '!', '#', '@']) || word.starts_with("..") {
        return None;
    }
    let code = word.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    code.contains(char::is_alphanumeric).then_some(code.len())
}

/// Whether a lone word looks like code: a capital, a digit or code
/// punctuation anywhere in it.
fn code_like_word(t: &str) -> bool {
    t.chars().any(|c| c.is_uppercase() || c.is_ascii_digit() || "_:.()<>[]/-#".contains(c))
}

/// Function words a page's copy glues to the code before them
/// (`Resultfrom`, `cargo clippyand`).
const GLUE_WORDS: [&str; 14] = [
    "from", "and", "with", "for", "into", "when", "then", "than", "that", "which", "before", "after",
    "instead", "to",
];
/// Common words that end in a glue word and are not glued.
const GLUE_STOP: [&str; 24] = [
    "command",
    "commands",
    "understand",
    "expand",
    "thousand",
    "operand",
    "demand",
    "brand",
    "island",
    "standard",
    "therefore",
    "before",
    "after",
    "whereafter",
    "thereafter",
    "together",
    "into",
    "onto",
    "unto",
    "photo",
    "proto",
    "auto",
    "potato",
    "tomato",
];

/// For a continuation line glued in one of its first three words
/// (`Resultfrom …`, `cargo clippyand …`): the byte end of the code prefix,
/// where the rest starts.
fn glued_prefix(t: &str) -> Option<usize> {
    let mut offset = 0;
    for token in t.split(' ').take(3) {
        if let Some(cut) = glue_split(token) {
            return Some(offset + cut);
        }
        offset += token.len() + 1;
    }
    None
}

/// Where a token like `Resultfrom` splits into (`Result`, `from`).
fn glue_split(token: &str) -> Option<usize> {
    // ASCII only: the glue words are ASCII, and Unicode case mapping costs
    // kilobytes of wasm (and can change a token's length).
    let lower = token.to_ascii_lowercase();
    if GLUE_STOP.contains(&lower.trim_end_matches(|c: char| !c.is_alphanumeric())) {
        return None;
    }
    for w in GLUE_WORDS {
        if lower.len() >= w.len() + 3 && lower.ends_with(w) && lower.is_char_boundary(lower.len() - w.len()) {
            let cut = token.len() - w.len();
            let prefix = token.get(..cut)?;
            let code_like =
                prefix.chars().any(|c| c.is_uppercase() || c.is_ascii_digit() || "_:.()<>[]/-".contains(c))
                    || prefix.len() >= 4;
            if code_like && token.is_char_boundary(cut) {
                return Some(cut);
            }
        }
    }
    None
}

/// Splits items glued on one line after sentence punctuation.
pub(super) fn split_glued(text: &str, lines: Vec<Logical>) -> Vec<Logical> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if matches!(line.kind, Kind::Item(_)) {
            split_item(text, line, &mut out);
        } else {
            out.push(line);
        }
    }
    out
}

/// Pushes the item `line` to `out`, as several items when others are glued
/// into its plain pieces.
fn split_item(text: &str, line: Logical, out: &mut Vec<Logical>) {
    let indent = line.indent;
    let mut cur = Logical { pieces: Vec::new(), ..line };
    for piece in line.pieces {
        if piece.code {
            cur.pieces.push(piece);
            continue;
        }
        let s = slice(text, piece.span);
        let mut from = piece.span.start;
        let mut search = 0;
        while let Some((cut, marker_at, content_at)) = find_glue(s, search) {
            cur.pieces.push(Piece { span: Span::new(from, piece.span.start + cut), code: false });
            let next = Logical {
                kind: Kind::Item(Marker::Bullet),
                indent,
                start: piece.span.start + marker_at,
                pieces: Vec::new(),
                continued: false,
            };
            out.push(std::mem::replace(&mut cur, next));
            from = piece.span.start + content_at;
            search = content_at;
        }
        if from < piece.span.end {
            cur.pieces.push(Piece { span: Span::new(from, piece.span.end), code: false });
        }
    }
    out.push(cur);
}

/// Finds `<punct><space><bullet>` from byte `from` of `s`: returns the end of
/// the text before, the marker start and the content start.
fn find_glue(s: &str, from: usize) -> Option<(usize, usize, usize)> {
    let mut i = from;
    loop {
        let rel = s.get(i..)?.find(['.', '!', '?', ';'])?;
        let after = i + rel + 1;
        let rest = s.get(after..)?;
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            let m_start = after + ws;
            let tail = s.get(m_start..)?;
            if let Some(len) = shape::glued_bullet(tail) {
                return Some((after, m_start, m_start + len));
            }
        }
        i = after;
    }
}
