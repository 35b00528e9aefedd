//! One trigger per id, for views that re-run only when their own id
//! changes: a single signal with thousands of subscribers costs O(n) per
//! subscriber to re-track, so a toggle wakes only its own checkboxes and a
//! pointer move only the two rows it concerns.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::persona::Id;

/// Reference-counted triggers by id, so that one made inside a view's
/// closure outlives that closure's next run.
#[derive(Clone, Copy)]
pub struct Triggers(StoredValue<HashMap<Id, ArcTrigger>>);

impl Default for Triggers {
    fn default() -> Self {
        Self(StoredValue::new(HashMap::new()))
    }
}

impl Triggers {
    /// Subscribes the running view to changes of `id`.
    pub fn watch(self, id: Id) {
        let found = self.0.with_value(|m| m.get(&id).cloned());
        let trigger = found.unwrap_or_else(|| {
            let t = ArcTrigger::new();
            self.0.update_value(|m| {
                m.insert(id, t.clone());
            });
            t
        });
        trigger.track();
    }

    /// Wakes the views watching `id`.
    pub fn wake(self, id: Id) {
        if let Some(t) = self.0.with_value(|m| m.get(&id).cloned()) {
            t.notify();
        }
    }

    /// Forgets every trigger (before the views that watch them are rebuilt).
    pub fn clear(self) {
        self.0.update_value(HashMap::clear);
    }
}
