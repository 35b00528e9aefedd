//! Prints pulldown-cmark's events with their byte ranges, for debugging.
//!
//! `cargo run --example events -- FILE`

use persona_playground::persona::markdown::options;
use pulldown_cmark::Parser;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: events FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for (ev, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        println!("{range:?} {ev:?} {:?}", text.get(range.clone()).unwrap_or(""));
    }
}
