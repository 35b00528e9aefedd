//! Finding and writing one string scalar in block-style YAML, for
//! [`super::data`]: keys of block mappings and items of block sequences
//! are followed line by line, by indentation; the scalar (plain, quoted or
//! a block scalar) is replaced by a `|-` block scalar, or a double-quoted
//! string when a block scalar cannot carry the text. Flow collections,
//! anchors and tags on the way are not followed (the caller refuses the
//! edit).

use super::super::data::Seg;

/// One line: where it starts and ends (without its line ending), its
/// indentation, whether it is blank, and whether it holds nothing (blank
/// or a comment; inside a block scalar a `#` line is text).
struct Line {
    start: usize,
    end: usize,
    indent: usize,
    blank: bool,
    empty: bool,
}

/// A block node's lines: from `line` (whose content starts at column
/// `col`) up to `end` (exclusive).
#[derive(Clone, Copy)]
struct Scope {
    line: usize,
    col: usize,
    end: usize,
}

/// `source` with the string scalar at `path` set to `value`, or `None` when
/// the layout is not one this follows.
pub(super) fn write(source: &str, path: &[Seg], value: &str) -> Option<String> {
    let lines = lines_of(source);
    let mut scope = root(&lines)?;
    let (last, steps) = path.split_last()?;
    for step in steps {
        let (line, after, col, end) = step_into(source, &lines, scope, step)?;
        scope = child(source, &lines, line, after, col, end)?;
    }
    let (line, after, col, end) = step_into(source, &lines, scope, last)?;
    let until = scalar_end(source, &lines, line, after, end)?;
    let nl = if source.contains("\r\n") { "\r\n" } else { "\n" };
    // A block scalar keeps its indentation.
    let block = source.get(after..lines.get(line)?.end)?.trim_start().starts_with(['|', '>']);
    let below = (line + 1..end).find_map(|i| lines.get(i).filter(|l| !l.empty)).map(|l| l.indent);
    let indent = below.filter(|&i| block && i > col).unwrap_or(col + 2);
    let mut out = String::with_capacity(source.len() + value.len());
    out.push_str(source.get(..after)?);
    out.push(' ');
    out.push_str(&scalar(value, indent, nl));
    out.push_str(source.get(until..)?);
    Some(out)
}

fn lines_of(source: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in source.split_inclusive('\n') {
        let content = piece.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let t = content.trim();
        out.push(Line {
            start,
            end: start + content.len(),
            indent,
            blank: t.is_empty(),
            empty: t.is_empty() || t.starts_with('#'),
        });
        start += piece.len();
    }
    out
}

fn root(lines: &[Line]) -> Option<Scope> {
    let first = lines.iter().position(|l| !l.empty)?;
    Some(Scope { line: first, col: lines.get(first)?.indent, end: lines.len() })
}

/// The text of line `l` from column `col`, and where that is.
fn from_col<'s>(source: &'s str, l: &Line, col: usize) -> Option<(usize, &'s str)> {
    let at = l.start + col;
    source.get(at..l.end).map(|t| (at, t))
}

/// Whether line `i` is an entry of `scope` (at its column): an item
/// (`- …`) when `items`, else a key. A sequence under a key may sit at the
/// key's column, so items are not keys.
fn at_col(source: &str, lines: &[Line], scope: Scope, i: usize, items: bool) -> bool {
    let Some(l) = lines.get(i) else { return false };
    let col = if i == scope.line { scope.col } else { l.indent };
    let item = from_col(source, l, col).is_some_and(|(_, t)| t == "-" || t.starts_with("- "));
    !l.empty && (i == scope.line || l.indent == scope.col) && item == items
}

/// Finds `step` (a key or an item) in `scope`: its line, where its value
/// starts (after `key:` or `-`), its column and the end of its lines.
fn step_into(source: &str, lines: &[Line], scope: Scope, step: &Seg) -> Option<(usize, usize, usize, usize)> {
    let items = matches!(step, Seg::Index(_));
    let entries: Vec<usize> =
        (scope.line..scope.end).filter(|&i| at_col(source, lines, scope, i, items)).collect();
    let (k, after) = match step {
        Seg::Key(key) => entries.iter().enumerate().find_map(|(k, &i)| {
            let l = lines.get(i)?;
            let (at, t) = from_col(source, l, if i == scope.line { scope.col } else { l.indent })?;
            key_len(t, key).map(|n| (k, at + n))
        })?,
        Seg::Index(n) => {
            let items: Vec<(usize, usize)> = entries
                .iter()
                .enumerate()
                .filter_map(|(k, &i)| {
                    let l = lines.get(i)?;
                    let (at, t) = from_col(source, l, if i == scope.line { scope.col } else { l.indent })?;
                    (t == "-" || t.starts_with("- ")).then_some((k, at + 1))
                })
                .collect();
            *items.get(*n)?
        }
    };
    let line = *entries.get(k)?;
    // An entry's value lines run to the next entry of its kind (the items
    // of a sequence at a key's column are that key's value).
    let end = entries.get(k + 1).copied().unwrap_or(scope.end);
    let col = scope.col;
    Some((line, after, col, end))
}

/// The length of `key:` at the start of `t` (plain or quoted key).
fn key_len(t: &str, key: &str) -> Option<usize> {
    let n = [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")]
        .into_iter()
        .find(|k| t.starts_with(k.as_str()))?
        .len();
    t.get(n..).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t'])).then_some(n)
}

/// The node under an entry whose value starts at `after` on `line`: a
/// mapping or sequence on the lines below, or a mapping begun on an item's
/// own line (`- key: value`).
fn child(source: &str, lines: &[Line], line: usize, after: usize, col: usize, end: usize) -> Option<Scope> {
    let l = lines.get(line)?;
    let rest = source.get(after..l.end)?;
    let trimmed = rest.trim_start();
    if !trimmed.is_empty() && !trimmed.starts_with('#') {
        // `- key: …` on the item's line: a mapping at the text's column.
        let text_col = l.end - trimmed.len() - l.start;
        let is_item = source.get(l.start + col..after).is_some_and(|m| m == "-");
        return is_item.then_some(Scope { line, col: text_col, end });
    }
    let first = (line + 1..end).find(|&i| lines.get(i).is_some_and(|l| !l.empty))?;
    Some(Scope { line: first, col: lines.get(first)?.indent, end })
}

/// Where a scalar value that starts after `after` on `line` ends; `None`
/// for flow collections, anchors, tags and plain scalars with comments.
fn scalar_end(source: &str, lines: &[Line], line: usize, after: usize, end: usize) -> Option<usize> {
    let l = lines.get(line)?;
    let rest = source.get(after..l.end)?.trim();
    let last_below = (line + 1..end).rev().find(|&i| lines.get(i).is_some_and(|l| !l.blank));
    let below_end = |fallback: usize| last_below.and_then(|i| lines.get(i)).map_or(fallback, |l| l.end);
    match rest.chars().next()? {
        '|' | '>' => Some(below_end(l.end)),
        '"' | '\'' => {
            quoted_end(source, after + (source.get(after..)?.len() - source.get(after..)?.trim_start().len()))
        }
        '{' | '[' | '&' | '*' | '!' | '#' => None,
        _ if rest.contains(" #") => None,
        _ => Some(below_end(l.start + source.get(l.start..l.end)?.trim_end().len())),
    }
}

/// Just past the closing quote of the quoted scalar at `at`.
fn quoted_end(source: &str, at: usize) -> Option<usize> {
    let b = source.as_bytes();
    let q = *b.get(at)?;
    let mut i = at + 1;
    loop {
        match *b.get(i)? {
            b'\\' if q == b'"' => i += 2,
            c if c == q && q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == q => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// `value` as a YAML block scalar indented by `indent` for text on several
/// lines (`|` when it ends with one line break, `|-` with none), else a
/// double-quoted string.
fn scalar(value: &str, indent: usize, nl: &str) -> String {
    let quoted = || serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string());
    let (body, chomp) = match value.strip_suffix('\n') {
        Some(b) => (b, ""),
        None => (value, "-"),
    };
    let plain_lines = body.split('\n').all(|l| l.is_empty() || !l.trim().is_empty());
    let printable = !value.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if !body.contains('\n')
        || !plain_lines
        || !printable
        || body.ends_with('\n')
        || body.starts_with(['\n', ' ', '\t'])
    {
        return quoted();
    }
    let indent = " ".repeat(indent);
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push_str(nl);
        if !line.is_empty() {
            out.push_str(&indent);
            out.push_str(line);
        }
    }
    out
}
