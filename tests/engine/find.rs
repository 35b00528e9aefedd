//! Filtering guidelines (`persona::find`): folding, queries, matching in
//! own text and context, highlights, the bulk switches, section counts.

use std::collections::HashMap;

use proptest::prelude::*;

use persona_playground::persona::assemble::units;
use persona_playground::persona::counts::{Count, section_counts};
use persona_playground::persona::find::{
    Index, Query, fold, highlights, keep_only_matching, switch_matching,
};
use persona_playground::persona::order::{self, Unit};
use persona_playground::persona::{BlockKind, Id, Persona, Selection, Style, Tri, assemble, parse};

const FIXTURE: &str = include_str!("../fixtures/find-guidelines.md");

/// A short name for every unit and node: its plain text, or its kind.
fn names(p: &Persona) -> HashMap<Id, String> {
    let mut out = HashMap::new();
    order::walk(p, &mut |u, _| {
        let name = match u {
            Unit::Title(h) => h.text.to_plain(),
            Unit::Section(s) => format!("§ {}", s.heading.text.to_plain()),
            Unit::Item(i) => i.text.to_plain(),
            Unit::Block(b) => match &b.kind {
                BlockKind::Paragraph { text, .. } | BlockKind::Quote { text, .. } => text.to_plain(),
                BlockKind::Code { code, .. } => code.clone(),
                other => other.name().to_string(),
            },
        };
        out.insert(u.id(), name.trim().to_string());
    });
    out
}

/// The names of the units `query` matches in `source`.
fn found(source: &str, query: &str) -> Vec<String> {
    let p = parse(source);
    let names = names(&p);
    Index::new(&p).find(&Query::parse(query)).matched().iter().map(|id| names[id].clone()).collect()
}

fn id_of(p: &Persona, name: &str) -> Id {
    let names = names(p);
    *names.iter().find(|(_, n)| n.as_str() == name).unwrap_or_else(|| panic!("no unit {name}")).0
}

#[test]
fn fold_lowercases_and_strips_accents() {
    let table = [
        ("Café", "cafe"),
        ("CAFÉ", "cafe"),
        ("Cafe\u{301}", "cafe"),
        ("Straße", "strasse"),
        ("Æsir Œuvre", "aesir oeuvre"),
        ("Øresund Łódź", "oresund lodz"),
        ("Đorđe þorn", "dorde thorn"),
        ("ΑΘΗΝΑ ὁδός", "αθηνα ὁδόσ"),
        ("МОСКВА Ёж", "москва ёж"),
        ("a \n\t b", "a b"),
        ("日本語", "日本語"),
        ("× ÷", "× ÷"),
    ];
    for (text, want) in table {
        assert_eq!(fold(text), want, "{text:?}");
    }
}

#[test]
fn queries_are_words_and_phrases() {
    let table: [(&str, &[&str]); 9] = [
        ("", &[]),
        ("   ", &[]),
        ("Python  Tests", &["python", "tests"]),
        ("\"short and\" name", &["short and", "name"]),
        ("“Curly  Phrase” x", &["curly phrase", "x"]),
        ("open \"rest of it", &["open", "rest of it"]),
        ("\"\" a", &["a"]),
        ("café\"crème brûlée\"", &["cafe", "creme brulee"]),
        ("\u{301}", &[]),
    ];
    for (input, want) in table {
        let q = Query::parse(input);
        assert_eq!(q.terms(), want, "{input:?}");
        assert_eq!(q.is_empty(), want.is_empty());
    }
}

/// (query, the units it matches in the fixture, in document order).
const FIXTURE_QUERIES: &[(&str, &[&str])] = &[
    // Heading context, nested subsections included, and own text (the table).
    (
        "python",
        &[
            "Use type hints everywhere.",
            "Prefer pathlib over os.path.",
            "Run pytest before every commit.",
            "Keep fixtures small.",
            "Never skip a failing test.",
            "table",
        ],
    ),
    (
        "PyThOn testing",
        &["Run pytest before every commit.", "Keep fixtures small.", "Never skip a failing test."],
    ),
    ("pytest", &["Run pytest before every commit."]),
    // The list label is context; a parent item is not.
    (
        "tests",
        &[
            "Run pytest before every commit.",
            "Keep fixtures small.",
            "Never skip a failing test.",
            "Avoid unwrap outside tests.",
        ],
    ),
    ("commit", &["Run pytest before every commit."]),
    // Every word, each in own text or context.
    ("keep small", &["Keep fixtures small."]),
    (
        "keep",
        &["Keep fixtures small.", "Keep functions short and name things well.", "Keep the tone friendly."],
    ),
    ("rust keep", &["Keep functions short and name things well."]),
    ("keep zebra", &[]),
    // Phrases: across a soft line break, in order only.
    ("\"short and name\"", &["Keep functions short and name things well."]),
    ("\"and short\"", &[]),
    ("\"small team", &["You review code for a small team."]),
    ("“tone friendly”", &["Keep the tone friendly."]),
    // Accents and case, both ways.
    ("cafe", &["Order a crème brûlée after lunch.", "STRASSE and Straße are the same street."]),
    ("CAFÉ culture", &["Order a crème brûlée after lunch.", "STRASSE and Straße are the same street."]),
    ("creme BRULEE", &["Order a crème brûlée after lunch."]),
    ("straße", &["STRASSE and Straße are the same street."]),
    // Inline code and link text; not the link's target.
    ("unwrap", &["Avoid unwrap outside tests."]),
    ("pathlib os.path", &["Prefer pathlib over os.path."]),
    ("clippy book", &["Read the Clippy book once."]),
    ("doc.rust-lang.org", &[]),
    // Code (language and text), table cells, a section without content, the title.
    ("sql", &["SELECT name FROM users;"]),
    ("select users", &["SELECT name FROM users;"]),
    ("ruff linting", &["table"]),
    ("glossary", &["§ Glossary"]),
    ("review", &["Code Review Guide", "You review code for a small team."]),
];

#[test]
fn fixture_queries_match_in_own_text_and_context() {
    for (query, want) in FIXTURE_QUERIES {
        assert_eq!(found(FIXTURE, query), *want, "query {query:?}");
    }
}

/// (document, query, matched units): what the fixture does not show.
const DOCUMENT_QUERIES: &[(&str, &str, &[&str])] = &[
    ("- CAFE menu\n- tea\n", "café", &["CAFE menu"]),
    ("- Café menu\n- tea\n", "cafe", &["Café menu"]),
    ("- Cafe\u{301} menu\n- tea\n", "café", &["Cafe\u{301} menu"]),
    ("- Страница\n- page\n", "СТРАНИЦА", &["Страница"]),
    ("- 日本語のテキスト\n- text\n", "テキスト", &["日本語のテキスト"]),
    // Nested items match on their own words; their parent is shown, not matched.
    ("- Python\n  - use black\n  - type hints\n", "python", &["Python"]),
    ("- Python\n  - use black\n  - type hints\n", "black", &["use black"]),
    // Deep sections: every ancestor heading is context.
    ("# A\n\n## Outer\n\n### Mid\n\n#### Inner\n\n- leaf\n\n## Other\n\n- twig\n", "outer leaf", &["leaf"]),
    ("# A\n\n## Outer\n\n### Mid\n\n#### Inner\n\n- leaf\n\n## Other\n\n- twig\n", "outer twig", &[]),
    // A code block's lines: a phrase across a line break.
    ("```\nlet total =\n    sum(xs)\n```\n", "\"= sum(\"", &["let total =\n    sum(xs)"]),
    // A heading of a section with content is context, not a unit.
    ("## Style\n\nBe brief.\n\n## Empty Style\n", "style", &["Be brief.", "§ Empty Style"]),
];

#[test]
fn document_queries_match() {
    for (doc, query, want) in DOCUMENT_QUERIES {
        assert_eq!(found(doc, query), *want, "{doc:?} query {query:?}");
    }
}

#[test]
fn an_empty_query_matches_every_unit_in_document_order() {
    let p = parse(FIXTURE);
    let m = Index::new(&p).find(&Query::parse("  "));
    assert_eq!(m.matched(), units(&p).as_slice());
    assert_eq!((m.count(), m.total()), (units(&p).len(), units(&p).len()));
}

#[test]
fn matches_show_their_sections_lists_and_parent_items() {
    let p = parse(FIXTURE);
    let index = Index::new(&p);
    let m = index.find(&Query::parse("fixtures"));
    let names = names(&p);
    let mut shown: Vec<&str> =
        names.iter().filter(|(id, _)| m.shows(**id)).map(|(_, n)| n.as_str()).collect();
    shown.sort_unstable();
    assert_eq!(
        shown,
        ["Keep fixtures small.", "Run pytest before every commit.", "list", "§ Python", "§ Testing"]
    );
    assert!(m.is_matched(id_of(&p, "Keep fixtures small.")));
    assert!(!m.is_matched(id_of(&p, "Run pytest before every commit.")));
    assert!(!m.is_matched(id_of(&p, "§ Python")));
    assert_eq!((m.count(), m.total()), (1, index.total()));
    assert_eq!(m.total(), 16);
}

fn ranges<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
    let hl = highlights(text, &Query::parse(query));
    for r in &hl {
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{text:?} {r:?}");
    }
    hl.iter().map(|r| &text[r.clone()]).collect()
}

#[test]
fn highlights_slice_back_to_the_words() {
    let table: [(&str, &str, &[&str]); 15] = [
        ("Use type hints", "TYPE", &["type"]),
        ("a cat and a hat", "at", &[]),
        ("Django and Go", "go", &["Go"]),
        ("Café au lait", "cafe", &["Café"]),
        ("CAFE au lait", "café", &["CAFE"]),
        ("Cafe\u{301} noir", "café", &["Cafe\u{301}"]),
        ("Die Straße", "ss", &[]),
        ("Die Straße", "strasse", &["Straße"]),
        ("Keep it short\nand   simple", "\"short and\"", &["short\nand"]),
        ("Keep it short\nand simple", "simple keep", &["Keep", "simple"]),
        ("database", "data base", &["data"]),
        ("ΑΘΗΝΑ και Μόσχα", "αθηνα", &["ΑΘΗΝΑ"]),
        ("日本語のテキストです", "テキスト", &["テキスト"]),
        ("nothing here", "zebra", &[]),
        ("anything", "", &[]),
    ];
    for (text, query, want) in table {
        assert_eq!(ranges(text, query), want, "{text:?} query {query:?}");
    }
}

#[test]
fn highlights_are_sorted_and_merged() {
    let hl = highlights("aaaa bbbb aaaa", &Query::parse("aa aaa b"));
    assert_eq!(hl, [0..3, 5..6, 10..13]);
}

fn non_blank_lines(s: &str) -> Vec<&str> {
    s.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// Keeping only what matches leaves the matched units and what they hang
/// under: headings, list labels, parent items (blank lines aside: Original
/// copies the ones before each part it keeps).
#[test]
fn keep_only_matching_assembles_the_matches_and_what_they_hang_under() {
    let p = parse(FIXTURE);
    let index = Index::new(&p);
    let table: [(&str, &str); 3] = [
        (
            "fixtures",
            "## Python\n\n### Testing\n\nRules for tests:\n- Run pytest before every commit.\n  - Keep fixtures small.\n\n",
        ),
        (
            "keep",
            "## Python\n\n### Testing\n\nRules for tests:\n- Run pytest before every commit.\n  - Keep fixtures small.\n\n## Rust\n\n- Keep functions short and\n  name things well.\n\n## Notes\n\n> Keep the tone friendly.\n\n",
        ),
        ("review", "# Code Review Guide\n\nYou review code\nfor a small team.\n\n"),
    ];
    for (query, want) in table {
        // Start from a selection with other matches off and others on.
        let mut sel = Selection::from_excluded([id_of(&p, "Keep the tone friendly.")]);
        let m = index.find(&Query::parse(query));
        keep_only_matching(&mut sel, &p, &m);
        for id in units(&p) {
            assert_eq!(sel.is_selected(id), m.is_matched(id), "query {query:?}");
        }
        let prompt = assemble(&p, &sel, Style::Original);
        assert_eq!(non_blank_lines(&prompt), non_blank_lines(want), "query {query:?}");
    }
}

#[test]
fn keep_only_matching_keeps_unknown_ids_off() {
    let p = parse(FIXTURE);
    let gone = Id(42);
    let mut sel = Selection::from_excluded([gone]);
    keep_only_matching(&mut sel, &p, &Index::new(&p).find(&Query::parse("rust")));
    assert!(!sel.is_selected(gone));
}

#[test]
fn switching_matching_off_and_on() {
    let p = parse(FIXTURE);
    let m = Index::new(&p).find(&Query::parse("keep"));
    let mut sel = Selection::all();
    switch_matching(&mut sel, &m, false);
    let off: Vec<Id> = sel.excluded().collect();
    let mut want = m.matched().to_vec();
    want.sort_unstable();
    assert_eq!(off, want);
    let prompt = assemble(&p, &sel, Style::Original);
    assert!(!prompt.contains("Keep") && prompt.contains("Never skip"), "{prompt}");
    switch_matching(&mut sel, &m, true);
    assert!(sel.is_all());
}

#[test]
fn section_counts_count_units_inside_each_section() {
    let p = parse(FIXTURE);
    let mut sel = Selection::all();
    switch_matching(&mut sel, &Index::new(&p).find(&Query::parse("keep")), false);
    let counts = section_counts(&p, &sel);
    let count = |name: &str| counts.get(id_of(&p, name)).unwrap();
    let c = |on, total| Count { on, total };
    assert_eq!(count("§ Python"), c(4, 5));
    assert_eq!(count("§ Testing"), c(2, 3));
    assert_eq!(count("§ Rust"), c(2, 3));
    assert_eq!(count("§ Café culture"), c(2, 2));
    assert_eq!(count("§ Notes"), c(2, 3));
    assert_eq!(count("§ Glossary"), c(1, 1));
    assert_eq!(counts.len(), 6);
    assert_eq!(count("§ Python").state(), Tri::Some);
    assert_eq!(count("§ Glossary").state(), Tri::All);

    let none = section_counts(&p, &Selection::none(&p));
    assert_eq!(none.get(id_of(&p, "§ Notes")).unwrap().state(), Tri::None);
    assert_eq!(none.get(id_of(&p, "Keep the tone friendly.")), None);
}

#[test]
fn section_counts_agree_with_section_units_and_state() {
    use persona_playground::persona::assemble::section_units;
    let p = parse(FIXTURE);
    let sel = Selection::from_excluded(units(&p).into_iter().step_by(3));
    let counts = section_counts(&p, &sel);
    order::walk(&p, &mut |u, _| {
        if let Unit::Section(s) = u {
            let mut ids = Vec::new();
            section_units(s, &mut ids);
            let on = ids.iter().filter(|id| sel.is_selected(**id)).count();
            let count = counts.get(s.id).unwrap();
            assert_eq!(count, Count { on, total: ids.len() });
            assert_eq!(count.state(), sel.state(&ids));
        }
    });
}

/// Checks what a search must hold on any document and query; returns the
/// number of matches.
pub fn check_find(p: &Persona, index: &Index, query: &str) -> usize {
    let q = Query::parse(query);
    let m = index.find(&q);
    let all = units(p);
    assert_eq!(m.total(), all.len());
    assert!(m.count() <= m.total());
    let mut at = all.iter();
    for id in m.matched() {
        assert!(at.any(|u| u == id), "matched units are units, in document order");
        assert!(m.shows(*id) && m.is_matched(*id));
    }
    if q.is_empty() {
        assert_eq!(m.count(), m.total());
    }
    m.count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn find_never_panics_and_highlights_stay_in_the_text(text in "\\PC*", query in "\\PC*") {
        let _ = fold(&text);
        let q = Query::parse(&query);
        let hl = highlights(&text, &q);
        let mut end = 0;
        for r in &hl {
            prop_assert!(r.start < r.end && r.end <= text.len() && r.start >= end, "{:?} in {:?}", r, text);
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            end = r.end;
        }
        let p = parse(&text);
        check_find(&p, &Index::new(&p), &query);
    }

    #[test]
    fn every_word_of_a_text_is_highlighted_in_it(text in "\\PC*") {
        for word in text.split(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”')) {
            let q = Query::parse(word);
            if !q.is_empty() {
                prop_assert!(!highlights(&text, &q).is_empty(), "{:?} in {:?}", word, text);
            }
        }
    }

    #[test]
    fn markdown_words_find_their_units(doc in crate::props::markdown(), pick in any::<prop::sample::Index>()) {
        let p = parse(&doc);
        let index = Index::new(&p);
        let words: Vec<&str> = doc.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).collect();
        if !words.is_empty() {
            let word = pick.get(&words);
            check_find(&p, &index, word);
        }
    }
}

/// Every corpus document present gets an index, and a few queries keep
/// [`check_find`]'s rules.
#[test]
fn corpus_documents_are_searchable() {
    let Some(dir) = crate::corpus::corpus_or_skip("corpus search") else {
        return;
    };
    let queries = ["", "the", "you must", "\"code review\"", "é", "Python TEST", "zzzz-nothing-zzzz"];
    let mut checked = 0;
    let mut found = 0;
    for path in &crate::corpus::corpus_files(&dir) {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let hint = path.file_name().and_then(|n| n.to_str());
        let p = persona_playground::persona::parse_with_hint(&source, hint);
        let index = Index::new(&p);
        for q in queries {
            found += check_find(&p, &index, q);
        }
        assert_eq!(index.find(&Query::parse("zzzz-nothing-zzzz")).count(), 0, "{}", path.display());
        checked += 1;
    }
    eprintln!("corpus search: checked {checked} documents from {} ({found} matches)", dir.display());
    assert!(checked >= 50, "expected the whole corpus, checked {checked}");
}
