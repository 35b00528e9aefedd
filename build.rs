//! Build script: with the `split` feature, the app's wasm is linked with
//! its relocations kept (`--emit-relocs`), which the splitter that moves
//! the lazily loaded panels into their own files needs
//! (`scripts/bin/wasm-bindgen`). Only the app's binary, only for wasm:
//! the tokenizer workers and native builds link as before.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    if wasm && split {
        println!("cargo::rustc-link-arg-bin=persona-playground=--emit-relocs");
    }
}
