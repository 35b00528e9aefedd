//! The dialect table: one row per dialect, in display order.
//!
//! The order also breaks ties in detection: when two dialects score the
//! same, the earlier row wins (a lowercase-hyphen `name` and a
//! `description` alone are a Skill; a name with capitals or spaces, an
//! output style).
//!
//! To add a dialect: add its [`Dialect`] variant, a row here (label, file
//! names, keys, required keys, value rules, detection cues, limits, name
//! keys, export, placeholders), and fixtures under `tests/fixtures/`. The
//! `dialect` tests check that every variant has exactly one row.
//!
//! Where each fact comes from is in `docs/formats.md`.

use super::{
    Cue, DialectSpec, ExportSpec, Field, FileName, FileNaming, Fill, Header, Limits, Literal, Placeholder,
    Shape, ValueRule,
};
use crate::persona::model::Dialect;

use Cue::{Contains, CopilotTools, Heading, HeadingIs, Key, KeyIs, Lacks, LineStarts, SlugName, Starts};
use FileName::{Exact, Folder, Suffix};

/// The top-level key of a Roo Code modes file, which holds the modes.
pub const ROO_MODES_KEY: &str = "customModes";

const NO_LIMITS: Limits = Limits {
    name_chars: None,
    name_is_slug: false,
    description_chars: None,
    file_chars: None,
    warn_chars: None,
};

const fn copy(key: &'static str) -> Field {
    Field { key, from: &[], fill: Fill::Copy }
}

const fn field(key: &'static str, from: &'static [&'static str], fill: Fill) -> Field {
    Field { key, from, fill }
}

/// The row [`super::spec`] answers for a dialect without one (a test
/// holds that there is none).
pub(super) const FALLBACK: DialectSpec = row(Dialect::Markdown, "Markdown", "this tool");

/// A row with nothing but its dialect, label and tool.
const fn row(dialect: Dialect, label: &'static str, tool: &'static str) -> DialectSpec {
    DialectSpec {
        dialect,
        label,
        tool,
        shape: Shape::Text,
        files: &[],
        keys: None,
        required: &[],
        passes_other_keys: false,
        values: &[],
        cues: &[],
        limits: NO_LIMITS,
        name_keys: &["name"],
        file_names_it: None,
        export: None,
        placeholders: &[],
        markers: &[],
        name_variable: None,
    }
}

const SKILL_NAME: Limits =
    Limits { name_chars: Some(64), name_is_slug: true, description_chars: Some(1024), ..NO_LIMITS };
const CLAUDE_AGENT_KEYS: &[&str] = &[
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
const SKILL_KEYS: &[&str] = &[
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
const GLOB_KEYS: &[&str] = &["globs", "applyTo", "fileMatchPattern", "paths"];
/// Patterns as the comma-separated text Cursor, Windsurf and Kiro read.
const TEXT_GLOBS: Fill = Fill::Globs { list: false, default: None };

/// Every dialect, in display order.
pub static SPECS: [DialectSpec; 22] = [
    DialectSpec {
        files: &[Exact("SKILL.md"), Folder(".claude/skills/"), Folder(".agents/skills/")],
        keys: Some(SKILL_KEYS),
        required: &["name", "description"],
        values: &[("user-invocable", ValueRule::Bool), ("disable-model-invocation", ValueRule::Bool)],
        cues: &[
            Key("name", 4),
            Key("description", 5),
            SlugName(1),
            Key("license", 6),
            Key("allowed-tools", 6),
            Key("metadata", 6),
            Key("compatibility", 6),
            Key("argument-hint", 6),
            Key("user-invocable", 6),
            Key("disable-model-invocation", 6),
            Key("context", 6),
            // The Agent Skills spec requires a description: without one, a
            // name and an argument hint are a command's.
            Lacks("description", -12),
        ],
        limits: SKILL_NAME,
        export: Some(ExportSpec {
            key: "skill",
            label: "Agent Skill (SKILL.md)",
            file_name: "SKILL.md",
            folder: ".claude/skills/{}/",
            header: Header::Frontmatter(&[
                field("name", &["name"], Fill::Slug),
                field("description", &["description"], Fill::Description(Some(1024))),
                copy("license"),
                field("allowed-tools", &["allowed-tools", "tools"], Fill::Tools),
                copy("metadata"),
                copy("compatibility"),
                copy("argument-hint"),
                copy("user-invocable"),
                copy("disable-model-invocation"),
                copy("model"),
                copy("context"),
                copy("agent"),
                copy("hooks"),
            ]),
        }),
        placeholders: &[Placeholder::Arguments],
        ..row(Dialect::Skill, "Agent Skill", "an Agent Skill loader")
    },
    DialectSpec {
        files: &[Folder(".claude/output-styles/")],
        keys: Some(&["name", "description", "keep-coding-instructions"]),
        values: &[("keep-coding-instructions", ValueRule::Bool)],
        cues: &[Key("keep-coding-instructions", 40), Key("name", 5), Key("description", 5), SlugName(-3)],
        export: Some(ExportSpec {
            key: "claude-output-style",
            label: "Claude Code output style (.md)",
            file_name: "{}.md",
            folder: ".claude/output-styles/",
            header: Header::Frontmatter(&[
                field("name", &["name"], Fill::Name),
                field("description", &["description"], Fill::Description(None)),
                // False is the tool's default; written, it marks the file.
                field("keep-coding-instructions", &["keep-coding-instructions"], Fill::Flag(false)),
            ]),
        }),
        ..row(Dialect::ClaudeOutputStyle, "Claude Code output style", "Claude Code")
    },
    DialectSpec {
        files: &[Folder(".claude/agents/")],
        keys: Some(CLAUDE_AGENT_KEYS),
        required: &["name", "description"],
        cues: &[
            Key("name", 5),
            Key("description", 5),
            Key("model", 6),
            Key("tools", 6),
            // `mode: plan` is seen in agents written for permission modes.
            KeyIs("mode", &["plan", "default", "acceptedits", "bypasspermissions"], 6),
            Key("color", 10),
            Key("permissionMode", 20),
            Key("disallowedTools", 20),
            Key("mcpServers", 15),
            Key("memory", 10),
            Key("skills", 6),
        ],
        export: Some(ExportSpec {
            key: "claude-agent",
            label: "Claude Code agent (.md)",
            file_name: "{}.md",
            folder: ".claude/agents/",
            header: Header::Frontmatter(&[
                field("name", &["name"], Fill::Slug),
                field("description", &["description"], Fill::Description(None)),
                field("tools", &["tools", "allowed-tools"], Fill::Tools),
                // "inherit" uses the conversation's model; it also marks the
                // file as an agent rather than a Skill.
                field("model", &["model"], Fill::Default("inherit")),
                copy("color"),
                copy("permissionMode"),
                copy("disallowedTools"),
                copy("skills"),
                copy("hooks"),
                copy("mcpServers"),
                copy("memory"),
            ]),
        }),
        ..row(Dialect::ClaudeAgent, "Claude Code agent", "Claude Code")
    },
    DialectSpec {
        files: &[Folder(".claude/commands/")],
        keys: Some(&["description", "argument-hint", "allowed-tools", "model", "disable-model-invocation"]),
        values: &[("disable-model-invocation", ValueRule::Bool)],
        cues: &[
            Key("description", 4),
            Key("argument-hint", 14),
            Key("allowed-tools", 8),
            Key("name", -4),
            Contains("$arguments", 15),
            LineStarts("!`", 10),
            LineStarts("!git ", 6),
        ],
        export: Some(ExportSpec {
            key: "claude-command",
            label: "Claude Code command (.md)",
            file_name: "{}.md",
            folder: ".claude/commands/",
            header: Header::Frontmatter(&[
                field("description", &["description"], Fill::Description(None)),
                copy("argument-hint"),
                field("allowed-tools", &["allowed-tools", "tools"], Fill::Tools),
                copy("model"),
                copy("disable-model-invocation"),
            ]),
        }),
        placeholders: &[Placeholder::Arguments],
        file_names_it: Some(FileNaming { prefix: "/", strip: ".md" }),
        ..row(Dialect::ClaudeCommand, "Claude Code command", "Claude Code")
    },
    DialectSpec {
        files: &[Suffix(".mdc"), Suffix(".cursorrules"), Exact("cursorrules"), Folder(".cursor/rules/")],
        keys: Some(&["description", "globs", "alwaysApply"]),
        values: &[("alwaysApply", ValueRule::Bool)],
        cues: &[Key("alwaysApply", 30), Key("globs", 20)],
        export: Some(ExportSpec {
            key: "cursor",
            label: "Cursor rule (.mdc)",
            file_name: "{}.mdc",
            folder: ".cursor/rules/",
            header: Header::Frontmatter(&[
                field("description", &["description"], Fill::Description(None)),
                field("globs", GLOB_KEYS, TEXT_GLOBS),
                field(
                    "alwaysApply",
                    &["alwaysApply"],
                    Fill::Either { key: "globs", when: Literal::Bool(false), otherwise: Literal::Bool(true) },
                ),
            ]),
        }),
        ..row(Dialect::CursorRule, "Cursor rule", "Cursor")
    },
    DialectSpec {
        files: &[Suffix(".windsurfrules"), Folder(".windsurf/rules/")],
        keys: Some(&["trigger", "description", "globs"]),
        values: &[("trigger", ValueRule::OneOf(&["always_on", "glob", "model_decision", "manual"]))],
        cues: &[KeyIs("trigger", &["always_on", "glob", "model_decision", "manual"], 40), Key("globs", 10)],
        limits: Limits { file_chars: Some(6000), ..NO_LIMITS },
        export: Some(ExportSpec {
            key: "windsurf",
            label: "Windsurf rule (.md)",
            file_name: "{}.md",
            folder: ".windsurf/rules/",
            header: Header::Frontmatter(&[
                field(
                    "trigger",
                    &["trigger"],
                    Fill::Either {
                        key: "globs",
                        when: Literal::Text("glob"),
                        otherwise: Literal::Text("always_on"),
                    },
                ),
                field("description", &["description"], Fill::Description(None)),
                field("globs", GLOB_KEYS, TEXT_GLOBS),
            ]),
        }),
        ..row(Dialect::WindsurfRule, "Windsurf rule", "Windsurf")
    },
    DialectSpec {
        files: &[Folder(".kiro/steering/")],
        keys: Some(&["inclusion", "fileMatchPattern", "name", "description"]),
        values: &[("inclusion", ValueRule::OneOf(&["always", "fileMatch", "manual", "auto"]))],
        cues: &[
            KeyIs("inclusion", &["always", "filematch", "manual", "auto"], 40),
            Key("fileMatchPattern", 30),
        ],
        export: Some(ExportSpec {
            key: "kiro",
            label: "Kiro steering file (.md)",
            file_name: "{}.md",
            folder: ".kiro/steering/",
            header: Header::Frontmatter(&[
                field(
                    "inclusion",
                    &["inclusion"],
                    Fill::Either {
                        key: "fileMatchPattern",
                        when: Literal::Text("fileMatch"),
                        otherwise: Literal::Text("always"),
                    },
                ),
                field("fileMatchPattern", &["fileMatchPattern", "globs", "applyTo", "paths"], TEXT_GLOBS),
                copy("name"),
                copy("description"),
            ]),
        }),
        ..row(Dialect::KiroSteering, "Kiro steering file", "Kiro")
    },
    DialectSpec {
        files: &[Suffix(".clinerules"), Folder(".clinerules/")],
        keys: Some(&["paths"]),
        cues: &[Key("paths", 15)],
        export: Some(ExportSpec {
            key: "cline",
            label: "Cline rule (.md)",
            file_name: "{}.md",
            folder: ".clinerules/",
            header: Header::Frontmatter(&[field(
                "paths",
                &["paths", "globs", "applyTo", "fileMatchPattern"],
                Fill::Globs { list: true, default: None },
            )]),
        }),
        ..row(Dialect::ClineRule, "Cline rule", "Cline")
    },
    DialectSpec {
        files: &[Suffix(".instructions.md"), Exact("copilot-instructions.md")],
        keys: Some(&["applyTo", "description", "name", "excludeAgent"]),
        cues: &[Key("applyTo", 30), Key("excludeAgent", 20)],
        export: Some(ExportSpec {
            key: "copilot",
            label: "Copilot instructions (.instructions.md)",
            file_name: "{}.instructions.md",
            folder: ".github/instructions/",
            header: Header::Frontmatter(&[
                copy("description"),
                copy("name"),
                field(
                    "applyTo",
                    &["applyTo", "globs", "fileMatchPattern", "paths"],
                    Fill::Globs { list: false, default: Some("**") },
                ),
                copy("excludeAgent"),
            ]),
        }),
        ..row(Dialect::CopilotInstructions, "GitHub Copilot instructions", "GitHub Copilot")
    },
    DialectSpec {
        files: &[Suffix(".prompt.md")],
        keys: Some(&["description", "name", "argument-hint", "agent", "mode", "model", "tools"]),
        values: &[("mode", ValueRule::OneOf(&["ask", "edit", "agent"])), ("tools", ValueRule::List)],
        cues: &[
            CopilotTools(25),
            Key("agent", 15),
            KeyIs("mode", &["ask", "edit", "agent"], 25),
            Contains("${input:", 15),
            Contains("${selection}", 10),
        ],
        export: Some(ExportSpec {
            key: "copilot-prompt",
            label: "Copilot prompt (.prompt.md)",
            file_name: "{}.prompt.md",
            folder: ".github/prompts/",
            header: Header::Frontmatter(&[
                field("description", &["description"], Fill::Description(None)),
                copy("name"),
                copy("agent"),
                copy("mode"),
                copy("model"),
                copy("tools"),
                copy("argument-hint"),
            ]),
        }),
        placeholders: &[Placeholder::VsCodeInput, Placeholder::Dollar],
        file_names_it: Some(FileNaming { prefix: "/", strip: ".prompt.md" }),
        ..row(Dialect::CopilotPrompt, "GitHub Copilot prompt", "GitHub Copilot")
    },
    DialectSpec {
        files: &[Suffix(".agent.md"), Folder(".github/agents/")],
        keys: Some(&[
            "name",
            "description",
            "argument-hint",
            "tools",
            "model",
            "target",
            "handoffs",
            "mcp-servers",
            "infer",
            "metadata",
        ]),
        cues: &[
            // A chat mode has no `name`: with the same tools, a document
            // without one is a chat mode.
            CopilotTools(23),
            Key("name", 4),
            Key("handoffs", 30),
            Key("target", 20),
            Key("mcp-servers", 20),
            Key("infer", 20),
        ],
        limits: Limits { file_chars: Some(30_000), ..NO_LIMITS },
        export: Some(ExportSpec {
            key: "copilot-agent",
            label: "Copilot agent (.agent.md)",
            file_name: "{}.agent.md",
            folder: ".github/agents/",
            header: Header::Frontmatter(&[
                field("name", &["name"], Fill::Name),
                field("description", &["description"], Fill::Description(None)),
                copy("argument-hint"),
                copy("tools"),
                copy("model"),
                copy("target"),
                copy("handoffs"),
                copy("mcp-servers"),
                copy("infer"),
                copy("metadata"),
            ]),
        }),
        ..row(Dialect::CopilotAgent, "GitHub Copilot agent", "GitHub Copilot")
    },
    DialectSpec {
        files: &[Suffix(".chatmode.md")],
        keys: Some(&["description", "tools", "model"]),
        // Above a prompt's and an agent's own tools cue: a prompt says its
        // `mode` or `agent`, an agent its `name`.
        cues: &[CopilotTools(26)],
        ..row(Dialect::CopilotChatMode, "GitHub Copilot chat mode", "GitHub Copilot")
    },
    DialectSpec {
        files: &[
            Folder(".opencode/agent/"),
            Folder(".opencode/agents/"),
            Folder("opencode/agent/"),
            Folder("opencode/agents/"),
        ],
        keys: Some(&[
            "description",
            "mode",
            "model",
            "temperature",
            "top_p",
            "steps",
            "maxSteps",
            "tools",
            "permission",
            "permissions",
            "disable",
            "hidden",
            "prompt",
            "color",
        ]),
        required: &["description"],
        passes_other_keys: true,
        values: &[
            ("mode", ValueRule::OneOf(&["primary", "subagent", "all"])),
            ("tools", ValueRule::Map),
            ("permission", ValueRule::Map),
            ("permissions", ValueRule::List),
        ],
        cues: &[
            KeyIs("mode", &["primary", "subagent", "all"], 30),
            Key("temperature", 10),
            Key("top_p", 10),
            Key("steps", 10),
            Key("maxSteps", 10),
            Key("permission", 15),
            Key("permissions", 15),
            Key("hidden", 5),
            Key("disable", 10),
        ],
        export: Some(ExportSpec {
            key: "opencode",
            label: "OpenCode agent (.md)",
            file_name: "{}.md",
            folder: ".opencode/agent/",
            header: Header::Frontmatter(&[
                field("description", &["description"], Fill::Description(None)),
                field("mode", &["mode"], Fill::Default("subagent")),
                copy("model"),
                copy("temperature"),
                copy("top_p"),
                copy("steps"),
                copy("maxSteps"),
                copy("tools"),
                copy("permission"),
                copy("permissions"),
                copy("disable"),
                copy("hidden"),
                copy("prompt"),
                copy("color"),
            ]),
        }),
        file_names_it: Some(FileNaming { prefix: "", strip: ".md" }),
        ..row(Dialect::OpenCodeAgent, "OpenCode agent", "OpenCode")
    },
    DialectSpec {
        files: &[Suffix(".roomodes"), Suffix("custom_modes.yaml"), Suffix("custom_modes.json")],
        cues: &[Key(ROO_MODES_KEY, 40)],
        export: Some(ExportSpec {
            key: "roo",
            label: "Roo Code mode (.roomodes)",
            // Browsers drop a download name's leading dot.
            file_name: "{}.roomodes",
            folder: ".roomodes",
            header: Header::RooMode,
        }),
        shape: Shape::Document,
        ..row(Dialect::RooModes, "Roo Code modes", "Roo Code")
    },
    DialectSpec {
        files: &[Suffix(".prompt"), Folder(".continue/prompts/")],
        keys: Some(&["name", "description", "version", "invokable"]),
        cues: &[Key("invokable", 30), Contains("{{{ input }}}", 15), Contains("{{{input}}}", 15)],
        export: Some(ExportSpec {
            key: "continue-prompt",
            label: "Continue prompt (.prompt)",
            file_name: "{}.prompt",
            folder: ".continue/prompts/",
            header: Header::Preamble(&[
                field("name", &["name"], Fill::Name),
                field("description", &["description"], Fill::Description(None)),
                copy("version"),
                copy("invokable"),
            ]),
        }),
        placeholders: &[Placeholder::TripleBraces, Placeholder::Braces],
        ..row(Dialect::ContinuePrompt, "Continue prompt", "Continue")
    },
    DialectSpec {
        files: &[Exact("AGENTS.md"), Exact("CLAUDE.md"), Exact("CLAUDE.local.md")],
        cues: &[
            Starts("# agents.md", 20),
            Starts("# claude.md", 20),
            // A file that only imports another (`@AGENTS.md`, or a symlink's text).
            Starts("@agents.md", 20),
            Starts("agents.md", 20),
            Starts("@claude.md", 20),
            Contains("this file provides guidance to claude code", 20),
            Contains("this file provides guidance to ai", 20),
            Contains("guidance to agents", 20),
            Contains("instructions for ai agents", 20),
            Starts("# repository guidelines", 20),
        ],
        export: Some(ExportSpec {
            key: "agents-md",
            label: "AGENTS.md",
            file_name: "AGENTS.md",
            folder: "",
            header: Header::None,
        }),
        // Claude Code: "Large CLAUDE.md will impact performance (… chars > 40.0k)".
        limits: Limits { warn_chars: Some(40_000), ..NO_LIMITS },
        ..row(Dialect::AgentsMd, "AGENTS.md / CLAUDE.md", "the agent")
    },
    DialectSpec {
        files: &[Exact("GEMINI.md")],
        cues: &[
            Starts("# gemini.md", 20),
            Contains("## gemini added memories", 20),
            Starts("@gemini.md", 20),
        ],
        export: Some(ExportSpec {
            key: "gemini",
            label: "Gemini CLI (GEMINI.md)",
            file_name: "GEMINI.md",
            folder: "",
            header: Header::None,
        }),
        ..row(Dialect::GeminiMd, "Gemini CLI context file", "Gemini CLI")
    },
    DialectSpec {
        cues: &[
            Heading("IDENTITY AND PURPOSE", 20),
            Heading("IDENTITY & PURPOSE", 20),
            HeadingIs("STEPS", 5),
            Heading("OUTPUT INSTRUCTIONS", 5),
        ],
        placeholders: &[Placeholder::Braces],
        ..row(Dialect::Fabric, "fabric pattern", "fabric")
    },
    DialectSpec {
        export: Some(ExportSpec {
            key: "card-v2",
            label: "Character card v2 (.json)",
            file_name: "{}.json",
            folder: "",
            header: Header::CardV2,
        }),
        placeholders: &[Placeholder::Braces],
        // SillyTavern's separator between example chats, its macros that
        // are no values (`{{original}}`: the default prompt), and its old
        // names for `{{user}}` and `{{char}}`, which it fills itself.
        markers: &["START", "original", "newline", "trim", "noop", "USER", "BOT"],
        name_variable: Some("char"),
        shape: Shape::Document,
        ..row(Dialect::CharacterCard, "Character card", "a character card front-end")
    },
    DialectSpec {
        files: &[Suffix(".json"), Suffix(".yaml"), Suffix(".yml")],
        name_keys: &["name", "title"],
        shape: Shape::Document,
        ..row(Dialect::Data, "JSON or YAML data", "this tool")
    },
    row(Dialect::Markdown, "Markdown", "this tool"),
    row(Dialect::WebCopy, "Plain-text web copy", "this tool"),
];
