//! Dialect detection and the checks each dialect's tool applies.
//!
//! Detection uses, in order: the file name when one is known (`SKILL.md`,
//! `.mdc`, `.cursorrules`, `.instructions.md`, `AGENTS.md`, …), the
//! frontmatter keys (`globs`/`alwaysApply` → Cursor, `applyTo` → Copilot,
//! `name` + `description` → Claude agent or Skill by their extra keys), and
//! the body (fabric's `IDENTITY and PURPOSE`, AGENTS.md/CLAUDE.md phrasing,
//! the shape of a web copy).

use super::diagnostic::{Severity, Sink};
use super::model::{Dialect, MetaEntry, MetaValue};
use super::text::Span;

/// Keys a Claude Code subagent understands.
pub const CLAUDE_AGENT_KEYS: [&str; 11] = [
    "name",
    "description",
    "tools",
    "model",
    "color",
    "permissionMode",
    "disallowedTools",
    "skills",
    "hooks",
    "mcpServers",
    "memory",
];
/// Keys an Agent Skill understands (the open spec plus Claude Code's additions).
pub const SKILL_KEYS: [&str; 13] = [
    "name",
    "description",
    "license",
    "allowed-tools",
    "metadata",
    "compatibility",
    "argument-hint",
    "user-invocable",
    "disable-model-invocation",
    "model",
    "context",
    "agent",
    "hooks",
];
/// Keys a Cursor `.mdc` rule understands.
pub const CURSOR_KEYS: [&str; 3] = ["description", "globs", "alwaysApply"];
/// Keys Copilot instruction, prompt, chat-mode and agent files understand.
pub const COPILOT_KEYS: [&str; 12] = [
    "applyTo",
    "description",
    "name",
    "tools",
    "model",
    "mode",
    "target",
    "handoffs",
    "argument-hint",
    "mcp-servers",
    "excludeAgent",
    "agent",
];

const AGENT_ONLY: [&str; 7] =
    ["tools", "color", "mode", "permissionMode", "disallowedTools", "mcpServers", "memory"];
const SKILL_ONLY: [&str; 6] =
    ["license", "allowed-tools", "metadata", "argument-hint", "user-invocable", "disable-model-invocation"];
const COPILOT_TOOLS: [&str; 12] = [
    "vscode",
    "execute",
    "read",
    "edit",
    "search",
    "todo",
    "agent",
    "codebase",
    "runCommands",
    "fetch",
    "githubRepo",
    "changes",
];

fn has(meta: &[MetaEntry], key: &str) -> bool {
    meta.iter().any(|e| e.key == key)
}

fn base_name(hint: &str) -> String {
    hint.rsplit(['/', '\\']).next().unwrap_or(hint).to_ascii_lowercase()
}

/// The dialect a file name implies, if any.
#[must_use]
#[allow(clippy::case_sensitive_file_extension_comparisons)] // lower-cased first
pub fn from_file_name(hint: &str) -> Option<Dialect> {
    let name = base_name(hint);
    if name.ends_with(".mdc") || name.ends_with(".cursorrules") || name == "cursorrules" {
        Some(Dialect::CursorRule)
    } else if name == "skill.md" {
        Some(Dialect::Skill)
    } else if name.ends_with(".instructions.md")
        || name.ends_with(".prompt.md")
        || name.ends_with(".chatmode.md")
        || name.ends_with(".agent.md")
        || name == "copilot-instructions.md"
    {
        Some(Dialect::Copilot)
    } else if name == "agents.md" || name == "claude.md" || name == "claude.local.md" {
        Some(Dialect::AgentsMd)
    } else {
        None
    }
}

/// Detects the dialect of a text document.
pub(crate) fn detect(
    meta: &[MetaEntry],
    has_frontmatter: bool,
    body: &str,
    hint: Option<&str>,
    web_copy: bool,
) -> Dialect {
    if let Some(d) = hint.and_then(from_file_name) {
        return d;
    }
    if has_frontmatter {
        if has(meta, "alwaysApply") || has(meta, "globs") {
            return Dialect::CursorRule;
        }
        if has(meta, "applyTo") {
            return Dialect::Copilot;
        }
        let copilot_tools = match meta.iter().find(|e| e.key == "tools").map(|e| &e.value) {
            Some(MetaValue::List(items)) => items
                .iter()
                .filter_map(MetaValue::as_text)
                .any(|t| COPILOT_TOOLS.contains(&t) || t.contains('/')),
            _ => false,
        };
        if copilot_tools {
            return Dialect::Copilot;
        }
        if has(meta, "name") && has(meta, "description") {
            let agent = AGENT_ONLY.iter().filter(|k| has(meta, k)).count() + usize::from(has(meta, "model"));
            let skill = SKILL_ONLY.iter().filter(|k| has(meta, k)).count();
            return if agent > skill { Dialect::ClaudeAgent } else { Dialect::Skill };
        }
        // Keys only Claude Code reads mark an agent even when `name` is missing.
        let claude_only = ["color", "permissionMode", "disallowedTools", "mcpServers", "memory"];
        if claude_only.iter().any(|k| has(meta, k)) {
            return Dialect::ClaudeAgent;
        }
        if has(meta, "description") && (has(meta, "tools") || has(meta, "mode") || has(meta, "model")) {
            return Dialect::Copilot;
        }
        if has(meta, "name") && (has(meta, "tools") || has(meta, "model") || has(meta, "color")) {
            return Dialect::ClaudeAgent;
        }
    }
    let head: String = body.chars().take(4000).collect::<String>().to_ascii_lowercase();
    let upper_headings =
        body.lines().filter(|l| l.starts_with('#')).map(str::to_ascii_uppercase).collect::<Vec<_>>();
    let fabric =
        upper_headings.iter().any(|h| h.contains("IDENTITY AND PURPOSE") || h.contains("IDENTITY & PURPOSE"))
            || (upper_headings.iter().any(|h| h.trim_start_matches(['#', ' ']) == "STEPS")
                && upper_headings.iter().any(|h| h.contains("OUTPUT INSTRUCTIONS")));
    if fabric {
        return Dialect::Fabric;
    }
    let trimmed = body.trim();
    let agents_md = trimmed.starts_with("# AGENTS.md")
        || trimmed.starts_with("# CLAUDE.md")
        || trimmed == "@AGENTS.md"
        || trimmed == "AGENTS.md"
        || trimmed == "@CLAUDE.md"
        || head.contains("this file provides guidance to claude code")
        || head.contains("this file provides guidance to ai")
        || head.contains("guidance to agents")
        || head.contains("instructions for ai agents")
        || head.starts_with("# agents.md")
        || head.starts_with("# repository guidelines");
    if agents_md {
        return Dialect::AgentsMd;
    }
    if web_copy {
        return Dialect::WebCopy;
    }
    Dialect::Markdown
}

/// Applies the dialect's own rules to its metadata.
pub(crate) fn check(dialect: Dialect, meta: &[MetaEntry], frontmatter: Option<Span>, sink: &mut Sink<'_>) {
    let at = frontmatter.map_or(Span::default(), |f| Span::new(f.start, f.start));
    let known: &[&str] = match dialect {
        Dialect::ClaudeAgent => &CLAUDE_AGENT_KEYS,
        Dialect::Skill => &SKILL_KEYS,
        Dialect::CursorRule if frontmatter.is_some() => &CURSOR_KEYS,
        Dialect::Copilot if frontmatter.is_some() => &COPILOT_KEYS,
        _ => return,
    };
    let text = |k: &str| meta.iter().find(|e| e.key == k).and_then(|e| e.value.as_text());
    let missing = |k: &str| {
        meta.iter().find(|e| e.key == k).is_none_or(|e| {
            matches!(&e.value, MetaValue::Null) || e.value.as_text().is_some_and(|t| t.trim().is_empty())
        })
    };
    match dialect {
        Dialect::ClaudeAgent => {
            for key in ["name", "description"] {
                if missing(key) {
                    sink.push(
                        Severity::Error,
                        "agent-required",
                        at,
                        format!("A Claude Code agent needs a `{key}` in its frontmatter."),
                    );
                }
            }
        }
        Dialect::Skill => {
            if missing("name") {
                sink.push(
                    Severity::Error,
                    "skill-required",
                    at,
                    "An Agent Skill needs a `name` in its frontmatter.",
                );
            }
            if missing("description") {
                sink.push(
                    Severity::Error,
                    "skill-required",
                    at,
                    "An Agent Skill needs a `description` in its frontmatter.",
                );
            }
            if let Some(name) = text("name") {
                let span = entry_span(meta, "name", at);
                if name.chars().count() > 64 {
                    sink.push(
                        Severity::Error,
                        "skill-name",
                        span,
                        format!(
                            "A Skill name is at most 64 characters; this one has {}.",
                            name.chars().count()
                        ),
                    );
                }
                if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                    sink.push(
                        Severity::Error,
                        "skill-name",
                        span,
                        "A Skill name may only use lowercase letters, digits and hyphens.",
                    );
                }
            }
            if let Some(desc) = text("description") {
                let n = desc.chars().count();
                if n > 1024 {
                    sink.push(
                        Severity::Error,
                        "skill-description",
                        entry_span(meta, "description", at),
                        format!("A Skill description is at most 1024 characters; this one has {n}."),
                    );
                }
            }
        }
        Dialect::CursorRule => {
            if let Some(e) = meta.iter().find(|e| e.key == "alwaysApply") {
                match &e.value {
                    MetaValue::Bool(_) | MetaValue::Null => {}
                    MetaValue::Text(t) if t == "true" || t == "false" => sink.push(
                        Severity::Error,
                        "cursor-always-apply",
                        e.span,
                        format!("`alwaysApply` must be the boolean {t}, not the string \"{t}\"; remove the quotes."),
                    ),
                    other => sink.push(
                        Severity::Error,
                        "cursor-always-apply",
                        e.span,
                        format!("`alwaysApply` must be true or false, not `{}`.", other.display()),
                    ),
                }
            }
        }
        _ => {}
    }
    for e in meta {
        if !known.contains(&e.key.as_str()) {
            sink.push(
                Severity::Warning,
                "unknown-key",
                e.span,
                format!("`{}` is not a key {} reads; it will be ignored.", e.key, tool_name(dialect)),
            );
        }
    }
}

fn tool_name(d: Dialect) -> &'static str {
    match d {
        Dialect::ClaudeAgent => "Claude Code",
        Dialect::Skill => "an Agent Skill loader",
        Dialect::CursorRule => "Cursor",
        Dialect::Copilot => "Copilot",
        _ => "this tool",
    }
}

fn entry_span(meta: &[MetaEntry], key: &str, fallback: Span) -> Span {
    meta.iter().find(|e| e.key == key).map_or(fallback, |e| e.span)
}
