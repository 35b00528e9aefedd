//! Exports: the assembled prompt as a file for a target tool.
//!
//! [`export`] turns a persona, a selection and a style into a file: the
//! prompt itself (`.md`, `.txt`), or a file a tool reads. The targets are
//! the dialects whose row in [`SPECS`] has an [`ExportSpec`]: its label,
//! file name, folder and header come from there.
//!
//! Rules:
//! - **Own dialect, verbatim.** When the target is the source's own dialect,
//!   the source's header (frontmatter, BOM, or none at all) is kept byte for
//!   byte and the body is the assembled prompt, so exporting with everything
//!   selected in the Original style gives back the original file. A v2 card
//!   or a modes file exported as itself with everything selected is the
//!   original file.
//! - **Other dialects.** The header is written from the metadata
//!   ([`header`]): the keys the target reads are kept (renamed where the
//!   target spells them differently, `globs` → `applyTo`), required keys
//!   are derived when missing (a name from the persona's display name, a
//!   description from the first paragraph), and every key the target
//!   cannot carry is named in a warning, shown before the download.
//! - Card exports map a card's sections back to its fields, modes exports a
//!   modes file's sections back to its modes; other personas become one
//!   card or one mode whose prompt is the prompt.

mod card;
mod header;
mod roo;

use super::assemble::{Selection, Style, assemble};
use super::dialect::{ExportSpec, Header, SPECS, Shape, from_file_name, over_file_limit, spec};
use super::model::{Dialect, Persona, Section};
use super::text::{Span, base_name, slice};
use super::variables::{Values, fill_prompt, variables};

pub use super::data::card::v2_field as card_field;
pub use header::slug;

/// A file format to export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The prompt as Markdown.
    Markdown,
    /// The prompt as plain text.
    Text,
    /// A file the dialect's tool reads (its row has an [`ExportSpec`]).
    Tool(Dialect),
}

impl Target {
    /// Every target, in menu order: the prompt, then the dialects' files in
    /// the table's order.
    pub fn all() -> impl Iterator<Item = Target> {
        [Target::Markdown, Target::Text]
            .into_iter()
            .chain(SPECS.iter().filter(|s| s.export.is_some()).map(|s| Target::Tool(s.dialect)))
    }

    /// The dialect's export row, for tool targets.
    fn spec(self) -> Option<&'static ExportSpec> {
        match self {
            Target::Markdown | Target::Text => None,
            Target::Tool(d) => spec(d).export.as_ref(),
        }
    }

    /// A human label, as shown in the export menu.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Target::Markdown => "Prompt as Markdown (.md)",
            Target::Text => "Prompt as plain text (.txt)",
            Target::Tool(_) => self.spec().map_or("", |e| e.label),
        }
    }

    /// A short stable key (for form values and saved preferences).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Target::Markdown => "md",
            Target::Text => "txt",
            Target::Tool(_) => self.spec().map_or("", |e| e.key),
        }
    }

    /// The target with this [`Target::key`].
    #[must_use]
    pub fn from_key(key: &str) -> Option<Target> {
        Target::all().find(|t| t.key() == key)
    }

    /// The dialect a file of this target parses as (none for the bare prompt).
    #[must_use]
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            Target::Markdown | Target::Text => None,
            Target::Tool(d) => Some(d),
        }
    }

    /// The most characters the target's tool reads of a file, if it says.
    #[must_use]
    pub fn file_limit(self) -> Option<usize> {
        self.dialect().and_then(|d| spec(d).limits.file_chars)
    }

    /// The target a persona of `dialect` exports to as itself, if any.
    #[must_use]
    pub fn own(dialect: Dialect) -> Option<Target> {
        spec(dialect).export.map(|_| Target::Tool(dialect))
    }

    fn mime(self) -> &'static str {
        match self.spec().map(|e| e.header) {
            None if self == Target::Text => "text/plain;charset=utf-8",
            Some(Header::CardV2) => "application/json;charset=utf-8",
            Some(Header::RooMode) => "text/yaml;charset=utf-8",
            _ => "text/markdown;charset=utf-8",
        }
    }
}

/// What a writer of a whole file (a card, a modes file) reads.
struct Whole<'a> {
    /// The text the persona was parsed from.
    source: &'a str,
    persona: &'a Persona,
    selection: &'a Selection,
    /// The assembled prompt.
    prompt: &'a str,
    /// Whether the target is the persona's own dialect.
    own: bool,
}

/// One exported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// A file name for the download.
    pub file_name: String,
    /// Where the target tool reads it, relative to the project
    /// (`.claude/agents/name.md`); the file name alone for the bare prompt.
    pub path: String,
    /// The MIME type of the download.
    pub mime: &'static str,
    /// The file's text.
    pub content: String,
    /// What the target cannot carry, for people, in source order.
    pub warnings: Vec<String>,
}

/// Exports `persona` (parsed from a file named `file_name`, if known) with
/// `selection` in `style` to `target`, its variables left as written.
/// `source` is the text the persona was parsed from; it is needed to keep
/// a card's original JSON.
#[must_use]
pub fn export(
    source: &str,
    file_name: Option<&str>,
    persona: &Persona,
    selection: &Selection,
    style: Style,
    target: Target,
) -> Export {
    let prompt = assemble(persona, selection, style);
    export_prompt(source, file_name, persona, selection, style, target, prompt)
}

/// [`export`], with the prompt's variables filled with `values`; those
/// left unfilled are written in the target's placeholder syntax when it
/// has one. (A card or modes file exported as itself keeps its own
/// fields, in its tool's own syntax.)
#[must_use]
pub fn export_filled(
    source: &str,
    file_name: Option<&str>,
    persona: &Persona,
    selection: &Selection,
    style: Style,
    target: Target,
    values: &Values,
) -> Export {
    let assembled = assemble(persona, selection, style);
    let to = target.dialect().map_or(&[][..], |d| spec(d).placeholders);
    let vars = variables(persona, values);
    let prompt = fill_prompt(persona, &assembled, values, &vars, to).text;
    export_prompt(source, file_name, persona, selection, style, target, prompt)
}

fn export_prompt(
    source: &str,
    file_name: Option<&str>,
    persona: &Persona,
    selection: &Selection,
    style: Style,
    target: Target,
    prompt: String,
) -> Export {
    let slug = slug(&persona.display_name());
    let own = target.dialect() == Some(persona.dialect);
    let own_name = file_name.filter(|_| own).map(|f| base_name(f).to_string());
    let mut warnings = Vec::new();
    let (name, content) = match target.spec() {
        None => {
            if let Some(keys) = header::listed(persona.metadata.iter().map(|e| e.key.as_str())) {
                warnings.push(format!("The prompt leaves out the metadata ({keys})."));
            }
            let ext = if target == Target::Markdown { "md" } else { "txt" };
            (format!("{slug}.{ext}"), prompt)
        }
        Some(e) => {
            let content = match e.header {
                Header::CardV2 => {
                    card::write(&Whole { source, persona, selection, prompt: &prompt, own }, &mut warnings)
                }
                Header::RooMode => {
                    roo::write(&Whole { source, persona, selection, prompt: &prompt, own }, &mut warnings)
                }
                _ if own && persona.text_is_source => keep_header(persona, selection, style, &prompt),
                _ => {
                    let head = header::write(persona, target, e, &mut warnings);
                    join(head, &prompt)
                }
            };
            (own_name.unwrap_or_else(|| default_file_name(target, e, &slug)), content)
        }
    };
    let path = match target.spec() {
        Some(e) if !e.folder.is_empty() && !e.folder.ends_with('/') => e.folder.to_string(),
        Some(e) => format!("{}{name}", e.folder.replace("{}", &slug)),
        None => name.clone(),
    };
    if let Some(d) = target.dialect() {
        warnings.extend(over_file_limit(spec(d), &content, "this export"));
    }
    Export { file_name: name, path, mime: target.mime(), content, warnings }
}

/// The source's own header, byte for byte, and the prompt.
fn keep_header(persona: &Persona, selection: &Selection, style: Style, prompt: &str) -> String {
    let head = slice(&persona.text, Span::new(0, persona.body.start));
    // A body of only whitespace assembles to nothing; with everything
    // selected the file still ends as it did.
    if selection.is_all() && style == Style::Original && prompt.trim().is_empty() {
        format!("{head}{}", persona.body_text())
    } else {
        format!("{head}{prompt}")
    }
}

/// A written header and the prompt, with a line between them.
fn join(mut head: String, prompt: &str) -> String {
    if !head.is_empty() && !prompt.starts_with('\n') && !prompt.starts_with("\r\n") {
        head.push('\n');
    }
    head.push_str(prompt);
    head
}

fn default_file_name(target: Target, e: &ExportSpec, slug: &str) -> String {
    let name = e.file_name.replace("{}", slug);
    // `copilot-instructions.md`, `agents.md` or `skill.md` would be read as
    // another text dialect by its name alone (`.json` is any card's).
    match from_file_name(&name) {
        Some(d) if Some(d) != target.dialect() && spec(d).shape == Shape::Text => {
            e.file_name.replace("{}", &format!("{slug}-{}", e.key))
        }
        _ => name,
    }
}

/// The selected content of a section, without its heading, as its source
/// text.
#[must_use]
pub fn section_text(persona: &Persona, section: &Section, selection: &Selection) -> String {
    let body = Span::new(section.heading.span.end, section.close.map_or(section.span.end, |c| c.start));
    let part = Persona { title: None, nodes: section.children.clone(), body, ..persona.clone() };
    assemble(&part, selection, Style::Original).trim().to_string()
}
