//! YAML frontmatter: finding it, parsing it leniently, recovering keys.
//!
//! This module is the crate's only user of `serde_yaml`; YAML character
//! files and YAML data documents are parsed through [`yaml_document`].
//!
//! Accepted shape: an optional BOM, then a `---` line (trailing spaces and
//! CRLF allowed), YAML, and a closing `---` (or `...`) line. A `---` anywhere
//! later is a thematic break, never frontmatter. Frontmatter of only
//! `key: plain text` lines, as most files are, is read without the YAML
//! parser ([`flat`]), with the same result.
//!
//! Leniency, for files real tools accept:
//! - unquoted values that start with `*` (Cursor globs such as `**/*.ts`) are
//!   read as text, with an info diagnostic;
//! - if the YAML is still malformed, a warning carries the parser's line and
//!   column, and keys are recovered line by line: a line `key: value` at
//!   column 0 starts an entry, unless an `<example>` block opened in the
//!   previous entry's value is still unclosed (Claude agent descriptions often
//!   hold unindented `user:`/`assistant:` lines inside examples);
//! - a frontmatter without a closing line ends at the first line that is
//!   neither a key, an indented continuation nor a list entry, with an error.

use std::fmt::Write as _;

use super::diagnostic::{Severity, Sink};
use super::model::MetaEntry;
use super::model::MetaValue;
use super::text::{Span, lines, slice};

/// Where the frontmatter is, if the document has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Frontmatter {
    /// From the opening `---` through the closing line (or the recovered end).
    pub whole: Span,
    /// The YAML between the delimiter lines.
    pub content: Span,
    /// Whether a closing delimiter line was found.
    pub closed: bool,
}

/// Finds frontmatter at the very start of `source`.
pub(crate) fn split(source: &str) -> Option<Frontmatter> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut it = lines(source, start, source.len());
    let (first_start, first_end, first_next) = it.next()?;
    if slice(source, Span::new(first_start, first_end)).trim_end() != "---" || first_next == first_end {
        return None;
    }
    let content_start = first_next;
    let mut last_key_like = content_start;
    let mut saw_key = false;
    let mut recovered_end = None;
    for (ls, le, next) in it {
        let line = slice(source, Span::new(ls, le));
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(Frontmatter {
                whole: Span::new(start, next),
                content: Span::new(content_start, ls),
                closed: true,
            });
        }
        if recovered_end.is_none() {
            let continues =
                key_of(line).is_some() || line.starts_with([' ', '\t', '-']) || line.starts_with('#');
            if continues {
                saw_key |= key_of(line).is_some();
                last_key_like = next;
            } else {
                recovered_end = Some(last_key_like);
            }
        }
    }
    // Unterminated: only treat it as frontmatter when it starts with keys.
    let end = recovered_end.unwrap_or(last_key_like);
    saw_key.then_some(Frontmatter {
        whole: Span::new(start, end),
        content: Span::new(content_start, end),
        closed: false,
    })
}

/// Finds a preamble: YAML lines from the very start up to a `---` line,
/// with no opening delimiter (Continue's `.prompt` files). Every line
/// before the delimiter must be a key, an indented continuation, a list
/// entry or blank.
pub(crate) fn split_preamble(source: &str) -> Option<Frontmatter> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut saw_key = false;
    for (ls, le, next) in lines(source, start, source.len()) {
        let line = slice(source, Span::new(ls, le));
        if line.trim_end() == "---" {
            return saw_key.then_some(Frontmatter {
                whole: Span::new(start, next),
                content: Span::new(start, ls),
                closed: true,
            });
        }
        let is_key = key_of(line).is_some();
        if !(is_key || line.trim().is_empty() || line.starts_with([' ', '\t', '-', '#'])) {
            return None;
        }
        saw_key |= is_key;
    }
    None
}

/// The key of a top-level `key: value` line, if the line is one.
fn key_of(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-', '[', '{', '"', '\'']) || line.trim().is_empty() {
        return None;
    }
    let colon = line.find(':')?;
    let after = line.get(colon + 1..).unwrap_or("");
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r'])) {
        return None;
    }
    let key = line.get(..colon)?.trim();
    (!key.is_empty() && key.len() <= 80).then_some(key)
}

/// One `key:` line and the lines that continue it.
struct RawEntry {
    key: String,
    span: Span,
}

/// Splits the frontmatter content into top-level entries, line by line.
fn scan_entries(source: &str, content: Span) -> Vec<RawEntry> {
    let mut out: Vec<RawEntry> = Vec::new();
    for (ls, le, next) in lines(source, content.start, content.end) {
        let line = slice(source, Span::new(ls, le));
        let key = key_of(line);
        let inside_example = out.last().is_some_and(|e| {
            let text = slice(source, e.span);
            text.matches("<example>").count() > text.matches("</example>").count()
        });
        match key {
            Some(k) if !inside_example => {
                out.push(RawEntry {
                    key: k.trim_matches(['"', '\'']).to_string(),
                    span: Span::new(ls, next),
                });
            }
            _ => {
                if let Some(last) = out.last_mut() {
                    last.span.end = next;
                }
            }
        }
    }
    out
}

/// Converts a YAML value to the engine's metadata value.
fn convert(value: &serde_yaml::Value) -> MetaValue {
    use serde_yaml::Value;
    match value {
        Value::Null => MetaValue::Null,
        Value::Bool(b) => MetaValue::Bool(*b),
        Value::Number(n) => MetaValue::Number(n.to_string()),
        Value::String(s) => MetaValue::Text(s.clone()),
        Value::Sequence(items) => MetaValue::List(items.iter().map(convert).collect()),
        Value::Mapping(map) => MetaValue::Map(map.iter().map(|(k, v)| (key_text(k), convert(v))).collect()),
        Value::Tagged(tagged) => convert(&tagged.value),
    }
}

fn key_text(key: &serde_yaml::Value) -> String {
    match convert(key) {
        MetaValue::Text(s) => s,
        other => other.display(),
    }
}

/// Whether `s` may be written as a plain YAML scalar and read back as the
/// same string (not a number, boolean, null, alias, comment, …).
pub(crate) fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s.trim() != s
        || s.contains(['\n', '\r', '\t'])
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
    {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let special = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", ".nan"];
    if special.contains(&lower.as_str()) {
        return false;
    }
    // Anything that starts like a number is quoted (YAML reads 1_000, 0x1f, 1e3).
    !(first.is_ascii_digit() || (first == '.' && s.len() > 1) || first == '+')
}

/// Frontmatter made only of `key: text` lines, read without the YAML
/// parser: most agent, skill and rule files are written so, and setting up
/// the parser costs more than reading such lines. Every key and
/// value must pass [`plain_ok`], so YAML would read each as the same text;
/// anything else (`None`) goes to `serde_yaml`. The `flat_agrees_with_yaml`
/// property test holds the two readings together.
fn flat(content: &str) -> Option<Vec<(&str, &str)>> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for line in content.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        let value = value.trim_matches(' ');
        let simple_key = key.len() <= 64
            && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        // Line and paragraph separators end a line for YAML.
        let one_line = !value.contains(['\u{2028}', '\u{2029}']);
        if !(simple_key && plain_ok(key) && plain_ok(value) && one_line) || out.iter().any(|(k, _)| *k == key)
        {
            return None;
        }
        out.push((key, value));
    }
    Some(out)
}

/// Whether YAML reads `s` as a number (what a writer may leave unquoted
/// as one).
pub(crate) fn reads_as_number(s: &str) -> bool {
    serde_yaml::from_str::<serde_yaml::Value>(s).is_ok_and(|v| v.is_number())
}

/// A YAML error with its 1-based position inside the parsed text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

fn yaml_error(err: &serde_yaml::Error) -> YamlError {
    let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let full = err.to_string();
    let message = full.find(" at line ").and_then(|i| full.get(..i)).unwrap_or(&full).to_string();
    YamlError { message, line, column }
}

/// Parses a whole YAML document (a character file or a data document).
pub(crate) fn yaml_document(text: &str) -> Result<MetaValue, YamlError> {
    serde_yaml::from_str::<serde_yaml::Value>(text).map(|v| convert(&v)).map_err(|e| yaml_error(&e))
}

/// Quotes unquoted top-level values that start with `*`, which YAML would
/// read as an alias. Returns the repaired text and the repaired line numbers.
fn quote_star_values(yaml: &str) -> (String, Vec<usize>) {
    let mut repaired = Vec::new();
    let mut out = String::with_capacity(yaml.len() + 16);
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = line.get(body.len()..).unwrap_or("");
        if let Some(key) = key_of(body) {
            let value = body.get(key.len()..).unwrap_or("");
            let value = value.trim_start_matches([' ', '\t']).trim_start_matches(':').trim();
            if value.starts_with('*') {
                let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
                let _ = write!(out, "{key}: \"{escaped}\"{ending}");
                repaired.push(i + 1);
                continue;
            }
        }
        out.push_str(line);
    }
    (out, repaired)
}

/// Parses the frontmatter into ordered entries, reporting problems to `sink`.
pub(crate) fn parse(source: &str, fm: &Frontmatter, sink: &mut Sink<'_>) -> Vec<MetaEntry> {
    let content = slice(source, fm.content);
    let first_line = super::text::line_number(source, fm.content.start);
    if !fm.closed {
        sink.push(
            Severity::Error,
            "frontmatter-unclosed",
            Span::new(fm.whole.start, fm.whole.start + 3),
            format!(
                "The frontmatter is never closed with a `---` line; it was read up to line {}.",
                super::text::line_number(source, fm.whole.end).saturating_sub(1).max(first_line)
            ),
        );
    }
    let raw = scan_entries(source, fm.content);
    if content.trim().is_empty() {
        return Vec::new();
    }

    let span_of = |key: &str| raw.iter().find(|r| r.key == key).map_or(fm.content, |r| r.span);
    if let Some(pairs) = flat(content) {
        return pairs
            .into_iter()
            .map(|(key, value)| MetaEntry {
                key: key.to_string(),
                value: MetaValue::Text(value.to_string()),
                span: span_of(key),
            })
            .collect();
    }
    let parsed = match serde_yaml::from_str::<serde_yaml::Value>(content) {
        Ok(v) => Ok(v),
        Err(first_err) => {
            let (repaired, lines_fixed) = quote_star_values(content);
            match serde_yaml::from_str::<serde_yaml::Value>(&repaired) {
                Ok(v) if !lines_fixed.is_empty() => {
                    for l in lines_fixed {
                        sink.push_at(
                            Severity::Info,
                            "frontmatter-unquoted-glob",
                            first_line + l - 1,
                            1,
                            "This value starts with `*`, which strict YAML reads as an alias; it was read as text. Quote it for other tools.",
                        );
                    }
                    Ok(v)
                }
                _ => Err(first_err),
            }
        }
    };

    match parsed {
        Ok(serde_yaml::Value::Mapping(map)) => {
            let mut out = Vec::with_capacity(map.len());
            for (k, v) in &map {
                let key = key_text(k);
                let span = span_of(&key);
                out.push(MetaEntry { key, value: convert(v), span });
            }
            out
        }
        Ok(serde_yaml::Value::Null) => Vec::new(),
        Ok(_) => {
            sink.push(
                Severity::Warning,
                "frontmatter-not-mapping",
                fm.content,
                "The frontmatter is not a list of `key: value` pairs.",
            );
            recover(source, &raw)
        }
        Err(err) => {
            let e = yaml_error(&err);
            sink.push_at(
                Severity::Warning,
                "frontmatter-yaml",
                first_line + e.line.saturating_sub(1),
                e.column,
                format!(
                    "The frontmatter is not valid YAML ({}); its keys were recovered line by line.",
                    e.message
                ),
            );
            recover(source, &raw)
        }
    }
}

/// Recovers entries one by one when the frontmatter as a whole is malformed.
fn recover(source: &str, raw: &[RawEntry]) -> Vec<MetaEntry> {
    raw.iter()
        .map(|entry| {
            let text = slice(source, entry.span);
            let value = match serde_yaml::from_str::<serde_yaml::Value>(text) {
                Ok(serde_yaml::Value::Mapping(map)) if map.len() == 1 => {
                    map.iter().next().map_or(MetaValue::Null, |(_, v)| convert(v))
                }
                _ => raw_value(text),
            };
            MetaEntry { key: entry.key.clone(), value, span: entry.span }
        })
        .collect()
}

/// The text after `key:` with continuation lines, unquoted when quoted.
fn raw_value(entry_text: &str) -> MetaValue {
    let after = entry_text.find(':').and_then(|i| entry_text.get(i + 1..)).unwrap_or("");
    let value = after.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
        .unwrap_or(value);
    if unquoted.is_empty() { MetaValue::Null } else { MetaValue::Text(unquoted.replace("\r\n", "\n")) }
}

/// Decodes literal escapes (`\n`, `\t`, `\"`, `\\`) that some files leave in
/// a YAML string, so descriptions read as their authors meant.
#[must_use]
pub(crate) fn decode_escapes(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some('t') => {
                chars.next();
                out.push('\t');
            }
            Some('"') => {
                chars.next();
                out.push('"');
            }
            Some('\\') => {
                chars.next();
                // `\\n` means an escaped newline written with a doubled backslash.
                if chars.peek() == Some(&'n') {
                    chars.next();
                    out.push('\n');
                } else {
                    out.push('\\');
                }
            }
            _ => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Property tests run natively (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use proptest::prelude::*;

        use super::super::{MetaValue, convert, flat, key_text};

        proptest! {
            // About one case in seven is flat; the rest check that it says so.
            #![proptest_config(ProptestConfig::with_cases(2048))]

            /// Where the flat reading answers, YAML reads the same pairs.
            #[test]
            fn flat_agrees_with_yaml(
                lines in proptest::collection::vec(
                    (
                        prop_oneof![
                            4 => "[a-zA-Z_][a-zA-Z0-9_-]{0,6}",
                            1 => "true|n|null|a b|k:|-k|1",
                        ],
                        prop_oneof![
                            3 => "[a-zA-Z\u{e9}][a-zA-Z0-9 ,./()'\"-]{0,15}",
                            2 => "[ a-zA-Z0-9:#\\-.,'\"*&!|>%@`{}\\[\\]\u{e9}\u{85}\u{2028}\t~]{0,12}",
                            1 => "true|no|Null|~|\\.inf|1e3|0x1f|y",
                        ],
                    ),
                    0..5,
                ),
                crlf in any::<bool>(),
            ) {
                let eol = if crlf { "\r\n" } else { "\n" };
                let mut content = String::new();
                for (k, v) in &lines {
                    content.extend([k.as_str(), ": ", v.as_str(), eol]);
                }
                if let Some(pairs) = flat(&content) {
                    let yaml: serde_yaml::Value = serde_yaml::from_str(&content)
                        .map_err(|e| TestCaseError::fail(format!("{content:?}: {e}")))?;
                    let want: Vec<(String, String)> = match &yaml {
                        serde_yaml::Value::Mapping(map) => map
                            .iter()
                            .map(|(k, v)| (key_text(k), match convert(v) {
                                MetaValue::Text(t) => t,
                                other => format!("not text: {other:?}"),
                            }))
                            .collect(),
                        serde_yaml::Value::Null => Vec::new(),
                        other => vec![(format!("{other:?}"), String::new())],
                    };
                    let got: Vec<(String, String)> =
                        pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
                    prop_assert_eq!(got, want, "{:?}", content);
                }
            }
        }
    }

    #[test]
    fn flat_reads_plain_pairs_and_leaves_the_rest_to_yaml() {
        assert_eq!(
            super::flat(
                "name: code-reviewer\r\ndescription: Reviews code, finds bugs\n\ntools: Read, Grep\n"
            ),
            Some(vec![
                ("name", "code-reviewer"),
                ("description", "Reviews code, finds bugs"),
                ("tools", "Read, Grep")
            ])
        );
        for not_flat in [
            "alwaysApply: true\n",
            "globs: *.rs\n",
            "name: a\nname: b\n",
            "description: |\n  text\n",
            "tools:\n  - Read\n",
            "model: 4\n",
            "# comment\nname: a\n",
            "note: a # comment\n",
            "name: 'quoted'\n",
        ] {
            assert_eq!(super::flat(not_flat), None, "{not_flat:?}");
        }
    }
}
