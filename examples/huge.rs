//! Times the engine on the hostile shapes of issue 5 (not a test):
//! `cargo run --release --example huge`.
use std::fmt::Write as _;
use std::time::Instant;

use persona_playground::persona::{Selection, Style, assemble, parse};

fn main() {
    let mut cases: Vec<(&str, String)> = Vec::new();
    let mut many = String::from("# Many\n\n");
    for i in 0..20_000 {
        let _ =
            writeln!(many, "- Guideline {i}: answer precisely and cite the source of every claim you make.");
    }
    cases.push(("20,000 guidelines", many));
    cases.push(("one 1 MB line", "word ".repeat(200_000)));
    let mut list = String::new();
    for d in 0..3000 {
        list.push_str(&"  ".repeat(d));
        let _ = writeln!(list, "- level {d}");
    }
    cases.push(("list 3,000 deep (indented)", list));
    cases.push(("list 3,000 deep (one line)", format!("{}deep\n", "- ".repeat(3000))));
    cases.push(("quote 5,000 deep", format!("{} deep\n", ">".repeat(5000))));
    let noise: String = (0..200_000u32)
        .map(|i| char::from_u32((i.wrapping_mul(2_654_435_761) >> 16) % 0xD7FF).unwrap_or(' '))
        .collect();
    cases.push(("binary-ish noise", noise));
    cases.push(("NUL, RTL, emoji", "שלום עולם\u{0}\u{202e}abc 👩‍👩‍👧‍👦 🏳️‍🌈\n- עברית\n- 👨‍💻 code\n".repeat(2000)));
    for (name, text) in &cases {
        let t = Instant::now();
        let p = parse(text);
        let parsed = t.elapsed();
        let prompt = assemble(&p, &Selection::all(), Style::Clean);
        println!(
            "{name}: {} bytes, parse {parsed:?}, +clean {:?}, {} nodes, {} diagnostics, prompt {} bytes",
            text.len(),
            t.elapsed(),
            p.nodes.len(),
            p.diagnostics.len(),
            prompt.len()
        );
    }
}
