//! Helpers shared by the engine tests: invariant checks over one document.

use persona_playground::persona::assemble::{
    anything_selected, block_units, item_units, node_units, section_units,
};
use persona_playground::persona::migration::by_walk;
use persona_playground::persona::order;
use persona_playground::persona::outline::{Detail, outline};
use persona_playground::persona::{
    BlockKind, Id, Item, Node, Persona, Selection, Span, Style, assemble, parse, parse_with_hint,
};

/// Line endings and trailing whitespace normalised away.
pub fn normalise(s: &str) -> String {
    s.replace("\r\n", "\n").lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_string()
}

/// Every list item of the persona, nested items included.
pub fn all_items(p: &Persona) -> Vec<&Item> {
    fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Item>) {
        for n in nodes {
            match n {
                Node::Section(s) => walk(&s.children, out),
                Node::Block(b) => {
                    if let BlockKind::List(l) = &b.kind {
                        for i in &l.items {
                            items(i, out);
                        }
                    }
                }
            }
        }
    }
    fn items<'a>(i: &'a Item, out: &mut Vec<&'a Item>) {
        out.push(i);
        for c in &i.children {
            items(c, out);
        }
    }
    let mut out = Vec::new();
    walk(&p.nodes, &mut out);
    out
}

/// Checks the engine invariants on one document (it parses, losslessly,
/// round trips, toggles exactly, ids in document order); returns failures.
pub fn check_invariants(name: &str, source: &str, hint: Option<&str>) -> Vec<String> {
    let Ok(p) = std::panic::catch_unwind(|| parse_with_hint(source, hint)) else {
        return vec![format!("{name}: parse panicked")];
    };
    let mut failures = Vec::new();
    failures.extend(check_lossless(name, &p));
    failures.extend(check_clean_round_trip(name, &p));
    failures.extend(check_toggles(name, &p));
    failures.extend(check_id_order(name, &p));
    failures
}

/// The ids the parser gave on its way (blocks and items as each block was
/// finished, the title and sections while tiling) are the ids one walk in
/// document order gives: the order is `persona::order`'s.
pub fn check_id_order(name: &str, p: &Persona) -> Option<String> {
    let mut held = Vec::new();
    order::walk(p, &mut |unit, _| held.push(unit.id()));
    let walked = by_walk(p);
    let at = held.iter().zip(&walked).position(|(a, b)| a != b);
    (held.len() != walked.len() || at.is_some()).then(|| {
        format!("{name}: the ids given while parsing differ from a walk in document order at unit {at:?}")
    })
}

/// Original with everything selected is the body, byte for byte: both the
/// shortcut `assemble` takes when nothing is switched off and the walk over
/// the tree it takes otherwise (run here by switching off an id no node
/// has).
pub fn check_lossless(name: &str, p: &Persona) -> Option<String> {
    let original = assemble(p, &Selection::all(), Style::Original);
    let walked = assemble(p, &Selection::from_excluded([Id(u64::MAX)]), Style::Original);
    // A body of only blank lines has nothing to select, and gives nothing.
    let body = if anything_selected(p, &Selection::all()) { p.body_text() } else { "" };
    if original != walked {
        return Some(format!(
            "{name}: Original with everything selected differs from the walk over the tree"
        ));
    }
    (walked != body).then(|| format!("{name}: Original with everything selected differs from the body"))
}

/// Clean Markdown parses again to the same outline.
pub fn check_clean_round_trip(name: &str, p: &Persona) -> Option<String> {
    let clean = assemble(p, &Selection::all(), Style::Clean);
    let again = parse(&clean);
    let (a, b) = (outline(p, Detail::Full), outline(&again, Detail::Full));
    (a != b).then(|| {
        let diff = first_difference(&a, &b);
        format!("{name}: Clean Markdown re-parses to another outline:\n{diff}")
    })
}

/// Deselecting any single list item removes exactly its span.
pub fn check_toggles(name: &str, p: &Persona) -> Option<String> {
    for item in all_items(p) {
        let mut sel = Selection::all();
        let mut ids = Vec::new();
        item_units(item, &mut ids);
        sel.set_many(ids.iter().copied(), false);
        let got = assemble(p, &sel, Style::Original);
        let want = match removed_span(p, item.span, &ids) {
            Some(span) => {
                let mut w = String::new();
                w.push_str(p.text.get(p.body.start..span.start).unwrap());
                w.push_str(p.text.get(span.end..p.body.end).unwrap());
                w
            }
            None => String::new(),
        };
        if got != want {
            return Some(format!(
                "{name}: deselecting item {:?} did not remove exactly its span {:?}:\n{}",
                item.text.to_plain(),
                item.span,
                first_difference(&want, &got)
            ));
        }
    }
    None
}

/// The span that deselecting the units `ids` (an item and its nested items,
/// at `item`) removes: the item's own span, or the innermost enclosing list
/// or section left with nothing selected, whose label or heading goes too.
/// `None` when nothing at all remains.
pub fn removed_span(p: &Persona, item: Span, ids: &[Id]) -> Option<Span> {
    // Enclosing lists and sections, innermost last, with their units.
    fn walk(nodes: &[Node], item: Span, path: &mut Vec<(Span, Vec<Id>)>) -> bool {
        for n in nodes {
            let (span, units) = match n {
                Node::Section(s) => {
                    let mut u = Vec::new();
                    section_units(s, &mut u);
                    (s.span, u)
                }
                Node::Block(b) => {
                    let mut u = Vec::new();
                    block_units(b, &mut u);
                    (b.span, u)
                }
            };
            if span.contains(item) {
                path.push((span, units));
                if let Node::Section(s) = n {
                    walk(&s.children, item, path);
                }
                return true;
            }
        }
        false
    }
    let mut path = Vec::new();
    walk(&p.nodes, item, &mut path);
    let mut removed = item;
    for (span, units) in path.iter().rev() {
        if units.iter().all(|u| ids.contains(u)) {
            removed = *span;
        } else {
            return Some(removed);
        }
    }
    let mut all = Vec::new();
    for n in &p.nodes {
        node_units(n, &mut all);
    }
    if all.iter().all(|u| ids.contains(u)) { None } else { Some(removed) }
}

/// The first differing line of two outlines, for readable failures.
pub fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("  line {}:\n  - {x}\n  + {y}", i + 1);
        }
    }
    format!("  lengths differ: {} vs {} lines", a.lines().count(), b.lines().count())
}
