//! Fuzz target: every export of any document parses back without a panic,
//! and an own-dialect export of a text document keeps the original bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use persona_playground::persona::export::{Target, export};
use persona_playground::persona::{Selection, Style, parse_with_hint};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let p = parse_with_hint(&text, None);
    for target in Target::ALL {
        let e = export(&text, None, &p, &Selection::all(), Style::Original, target);
        let _ = parse_with_hint(&e.content, Some(&e.file_name));
        if target.dialect() == Some(p.dialect) && p.text_is_source {
            assert_eq!(e.content, text, "own-dialect export is the original file");
        }
    }
});
