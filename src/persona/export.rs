//! Exports: the assembled prompt as a file for a target tool.
//!
//! [`export`] turns a persona, a selection and a style into a file: the
//! prompt itself (`.md`, `.txt`), or a file a tool reads — a Claude Code
//! agent, an Agent Skill `SKILL.md`, a Cursor `.mdc` rule, an `AGENTS.md`, a
//! Copilot `.instructions.md`, or a character card v2 JSON.
//!
//! Rules:
//! - **Own dialect, verbatim.** When the target is the source's own dialect,
//!   the source's header (frontmatter, BOM, or none at all) is kept byte for
//!   byte and the body is the assembled prompt, so exporting with everything
//!   selected in the Original style gives back the original file. A v2 card
//!   exported as a v2 card with everything selected is the original JSON.
//! - **Other dialects.** The header is written from the metadata: the keys
//!   the target reads are kept (renamed where the target spells them
//!   differently, `globs` → `applyTo`), required keys are derived when
//!   missing (a name from the persona's display name, a description from
//!   the first paragraph), and every key the target cannot carry is named in
//!   a warning, shown before the download.
//! - Card exports map a card's sections back to its fields; other personas
//!   become a card whose `system_prompt` is the prompt.

use serde_json::{Map, Value, json};

use super::assemble::{Selection, Style, assemble};
use super::frontmatter::write_frontmatter;
use super::model::{BlockKind, Dialect, MetaValue, Node, Persona, Section};
use super::text::{slice, squash_whitespace, truncate_chars};

/// A file format to export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The prompt as Markdown.
    Markdown,
    /// The prompt as plain text.
    Text,
    /// A Claude Code subagent: Markdown with `name`, `description`, `tools`,
    /// `model` frontmatter.
    ClaudeAgent,
    /// An Agent Skill `SKILL.md`.
    Skill,
    /// A Cursor `.mdc` rule.
    CursorRule,
    /// An `AGENTS.md` project file (no frontmatter).
    AgentsMd,
    /// A GitHub Copilot `.instructions.md` file.
    Copilot,
    /// A `chara_card_v2` JSON character card.
    CardV2,
}

/// Keys a Claude Code agent reads.
const CLAUDE_KEYS: [&str; 9] = [
    "name",
    "description",
    "tools",
    "model",
    "color",
    "permissionMode",
    "disallowedTools",
    "mcpServers",
    "skills",
];
/// Keys an Agent Skill reads.
const SKILL_KEYS: [&str; 5] = ["name", "description", "license", "allowed-tools", "metadata"];
/// Card fields that carry over from card metadata.
const CARD_META: [&str; 4] = ["tags", "creator", "character_version", "alternate_greetings"];
/// Card section titles (as the card renderer writes them) and the v2 fields
/// they export to.
pub const CARD_SECTIONS: [(&str, &str); 9] = [
    ("Description", "description"),
    ("Personality", "personality"),
    ("Scenario", "scenario"),
    ("System prompt", "system_prompt"),
    ("Context", "description"),
    ("First message", "first_mes"),
    ("Example messages", "mes_example"),
    ("Post-history instructions", "post_history_instructions"),
    ("Creator notes", "creator_notes"),
];

impl Target {
    /// Every target, in menu order.
    pub const ALL: [Target; 8] = [
        Target::Markdown,
        Target::Text,
        Target::ClaudeAgent,
        Target::Skill,
        Target::CursorRule,
        Target::AgentsMd,
        Target::Copilot,
        Target::CardV2,
    ];

    /// A human label, as shown in the export menu.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Target::Markdown => "Prompt as Markdown (.md)",
            Target::Text => "Prompt as plain text (.txt)",
            Target::ClaudeAgent => "Claude Code agent (.md)",
            Target::Skill => "Agent Skill (SKILL.md)",
            Target::CursorRule => "Cursor rule (.mdc)",
            Target::AgentsMd => "AGENTS.md",
            Target::Copilot => "Copilot instructions (.instructions.md)",
            Target::CardV2 => "Character card v2 (.json)",
        }
    }

    /// A short stable key (for form values and saved preferences).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Target::Markdown => "md",
            Target::Text => "txt",
            Target::ClaudeAgent => "claude-agent",
            Target::Skill => "skill",
            Target::CursorRule => "cursor",
            Target::AgentsMd => "agents-md",
            Target::Copilot => "copilot",
            Target::CardV2 => "card-v2",
        }
    }

    /// The target with this [`Target::key`].
    #[must_use]
    pub fn from_key(key: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The dialect a file of this target parses as (none for the bare prompt).
    #[must_use]
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            Target::Markdown | Target::Text => None,
            Target::ClaudeAgent => Some(Dialect::ClaudeAgent),
            Target::Skill => Some(Dialect::Skill),
            Target::CursorRule => Some(Dialect::CursorRule),
            Target::AgentsMd => Some(Dialect::AgentsMd),
            Target::Copilot => Some(Dialect::Copilot),
            Target::CardV2 => Some(Dialect::CharacterCard),
        }
    }

    /// The target a persona of `dialect` exports to as itself, if any.
    #[must_use]
    pub fn own(dialect: Dialect) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.dialect() == Some(dialect))
    }
}

/// One exported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// A file name for the download.
    pub file_name: String,
    /// The MIME type of the download.
    pub mime: &'static str,
    /// The file's text.
    pub content: String,
    /// What the target cannot carry, for people, in source order.
    pub warnings: Vec<String>,
}

/// Exports `persona` (parsed from a file named `file_name`, if known) with
/// `selection` in `style` to `target`. `source` is the text the persona was
/// parsed from; it is needed to keep a card's original JSON.
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
    let slug = slug(&persona.display_name());
    let own = target.dialect() == Some(persona.dialect);
    let own_name = || file_name.filter(|_| own).map(base_name);
    let mut warnings = Vec::new();
    let (name, mime, content) = match target {
        Target::Markdown | Target::Text => {
            if let Some(keys) = listed(persona.metadata.iter().map(|e| e.key.as_str())) {
                warnings.push(format!("The prompt leaves out the metadata ({keys})."));
            }
            let ext = if target == Target::Markdown { "md" } else { "txt" };
            (format!("{slug}.{ext}"), mime_of(target), prompt)
        }
        Target::CardV2 => {
            let content = card(source, persona, selection, &prompt, own, &mut warnings);
            (own_name().unwrap_or_else(|| format!("{slug}.json")), mime_of(target), content)
        }
        _ if own && persona.text_is_source => {
            let head = slice(&persona.text, super::text::Span::new(0, persona.body.start));
            // A body of only whitespace assembles to nothing; with everything
            // selected the file still ends as it did.
            let prompt = if selection.is_all() && style == Style::Original && prompt.trim().is_empty() {
                persona.body_text().to_string()
            } else {
                prompt.clone()
            };
            let default = default_file_name(target, &slug);
            (own_name().unwrap_or(default), mime_of(target), format!("{head}{prompt}"))
        }
        _ => {
            let header = header(persona, target, &mut warnings);
            let mut content = header;
            if !content.is_empty() && !prompt.starts_with('\n') && !prompt.starts_with("\r\n") {
                content.push('\n');
            }
            content.push_str(&prompt);
            (default_file_name(target, &slug), mime_of(target), content)
        }
    };
    Export { file_name: name, mime, content, warnings }
}

fn mime_of(target: Target) -> &'static str {
    match target {
        Target::Text => "text/plain;charset=utf-8",
        Target::CardV2 => "application/json;charset=utf-8",
        _ => "text/markdown;charset=utf-8",
    }
}

fn default_file_name(target: Target, slug: &str) -> String {
    let name = plain_file_name(target, slug);
    // `copilot-instructions.md` or `agents.md` would be read as another
    // dialect by its name alone.
    match super::dialect::from_file_name(&name) {
        Some(d) if Some(d) != target.dialect() => {
            plain_file_name(target, &format!("{slug}-{}", target.key()))
        }
        _ => name,
    }
}

fn plain_file_name(target: Target, slug: &str) -> String {
    match target {
        Target::Markdown | Target::ClaudeAgent => format!("{slug}.md"),
        Target::Text => format!("{slug}.txt"),
        Target::Skill => "SKILL.md".to_string(),
        Target::CursorRule => format!("{slug}.mdc"),
        Target::AgentsMd => "AGENTS.md".to_string(),
        Target::Copilot => format!("{slug}.instructions.md"),
        Target::CardV2 => format!("{slug}.json"),
    }
}

fn base_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// `a`, `b` and `c` as "`a`, `b`, `c`", or `None` when there are none.
fn listed<'a>(keys: impl Iterator<Item = &'a str>) -> Option<String> {
    let keys: Vec<String> = keys.map(|k| format!("`{k}`")).collect();
    (!keys.is_empty()).then(|| keys.join(", "))
}

/// A lowercase identifier of ASCII letters, digits and hyphens, at most 64
/// characters (what Skills and Claude agent names accept).
#[must_use]
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "persona".to_string() } else { out.to_string() }
}

/// A tool list as the comma-separated string Claude Code and Skills read.
fn tool_list(value: &MetaValue) -> MetaValue {
    match value {
        MetaValue::List(items) if items.iter().all(|i| i.as_text().is_some()) => {
            MetaValue::Text(items.iter().filter_map(MetaValue::as_text).collect::<Vec<_>>().join(", "))
        }
        MetaValue::Map(entries) => {
            MetaValue::Text(entries.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", "))
        }
        other => other.clone(),
    }
}

fn meta_text(persona: &Persona, key: &str) -> Option<String> {
    persona
        .meta(key)
        .and_then(MetaValue::as_text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The description to write: the metadata's, else the parsed one, else the
/// first paragraph of the body (one line, at most 300 characters).
fn description(persona: &Persona) -> Option<String> {
    meta_text(persona, "description")
        .or_else(|| persona.description.clone().filter(|d| !d.trim().is_empty()))
        .or_else(|| first_paragraph(&persona.nodes).map(|p| truncate_chars(&squash_whitespace(&p), 300)))
}

fn first_paragraph(nodes: &[Node]) -> Option<String> {
    nodes.iter().find_map(|n| match n {
        Node::Block(b) => match &b.kind {
            BlockKind::Paragraph { text, .. } => Some(text.to_plain()).filter(|t| !t.trim().is_empty()),
            _ => None,
        },
        Node::Section(s) => first_paragraph(&s.children),
    })
}

/// The frontmatter for a conversion to `target`, warning about every key
/// it cannot carry.
fn header(persona: &Persona, target: Target, warnings: &mut Vec<String>) -> String {
    let mut out: Vec<(String, MetaValue)> = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    let name = meta_text(persona, "name").unwrap_or_else(|| persona.display_name());
    let label = target.label();
    match target {
        Target::ClaudeAgent | Target::Skill => {
            let id = slug(&name);
            if id != name {
                warnings.push(format!(
                    "The name “{name}” is written as `{id}`: only lowercase letters, digits and hyphens are allowed."
                ));
            }
            out.push(("name".into(), MetaValue::Text(id)));
            used.push("name");
            let mut desc = description(persona).unwrap_or_else(|| name.clone());
            if target == Target::Skill && desc.chars().count() > 1024 {
                desc = truncate_chars(&desc, 1023);
                warnings.push("The description is cut to the 1,024 characters a Skill allows.".into());
            }
            out.push(("description".into(), MetaValue::Text(desc)));
            used.push("description");
            if target == Target::ClaudeAgent {
                for key in CLAUDE_KEYS.iter().skip(2) {
                    if let Some(v) = persona.meta(key) {
                        let v = if *key == "tools" { tool_list(v) } else { v.clone() };
                        out.push(((*key).to_string(), v));
                        used.push(key);
                    }
                }
                if persona.meta("tools").is_none()
                    && let Some(v) = persona.meta("allowed-tools")
                {
                    out.push(("tools".into(), tool_list(v)));
                    used.push("allowed-tools");
                }
                if persona.meta("model").is_none() {
                    // "inherit" uses the conversation's model; it also marks
                    // the file as an agent rather than a Skill.
                    out.push(("model".into(), MetaValue::Text("inherit".into())));
                }
            } else {
                for key in SKILL_KEYS.iter().skip(2) {
                    if let Some(v) = persona.meta(key) {
                        out.push(((*key).to_string(), v.clone()));
                        used.push(key);
                    }
                }
                if persona.meta("allowed-tools").is_none()
                    && let Some(v) = persona.meta("tools")
                {
                    out.push(("allowed-tools".into(), tool_list(v)));
                    used.push("tools");
                }
            }
        }
        Target::CursorRule => {
            if let Some(d) = description(persona) {
                out.push(("description".into(), MetaValue::Text(d)));
            }
            used.push("description");
            let globs = persona.meta("globs").or_else(|| persona.meta("applyTo")).cloned();
            used.extend(["globs", "applyTo"]);
            let always = match persona.meta("alwaysApply") {
                Some(MetaValue::Bool(b)) => *b,
                Some(MetaValue::Text(t)) => t.trim().eq_ignore_ascii_case("true"),
                _ => globs.is_none(),
            };
            used.push("alwaysApply");
            if let Some(g) = globs {
                out.push(("globs".into(), g));
            }
            out.push(("alwaysApply".into(), MetaValue::Bool(always)));
        }
        Target::Copilot => {
            if let Some(d) = meta_text(persona, "description").or_else(|| persona.description.clone()) {
                out.push(("description".into(), MetaValue::Text(d)));
            }
            used.push("description");
            let apply = persona
                .meta("applyTo")
                .or_else(|| persona.meta("globs"))
                .cloned()
                .unwrap_or_else(|| MetaValue::Text("**".into()));
            used.extend(["applyTo", "globs"]);
            out.push(("applyTo".into(), apply));
        }
        Target::AgentsMd | Target::Markdown | Target::Text | Target::CardV2 => {}
    }
    let lost = persona
        .metadata
        .iter()
        .map(|e| e.key.as_str())
        .filter(|k| !used.iter().any(|u| u.eq_ignore_ascii_case(k)));
    if let Some(keys) = listed(lost) {
        warnings.push(format!("A {label} has no place for {keys}; left out."));
    }
    if target == Target::AgentsMd { String::new() } else { write_frontmatter(&out) }
}

/// A character card v2 for the selection.
fn card(
    source: &str,
    persona: &Persona,
    selection: &Selection,
    prompt: &str,
    own: bool,
    warnings: &mut Vec<String>,
) -> String {
    let parsed: Option<Value> =
        if own { serde_json::from_str(source.trim_start_matches('\u{feff}')).ok() } else { None };
    let is_v2 =
        parsed.as_ref().is_some_and(|v| v.get("spec").and_then(Value::as_str) == Some("chara_card_v2"));
    if own && is_v2 && selection.is_all() {
        return source.to_string();
    }
    let mut fields: Map<String, Value> = Map::new();
    let name =
        meta_text(persona, "name").or_else(|| persona.name.clone()).unwrap_or_else(|| persona.display_name());
    fields.insert("name".into(), Value::String(name));
    for key in [
        "description",
        "personality",
        "scenario",
        "first_mes",
        "mes_example",
        "creator_notes",
        "system_prompt",
        "post_history_instructions",
    ] {
        fields.insert(key.into(), Value::String(String::new()));
    }
    if persona.dialect == Dialect::CharacterCard {
        for node in &persona.nodes {
            let Node::Section(s) = node else { continue };
            let title = s.heading.text.to_plain();
            let Some((_, key)) = CARD_SECTIONS.iter().find(|(t, _)| *t == title.trim()) else {
                warnings.push(format!("The section “{}” has no card field; left out.", title.trim()));
                continue;
            };
            let text = section_text(persona, s, selection).replace("\r\n", "\n");
            if let Some(Value::String(existing)) = fields.get_mut(*key) {
                if !existing.is_empty() && !text.is_empty() {
                    existing.push_str("\n\n");
                }
                existing.push_str(&text);
            }
        }
    } else {
        fields.insert("description".into(), Value::String(description(persona).unwrap_or_default()));
        fields.insert("system_prompt".into(), Value::String(prompt.trim().replace("\r\n", "\n")));
    }
    let mut extras: Vec<&str> = Vec::new();
    for e in &persona.metadata {
        let key = e.key.as_str();
        if CARD_META.contains(&key) {
            fields.insert(key.into(), meta_json(&e.value));
        } else if !matches!(key, "name" | "description") {
            extras.push(key);
        }
    }
    for (key, empty) in [("tags", json!([])), ("creator", json!("")), ("character_version", json!(""))] {
        fields.entry(key).or_insert(empty);
    }
    fields.entry("alternate_greetings").or_insert(json!([]));
    fields.insert("extensions".into(), json!({}));
    if let Some(keys) = listed(extras.into_iter()) {
        warnings.push(format!("A character card has no place for {keys}; left out."));
    }
    let card = json!({ "spec": "chara_card_v2", "spec_version": "2.0", "data": Value::Object(fields) });
    let mut out = serde_json::to_string_pretty(&card).unwrap_or_default();
    out.push('\n');
    out
}

/// The selected content of a section, without its heading, as its source
/// text.
#[must_use]
pub fn section_text(persona: &Persona, section: &Section, selection: &Selection) -> String {
    let body =
        super::text::Span::new(section.heading.span.end, section.close.map_or(section.span.end, |c| c.start));
    let part = Persona { title: None, nodes: section.children.clone(), body, ..persona.clone() };
    assemble(&part, selection, Style::Original).trim().to_string()
}

fn meta_json(value: &MetaValue) -> Value {
    match value {
        MetaValue::Null => Value::Null,
        MetaValue::Bool(b) => Value::Bool(*b),
        MetaValue::Number(n) => serde_json::from_str(n).unwrap_or_else(|_| Value::String(n.clone())),
        MetaValue::Text(s) => Value::String(s.clone()),
        MetaValue::List(items) => Value::Array(items.iter().map(meta_json).collect()),
        MetaValue::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), meta_json(v))).collect())
        }
    }
}
