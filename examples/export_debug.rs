//! Prints one export, for debugging: `cargo run --example export_debug -- FILE TARGET`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).cloned().unwrap_or_default();
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    let hint = std::path::Path::new(&path).file_name().and_then(|n| n.to_str());
    let p = persona_playground::persona::parse_with_hint(&src, hint);
    let t = persona_playground::persona::export::Target::from_key(args.get(2).map_or("md", String::as_str));
    let Some(t) = t else { return };
    let sel = persona_playground::persona::Selection::all();
    let e = persona_playground::persona::export::export(
        &src,
        hint,
        &p,
        &sel,
        persona_playground::persona::Style::Original,
        t,
    );
    println!("{}\n=====\n{:?}\n{}", e.file_name, e.warnings, e.content);
}
