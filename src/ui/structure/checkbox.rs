//! The structure's checkboxes: a unit's (mixed while it is off and some of
//! what it holds is on) and a section's (all, some or none of it on, from
//! the sections' counts). Each reads the selection through its own id's
//! trigger, so a toggle re-runs only the boxes it changes.

use std::sync::Arc;

use leptos::prelude::*;

use crate::persona::{Id, Tri};
use crate::ui::anchors::mark_id;
use crate::ui::doc::DocState;
use crate::ui::sections::Sections;

/// A checkbox bound to unit `id`: it switches `set` (the unit, and for a
/// list item its nested items too) and shows mixed while the unit is off
/// and some of `nested` are on.
pub(super) fn unit_box(doc: DocState, id: Id, set: Arc<[Id]>, nested: Arc<[Id]>, marked: bool) -> AnyView {
    view! {
        <input
            type="checkbox"
            aria-describedby=marked.then(|| mark_id(id))
            prop:checked=move || doc.is_selected(id)
            prop:indeterminate=move || !doc.is_selected(id) && nested.iter().any(|&n| doc.is_selected(n))
            on:change=move |ev| doc.set_units(&set, event_target_checked(&ev))
        />
    }
    .into_any()
}

/// A tri-state checkbox over section `id`, whose units are `ids`; its
/// state is the section's count, worked out once per selection for all
/// sections ([`Sections`]).
pub(super) fn group_box(
    doc: DocState,
    folds: Sections,
    id: Id,
    ids: Arc<[Id]>,
    described: Option<String>,
) -> AnyView {
    view! {
        <input
            type="checkbox"
            aria-describedby=described
            prop:checked=move || folds.tri(id) == Tri::All
            prop:indeterminate=move || folds.tri(id) == Tri::Some
            on:change=move |ev| doc.set_units(&ids, event_target_checked(&ev))
        />
    }
    .into_any()
}
