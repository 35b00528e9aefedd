//! The shared corpus of real persona documents (`../shared/corpus`), checked
//! when present. Nothing from it is copied into this repository.

use std::path::{Path, PathBuf};

use crate::files::files_under;
use crate::support::check_invariants;

/// `../shared/corpus` beside the checkout, or `PERSONA_CORPUS` when set.
fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PERSONA_CORPUS")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"), PathBuf::from);
    dir.is_dir().then_some(dir)
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let meta =
        |p: &Path| matches!(p.file_name().and_then(|n| n.to_str()), Some("MANIFEST.tsv" | "README.md"));
    files_under(dir, |p| !meta(p))
}

#[test]
fn corpus_documents_keep_every_invariant() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus: ../shared/corpus not present; 0 documents checked");
        return;
    };
    let files = corpus_files(&dir);
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        let hint = path.file_name().and_then(|n| n.to_str());
        failures.extend(check_invariants(&name, &source, hint));
        checked += 1;
    }
    eprintln!("corpus: checked {checked} documents from {}", dir.display());
    assert!(checked >= 50, "expected the whole corpus, checked {checked}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus_documents_export_and_share() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus exports and share links: ../shared/corpus not present; 0 documents checked");
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &corpus_files(&dir) {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        let hint = path.file_name().and_then(|n| n.to_str());
        failures.extend(crate::exports::check_exports(&name, &source, hint));
        failures.extend(crate::exports::check_share(&name, &source, hint));
        checked += 1;
    }
    eprintln!("corpus exports and share links: checked {checked} documents from {}", dir.display());
    assert!(checked >= 50, "expected the whole corpus, checked {checked}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
