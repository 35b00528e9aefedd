//! How much of each section is switched on: "8 of 12 on" on a collapsed
//! section, the outline's counts and a section checkbox's mixed state.
//!
//! A section counts the toggleable units inside it, its subsections' too
//! (see [`super::assemble`] for which units are toggleable); a section
//! without content counts itself. One walk counts every section.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::AddAssign;

use super::assemble::{Selection, Tri};
use super::ids::PassThrough;
use super::model::{Block, BlockKind, Id, Item, Node, Persona, Section};

/// How many units of a group are switched on, of how many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Units switched on.
    pub on: usize,
    /// Units in all.
    pub total: usize,
}

impl Count {
    /// One unit, on or off.
    fn one(on: bool) -> Self {
        Self { on: usize::from(on), total: 1 }
    }

    /// Whether all, some or none of the group is on (an empty group is all,
    /// as [`Selection::state`] has it).
    #[must_use]
    pub fn state(self) -> Tri {
        if self.on == self.total {
            Tri::All
        } else if self.on == 0 {
            Tri::None
        } else {
            Tri::Some
        }
    }
}

impl AddAssign for Count {
    fn add_assign(&mut self, other: Self) {
        self.on += other.on;
        self.total += other.total;
    }
}

/// The count of every section of a persona, by section id.
#[derive(Clone, Debug, Default)]
pub struct SectionCounts(HashMap<Id, Count, BuildHasherDefault<PassThrough>>);

impl SectionCounts {
    /// The count of section `id`, when the persona has that section.
    #[must_use]
    pub fn get(&self, id: Id) -> Option<Count> {
        self.0.get(&id).copied()
    }

    /// How many sections were counted.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the persona has no sections.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Counts every section of `persona` under `sel`.
#[must_use]
pub fn section_counts(persona: &Persona, sel: &Selection) -> SectionCounts {
    let mut out = SectionCounts::default();
    for n in &persona.nodes {
        node_count(n, sel, &mut out);
    }
    out
}

fn node_count(n: &Node, sel: &Selection, out: &mut SectionCounts) -> Count {
    match n {
        Node::Section(s) => section_count(s, sel, out),
        Node::Block(b) => block_count(b, sel),
    }
}

/// Counts `s`, recording it and every subsection in `out`.
fn section_count(s: &Section, sel: &Selection, out: &mut SectionCounts) -> Count {
    let count = if s.children.is_empty() {
        Count::one(sel.is_selected(s.id))
    } else {
        let mut count = Count::default();
        for c in &s.children {
            count += node_count(c, sel, out);
        }
        count
    };
    out.0.insert(s.id, count);
    count
}

fn block_count(b: &Block, sel: &Selection) -> Count {
    match &b.kind {
        BlockKind::List(list) => {
            let mut count = Count::default();
            for i in &list.items {
                count += item_count(i, sel);
            }
            count
        }
        _ => Count::one(sel.is_selected(b.id)),
    }
}

fn item_count(i: &Item, sel: &Selection) -> Count {
    let mut count = Count::one(sel.is_selected(i.id));
    for c in &i.children {
        count += item_count(c, sel);
    }
    count
}
