//! Roo Code modes exports: a modes file's sections back to its modes, or any
//! other persona as one mode whose role definition is the prompt.

use super::header::{description, listed, slug};
use super::{Whole, section_text};
use crate::persona::assemble::Selection;
use crate::persona::data::roo::{MODE_PARTS, MODES_KEY};
use crate::persona::model::{Dialect, MetaValue, Persona, Section};
use crate::persona::yamlwrite::write_yaml;

/// The tool groups a converted persona's mode may use: all of them, as
/// the persona had no limits of its own.
const ALL_GROUPS: [&str; 5] = ["read", "edit", "browser", "command", "mcp"];

/// A `.roomodes` YAML file for the selection.
pub(super) fn write(w: &Whole<'_>, warnings: &mut Vec<String>) -> String {
    let Whole { source, persona, selection, prompt, own } = *w;
    if own && selection.is_all() {
        return source.to_string();
    }
    let modes: Vec<MetaValue> = if persona.dialect == Dialect::RooModes {
        persona.sections().filter_map(|s| mode_of_section(persona, s, selection)).collect()
    } else {
        vec![mode_of_persona(persona, prompt, warnings)]
    };
    let file = [(MODES_KEY.to_string(), MetaValue::List(modes))];
    // A modes file in JSON stays JSON (its name says so).
    if own && source.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
        let mut json = serde_json::to_string_pretty(&super::card::meta_json(&MetaValue::Map(file.to_vec())))
            .unwrap_or_default();
        json.push('\n');
        return json;
    }
    write_yaml(&file)
}

/// One mode of a modes file, with its selected parts; `None` when none of
/// its parts is selected.
fn mode_of_section(persona: &Persona, s: &Section, selection: &Selection) -> Option<MetaValue> {
    let mut parts: Vec<(String, MetaValue)> = Vec::new();
    for sub in s.subsections() {
        let tag = sub.heading.text.to_plain();
        let Some(key) = MODE_PARTS.iter().find(|k| **k == tag.trim()) else { continue };
        let text = section_text(persona, sub, selection);
        if !text.trim().is_empty() {
            parts.push(((*key).to_string(), MetaValue::Text(text.replace("\r\n", "\n"))));
        }
    }
    if parts.is_empty() {
        return None;
    }
    let meta = persona.section_meta(s.id).unwrap_or_default();
    let mut fields: Vec<(String, MetaValue)> = Vec::new();
    fields.extend(meta.iter().filter(|e| e.key == "slug").map(|e| (e.key.clone(), e.value.clone())));
    fields.push(("name".into(), MetaValue::Text(s.heading.text.to_plain().trim().to_string())));
    fields.extend(parts);
    fields.extend(meta.iter().filter(|e| e.key != "slug").map(|e| (e.key.clone(), e.value.clone())));
    Some(MetaValue::Map(fields))
}

/// A persona of another dialect as one mode.
fn mode_of_persona(persona: &Persona, prompt: &str, warnings: &mut Vec<String>) -> MetaValue {
    let name = persona.display_name();
    let mut fields = vec![
        ("slug".to_string(), MetaValue::Text(slug(&name))),
        ("name".to_string(), MetaValue::Text(name)),
        ("roleDefinition".to_string(), MetaValue::Text(prompt.trim().replace("\r\n", "\n"))),
    ];
    if let Some(d) = description(persona) {
        fields.push(("description".into(), MetaValue::Text(d)));
    }
    let groups = ALL_GROUPS.iter().map(|g| MetaValue::Text((*g).to_string())).collect();
    fields.push(("groups".into(), MetaValue::List(groups)));
    let lost =
        persona.metadata.iter().map(|e| e.key.as_str()).filter(|k| !matches!(*k, "name" | "description"));
    if let Some(keys) = listed(lost) {
        warnings.push(format!("A Roo Code mode has no place for {keys}; left out."));
    }
    MetaValue::Map(fields)
}
