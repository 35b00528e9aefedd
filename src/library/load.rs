//! Loading the library: reading the index and every document, migrating
//! older schemas (v1's single document, v2's scheme-1 ids), and repairing
//! damage (a damaged index rebuilt from the document keys, a damaged
//! document's text salvaged up to the damage, its raw value kept aside,
//! documents missing from the index added back), with a note for people
//! about each repair.

use serde_json::Value;

use super::Library;
use super::record::{Doc, FIRST_SCHEME_2_IDS, Index, SCHEMA_VERSION, doc_json};
use super::store::{DAMAGED_PREFIX, DOC_PREFIX, INDEX_KEY, Store, V1_KEY, doc_key, save_index};
use crate::persona::Style;
use crate::persona::migration::Migration;
use crate::persona::model::Id;
use crate::persona::numbers::plural;

/// What [`load`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// The library.
    pub library: Library,
    /// Repairs and migrations, for people.
    pub notes: Vec<String>,
    /// False when the library must not be written (a newer schema).
    pub writable: bool,
    /// Whether the index on record is an older schema's: it is written
    /// at the next save, so that a build that knows only that schema opens
    /// the library read-only from then on (rather than dropping what it
    /// cannot read, such as presets).
    pub index_stale: bool,
}

/// Loads the library from `store`, migrating and repairing as needed.
/// Repairs are written back when possible; failures to write are ignored
/// here (the next save reports them).
pub fn load(store: &mut dyn Store) -> Loaded {
    let mut notes = Vec::new();
    let keys = match store.keys() {
        Ok(k) => k,
        Err(e) => {
            return Loaded {
                library: Library::default(),
                notes: vec![format!("{e}; nothing can be saved.")],
                writable: false,
                index_stale: false,
            };
        }
    };
    let mut index: Option<Index> = None;
    let mut index_damaged = false;
    let mut index_stale = false;
    if let Ok(Some(raw)) = store.get(INDEX_KEY) {
        match serde_json::from_str::<Value>(&raw) {
            Ok(v) => {
                let version = v.get("version").and_then(Value::as_u64).unwrap_or(0);
                index_stale = version < SCHEMA_VERSION;
                if version > SCHEMA_VERSION {
                    notes.push(
                        "This library was saved by a newer version of Persona Playground; it is left untouched and nothing will be saved in this tab."
                            .into(),
                    );
                    return Loaded {
                        library: Library::default(),
                        notes,
                        writable: false,
                        index_stale: false,
                    };
                }
                // Typed from the text, not from the value: one JSON
                // deserializer in the build instead of two.
                match serde_json::from_str::<Index>(&raw) {
                    Ok(i) => index = Some(i),
                    Err(_) => index_damaged = true,
                }
            }
            Err(_) => index_damaged = true,
        }
        if index_damaged {
            let _ = store.set(&format!("{DAMAGED_PREFIX}index"), &raw);
        }
    }

    let mut library = Library::default();
    let mut listed: Vec<String> = Vec::new();
    if let Some(i) = &index {
        library.current.clone_from(&i.current);
        for entry in &i.docs {
            if listed.contains(&entry.id) {
                continue;
            }
            listed.push(entry.id.clone());
            match read_doc(store, &entry.id, &mut notes) {
                Some(mut doc) => {
                    if entry.custom_name && !doc.custom_name {
                        doc.name.clone_from(&entry.name);
                        doc.custom_name = true;
                    }
                    library.docs.push(doc);
                }
                None => notes.push(format!(
                    "“{}” was listed in the library but its text is gone; removed it from the list.",
                    entry.name
                )),
            }
        }
    }
    // Documents missing from the index (or every document, when the index
    // is damaged or absent).
    let mut found = 0;
    for key in &keys {
        let Some(id) = key.strip_prefix(DOC_PREFIX) else { continue };
        if listed.iter().any(|l| l == id) {
            continue;
        }
        if let Some(doc) = read_doc(store, id, &mut notes) {
            library.docs.push(doc);
            found += 1;
        }
    }
    if index_damaged {
        notes.push(format!(
            "The library list was damaged; it was rebuilt from {found} saved document{}.",
            plural(found)
        ));
    } else if found > 0 && index.is_some() {
        notes.push(format!(
            "Found {found} saved document{} missing from the library list; added back.",
            plural(found)
        ));
    }

    // Schema v1 → v2.
    let mut migrated = false;
    if let Ok(Some(raw)) = store.get(V1_KEY) {
        if let Some(doc) = migrate_v1(&raw, library.fresh_id(0.0)) {
            if store.set(&doc_key(&doc.id), &doc_json(&doc)).is_ok() {
                let _ = store.remove(V1_KEY);
            }
            library.current.get_or_insert_with(|| doc.id.clone());
            library.docs.push(doc);
            migrated = true;
        } else {
            let _ = store.set(&format!("{DAMAGED_PREFIX}v1"), &raw);
            let _ = store.remove(V1_KEY);
            notes.push("An old saved document could not be read; its raw data was kept aside.".into());
        }
    }

    if library.current.as_ref().is_none_or(|c| library.get(c).is_none()) {
        library.current = library.docs.first().map(|d| d.id.clone());
    }
    let repaired = index_damaged || found > 0 || migrated || !notes.is_empty();
    if repaired {
        let _ = save_index(store, &library);
    }
    Loaded { library, notes, writable: true, index_stale: index_stale && !repaired }
}

/// Migrates a v1 record to a document; `None` when nothing is readable.
fn migrate_v1(raw: &str, id: String) -> Option<Doc> {
    let v: Value = serde_json::from_str(raw).ok()?;
    let text = v.get("text")?.as_str()?.to_string();
    // Each field read on its own, so a damaged one loses only itself (read
    // by hand: a typed read from a `Value` would build a second JSON
    // deserializer for these types). "clean" is `Style`'s serde name.
    let style = match v.get("style").and_then(Value::as_str) {
        Some("clean") => Style::Clean,
        _ => Style::Original,
    };
    let excluded = v
        .get("excluded")
        .and_then(Value::as_array)
        .and_then(|ids| ids.iter().map(|x| x.as_str()?.parse().ok()).collect::<Option<Vec<Id>>>())
        .unwrap_or_default();
    let mut doc = Doc::new(id, text, None, 0.0);
    doc.work.style = style;
    doc.work.excluded = excluded;
    migrate_ids(&mut doc);
    Some(doc)
}

/// Maps a document's excluded ids from id scheme 1 (library schema 1 and
/// 2) to today's, by parsing it as the app will. Returns whether anything
/// was there to map.
fn migrate_ids(doc: &mut Doc) -> bool {
    let w = &mut doc.work;
    if w.excluded.is_empty() {
        return false;
    }
    w.excluded = Migration::scheme_1_ids(&w.text, w.file_name.as_deref(), &w.excluded);
    true
}

/// Reads document `id`, recovering what it can from a damaged value.
fn read_doc(store: &mut dyn Store, id: &str, notes: &mut Vec<String>) -> Option<Doc> {
    let raw = store.get(&doc_key(id)).ok()??;
    if let Ok(mut doc) = serde_json::from_str::<Doc>(&raw) {
        id.clone_into(&mut doc.id);
        let old_ids = doc.version < FIRST_SCHEME_2_IDS;
        // What this build writes back is its own schema, whatever was read.
        doc.version = SCHEMA_VERSION;
        if old_ids && migrate_ids(&mut doc) {
            let _ = store.set(&doc_key(id), &doc_json(&doc));
        }
        return Some(doc);
    }
    // Damaged: keep the raw value aside, then salvage the text.
    let _ = store.set(&format!("{DAMAGED_PREFIX}{id}"), &raw);
    let loose: Option<Value> = serde_json::from_str(&raw).ok();
    let text = loose
        .as_ref()
        .and_then(|v| v.get("text"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| salvage_string(&raw, "text"));
    let name = loose
        .as_ref()
        .and_then(|v| v.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| salvage_string(&raw, "name"));
    let Some(text) = text else {
        notes.push(format!(
            "A saved document could not be read at all; its raw data was kept under “{DAMAGED_PREFIX}{id}”."
        ));
        return None;
    };
    let mut doc = Doc::new(id.to_string(), text, None, 0.0);
    if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
        doc.name = n;
        doc.custom_name = true;
    }
    notes.push(format!(
        "“{}” was damaged in storage: its text was recovered up to the damage and its selection reset.",
        doc.name
    ));
    let _ = store.set(&doc_key(id), &doc_json(&doc));
    Some(doc)
}

/// The value of `"key":"…"` in damaged JSON, read up to where it breaks.
fn salvage_string(raw: &str, key: &str) -> Option<String> {
    let start = raw.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let rest = raw.get(start..)?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => break,
                    }
                }
                Some(other) => out.push(other),
                None => break,
            },
            c => out.push(c),
        }
    }
    (!out.is_empty()).then_some(out)
}
