//! Parses one file many times, for profilers: `cargo run --release --example profile -- FILE N`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = std::fs::read_to_string(args.get(1).map_or("", String::as_str)).unwrap_or_default();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let mut total = 0;
    for _ in 0..n {
        let p = persona_playground::persona::parse(&src);
        total += p.nodes.len();
    }
    println!("{total}");
}
