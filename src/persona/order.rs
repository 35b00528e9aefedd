//! Document order: the one order in which a persona's units are visited.
//!
//! The title first, then the nodes depth-first, each parent before what it
//! holds: a section before its children, a list's block before its items,
//! an item before its nested items. List labels are part of their block.
//!
//! Ids depend on this order (each counts the earlier nodes of its kind with
//! the same text; see [`super::ids`]), so it is stated here once, and what
//! walks the model in it uses [`walk`]: [`super::migration::Migration`],
//! [`super::assemble::units`] and [`super::outline`]. The parser gives ids
//! on its way instead, for speed: the producers as each block is finished
//! (`markdown::Emit`, `tree::block_ids`) and the tree's tiler for the title
//! and sections. [`super::migration::by_walk`] gives the ids this walk gives, and
//! the tests hold every fixture's and corpus document's ids to it.

use super::model::{Block, BlockKind, Heading, Id, Item, Node, Persona, Section};

/// A unit of the document, as the walk meets it.
#[derive(Clone, Copy, Debug)]
pub enum Unit<'a> {
    /// The title line.
    Title(&'a Heading),
    /// A section, met before its children.
    Section(&'a Section),
    /// A block, met before its items when it is a list.
    Block(&'a Block),
    /// A list item, met before its nested items.
    Item(&'a Item),
}

impl Unit<'_> {
    /// The id the model holds for this unit (the title's is derived from
    /// its text, as it has no field of its own).
    #[must_use]
    pub fn id(self) -> Id {
        match self {
            Unit::Title(t) => super::ids::title_id(t),
            Unit::Section(s) => s.id,
            Unit::Block(b) => b.id,
            Unit::Item(i) => i.id,
        }
    }
}

/// Visits every unit of `persona` in document order, with its depth: the
/// title and top-level nodes are at 0, and each section's children, list's
/// items and item's nested items one deeper than their parent.
pub fn walk<'a>(persona: &'a Persona, visit: &mut impl FnMut(Unit<'a>, usize)) {
    if let Some(t) = &persona.title {
        visit(Unit::Title(t), 0);
    }
    for n in &persona.nodes {
        node(n, 0, visit);
    }
}

/// Visits `n` at `depth` and everything under it, in document order.
pub fn node<'a>(n: &'a Node, depth: usize, visit: &mut impl FnMut(Unit<'a>, usize)) {
    match n {
        Node::Section(s) => section(s, depth, visit),
        Node::Block(b) => block(b, depth, visit),
    }
}

/// Visits the section `s` at `depth`, then its children.
pub fn section<'a>(s: &'a Section, depth: usize, visit: &mut impl FnMut(Unit<'a>, usize)) {
    visit(Unit::Section(s), depth);
    for c in &s.children {
        node(c, depth + 1, visit);
    }
}

/// Visits the block `b` at `depth`, then a list's items.
pub fn block<'a>(b: &'a Block, depth: usize, visit: &mut impl FnMut(Unit<'a>, usize)) {
    visit(Unit::Block(b), depth);
    if let BlockKind::List(list) = &b.kind {
        for i in &list.items {
            item(i, depth + 1, visit);
        }
    }
}

/// Visits the item `i` at `depth`, then its nested items.
pub fn item<'a>(i: &'a Item, depth: usize, visit: &mut impl FnMut(Unit<'a>, usize)) {
    visit(Unit::Item(i), depth);
    for c in &i.children {
        item(c, depth + 1, visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persona::parse;

    /// The walk's order and depths, spelled out on a small document.
    #[test]
    fn parents_come_before_children_title_first() {
        let p = parse("# T\n\n## A\n\nText.\n\n- one\n  - one.a\n- two\n\n## B\n");
        let mut seen = Vec::new();
        walk(&p, &mut |u, depth| {
            let what = match u {
                Unit::Title(h) => format!("title {}", h.md),
                Unit::Section(s) => format!("section {}", s.heading.md),
                Unit::Block(b) => format!("block {}", b.kind.name()),
                Unit::Item(i) => format!("item {}", i.md),
            };
            seen.push(format!("{depth} {what}"));
        });
        let want = [
            "0 title T",
            "0 section A",
            "1 block paragraph",
            "1 block list",
            "2 item one",
            "3 item one.a",
            "2 item two",
            "0 section B",
        ];
        assert_eq!(seen, want);
    }

    /// Ids given on the parser's way (producers and tiler) are the ids a
    /// walk in document order gives. Only repeats of one kind and text
    /// depend on the order, so both documents repeat texts across levels.
    #[test]
    fn ids_given_while_parsing_are_the_walks() {
        let markdown =
            "# T\n\n<rules>\n## A\n\nSame.\n\nSame.\n\nLabel:\n- x\n  - x\n- x\n</rules>\n\nSAME\n\n## A\n";
        let web = "Core\n• x\n\t• x\n• x\nCore\n• x\nSame words here.\nSame words here.\n";
        for src in [markdown, web] {
            let p = parse(src);
            let mut held = Vec::new();
            walk(&p, &mut |u, _| held.push(u.id()));
            assert_eq!(held, crate::persona::migration::by_walk(&p), "{src}");
        }
        assert_eq!(parse(web).dialect, crate::persona::Dialect::WebCopy);
    }
}
