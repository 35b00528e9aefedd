//! Dialects: one [`DialectSpec`] per kind of persona file, and what reads it.
//!
//! Every fact about a dialect is written once, in its row of [`SPECS`]
//! (`table.rs`): its label, the file names that identify it, the
//! frontmatter keys its tool reads and which are required, the cues that
//! detect it from keys and body alone, its limits, how its name is found,
//! how its header is written on export, and its placeholder syntaxes.
//! Detection ([`detect`]), the checks ([`check`]), naming
//! ([`super::naming`]) and export ([`super::export`]) read the table, and
//! the README's format list is checked against it by a test. Import needs
//! no row: it takes any file whose content is text, and the file's name
//! only helps detection.
//!
//! **Adding a dialect** is one variant of [`Dialect`], one row in `table.rs`,
//! and fixtures under `tests/fixtures/`; a test fails until every variant has
//! exactly one row.

mod check;
mod detect;
mod table;

pub use check::over_file_limit;
pub use table::{ROO_MODES_KEY, SPECS};

pub(crate) use check::check;
pub(crate) use detect::{detect, score_document};

use super::model::Dialect;
use super::text::base_name;

/// Everything the app knows about one dialect.
#[derive(Debug)]
pub struct DialectSpec {
    /// The dialect this row describes.
    pub dialect: Dialect,
    /// A human label, as shown in the app ("Claude Code agent").
    pub label: &'static str,
    /// The tool that reads it, for messages ("Claude Code").
    pub tool: &'static str,
    /// Whether it is prose with optional frontmatter, or a JSON/YAML document.
    pub shape: Shape,
    /// File names and paths that identify it.
    pub files: &'static [FileName],
    /// The frontmatter keys the tool reads; `None` when the dialect has no
    /// frontmatter of its own, so its keys are not checked.
    pub keys: Option<&'static [&'static str]>,
    /// Keys that must have a value.
    pub required: &'static [&'static str],
    /// Whether the tool passes keys it does not read on (OpenCode gives
    /// them to the model provider as options), so they are not ignored.
    pub passes_other_keys: bool,
    /// Values some keys must take.
    pub values: &'static [(&'static str, ValueRule)],
    /// What detects it without a file name, with weights.
    pub cues: &'static [Cue],
    /// Limits the tool enforces or warns about.
    pub limits: Limits,
    /// Keys that name the persona, in order of preference.
    pub name_keys: &'static [&'static str],
    /// Whether the file's name names it when no key does (a command is
    /// invoked by its file name).
    pub file_names_it: Option<FileNaming>,
    /// How a file of this dialect is written on export, if it can be.
    pub export: Option<ExportSpec>,
    /// Placeholder syntaxes the dialect's tool fills in: they count as
    /// variables everywhere in its documents, code blocks included.
    pub placeholders: &'static [Placeholder],
    /// Names written in a placeholder syntax that the tool reads as
    /// markers, not variables (a card's `<START>`).
    pub markers: &'static [&'static str],
    /// The variable the tool fills with the persona's name (a card's
    /// `{{char}}`), prefilled with it.
    pub name_variable: Option<&'static str>,
}

/// What a dialect's files are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Text (Markdown or plain), with optional frontmatter.
    Text,
    /// A JSON or YAML document, rendered to Markdown by the engine.
    Document,
}

/// A file name or path that identifies a dialect (compared without regard
/// to case, with `\` read as `/`).
#[derive(Clone, Copy, Debug)]
pub enum FileName {
    /// The whole base name (`skill.md`).
    Exact(&'static str),
    /// The end of the base name (`.mdc`).
    Suffix(&'static str),
    /// A folder the file sits in (`.windsurf/rules/`), when a path is known.
    Folder(&'static str),
}

/// How a file name becomes a persona's name: `review-pr.md` → `/review-pr`.
#[derive(Clone, Copy, Debug)]
pub struct FileNaming {
    /// Written before the stem (`/` for commands the tool invokes so).
    pub prefix: &'static str,
    /// The ending taken off the base name.
    pub strip: &'static str,
}

/// What a key's value must be.
#[derive(Clone, Copy, Debug)]
pub enum ValueRule {
    /// The boolean `true` or `false`.
    Bool,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A list.
    List,
    /// A mapping.
    Map,
}

/// A sign of a dialect in a document without a file name. Detection adds
/// up the weights of the cues that hold and picks the highest total.
#[derive(Clone, Copy, Debug)]
pub enum Cue {
    /// A frontmatter (or top-level) key is present.
    Key(&'static str, i32),
    /// A frontmatter key is absent (a skill without its required
    /// `description` is more likely a command).
    Lacks(&'static str, i32),
    /// A key is present with a text value among these words
    /// (case-insensitive).
    KeyIs(&'static str, &'static [&'static str], i32),
    /// `name` is a lowercase-hyphen identifier (`code-reviewer`).
    SlugName(i32),
    /// A `tools` list names a GitHub Copilot tool or an MCP `server/tool`.
    CopilotTools(i32),
    /// The body's first 2,000 bytes, lower-cased and without leading
    /// whitespace, start with this.
    Starts(&'static str, i32),
    /// The body's first 2,000 bytes, lower-cased, contain this.
    Contains(&'static str, i32),
    /// A Markdown heading's text contains this (upper case), ignoring case.
    Heading(&'static str, i32),
    /// A Markdown heading's text is this (upper case), ignoring case.
    HeadingIs(&'static str, i32),
    /// A line of the body's first 2,000 bytes, lower-cased, starts with
    /// this.
    LineStarts(&'static str, i32),
}

/// Limits a dialect's tool sets.
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    /// The most characters a name may have.
    pub name_chars: Option<usize>,
    /// Whether a name may only use lowercase letters, digits and hyphens.
    pub name_is_slug: bool,
    /// The most characters a description may have.
    pub description_chars: Option<usize>,
    /// The most characters one file may have (a warning).
    pub file_chars: Option<usize>,
    /// The characters past which the tool warns that a file is large,
    /// though it still reads it all (a budget, not a check).
    pub warn_chars: Option<usize>,
}

/// How a dialect's file is written on export.
#[derive(Clone, Copy, Debug)]
pub struct ExportSpec {
    /// A short stable key (form values, saved preferences).
    pub key: &'static str,
    /// The export menu's label.
    pub label: &'static str,
    /// The file name: `{}` is replaced by the persona's slug.
    pub file_name: &'static str,
    /// Where the tool looks for it: a folder (`.claude/agents/`, `{}` as
    /// above; empty for the project root), or a whole path when it does not
    /// end in `/` (`.roomodes`).
    pub folder: &'static str,
    /// How the header is written.
    pub header: Header,
}

/// The shape of an exported file's header.
#[derive(Clone, Copy, Debug)]
pub enum Header {
    /// No header: the file is the prompt.
    None,
    /// YAML frontmatter between `---` lines, with these fields in order.
    Frontmatter(&'static [Field]),
    /// YAML lines, then a `---` line (Continue's `.prompt` preamble).
    Preamble(&'static [Field]),
    /// A whole JSON character card v2.
    CardV2,
    /// A whole `.roomodes` YAML file with one mode.
    RooMode,
}

/// One field of an exported header.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The key as written.
    pub key: &'static str,
    /// The metadata keys it is read from, first found (case-insensitive).
    pub from: &'static [&'static str],
    /// How the value is made.
    pub fill: Fill,
}

/// How an exported field's value is made.
#[derive(Clone, Copy, Debug)]
pub enum Fill {
    /// Copied when present.
    Copy,
    /// A tool list, written as the comma-separated string the tool reads.
    Tools,
    /// File patterns, written as a list or as comma-separated text.
    Globs {
        /// Whether the tool reads a list (Cline's `paths`).
        list: bool,
        /// Written when the persona has none.
        default: Option<&'static str>,
    },
    /// The persona's name as a lowercase-hyphen identifier (always written).
    Slug,
    /// The persona's display name (always written).
    Name,
    /// The description, else the first paragraph (always written), cut to
    /// at most this many characters when set.
    Description(Option<usize>),
    /// Copied when present, else this text.
    Default(&'static str),
    /// Copied when present, else this boolean (written so that the file
    /// names its dialect by its keys).
    Flag(bool),
    /// Copied when present, else `when` if the header has the field `key`,
    /// else `otherwise`.
    Either {
        /// The field whose presence decides.
        key: &'static str,
        /// The value when it is present.
        when: Literal,
        /// The value when it is not.
        otherwise: Literal,
    },
}

/// A literal header value.
#[derive(Clone, Copy, Debug)]
pub enum Literal {
    /// A boolean.
    Bool(bool),
    /// A word.
    Text(&'static str),
}

/// A placeholder syntax: one a dialect's tool fills in, or one people
/// write in templates by hand. `persona::variables` finds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placeholder {
    /// `{{name}}` and `{{ name }}` (Mustache, Handlebars, Jinja; cards'
    /// `{{char}}` and `{{user}}`).
    Braces,
    /// `{{{ name }}}` (Handlebars unescaped; Continue's `{{{ input }}}`).
    TripleBraces,
    /// `$ARGUMENTS`, and `$1` … `$9` in a dialect that has them.
    Arguments,
    /// `${input:name}` and `${input:name:placeholder}` (VS Code, Copilot).
    VsCodeInput,
    /// `${name}` and `${name:default}` (prompts.chat; Copilot's
    /// `${selection}`).
    Dollar,
    /// `{UPPER_CASE}`.
    UpperBraces,
    /// `[UPPER CASE]`.
    UpperBrackets,
    /// `<UPPER_CASE>`.
    UpperAngles,
}

/// The row of `dialect`. Every dialect has one (a test holds this).
#[must_use]
pub fn spec(dialect: Dialect) -> &'static DialectSpec {
    SPECS.iter().find(|s| s.dialect == dialect).unwrap_or(&table::FALLBACK)
}

/// A label with its indefinite article: "A Claude Code agent", "An Agent
/// Skill".
#[must_use]
pub fn with_article(label: &str) -> String {
    let article = if label.starts_with(['A', 'E', 'I', 'O', 'U']) { "An" } else { "A" };
    format!("{article} {label}")
}

impl FileName {
    /// Whether `path` (lower-cased, `/`-separated) and its base name match.
    fn matches(self, path: &str, base: &str) -> bool {
        match self {
            FileName::Exact(n) => base.eq_ignore_ascii_case(n),
            FileName::Suffix(s) => {
                base.len() >= s.len()
                    && base.get(base.len() - s.len()..).is_some_and(|end| end.eq_ignore_ascii_case(s))
            }
            FileName::Folder(f) => path.starts_with(f) || path.contains(&format!("/{f}")),
        }
    }

    /// How strongly a match names the dialect: a file name beats a folder.
    fn weight(self) -> i32 {
        match self {
            FileName::Exact(_) | FileName::Suffix(_) => 100,
            FileName::Folder(_) => 90,
        }
    }
}

/// The dialect a file name (or path) implies, if any: the first of the
/// strongest matches, in table order.
#[must_use]
pub fn from_file_name(hint: &str) -> Option<Dialect> {
    Path::new(hint).dialect()
}

/// A file's path, lower-cased with `/` separators, and its base name.
pub(crate) struct Path {
    path: String,
    base: String,
}

impl Path {
    pub(crate) fn new(hint: &str) -> Self {
        let path = hint.replace('\\', "/").to_ascii_lowercase();
        let base = base_name(&path).to_string();
        Self { path, base }
    }

    /// How strongly the path names `spec`'s dialect (0: not at all).
    pub(crate) fn weight(&self, spec: &DialectSpec) -> i32 {
        spec.files.iter().filter(|f| f.matches(&self.path, &self.base)).map(|f| f.weight()).max().unwrap_or(0)
    }

    /// The dialect the path alone names, if any.
    pub(crate) fn dialect(&self) -> Option<Dialect> {
        detect::strongest(SPECS.iter().map(|s| (s.dialect, self.weight(s))))
    }
}

impl ValueRule {
    /// What the rule asks for, for messages: "one of a, b".
    #[must_use]
    pub fn expected(self) -> String {
        match self {
            ValueRule::Bool => "true or false".to_string(),
            ValueRule::OneOf(words) => format!("one of {}", words.join(", ")),
            ValueRule::List => "a list".to_string(),
            ValueRule::Map => "a mapping of `name: value` lines".to_string(),
        }
    }

    /// Whether `value` follows the rule (a missing value does).
    #[must_use]
    pub fn holds(self, value: &super::model::MetaValue) -> bool {
        use super::model::MetaValue;
        match (self, value) {
            (ValueRule::OneOf(words), MetaValue::Text(t)) => words.contains(&t.trim()),
            (_, MetaValue::Null)
            | (ValueRule::Bool, MetaValue::Bool(_))
            | (ValueRule::List, MetaValue::List(_))
            | (ValueRule::Map, MetaValue::Map(_)) => true,
            _ => false,
        }
    }

    /// Whether `value` follows the rule or is written so that it can: the
    /// strings "true" and "false" become booleans.
    #[must_use]
    pub fn accepts(self, value: &super::model::MetaValue) -> bool {
        let bool_text = |t: &str| matches!(t.trim(), "true" | "false");
        self.holds(value)
            || matches!((self, value), (ValueRule::Bool, super::model::MetaValue::Text(t)) if bool_text(t))
    }
}

impl Dialect {
    /// A human label, as shown in the app.
    #[must_use]
    pub fn label(self) -> &'static str {
        spec(self).label
    }
}

/// The README's format list: a Markdown table of every row, one line each.
#[must_use]
pub fn formats_markdown() -> String {
    use std::fmt::Write as _;
    let mut out = String::from("| Format | Files | Keys it reads | Export |\n|---|---|---|---|\n");
    for s in &SPECS {
        let files: Vec<String> = s
            .files
            .iter()
            .map(|f| match f {
                FileName::Exact(n) => format!("`{n}`"),
                FileName::Suffix(x) => format!("`*{x}`"),
                FileName::Folder(d) => format!("`{d}`"),
            })
            .collect();
        let keys = s
            .keys
            .map_or_else(String::new, |k| k.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "));
        let export = s.export.map_or("", |e| e.label);
        let _ = writeln!(out, "| {} | {} | {keys} | {export} |", s.label, files.join(", "));
    }
    out
}

#[cfg(test)]
mod tests;
