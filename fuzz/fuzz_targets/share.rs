//! Fuzz target: decoding any fragment never panics, and anything that
//! decodes encodes back to a link that decodes to the same thing. Format 1
//! (scheme-1 ids, mapped on decoding) and format 2 are both tried.
#![no_main]

use libfuzzer_sys::fuzz_target;
use persona_playground::library::share::{decode, encode};

fuzz_target!(|data: &[u8]| {
    let fragment = String::from_utf8_lossy(data);
    for candidate in [fragment.to_string(), format!("share=1.{fragment}"), format!("share=2.{fragment}")] {
        if let Ok(Some(shared)) = decode(&candidate) {
            assert_eq!(decode(&encode(&shared)), Ok(Some(shared)));
        }
    }
});
