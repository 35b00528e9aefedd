//! Writing YAML: frontmatter blocks and YAML documents from metadata
//! entries, for exports. Beside [`super::mdwrite`], the Markdown writer;
//! what YAML reads back as the same string is the reader's knowledge
//! ([`super::frontmatter::plain_ok`]), so both agree.

use std::fmt::Write as _;

use super::frontmatter::{plain_ok, reads_as_number};
use super::model::MetaValue;

fn write_scalar(out: &mut String, value: &MetaValue) {
    match value {
        MetaValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        MetaValue::Number(n) if reads_as_number(n) => {
            out.push_str(n);
        }
        MetaValue::Number(s) | MetaValue::Text(s) if plain_ok(s) => out.push_str(s),
        MetaValue::Number(s) | MetaValue::Text(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\r' => out.push_str("\\r"),
                    c if c.is_control() || c == '\u{feff}' => {
                        let _ = write!(out, "\\u{:04x}", u32::from(c));
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        // Containers are written by `write_value`; never reached with one.
        MetaValue::Null | MetaValue::List(_) | MetaValue::Map(_) => out.push_str("null"),
    }
}

fn is_scalar(value: &MetaValue) -> bool {
    !matches!(value, MetaValue::List(_) | MetaValue::Map(_))
}

/// Writes `key: value` at `indent`, nesting block lists and mappings.
fn write_entry(out: &mut String, indent: usize, key: &str, value: &MetaValue) {
    out.push_str(&" ".repeat(indent));
    write_scalar(out, &MetaValue::Text(key.to_string()));
    out.push(':');
    write_value(out, indent, value);
}

/// Writes a value after `key:` (or after `- `).
fn write_value(out: &mut String, indent: usize, value: &MetaValue) {
    match value {
        MetaValue::List(items) if items.is_empty() => out.push_str(" []\n"),
        MetaValue::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        MetaValue::List(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                if is_scalar(item) {
                    out.push(' ');
                    write_scalar(out, item);
                    out.push('\n');
                } else {
                    write_value(out, indent + 2, item);
                }
            }
        }
        MetaValue::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                write_entry(out, indent + 2, k, v);
            }
        }
        scalar => {
            out.push(' ');
            write_scalar(out, scalar);
            out.push('\n');
        }
    }
}

/// Writes entries as a frontmatter block: `---`, one YAML key per entry in
/// order, `---`, each line ending in `\n`. Strings that YAML would read as
/// something else (`true`, `*.rs`, `12`, `a: b`) come out double-quoted;
/// lists and mappings nest as blocks.
#[must_use]
pub(crate) fn write_frontmatter(entries: &[(String, MetaValue)]) -> String {
    format!("---\n{}---\n", write_yaml(entries))
}

/// Writes entries as YAML lines, one key per entry in order (see
/// [`write_frontmatter`]).
#[must_use]
pub(crate) fn write_yaml(entries: &[(String, MetaValue)]) -> String {
    let mut out = String::new();
    for (k, v) in entries {
        write_entry(&mut out, 0, k, v);
    }
    out
}
