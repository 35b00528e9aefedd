//! The table is whole: one row per dialect, and every reader reads it.

use super::{Cue, FileName, Header, SPECS, Shape, from_file_name, spec};
use crate::persona::export::Target;
use crate::persona::model::Dialect;
use crate::persona::{Severity, parse_with_hint};

/// Every variant, listed by hand so that a new one fails the first test
/// below until it has a row.
const EVERY: [Dialect; 22] = [
    Dialect::Skill,
    Dialect::ClaudeOutputStyle,
    Dialect::ClaudeAgent,
    Dialect::ClaudeCommand,
    Dialect::CursorRule,
    Dialect::WindsurfRule,
    Dialect::KiroSteering,
    Dialect::ClineRule,
    Dialect::CopilotInstructions,
    Dialect::CopilotPrompt,
    Dialect::CopilotAgent,
    Dialect::CopilotChatMode,
    Dialect::OpenCodeAgent,
    Dialect::RooModes,
    Dialect::ContinuePrompt,
    Dialect::AgentsMd,
    Dialect::GeminiMd,
    Dialect::Fabric,
    Dialect::CharacterCard,
    Dialect::Data,
    Dialect::Markdown,
    Dialect::WebCopy,
];

#[test]
fn every_dialect_has_exactly_one_row() {
    for d in EVERY {
        let rows = SPECS.iter().filter(|s| s.dialect == d).count();
        assert_eq!(rows, 1, "{d:?} has {rows} rows");
        assert_eq!(spec(d).dialect, d);
    }
    assert_eq!(SPECS.len(), EVERY.len());
    // `match` makes the compiler list a variant missing from EVERY.
    for d in EVERY {
        match d {
            Dialect::Skill
            | Dialect::ClaudeOutputStyle
            | Dialect::ClaudeAgent
            | Dialect::ClaudeCommand
            | Dialect::CursorRule
            | Dialect::WindsurfRule
            | Dialect::KiroSteering
            | Dialect::ClineRule
            | Dialect::CopilotInstructions
            | Dialect::CopilotPrompt
            | Dialect::CopilotAgent
            | Dialect::CopilotChatMode
            | Dialect::OpenCodeAgent
            | Dialect::RooModes
            | Dialect::ContinuePrompt
            | Dialect::AgentsMd
            | Dialect::GeminiMd
            | Dialect::Fabric
            | Dialect::CharacterCard
            | Dialect::Data
            | Dialect::Markdown
            | Dialect::WebCopy => {}
        }
    }
}

#[test]
fn labels_and_export_keys_are_unique() {
    for (i, a) in SPECS.iter().enumerate() {
        for b in SPECS.iter().skip(i + 1) {
            assert_ne!(a.label, b.label);
            if let (Some(x), Some(y)) = (a.export, b.export) {
                assert_ne!(x.key, y.key);
                assert_ne!(x.label, y.label);
            }
        }
    }
}

/// Detection reads the file names: each name in a row names its dialect.
#[test]
fn each_file_name_of_a_row_detects_its_dialect() {
    for s in &SPECS {
        for f in s.files {
            let path = match *f {
                FileName::Exact(n) => n.to_ascii_uppercase(),
                FileName::Suffix(x) => format!("example{x}"),
                FileName::Folder(dir) => format!("project/{dir}example.md"),
            };
            assert_eq!(from_file_name(&path), Some(s.dialect), "{path}");
        }
    }
}

/// The checks read the key lists: every key a row lists is accepted, and a
/// key it does not list is warned about, in a file of that dialect.
#[test]
fn the_checks_read_each_rows_keys() {
    for s in SPECS.iter().filter(|s| s.shape == Shape::Text) {
        let (Some(keys), Some(&file)) = (s.keys, s.files.first()) else { continue };
        let name = match file {
            FileName::Exact(n) => n.to_string(),
            FileName::Suffix(x) => format!("example{x}"),
            FileName::Folder(dir) => format!("{dir}example.md"),
        };
        let mut doc = String::from("---\n");
        for k in keys {
            doc.push_str(k);
            doc.push_str(": x\n");
        }
        doc.push_str("surely-not-a-key: x\n---\nBody.\n");
        let p = parse_with_hint(&doc, Some(&name));
        assert_eq!(p.dialect, s.dialect, "{name}");
        // A tool that passes other keys on says so, without a warning.
        let severity = if s.passes_other_keys { Severity::Info } else { Severity::Warning };
        let unknown: Vec<&str> = p
            .diagnostics
            .iter()
            .filter(|d| d.code == "unknown-key" && d.severity == severity)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(unknown.len(), 1, "{name}: {unknown:?}");
        assert!(unknown.iter().all(|m| m.contains("surely-not-a-key") && m.contains(s.tool)), "{unknown:?}");
    }
}

/// Export reads the rows: the menu is the rows with an export, each
/// labelled and keyed by its row, and every file it writes parses back as
/// its dialect.
#[test]
fn export_targets_are_the_rows_with_an_export() {
    let tools: Vec<Dialect> = Target::all().filter_map(Target::dialect).collect();
    let rows: Vec<Dialect> = SPECS.iter().filter(|s| s.export.is_some()).map(|s| s.dialect).collect();
    assert_eq!(tools, rows);
    for s in SPECS.iter().filter(|s| s.export.is_some()) {
        let t = Target::Tool(s.dialect);
        let e = s.export.unwrap();
        assert_eq!((t.label(), t.key()), (e.label, e.key));
        assert_eq!(Target::from_key(e.key), Some(t));
        assert!(matches!(
            e.header,
            Header::None | Header::Frontmatter(_) | Header::Preamble(_) | Header::CardV2 | Header::RooMode
        ));
    }
}

/// Cues name keys a row reads (or, when negative, keys that speak against
/// it), so a key list and its cues cannot drift apart silently.
#[test]
fn key_cues_name_keys_of_their_row() {
    for s in SPECS.iter().filter(|s| s.shape == Shape::Text) {
        let Some(keys) = s.keys else { continue };
        for c in s.cues {
            if let Cue::Key(k, w) | Cue::Lacks(k, w) = *c {
                assert!(keys.contains(&k) || w < 0, "{:?}: cue key {k} is not in its key list", s.dialect);
            }
        }
    }
}

/// An export to a dialect writes every key its tool reads, when the
/// persona has it: none is reported as having "no place".
#[test]
fn an_export_carries_every_key_its_tool_reads() {
    for s in &SPECS {
        let (Some(keys), Some(e)) = (s.keys, s.export) else { continue };
        let (Header::Frontmatter(fields) | Header::Preamble(fields)) = e.header else { continue };
        for k in keys {
            let carried = fields.iter().any(|f| f.key == *k || f.from.contains(k));
            assert!(carried, "{:?} reads `{k}` but its export does not write it", s.dialect);
        }
    }
}

/// Body cues are matched against lower-cased text, headings without
/// regard to case against upper-case words, and paths lower-cased: a cue
/// written otherwise could never hold.
#[test]
fn cue_and_folder_strings_are_written_as_they_are_compared() {
    for s in &SPECS {
        for c in s.cues {
            match *c {
                Cue::Starts(t, _) | Cue::Contains(t, _) | Cue::LineStarts(t, _) => {
                    assert_eq!(t, t.to_ascii_lowercase(), "{:?}", s.dialect);
                }
                Cue::Heading(t, _) | Cue::HeadingIs(t, _) => assert_eq!(t, t.to_ascii_uppercase()),
                _ => {}
            }
        }
        for f in s.files {
            if let FileName::Folder(d) = f {
                assert_eq!(*d, d.to_ascii_lowercase(), "{:?}", s.dialect);
            }
        }
    }
}

/// Pasted (no file name): a command with `name` and `argument-hint` but no
/// `description` is a command, not a Skill (the Agent Skills spec requires
/// a description); a chat mode (no `name`) is a chat mode, not an agent.
#[test]
fn pasted_commands_and_chat_modes_read_as_themselves() {
    for (rel, text, want) in [
        (
            "claude-command/deploy-check.md",
            include_str!("../../../tests/fixtures/claude-command/deploy-check.md"),
            Dialect::ClaudeCommand,
        ),
        (
            "copilot/reviewer-pasted.chatmode.md",
            include_str!("../../../tests/fixtures/copilot/reviewer-pasted.chatmode.md"),
            Dialect::CopilotChatMode,
        ),
        (
            "copilot/architect.chatmode.md",
            include_str!("../../../tests/fixtures/copilot/architect.chatmode.md"),
            Dialect::CopilotChatMode,
        ),
        (
            "copilot/planner.agent.md",
            include_str!("../../../tests/fixtures/copilot/planner.agent.md"),
            Dialect::CopilotAgent,
        ),
        ("skill/SKILL.md", include_str!("../../../tests/fixtures/skill/SKILL.md"), Dialect::Skill),
    ] {
        assert_eq!(crate::persona::parse(text).dialect, want, "{rel}");
    }
}
