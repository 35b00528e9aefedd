//! The persona model: plain, documented types that every later feature reads.
//!
//! A [`Persona`] is the whole parse result. Its body is a tree: an optional
//! [`Heading`] title, then [`Node`]s, each a [`Block`] or a [`Section`] that
//! holds further nodes. Lists hold [`Item`]s, which nest.
//!
//! Every section, block and list item carries a [`Span`] into
//! [`Persona::text`] and a stable [`Id`]. Spans tile: the spans of siblings
//! are contiguous and lie inside their parent's span, and the top-level spans
//! cover [`Persona::body`] exactly. The Original prompt style relies on this.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::diagnostic::Diagnostic;
pub use super::shared::Str;
pub use super::text::Span;

/// A stable identifier for a toggleable part of a persona.
///
/// Ids derive from a node's kind, its normalised text and how many earlier
/// nodes share both, so an edit elsewhere in the document keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for Id {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        u64::from_str_radix(s, 16).map(Id)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What kind of document the persona came from. Each dialect's facts
/// (label, file names, keys, limits, export) are its row in
/// [`super::dialect::SPECS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// An Agent Skill `SKILL.md`.
    Skill,
    /// A Claude Code output style (`.claude/output-styles/*.md`).
    ClaudeOutputStyle,
    /// A Claude Code subagent (`.claude/agents/*.md`).
    ClaudeAgent,
    /// A Claude Code slash command (`.claude/commands/*.md`).
    ClaudeCommand,
    /// A Cursor rule: `.mdc` with `description`/`globs`/`alwaysApply`, or `.cursorrules`.
    CursorRule,
    /// A Windsurf rule (`.windsurf/rules/*.md`, `.windsurfrules`).
    WindsurfRule,
    /// A Kiro steering file (`.kiro/steering/*.md`).
    KiroSteering,
    /// A Cline rule (`.clinerules`, or a file in a `.clinerules/` folder).
    ClineRule,
    /// GitHub Copilot instructions (`*.instructions.md`, `copilot-instructions.md`).
    CopilotInstructions,
    /// A GitHub Copilot prompt file (`*.prompt.md`).
    CopilotPrompt,
    /// A GitHub Copilot custom agent (`*.agent.md`).
    CopilotAgent,
    /// A GitHub Copilot chat mode (`*.chatmode.md`).
    CopilotChatMode,
    /// An OpenCode agent (`.opencode/agent/*.md`).
    OpenCodeAgent,
    /// Roo Code custom modes (`.roomodes`, YAML or JSON).
    RooModes,
    /// A Continue prompt file (`*.prompt`).
    ContinuePrompt,
    /// An `AGENTS.md` or `CLAUDE.md` project file.
    AgentsMd,
    /// A Gemini CLI `GEMINI.md` context file.
    GeminiMd,
    /// A fabric pattern (`# IDENTITY and PURPOSE`, `# STEPS`, …).
    Fabric,
    /// A character card (`chara_card` v1/v2/v3 JSON, or a YAML character file).
    CharacterCard,
    /// A JSON or YAML document that is not a character card.
    Data,
    /// Markdown with no more specific dialect.
    Markdown,
    /// Plain text copied from a rendered web page.
    WebCopy,
}

/// The whole result of parsing one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Persona {
    /// The detected dialect.
    pub dialect: Dialect,
    /// The persona's declared name (frontmatter, card or web-copy header).
    pub name: Option<String>,
    /// The persona's description, with escapes decoded and `<example>` blocks
    /// moved to [`Persona::examples`].
    pub description: Option<String>,
    /// `<example>` blocks found in the description, decoded.
    pub examples: Vec<String>,
    /// Every metadata entry, in source order, unknown keys included.
    pub metadata: Vec<MetaEntry>,
    /// Metadata of single sections (a Roo Code mode's `slug` and `groups`),
    /// by section id, in document order.
    pub section_metadata: Vec<(Id, Vec<MetaEntry>)>,
    /// The document title: a lone top-level heading at the very start.
    pub title: Option<Heading>,
    /// The body: blocks and sections in document order.
    pub nodes: Vec<Node>,
    /// Problems found while parsing, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text every span indexes into. For text documents it is the source;
    /// for JSON and YAML documents it is a Markdown rendering of their fields.
    /// Shared with the [`Str`]s of the model that are slices of it.
    pub text: Arc<str>,
    /// The part of [`Persona::text`] that prompts are assembled from.
    pub body: Span,
    /// The frontmatter (or web-copy header) in the source, when there is one.
    pub frontmatter: Option<Span>,
    /// Whether [`Persona::text`] is the source itself or a rendering of it.
    pub text_is_source: bool,
}

/// A node of the body tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A block of content.
    Block(Block),
    /// A section: a heading and the nodes under it.
    Section(Section),
}

/// A heading: a section's, or the document title.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// The heading text with inline formatting.
    pub text: Inline,
    /// The heading text as normalised Markdown.
    pub md: Str,
    /// 1 to 6 for Markdown headings; recovered headings get an equivalent level.
    pub level: u8,
    /// How the heading was written.
    pub kind: HeadingKind,
    /// The heading's own lines (for XML sections, the opening tag line).
    pub span: Span,
}

/// How a heading was written in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingKind {
    /// `## Heading`.
    Atx,
    /// `Heading` underlined with `===` or `---`.
    Setext,
    /// A line recovered as a heading (ALL CAPS line, `==== banner ====`, bare short line).
    Recovered,
    /// `<tag>` … `</tag>` lines around a region.
    XmlTag,
}

/// A heading and everything under it, up to the next heading of the same or
/// a higher level (or, for XML sections, the closing tag).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Stable id.
    pub id: Id,
    /// The heading.
    pub heading: Heading,
    /// Blocks and subsections in document order.
    pub children: Vec<Node>,
    /// The whole section, heading included.
    pub span: Span,
    /// The closing tag line of an XML section.
    pub close: Option<Span>,
}

impl Section {
    /// The blocks directly in this section.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.children.iter().filter_map(|n| match n {
            Node::Block(b) => Some(b),
            Node::Section(_) => None,
        })
    }

    /// The direct subsections.
    pub fn subsections(&self) -> impl Iterator<Item = &Section> {
        self.children.iter().filter_map(|n| match n {
            Node::Section(s) => Some(s),
            Node::Block(_) => None,
        })
    }
}

/// A block of content.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Stable id.
    pub id: Id,
    /// The block's bytes, including blank lines before it.
    pub span: Span,
    /// What the block is.
    pub kind: BlockKind,
}

/// The kinds of block.
#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph {
        /// Text with inline formatting.
        text: Inline,
        /// Normalised Markdown.
        md: Str,
    },
    /// A list, possibly with a label paragraph (`Must follow:`) above it.
    List(List),
    /// A fenced or indented code block.
    Code {
        /// The info string's first word.
        lang: String,
        /// The code, verbatim.
        code: String,
    },
    /// A table.
    Table {
        /// Header cells.
        header: Vec<Inline>,
        /// Body rows.
        rows: Vec<Vec<Inline>>,
        /// Normalised Markdown.
        md: Str,
    },
    /// A block quote, kept whole.
    Quote {
        /// The quoted text, paragraphs separated by newlines.
        text: Inline,
        /// Normalised Markdown.
        md: Str,
    },
    /// A thematic break.
    Rule,
    /// Raw HTML (shown as text, never rendered).
    Html {
        /// The HTML source.
        raw: String,
    },
}

impl BlockKind {
    /// A short name for the kind, as used in outlines and labels.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            BlockKind::Paragraph { .. } => "paragraph",
            BlockKind::List(_) => "list",
            BlockKind::Code { .. } => "code",
            BlockKind::Table { .. } => "table",
            BlockKind::Quote { .. } => "quote",
            BlockKind::Rule => "rule",
            BlockKind::Html { .. } => "html",
        }
    }
}

/// A list and its optional label.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// A paragraph ending in `:` directly above the list.
    pub label: Option<Label>,
    /// The items.
    pub items: Vec<Item>,
}

/// The paragraph a list hangs under.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Text with inline formatting.
    pub text: Inline,
    /// Normalised Markdown.
    pub md: Str,
    /// The label's bytes.
    pub span: Span,
}

/// How a list item is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `-`, `*`, `+`, `•` and friends.
    Bullet,
    /// `1.` or `1)`, with its number.
    Number(u64),
}

/// A list item: its own text plus nested items.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable id.
    pub id: Id,
    /// The item's bytes, nested items included.
    pub span: Span,
    /// How it was marked.
    pub marker: Marker,
    /// Task-list state, when the item is `[ ]` or `[x]`.
    pub task: Option<bool>,
    /// The item's own text (without nested items), with inline formatting.
    pub text: Inline,
    /// The item's own content as normalised Markdown (without marker).
    pub md: Str,
    /// Nested items.
    pub children: Vec<Item>,
}

/// Bit flags for inline formatting.
pub mod marks {
    /// `**strong**`.
    pub const STRONG: u8 = 1;
    /// `*emphasis*`.
    pub const EMPH: u8 = 2;
    /// `` `code` ``.
    pub const CODE: u8 = 4;
    /// `~~strikethrough~~`.
    pub const STRIKE: u8 = 8;
}

/// A run of text with uniform formatting.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Run {
    /// The text.
    pub text: Str,
    /// Formatting flags from [`marks`].
    pub marks: u8,
    /// The link target, when the run is link text. Shown, never followed.
    pub href: Option<Str>,
}

/// Text with inline formatting, as a flat list of runs. Most texts are a
/// single run, which is stored without a separate allocation.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Inline(Runs<Run>);

/// A short list that holds its first element without allocating: most
/// texts are a single run.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum Runs<T> {
    #[default]
    Empty,
    One(T),
    Many(Vec<T>),
}

impl<T> Runs<T> {
    pub(crate) fn push(&mut self, item: T) {
        match self {
            Runs::Empty => *self = Runs::One(item),
            Runs::Many(v) => v.push(item),
            Runs::One(_) => {
                // Texts with a second run usually get a few more (bold,
                // code, link text): start at four, not two.
                if let Runs::One(first) = std::mem::replace(self, Runs::Many(Vec::with_capacity(4)))
                    && let Runs::Many(v) = self
                {
                    v.push(first);
                    v.push(item);
                }
            }
        }
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            Runs::Empty => &[],
            Runs::One(x) => std::slice::from_ref(x),
            Runs::Many(v) => v,
        }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        match self {
            Runs::Empty => &mut [],
            Runs::One(x) => std::slice::from_mut(x),
            Runs::Many(v) => v,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    pub(crate) fn last(&self) -> Option<&T> {
        self.as_slice().last()
    }

    pub(crate) fn last_mut(&mut self) -> Option<&mut T> {
        self.as_mut_slice().last_mut()
    }

    pub(crate) fn first_mut(&mut self) -> Option<&mut T> {
        self.as_mut_slice().first_mut()
    }

    pub(crate) fn retain(&mut self, keep: impl Fn(&T) -> bool) {
        match self {
            Runs::Empty => {}
            Runs::One(x) => {
                if !keep(x) {
                    *self = Runs::Empty;
                }
            }
            Runs::Many(v) => v.retain(keep),
        }
    }

    /// Maps every element, keeping the shape.
    pub(crate) fn map<U>(self, mut f: impl FnMut(T) -> U) -> Runs<U> {
        match self {
            Runs::Empty => Runs::Empty,
            Runs::One(x) => Runs::One(f(x)),
            Runs::Many(v) => Runs::Many(v.into_iter().map(f).collect()),
        }
    }
}

impl Inline {
    /// Plain text built from a single unformatted run.
    #[must_use]
    pub fn plain(text: impl Into<Str>) -> Self {
        let text = text.into();
        if text.is_empty() {
            return Self::default();
        }
        Self(Runs::One(Run { text, marks: 0, href: None }))
    }

    /// The runs, in order.
    #[must_use]
    pub fn runs(&self) -> &[Run] {
        self.0.as_slice()
    }

    /// Text made of these runs.
    pub(crate) fn from_runs(runs: Runs<Run>) -> Self {
        Self(runs)
    }

    /// The text without formatting. Link targets are not included.
    #[must_use]
    pub fn to_plain(&self) -> String {
        self.runs().iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether there is no text at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.runs().iter().all(|r| r.text.is_empty())
    }
}

/// One metadata entry.
#[derive(Clone, Debug, PartialEq)]
pub struct MetaEntry {
    /// The key as written.
    pub key: String,
    /// The value.
    pub value: MetaValue,
    /// Where the entry is in the source (empty when synthesised).
    pub span: Span,
}

/// A metadata value.
#[derive(Clone, Debug, PartialEq)]
pub enum MetaValue {
    /// No value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    Text(String),
    /// A sequence.
    List(Vec<MetaValue>),
    /// A mapping, in source order.
    Map(Vec<(String, MetaValue)>),
}

/// The value of `key` among `entries`, compared case-insensitively.
#[must_use]
pub fn meta_value<'a>(entries: &'a [MetaEntry], key: &str) -> Option<&'a MetaValue> {
    entries.iter().find(|e| e.key.eq_ignore_ascii_case(key)).map(|e| &e.value)
}

impl MetaValue {
    /// The value as a string, if it is one.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            MetaValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A one-line rendering for display.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            MetaValue::Null => String::new(),
            MetaValue::Bool(b) => b.to_string(),
            MetaValue::Number(n) | MetaValue::Text(n) => n.clone(),
            MetaValue::List(items) => items.iter().map(MetaValue::display).collect::<Vec<_>>().join(", "),
            MetaValue::Map(entries) => {
                entries.iter().map(|(k, v)| format!("{k}: {}", v.display())).collect::<Vec<_>>().join(", ")
            }
        }
    }
}

impl Persona {
    /// The blocks before the first section.
    pub fn preamble(&self) -> impl Iterator<Item = &Block> {
        self.nodes.iter().map_while(|n| match n {
            Node::Block(b) => Some(b),
            Node::Section(_) => None,
        })
    }

    /// The top-level sections.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Section(s) => Some(s),
            Node::Block(_) => None,
        })
    }

    /// The metadata value for `key`, compared case-insensitively.
    #[must_use]
    pub fn meta(&self, key: &str) -> Option<&MetaValue> {
        meta_value(&self.metadata, key)
    }

    /// The metadata of the section `id`, if it has any of its own.
    #[must_use]
    pub fn section_meta(&self, id: Id) -> Option<&[MetaEntry]> {
        self.section_metadata.iter().find(|(s, _)| *s == id).map(|(_, m)| m.as_slice())
    }

    /// The body text that prompts are assembled from.
    #[must_use]
    pub fn body_text(&self) -> &str {
        super::text::slice(&self.text, self.body)
    }
}
