//! Targeted behaviour of the engine: frontmatter, dialect checks, labels,
//! ids that survive edits, assembly rules and the web-copy equivalence.

use persona_playground::persona::assemble::{item_units, section_units, units};
use persona_playground::persona::outline::{Detail, outline};
use persona_playground::persona::{
    BlockKind, Dialect, MetaValue, Node, Persona, Selection, Severity, Style, assemble, parse,
    parse_with_hint,
};

use crate::support::{all_items, normalise};

fn codes(p: &Persona) -> Vec<&'static str> {
    p.diagnostics.iter().map(|d| d.code).collect()
}

fn item_texts(p: &Persona) -> Vec<String> {
    all_items(p).iter().map(|i| i.text.to_plain()).collect()
}

fn section_titles(p: &Persona) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for n in nodes {
            if let Node::Section(s) = n {
                out.push(s.heading.text.to_plain());
                walk(&s.children, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&p.nodes, &mut out);
    out
}

/// Words only: markup, punctuation and spacing ignored.
fn words(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

#[test]
fn frontmatter_with_bom_crlf_and_trailing_spaces() {
    let src = "\u{feff}---  \r\nname: crlf-agent\r\ndescription: Reviews code\r\ntools: Read\r\n---\t\r\n# Body\r\n\r\nText.\r\n";
    let p = parse(src);
    assert_eq!(p.name.as_deref(), Some("crlf-agent"));
    assert_eq!(p.dialect, Dialect::ClaudeAgent);
    assert_eq!(p.body_text(), "# Body\r\n\r\nText.\r\n");
    assert_eq!(assemble(&p, &Selection::all(), Style::Original), p.body_text());
}

#[test]
fn a_later_rule_is_not_frontmatter() {
    let p = parse("# Title\n\nIntro.\n\n---\nname: not-meta\n---\n");
    assert!(p.metadata.is_empty());
    assert!(p.frontmatter.is_none());
    let out = outline(&p, Detail::Full);
    assert!(out.contains("rule"), "{out}");
}

#[test]
fn malformed_yaml_recovers_keys_and_reports_line_and_column() {
    let src = "---\nname: broken\ndescription: [unclosed\nmodel: opus\n---\n# Body\n\n- one\n";
    let p = parse(src);
    let d = p.diagnostics.iter().find(|d| d.code == "frontmatter-yaml").expect("a YAML diagnostic");
    assert!(d.line >= 2 && d.line <= 5, "line {}", d.line);
    assert!(d.column >= 1);
    assert_eq!(p.meta("name").and_then(MetaValue::as_text), Some("broken"));
    assert_eq!(p.meta("model").and_then(MetaValue::as_text), Some("opus"));
    assert_eq!(item_texts(&p), ["one"]);
}

#[test]
fn unterminated_frontmatter_is_an_error_and_the_body_still_parses() {
    let p = parse("---\nname: open\ndescription: never closed\n\n# Heading\n\n- item\n");
    let d = p.diagnostics.iter().find(|d| d.code == "frontmatter-unclosed").expect("diagnostic");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.line, 1);
    assert!(!item_texts(&p).is_empty());
}

#[test]
fn unquoted_globs_escapes_examples_and_tool_shapes() {
    let p = parse("---\nglobs: *.rs, src/**/*.ts\nalwaysApply: false\n---\nUse Rust.\n");
    assert_eq!(p.dialect, Dialect::CursorRule);
    assert_eq!(p.meta("globs").and_then(MetaValue::as_text), Some("*.rs, src/**/*.ts"));
    assert!(codes(&p).contains(&"frontmatter-unquoted-glob"));

    let p = parse(
        "---\nname: ex\ndescription: Use it.\\n\\n<example>\\nuser: hi\\n</example>\ntools: Read, Grep\n---\nBody.\n",
    );
    assert_eq!(p.description.as_deref().map(str::trim), Some("Use it."));
    assert_eq!(p.examples.len(), 1);
    assert!(p.examples.first().is_some_and(|e| e.contains("user: hi")));
    let tools = p.meta("tools").expect("tools");
    assert!(matches!(tools, MetaValue::List(l) if l.len() == 2), "{tools:?}");

    let p = parse("---\nname: m\ndescription: d\ntools:\n  Read: true\n  Bash: false\n---\nBody.\n");
    assert!(matches!(p.meta("tools"), Some(MetaValue::Map(m)) if m.len() == 2));
}

#[test]
fn unknown_keys_are_kept_in_order_with_a_warning() {
    let p = parse("---\nname: a\ndescription: b\nzeta: 1\ncolor: blue\nalpha: two\n---\nx\n");
    let keys: Vec<&str> = p.metadata.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["name", "description", "zeta", "color", "alpha"]);
    let unknown = p.diagnostics.iter().filter(|d| d.code == "unknown-key").count();
    assert_eq!(unknown, 2);
}

#[test]
fn dialect_checks() {
    let p = parse("---\ndescription: no name\ntools: Read\ncolor: blue\n---\nx\n");
    assert_eq!(p.dialect, Dialect::ClaudeAgent);
    assert!(codes(&p).contains(&"required-key"), "{:?}", codes(&p));

    let long = "d".repeat(1100);
    let p = parse_with_hint(&format!("---\nname: Bad_Name\ndescription: {long}\n---\nx\n"), Some("SKILL.md"));
    assert_eq!(p.dialect, Dialect::Skill);
    assert!(codes(&p).contains(&"name-chars"));
    assert!(codes(&p).contains(&"description-length"));

    let p = parse("---\ndescription: rule\nglobs: '*.rs'\nalwaysApply: \"true\"\n---\nx\n");
    let d = p.diagnostics.iter().find(|d| d.code == "key-value").expect("diagnostic");
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn empty_nul_binary_and_large_documents() {
    assert!(codes(&parse("")).contains(&"empty"));
    assert!(codes(&parse("  \n\n ")).contains(&"empty"));
    assert!(codes(&parse("a\0b\n")).contains(&"nul"));
    // Far into the document, past the first blocks the quick check reads,
    // and after an `EF` byte that starts another character.
    let far = "x".repeat(5000) + "\u{fff0}" + &"y".repeat(3000) + "\0 and \u{fffd}\n";
    let p = parse(&far);
    let at = |code: &str| p.diagnostics.iter().find(|d| d.code == code).map(|d| d.span.start);
    assert_eq!(at("nul"), far.find('\0'));
    assert_eq!(at("replacement"), far.find('\u{fffd}'));
    assert_eq!(codes(&parse(&"x".repeat(5000))).len(), 0);
    let noise: String = (0u8..=255).cycle().take(4000).map(char::from).collect();
    assert!(codes(&parse(&noise)).contains(&"binary"));
    let big = "- guideline text here\n".repeat(60_000);
    let p = parse(&big);
    let large = p.diagnostics.iter().find(|d| d.code == "large").map(|d| d.message.as_str());
    // 1,320,000 bytes are 1.26 MiB, rounded to one decimal.
    assert!(large.is_some_and(|m| m.contains("(1.3 MB)")), "{large:?}");
}

#[test]
fn labels_group_the_list_that_follows() {
    let p =
        parse("## Stack\n\nFrameworks & Libraries:\n- Leptos\n- Axum\n\n**Must follow:**\n1. one\n2. two\n");
    let out = outline(&p, Detail::Full);
    assert!(out.contains("list: Frameworks & Libraries:"), "{out}");
    assert!(out.contains("list: Must follow:"), "{out}");
}

#[test]
fn an_escaped_number_in_clean_markdown_stays_markdown() {
    // `2. a` cannot interrupt a paragraph, so it is paragraph text; Clean
    // Markdown escapes it as `2\. a`, which must not read as a web copy's
    // bare heading when the prompt is parsed again (found by proptest).
    let p = parse("A\nA\nA:\n2. a\nA:\na");
    assert_eq!(p.dialect, Dialect::Markdown);
    assert_eq!(crate::support::check_clean_round_trip("escaped number", &p), None);
    assert_eq!(parse("A\nA\nA:\n2\\. a\nA:\na\n").dialect, Dialect::Markdown);
}

#[test]
fn a_name_from_the_first_line_reads_as_text() {
    // Inline markup and link targets go; a label's colon goes.
    let p =
        parse("Welcome to [Pydantic AI](https://ai.pydantic.dev/), **an agent** framework.\n\n# Use it\n");
    assert_eq!(p.display_name(), "Welcome to Pydantic AI, an agent framework.");
    let p = parse("---\nglobs: \"*.scala\"\n---\n- **scalafmt:** Enforce the style.\n");
    assert_eq!(p.display_name(), "scalafmt: Enforce the style.");
    // An XML tag names a part; the text inside it names the persona.
    assert_eq!(parse("<role>\nYou review code.\n</role>\n").display_name(), "You review code.");
    // A file that is all frontmatter is named by its description.
    let p = parse("---\ndescription: Go workflow rules\nalwaysApply: false\n---\n");
    assert_eq!(p.display_name(), "Go workflow rules");
    assert_eq!(parse("").display_name(), "Untitled persona");
}

#[test]
fn a_document_without_headings_still_has_structure() {
    let p =
        parse("You are a helpful assistant.\n\nRules:\n- be brief\n- be kind\n\nAlways answer in English.\n");
    // Named by its role sentence.
    assert_eq!(p.display_name(), "Helpful assistant");
    assert_eq!(item_texts(&p), ["be brief", "be kind"]);
    assert!(units(&p).len() >= 4);
}

#[test]
fn ids_survive_an_edit_elsewhere() {
    let before = parse("# T\n\n## A\n\n- keep me\n- also me\n\n## B\n\nText.\n");
    let after =
        parse("# T\n\nNew intro paragraph.\n\n## A\n\n- keep me\n- also me\n\n## B\n\nText, edited.\n");
    let ids = |p: &Persona| all_items(p).iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    // A selection made before the edit still applies.
    let first = all_items(&before).first().map(|i| i.id).unwrap();
    let sel = Selection::from_excluded([first]);
    let out = assemble(&after, &sel, Style::Original);
    assert!(!out.contains("keep me") && out.contains("also me"), "{out}");
}

#[test]
fn repeated_items_get_distinct_ids() {
    let p = parse("- same\n- same\n- same\n");
    let mut ids: Vec<_> = all_items(&p).iter().map(|i| i.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[test]
fn an_empty_section_disappears_with_its_heading() {
    let p = parse("# T\n\n## Keep\n\n- a\n\n## Drop\n\n- b\n- c\n");
    let drop = p
        .sections()
        .flat_map(persona_playground::persona::Section::subsections)
        .find(|s| s.heading.text.to_plain() == "Drop");
    let drop = drop.or_else(|| p.sections().find(|s| s.heading.text.to_plain() == "Drop")).unwrap();
    let mut ids = Vec::new();
    section_units(drop, &mut ids);
    let out = assemble(&p, &Selection::from_excluded(ids), Style::Original);
    assert_eq!(out, "# T\n\n## Keep\n\n- a\n\n");
}

#[test]
fn a_nested_item_keeps_its_parent_line() {
    let p = parse("- parent\n  - child one\n  - child two\n- other\n");
    let items = all_items(&p);
    let parent = items.first().unwrap();
    let child_two = items.get(2).unwrap();
    let mut off = vec![parent.id];
    off.push(child_two.id);
    let sel = Selection::from_excluded(off);
    assert_eq!(assemble(&p, &sel, Style::Original), "- parent\n  - child one\n- other\n");
    assert_eq!(assemble(&p, &sel, Style::Clean).trim_end(), "- parent\n  - child one\n- other");
    let mut all_parent = Vec::new();
    item_units(parent, &mut all_parent);
    let sel = Selection::from_excluded(all_parent);
    assert_eq!(assemble(&p, &sel, Style::Original), "- other\n");
}

#[test]
fn clean_style_normalises_headings_and_bullets() {
    let p = parse("Title\n=====\n\nPart\n----\n\n* one\n+ two\n\n1) first\n3) second\n");
    let clean = assemble(&p, &Selection::all(), Style::Clean);
    assert!(clean.contains("# Title"), "{clean}");
    assert!(clean.contains("## Part"), "{clean}");
    assert!(clean.contains("- one"), "{clean}");
    assert!(clean.contains("1. first") && clean.contains("2. second"), "{clean}");
    assert_eq!(outline(&parse(&clean), Detail::Full), outline(&p, Detail::Full));
}

#[test]
fn code_blocks_and_tables_are_blocks() {
    let p = parse("## Example\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    let kinds: Vec<&str> = p
        .sections()
        .flat_map(persona_playground::persona::Section::blocks)
        .map(|b| match b.kind {
            BlockKind::Code { .. } => "code",
            BlockKind::Table { .. } => "table",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["code", "table"]);
}

#[test]
fn web_copy_and_markdown_give_the_same_titles_and_items() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webcopy");
    let md = parse(&std::fs::read_to_string(dir.join("rust-reviewer.md")).unwrap());
    let web = parse(&std::fs::read_to_string(dir.join("rust-reviewer.txt")).unwrap());
    assert_eq!(md.dialect, Dialect::ClaudeAgent);
    assert_eq!(web.dialect, Dialect::WebCopy);
    let w = |v: Vec<String>| v.iter().map(|s| words(s)).collect::<Vec<_>>();
    assert_eq!(w(section_titles(&web)), w(section_titles(&md)));
    assert_eq!(w(item_texts(&web)), w(item_texts(&md)));
    assert!(item_texts(&md).len() >= 12, "the fixture should have substance");
    // The web copy's Clean Markdown is a proper Markdown persona again.
    let clean = assemble(&web, &Selection::all(), Style::Clean);
    let again = parse(&clean);
    assert_eq!(w(item_texts(&again)), w(item_texts(&md)));
}

#[test]
fn web_copy_heuristics() {
    let src = "Code Helper\nv1.0.0AgentHelps with code.\nslugcode-helper\nPURPOSE\nYou help people write code.\nRules\n- • Be precise. - •Be brief.\n• Prefer\ncargo clippyand tests.\n1) First numbered\n2) Second numbered\nA. Outline heading\n- under outline\nClosing words of the page.\n";
    let p = parse(src);
    assert_eq!(p.dialect, Dialect::WebCopy);
    assert_eq!(p.display_name(), "Code Helper");
    assert!(p.metadata.iter().any(|e| e.value.display().contains("1.0.0")), "{:?}", p.metadata);
    let items = item_texts(&p).iter().map(|s| words(s)).collect::<Vec<_>>();
    assert!(items.contains(&"be precise".to_string()), "{items:?}");
    assert!(items.contains(&"be brief".to_string()), "{items:?}");
    assert!(items.contains(&"prefer cargo clippy and tests".to_string()), "{items:?}");
    assert!(items.contains(&"first numbered".to_string()), "{items:?}");
    let titles = section_titles(&p).iter().map(|s| words(s)).collect::<Vec<_>>();
    assert!(titles.contains(&"purpose".to_string()), "{titles:?}");
    assert!(titles.contains(&"rules".to_string()), "{titles:?}");
}

#[test]
fn a_bare_line_after_a_web_copy_title_is_a_heading() {
    // "Identity" is a short bare line after the title line and before a
    // paragraph: a heading, not a code word glued to the title.
    let src = "Support Agent\nIdentity\nYou answer billing questions for a small shop, politely.\nRules\n• Be brief.\n• Never guess an account number.\n";
    let p = parse(src);
    assert_eq!(p.dialect, Dialect::WebCopy);
    assert_eq!(p.title.as_ref().map(|t| t.text.to_plain()).as_deref(), Some("Support Agent"));
    assert_eq!(section_titles(&p), ["Identity", "Rules"]);
    assert_eq!(paragraph_texts(&p), ["You answer billing questions for a small shop, politely."]);
    assert_eq!(p.display_name(), "Support Agent");
}

#[test]
fn a_code_word_starting_with_punctuation_rejoins_its_item() {
    // A page set inline code on a line of its own; a code word that starts
    // with punctuation continues the item it was split from, whatever
    // follows it.
    let src = "Rust Coach\nRules\n• Never call\n.unwrap()\n• Propagate errors with the\n?operator instead of matching by hand.\n• Chain calls with\n.and_then().\n• Borrow with\n&str\nwhere you can.\n";
    let p = parse(src);
    assert_eq!(p.dialect, Dialect::WebCopy);
    assert_eq!(
        item_texts(&p),
        [
            "Never call .unwrap()",
            "Propagate errors with the ?operator instead of matching by hand.",
            "Chain calls with .and_then().",
            "Borrow with &str where you can.",
        ]
    );
    assert!(paragraph_texts(&p).is_empty(), "{:?}", paragraph_texts(&p));
    let clean = assemble(&p, &Selection::all(), Style::Clean);
    for code in ["`.unwrap()`", "`?operator` instead", "`.and_then()`.", "`&str` where"] {
        assert!(clean.contains(code), "{code} in:\n{clean}");
    }
}

#[test]
fn original_with_everything_is_the_body_exactly() {
    let src = "---\nname: x\ndescription: y\n---\r\n# A\r\n\r\n- one  \r\n- two\r\n\r\ntrailing\r\n";
    let p = parse(src);
    assert_eq!(assemble(&p, &Selection::all(), Style::Original), p.body_text());
    assert_eq!(normalise(p.body_text()), normalise("# A\n\n- one\n- two\n\ntrailing"));
}

#[test]
fn character_cards_become_sections_and_metadata() {
    let json = r#"{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Aria","description":"A guide.","personality":"Kind","scenario":"A library","first_mes":"Hello!","mes_example":"<START>\n{{user}}: hi","system_prompt":"Stay in character.","creator":"me","tags":["a","b"]}}"#;
    let p = parse(json);
    assert_eq!(p.dialect, Dialect::CharacterCard);
    assert_eq!(p.display_name(), "Aria");
    let titles = section_titles(&p).join("|").to_ascii_lowercase();
    for want in ["description", "personality", "scenario", "system prompt", "first message"] {
        assert!(titles.contains(want), "{titles}");
    }
    assert!(p.meta("creator").is_some());
}

/// The plain text of every paragraph, in document order.
fn paragraph_texts(p: &Persona) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for n in nodes {
            match n {
                Node::Section(s) => walk(&s.children, out),
                Node::Block(b) => {
                    if let BlockKind::Paragraph { text, .. } = &b.kind {
                        out.push(text.to_plain());
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&p.nodes, &mut out);
    out
}

#[test]
fn a_card_field_keeps_its_lines_where_markdown_wraps() {
    // A card's example dialogue is one line per turn; Markdown source wraps
    // a paragraph's lines where it likes.
    let json = r#"{"spec":"chara_card_v2","data":{"name":"Aria","description":"Kind.\nPatient.","mes_example":"{{user}}: hi\n{{char}}: *waves* Hello"}}"#;
    let card = paragraph_texts(&parse(json));
    assert!(card.contains(&"Kind.\nPatient.".to_string()), "{card:?}");
    assert!(card.iter().any(|t| t.contains("{{user}}: hi\n{{char}}: waves Hello")), "{card:?}");

    let md = paragraph_texts(&parse("# Aria\n\nKind.\nPatient.\n"));
    assert_eq!(md, ["Kind. Patient."]);
}

#[test]
fn indented_list_continuations_are_not_web_copy_headings() {
    // Found by proptest: Clean Markdown indents lazy continuation lines,
    // and short indented lines used to count as a web page's bare headings.
    let md = "- A\n  A\n  A\n- [ ] a\n  A\n  a\n";
    let p = persona_playground::persona::parse(md);
    assert_eq!(p.dialect, persona_playground::persona::Dialect::Markdown);
    let text =
        persona_playground::persona::outline::outline(&p, persona_playground::persona::outline::Detail::Full);
    assert!(text.contains("- A A A"), "{text}");
}

#[test]
fn a_tag_alone_on_its_line_is_markdown_not_a_web_copy() {
    // Found by proptest: Clean Markdown of an HTML block re-read as a page copy.
    let p = parse("<a>\nA\nA\na\na:\na:\n");
    assert_ne!(p.dialect, Dialect::WebCopy);
}

/// Pasted without a file name, the keys decide; the table's order breaks
/// ties (a slug `name` + `description` is a Skill).
#[test]
fn frontmatter_keys_alone_name_the_dialect() {
    let cases = [
        ("name: code-reviewer\ndescription: d", Dialect::Skill),
        ("name: Ultra Concise\ndescription: d", Dialect::ClaudeOutputStyle),
        ("name: x\ndescription: d\nkeep-coding-instructions: true", Dialect::ClaudeOutputStyle),
        ("name: code-reviewer\ndescription: d\ntools: Read\nmodel: sonnet", Dialect::ClaudeAgent),
        ("name: x\ndescription: d\nlicense: MIT", Dialect::Skill),
        ("description: d\nargument-hint: [pr]\nallowed-tools: Bash", Dialect::ClaudeCommand),
        ("description: d\nglobs: '*.rs'\nalwaysApply: false", Dialect::CursorRule),
        ("trigger: glob\nglobs: '*.py'", Dialect::WindsurfRule),
        ("inclusion: fileMatch\nfileMatchPattern: '*.ts'", Dialect::KiroSteering),
        ("paths:\n  - src/**", Dialect::ClineRule),
        ("applyTo: '**/*.ts'", Dialect::CopilotInstructions),
        ("description: d\nmode: agent\ntools: ['codebase']", Dialect::CopilotPrompt),
        ("description: d\ntools: ['codebase']\nhandoffs: []", Dialect::CopilotAgent),
        ("description: d\nmode: subagent\ntemperature: 0.1", Dialect::OpenCodeAgent),
        ("name: x\ndescription: d\ninvokable: true", Dialect::ContinuePrompt),
    ];
    for (keys, want) in cases {
        let p = parse(&format!("---\n{keys}\n---\nBody.\n"));
        assert_eq!(p.dialect, want, "{keys}");
    }
    // Body phrases, for files without frontmatter.
    assert_eq!(parse("Create an ADR for: $ARGUMENTS\n").dialect, Dialect::ClaudeCommand);
    assert_eq!(parse("# Notes\n\n## Gemini Added Memories\n- x\n").dialect, Dialect::GeminiMd);
    assert_eq!(parse("# IDENTITY and PURPOSE\n\nYou summarise.\n").dialect, Dialect::Fabric);
    // A dialect without frontmatter of its own is not read under frontmatter.
    let agent = "---\nname: a\ndescription: d\nmodel: x\n---\n# IDENTITY and PURPOSE\n";
    assert_eq!(parse(agent).dialect, Dialect::ClaudeAgent);
}

#[test]
fn a_windsurf_rule_over_its_tools_limit_is_warned_about() {
    let long = format!("---\ntrigger: always_on\n---\n{}\n", "- Keep it short.\n".repeat(400));
    let p = parse(&long);
    assert_eq!(p.dialect, Dialect::WindsurfRule);
    let d = p.diagnostics.iter().find(|d| d.code == "file-length").expect("a file-length warning");
    assert!(d.message.contains("6,000"), "{}", d.message);
    let short = parse("---\ntrigger: always_on\n---\n- Keep it short.\n");
    assert!(short.diagnostics.iter().all(|d| d.code != "file-length"));
}

#[test]
fn a_continue_prompt_has_a_preamble_without_an_opening_line() {
    let src = "name: Explain\ndescription: Explains code\n---\nExplain {{{ input }}}.\n";
    let p = parse_with_hint(src, Some("explain.prompt"));
    assert_eq!(p.dialect, Dialect::ContinuePrompt);
    assert_eq!(p.display_name(), "Explain");
    assert_eq!(p.body_text(), "Explain {{{ input }}}.\n");
    // With a BOM, too.
    let p = parse_with_hint(&format!("\u{feff}{src}"), Some("explain.prompt"));
    assert_eq!(p.body_text(), "Explain {{{ input }}}.\n");
    // Prose before the line is not a preamble: the whole file is the body.
    let prose = "Explain this: carefully.\nThen stop.\n---\nMore.\n";
    assert_eq!(parse_with_hint(prose, Some("x.prompt")).body_text(), prose);
    // No `---` line: no preamble.
    let bare = "name: x\nExplain.\n";
    assert_eq!(parse_with_hint(bare, Some("x.prompt")).body_text(), bare);
}
