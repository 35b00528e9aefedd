//! Fuzz target: any bytes, with any file-name hint, parse without a panic,
//! and the lossless invariant holds (Original with everything selected is
//! the body).
#![no_main]

use libfuzzer_sys::fuzz_target;
use persona_playground::persona::{Selection, Style, assemble, parse_with_hint};

const HINTS: [Option<&str>; 6] =
    [None, Some("SKILL.md"), Some("rule.mdc"), Some("AGENTS.md"), Some("card.json"), Some("c.yaml")];

fuzz_target!(|data: &[u8]| {
    let Some((&h, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let hint = HINTS[usize::from(h) % HINTS.len()];
    let p = parse_with_hint(&text, hint);
    let original = assemble(&p, &Selection::all(), Style::Original);
    // A body of only whitespace assembles to nothing.
    let body = p.body_text();
    let expected = if body.trim().is_empty() { "" } else { body };
    assert_eq!(original, expected, "Original with everything selected is the body");
    let _ = p.display_name();
});
