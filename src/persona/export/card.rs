//! Character card v2 exports: a card's sections back to its fields, or
//! any other persona as a card whose `system_prompt` is the prompt.

use serde_json::{Map, Value, json};

use super::header::{description, listed, meta_text};
use super::{Whole, section_text};
use crate::persona::data::card::v2_field;
use crate::persona::model::{Dialect, MetaValue, Node};

/// Card fields that carry over from card metadata.
const CARD_META: [&str; 4] = ["tags", "creator", "character_version", "alternate_greetings"];

/// A character card v2 for the selection.
pub(super) fn write(w: &Whole<'_>, warnings: &mut Vec<String>) -> String {
    let Whole { source, persona, selection, prompt, own } = *w;
    let parsed: Option<Value> =
        if own { serde_json::from_str(source.trim_start_matches('\u{feff}')).ok() } else { None };
    let is_v2 =
        parsed.as_ref().is_some_and(|v| v.get("spec").and_then(Value::as_str) == Some("chara_card_v2"));
    if own && is_v2 && selection.is_all() {
        return source.to_string();
    }
    let mut fields: Map<String, Value> = Map::new();
    let name =
        meta_text(persona, "name").or_else(|| persona.name.clone()).unwrap_or_else(|| persona.display_name());
    fields.insert("name".into(), Value::String(name));
    for key in [
        "description",
        "personality",
        "scenario",
        "first_mes",
        "mes_example",
        "creator_notes",
        "system_prompt",
        "post_history_instructions",
    ] {
        fields.insert(key.into(), Value::String(String::new()));
    }
    if persona.dialect == Dialect::CharacterCard {
        for node in &persona.nodes {
            let Node::Section(s) = node else { continue };
            let title = s.heading.text.to_plain();
            let Some(key) = v2_field(title.trim()) else {
                warnings.push(format!("The section “{}” has no card field; left out.", title.trim()));
                continue;
            };
            let text = section_text(persona, s, selection).replace("\r\n", "\n");
            if let Some(Value::String(existing)) = fields.get_mut(key) {
                if !existing.is_empty() && !text.is_empty() {
                    existing.push_str("\n\n");
                }
                existing.push_str(&text);
            }
        }
    } else {
        fields.insert("description".into(), Value::String(description(persona).unwrap_or_default()));
        fields.insert("system_prompt".into(), Value::String(prompt.trim().replace("\r\n", "\n")));
    }
    let mut extras: Vec<&str> = Vec::new();
    for e in &persona.metadata {
        let key = e.key.as_str();
        if CARD_META.contains(&key) {
            fields.insert(key.into(), meta_json(&e.value));
        } else if !matches!(key, "name" | "description") {
            extras.push(key);
        }
    }
    for (key, empty) in [("tags", json!([])), ("creator", json!("")), ("character_version", json!(""))] {
        fields.entry(key).or_insert(empty);
    }
    fields.entry("alternate_greetings").or_insert(json!([]));
    fields.insert("extensions".into(), json!({}));
    if let Some(keys) = listed(extras.into_iter()) {
        warnings.push(format!("A character card has no place for {keys}; left out."));
    }
    let card = json!({ "spec": "chara_card_v2", "spec_version": "2.0", "data": Value::Object(fields) });
    let mut out = serde_json::to_string_pretty(&card).unwrap_or_default();
    out.push('\n');
    out
}

pub(super) fn meta_json(value: &MetaValue) -> Value {
    match value {
        MetaValue::Null => Value::Null,
        MetaValue::Bool(b) => Value::Bool(*b),
        MetaValue::Number(n) => serde_json::from_str(n).unwrap_or_else(|_| Value::String(n.clone())),
        MetaValue::Text(s) => Value::String(s.clone()),
        MetaValue::List(items) => Value::Array(items.iter().map(meta_json).collect()),
        MetaValue::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), meta_json(v))).collect())
        }
    }
}
