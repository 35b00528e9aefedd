//! A long structure renders a part at a time: the units a first screen or
//! two show ([`FIRST_FRAME_UNITS`]) in the frame the document appears, the
//! rest a batch a frame after it ([`UNITS_PER_FRAME`]), so a paste shows
//! its structure and prompt without waiting for rows far below. A node
//! left for later keeps its place (its units are counted at once, so the
//! render budget and "Show more" are as they were) and renders itself when
//! its batch comes.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::{Shows, Tree, node};
use crate::persona::changes::Mark;
use crate::persona::{BlockKind, Id, Item, Node, Persona};
use crate::ui::doc::DocState;
use crate::ui::editing::Editing;
use crate::ui::filter::{ByPtr, Found};
use crate::ui::sections::Sections;
use crate::ui::tokens::Tokens;

/// Units rendered in the frame a document appears (a few screens).
pub const FIRST_FRAME_UNITS: usize = 50;

/// Units rendered in each frame after it.
pub const UNITS_PER_FRAME: usize = 150;

/// What a node left for later needs to render itself: the parse, the
/// filter's matches, the marks and the handles, owned.
pub(super) struct Later {
    pub persona: Arc<Persona>,
    pub found: Option<ByPtr<Found>>,
    pub unfilled: Arc<Vec<(String, usize)>>,
    pub marks: Arc<HashMap<Id, Mark>>,
    pub doc: DocState,
    pub ed: Editing,
    pub sections: Sections,
    pub tokens: Tokens,
    /// The batches rendered so far (a frame each).
    pub step: RwSignal<usize>,
    /// The last batch a node was left for.
    pub last: Cell<usize>,
}

impl Later {
    /// Renders a batch a frame until the last one.
    pub fn run(&self) {
        let last = self.last.get();
        if last > 0 {
            advance(self.step, last);
        }
    }
}

/// The next batch, once the frame that shows the last one has painted (a
/// task queued in a frame's callbacks runs after its paint).
fn advance(step: RwSignal<usize>, last: usize) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                // (A new parse disposes of this tree's step: the loop ends.)
                if step.try_update(|s| *s += 1).is_some() && step.get_untracked() < last {
                    advance(step, last);
                }
            },
            std::time::Duration::ZERO,
        );
    });
}

/// Node `n` at `path` (indices from the top level), left for a later
/// frame: its units counted now, its view made when its batch comes.
pub(super) fn later_node(t: Tree<'_>, later: &Later, n: &Node, path: &[usize]) -> AnyView {
    let start = t.counter.get();
    count_node(t, n);
    let batch = 1 + start.saturating_sub(t.first) / UNITS_PER_FRAME;
    later.last.set(later.last.get().max(batch));
    let budget = t.budget;
    let (persona, found, marks) = (Arc::clone(&later.persona), later.found.clone(), Arc::clone(&later.marks));
    let unfilled = Arc::clone(&later.unfilled);
    let (doc, ed, sections, tokens, step) = (later.doc, later.ed, later.sections, later.tokens, later.step);
    let path: Arc<[usize]> = path.into();
    let due = Memo::new(move |_| step.get() >= batch);
    (move || {
        due.get().then(|| {
            let counter = Cell::new(start);
            let view = Shows {
                found: found.as_deref(),
                unfilled: &unfilled,
                sections: &sections,
                marks: &marks,
                tokens: &tokens,
            };
            let t = Tree {
                doc,
                counter: &counter,
                budget,
                section_meta: &persona.section_metadata,
                ed: &ed,
                view,
                first: usize::MAX,
                later: None,
            };
            node_at(&persona, &path).map(|n| node(t, n, &path))
        })
    })
    .into_any()
}

/// The node at `path` in `p`.
fn node_at<'p>(p: &'p Persona, path: &[usize]) -> Option<&'p Node> {
    let (first, rest) = path.split_first()?;
    let mut n = p.nodes.get(*first)?;
    for &i in rest {
        match n {
            Node::Section(s) => n = s.children.get(i)?,
            Node::Block(_) => return None,
        }
    }
    Some(n)
}

/// Advances `t`'s counter by the units node `n` renders, as rendering it
/// would (the same budget, the same filter).
fn count_node(t: Tree<'_>, n: &Node) {
    match n {
        Node::Section(s) if t.shows(s.id) => {
            if s.children.is_empty() {
                t.counter.set(t.counter.get() + 1);
            }
            for c in &s.children {
                if t.counter.get() >= t.budget {
                    break;
                }
                count_node(t, c);
            }
        }
        Node::Block(b) if t.shows(b.id) => match &b.kind {
            BlockKind::List(list) => count_items(t, &list.items),
            _ => t.counter.set(t.counter.get() + 1),
        },
        _ => {}
    }
}

fn count_items(t: Tree<'_>, items: &[Item]) {
    for i in items {
        if t.counter.get() >= t.budget {
            break;
        }
        if t.shows(i.id) {
            if t.view.found.is_none_or(|f| f.matches.is_matched(i.id)) {
                t.counter.set(t.counter.get() + 1);
            }
            count_items(t, &i.children);
        }
    }
}
