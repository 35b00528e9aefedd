//! The library: saved documents with their selections and styles, a
//! versioned storage schema with migrations, and recovery from damage.
//!
//! Pure like the engine: storage is the [`Store`] trait (localStorage in the
//! browser, [`MemoryStore`] in tests), and times and ids come from callers.
//!
//! Schema v6 (current), one key per document so that typing rewrites only
//! the open document and damage to one key loses nothing else:
//! - `persona-playground/index` → `{"version":6,"current":id,"docs":[{"id","name","custom_name","updated"}]}`
//! - `persona-playground/doc/<id>` → `{"version":6,"id","name","custom_name","text","file_name","style","excluded","original"?,"history"?,"presets"?,"variables"?,"updated"}`
//!   (the fields from `text` to `variables` are a [`Work`]; `original`,
//!   `history`, `presets` (`[{"name","off"}]`) and `variables`
//!   (`{"values"?:{name:value},"not_variables"?:[name],"template"?:true}`)
//!   are left out while empty).
//!
//! Schema v5 is v6 without `variables`: a v5 document opens with no values
//! set and is written as v6 at its next save; as with v5, the version went
//! up so that a build that knows only v5 opens a v6 library read-only
//! rather than saving over its values.
//!
//! Schema v4 is v5 without `presets`: a v4 document opens with no presets
//! and is written as v5 at its next save. The version went up although v5
//! reads v4 as it is, so that a build that knows only v4 opens a v5
//! library read-only rather than saving over its presets.
//!
//! Schema v3 is v4 without `original` and `history`: a v3 document opens
//! as a document with no changes and no history yet, and is written as v4
//! at its next save.
//!
//! Schema v2 had the same shape, but its `excluded` ids were made by id
//! scheme 1 ([`crate::persona::ids`]); [`load`] maps them to today's ids
//! (re-parsing the document) and writes the record back as v3.
//!
//! Schema v1 (the first release) kept one document under
//! `persona-playground` as `{"version":1,"text","style","excluded"}`;
//! [`load`] migrates it into the library, ids included, and removes the old
//! key.
//!
//! Recovery, in [`load`]: a damaged index is rebuilt from the document
//! keys; a damaged document keeps whatever text can be read (up to the
//! damage) with its selection reset, and its raw value is moved to a
//! `persona-playground/damaged/<id>` key rather than lost; documents missing
//! from the index are added back. Every repair becomes a note for people.
//! A library saved by a newer schema is opened read-only, in memory.

pub mod presets;
pub mod share;
pub mod work;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::persona::ids::Migration;
use crate::persona::stats::plural;
use crate::persona::variables::Values;
use crate::persona::{Id, Style, parse_with_hint};
pub use presets::Preset;
pub use work::{History, Step, Work};

/// Files above this size are refused by the importer.
pub const MAX_IMPORT: usize = 8 * 1024 * 1024;

/// Why a file was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Binary content (NUL bytes, or bytes that are not UTF-8 or UTF-16).
    #[error("“{0}” was not imported: it is not a text file.")]
    Binary(String),
    /// Above [`MAX_IMPORT`].
    #[error("“{0}” was not imported: it is larger than 8 MB.")]
    TooLarge(String),
}

/// The text of an imported file, or why it cannot be imported. Any file
/// whose content is text is read, whatever its name (`.clinerules`,
/// `.roomodes`, `.prompt`, `GEMINI.md`, …); the name only helps detect
/// the dialect. UTF-8 (with or without BOM) and UTF-16 with a BOM are
/// read; a character cut off at the very end is dropped; NUL bytes or
/// invalid UTF-8 mean binary.
///
/// # Errors
/// An [`ImportError`] naming the file.
pub fn import_text(name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_IMPORT {
        return Err(ImportError::TooLarge(name.to_string()));
    }
    let utf16 = |rest: &[u8], le: bool| -> Option<String> {
        let units = rest.chunks_exact(2).map(|c| {
            let pair = [c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)];
            if le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().ok()
    };
    let text = match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(rest, true),
        [0xfe, 0xff, rest @ ..] => utf16(rest, false),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Some(s.to_string()),
            // A multi-byte character cut off at the end only.
            Err(e) if e.error_len().is_none() => {
                bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).map(str::to_string)
            }
            Err(_) => None,
        },
    };
    match text {
        Some(t) if !t.contains('\0') => Ok(t),
        _ => Err(ImportError::Binary(name.to_string())),
    }
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: u64 = 6;
/// The first schema whose ids are today's (id scheme 2).
const FIRST_SCHEME_2_IDS: u64 = 3;
/// Key of the index (schema 2 and later).
pub const INDEX_KEY: &str = "persona-playground/index";
/// Prefix of document keys (schema 2 and later).
pub const DOC_PREFIX: &str = "persona-playground/doc/";
/// Prefix under which unreadable values are kept.
pub const DAMAGED_PREFIX: &str = "persona-playground/damaged/";
/// Key of the v1 single document.
pub const V1_KEY: &str = "persona-playground";
/// Key of the "Tokenizer" choice (a preference, not part of the library).
pub const TOKENIZER_KEY: &str = "persona-playground/tokenizer";

/// Why storage refused an operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The quota is used up.
    #[error("Browser storage is full")]
    Full,
    /// Storage is switched off or blocked (private mode, site settings).
    #[error("Browser storage is blocked")]
    Blocked,
    /// Anything else the browser reported.
    #[error("Browser storage failed: {0}")]
    Other(String),
}

/// Key-value storage of strings.
pub trait Store {
    /// The value under `key`.
    ///
    /// # Errors
    /// When storage cannot be read.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`.
    ///
    /// # Errors
    /// When storage is full or blocked.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`.
    ///
    /// # Errors
    /// When storage cannot be written.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key.
    ///
    /// # Errors
    /// When storage cannot be read.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory [`Store`], with an optional quota in bytes (for tests, and
/// as the app's fallback when browser storage is blocked).
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    /// The stored values.
    pub map: BTreeMap<String, String>,
    /// Total bytes of keys and values allowed, if limited.
    pub quota: Option<usize>,
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            let used: usize =
                self.map.iter().filter(|(k, _)| *k != key).map(|(k, v)| k.len() + v.len()).sum();
            if used + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.keys().cloned().collect())
    }
}

/// One saved document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "DocRecord", into = "DocRecord")]
pub struct Doc {
    /// The schema version of its record. [`load`] brings every document it
    /// reads to [`SCHEMA_VERSION`] (mapping older ids), so that is what gets
    /// written.
    pub version: u64,
    /// Stable id (also the storage key suffix).
    pub id: String,
    /// The name shown in the library.
    pub name: String,
    /// Whether a person chose the name (else it follows the document).
    pub custom_name: bool,
    /// The text, file name, style, selection, original and history.
    pub work: Work,
    /// Last change, in milliseconds since the epoch.
    pub updated: f64,
}

/// A document as stored: a [`Doc`]'s fields and its [`Work`]'s side by
/// side, as the schema has them (a struct of its own rather than
/// `#[serde(flatten)]`, whose buffering costs 6 KiB of wasm).
#[derive(Clone, Serialize, Deserialize)]
struct DocRecord {
    #[serde(default)]
    version: u64,
    id: String,
    name: String,
    #[serde(default)]
    custom_name: bool,
    text: String,
    #[serde(default)]
    file_name: Option<String>,
    #[serde(default)]
    style: Style,
    #[serde(default)]
    excluded: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original: Option<String>,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    history: History,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    presets: Vec<Preset>,
    #[serde(default, skip_serializing_if = "Values::is_empty")]
    variables: Values,
    #[serde(default)]
    updated: f64,
}

impl From<DocRecord> for Doc {
    fn from(r: DocRecord) -> Self {
        let DocRecord {
            version,
            id,
            name,
            custom_name,
            text,
            file_name,
            style,
            excluded,
            original,
            history,
            presets,
            variables,
            updated,
        } = r;
        let presets = presets::normalised(presets);
        let variables = variables.normalised();
        let work = Work { text, file_name, style, excluded, original, history, presets, variables };
        Self { version, id, name, custom_name, work, updated }
    }
}

impl From<Doc> for DocRecord {
    fn from(d: Doc) -> Self {
        let Work { text, file_name, style, excluded, original, history, presets, variables } = d.work;
        let Doc { version, id, name, custom_name, updated, .. } = d;
        Self {
            version,
            id,
            name,
            custom_name,
            text,
            file_name,
            style,
            excluded,
            original,
            history,
            presets,
            variables,
            updated,
        }
    }
}

impl Doc {
    /// A new document named after its content.
    #[must_use]
    pub fn new(id: String, text: String, file_name: Option<String>, now: f64) -> Self {
        let name = default_name(&text, file_name.as_deref());
        Self {
            version: SCHEMA_VERSION,
            id,
            name,
            custom_name: false,
            work: Work::new(text, file_name),
            updated: now,
        }
    }

    /// Renames the document after its content unless a person named it.
    pub fn refresh_name(&mut self, display_name: &str) {
        if !self.custom_name {
            display_name.trim().clone_into(&mut self.name);
            if self.name.is_empty() {
                "Untitled".clone_into(&mut self.name);
            }
        }
    }
}

/// The name a document gets from its content and the file it came from
/// (a command is named by its file).
#[must_use]
pub fn default_name(text: &str, file_name: Option<&str>) -> String {
    if text.trim().is_empty() {
        "Untitled".to_string()
    } else {
        parse_with_hint(text, file_name).display_name()
    }
}

#[derive(Serialize, Deserialize)]
struct IndexEntry {
    id: String,
    name: String,
    #[serde(default)]
    custom_name: bool,
    #[serde(default)]
    updated: f64,
}

#[derive(Serialize, Deserialize)]
struct Index {
    version: u64,
    #[serde(default)]
    current: Option<String>,
    #[serde(default)]
    docs: Vec<IndexEntry>,
}

/// The documents, in library order, and the open one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    /// Saved documents, most recently added last.
    pub docs: Vec<Doc>,
    /// The id of the open document.
    pub current: Option<String>,
}

impl Library {
    /// The document with `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Doc> {
        self.docs.iter().find(|d| d.id == id)
    }

    /// The document with `id`, mutably.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Doc> {
        self.docs.iter_mut().find(|d| d.id == id)
    }

    /// An id no document has, derived from `now` (milliseconds).
    #[must_use]
    pub fn fresh_id(&self, now: f64) -> String {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let base = now.max(0.0) as u64;
        let mut n = 0u64;
        loop {
            let id = format!("{:x}", base.wrapping_add(n));
            if self.get(&id).is_none() {
                return id;
            }
            n += 1;
        }
    }

    /// A copy of document `id`, placed right after it, named "… (copy)".
    pub fn duplicate(&mut self, id: &str, new_id: String, now: f64) -> Option<String> {
        let pos = self.docs.iter().position(|d| d.id == id)?;
        let mut copy = self.docs.get(pos)?.clone();
        copy.name = self.unique_name(&format!("{} (copy)", copy.name));
        copy.custom_name = true;
        copy.id.clone_from(&new_id);
        copy.updated = now;
        self.docs.insert(pos + 1, copy);
        Some(new_id)
    }

    /// Removes document `id`, returning it and its position for an undo.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Doc)> {
        let pos = self.docs.iter().position(|d| d.id == id)?;
        let doc = self.docs.remove(pos);
        if self.current.as_deref() == Some(id) {
            self.current = self.docs.get(pos.min(self.docs.len().saturating_sub(1))).map(|d| d.id.clone());
        }
        Some((pos, doc))
    }

    /// Puts back a removed document where it was.
    pub fn restore(&mut self, pos: usize, doc: Doc) {
        let pos = pos.min(self.docs.len());
        self.docs.insert(pos, doc);
    }

    /// Saves `work` as the open document: creates it on its first text
    /// (none is created for an empty text), updates it when anything of it
    /// changed, and renames it after its content (`display_name`) unless a
    /// person named it. Says what to write.
    pub fn save_work(&mut self, work: &Work, display_name: &str, now: f64) -> Saved {
        let (id, created) = match self.current.clone() {
            Some(id) if self.get(&id).is_some() => (id, false),
            _ if work.text.trim().is_empty() => return Saved::default(),
            _ => {
                let id = self.fresh_id(now);
                self.docs.push(Doc::new(id.clone(), String::new(), None, now));
                self.current = Some(id.clone());
                (id, true)
            }
        };
        let Some(doc) = self.get_mut(&id) else { return Saved::default() };
        if !created && doc.work == *work {
            return Saved::default();
        }
        let before = doc.name.clone();
        doc.work.clone_from(work);
        doc.updated = now;
        doc.refresh_name(display_name);
        Saved { index: created || doc.name != before, doc: Some(doc.clone()) }
    }

    /// `name`, or `name (2)`, `name (3)`… whichever no document has.
    #[must_use]
    pub fn unique_name(&self, name: &str) -> String {
        if !self.docs.iter().any(|d| d.name == name) {
            return name.to_string();
        }
        // At most one candidate per document can be taken.
        (2..=self.docs.len() + 2)
            .map(|n| format!("{name} ({n})"))
            .find(|c| !self.docs.iter().any(|d| &d.name == c))
            .unwrap_or_else(|| name.to_string())
    }
}

/// What [`Library::save_work`] changed, for the caller to write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    /// The document to write, when it changed.
    pub doc: Option<Doc>,
    /// Whether the index changed too (a new document, or a new name).
    pub index: bool,
}

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

/// The storage key of document `id`.
#[must_use]
pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

fn doc_json(doc: &Doc) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

/// Writes one document.
///
/// # Errors
/// When storage is full or blocked.
pub fn save_doc(store: &mut dyn Store, doc: &Doc) -> Result<(), StoreError> {
    store.set(&doc_key(&doc.id), &doc_json(doc))
}

/// Writes the index (names, order and the open document).
///
/// # Errors
/// When storage is full or blocked.
pub fn save_index(store: &mut dyn Store, library: &Library) -> Result<(), StoreError> {
    let index = Index {
        version: SCHEMA_VERSION,
        current: library.current.clone(),
        docs: library
            .docs
            .iter()
            .map(|d| IndexEntry {
                id: d.id.clone(),
                name: d.name.clone(),
                custom_name: d.custom_name,
                updated: d.updated,
            })
            .collect(),
    };
    store.set(INDEX_KEY, &serde_json::to_string(&index).unwrap_or_default())
}

/// Removes one document's key.
///
/// # Errors
/// When storage cannot be written.
pub fn delete_doc(store: &mut dyn Store, id: &str) -> Result<(), StoreError> {
    store.remove(&doc_key(id))
}
