//! Project rules checked as tests: module docs, the pure core, one user of
//! `serde_yaml`, and no HTML injection points anywhere in the sources.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::path::{Path, PathBuf};

#[path = "common/files.rs"]
mod files;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    files::files_under(dir, |p| p.extension().is_some_and(|e| e == "rs"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Source text with `//` comments dropped, so rules match code, not prose.
fn code_only(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    let mut missing = Vec::new();
    for dir in ["src", "tests", "benches", "examples", "fuzz/fuzz_targets"] {
        if !root().join(dir).is_dir() {
            continue;
        }
        for f in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&f).unwrap();
            if !text.trim_start().starts_with("//!") {
                missing.push(f.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "modules without a `//!` doc: {missing:?}");
}

#[test]
fn the_engine_and_library_are_pure() {
    let mut files = rust_files(&root().join("src/persona"));
    files.extend(rust_files(&root().join("src/library")));
    assert!(files.len() > 10);
    for f in files {
        let text = code_only(&std::fs::read_to_string(&f).unwrap());
        for banned in ["leptos", "web_sys", "wasm_bindgen", "gloo", "js_sys", "std::fs", "std::net"] {
            assert!(!text.contains(banned), "{} uses {banned}", f.display());
        }
    }
}

#[test]
fn serde_yaml_lives_in_one_module() {
    for f in rust_files(&root().join("src")) {
        let text = code_only(&std::fs::read_to_string(&f).unwrap());
        if text.contains("serde_yaml") {
            assert!(f.ends_with("persona/frontmatter.rs"), "{} uses serde_yaml", f.display());
        }
    }
}

#[test]
fn no_html_injection_points() {
    for f in rust_files(&root().join("src")) {
        let text = code_only(&std::fs::read_to_string(&f).unwrap());
        for banned in ["inner_html", "set_inner_html", "outer_html", "insert_adjacent_html", "document_write"]
        {
            assert!(!text.contains(banned), "{} uses {banned}", f.display());
        }
    }
}

/// The README's format list is the dialect table: it is written between
/// the `formats` markers exactly as `dialect::formats_markdown` gives it.
#[test]
fn the_readme_lists_the_formats_of_the_dialect_table() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (start, end) =
        ("<!-- formats: from the dialect table, checked by tests/tidy.rs -->\n", "<!-- /formats -->");
    let from = readme.find(start).map(|i| i + start.len()).expect("README has no formats marker");
    let to = readme[from..].find(end).map(|i| i + from).expect("README has no end of formats marker");
    let want = persona_playground::persona::dialect::formats_markdown();
    assert_eq!(
        &readme[from..to],
        want,
        "README's format list is stale; write this between the markers:\n{want}"
    );
}

/// The engine's layers, as ARCHITECTURE.md lists them between its `layers`
/// markers: each numbered line names its modules in backticks, bottom
/// layer first.
fn engine_layers() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let from = text.find("<!-- layers").expect("ARCHITECTURE.md has no layers marker");
    let to =
        text[from..].find("<!-- /layers -->").expect("ARCHITECTURE.md has no end of layers marker") + from;
    text[from..to]
        .lines()
        .filter(|l| l.split_once(". ").is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok()))
        .map(|l| l.split('`').skip(1).step_by(2).map(str::to_string).collect())
        .collect()
}

/// The engine modules (`src/persona/x.rs` or `src/persona/x/`) that a
/// source file under `src/persona` names, with `crate::persona::x` or
/// `super::x` paths (`use` lines, groups and inline paths alike), and the
/// names it reaches through the facade (`persona/mod.rs`) instead of
/// their module. Test code and comments do not count.
fn engine_imports(rel: &Path, text: &str, modules: &[String]) -> (Vec<String>, Vec<String>) {
    let code = code_only(text.split("#[cfg(test)]").next().unwrap_or(""));
    let parts: Vec<String> =
        rel.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
    // The module path of the file under `persona` (a `mod.rs` is its folder).
    let path: Vec<String> =
        if parts.last().is_some_and(|p| p == "mod") { parts[..parts.len() - 1].to_vec() } else { parts };
    let (mut found, mut facade) = (Vec::new(), Vec::new());
    let mut note = |ups: usize, names: &str| {
        let base = &path[..path.len().saturating_sub(ups)];
        let group = names.trim().trim_start_matches('{').trim_end_matches('}');
        for name in group.split(',').map(|n| n.trim().split("::").next().unwrap_or("").trim()) {
            if name.is_empty() || name == "self" {
                continue;
            }
            let top = base.first().map_or(name, String::as_str).to_string();
            if modules.contains(&top) {
                found.push(top);
            } else if base.is_empty() {
                facade.push(name.to_string());
            }
        }
    };
    let next_path = |rest: &str| -> String {
        if rest.starts_with('{') {
            rest[..=rest.find('}').unwrap_or(0)].to_string()
        } else {
            rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
        }
    };
    for (i, _) in code.match_indices("crate::persona::") {
        let rest = &code[i + "crate::persona::".len()..];
        note(path.len(), &next_path(rest));
    }
    let bytes = code.as_bytes();
    let mut i = 0;
    while let Some(at) = code[i..].find("super::").map(|a| a + i) {
        let starts_word = at == 0
            || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':');
        let mut end = at;
        let mut ups = 0;
        while code[end..].starts_with("super::") {
            end += "super::".len();
            ups += 1;
        }
        if starts_word {
            note(ups, &next_path(&code[end..]));
        }
        i = end;
    }
    (found, facade)
}

/// The engine's modules import only modules of lower layers, so there is no
/// cycle; every module has a layer; nothing in it imports the library or
/// the UI, or reaches another module through the facade.
#[test]
fn the_engine_imports_downward_only() {
    let layers = engine_layers();
    assert!(layers.len() >= 5, "ARCHITECTURE.md lists too few layers: {layers:?}");
    let persona = root().join("src/persona");
    let mut modules: Vec<String> = std::fs::read_dir(&persona)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|m| m != "mod")
        .collect();
    modules.sort();
    let layer_of = |m: &str| layers.iter().position(|l| l.iter().any(|x| x == m));
    let unlisted: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(unlisted.is_empty(), "engine modules without a layer in ARCHITECTURE.md: {unlisted:?}");
    let mut problems = Vec::new();
    for f in rust_files(&persona) {
        let rel = f.strip_prefix(&persona).unwrap().to_path_buf();
        if rel == Path::new("mod.rs") || rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for banned in ["crate::library", "crate::ui", "super::super::library", "super::super::ui"] {
            if code_only(&text).contains(banned) {
                problems.push(format!("{} imports {banned}", rel.display()));
            }
        }
        let top = rel.iter().next().unwrap().to_string_lossy().trim_end_matches(".rs").to_string();
        let (imports, facade) = engine_imports(&rel, &text, &modules);
        for name in facade {
            problems.push(format!("{} takes `{name}` from the facade; name its module", rel.display()));
        }
        let own = layer_of(&top).unwrap();
        for m in imports.into_iter().filter(|m| *m != top) {
            let theirs = layer_of(&m).unwrap();
            if theirs >= own {
                problems.push(format!(
                    "{} (layer {}) imports `{m}` (layer {}): only lower layers may be imported",
                    rel.display(),
                    own + 1,
                    theirs + 1
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "the engine's layers:\n{}", problems.join("\n"));
}

/// The layer check reads imports as written: groups, inline paths and
/// `super` chains, and not comments or test code.
#[test]
fn the_layer_check_reads_every_form_of_import() {
    let modules: Vec<String> = ["model", "text", "order", "dialect", "ids"].map(String::from).to_vec();
    let text = "//! Uses [`super::ids`] in prose only.\nuse super::{model::Node, text};\nuse crate::persona::order::walk;\nfn f() { super::super::dialect::spec(); super::parse(); }\n#[cfg(test)]\nmod tests { use crate::persona::ids; }\n";
    let (found, facade) = engine_imports(Path::new("tree.rs"), text, &modules);
    assert_eq!(found, ["order", "model", "text", "dialect"]);
    assert_eq!(facade, ["parse"]);
    let (found, _) = engine_imports(Path::new("edit/text.rs"), text, &modules);
    assert!(found.contains(&"dialect".to_string()), "{found:?}");
}

/// The document handle's signals change only through its methods, which
/// record every change as an undo step: no other module writes them.
#[test]
fn only_the_document_handle_writes_its_signals() {
    let fields = [
        "source",
        "file_name",
        "persona",
        "original",
        "selection",
        "style",
        "variables",
        "work",
        "loads",
        "replaced",
    ];
    let writes = [
        "set",
        "update",
        "write",
        "maybe_update",
        "update_untracked",
        "set_untracked",
        "try_set",
        "try_update",
    ];
    let mut found = Vec::new();
    for f in rust_files(&root().join("src")) {
        if f.ends_with("ui/doc.rs") {
            continue;
        }
        let text = code_only(&std::fs::read_to_string(&f).unwrap());
        for field in fields {
            for write in writes {
                let call = format!(".{field}.{write}(");
                if text.contains(&call) {
                    found.push(format!("{} calls {call}", f.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "the document's signals are written outside ui/doc.rs:\n{}", found.join("\n"));
}

/// The narrow-screen breakpoint is written twice, in `ui/layout.rs` (the
/// tabs) and in the style sheet (the columns): the two must agree.
#[test]
fn the_narrow_breakpoint_is_the_same_in_the_code_and_the_style_sheet() {
    let layout = std::fs::read_to_string(root().join("src/ui/layout.rs")).unwrap();
    let css = std::fs::read_to_string(root().join("style/main.css")).unwrap();
    let query = layout
        .split("pub const NARROW_QUERY: &str = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("NARROW_QUERY in src/ui/layout.rs");
    let px: u32 =
        query.trim_start_matches("(max-width: ").trim_end_matches("px)").parse().expect("a width in px");
    assert!(css.contains(&format!("@media (max-width: {px}px)")), "the style sheet's tabs at {query}");
    assert!(
        css.contains(&format!("(min-width: {}px)", px + 1)),
        "the style sheet's columns from {}px",
        px + 1
    );
    assert!(css.contains("ui/layout.rs: NARROW_QUERY"), "the style sheet names where the breakpoint is read");
}
