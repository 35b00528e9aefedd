//! The cost of every part of a document: each toggleable unit's own text,
//! each section's heading, each list's label, and what a section adds up
//! to, in all and switched on.
//!
//! [`parts`] cuts the document into parts in document order; whoever
//! counts them (the estimate at once, the worker exactly) gives a count
//! per part, and [`costs`] adds them up for a selection. A unit's own text
//! is its bytes in the document (an item's without its nested items); a
//! section's heading part is its heading line and what precedes its first
//! child, and an XML section's closing tag. The gaps between parts (blank
//! lines before a block belong to the block) are nobody's. Counting each
//! part apart can differ from counting the whole by about a token at each
//! boundary, where the whole would merge line feeds: the tests state it.
//!
//! A section's cost switched on is that of what the prompt keeps of it:
//! its units that are on, an item that is off but keeps its line for a
//! nested item that is on, and the heading and list labels of every group
//! with anything on (the prompt keeps a heading while anything under it
//! is emitted); the title counts when something else does.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::persona::assemble::Selection;
use crate::persona::ids::PassThrough;
use crate::persona::model::{Block, BlockKind, Id, Item, Node, Persona, Section};
use crate::persona::order::{self, Unit};
use crate::persona::text::{Span, slice};

/// A part of the document that has a cost of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// The unit it is (for a unit), or the section or list it heads.
    pub owner: Id,
    /// Whether it is a toggleable unit's own text.
    pub unit: bool,
    /// Its bytes in the document.
    pub span: Span,
    /// The innermost section or list around it (for a heading or label,
    /// the one it heads), an index into [`Parts::groups`].
    group: Option<usize>,
    /// For a nested item, its parent item's part (an index into
    /// [`Parts::parts`]): the prompt keeps the parent's line while the
    /// nested item is on.
    parent: Option<usize>,
}

/// A section or a list: what emits its heading or label while anything
/// in it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Group {
    id: Id,
    parent: Option<usize>,
    section: bool,
}

/// A document cut into parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// The parts, in document order.
    pub parts: Vec<Part>,
    groups: Vec<Group>,
    /// The title's part, which the prompt keeps only beside something else.
    title: Option<usize>,
}

impl Parts {
    /// The texts of the parts of `persona`, in order.
    pub fn texts<'a>(&'a self, persona: &'a Persona) -> impl Iterator<Item = &'a str> + 'a {
        self.parts.iter().map(|p| slice(&persona.text, p.span))
    }

    /// The sections around group `g`, innermost first.
    fn sections(&self, g: Option<usize>) -> impl Iterator<Item = (usize, Id)> + '_ {
        std::iter::successors(g, |&i| self.groups.get(i).and_then(|x| x.parent))
            .filter_map(|i| self.groups.get(i).filter(|x| x.section).map(|x| (i, x.id)))
    }

    /// The groups around `g` (itself first).
    fn groups_up(&self, g: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(g, |&i| self.groups.get(i).and_then(|x| x.parent))
    }
}

/// Cuts `persona` into its parts.
#[must_use]
pub fn parts(persona: &Persona) -> Parts {
    let mut out = Parts::default();
    if let Some(t) = &persona.title {
        out.parts.push(Part {
            owner: Unit::Title(t).id(),
            unit: true,
            span: t.span,
            group: None,
            parent: None,
        });
        out.title = Some(0);
    }
    for n in &persona.nodes {
        node(&mut out, n, None);
    }
    out
}

fn node(out: &mut Parts, n: &Node, group: Option<usize>) {
    match n {
        Node::Section(s) => section(out, s, group),
        Node::Block(b) => block(out, b, group),
    }
}

fn group(out: &mut Parts, id: Id, parent: Option<usize>, section: bool) -> usize {
    out.groups.push(Group { id, parent, section });
    out.groups.len() - 1
}

fn section(out: &mut Parts, s: &Section, parent: Option<usize>) {
    let Some(first) = s.children.first() else {
        out.parts.push(Part { owner: s.id, unit: true, span: s.span, group: parent, parent: None });
        return;
    };
    let g = Some(group(out, s.id, parent, true));
    let head = Span::new(s.span.start, node_span(first).start);
    out.parts.push(Part { owner: s.id, unit: false, span: head, group: g, parent: None });
    for c in &s.children {
        node(out, c, g);
    }
    if let Some(close) = s.close {
        out.parts.push(Part { owner: s.id, unit: false, span: close, group: g, parent: None });
    }
}

fn block(out: &mut Parts, b: &Block, parent: Option<usize>) {
    let BlockKind::List(list) = &b.kind else {
        out.parts.push(Part { owner: b.id, unit: true, span: b.span, group: parent, parent: None });
        return;
    };
    let g = Some(group(out, b.id, parent, false));
    if let Some(label) = &list.label {
        let head = Span::new(b.span.start, label.span.end);
        out.parts.push(Part { owner: b.id, unit: false, span: head, group: g, parent: None });
    }
    for i in &list.items {
        item(out, i, g, None);
    }
}

fn item(out: &mut Parts, i: &Item, g: Option<usize>, parent: Option<usize>) {
    let own_end = i.children.first().map_or(i.span.end, |c| c.span.start);
    let own = Span::new(i.span.start, own_end);
    out.parts.push(Part { owner: i.id, unit: true, span: own, group: g, parent });
    let me = Some(out.parts.len() - 1);
    for c in &i.children {
        item(out, c, g, me);
    }
}

fn node_span(n: &Node) -> Span {
    match n {
        Node::Section(s) => s.span,
        Node::Block(b) => b.span,
    }
}

/// A section's cost: switched on, and in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// Tokens (or characters) of what is on.
    pub on: usize,
    /// Tokens of the whole section.
    pub total: usize,
}

/// A map by id (ids are hashes already).
type IdMap<T> = HashMap<Id, T, BuildHasherDefault<PassThrough>>;

/// The costs of a document's units and sections for one selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Costs {
    units: IdMap<usize>,
    sections: IdMap<Cost>,
    /// Every part's count added up.
    pub total: usize,
    /// The counts of what is on.
    pub on: usize,
}

impl Costs {
    /// A unit's own cost.
    #[must_use]
    pub fn unit(&self, id: Id) -> Option<usize> {
        self.units.get(&id).copied()
    }

    /// A section's cost, on and in all.
    #[must_use]
    pub fn section(&self, id: Id) -> Option<Cost> {
        self.sections.get(&id).copied()
    }
}

/// Adds up `counts` (one per part of `parts`, in order; missing ones count
/// 0) for the selection `sel`.
#[must_use]
pub fn costs(parts: &Parts, counts: &[usize], sel: &Selection) -> Costs {
    add_up(parts, counts, sel, true)
}

/// [`costs`] without the units' own costs (which do not depend on the
/// selection): the sections' and the totals.
#[must_use]
pub fn section_costs(parts: &Parts, counts: &[usize], sel: &Selection) -> Costs {
    add_up(parts, counts, sel, false)
}

fn add_up(parts: &Parts, counts: &[usize], sel: &Selection, with_units: bool) -> Costs {
    let emitted = emitted(parts, sel);
    let on_groups = groups_with_anything_on(parts, &emitted);
    let mut out = Costs::default();
    // By group index while adding up; by section id at the end.
    let mut by_group = vec![Cost::default(); parts.groups.len()];
    for (i, part) in parts.parts.iter().enumerate() {
        let n = counts.get(i).copied().unwrap_or(0);
        let on = if part.unit {
            if with_units {
                *out.units.entry(part.owner).or_insert(0) += n;
            }
            emitted.get(i).copied().unwrap_or(false)
        } else {
            part.group.and_then(|g| on_groups.get(g).copied()).unwrap_or(false)
        };
        let on = if on { n } else { 0 };
        out.total += n;
        out.on += on;
        for g in parts.groups_up(part.group) {
            if let Some(cost) = by_group.get_mut(g) {
                cost.total += n;
                cost.on += on;
            }
        }
    }
    out.sections =
        parts.groups.iter().zip(by_group).filter(|(g, _)| g.section).map(|(g, cost)| (g.id, cost)).collect();
    out
}

/// For each part, whether the prompt has it: a unit that is on, an item
/// with a nested item that is on, and the title when it is on and
/// something else is (or the document is nothing but its title); headings
/// and labels are settled by their groups.
fn emitted(parts: &Parts, sel: &Selection) -> Vec<bool> {
    let mut on: Vec<bool> = parts.parts.iter().map(|p| p.unit && sel.is_selected(p.owner)).collect();
    // Children come after their parents: one pass from the end carries
    // "on" up any depth.
    for i in (0..parts.parts.len()).rev() {
        let parent = parts.parts.get(i).and_then(|p| p.parent);
        if on.get(i).copied().unwrap_or(false)
            && let Some(slot) = parent.and_then(|p| on.get_mut(p))
        {
            *slot = true;
        }
    }
    if let Some(t) = parts.title {
        let others = on.iter().enumerate().any(|(i, &o)| o && i != t);
        let alone = parts.parts.len() == 1;
        if let Some(slot) = on.get_mut(t) {
            *slot = *slot && (others || alone);
        }
    }
    on
}

/// For each group, whether any part in it is in the prompt.
fn groups_with_anything_on(parts: &Parts, emitted: &[bool]) -> Vec<bool> {
    let mut on = vec![false; parts.groups.len()];
    let inside = parts.parts.iter().zip(emitted).filter(|(p, e)| p.unit && **e);
    for (part, _) in inside {
        for g in parts.groups_up(part.group) {
            match on.get_mut(g) {
                Some(seen) if !*seen => *seen = true,
                // Its parents were marked with it.
                _ => break,
            }
        }
    }
    on
}

/// One of the costliest parts of a selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Largest {
    /// The section or unit.
    pub id: Id,
    /// Whether it is a section (its cost is what of it is on).
    pub section: bool,
    /// Its cost.
    pub cost: usize,
    /// The sections around it, outermost first, and for a section itself
    /// last: what to expand to show it.
    pub path: Vec<Id>,
}

/// The `n` costliest sections and units of the selection, costliest
/// first (ties in document order): units' own costs from `units` (see
/// [`costs`]), sections' from `sections` (see [`section_costs`]).
#[must_use]
pub fn largest(parts: &Parts, units: &Costs, sections: &Costs, sel: &Selection, n: usize) -> Vec<Largest> {
    // A unit has one part; a section may have two (an XML section's
    // closing tag), and enters once.
    let mut seen = HashSet::new();
    // The best `n` so far as (cost, part index, is a section), costliest
    // first, ties in document order: paths only for the winners.
    let mut best: Vec<(usize, usize, bool)> = Vec::with_capacity(n + 1);
    let mut offer = |entry: (usize, usize, bool)| {
        if entry.0 == 0 || (best.len() == n && best.last().is_some_and(|b| b.0 >= entry.0)) {
            return;
        }
        let at = best.partition_point(|b| b.0 >= entry.0);
        best.insert(at, entry);
        best.truncate(n);
    };
    for (i, part) in parts.parts.iter().enumerate() {
        if part.unit && sel.is_selected(part.owner) {
            offer((units.unit(part.owner).unwrap_or(0), i, false));
        }
        // A section enters at its heading part (whose group is its own).
        let heads =
            part.group.and_then(|g| parts.groups.get(g)).is_some_and(|g| g.section && g.id == part.owner);
        if !part.unit && heads && seen.insert(part.owner) {
            offer((sections.section(part.owner).map_or(0, |c| c.on), i, true));
        }
    }
    best.into_iter()
        .filter_map(|(cost, i, section)| {
            let part = parts.parts.get(i)?;
            let mut path: Vec<Id> = parts.sections(part.group).map(|(_, id)| id).collect();
            path.reverse();
            Some(Largest { id: part.owner, section, cost, path })
        })
        .collect()
}

/// Short labels for the units and sections `ids`: each one's plain text's
/// first line, at most `max` characters (an ellipsis marks a cut;
/// "(empty)" for no text), in the order of `ids` (empty for an id the
/// document does not have). One walk.
#[must_use]
pub fn labels(persona: &Persona, ids: &[Id], max: usize) -> Vec<String> {
    let mut found = vec![String::new(); ids.len()];
    order::walk(persona, &mut |u, _| {
        if let Some(slot) = ids.iter().position(|&id| id == u.id()).and_then(|i| found.get_mut(i)) {
            *slot = shorten(&unit_text(persona, u), max);
        }
    });
    found
}

fn unit_text(persona: &Persona, u: Unit<'_>) -> String {
    match u {
        Unit::Title(h) => h.text.to_plain(),
        Unit::Section(s) => s.heading.text.to_plain(),
        Unit::Item(i) => i.text.to_plain(),
        Unit::Block(b) => match &b.kind {
            BlockKind::Paragraph { text, .. } | BlockKind::Quote { text, .. } => text.to_plain(),
            BlockKind::Code { lang, .. } if !lang.is_empty() => format!("Code block, {lang}"),
            BlockKind::Code { .. } => "Code block".to_string(),
            BlockKind::Table { .. } => "Table".to_string(),
            BlockKind::Rule => "Horizontal rule".to_string(),
            _ => slice(&persona.text, b.span).trim().to_string(),
        },
    }
}

fn shorten(text: &str, max: usize) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.is_empty() {
        return "(empty)".to_string();
    }
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", line.get(..cut).unwrap_or(line).trim_end()),
        None => line.to_string(),
    }
}
