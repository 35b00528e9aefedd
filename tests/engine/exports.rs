//! Exports and share links, checked over every fixture and (when present)
//! the whole corpus: each export parses back as its target with the same
//! content, own-dialect exports give back the file byte for byte, and share
//! links round-trip exactly.

use std::path::Path;

use persona_playground::library::Preset;
use persona_playground::library::share::{self, ShareError, Shared};
use persona_playground::persona::assemble::units;
use persona_playground::persona::export::{Target, card_field, export, section_text, slug};
use persona_playground::persona::variables::{Values, variables};
use persona_playground::persona::{Dialect, Persona, Selection, Style, assemble, parse, parse_with_hint};

use crate::files::files_under;
use crate::support::{all_items, normalise};

/// Checks every export of one document; returns failures.
pub fn check_exports(name: &str, source: &str, hint: Option<&str>) -> Vec<String> {
    let p = parse_with_hint(source, hint);
    let mut failures = Vec::new();
    let mut selections = vec![("all", Selection::all())];
    if let Some(item) = all_items(&p).first() {
        selections.push(("one item off", Selection::from_excluded([item.id])));
    }
    for (what, sel) in &selections {
        let prompt = assemble(&p, sel, Style::Original);
        for target in Target::all() {
            let e = export(source, hint, &p, sel, Style::Original, target);
            let q = parse_with_hint(&e.content, Some(&e.path));
            let tag = format!("{name} → {} ({what})", target.label());
            if let Some(d) = target.dialect()
                && q.dialect != d
            {
                failures.push(format!("{tag}: parses back as {:?}", q.dialect));
                continue;
            }
            if q.diagnostics.iter().any(|d| d.severity == persona_playground::persona::Severity::Error)
                && !p.diagnostics.iter().any(|d| d.severity == persona_playground::persona::Severity::Error)
            {
                failures.push(format!("{tag}: export has errors: {:?}", q.diagnostics));
            }
            if target == Target::Tool(Dialect::CharacterCard) {
                let want = p
                    .meta("name")
                    .and_then(|v| v.as_text())
                    .map(str::to_string)
                    .or_else(|| p.name.clone())
                    .unwrap_or_else(|| p.display_name());
                if q.name.as_deref().map(str::trim) != Some(want.trim()) {
                    failures.push(format!("{tag}: card name {:?}, want {want:?}", q.name));
                }
                if p.dialect == Dialect::CharacterCard {
                    // Each field's section comes back as (part of) its field.
                    let json: serde_json::Value = serde_json::from_str(&e.content).unwrap();
                    for s in p.sections() {
                        let title = s.heading.text.to_plain();
                        let Some(key) = card_field(&title) else {
                            continue;
                        };
                        let want = normalise(&section_text(&p, s, sel));
                        let got = normalise(json["data"][key].as_str().unwrap_or_default());
                        if !got.contains(&want) {
                            failures.push(format!("{tag}: section {title} is not in field {key}"));
                        }
                    }
                } else {
                    let json: serde_json::Value = serde_json::from_str(&e.content).unwrap();
                    let system = json["data"]["system_prompt"].as_str().unwrap_or_default();
                    if normalise(system) != normalise(&prompt).trim_start() {
                        failures.push(format!("{tag}: system_prompt is not the prompt"));
                    }
                }
            } else if target == Target::Tool(Dialect::RooModes) {
                failures.extend(check_roo_modes(&tag, &p, &e.content, &prompt));
            } else {
                // The body is the prompt, so both parse to one outline.
                let body = assemble(&q, &Selection::all(), Style::Original);
                if normalise(&body).trim_start() != normalise(&prompt).trim_start() {
                    failures.push(format!("{tag}: body differs from the prompt"));
                }
                if matches!(target, Target::Tool(Dialect::ClaudeAgent | Dialect::Skill))
                    && target.dialect() != Some(p.dialect)
                {
                    let n = q.name.clone().unwrap_or_default();
                    if n != slug(&n) || n.is_empty() {
                        failures.push(format!("{tag}: name {n:?} is not an identifier"));
                    }
                }
            }
        }
    }
    // Own dialect, everything selected: the original file, byte for byte.
    if let Some(own) = Target::own(p.dialect) {
        let is_card_v2 = source.contains("\"chara_card_v2\"");
        if own != Target::Tool(Dialect::CharacterCard) || is_card_v2 {
            let e = export(source, hint, &p, &Selection::all(), Style::Original, own);
            if e.content != source {
                failures
                    .push(format!("{name}: own-dialect export ({}) is not the original file", own.label()));
            }
            if let Some(h) = hint
                && own != Target::Tool(Dialect::CharacterCard)
                && Path::new(h).file_name() != Some(std::ffi::OsStr::new(&e.file_name))
            {
                failures.push(format!("{name}: own-dialect export renamed the file to {}", e.file_name));
            }
        }
    }
    failures
}

/// A modes export: a modes file keeps a mode for each mode with anything
/// selected, in order and by name; any other persona is one mode whose
/// role definition is the prompt.
fn check_roo_modes(
    tag: &str,
    p: &persona_playground::persona::Persona,
    yaml: &str,
    prompt: &str,
) -> Vec<String> {
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return vec![format!("{tag}: not YAML")];
    };
    let Some(modes) = doc["customModes"].as_sequence() else {
        return vec![format!("{tag}: no customModes list")];
    };
    let names: Vec<&str> = modes.iter().filter_map(|m| m["name"].as_str()).collect();
    if p.dialect == Dialect::RooModes {
        let all: Vec<String> = p.sections().map(|s| s.heading.text.to_plain()).collect();
        let mut rest = all.iter();
        let in_order = names.iter().all(|n| rest.any(|a| a == n));
        return (!in_order || names.is_empty())
            .then(|| format!("{tag}: modes {names:?} are not of {all:?}"))
            .into_iter()
            .collect();
    }
    let role = modes.first().and_then(|m| m["roleDefinition"].as_str()).unwrap_or_default();
    (modes.len() != 1 || normalise(role) != normalise(prompt).trim())
        .then(|| format!("{tag}: the one mode's role definition is not the prompt"))
        .into_iter()
        .collect()
}

fn shared_values(p: &Persona) -> Values {
    let vars = variables(p, &Values::default());
    Values {
        values: vars.iter().map(|v| (v.name.clone(), format!("\"{}\" ½", v.name))).collect(),
        not_variables: vars.first().map(|v| v.name.clone()).into_iter().collect(),
        template: vars.len() % 2 == 1,
    }
}

/// A share link of the document with every third unit off opens to the
/// same text, selection, style and prompt.
pub fn check_share(name: &str, source: &str, hint: Option<&str>) -> Option<String> {
    let p = parse_with_hint(source, hint);
    let excluded: Vec<_> = units(&p).into_iter().step_by(3).collect();
    let shared = Shared {
        text: source.to_string(),
        file_name: hint.map(str::to_string),
        style: Style::Clean,
        excluded: excluded.clone(),
        // A preset of the same selection, and an empty one, travel too.
        presets: vec![
            Preset { name: format!("{name} trimmed"), off: excluded.clone() },
            Preset { name: "Everything".into(), off: vec![] },
        ],
        // Every variable with a value of its own (quotes and all), and the
        // first one marked not a variable.
        variables: shared_values(&p),
    };
    let link = share::encode(&shared);
    let back = match share::decode(&format!("#{link}")) {
        Ok(Some(b)) => b,
        other => return Some(format!("{name}: share link does not decode: {other:?}")),
    };
    if back != shared {
        return Some(format!("{name}: share link changed the document"));
    }
    let q = parse_with_hint(&back.text, back.file_name.as_deref());
    let sel = Selection::from_excluded(back.excluded);
    (assemble(&q, &sel, back.style) != assemble(&p, &Selection::from_excluded(excluded), Style::Clean))
        .then(|| format!("{name}: shared prompt differs"))
}

fn fixtures() -> Vec<(String, String, Option<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    files_under(&dir, |_| true)
        .into_iter()
        .map(|path| {
            let source = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            let hint = path.file_name().and_then(|n| n.to_str()).map(str::to_string);
            (path.strip_prefix(&dir).unwrap().display().to_string(), source, hint)
        })
        .collect()
}

#[test]
fn every_fixture_exports_to_every_target() {
    let mut failures = Vec::new();
    let all = fixtures();
    for (name, source, hint) in &all {
        failures.extend(check_exports(name, source, hint.as_deref()));
    }
    eprintln!("exports: checked {} fixtures × {} targets", all.len(), Target::all().count());
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_fixture_round_trips_through_a_share_link() {
    let failures: Vec<String> =
        fixtures().iter().filter_map(|(n, s, h)| check_share(n, s, h.as_deref())).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn own_dialect_fixtures_export_byte_for_byte() {
    // The check lives in check_exports; this pins that it actually runs
    // for each dialect that has an export target.
    let mut dialects = std::collections::BTreeSet::new();
    for (_, source, hint) in fixtures() {
        let p = parse_with_hint(&source, hint.as_deref());
        if Target::own(p.dialect).is_some() {
            dialects.insert(format!("{:?}", p.dialect));
        }
    }
    for d in Target::all().filter_map(Target::dialect) {
        assert!(dialects.contains(&format!("{d:?}")), "no fixture of dialect {d:?}");
    }
}

#[test]
fn conversions_warn_about_what_they_drop() {
    let src = "---\nname: Code Reviewer\ndescription: Reviews code.\ntools: Read, Grep\nmodel: sonnet\ncolor: blue\n---\n\n# Reviewer\n\n- Be kind.\n";
    let p = parse(src);
    let sel = Selection::all();
    let cursor = export(src, None, &p, &sel, Style::Original, Target::Tool(Dialect::CursorRule));
    assert_eq!(cursor.warnings.len(), 1, "{:?}", cursor.warnings);
    for key in ["`name`", "`tools`", "`model`", "`color`"] {
        assert!(cursor.warnings[0].contains(key), "{:?}", cursor.warnings);
    }
    assert!(
        cursor.content.starts_with("---\ndescription: Reviews code.\nalwaysApply: true\n---\n"),
        "{}",
        cursor.content
    );
    let skill = export(src, None, &p, &sel, Style::Original, Target::Tool(Dialect::Skill));
    assert!(skill.content.contains("name: code-reviewer\n"), "{}", skill.content);
    assert!(skill.content.contains("allowed-tools: Read, Grep\n"), "{}", skill.content);
    assert!(skill.warnings.iter().any(|w| w.contains("code-reviewer")), "{:?}", skill.warnings);
    // A Skill reads `model` too; `color` is an agent's only.
    assert!(skill.content.contains("model: sonnet\n"), "{}", skill.content);
    assert!(
        skill.warnings.iter().any(|w| w.contains("`color`") && !w.contains("`model`")),
        "{:?}",
        skill.warnings
    );
    let agents = export(src, None, &p, &sel, Style::Original, Target::Tool(Dialect::AgentsMd));
    assert!(
        agents.content.starts_with("\n# Reviewer") || agents.content.starts_with("# Reviewer"),
        "{}",
        agents.content
    );
    assert_eq!(agents.file_name, "AGENTS.md");
    let md = export(src, None, &p, &sel, Style::Original, Target::Markdown);
    assert_eq!(md.content, assemble(&p, &sel, Style::Original));
    assert_eq!(md.file_name, "code-reviewer.md");
    let own = export(src, Some("reviewer.md"), &p, &sel, Style::Original, Target::Tool(Dialect::ClaudeAgent));
    assert_eq!(own.content, src);
    assert!(own.warnings.is_empty());
}

#[test]
fn yaml_that_would_change_type_is_quoted() {
    let src = "---\nglobs: \"*.rs\"\nalwaysApply: \"true\"\ndescription: \"yes\"\n---\nBe brief.\n";
    let p = parse_with_hint(src, Some("rule.mdc"));
    let e =
        export(src, None, &p, &Selection::all(), Style::Original, Target::Tool(Dialect::CopilotInstructions));
    let q = parse_with_hint(&e.content, Some(&e.path));
    assert_eq!(q.meta("applyTo").and_then(|v| v.as_text()), Some("*.rs"), "{}", e.content);
    assert_eq!(q.meta("description").and_then(|v| v.as_text()), Some("yes"), "{}", e.content);
    // To its own dialect the header stays as written, flaws included.
    let c = export(
        src,
        Some("rule.mdc"),
        &p,
        &Selection::all(),
        Style::Original,
        Target::Tool(Dialect::CursorRule),
    );
    assert_eq!(c.content, src);
    // A Skill exported as a Cursor rule gets a real boolean.
    let skill = "---\nname: a\ndescription: b\n---\nBody.\n";
    let q = parse_with_hint(skill, Some("SKILL.md"));
    let c = export(skill, None, &q, &Selection::all(), Style::Original, Target::Tool(Dialect::CursorRule));
    assert_eq!(c.content, "---\ndescription: b\nalwaysApply: true\n---\n\nBody.\n");
}

#[test]
fn corrupt_share_links_say_what_is_wrong() {
    let shared = Shared {
        text: "# Hi\n\n- one\n- two\n".into(),
        file_name: None,
        style: Style::Original,
        excluded: vec![],
        presets: vec![],
        variables: Values::default(),
    };
    let link = share::encode(&shared);
    assert!(link.starts_with("share=2."));
    assert_eq!(share::decode("#other=1"), Ok(None));
    assert_eq!(share::decode(""), Ok(None));
    assert!(matches!(share::decode("#share=9.abc"), Err(ShareError::UnknownVersion(v)) if v == "9"));
    assert!(matches!(share::decode("#share=1.ab$cd"), Err(ShareError::BadCharacter(_))));
    let cut = &link[..link.len() / 2];
    assert!(
        matches!(share::decode(cut), Err(ShareError::Truncated | ShareError::Corrupt)),
        "{:?}",
        share::decode(cut)
    );
    assert_eq!(share::decode("#share=1"), Err(ShareError::Truncated));
    assert!(share::decode("#share=1.AAAA").is_err());
    // Valid deflate of something that is not a shared document.
    let not_json =
        format!("share=1.{}", share::base64url_encode(&miniz_oxide::deflate::compress_to_vec(b"hello", 6)));
    assert!(matches!(share::decode(&not_json), Err(ShareError::BadContent(_))));
    // A deflate bomb is refused rather than expanded.
    let bomb = vec![b' '; share::MAX_DECODED + 10];
    let packed =
        format!("share=1.{}", share::base64url_encode(&miniz_oxide::deflate::compress_to_vec(&bomb, 9)));
    assert_eq!(share::decode(&packed), Err(ShareError::TooLarge));
    // Chat tools wrap long links; whitespace inside the data is ignored.
    let wrapped = format!("{}\n{}", &link[..20], &link[20..]);
    assert_eq!(share::decode(&wrapped), Ok(Some(shared)));
    for e in [ShareError::Truncated, ShareError::Corrupt, ShareError::TooLarge, ShareError::BadCharacter(3)] {
        assert!(e.to_string().starts_with("This share link"), "{e}");
    }
}

#[test]
fn base64url_round_trips_every_length() {
    for len in 0..70u8 {
        let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37).wrapping_add(len)).collect();
        let enc = share::base64url_encode(&bytes);
        assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{enc}");
        assert_eq!(share::base64url_decode(&enc).unwrap(), bytes);
    }
}

#[test]
fn frontmatter_values_survive_the_yaml_writer() {
    use persona_playground::persona::MetaValue;
    let tricky = [
        "plain words",
        "true",
        "No",
        "null",
        "~",
        "12",
        "1e3",
        "0x1f",
        ".5",
        "*.rs",
        "- dash",
        "a: b",
        "x #y",
        "ends:",
        "\"quoted\"",
        "it's",
        "tab\there",
        "two\nlines",
        "back\\slash",
        "  padded ",
        "",
        "#hash",
        "@at",
        "{flow}",
        "[list]",
        "%pct",
        "é ✓ 中文",
        "\u{1}ctl",
    ];
    for t in tricky {
        let src = format!(
            "---\nname: a\ndescription: {}\nmodel: inherit\n---\nBody.\n",
            serde_json::to_string(t).unwrap()
        );
        let p = parse(&src);
        assert_eq!(p.meta("description").and_then(|v| v.as_text()), Some(t), "source: {src}");
        let e = export(&src, None, &p, &Selection::all(), Style::Original, Target::Tool(Dialect::Skill));
        let q = parse_with_hint(&e.content, Some("SKILL.md"));
        let want = if t.trim().is_empty() { "Body." } else { t };
        assert_eq!(
            q.meta("description").and_then(|v| v.as_text()),
            Some(want.trim()),
            "written: {}",
            e.content
        );
    }
    // Nested values keep their shape.
    let src = "---\nname: a\ndescription: b\nmetadata:\n  version: \"1.0\"\n  tags: [x, \"y: z\"]\n  nested:\n    - k: 1\n    - [2, 3]\n---\nBody.\n";
    let p = parse_with_hint(src, Some("SKILL.md"));
    let e = export(src, None, &p, &Selection::all(), Style::Original, Target::Tool(Dialect::ClaudeAgent));
    assert!(!e.content.contains("metadata"), "an agent has no metadata key: {}", e.content);
    let e =
        export(src, Some("x.md"), &p, &Selection::all(), Style::Original, Target::Tool(Dialect::CursorRule));
    let back = parse_with_hint(&e.content, Some("x.mdc"));
    assert_eq!(back.meta("description").and_then(|v| v.as_text()), Some("b"));
    let skill_from_agent = "---\nname: a\ndescription: b\nmodel: opus\nmetadata:\n  version: \"1.0\"\n  tags: [x, \"y: z\"]\n  nested:\n    - k: 1\n    - [2, 3]\n---\nBody.\n";
    let p = parse(skill_from_agent);
    let e =
        export(skill_from_agent, None, &p, &Selection::all(), Style::Original, Target::Tool(Dialect::Skill));
    let back = parse_with_hint(&e.content, Some("SKILL.md"));
    assert_eq!(back.meta("metadata"), p.meta("metadata"), "{}", e.content);
    assert!(matches!(back.meta("metadata"), Some(MetaValue::Map(_))));
}

#[test]
fn a_whitespace_only_body_still_exports_byte_for_byte() {
    // Found by fuzzing `parse` (input "< "): Original assembles
    // a whitespace-only body to nothing, which lost the file's last bytes.
    for src in [
        "---\nname: a\ndescription: b\nmodel: x\n---\n \n",
        "---\nname: a\ndescription: b\nmodel: x\n---\n\n\n",
    ] {
        let p = parse(src);
        assert_eq!(assemble(&p, &Selection::all(), Style::Original), "");
        let e = export(src, None, &p, &Selection::all(), Style::Original, Target::Tool(Dialect::ClaudeAgent));
        assert_eq!(e.content, src);
    }
}

#[test]
fn exported_files_are_named_for_their_tool() {
    let src = "---\nname: Code Reviewer\ndescription: Reviews code.\ntools: Read\n---\n\n- Be kind.\n";
    let p = parse(src);
    let name = |t: Target| export(src, None, &p, &Selection::all(), Style::Original, t);
    // A card's `.json` is not another dialect's name.
    assert_eq!(name(Target::Tool(Dialect::CharacterCard)).file_name, "code-reviewer.json");
    // A slug that names another dialect by itself gets the target's key.
    let q = parse("---\nname: skill\ndescription: d\nmodel: x\ntools: Read\n---\nx\n");
    let e = export("", None, &q, &Selection::all(), Style::Original, Target::Tool(Dialect::ClaudeAgent));
    assert_eq!(e.file_name, "skill-claude-agent.md");
    // Where the tool reads it.
    let e = name(Target::Tool(Dialect::ClaudeCommand));
    assert_eq!(
        (e.file_name.as_str(), e.path.as_str()),
        ("code-reviewer.md", ".claude/commands/code-reviewer.md")
    );
    assert_eq!(name(Target::Tool(Dialect::Skill)).path, ".claude/skills/code-reviewer/SKILL.md");
}

/// A rule's trigger follows whether it has file patterns; patterns become
/// the list or text each tool reads.
#[test]
fn triggers_and_patterns_convert_between_rule_formats() {
    let header = |src: &str, d: Dialect| {
        let p = parse(src);
        let e = export(src, None, &p, &Selection::all(), Style::Original, Target::Tool(d));
        e.content.split("---\n").nth(1).unwrap_or_default().to_string()
    };
    let globbed = "---\ndescription: Rust\nglobs: src/**/*.rs, tests/**\n---\n- Be safe.\n";
    assert_eq!(
        header(globbed, Dialect::WindsurfRule),
        "trigger: glob\ndescription: Rust\nglobs: src/**/*.rs,tests/**\n"
    );
    assert_eq!(header(globbed, Dialect::ClineRule), "paths:\n  - src/**/*.rs\n  - tests/**\n");
    assert!(header(globbed, Dialect::KiroSteering).starts_with("inclusion: fileMatch\n"));
    let always = "---\ndescription: Rust\nalwaysApply: \"true\"\n---\n- Be safe.\n";
    assert!(header(always, Dialect::WindsurfRule).starts_with("trigger: always_on\n"));
    assert!(header(always, Dialect::KiroSteering).starts_with("inclusion: always\n"));
    let cline = "---\npaths:\n  - src/**\n---\n- Be safe.\n";
    assert!(header(cline, Dialect::CursorRule).contains("globs: src/**\nalwaysApply: false\n"));
    // The string "true" is the boolean a Cursor rule needs.
    let cursor_from_windsurf = "---\ntrigger: always_on\nalwaysApply: \"true\"\n---\nx\n";
    assert!(header(cursor_from_windsurf, Dialect::CursorRule).contains("alwaysApply: true\n"));
}
