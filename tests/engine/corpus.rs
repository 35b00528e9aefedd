//! The shared corpus of real persona documents (`../shared/corpus`), checked
//! when present. Nothing from it is copied into this repository.

use std::path::{Path, PathBuf};

use crate::files::files_under;
use crate::support::check_invariants;
use persona_playground::persona::{Dialect, parse, parse_with_hint};

/// `../shared/corpus` beside the checkout, or `PERSONA_CORPUS` when set.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PERSONA_CORPUS")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"), PathBuf::from);
    dir.is_dir().then_some(dir)
}

/// The corpus for the test `what`, or `None` after printing that the test
/// skipped it (a clone without `../shared/corpus` checks no document).
pub fn corpus_or_skip(what: &str) -> Option<PathBuf> {
    let dir = corpus_dir();
    if dir.is_none() {
        eprintln!("{what}: skipped the corpus: ../shared/corpus is not present (0 documents checked)");
    }
    dir
}

pub fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let meta =
        |p: &Path| matches!(p.file_name().and_then(|n| n.to_str()), Some("MANIFEST.tsv" | "README.md"));
    files_under(dir, |p| !meta(p))
}

#[test]
fn corpus_documents_keep_every_invariant() {
    let Some(dir) = corpus_or_skip("corpus") else {
        return;
    };
    let files = corpus_files(&dir);
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        let hint = path.file_name().and_then(|n| n.to_str());
        failures.extend(check_invariants(&name, &source, hint));
        checked += 1;
    }
    eprintln!("corpus: checked {checked} documents from {}", dir.display());
    assert!(checked >= 50, "expected the whole corpus, checked {checked}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus_documents_export_and_share() {
    let Some(dir) = corpus_or_skip("corpus exports and share links") else {
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &corpus_files(&dir) {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        let hint = path.file_name().and_then(|n| n.to_str());
        failures.extend(crate::exports::check_exports(&name, &source, hint));
        failures.extend(crate::exports::check_share(&name, &source, hint));
        checked += 1;
    }
    eprintln!("corpus exports and share links: checked {checked} documents from {}", dir.display());
    assert!(checked >= 50, "expected the whole corpus, checked {checked}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The dialect the corpus's `format` column names, for the formats that
/// have one; `None` where any reading is right (`plain`, `other`).
fn expected(format: &str, source_path: &str) -> Option<Vec<Dialect>> {
    let copilot = || {
        let base = source_path.to_ascii_lowercase();
        Some(vec![if base.ends_with(".chatmode.md") {
            Dialect::CopilotChatMode
        } else if base.ends_with(".agent.md") {
            Dialect::CopilotAgent
        } else {
            Dialect::CopilotInstructions
        }])
    };
    Some(vec![match format {
        "agents-md" | "claude-md" => Dialect::AgentsMd,
        // A JSON object is read as the data it is, wherever it came from.
        "character-card" => return Some(vec![Dialect::CharacterCard]),
        "claude-agent" => Dialect::ClaudeAgent,
        "claude-command" => Dialect::ClaudeCommand,
        "claude-output-style" => Dialect::ClaudeOutputStyle,
        "cline" => Dialect::ClineRule,
        "copilot" => return copilot(),
        "copilot-prompt" => Dialect::CopilotPrompt,
        "cursor-mdc" => Dialect::CursorRule,
        "cursorrules" => return Some(vec![Dialect::CursorRule, Dialect::Data]),
        "fabric" => Dialect::Fabric,
        "gemini-md" => Dialect::GeminiMd,
        "kiro" => Dialect::KiroSteering,
        "opencode" => Dialect::OpenCodeAgent,
        "roo-modes" => Dialect::RooModes,
        "skill" => Dialect::Skill,
        "windsurf" => Dialect::WindsurfRule,
        _ => return None,
    }])
}

/// Every corpus document is detected as its format when opened under its
/// real path; without a path (a paste), as many as their keys and body
/// allow, counted per format.
#[test]
fn corpus_documents_are_detected_as_their_format() {
    let Some(dir) = corpus_or_skip("corpus dialects") else {
        return;
    };
    let Ok(manifest) = std::fs::read_to_string(dir.join("MANIFEST.tsv")) else {
        eprintln!("corpus dialects: no MANIFEST.tsv; 0 documents checked");
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut pasted: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for row in manifest.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (Some(path), Some(format), Some(source_path)) = (cols.first(), cols.get(1), cols.get(3)) else {
            continue;
        };
        let Some(want) = expected(format, source_path) else { continue };
        let Ok(text) = std::fs::read_to_string(dir.join(path)) else { continue };
        checked += 1;
        let by_path = parse_with_hint(&text, Some(source_path)).dialect;
        if !want.contains(&by_path) {
            failures.push(format!("{path} ({source_path}): {by_path:?}, want {want:?}"));
        }
        let entry = pasted.entry((*format).to_string()).or_default();
        entry.1 += 1;
        entry.0 += usize::from(want.contains(&parse(&text).dialect));
    }
    eprintln!("corpus dialects: checked {checked} documents under their real paths");
    let summary: Vec<String> = pasted.iter().map(|(f, (ok, n))| format!("{f} {ok}/{n}")).collect();
    eprintln!("corpus dialects, pasted without a file name: {}", summary.join(", "));
    assert!(checked >= 60, "expected the whole corpus, checked {checked}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
