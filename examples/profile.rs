//! Parses one file many times, for profilers:
//! `cargo run --profile profiling --example profile -- FILE N [bare|assemble]`.
//! With `bare`, runs only a bare pulldown-cmark pass, the engine's yardstick;
//! with `assemble`, parses and assembles Original with everything selected,
//! as the criterion benchmark's "parse+assemble" does.
use persona_playground::persona::{Selection, Style, assemble, markdown, parse};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = std::fs::read_to_string(args.get(1).map_or("", String::as_str)).unwrap_or_default();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let mode = args.get(3).map_or("", String::as_str);
    let mut total = 0;
    for _ in 0..n {
        total += match mode {
            "bare" => pulldown_cmark::Parser::new_ext(&src, markdown::options()).into_offset_iter().count(),
            "assemble" => assemble(&parse(&src), &Selection::all(), Style::Original).len(),
            _ => parse(&src).nodes.len(),
        };
    }
    println!("{total}");
}
