//! JSON and YAML documents: character cards, Roo Code modes and other
//! data.
//!
//! Such documents are not prose, so the engine renders them to Markdown
//! and parses that rendering like any other body. Spans then index into
//! the rendering ([`Persona::text`]), and the Original style reproduces it.
//! Fields become metadata where they are short scalars (name, creator,
//! tags, version, …). This module detects the document and picks its
//! renderer: [`card`], [`roo`], or [`generic`] for other JSON, and for
//! YAML that is clearly data (a `.yaml` file name, or a mapping whose
//! longest string holds most of the text).
//!
//! [`Persona::text`]: crate::persona::model::Persona::text

pub(crate) mod card;
mod generic;
pub(crate) mod rendered;
pub(crate) mod roo;

use crate::persona::diagnostic::{Severity, Sink};
use crate::persona::dialect::{Shape, from_file_name, score_document, spec};
use crate::persona::frontmatter::yaml_document;
use crate::persona::model::{Dialect, MetaValue};
use crate::persona::text::base_name;
pub(crate) use rendered::{Field, Rendered, Seg};

/// Converts JSON to the engine's value type, keeping key order.
pub(crate) fn from_json(v: &serde_json::Value) -> MetaValue {
    use serde_json::Value;
    match v {
        Value::Null => MetaValue::Null,
        Value::Bool(b) => MetaValue::Bool(*b),
        Value::Number(n) => MetaValue::Number(n.to_string()),
        Value::String(s) => MetaValue::Text(s.clone()),
        Value::Array(a) => MetaValue::List(a.iter().map(from_json).collect()),
        Value::Object(o) => MetaValue::Map(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
    }
}

/// Whether the file name says JSON or YAML: an extension of the data
/// dialect's row, or a document dialect's file name (`.roomodes`, which
/// may be either).
fn hint_ext(hint: Option<&str>) -> Option<&'static str> {
    let d = from_file_name(hint?)?;
    let base = base_name(hint?).to_ascii_lowercase();
    match d {
        Dialect::Data if base.rsplit('.').next() == Some("json") => Some("json"),
        Dialect::Data => Some("yaml"),
        d if spec(d).shape == Shape::Document => Some("yaml"),
        _ => None,
    }
}

/// Detects a JSON or YAML document and renders it, or returns `None` for
/// text documents.
pub(crate) fn render(source: &str, hint: Option<&str>, sink: &mut Sink<'_>) -> Option<Rendered> {
    let trimmed = source.trim_start_matches('\u{feff}').trim_start();
    let ext = hint_ext(hint);
    let value = if trimmed.starts_with('{') || (trimmed.starts_with('[') && ext == Some("json")) {
        match serde_json::from_str::<serde_json::Value>(trimmed) {
            Ok(v) => from_json(&v),
            Err(e) => {
                let looks_json =
                    ext == Some("json") || trimmed.trim_start_matches('{').trim_start().starts_with('"');
                if looks_json {
                    sink.push_at(
                        Severity::Warning,
                        "json-invalid",
                        e.line()
                            + source
                                .get(..source.len() - trimmed.len())
                                .map_or(0, |lead| lead.matches('\n').count()),
                        e.column(),
                        format!("This looks like JSON but does not parse ({e}); it is shown as text."),
                    );
                }
                return None;
            }
        }
    } else if ext == Some("yaml") || looks_like_yaml(trimmed) {
        match yaml_document(source) {
            Ok(v @ MetaValue::Map(_)) => v,
            Ok(_) => return None,
            Err(e) => {
                if ext == Some("yaml") {
                    sink.push_at(
                        Severity::Warning,
                        "yaml-invalid",
                        e.line,
                        e.column,
                        format!("This YAML does not parse ({}); it is shown as text.", e.message),
                    );
                }
                return None;
            }
        }
    } else {
        return None;
    };
    let MetaValue::Map(map) = &value else {
        return Some(generic::render_data(&value, source.len()));
    };
    if score_document(map, hint) == Some(Dialect::RooModes) {
        // A modes file.
        return Some(roo::render(map));
    }
    if let Some(card) = card::render_card(map) {
        return Some(card);
    }
    let is_json = trimmed.starts_with('{');
    if is_json || ext.is_some() || generic::dominant_strings(&value, source.len()).is_some() {
        return Some(generic::render_data(&value, source.len()));
    }
    None
}

/// YAML that starts like a mapping (`key:` first), before a full parse.
fn looks_like_yaml(t: &str) -> bool {
    let Some(first) = t.lines().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) else {
        return false;
    };
    let f = first.trim();
    let Some(colon) = f.find(':') else { return false };
    let key = f.get(..colon).unwrap_or("");
    let after = f.get(colon + 1..).unwrap_or("");
    !key.is_empty()
        && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with(' '))
}
