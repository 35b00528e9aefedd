//! Ids by the walk: the ids a generator gives walking a finished model in
//! document order ([`super::order`]), and the [`Migration`] of ids made by
//! an earlier scheme to today's.
//!
//! [`Migration`] walks the model in document order, so the occurrence
//! counts agree with the parser's; [`by_walk`] is what the tests hold the
//! ids the parser gives on its way to.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::ids::{Fnv, IdGen, PassThrough, Scheme, Words};
use super::model::{Id, Persona};
use super::order::{self, Unit};
use super::pipeline::parse_with_hint;

/// The id `ids` gives any unit, met in document order.
fn unit_id<S: Scheme>(ids: &mut IdGen<S>, unit: Unit<'_>) -> Id {
    match unit {
        Unit::Title(t) => ids.title(t),
        Unit::Section(s) => ids.section(s),
        Unit::Block(b) => ids.block(&b.kind),
        Unit::Item(i) => ids.item(i),
    }
}

/// The current ids of `persona`'s units as one generator gives them walking
/// the model in document order ([`order::walk`]). The parser gives them on
/// its way instead (for speed); the tests hold those to these.
#[must_use]
pub fn by_walk(persona: &Persona) -> Vec<Id> {
    let mut ids = IdGen::<Words>::default();
    let mut out = Vec::new();
    order::walk(persona, &mut |unit, _| out.push(unit_id(&mut ids, unit)));
    out
}

/// Maps the ids an earlier scheme gave a document's nodes to the ids they
/// have now.
pub struct Migration {
    /// Ids are well mixed already, so they index the map as they are.
    map: HashMap<Id, Id, BuildHasherDefault<PassThrough>>,
}

impl Migration {
    /// The map from scheme-1 ids ([`Fnv`]) to current ids for `persona`,
    /// which must be the document the old ids were made from.
    #[must_use]
    pub fn from_scheme_1(persona: &Persona) -> Self {
        let mut old = IdGen::<Fnv>::default();
        let mut map = HashMap::default();
        order::walk(persona, &mut |unit, _| {
            map.insert(unit_id(&mut old, unit), unit.id());
        });
        Self { map }
    }

    /// Every (old id, current id) pair.
    pub fn pairs(&self) -> impl Iterator<Item = (Id, Id)> + '_ {
        self.map.iter().map(|(&old, &now)| (old, now))
    }

    /// Today's ids for scheme-1 ids saved with a document (`text`, parsed
    /// with its file name as the app parses it); ids of no node are dropped.
    /// What a library record or a share link migrates with.
    #[must_use]
    pub fn scheme_1_ids(text: &str, file_name: Option<&str>, old: &[Id]) -> Vec<Id> {
        if old.is_empty() {
            return Vec::new();
        }
        Self::from_scheme_1(&parse_with_hint(text, file_name)).apply(old)
    }

    /// The current ids of `old` ids, in order; ids of no node are dropped.
    #[must_use]
    pub fn apply(&self, old: &[Id]) -> Vec<Id> {
        old.iter().filter_map(|id| self.map.get(id).copied()).collect()
    }
}
