//! Plain-text web copies: text copied from a rendered page, where Markdown
//! syntax is gone and the structure must be recovered from line shapes.
//!
//! # Detection
//! At least six non-blank lines, at most one blank line in ten, no Markdown
//! headings or code fences, and at least one web-style bullet (`•`, `▪`,
//! `- •`, tab-indented bullets) or bare short heading line.
//!
//! # Heuristics
//! - **Page header.** A short first line followed by glued metadata lines is
//!   the page header (the web copy's frontmatter): the name, then
//!   `v1.0.0AgentImplements…` (version `v1.0.0`, kind `Agent`, description
//!   `Implements…`, split at the lower→upper case glue) and labels glued to the
//!   next word (`slugSystem prompt`: label `slug`, tab `System prompt`).
//! - **Headings.** A line is a heading when it is a `==== banner ====`, an
//!   ALL CAPS line, an outline line (`1. Title`, `A. Title`) followed by
//!   bullets, or a bare short line (at most 60 characters and 8 words, no
//!   final punctuation) that is not continuing an unfinished sentence and is
//!   followed by content. Banners, caps and bare lines rank equally; outline
//!   lines rank one below.
//! - **Bullets.** `-`, `*`, `•`, `- •`, `▪`, `◦`, `‣`, `–`, `·` and `1)` / `1.`
//!   numbering. Leading tabs (or pairs of spaces) nest. Several items glued
//!   on one line after sentence punctuation (`… possible. - •Concurrency: …`)
//!   are split apart.
//! - **Labels.** A line ending in `:` directly followed by bullets labels them.
//! - **Continuations.** When a line ends without sentence punctuation, the
//!   next line continues it if it starts in lower case, is a lone word that is
//!   followed by more text (`use` / `Send` / `and` / `Sync` / `bounds…`: inline
//!   code a page rendered on its own line), or starts with a word glued to a
//!   function word (`Resultfrom`, `cargo clippyand`). Code-looking lone words
//!   and glued prefixes become inline code in Clean Markdown.
//!
//! # Limits
//! A bare short line is indistinguishable from a one-line paragraph of the
//! same shape; heading depth is not recoverable, so sections are flat except
//! for outline lines. The glue split only knows a short list of function words
//! (`from`, `and`, `with`, `for`, `into`, `when`, `then`, `than`, `that`,
//! `which`, `before`, `after`, `instead`, `to`) and skips common words ending
//! in them (`command`, `understand`, …), so other glued words stay glued.

use std::sync::Arc;

use super::ids::IdGen;
use super::mdwrite::{code_span, escape_inline, escape_line_start};
use super::model::{
    Block, BlockKind, Heading, HeadingKind, Id, Inline, Item, Label, List, Marker, MetaEntry, MetaValue, Run,
    Runs, Str, marks,
};
use super::shape::{self, banner, is_caps_heading, is_rule_line, page_bullet};
use super::text::{Span, lines, slice};
use super::tree::{Entry, MAX_LIST_DEPTH, block_ids};

/// Whether `body` of `text` looks like a plain-text copy of a web page.
#[must_use]
pub(crate) fn detect(text: &str, body: Span) -> bool {
    let mut total = 0usize;
    let mut blank = 0usize;
    let mut signals = 0usize;
    let mut prev_blank = true;
    // Lazily: a Markdown document usually gives itself away in its first
    // lines, and collecting every line first cost a search per line.
    let mut all = lines(text, body.start, body.end).take(5000).peekable();
    while let Some((ls, le, _)) = all.next() {
        let line = slice(text, Span::new(ls, le));
        total += 1;
        let t = line.trim();
        if t.is_empty() {
            blank += 1;
            prev_blank = true;
            continue;
        }
        if t.starts_with("```")
            || t.starts_with("~~~")
            || is_atx(t)
            || (t.starts_with('|') && t.ends_with('|'))
            || t.starts_with('>')
            || (t.starts_with('\\') && t.chars().nth(1).is_some_and(|c| c.is_ascii_punctuation()))
            || escaped_number(t)
        {
            // Fences, headings, tables, quotes and backslash escapes are
            // Markdown written on purpose, not a page's copied text.
            return false;
        }
        if page_bullet(t) || (line.starts_with('\t') && bullet(t).is_some()) {
            signals += 1;
        }
        let next_content =
            all.peek().is_some_and(|&(a, b, _)| !slice(text, Span::new(a, b)).trim().is_empty());
        // An indented short line continues something (a list item's lazy
        // or indented text); a page's bare headings start at the margin.
        let at_margin = !line.starts_with([' ', '\t']);
        if !prev_blank && next_content && at_margin && is_bare_heading(t) {
            signals += 1;
        }
        prev_blank = false;
    }
    let content = total - blank;
    content >= 6 && blank * 10 <= total && signals >= 2
}

/// `2\. text`: a number escaped so that it does not open a list, as Clean
/// Markdown writes a paragraph line that starts like one.
fn escaped_number(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t.get(digits..).is_some_and(|r| r.starts_with("\\.") || r.starts_with("\\)"))
}

fn is_atx(t: &str) -> bool {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t.as_bytes().get(hashes).is_some_and(|&b| b == b' ')
}

/// A short line with no final punctuation that starts with a capital.
fn is_bare_heading(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=8).contains(&words)
        && t.chars().count() <= 60
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '"', ')'])
        && t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && bullet(t).is_none()
}

/// Recognises a list marker ([`shape::bullet`] or [`shape::numbered`]);
/// returns the marker and the byte length of the marker with the spaces
/// after it.
fn bullet(t: &str) -> Option<(Marker, usize)> {
    shape::bullet(t)
        .map(|len| (Marker::Bullet, len))
        .or_else(|| shape::numbered(t).map(|(n, len)| (Marker::Number(n), len)))
}

/// `A. Title` or `1. Title`.
fn is_outline(t: &str) -> bool {
    let b = t.as_bytes();
    let letter = b.first().is_some_and(u8::is_ascii_uppercase)
        && matches!(b.get(1), Some(b'.' | b')'))
        && b.get(2) == Some(&b' ');
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let number =
        (1..=2).contains(&digits) && b.get(digits) == Some(&b'.') && b.get(digits + 1) == Some(&b' ');
    (letter || number) && !t.ends_with(['.', ':', ';', ',', '!', '?']) && t.split_whitespace().count() <= 10
}

const GLUE_WORDS: [&str; 14] = [
    "from", "and", "with", "for", "into", "when", "then", "than", "that", "which", "before", "after",
    "instead", "to",
];
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

/// Splits a token like `Resultfrom` into (`Result`, `from`).
fn glue_split(token: &str) -> Option<usize> {
    let lower = token.to_lowercase();
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

fn code_like_word(t: &str) -> bool {
    t.chars().any(|c| c.is_uppercase() || c.is_ascii_digit() || "_:.()<>[]/-#".contains(c))
}

fn terminated(t: &str) -> bool {
    let t = t.trim_end_matches(['"', '\'', ')', ']', '”', '’', '*']);
    t.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '…'])
}

/// A piece of a logical line: bytes of the source, plain or inline code.
#[derive(Clone, Copy, Debug)]
struct Piece {
    span: Span,
    code: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Rule,
    Banner,
    Item(Marker),
    Text,
}

#[derive(Debug)]
struct Logical {
    kind: Kind,
    indent: usize,
    /// Where the line's content (marker included) starts.
    start: usize,
    pieces: Vec<Piece>,
    continued: bool,
}

impl Logical {
    fn end(&self) -> usize {
        self.pieces.last().map_or(self.start, |p| p.span.end)
    }
    fn plain(&self, text: &str) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(slice(text, p.span).trim());
        }
        s
    }
}

/// Metadata recovered from a web-copy page header.
pub(crate) struct Header {
    pub span: Span,
    pub entries: Vec<MetaEntry>,
}

/// Finds a page header: a short first line plus glued metadata lines.
pub(crate) fn header(text: &str, body: Span) -> Option<Header> {
    let mut it = lines(text, body.start, body.end)
        .filter(|&(a, b, _)| !slice(text, Span::new(a, b)).trim().is_empty());
    let (s0, e0, n0) = it.next()?;
    let name = slice(text, Span::new(s0, e0)).trim();
    if !is_bare_heading(name) && !is_caps_heading(name) {
        return None;
    }
    let mut entries = vec![MetaEntry {
        key: "name".into(),
        value: MetaValue::Text(name.to_string()),
        span: Span::new(s0, n0),
    }];
    let mut end = None;
    for (ls, le, next) in it {
        let line = slice(text, Span::new(ls, le)).trim();
        let span = Span::new(ls, next);
        if let Some(found) = version_line(line, span) {
            entries.extend(found);
        } else if let Some((label, rest)) = glued_label(line) {
            entries.push(MetaEntry {
                key: label.to_string(),
                value: MetaValue::Text(rest.to_string()),
                span,
            });
        } else {
            break;
        }
        end = Some(next);
    }
    end.map(|end| Header { span: Span::new(body.start, end), entries })
}

/// `v1.0.0AgentImplements…` → version, kind, description.
fn version_line(line: &str, span: Span) -> Option<Vec<MetaEntry>> {
    let rest = line.strip_prefix(['v', 'V']).unwrap_or(line);
    let num_len = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let number = rest.get(..num_len)?;
    if !number.contains('.') || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let version = line.get(..line.len() - rest.len() + num_len)?.to_string();
    let tail = rest.get(num_len..)?.trim_start();
    let mut out = vec![MetaEntry { key: "version".into(), value: MetaValue::Text(version), span }];
    if tail.is_empty() {
        return Some(out);
    }
    let first_word_end = tail.find(char::is_whitespace).unwrap_or(tail.len());
    let first = tail.get(..first_word_end).unwrap_or("");
    let glue = first
        .char_indices()
        .zip(first.chars().skip(1))
        .find(|((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((i, a), _)| i + a.len_utf8());
    match glue {
        Some(cut) => {
            out.push(MetaEntry {
                key: "kind".into(),
                value: MetaValue::Text(tail.get(..cut).unwrap_or("").to_string()),
                span,
            });
            out.push(MetaEntry {
                key: "description".into(),
                value: MetaValue::Text(tail.get(cut..).unwrap_or("").trim().to_string()),
                span,
            });
        }
        None => {
            out.push(MetaEntry { key: "description".into(), value: MetaValue::Text(tail.to_string()), span });
        }
    }
    Some(out)
}

/// `slugSystem prompt` → (`slug`, `System prompt`).
fn glued_label(line: &str) -> Option<(&str, &str)> {
    const LABELS: [&str; 10] =
        ["slug", "id", "author", "model", "category", "tags", "type", "license", "updated", "created"];
    LABELS.iter().find_map(|l| {
        let rest = line.strip_prefix(l)?;
        rest.starts_with(char::is_uppercase).then_some((*l, rest))
    })
}

/// Parses the web copy in `body` of `src` into tree entries, with the ids
/// of their blocks and items given, as [`super::markdown::entries`] does.
pub(crate) fn entries(src: &Arc<str>, body: Span) -> (Vec<Entry>, IdGen) {
    let logical = logical_lines(src, body);
    let logical = split_glued(src, logical);
    let mut entries = build_entries(src, &logical);
    let ids = block_ids(&mut entries, body.len() / 64);
    (entries, ids)
}

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

fn logical_lines(text: &str, body: Span) -> Vec<Logical> {
    let phys: Vec<(usize, usize)> = lines(text, body.start, body.end).map(|(a, b, _)| (a, b)).collect();
    let line_at = |i: usize| phys.get(i).map_or("", |&(a, b)| slice(text, Span::new(a, b)));
    let mut out: Vec<Logical> = Vec::new();
    for (i, &(ls, le)) in phys.iter().enumerate() {
        let raw = slice(text, Span::new(ls, le));
        let t = raw.trim();
        if t.is_empty() {
            out.push(Logical {
                kind: Kind::Blank,
                indent: 0,
                start: ls,
                pieces: Vec::new(),
                continued: false,
            });
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let content_start = ls + lead;
        let content = Span::new(content_start, content_start + t.len());
        let next = line_at(i + 1).trim();
        let marker = bullet(t);

        // Continuation of an unfinished sentence?
        if let Some(prev) = out.last_mut().filter(|p| matches!(p.kind, Kind::Text | Kind::Item(_))) {
            let prev_open = !terminated(slice(text, Span::new(prev.start, prev.end())));
            if prev_open && marker.is_none() && !t.starts_with("==") {
                let single = !t.contains(char::is_whitespace);
                let next_continues = !next.is_empty() && bullet(next).is_none();
                let first_char_lower = t.starts_with(|c: char| c.is_lowercase());
                if single && (next_continues || first_char_lower) && !is_caps_heading(t) {
                    prev.pieces.push(Piece { span: content, code: code_like_word(t) });
                    prev.continued = true;
                    continue;
                }
                if let Some((code_end, rest_start)) = glued_prefix(t) {
                    prev.pieces
                        .push(Piece { span: Span::new(content_start, content_start + code_end), code: true });
                    prev.pieces.push(Piece {
                        span: Span::new(content_start + rest_start, content.end),
                        code: false,
                    });
                    prev.continued = true;
                    continue;
                }
                if first_char_lower {
                    prev.pieces.push(Piece { span: content, code: false });
                    prev.continued = true;
                    continue;
                }
            }
        }

        let (kind, start, piece_start) = if is_rule_line(t) {
            (Kind::Rule, content_start, content_start)
        } else if banner(t).is_some() {
            (Kind::Banner, content_start, content_start)
        } else if let Some((m, len)) = marker.filter(|_| !(is_outline(t) && next_starts_item(next))) {
            (Kind::Item(m), content_start, content_start + len)
        } else {
            (Kind::Text, content_start, content_start)
        };
        out.push(Logical {
            kind,
            indent: indent_of(raw),
            start,
            pieces: vec![Piece { span: Span::new(piece_start, content.end), code: false }],
            continued: false,
        });
    }
    out
}

fn next_starts_item(next: &str) -> bool {
    bullet(next).is_some_and(|(m, _)| m == Marker::Bullet)
}

/// For a continuation line glued to its first words (`Resultfrom …`,
/// `cargo clippyand …`): byte end of the code prefix, and start of the rest.
fn glued_prefix(t: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for (idx, token) in t.split(' ').enumerate() {
        if idx >= 3 {
            break;
        }
        if let Some(cut) = glue_split(token) {
            return Some((offset + cut, offset + cut));
        }
        offset += token.len() + 1;
    }
    None
}

/// Splits items glued on one line after sentence punctuation.
fn split_glued(text: &str, lines: Vec<Logical>) -> Vec<Logical> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if !matches!(line.kind, Kind::Item(_)) {
            out.push(line);
            continue;
        }
        let indent = line.indent;
        let mut cur = Logical {
            kind: line.kind,
            indent,
            start: line.start,
            pieces: Vec::new(),
            continued: line.continued,
        };
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
    out
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

/// Builds inline runs and Markdown from a logical line's pieces. A line of
/// one plain piece with nothing to escape stays a slice of the source.
fn render(src: &Arc<str>, pieces: &[Piece]) -> (Inline, Str) {
    let text: &str = src;
    if let [p] = pieces
        && !p.code
    {
        let s = slice(text, p.span).trim();
        let plain = Str::within(src, s);
        let md = escape_line_start(&escape_inline(s));
        let md = if md == s { plain.clone() } else { Str::from(md) };
        return (Inline::plain(plain), md);
    }
    let mut runs: Runs<(String, u8)> = Runs::default();
    let mut md = String::new();
    for p in pieces {
        let s = slice(text, p.span).trim();
        if s.is_empty() {
            continue;
        }
        if !md.is_empty() {
            md.push(' ');
            if let Some((last, _)) = runs.last_mut().filter(|(_, m)| *m == 0) {
                last.push(' ');
            } else {
                runs.push((" ".into(), 0));
            }
        }
        let mark = if p.code { marks::CODE } else { 0 };
        match runs.last_mut().filter(|(_, m)| *m == mark) {
            Some((last, _)) => last.push_str(s),
            None => runs.push((s.to_string(), mark)),
        }
        if p.code {
            md.push_str(&code_span(s));
        } else {
            md.push_str(&escape_inline(s));
        }
    }
    let runs = runs.map(|(t, marks)| Run { text: t.into(), marks, href: None });
    (Inline::from_runs(runs), escape_line_start(&md).into())
}

fn build_entries(src: &Arc<str>, lines: &[Logical]) -> Vec<Entry> {
    let text: &str = src;
    let mut out = Vec::new();
    let mut list: Option<PendingList> = None;
    let mut seen_content = false;
    for (i, l) in lines.iter().enumerate() {
        let next = lines.get(i + 1);
        let next_is_item = next.is_some_and(|n| matches!(n.kind, Kind::Item(_)));
        let next_is_content = next.is_some_and(|n| n.kind != Kind::Blank);
        let span = Span::new(l.start, l.end());
        if !matches!(l.kind, Kind::Item(_)) {
            flush(&mut list, &mut out);
        }
        match l.kind {
            Kind::Blank => {}
            Kind::Rule => out.push(Entry::Block(Block { id: Id(0), span, kind: BlockKind::Rule })),
            Kind::Banner => {
                let plain = l.plain(text);
                out.push(heading(banner(&plain).unwrap_or(&plain), 2, span));
            }
            Kind::Item(marker) => {
                let (inline, md) = render(src, &l.pieces);
                let item =
                    Item { id: Id(0), span, marker, task: None, text: inline, md, children: Vec::new() };
                match &mut list {
                    Some((_, _, items)) => items.push((l.indent, item)),
                    None => list = Some((None, l.start, vec![(l.indent, item)])),
                }
            }
            Kind::Text => {
                let plain = l.plain(text);
                let single = !l.continued;
                if plain.ends_with(':') && next_is_item {
                    let (inline, md) = render(src, &l.pieces);
                    list = Some((Some(Label { text: inline, md, span }), l.start, Vec::new()));
                } else if single
                    && (is_caps_heading(&plain)
                        || (is_outline(&plain) && next_is_item)
                        || (is_bare_heading(&plain) && next_is_content))
                {
                    let level = if !seen_content && i == 0 {
                        1
                    } else if is_outline(&plain) && next_is_item {
                        3
                    } else {
                        2
                    };
                    out.push(heading(&plain, level, span));
                } else {
                    let (inline, md) = render(src, &l.pieces);
                    out.push(Entry::Block(Block {
                        id: Id(0),
                        span,
                        kind: BlockKind::Paragraph { text: inline, md },
                    }));
                }
            }
        }
        if l.kind != Kind::Blank {
            seen_content = true;
        }
    }
    flush(&mut list, &mut out);
    out
}

fn heading(text: &str, level: u8, span: Span) -> Entry {
    Entry::Heading(Heading {
        text: Inline::plain(text),
        md: escape_inline(text).into(),
        level,
        kind: HeadingKind::Recovered,
        span,
    })
}

/// A list being built: its label, start offset and `(indent, item)` pairs.
type PendingList = (Option<Label>, usize, Vec<(usize, Item)>);

/// Ends the list under construction, nesting its items by indent.
fn flush(list: &mut Option<PendingList>, out: &mut Vec<Entry>) {
    let Some((label, start, flat)) = list.take() else { return };
    if flat.is_empty() {
        // A label with no items after all: keep it as a paragraph.
        if let Some(l) = label {
            out.push(Entry::Block(Block {
                id: Id(0),
                span: l.span,
                kind: BlockKind::Paragraph { text: l.text, md: l.md },
            }));
        }
        return;
    }
    let items = nest(flat);
    let end = items.last().map_or(start, |i| i.span.end);
    out.push(Entry::Block(Block {
        id: Id(0),
        span: Span::new(start, end),
        kind: BlockKind::List(List { label, items }),
    }));
}

/// Folds `(indent, item)` pairs into a tree: deeper indents nest under the
/// nearest shallower item.
fn nest(flat: Vec<(usize, Item)>) -> Vec<Item> {
    fn attach(item: Item, stack: &mut [(usize, Item)], roots: &mut Vec<Item>) {
        match stack.last_mut() {
            Some((_, parent)) => {
                parent.span.end = parent.span.end.max(item.span.end);
                parent.children.push(item);
            }
            None => roots.push(item),
        }
    }
    let mut stack: Vec<(usize, Item)> = Vec::new();
    let mut roots = Vec::new();
    for (indent, item) in flat {
        while stack.last().is_some_and(|(top, _)| *top >= indent) {
            if let Some((_, done)) = stack.pop() {
                attach(done, &mut stack, &mut roots);
            }
        }
        if stack.len() >= MAX_LIST_DEPTH
            && let Some((_, done)) = stack.pop()
        {
            attach(done, &mut stack, &mut roots);
        }
        stack.push((indent, item));
    }
    while let Some((_, done)) = stack.pop() {
        attach(done, &mut stack, &mut roots);
    }
    roots
}
