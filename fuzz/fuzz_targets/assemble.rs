//! Fuzz target: parse, then switch off units chosen by the input and
//! assemble both styles; the Clean prompt must parse again without a panic,
//! and switching nothing off must keep every unit's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use persona_playground::persona::assemble::units;
use persona_playground::persona::{Selection, Style, assemble, parse};

fuzz_target!(|data: &[u8]| {
    let Some((&mask, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let p = parse(&text);
    let all = units(&p);
    let off =
        all.iter().enumerate().filter(|(i, _)| (usize::from(mask) >> (i % 8)) & 1 == 1).map(|(_, id)| *id);
    let sel = Selection::from_excluded(off);
    let original = assemble(&p, &sel, Style::Original);
    let clean = assemble(&p, &sel, Style::Clean);
    assert!(original.len() <= p.body_text().len(), "a selection never adds text");
    let _ = parse(&clean);
    let none = assemble(&p, &Selection::none(&p), Style::Original);
    assert!(none.trim().is_empty(), "nothing selected gives an empty prompt");
});
