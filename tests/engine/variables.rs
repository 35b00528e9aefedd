//! Variables: every placeholder syntax found where it counts and nowhere
//! else (each false positive the scanner guards against has a case), the
//! fixtures' variables as a snapshot, filling (literal values, defaults,
//! the template, exports in a target's syntax), a property that filling
//! and then clearing every value gives the template back, and a corpus run
//! that prints how many variables each syntax found.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proptest::prelude::*;

use crate::files::files_under;
use persona_playground::persona::dialect::Placeholder;
use persona_playground::persona::variables::{
    Named, Values, Variable, fill, rules, scan, syntax_name, variables,
};
use persona_playground::persona::{Persona, parse_with_hint};

fn found(text: &str, file: &str) -> Vec<Variable> {
    let p = parse_with_hint(text, Some(file));
    variables(&p, &Values::default())
}

/// The variables of `text` (opened as `file`) as `token×count` words.
fn tokens(text: &str, file: &str) -> String {
    found(text, file).iter().map(|v| format!("{}×{}", v.token(), v.count)).collect::<Vec<_>>().join(" ")
}

/// (what, file name, text, the variables found)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "mustache, spaced and triple",
        "a.md",
        "Hi {{name}}, {{ name }} and {{{ raw }}}.",
        "{{name}}×2 {{{ raw }}}×1",
    ),
    ("dotted mustache names", "a.md", "For {{project.name}}.", "{{project.name}}×1"),
    (
        "dollar with a default",
        "a.md",
        "Plan ${Days:5} days for ${Traveller name}.",
        "${Days}×1 ${Traveller name}×1",
    ),
    (
        "copilot input",
        "x.prompt.md",
        "Explain ${input:topic:What topic?} and ${input:level}.",
        "${input:topic}×1 ${input:level}×1",
    ),
    ("copilot input in a plain document", "a.md", "Explain ${input:topic}.", "${input:topic}×1"),
    ("arguments", ".claude/commands/fix.md", "Fix issue $ARGUMENTS now.", "$ARGUMENTS×1"),
    ("arguments outside a command", "a.md", "Fix issue $ARGUMENTS now.", "$ARGUMENTS×1"),
    ("positional in a command", ".claude/commands/fix.md", "Review PR #$1 with priority $2.", "$1×1 $2×1"),
    ("upper braces", "a.md", "The project is {PROJECT_NAME}.", "{PROJECT_NAME}×1"),
    ("upper brackets", "a.md", "You work at [YOUR COMPANY] as [ROLE].", "[YOUR COMPANY]×1 [ROLE]×1"),
    ("upper angles", "a.md", "Set the key to <API_KEY>.", "<API_KEY>×1"),
    ("first use orders them", "a.md", "{{b}} then {{a}} then {{b}}", "{{b}}×2 {{a}}×1"),
    // What only looks like a variable.
    ("shell in a code block", "AGENTS.md", "Run:\n\n```bash\necho ${HOME}\n```\n", ""),
    ("awk in a code block", "AGENTS.md", "```\nawk '{print $1}' f\n```\n", ""),
    ("helm in a code block", "AGENTS.md", "```yaml\nimage: {{ .Values.image }}\n```\n", ""),
    ("helm outside code", "a.md", "Set {{ .Values.image }} and {{ x | upper }}.", ""),
    ("tilde fences", "a.md", "~~~\n{{name}} [NAME]\n~~~\n", ""),
    ("fence in a list", "a.md", "- step:\n  ```\n  ${HOME}\n  ```\n", ""),
    ("inline code", "a.md", "Use `{{name}}` or ``${HOME}`` there.", ""),
    ("json braces", "a.md", "Answer as {\"name\": \"x\"} or {{\"a\": 1}}.", ""),
    ("github actions", "a.md", "Use ${{ secrets.TOKEN }} and ${{ github.sha }}.", ""),
    ("markdown links", "a.md", "See [READ ME](https://x.y) and [SEE ALSO][1] or [NOTE]: x.", ""),
    ("alerts and task boxes", "a.md", "> [!NOTE]\n> Hi\n\n- [X] done\n- [ ] open", ""),
    ("prices", "a.md", "It costs $5, or $1.50, or $10.", ""),
    ("prices in a command", ".claude/commands/x.md", "Costs $1.50 or $10 or $1,000.", ""),
    ("closed tags", "a.md", "<EXAMPLE>\nHi\n</EXAMPLE>", ""),
    ("closed brackets", "a.md", "[INST] Hi [/INST] and [OOC] x [/OOC]", ""),
    ("one-letter names", "a.md", "Let {X} be [A] and <T>.", ""),
    ("escaped", "a.md", "Write \\{{name}} and \\${name}.", ""),
    ("brackets in frontmatter", ".claude/commands/x.md", "---\nargument-hint: [FILE PATH]\n---\nGo.", ""),
    ("a regex class", "a.md", "Match [A-Z] letters.", ""),
    // The dialect's own syntax counts in code too.
    (
        "arguments in a command's code",
        ".claude/commands/x.md",
        "```bash\ngh issue view $ARGUMENTS\n```\n",
        "$ARGUMENTS×1",
    ),
    (
        "copilot input in frontmatter",
        "x.prompt.md",
        "---\ndescription: Review ${input:file}\n---\nGo.",
        "${input:file}×1",
    ),
    ("copilot variables in code", "x.prompt.md", "```\n${selection}\n```\n", "${selection}×1"),
];

#[test]
fn every_syntax_is_found_where_it_counts_and_nowhere_else() {
    let mut failures = Vec::new();
    for (what, file, text, want) in CASES {
        let got = tokens(text, file);
        if got != *want {
            failures.push(format!("{what}: {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn defaults_hints_and_the_name_of_a_card() {
    let vars = found("Plan ${Days: 5 } days; ${input:topic:What topic?}", "x.prompt.md");
    assert_eq!(vars[0].default.as_deref(), Some("5"));
    assert_eq!(vars[1].hint.as_deref(), Some("What topic?"));
    let card = r#"{"spec":"chara_card_v2","data":{"name":"Mira","description":"{{char}} greets {{user}}.","mes_example":"<START>\n{{user}}: Hi"}}"#;
    let vars = found(card, "mira.json");
    let names: Vec<_> = vars.iter().map(|v| (v.name.as_str(), v.default.as_deref())).collect();
    assert_eq!(names, [("char", Some("Mira")), ("user", None)], "<START> is a card's marker");
}

#[test]
fn a_cards_own_macros_and_old_names_are_markers() {
    let card = r#"{"spec":"chara_card_v2","data":{"name":"Mira","system_prompt":"{{original}} {{newline}} <USER> <BOT> {{user}}"}}"#;
    assert_eq!(tokens(card, "mira.json"), "{{user}}×1");
}

#[test]
fn a_tag_closed_in_a_part_switched_off_is_still_a_tag() {
    use persona_playground::persona::assemble::units;
    use persona_playground::persona::variables::fill_prompt;
    use persona_playground::persona::{Selection, Style, assemble};
    let text = "# T\n\nOpen <EXAMPLE> here.\n\n## Off\n\nClose </EXAMPLE> there.\n";
    let p = parse_with_hint(text, Some("a.md"));
    assert!(variables(&p, &Values::default()).is_empty());
    let off = Selection::from_excluded(units(&p).into_iter().skip(2));
    let prompt = assemble(&p, &off, Style::Original);
    assert!(!prompt.contains("</EXAMPLE>"), "{prompt}");
    assert_eq!(fill_prompt(&p, &prompt, &Values::default(), &[], &[]).unfilled, 0);
}

#[test]
fn at_most_max_variables_are_listed() {
    use persona_playground::persona::variables::MAX_VARIABLES;
    let text = (0..5_000).fold(String::new(), |mut t, i| {
        let _ = write!(t, "{{{{v{i}}}}} ");
        t
    });
    let vars = found(&text, "a.md");
    assert_eq!(vars.len(), MAX_VARIABLES);
    assert_eq!(vars[0].name, "v0");
    let p = parse_with_hint(&text, Some("a.md"));
    let f = fill(&text, &rules(&p, &[]), &Values::default(), &vars, &[]);
    assert_eq!(f.unfilled, MAX_VARIABLES, "counted as far as they are listed");
}

#[test]
fn stored_values_are_normalised_and_links_carry_only_current_names() {
    let v = Values {
        not_variables: vec!["A".into(), "B".into(), "A".into()],
        ..values(&[("a", "1"), ("gone", "secret")])
    };
    assert_eq!(v.clone().normalised().not_variables, ["A", "B"]);
    let shared = v.for_names(["a", "b"]);
    assert_eq!(shared.values.keys().collect::<Vec<_>>(), ["a"]);
    assert_eq!(shared.not_variables, v.not_variables);
}

#[test]
fn lines_say_where_a_variable_occurs() {
    let vars = found("# T\n\n{{a}}\n\nx {{a}} {{a}}\n\n{{a}}\n", "a.md");
    let lines: Vec<usize> = vars[0].places.iter().map(|p| p.0).collect();
    assert_eq!(lines, [3, 5, 7]);
    assert_eq!(vars[0].count, 4);
    assert_eq!(vars[0].places[1].1, "x {{a}} {{a}}");
    let long = format!("{} {{{{a}}}} {}", "b".repeat(50), "c".repeat(50));
    let vars = found(&long, "a.md");
    assert_eq!(vars[0].places[0].1, format!("…{} {{{{a}}}} {}…", "b".repeat(29), "c".repeat(29)));
}

#[test]
fn a_name_marked_not_a_variable_is_not_found() {
    let p = parse_with_hint("Laughs: [LAUGHS] at [YOUR COMPANY].", Some("a.md"));
    let values = Values { not_variables: vec!["LAUGHS".into()], ..Values::default() };
    let names: Vec<_> = variables(&p, &values).into_iter().map(|v| v.name).collect();
    assert_eq!(names, ["YOUR COMPANY"]);
}

fn values(pairs: &[(&str, &str)]) -> Values {
    Values {
        values: pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect(),
        ..Values::default()
    }
}

/// Fills `text` as the app fills its prompt.
fn filled(text: &str, file: &str, v: &Values) -> (String, usize) {
    let p = parse_with_hint(text, Some(file));
    let vars = variables(&p, v);
    let r = rules(&p, &v.not_variables);
    let f = fill(text, &r, v, &vars, &[]);
    (f.text, f.unfilled)
}

#[test]
fn values_are_put_in_literally() {
    let text = "Hi {{name}}, from [YOUR COMPANY] about {{topic}}.";
    let v = values(&[("name", "{{topic}} <b>&amp;</b>"), ("YOUR COMPANY", "$1 ${x}")]);
    assert_eq!(
        filled(text, "a.md", &v),
        ("Hi {{topic}} <b>&amp;</b>, from $1 ${x} about {{topic}}.".into(), 1)
    );
}

#[test]
fn defaults_fill_until_a_value_is_set_and_an_empty_value_keeps_the_placeholder() {
    let text = "Plan ${Days:5} days in ${City}.";
    assert_eq!(filled(text, "a.md", &Values::default()), ("Plan 5 days in ${City}.".into(), 1));
    assert_eq!(
        filled(text, "a.md", &values(&[("Days", "7"), ("City", "Oslo")])),
        ("Plan 7 days in Oslo.".into(), 0)
    );
    assert_eq!(filled(text, "a.md", &values(&[("Days", "")])), (text.into(), 2));
}

#[test]
fn the_template_switch_fills_nothing() {
    let text = "Plan ${Days:5} days in {{city}}.";
    let v = Values { template: true, ..values(&[("city", "Oslo")]) };
    assert_eq!(filled(text, "a.md", &v), (text.into(), 2));
}

#[test]
fn unfilled_placeholders_take_the_targets_syntax() {
    let text = "Explain {{topic}} to [AUDIENCE] for $1; keep ${input:tone}.";
    let p = parse_with_hint(text, Some("a.md"));
    let r = rules(&p, &[]);
    let v = values(&[("AUDIENCE", "students")]);
    let copilot = fill(text, &r, &v, &[], &[Placeholder::VsCodeInput, Placeholder::Dollar]);
    assert_eq!(copilot.text, "Explain ${input:topic} to students for $1; keep ${input:tone}.");
    let continue_prompt = fill(text, &r, &v, &[], &[Placeholder::TripleBraces, Placeholder::Braces]);
    assert_eq!(continue_prompt.text, "Explain {{topic}} to students for $1; keep {{{ tone }}}.");
    let command = fill(text, &r, &v, &[], &[Placeholder::Arguments]);
    assert_eq!(command.text, "Explain {{topic}} to students for $1; keep ${input:tone}.", "no named syntax");
}

/// Pieces of a template: text that holds no placeholder, and placeholders.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z .,\n#-]{0,12}",
        "[a-c]".prop_map(|n| format!("{{{{{n}}}}}")),
        "[a-c]".prop_map(|n| format!("{{{{ {n} }}}}")),
        ("[a-c]", "[0-9a-z ]{0,4}").prop_map(|(n, d)| format!("${{{n}:{d}}}")),
        "[a-c]".prop_map(|n| format!("${{input:{n}}}")),
        "[A-C]{2}".prop_map(|n| format!("[{n}]")),
        "[A-C]{2}".prop_map(|n| format!("<{n}>")),
        "[A-C]{2}".prop_map(|n| format!("{{{n}}}")),
        "[1-3]".prop_map(|n| format!(" ${n} ")),
        Just("`{{a}}` ".to_string()),
        Just("<AB> </AB>".to_string()),
        Just("$ARGUMENTS".to_string()),
        Just("```\n${HOME} {{a}}\n```\n".to_string()),
    ]
}

proptest! {
    #[test]
    fn filling_then_clearing_every_value_gives_the_template_back(
        pieces in prop::collection::vec(piece(), 0..12),
        fills in prop::collection::vec("[a-z{}$ <>]{0,6}", 8),
    ) {
        let template: String = pieces.concat();
        // A command, whose own syntax includes `$1` … `$9`.
        let p: Persona = parse_with_hint(&template, Some(".claude/commands/t.md"));
        let none = Values::default();
        let vars = variables(&p, &none);
        let set: Named =
            vars.iter().zip(fills.iter().cycle()).map(|(v, f)| (v.name.clone(), f.clone())).collect();
        let cleared: Named = set.keys().map(|k| (k.to_string(), String::new())).collect();
        let r = rules(&p, &[]);
        let once = fill(&template, &r, &Values { values: set, ..none.clone() }, &vars, &[]);
        prop_assert!(once.unfilled <= vars.len());
        let back = fill(&template, &r, &Values { values: cleared, ..none }, &vars, &[]);
        prop_assert_eq!(&back.text, &template);
        prop_assert_eq!(back.unfilled, vars.len());
    }

    #[test]
    fn scanning_any_text_gives_spans_inside_it(text in "\\PC{0,80}") {
        let p = parse_with_hint(&text, None);
        for o in scan(&p.text, &rules(&p, &[])) {
            prop_assert!(p.text.get(o.span.clone()).is_some());
            prop_assert!(o.span.start <= o.name.start && o.name.end <= o.span.end);
        }
    }
}

/// One fixture's variables, a line each.
fn describe(p: &Persona) -> String {
    let mut out = String::new();
    for v in variables(p, &Values::default()) {
        let lines: Vec<usize> = v.places.iter().map(|p| p.0).collect();
        let _ = write!(out, "  {} ({}) ×{} lines {lines:?}", v.token(), syntax_name(v.syntax), v.count);
        if let Some(d) = &v.default {
            let _ = write!(out, " default {d:?}");
        }
        if let Some(h) = &v.hint {
            let _ = write!(out, " hint {h:?}");
        }
        out.push('\n');
    }
    out
}

#[test]
fn fixtures_variables() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = String::new();
    for path in files_under(&dir, |_| true) {
        let source = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let p = parse_with_hint(&source, path.file_name().and_then(|n| n.to_str()));
        let found = describe(&p);
        if !found.is_empty() {
            let _ = write!(out, "{}\n{found}", path.strip_prefix(&dir).unwrap().display());
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn corpus_variables_by_syntax() {
    let Some(dir) = crate::corpus::corpus_or_skip("corpus variables") else {
        return;
    };
    let mut by_syntax: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut checked = 0;
    for path in crate::corpus::corpus_files(&dir) {
        let Ok(source) = std::fs::read_to_string(&path) else { continue };
        let p = parse_with_hint(&source, path.file_name().and_then(|n| n.to_str()));
        let vars = variables(&p, &Values::default());
        for v in &vars {
            let e = by_syntax.entry(syntax_name(v.syntax)).or_default();
            e.0 += 1;
            e.1 += v.count;
        }
        // Filling with nothing set leaves every document as it was.
        let r = rules(&p, &[]);
        let none = Values { template: true, ..Values::default() };
        assert_eq!(fill(&p.text, &r, &none, &vars, &[]).text, &*p.text, "{}", path.display());
        checked += 1;
    }
    let summary: Vec<String> =
        by_syntax.iter().map(|(s, (n, uses))| format!("{s}: {n} variables, {uses} uses")).collect();
    eprintln!("corpus variables: checked {checked} documents; {}", summary.join("; "));
    assert!(checked >= 50);
    assert!(by_syntax.contains_key("Mustache") && by_syntax.contains_key("command argument"));
}

#[test]
fn exports_fill_values_and_write_the_rest_in_the_targets_syntax() {
    use persona_playground::persona::export::{Target, export_filled};
    use persona_playground::persona::{Dialect, Selection, Style};
    let text = "---\ndescription: Fix an issue\n---\n\nFix issue $ARGUMENTS in {{repo}}.\n";
    let p = parse_with_hint(text, Some(".claude/commands/fix.md"));
    assert_eq!(p.dialect, Dialect::ClaudeCommand);
    let v = values(&[("repo", "acme/site")]);
    let out = |target| export_filled(text, None, &p, &Selection::all(), Style::Original, target, &v).content;
    assert!(
        out(Target::Markdown).contains("Fix issue $ARGUMENTS in acme/site."),
        "{}",
        out(Target::Markdown)
    );
    let copilot = out(Target::Tool(Dialect::CopilotPrompt));
    assert!(copilot.contains("Fix issue ${input:ARGUMENTS} in acme/site."), "{copilot}");
    let template = Values { template: true, ..v.clone() };
    let raw = export_filled(text, None, &p, &Selection::all(), Style::Original, Target::Markdown, &template)
        .content;
    assert!(raw.contains("Fix issue $ARGUMENTS in {{repo}}."), "{raw}");
}

/// Every variable of `p` set: its prompt in either style is left with none
/// unfilled (a Clean Markdown rewrite keeps placeholders fillable).
fn fills_completely(name: &str, p: &Persona) -> Option<String> {
    use persona_playground::persona::variables::fill_prompt;
    use persona_playground::persona::{Selection, Style, assemble};
    let vars = variables(p, &Values::default());
    let v =
        Values { values: vars.iter().map(|v| (v.name.clone(), "X".into())).collect(), ..Values::default() };
    for style in [Style::Original, Style::Clean] {
        let prompt = assemble(p, &Selection::all(), style);
        let filled = fill_prompt(p, &prompt, &v, &vars, &[]);
        if filled.unfilled != 0 {
            return Some(format!("{name} ({style:?}): {} left unfilled", filled.unfilled));
        }
        let left: Vec<_> =
            vars.iter().map(Variable::token).filter(|t| filled.text.contains(t.as_str())).collect();
        if !left.is_empty() {
            return Some(format!("{name} ({style:?}): {left:?} still in the prompt"));
        }
    }
    None
}

#[test]
fn every_variable_can_be_filled_in_either_style() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = files_under(&dir, |_| true);
    if let Some(corpus) = crate::corpus::corpus_or_skip("variables filled in either style") {
        paths.extend(crate::corpus::corpus_files(&corpus));
    }
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let source = String::from_utf8_lossy(&std::fs::read(path).ok()?).into_owned();
            let p = parse_with_hint(&source, path.file_name().and_then(|n| n.to_str()));
            fills_completely(&path.display().to_string(), &p)
        })
        .collect();
    eprintln!("variables filled in both styles: {} documents", paths.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
