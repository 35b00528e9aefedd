//! Property tests: no input panics the engine, and on generated Markdown the
//! lossless, toggle and Clean round-trip invariants hold.

use proptest::prelude::*;

use persona_playground::persona::assemble::units;
use persona_playground::persona::text::line_chunks;
use persona_playground::persona::{Selection, Style, assemble, parse, parse_with_hint};

use crate::support::{check_clean_round_trip, check_lossless, check_toggles};

/// One line of a generated persona document.
fn line() -> impl Strategy<Value = String> {
    let word = "[A-Za-z][a-z]{0,8}";
    let words = proptest::collection::vec(word, 1..7).prop_map(|w| w.join(" "));
    prop_oneof![
        3 => words.clone(),
        2 => (0..3usize, words.clone()).prop_map(|(d, w)| format!("{}- {w}", "  ".repeat(d))),
        1 => (1..40u32, words.clone()).prop_map(|(n, w)| format!("{n}. {w}")),
        1 => (1..4usize, words.clone()).prop_map(|(l, w)| format!("{} {w}", "#".repeat(l))),
        1 => words.clone().prop_map(|w| format!("{w}:")),
        1 => words.clone().prop_map(|w| format!("**{w}**")),
        1 => words.clone().prop_map(|w| format!("> {w}")),
        1 => words.clone().prop_map(|w| format!("- [ ] {w}")),
        1 => Just("```".to_string()),
        1 => Just("---".to_string()),
        1 => Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
        1 => words.prop_map(|w| format!("<{}>", w.split(' ').next().unwrap_or("x").to_ascii_lowercase())),
        2 => Just(String::new()),
    ]
}

pub fn markdown() -> impl Strategy<Value = String> {
    (proptest::collection::vec(line(), 0..40), any::<bool>()).prop_map(|(lines, crlf)| {
        let nl = if crlf { "\r\n" } else { "\n" };
        lines.join(nl)
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/engine/props.proptest-regressions"),
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC*", hint in proptest::option::of("[a-z.]{1,12}"), skip in 0..5usize) {
        let p = parse_with_hint(&s, hint.as_deref());
        let sel = Selection::from_excluded(units(&p).into_iter().skip(skip).step_by(skip + 1));
        let _ = assemble(&p, &sel, Style::Original);
        let _ = assemble(&p, &sel, Style::Clean);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let s = String::from_utf8_lossy(&bytes);
        let p = parse(&s);
        let _ = assemble(&p, &Selection::none(&p), Style::Clean);
        let _ = assemble(&p, &Selection::all(), Style::Original);
    }

    #[test]
    fn structured_noise_never_panics(s in "([-*#>|`:\\[\\]<>/ \t\n]|---|\\d\\.|[a-z]{1,4}|\u{feff}|\r\n){0,200}") {
        let p = parse(&s);
        let _ = assemble(&p, &Selection::all(), Style::Clean);
    }

    #[test]
    fn generated_markdown_is_lossless_and_toggles_exactly(doc in markdown()) {
        let p = parse(&doc);
        prop_assert_eq!(check_lossless("generated", &p), None);
        prop_assert_eq!(check_toggles("generated", &p), None);
    }

    #[test]
    fn generated_markdown_clean_round_trips(doc in markdown()) {
        let p = parse(&doc);
        prop_assert_eq!(check_clean_round_trip("generated", &p), None);
    }

    #[test]
    fn view_pieces_cover_the_text_within_their_bound(s in "(\\PC|\n| ){0,400}", target in 1..64usize, max in 1..96usize) {
        let pieces: Vec<&str> = line_chunks(&s, target, max).collect();
        prop_assert_eq!(pieces.concat(), s.clone());
        let bound = max.max(target).max(4);
        for p in &pieces {
            prop_assert!(!p.is_empty());
            prop_assert!(p.len() <= bound, "{:?} target {} max {}", p, target, max);
        }
    }
}
