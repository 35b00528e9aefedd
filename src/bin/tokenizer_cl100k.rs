//! The `cl100k_base` tokenizer worker's binary: Trunk builds it as a Web Worker
//! beside the app (`index.html`, `data-type="worker"`); see `worker.rs`.
//! It links only this encoding's vocabulary.

#[cfg(target_arch = "wasm32")]
fn main() {
    use persona_playground::persona::tokens::{Encoding, exact};
    persona_playground::worker::start(Encoding::Cl100k, exact::CL100K);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "The tokenizer is a Web Worker of the web app: build it with `trunk build --release --offline`."
    );
}
