//! The element ids and selectors by which the app finds a part of the
//! structure, written once: a unit's anchor (what links to a part point
//! at), its row and its checkbox, its mark against the original, and a
//! section's heading text.

use crate::persona::Id;

/// The element id of unit `id`'s row or section, which links point at.
#[must_use]
pub fn unit_anchor(id: Id) -> String {
    format!("unit-{id}")
}

/// A link to unit `id` in the structure.
#[must_use]
pub fn unit_href(id: Id) -> String {
    format!("#{}", unit_anchor(id))
}

/// The selector of unit `id`'s row (its `data-unit` attribute).
#[must_use]
pub fn unit_row(id: Id) -> String {
    format!("[data-unit=\"{id}\"]")
}

/// The selector of unit `id`'s checkbox.
#[must_use]
pub fn unit_checkbox(id: Id) -> String {
    format!("{} input[type=checkbox]", unit_row(id))
}

/// The element id of unit `id`'s mark ("edited", "added", "moved").
#[must_use]
pub fn mark_id(id: Id) -> String {
    format!("mark-{id}")
}

/// The element id of section `id`'s heading text (which names its group).
#[must_use]
pub fn heading_id(id: Id) -> String {
    format!("heading-{id}")
}
