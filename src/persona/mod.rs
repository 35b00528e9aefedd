//! The persona engine: any pasted persona document → one structured model →
//! prompts from a selection.
//!
//! This module and its children are pure: they import neither leptos nor
//! web-sys, do no IO, and never panic. [`parse`] always returns a
//! [`Persona`]; problems become [`Diagnostic`]s beside it.
//!
//! Pipeline: general checks → JSON/YAML documents ([`card`]) or frontmatter
//! ([`frontmatter`]) → dialect ([`dialect`]) → body entries from Markdown
//! ([`markdown`]) or a web copy ([`webcopy`]) → tree, spans and ids
//! ([`tree`]). [`assemble`] turns a persona and a [`Selection`] into a prompt;
//! [`export`] turns it into a file for a target tool.

pub mod assemble;
pub mod changes;
pub mod counts;
mod data;
pub mod diagnostic;
pub mod dialect;
pub mod edit;
pub mod export;
pub mod find;
pub(crate) mod frontmatter;
pub mod ids;
pub mod markdown;
mod mdwrite;
pub mod migration;
pub mod model;
pub mod naming;
pub mod numbers;
pub mod order;
pub mod outline;
pub mod pipeline;
mod shape;
pub mod shared;
pub mod stats;
pub mod text;
pub mod tokens;
mod tree;
pub mod variables;
pub mod webcopy;
mod yamlwrite;

pub use assemble::{Selection, Style, Tri, assemble};
pub use diagnostic::{Diagnostic, Severity};
pub use model::{
    Block, BlockKind, Dialect, Heading, HeadingKind, Id, Inline, Item, Label, List, Marker, MetaEntry,
    MetaValue, Node, Persona, Run, Section, Span, Str,
};
pub use pipeline::{LARGE_DOCUMENT, parse, parse_with_hint};
