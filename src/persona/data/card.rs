//! Character cards, rendered to Markdown: one `##` section per text field
//! ([`CARD_FIELDS`], the one table of card fields that rendering and export
//! read), alternate greetings and lorebook entries as parts, and the
//! card's other fields as metadata. A newline inside a field is a line
//! break in the model's text, as card front-ends show it (example dialogue
//! is a line per turn), where Markdown reads it as a space.
//!
//! Recognised cards:
//! - `chara_card_v2` / v3: `{"spec": "chara_card_v2", "data": {…}}`;
//! - `chara_card_v1` (TavernAI): top-level `name`, `description`,
//!   `personality`, `scenario`, `first_mes`, `mes_example`;
//! - Pygmalion / text-generation-webui JSON: `char_name`, `char_persona`,
//!   `char_greeting`, `world_scenario`, `example_dialogue`;
//! - text-generation-webui YAML: `name`, `greeting`, `context`.

use super::rendered::{Field, Fields, Rendered, Seg, get, key, path_to, push_heading, push_section, text_of};
use crate::persona::model::{Dialect, MetaEntry, MetaValue};
use crate::persona::text::Span;

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

/// Renders `top` when it is a character card.
pub(super) fn render_card(top: &Fields) -> Option<Rendered> {
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
