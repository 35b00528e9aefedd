//! Headers written for a conversion to another dialect, from the target's
//! [`Field`] list: which keys it reads, where each comes from, and how a
//! missing one is made.

use super::Target;
use crate::persona::dialect::{ExportSpec, Field, Fill, Header, Literal, spec, with_article};
use crate::persona::model::{BlockKind, MetaValue, Node, Persona};
use crate::persona::numbers::grouped;
use crate::persona::text::{squash_whitespace, truncate_chars};
use crate::persona::yamlwrite::{write_frontmatter, write_yaml};

/// The header for a conversion of `persona` to `target` (frontmatter, a
/// preamble, or nothing), warning about every key it cannot carry.
pub(super) fn write(persona: &Persona, target: Target, e: &ExportSpec, warnings: &mut Vec<String>) -> String {
    let fields: &[Field] = match e.header {
        Header::Frontmatter(f) | Header::Preamble(f) => f,
        Header::None | Header::CardV2 | Header::RooMode => &[],
    };
    let mut out: Vec<(String, MetaValue)> = Vec::new();
    // The keys the header carries: every source of a field whose value the
    // target does not reject.
    let mut carried: Vec<&str> = Vec::new();
    for f in fields {
        if !rejected(persona, target, f) {
            carried.extend(sources(f));
        }
        if let Some(v) = fill(persona, fields, f, target, warnings) {
            out.push((f.key.to_string(), v));
        }
    }
    let lost = persona
        .metadata
        .iter()
        .map(|m| m.key.as_str())
        .filter(|k| !carried.iter().any(|c| c.eq_ignore_ascii_case(k)));
    if let Some(keys) = listed(lost) {
        warnings.push(format!("{} has no place for {keys}; left out.", target_label(target)));
    }
    match e.header {
        _ if out.is_empty() => String::new(),
        Header::Preamble(_) => format!("{}---\n", write_yaml(&out)),
        _ => write_frontmatter(&out),
    }
}

/// The metadata keys a field reads: its `from` list, else its own key.
fn sources(f: &Field) -> &[&'static str] {
    if f.from.is_empty() { std::slice::from_ref(&f.key) } else { f.from }
}

/// The first of the field's sources the persona has, when the target
/// accepts its value (a Copilot `mode: edit` is no OpenCode mode).
fn found<'p>(persona: &'p Persona, target: Target, f: &Field) -> Option<&'p MetaValue> {
    let value = sources(f).iter().find_map(|k| persona.meta(k)).filter(|v| !is_empty(v))?;
    let rules = target.dialect().map_or(&[][..], |d| spec(d).values);
    rules.iter().filter(|(k, _)| *k == f.key).all(|(_, rule)| rule.accepts(value)).then_some(value)
}

/// Whether the persona has a value for the field that the target rejects.
fn rejected(persona: &Persona, target: Target, f: &Field) -> bool {
    sources(f).iter().any(|k| persona.meta(k).is_some_and(|v| !is_empty(v)))
        && found(persona, target, f).is_none()
}

/// A YAML null or blank text: written as if the key were missing.
fn is_empty(value: &MetaValue) -> bool {
    match value {
        MetaValue::Null => true,
        MetaValue::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

/// The value of one field, or `None` when it is left out.
fn fill(
    persona: &Persona,
    fields: &[Field],
    f: &Field,
    target: Target,
    warnings: &mut Vec<String>,
) -> Option<MetaValue> {
    let value = found(persona, target, f);
    match f.fill {
        Fill::Copy => value.cloned(),
        // A map with every tool switched off gives no list at all.
        Fill::Tools => value.map(tool_list).filter(|v| !is_empty(v)),
        Fill::Globs { list, default } => {
            value.map(|v| globs(v, list)).or_else(|| default.map(|d| globs(&MetaValue::Text(d.into()), list)))
        }
        Fill::Default(text) => Some(value.cloned().unwrap_or_else(|| MetaValue::Text(text.into()))),
        Fill::Flag(b) => Some(value.cloned().unwrap_or(MetaValue::Bool(b))),
        Fill::Name => Some(MetaValue::Text(name(persona, target, f))),
        Fill::Slug => {
            let name = name(persona, target, f);
            let id = slug(&name);
            if id != name {
                warnings.push(format!(
                    "The name “{name}” is written as `{id}`: only lowercase letters, digits and hyphens are allowed."
                ));
            }
            Some(MetaValue::Text(id))
        }
        Fill::Description(max) => {
            let mut desc = description(persona).unwrap_or_else(|| name(persona, target, f));
            if let Some(max) = max.filter(|&m| desc.chars().count() > m) {
                desc = truncate_chars(&desc, max.saturating_sub(1));
                warnings.push(format!(
                    "The description is cut to the {} characters the format allows.",
                    grouped(max)
                ));
            }
            Some(MetaValue::Text(desc))
        }
        Fill::Either { key, when, otherwise } => {
            let decided =
                fields.iter().find(|g| g.key == key).is_some_and(|g| found(persona, target, g).is_some());
            let literal = if decided { when } else { otherwise };
            Some(match (value, literal) {
                (Some(MetaValue::Text(t)), Literal::Bool(_)) => {
                    MetaValue::Bool(t.trim().eq_ignore_ascii_case("true"))
                }
                (Some(v), _) => v.clone(),
                (None, Literal::Bool(b)) => MetaValue::Bool(b),
                (None, Literal::Text(t)) => MetaValue::Text(t.into()),
            })
        }
    }
}

/// "A Claude Code agent", "An Agent Skill": the target's dialect.
fn target_label(target: Target) -> String {
    target.dialect().map_or_else(|| "The prompt".to_string(), |d| with_article(spec(d).label))
}

/// The name a field derives: its source's text, else the display name
/// without the `/` a command's name is shown with.
fn name(persona: &Persona, target: Target, f: &Field) -> String {
    found(persona, target, f)
        .and_then(MetaValue::as_text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(|| persona.display_name().trim_start_matches('/').to_string(), str::to_string)
}

/// `a`, `b` and `c` as "`a`, `b`, `c`", or `None` when there are none.
pub(super) fn listed<'a>(keys: impl Iterator<Item = &'a str>) -> Option<String> {
    let keys: Vec<String> = keys.map(|k| format!("`{k}`")).collect();
    (!keys.is_empty()).then(|| keys.join(", "))
}

/// A lowercase identifier of ASCII letters, digits and hyphens, at most 64
/// characters (what Skills and Claude agent names accept).
#[must_use]
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "persona".to_string() } else { out.to_string() }
}

/// A tool list as the comma-separated string Claude Code and Skills read.
/// A map of switches (OpenCode's `write: false`) keeps only the tools
/// switched on: a tool a persona was denied must not become one it has.
fn tool_list(value: &MetaValue) -> MetaValue {
    match value {
        MetaValue::List(items) if items.iter().all(|i| i.as_text().is_some()) => {
            MetaValue::Text(items.iter().filter_map(MetaValue::as_text).collect::<Vec<_>>().join(", "))
        }
        MetaValue::Map(entries) => {
            let on =
                entries.iter().filter(|(_, v)| matches!(v, MetaValue::Bool(true))).map(|(k, _)| k.as_str());
            MetaValue::Text(on.collect::<Vec<_>>().join(", "))
        }
        other => other.clone(),
    }
}

/// File patterns as a list, or as the comma-separated text most tools
/// read; a list recovered line by line (`- a` lines) is split.
fn globs(value: &MetaValue, list: bool) -> MetaValue {
    let patterns: Vec<String> = match value {
        MetaValue::List(items) => items.iter().map(MetaValue::display).collect(),
        MetaValue::Text(t) => t
            .split([',', '\n'])
            .map(|p| p.trim().trim_start_matches("- ").trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        other => return other.clone(),
    };
    if list {
        MetaValue::List(patterns.into_iter().map(MetaValue::Text).collect())
    } else {
        MetaValue::Text(patterns.join(","))
    }
}

pub(super) fn meta_text(persona: &Persona, key: &str) -> Option<String> {
    persona
        .meta(key)
        .and_then(MetaValue::as_text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The description to write: the metadata's, else the parsed one, else the
/// first paragraph of the body (one line, at most 300 characters).
pub(super) fn description(persona: &Persona) -> Option<String> {
    meta_text(persona, "description")
        .or_else(|| persona.description.clone().filter(|d| !d.trim().is_empty()))
        .or_else(|| first_paragraph(&persona.nodes).map(|p| truncate_chars(&squash_whitespace(&p), 300)))
}

fn first_paragraph(nodes: &[Node]) -> Option<String> {
    nodes.iter().find_map(|n| match n {
        Node::Block(b) => match &b.kind {
            BlockKind::Paragraph { text, .. } => Some(text.to_plain()).filter(|t| !t.trim().is_empty()),
            _ => None,
        },
        Node::Section(s) => first_paragraph(&s.children),
    })
}
