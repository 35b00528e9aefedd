//! What rendering a JSON or YAML document gives: its Markdown text, its
//! metadata and where each source string was written ([`Rendered`]), and
//! the helpers every renderer writes with (paths into the value, headings
//! and sections, mapping look-ups).

use crate::persona::mdwrite::escape_inline;
use crate::persona::model::{Dialect, MetaEntry, MetaValue};
use crate::persona::text::Span;

/// A mapping's entries.
pub(crate) type Fields = [(String, MetaValue)];

/// A data document rendered to Markdown.
pub(crate) struct Rendered {
    pub dialect: Dialect,
    pub text: String,
    pub metadata: Vec<MetaEntry>,
    /// Metadata of single sections, by where their heading starts in
    /// `text` (empty for most documents).
    pub section_metadata: Vec<(usize, Vec<MetaEntry>)>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// The source's strings written into `text` as they are (card fields,
    /// mode parts, long data strings): where, and where from. Editing
    /// writes a changed one back (`edit::data`).
    pub fields: Vec<Field>,
}

/// A step of a path into a JSON or YAML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A mapping's key.
    Key(String),
    /// A sequence's index.
    Index(usize),
}

/// A string of the source written into a rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    /// Where the string is in the source value.
    pub path: Vec<Seg>,
    /// Where its text is in the rendering.
    pub region: Span,
}

/// `path` with `more` appended.
pub(crate) fn path_to(path: &[Seg], more: impl IntoIterator<Item = Seg>) -> Vec<Seg> {
    path.iter().cloned().chain(more).collect()
}

/// A key step.
pub(crate) fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// The value of `key` in a mapping.
pub(crate) fn get<'a>(map: &'a [(String, MetaValue)], key: &str) -> Option<&'a MetaValue> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The trimmed, non-empty text of `key` in a mapping.
pub(crate) fn text_of<'a>(map: &'a [(String, MetaValue)], key: &str) -> Option<&'a str> {
    get(map, key).and_then(MetaValue::as_text).map(str::trim).filter(|s| !s.is_empty())
}

/// Appends `## Title\n\n`.
pub(crate) fn push_heading(out: &mut String, level: usize, title: &str) {
    out.push_str(&"#".repeat(level.clamp(1, 6)));
    out.push(' ');
    out.push_str(&escape_inline(title.trim()));
    out.push_str("\n\n");
}

/// Appends `## Title\n\nbody\n\n`; returns where the body is.
pub(crate) fn push_section(out: &mut String, level: usize, title: &str, body: &str) -> Span {
    push_heading(out, level, title);
    let start = out.len();
    out.push_str(&body.replace("\r\n", "\n"));
    let region = Span::new(start, out.len());
    out.push_str("\n\n");
    region
}
