//! Snapshots of every fixture in `tests/fixtures`: the model (as an outline
//! with dialect, metadata and diagnostics), and both prompt styles for a
//! fixed partial selection. Each fixture also keeps the engine invariants
//! (`support::check_invariants`).

use std::fmt::Write as _;
use std::path::Path;

use persona_playground::persona::assemble::units;
use persona_playground::persona::migration::Migration;
use persona_playground::persona::outline::{Detail, outline};
use persona_playground::persona::{Persona, Selection, Style, assemble, parse_with_hint};

use crate::files::files_under;
use crate::support::check_invariants;

fn load(path: &Path) -> (String, Persona) {
    let source = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let hint = path.file_name().and_then(|n| n.to_str());
    let p = parse_with_hint(&source, hint);
    (source, p)
}

/// A deterministic partial selection: every third unit off, from the second.
fn partial(p: &Persona) -> Selection {
    Selection::from_excluded(units(p).into_iter().skip(1).step_by(3))
}

fn report(p: &Persona) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "dialect: {}", p.dialect.label());
    let _ = writeln!(out, "name: {}", p.display_name());
    if let Some(d) = &p.description {
        let _ = writeln!(out, "description: {d}");
    }
    for e in &p.examples {
        let _ = writeln!(out, "example: {e}");
    }
    for e in &p.metadata {
        let _ = writeln!(out, "meta {} = {}", e.key, e.value.display());
    }
    for (id, meta) in &p.section_metadata {
        let heading =
            p.sections().find(|s| s.id == *id).map(|s| s.heading.text.to_plain()).unwrap_or_default();
        for e in meta {
            let _ = writeln!(out, "section {heading}: meta {} = {}", e.key, e.value.display());
        }
    }
    for d in &p.diagnostics {
        let _ = writeln!(out, "{}:{}: {} {}: {}", d.line, d.column, d.severity.label(), d.code, d.message);
    }
    out.push_str("--- outline\n");
    out.push_str(&outline(p, Detail::Short));
    out
}

#[test]
fn fixture_models() {
    insta::glob!("../fixtures", "**/*.*", |path| {
        let (_, p) = load(path);
        insta::assert_snapshot!(report(&p));
    });
}

#[test]
fn fixture_prompts_original() {
    insta::glob!("../fixtures", "**/*.*", |path| {
        let (_, p) = load(path);
        insta::assert_snapshot!(assemble(&p, &partial(&p), Style::Original));
    });
}

#[test]
fn fixture_prompts_clean() {
    insta::glob!("../fixtures", "**/*.*", |path| {
        let (_, p) = load(path);
        insta::assert_snapshot!(assemble(&p, &partial(&p), Style::Clean));
    });
}

#[test]
fn fixtures_keep_every_invariant() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files_under(&dir, |_| true) {
        let (source, _) = load(&path);
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        failures.extend(check_invariants(&name, &source, path.file_name().and_then(|n| n.to_str())));
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Ids are a stored format: library documents and share links keep the ids
/// a person switched off. These snapshots pin every fixture's ids, so a
/// change to how ids are made shows up here and must come with a migration
/// of stored selections.
#[test]
fn fixture_ids() {
    insta::glob!("../fixtures", "**/*.*", |path| {
        let (_, p) = load(path);
        let ids: Vec<String> = units(&p).iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(ids.join("\n"));
    });
}

/// The ids earlier builds stored (id scheme 1), as the migration computes
/// them: these snapshots are the `fixture_ids` snapshots from before ids
/// changed, so the migration maps exactly what people saved.
#[test]
fn fixture_legacy_ids() {
    insta::glob!("../fixtures", "**/*.*", |path| {
        let (_, p) = load(path);
        let migration = Migration::from_scheme_1(&p);
        let legacy: Vec<String> = units(&p)
            .iter()
            .map(|u| {
                migration
                    .pairs()
                    .find(|(_, now)| now == u)
                    .map_or_else(|| "?".into(), |(old, _)| old.to_string())
            })
            .collect();
        insta::assert_snapshot!(legacy.join("\n"));
        // And the migration takes every one of them to today's id.
        let now = migration.apply(&migration.pairs().map(|(old, _)| old).collect::<Vec<_>>());
        assert_eq!(now.len(), migration.pairs().count());
    });
}

/// Every fixture's export to every tool: the file's name, where the tool
/// reads it, the warnings, and the file's first lines (its header).
#[test]
fn fixture_exports() {
    use persona_playground::persona::export::{Target, export};
    insta::glob!("../fixtures", "**/*.*", |path| {
        let (source, p) = load(path);
        let hint = path.file_name().and_then(|n| n.to_str());
        let mut out = String::new();
        for t in Target::all().filter(|t| t.dialect().is_some()) {
            let e = export(&source, hint, &p, &partial(&p), Style::Original, t);
            let _ = writeln!(out, "== {} → {}", t.label(), e.path);
            for w in &e.warnings {
                let _ = writeln!(out, "warning: {w}");
            }
            for line in e.content.lines().take(8) {
                let _ = writeln!(out, "| {line}");
            }
        }
        insta::assert_snapshot!(out);
    });
}
