//! The page header of a web copy: a short first line (the name) followed by
//! metadata lines a page rendered side by side and a copy glued together
//! (`v1.0.0AgentImplements…`, `slugSystem prompt`). It is the web copy's
//! frontmatter.

use super::is_bare_heading;
use crate::persona::model::{MetaEntry, MetaValue};
use crate::persona::shape::is_caps_heading;
use crate::persona::text::{Span, lines, slice};

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
    let mut entries = vec![text_entry("name", name, Span::new(s0, n0))];
    let mut end = None;
    for (ls, le, next) in it {
        let line = slice(text, Span::new(ls, le)).trim();
        let span = Span::new(ls, next);
        if let Some(found) = version_line(line, span) {
            entries.extend(found);
        } else if let Some((label, rest)) = glued_label(line) {
            entries.push(text_entry(label, rest, span));
        } else {
            break;
        }
        end = Some(next);
    }
    end.map(|end| Header { span: Span::new(body.start, end), entries })
}

fn text_entry(key: &str, value: &str, span: Span) -> MetaEntry {
    MetaEntry { key: key.into(), value: MetaValue::Text(value.to_string()), span }
}

/// `v1.0.0AgentImplements…` → version, kind, description.
fn version_line(line: &str, span: Span) -> Option<Vec<MetaEntry>> {
    let (version, tail) = split_version(line)?;
    let mut out = vec![text_entry("version", version, span)];
    if tail.is_empty() {
        return Some(out);
    }
    match kind_glued(tail) {
        Some((kind, description)) => {
            out.push(text_entry("kind", kind, span));
            out.push(text_entry("description", description.trim(), span));
        }
        None => out.push(text_entry("description", tail, span)),
    }
    Some(out)
}

/// `v1.0.0Rest` → (`v1.0.0`, `Rest`): a version number (with an optional
/// `v`, digits and at least one dot) and what follows it, trimmed.
fn split_version(line: &str) -> Option<(&str, &str)> {
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
    let version = line.get(..line.len() - rest.len() + num_len)?;
    let tail = rest.get(num_len..)?.trim_start();
    Some((version, tail))
}

/// `AgentImplements…` → (`Agent`, `Implements…`): a kind glued to the
/// description, cut where its first word turns from lower to upper case.
fn kind_glued(tail: &str) -> Option<(&str, &str)> {
    let first_word_end = tail.find(char::is_whitespace).unwrap_or(tail.len());
    let first = tail.get(..first_word_end).unwrap_or("");
    let cut = first
        .char_indices()
        .zip(first.chars().skip(1))
        .find(|((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((i, a), _)| i + a.len_utf8())?;
    Some((tail.get(..cut).unwrap_or(""), tail.get(cut..).unwrap_or("")))
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
