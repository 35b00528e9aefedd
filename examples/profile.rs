//! Parses one file many times, for profilers:
//! `cargo run --profile profiling --example profile -- FILE N [bare]`.
//! With `bare`, runs only a bare pulldown-cmark pass, the engine's yardstick.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = std::fs::read_to_string(args.get(1).map_or("", String::as_str)).unwrap_or_default();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let bare = args.get(3).is_some_and(|a| a == "bare");
    let mut total = 0;
    for _ in 0..n {
        if bare {
            let opts = persona_playground::persona::markdown::options();
            total += pulldown_cmark::Parser::new_ext(&src, opts).into_offset_iter().count();
        } else {
            let p = persona_playground::persona::parse(&src);
            total += p.nodes.len();
        }
    }
    println!("{total}");
}
