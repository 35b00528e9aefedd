//! The library: saved documents with their selections and styles, a
//! versioned storage schema with migrations, and recovery from damage.
//!
//! Pure like the engine: storage is the [`Store`] trait (localStorage in the
//! browser, [`MemoryStore`] in tests), and times and ids come from callers.
//!
//! Schema v6 (current), one key per document so that typing rewrites only
//! the open document and damage to one key loses nothing else:
//! - `persona-playground/index` → `{"version":6,"current":id,"docs":[{"id","name","custom_name","updated"}]}`
//! - `persona-playground/doc/<id>` → `{"version":6,"id","name","custom_name","text","file_name","style","excluded","original"?,"history"?,"presets"?,"variables"?,"typed"?,"updated"}`
//!   (the fields from `text` to `typed` are a [`Work`]; `original`,
//!   `history`, `presets` (`[{"name","off"}]`) and `variables`
//!   (`{"values"?:{name:value},"not_variables"?:[name],"template"?:true}`)
//!   are left out while empty, and `typed` (`true` while a document typed
//!   from nothing has had only typing) while false. `typed` is optional
//!   both ways: a record without it opens as not typed, and a v6 build
//!   that does not know it ignores it, so the version stays 6).
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

pub mod import;
pub mod load;
pub mod paste;
pub mod presets;
pub mod record;
pub mod share;
pub mod store;
pub mod work;

use crate::persona::parse_with_hint;
pub use import::{ImportError, MAX_IMPORT, import_text};
pub use load::{Loaded, load};
pub use presets::Preset;
pub use record::{Doc, SCHEMA_VERSION};
pub use store::{
    DAMAGED_PREFIX, DOC_PREFIX, INDEX_KEY, MemoryStore, Store, StoreError, TOKENIZER_KEY, V1_KEY,
    VIEW_PREFIX, delete_doc, doc_key, save_doc, save_doc_fitting, save_index,
};
pub use work::{History, Step, Work};

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
