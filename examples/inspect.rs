//! Prints what the engine makes of a file: dialect, metadata, diagnostics,
//! outline and (with `--clean` or `--original`) an assembled prompt.
//!
//! `cargo run --example inspect -- [--clean|--original|--items] FILE`

use std::fmt::Write as _;
use std::io::Write as _;

use persona_playground::persona::outline::{Detail, outline};
use persona_playground::persona::{Selection, Style, assemble, parse_with_hint};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: inspect [--clean|--original|--items] FILE");
        std::process::exit(2);
    };
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let name = std::path::Path::new(path).file_name().and_then(|n| n.to_str());
    let p = parse_with_hint(&source, name);
    let mut out = String::new();
    if args.iter().any(|a| a == "--clean") {
        out = assemble(&p, &Selection::all(), Style::Clean);
    } else if args.iter().any(|a| a == "--original") {
        out = assemble(&p, &Selection::all(), Style::Original);
    } else {
        let _ = writeln!(out, "dialect: {:?}  name: {:?}", p.dialect, p.display_name());
        if let Some(d) = &p.description {
            let _ = writeln!(out, "description: {d:?}");
        }
        for e in &p.metadata {
            let _ = writeln!(out, "meta {} = {}", e.key, e.value.display());
        }
        for d in &p.diagnostics {
            let _ = writeln!(out, "{}:{}: {}: {}", d.line, d.column, d.severity.label(), d.message);
        }
        out.push_str(&outline(&p, Detail::Short));
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
