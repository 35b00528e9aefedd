//! Project rules checked as tests: module docs, the pure core, one user of
//! `serde_yaml`, and no HTML injection points anywhere in the sources.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

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
