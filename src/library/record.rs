//! The stored record schema: a document as stored ([`Doc`], written
//! through `DocRecord`, its fields side by side) and the index of the
//! library's documents. The module doc of [`super`] gives the schema and
//! its history.

use serde::{Deserialize, Serialize};

use super::default_name;
use super::presets::{self, Preset};
use super::work::{History, Work};
use crate::persona::Style;
use crate::persona::model::Id;
use crate::persona::variables::Values;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u64 = 6;
/// The first schema whose ids are today's (id scheme 2).
pub(crate) const FIRST_SCHEME_2_IDS: u64 = 3;
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
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    typed: bool,
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
            typed,
            updated,
        } = r;
        let presets = presets::normalised(presets);
        let variables = variables.normalised();
        let work = Work { text, file_name, style, excluded, original, history, presets, variables, typed };
        Self { version, id, name, custom_name, work, updated }
    }
}

impl From<Doc> for DocRecord {
    fn from(d: Doc) -> Self {
        let Work { text, file_name, style, excluded, original, history, presets, variables, typed } = d.work;
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
            typed,
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

#[derive(Serialize, Deserialize)]
pub(crate) struct IndexEntry {
    pub(crate) id: String,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) custom_name: bool,
    #[serde(default)]
    pub(crate) updated: f64,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Index {
    pub(crate) version: u64,
    #[serde(default)]
    pub(crate) current: Option<String>,
    #[serde(default)]
    pub(crate) docs: Vec<IndexEntry>,
}

pub(crate) fn doc_json(doc: &Doc) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}
