//! Where the library is kept: the [`Store`] of strings (localStorage in
//! the browser, [`MemoryStore`] in tests and when storage is blocked), its
//! keys, and the writes of one document, the index and a deletion.

use std::collections::BTreeMap;

use super::Library;
use super::record::{Doc, Index, IndexEntry, SCHEMA_VERSION, doc_json};

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
/// Prefix of how the app was last shown (which tools are open, which hints
/// were dismissed): preferences, not part of the library.
pub const VIEW_PREFIX: &str = "persona-playground/view/";

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

/// The storage key of document `id`.
#[must_use]
pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

/// Writes one document.
///
/// # Errors
/// When storage is full or blocked.
pub fn save_doc(store: &mut dyn Store, doc: &Doc) -> Result<(), StoreError> {
    store.set(&doc_key(&doc.id), &doc_json(doc))
}

/// Writes one document, its text first: when storage is too full for the
/// whole record, its undo history gives way, oldest step first (steps to
/// redo after those to undo), until the record fits. Returns how many
/// steps were left out (the caller's copy keeps them all).
///
/// # Errors
/// When storage is blocked, or too full for the document without any
/// history.
pub fn save_doc_fitting(store: &mut dyn Store, doc: &Doc) -> Result<usize, StoreError> {
    match save_doc(store, doc) {
        Err(StoreError::Full) => {}
        other => return other.map(|()| 0),
    }
    let steps = doc.work.history.undo.len() + doc.work.history.redo.len();
    let without = |n: usize| {
        let mut d = doc.clone();
        let h = &mut d.work.history;
        let from_undo = n.min(h.undo.len());
        h.undo.drain(..from_undo);
        h.redo.drain(..(n - from_undo).min(h.redo.len()));
        d
    };
    // The fewest steps to leave out (more left out is never larger):
    // `fails` is known not to fit, `fits` to fit; the store holds the last
    // record that fitted, which is `fits`'s.
    let (mut fails, mut fits) = (0, steps + 1);
    while fits - fails > 1 {
        let mid = fails + (fits - fails) / 2;
        match save_doc(store, &without(mid)) {
            Ok(()) => fits = mid,
            Err(StoreError::Full) => fails = mid,
            Err(e) => return Err(e),
        }
    }
    if fits <= steps { Ok(fits) } else { Err(StoreError::Full) }
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
