//! JSON and YAML documents: character cards and other data.
//!
//! Such documents are not prose, so the engine renders them to Markdown (one
//! `##` section per text field) and parses that rendering like any other
//! body. Spans then index into the rendering ([`Persona::text`]), and
//! the Original style reproduces it. Fields become metadata where they are
//! short scalars (name, creator, tags, version, …). A newline inside a
//! field is a line break in the model's text, as card front-ends show it
//! (example dialogue is a line per turn), where Markdown reads it as a space.
//!
//! Recognised cards:
//! - `chara_card_v2` / v3: `{"spec": "chara_card_v2", "data": {…}}`;
//! - `chara_card_v1` (TavernAI): top-level `name`, `description`,
//!   `personality`, `scenario`, `first_mes`, `mes_example`;
//! - Pygmalion / text-generation-webui JSON: `char_name`, `char_persona`,
//!   `char_greeting`, `world_scenario`, `example_dialogue`;
//! - text-generation-webui YAML: `name`, `greeting`, `context`.
//!
//! Other JSON, or YAML that is clearly data (a `.yaml` file name, or a
//! mapping whose longest string holds most of the text), is rendered
//! generically: a dominant string becomes the body itself (a prompt wrapped
//! in a request fragment); otherwise nested keys become sections and scalars
//! list items.
//!
//! [`Persona::text`]: super::model::Persona::text

use super::diagnostic::{Severity, Sink};
use super::dialect::{Shape, from_file_name, score_document, spec};
use super::frontmatter::yaml_document;
use super::model::{Dialect, MetaEntry, MetaValue, meta_value};
use super::text::Span;
use super::text::base_name;

/// A data document rendered to Markdown.
pub(crate) struct Rendered {
    pub dialect: Dialect,
    pub text: String,
    pub metadata: Vec<MetaEntry>,
    /// Metadata of single sections, by where their heading starts in
    /// `text` (empty for most documents).
    pub section_metadata: Vec<(usize, Vec<MetaEntry>)>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// The source's strings written into `text` as they are (card fields,
    /// mode parts, long data strings): where, and where from. Editing
    /// writes a changed one back (`edit::data`).
    pub fields: Vec<Field>,
}

/// A step of a path into a JSON or YAML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A mapping's key.
    Key(String),
    /// A sequence's index.
    Index(usize),
}

/// A string of the source written into a rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    /// Where the string is in the source value.
    pub path: Vec<Seg>,
    /// Where its text is in the rendering.
    pub region: Span,
}

/// `path` with `more` appended.
pub(crate) fn path_to(path: &[Seg], more: impl IntoIterator<Item = Seg>) -> Vec<Seg> {
    path.iter().cloned().chain(more).collect()
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// Converts JSON to the engine's value type, keeping key order.
pub(super) fn from_json(v: &serde_json::Value) -> MetaValue {
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

pub(crate) fn get<'a>(map: &'a [(String, MetaValue)], key: &str) -> Option<&'a MetaValue> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub(crate) fn text_of<'a>(map: &'a [(String, MetaValue)], key: &str) -> Option<&'a str> {
    get(map, key).and_then(MetaValue::as_text).map(str::trim).filter(|s| !s.is_empty())
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
        return Some(render_data(&value, source.len()));
    };
    if score_document(map, hint) == Some(Dialect::RooModes) {
        // A modes file (the key is `roo::MODES_KEY`).
        return Some(super::roo::render(map));
    }
    if let Some(card) = render_card(map) {
        return Some(card);
    }
    let is_json = trimmed.starts_with('{');
    if is_json || ext.is_some() || dominant_strings(&value, source.len()).is_some() {
        return Some(render_data(&value, source.len()));
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

/// A card field: its section title in the rendering, the keys it is read
/// from (v1/v2, Pygmalion, text-generation-webui), and the v2 field it
/// exports to.
pub(crate) struct CardField {
    /// The section title.
    pub title: &'static str,
    /// The keys it is read from, first found.
    pub keys: &'static [&'static str],
    /// The `chara_card_v2` field it exports to, if any.
    pub v2: Option<&'static str>,
}

/// The card's fields in display order.
pub(crate) const CARD_FIELDS: [CardField; 10] = [
    CardField { title: "Description", keys: &["description", "char_persona"], v2: Some("description") },
    CardField { title: "Personality", keys: &["personality"], v2: Some("personality") },
    CardField { title: "Scenario", keys: &["scenario", "world_scenario"], v2: Some("scenario") },
    CardField { title: "System prompt", keys: &["system_prompt"], v2: Some("system_prompt") },
    CardField { title: "Context", keys: &["context"], v2: Some("description") },
    CardField {
        title: "First message",
        keys: &["first_mes", "char_greeting", "greeting"],
        v2: Some("first_mes"),
    },
    CardField {
        title: "Example messages",
        keys: &["mes_example", "example_dialogue"],
        v2: Some("mes_example"),
    },
    CardField {
        title: "Post-history instructions",
        keys: &["post_history_instructions"],
        v2: Some("post_history_instructions"),
    },
    CardField {
        title: "Creator notes",
        keys: &["creator_notes", "creatorcomment"],
        v2: Some("creator_notes"),
    },
    CardField { title: "Depth prompt", keys: &["depth_prompt"], v2: None },
];

/// The v2 field a card section of this title exports to.
#[must_use]
pub fn v2_field(title: &str) -> Option<&'static str> {
    CARD_FIELDS.iter().find(|f| f.title == title).and_then(|f| f.v2)
}

type Fields = [(String, MetaValue)];

/// The card's fields and its kind, when `top` is a character card.
fn card_data(top: &Fields) -> Option<(&Fields, &str, bool)> {
    let spec = text_of(top, "spec").unwrap_or("");
    if let Some(MetaValue::Map(d)) = get(top, "data")
        && (spec.starts_with("chara_card_v") || get(d, "first_mes").is_some())
    {
        return Some((d.as_slice(), if spec.is_empty() { "chara_card_v2" } else { spec }, true));
    }
    let tavern = text_of(top, "name").is_some()
        && ["first_mes", "personality", "scenario", "mes_example"].iter().any(|k| get(top, k).is_some());
    let pyg = get(top, "char_name").is_some() || get(top, "char_persona").is_some();
    // Continue's config also has `name` and a `context` list.
    let textgen = text_of(top, "name").is_some()
        && (text_of(top, "greeting").is_some() || text_of(top, "context").is_some());
    if tavern {
        Some((top, "chara_card_v1", false))
    } else if pyg {
        Some((top, "pygmalion", false))
    } else if textgen {
        Some((top, "text-generation-webui", false))
    } else {
        None
    }
}

fn render_card(top: &Fields) -> Option<Rendered> {
    let (data, spec_label, nested) = card_data(top)?;
    let at: Vec<Seg> = if nested { vec![key("data")] } else { Vec::new() };
    let mut fields = Vec::new();
    let name = text_of(data, "name").or_else(|| text_of(data, "char_name")).map(str::to_string);
    let mut text = String::new();
    if let Some(n) = &name {
        push_heading(&mut text, 1, n);
    }
    let mut used: Vec<&str> = vec!["name", "char_name", "spec", "spec_version", "data"];
    for f in &CARD_FIELDS {
        used.extend(f.keys);
        if let Some((k, body)) = f.keys.iter().find_map(|k| text_of(data, k).map(|b| (k, b))) {
            let region = push_section(&mut text, 2, f.title, body);
            fields.push(Field { path: path_to(&at, [key(k)]), region });
        }
    }
    used.extend(render_greetings(data, &mut text, &at, &mut fields));
    used.extend(render_lorebook(data, &mut text, &at, &mut fields));
    let metadata = card_metadata(data, spec_label, name.as_deref(), &used);
    Some(Rendered {
        dialect: Dialect::CharacterCard,
        text,
        metadata,
        section_metadata: Vec::new(),
        name,
        description: None,
        fields,
    })
}

/// `## Alternate greetings` with a part per greeting; the key it read.
fn render_greetings(
    data: &Fields,
    text: &mut String,
    at: &[Seg],
    fields: &mut Vec<Field>,
) -> Option<&'static str> {
    let Some(MetaValue::List(greetings)) = get(data, "alternate_greetings") else { return None };
    let greetings: Vec<(usize, &str)> = greetings
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.as_text().map(|g| (i, g.trim())))
        .filter(|(_, g)| !g.is_empty())
        .collect();
    if !greetings.is_empty() {
        text.push_str("## Alternate greetings\n\n");
        for (n, (i, g)) in greetings.iter().enumerate() {
            let region = push_section(text, 3, &format!("Greeting {}", n + 2), g);
            fields.push(Field { path: path_to(at, [key("alternate_greetings"), Seg::Index(*i)]), region });
        }
    }
    Some("alternate_greetings")
}

/// `## Lorebook` with a part per entry, named by its keys; the key it read.
fn render_lorebook(
    data: &Fields,
    text: &mut String,
    at: &[Seg],
    fields: &mut Vec<Field>,
) -> Option<&'static str> {
    let Some(MetaValue::Map(book)) = get(data, "character_book") else { return None };
    let Some(MetaValue::List(entries)) = get(book, "entries") else { return Some("character_book") };
    let mut any = false;
    for (j, entry) in entries.iter().enumerate() {
        let MetaValue::Map(e) = entry else { continue };
        let Some(content) = text_of(e, "content") else { continue };
        if !any {
            text.push_str("## Lorebook\n\n");
            any = true;
        }
        let keys = match get(e, "keys") {
            Some(MetaValue::List(k)) => k.iter().map(MetaValue::display).collect::<Vec<_>>().join(", "),
            _ => text_of(e, "name").unwrap_or("Entry").to_string(),
        };
        let region = push_section(text, 3, &keys, content);
        let path = [key("character_book"), key("entries"), Seg::Index(j), key("content")];
        fields.push(Field { path: path_to(at, path), region });
    }
    Some("character_book")
}

/// The card's kind, its name, and every field not rendered and not empty.
fn card_metadata(data: &Fields, spec_label: &str, name: Option<&str>, used: &[&str]) -> Vec<MetaEntry> {
    let entry = |key: &str, value: MetaValue| MetaEntry { key: key.into(), value, span: Span::default() };
    let mut metadata = vec![entry("spec", MetaValue::Text(spec_label.to_string()))];
    metadata.extend(name.map(|n| entry("name", MetaValue::Text(n.to_string()))));
    let empty = |v: &MetaValue| match v {
        MetaValue::Text(s) => s.trim().is_empty(),
        MetaValue::List(l) => l.is_empty(),
        MetaValue::Map(m) => m.is_empty(),
        _ => false,
    };
    for (k, v) in data.iter().filter(|(k, v)| !used.contains(&k.as_str()) && !empty(v)) {
        metadata.push(entry(k, v.clone()));
    }
    metadata
}

/// Appends `## Title\n\n`.
pub(crate) fn push_heading(out: &mut String, level: usize, title: &str) {
    out.push_str(&"#".repeat(level.clamp(1, 6)));
    out.push(' ');
    out.push_str(&super::mdwrite::escape_inline(title.trim()));
    out.push_str("\n\n");
}

/// Appends `## Title\n\nbody\n\n`; returns where the body is.
pub(crate) fn push_section(out: &mut String, level: usize, title: &str, body: &str) -> Span {
    push_heading(out, level, title);
    let start = out.len();
    out.push_str(&body.replace("\r\n", "\n"));
    let region = Span::new(start, out.len());
    out.push_str("\n\n");
    region
}

/// The long multi-line string leaves, in document order, when together they
/// hold most of the document's text (a prompt wrapped in a request or config
/// fragment), with their paths.
fn dominant_strings(value: &MetaValue, total: usize) -> Option<Vec<(String, &str, Vec<Seg>)>> {
    type Found<'a> = Vec<(String, &'a str, Vec<Seg>)>;
    fn walk<'a>(v: &'a MetaValue, path: &str, segs: &mut Vec<Seg>, out: &mut Found<'a>) {
        match v {
            MetaValue::Text(s) if s.contains('\n') && s.trim().len() >= 80 => {
                out.push((path.to_string(), s, segs.clone()));
            }
            MetaValue::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    segs.push(Seg::Index(i));
                    walk(item, &format!("{path}[{i}]"), segs, out);
                    segs.pop();
                }
            }
            MetaValue::Map(entries) => {
                for (k, item) in entries {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    segs.push(key(k));
                    walk(item, &p, segs, out);
                    segs.pop();
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, "", &mut Vec::new(), &mut found);
    let sum: usize = found.iter().map(|(_, s, _)| s.len()).sum();
    (!found.is_empty() && sum * 2 >= total).then_some(found)
}

/// Renders a non-card data document.
fn render_data(value: &MetaValue, total: usize) -> Rendered {
    let mut metadata = Vec::new();
    let mut text = String::new();
    let mut fields = Vec::new();
    if let Some(parts) = dominant_strings(value, total) {
        for (i, (_, body, path)) in parts.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(body.trim_matches('\n'));
            fields.push(Field { path: path.clone(), region: Span::new(start, text.len()) });
            text.push('\n');
        }
        let skip: Vec<&str> = parts.iter().map(|(p, _, _)| p.as_str()).collect();
        collect_scalars(value, "", &skip, &mut metadata);
    } else {
        let mut out = Out { text: &mut text, meta: &mut metadata, fields: &mut fields };
        render_value(value, 2, &mut out, &mut Vec::new(), true);
    }
    let name = super::naming::declared_name(Dialect::Data, &metadata, None);
    let description = meta_value(&metadata, "description").and_then(MetaValue::as_text).map(str::to_string);
    Rendered {
        dialect: Dialect::Data,
        text,
        metadata,
        section_metadata: Vec::new(),
        name,
        description,
        fields,
    }
}

fn collect_scalars(value: &MetaValue, path: &str, skip: &[&str], out: &mut Vec<MetaEntry>) {
    if out.len() >= 100 || skip.contains(&path) {
        return;
    }
    match value {
        MetaValue::List(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_scalars(item, &format!("{path}[{i}]"), skip, out);
            }
        }
        MetaValue::Map(entries) => {
            for (k, item) in entries {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                collect_scalars(item, &p, skip, out);
            }
        }
        other => out.push(MetaEntry { key: path.to_string(), value: other.clone(), span: Span::default() }),
    }
}

fn is_long(s: &str) -> bool {
    s.contains('\n') || s.chars().count() > 120
}

/// Where generic rendering writes: the text, metadata, and the strings
/// written as they are.
struct Out<'a> {
    text: &'a mut String,
    meta: &'a mut Vec<MetaEntry>,
    fields: &'a mut Vec<Field>,
}

/// Generic rendering: nested keys as sections, scalars as list items.
fn render_value(value: &MetaValue, level: usize, o: &mut Out<'_>, path: &mut Vec<Seg>, top: bool) {
    let out = &mut *o.text;
    match value {
        MetaValue::Map(entries) => {
            let mut items: Vec<String> = Vec::new();
            for (k, v) in entries {
                let out = &mut *o.text;
                match v {
                    MetaValue::Text(s) if is_long(s) => {
                        flush_items(&mut items, out);
                        let region = push_section(out, level, k, s.trim());
                        o.fields.push(Field { path: path_to(path, [key(k)]), region });
                    }
                    MetaValue::Map(_) | MetaValue::List(_) if level < 6 => {
                        flush_items(&mut items, out);
                        push_heading(out, level, k);
                        path.push(key(k));
                        render_value(v, level + 1, o, path, false);
                        path.pop();
                    }
                    other if top => {
                        o.meta.push(MetaEntry {
                            key: k.clone(),
                            value: other.clone(),
                            span: Span::default(),
                        });
                    }
                    other => items.push(format!("{}: {}", super::mdwrite::escape_inline(k), one_line(other))),
                }
            }
            flush_items(&mut items, o.text);
        }
        MetaValue::List(list) => {
            let mut items: Vec<String> = Vec::new();
            for v in list {
                match v {
                    MetaValue::Map(m) => {
                        let main = ["description", "text", "content", "prompt", "name", "title"]
                            .iter()
                            .find_map(|k| text_of(m, k));
                        let rest: Vec<String> = m
                            .iter()
                            .filter(|(_, val)| Some(val.display().trim()) != main.map(str::trim))
                            .map(|(k, val)| {
                                format!("{}: {}", super::mdwrite::escape_inline(k), one_line(val))
                            })
                            .collect();
                        let mut item = main.map(one_line_str).unwrap_or_default();
                        for r in rest {
                            if item.is_empty() {
                                item = r;
                            } else {
                                item.push_str("\n  - ");
                                item.push_str(&r);
                            }
                        }
                        items.push(item);
                    }
                    other => items.push(one_line(other)),
                }
            }
            flush_items(&mut items, out);
        }
        other => {
            out.push_str(&one_line(other));
            out.push_str("\n\n");
        }
    }
}

fn one_line_str(s: &str) -> String {
    super::mdwrite::escape_inline(&super::text::squash_whitespace(s))
}

fn one_line(v: &MetaValue) -> String {
    one_line_str(&v.display())
}

fn flush_items(items: &mut Vec<String>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    for i in items.drain(..) {
        out.push_str("- ");
        out.push_str(&i);
        out.push('\n');
    }
    out.push('\n');
}
