//! Named presets: selections a person saves under a name and applies
//! later. They belong to one document ([`super::Work::presets`]), are kept
//! in the library and travel in share links.
//!
//! A preset stores the ids it switches off, as the selection does. Applied
//! to a document that was edited since, it keeps the ids the document
//! still has and reports how many it could not find; units added since
//! stay on. The preset a selection "is" is derived, never stored: the
//! first preset whose known ids equal the switched-off ones
//! ([`current`]).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::persona::Id;

/// Longest preset name, in characters.
pub const MAX_NAME: usize = 80;

/// A named selection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preset {
    /// What a person called it (unique within its document).
    pub name: String,
    /// The ids it switches off.
    #[serde(default)]
    pub off: Vec<Id>,
}

/// Why a preset could not be saved or renamed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PresetError {
    /// The name is empty or only spaces.
    #[error("Give the preset a name.")]
    EmptyName,
    /// Another preset has the name.
    #[error("A preset named “{0}” already exists.")]
    Taken(String),
    /// No preset has the name.
    #[error("There is no preset named “{0}”.")]
    Missing(String),
}

/// A name as kept: spaces trimmed, cut to [`MAX_NAME`] characters.
fn clean_name(name: &str) -> Result<String, PresetError> {
    let name: String = name.trim().chars().take(MAX_NAME).collect();
    let name = name.trim_end().to_string();
    if name.is_empty() { Err(PresetError::EmptyName) } else { Ok(name) }
}

/// Saves `off` under `name`: a new preset at the end, or the one of that
/// name updated in place. Returns the name as kept.
pub fn save(presets: &mut Vec<Preset>, name: &str, off: &[Id]) -> Result<String, PresetError> {
    let name = clean_name(name)?;
    let off = off.to_vec();
    match presets.iter_mut().find(|p| p.name == name) {
        Some(p) => p.off = off,
        None => presets.push(Preset { name: name.clone(), off }),
    }
    Ok(name)
}

/// Renames preset `from` to `to`. Returns the new name as kept.
pub fn rename(presets: &mut [Preset], from: &str, to: &str) -> Result<String, PresetError> {
    let to = clean_name(to)?;
    if to != from && presets.iter().any(|p| p.name == to) {
        return Err(PresetError::Taken(to));
    }
    let p = presets.iter_mut().find(|p| p.name == from).ok_or_else(|| PresetError::Missing(from.into()))?;
    p.name.clone_from(&to);
    Ok(to)
}

/// Removes preset `name`; false when there is none.
pub fn delete(presets: &mut Vec<Preset>, name: &str) -> bool {
    let before = presets.len();
    presets.retain(|p| p.name != name);
    presets.len() != before
}

/// What applying a preset to a document gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The ids to switch off: the preset's that the document has.
    pub off: Vec<Id>,
    /// How many of the preset's ids the document no longer has.
    pub missing: usize,
}

/// The selection `preset` gives on a document whose units are `known`.
#[must_use]
pub fn apply(preset: &Preset, known: &BTreeSet<Id>) -> Applied {
    let off: Vec<Id> = preset.off.iter().copied().filter(|id| known.contains(id)).collect();
    Applied { missing: preset.off.len() - off.len(), off }
}

/// The first preset whose ids, among `known`, are exactly `off` (the
/// preset the selection is), if any. A preset none of whose ids the
/// document still has is no selection of it, and is never current.
#[must_use]
pub fn current<'a>(presets: &'a [Preset], off: &[Id], known: &BTreeSet<Id>) -> Option<&'a Preset> {
    let now: BTreeSet<Id> = off.iter().copied().filter(|id| known.contains(id)).collect();
    presets.iter().find(|p| {
        let applied = apply(p, known);
        (p.off.is_empty() || !applied.off.is_empty())
            && applied.off.into_iter().collect::<BTreeSet<_>>() == now
    })
}

/// Presets as read from a library or a link, made as [`save`] makes them:
/// names trimmed and cut, nameless presets dropped, and of presets with
/// the same name the first kept.
#[must_use]
pub fn normalised(presets: Vec<Preset>) -> Vec<Preset> {
    let mut out: Vec<Preset> = Vec::with_capacity(presets.len());
    for p in presets {
        if let Ok(name) = clean_name(&p.name)
            && !out.iter().any(|q| q.name == name)
        {
            out.push(Preset { name, off: p.off });
        }
    }
    out
}

/// Bytes the presets hold, for the history's bound.
#[must_use]
pub fn bytes(presets: &[Preset]) -> usize {
    presets.iter().map(|p| p.name.len() + p.off.len() * 17 + 8).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ns: &[u64]) -> Vec<Id> {
        ns.iter().map(|&n| Id(n)).collect()
    }

    #[test]
    fn save_adds_or_updates_and_names_are_clean() {
        let mut ps = Vec::new();
        assert_eq!(save(&mut ps, "  Python only ", &ids(&[1])), Ok("Python only".into()));
        assert_eq!(save(&mut ps, "Python only", &ids(&[2])), Ok("Python only".into()));
        assert_eq!(ps, vec![Preset { name: "Python only".into(), off: ids(&[2]) }]);
        assert_eq!(save(&mut ps, "   ", &[]), Err(PresetError::EmptyName));
        let long = "x".repeat(MAX_NAME + 10);
        assert_eq!(save(&mut ps, &long, &[]).map(|n| n.chars().count()), Ok(MAX_NAME));
    }

    #[test]
    fn rename_refuses_a_taken_name_and_delete_removes() {
        let mut ps = Vec::new();
        assert_eq!(save(&mut ps, "a", &[]), Ok("a".into()));
        assert_eq!(save(&mut ps, "b", &[]), Ok("b".into()));
        assert_eq!(rename(&mut ps, "a", "b"), Err(PresetError::Taken("b".into())));
        assert_eq!(rename(&mut ps, "a", "a"), Ok("a".into()));
        assert_eq!(rename(&mut ps, "a", " c "), Ok("c".into()));
        assert_eq!(rename(&mut ps, "zz", "d"), Err(PresetError::Missing("zz".into())));
        assert!(delete(&mut ps, "c"));
        assert!(!delete(&mut ps, "c"));
        assert_eq!(ps.len(), 1);
    }

    #[test]
    fn apply_keeps_what_it_finds_and_current_is_derived() {
        let known: BTreeSet<Id> = ids(&[1, 2, 3]).into_iter().collect();
        let p = Preset { name: "p".into(), off: ids(&[1, 9, 3]) };
        assert_eq!(apply(&p, &known), Applied { off: ids(&[1, 3]), missing: 1 });
        let ps = vec![Preset { name: "all".into(), off: vec![] }, p];
        assert_eq!(current(&ps, &ids(&[3, 1]), &known).map(|p| p.name.as_str()), Some("p"));
        assert_eq!(current(&ps, &[], &known).map(|p| p.name.as_str()), Some("all"));
        assert_eq!(current(&ps, &ids(&[2]), &known), None);
        // A preset whose ids are all gone is not "everything on".
        let gone = vec![Preset { name: "gone".into(), off: ids(&[8, 9]) }];
        assert_eq!(current(&gone, &[], &known), None);
    }

    #[test]
    fn presets_read_from_outside_are_normalised() {
        let read = vec![
            Preset { name: "  a ".into(), off: ids(&[1]) },
            Preset { name: "   ".into(), off: ids(&[2]) },
            Preset { name: "a".into(), off: ids(&[3]) },
            Preset { name: "b".into(), off: vec![] },
        ];
        assert_eq!(
            normalised(read),
            vec![Preset { name: "a".into(), off: ids(&[1]) }, Preset { name: "b".into(), off: vec![] }]
        );
    }
}
