//! [`Named`]: values by variable name, in the order they were first set,
//! written as a JSON object (`{"char": "Mira"}`). A vector rather than a
//! map: a document has a handful of variables, and a map type of its own
//! would be code on the app's first load for nothing.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Values kept when read (far more than a form lists).
const MAX_KEPT: usize = 1_000;

/// Values by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Named(Vec<(String, String)>);

impl Named {
    /// The value of `name`, if one is set.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Sets the value of `name`.
    pub fn insert(&mut self, name: String, value: String) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.0.push((name, value)),
        }
    }

    /// Whether no value is set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names with a value, in the order they were first set.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }
}

impl FromIterator<(String, String)> for Named {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut out = Self::default();
        for (n, v) in iter {
            out.insert(n, v);
        }
        out
    }
}

impl Serialize for Named {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(n, v)| (n, v)))
    }
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Named;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of names and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Named, A::Error> {
                let mut out = Named::default();
                while let Some((n, v)) = map.next_entry::<String, String>()? {
                    // A crafted link's thousands of entries are read, not kept.
                    if out.0.len() < MAX_KEPT {
                        out.insert(n, v);
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}
