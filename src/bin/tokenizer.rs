//! The tokenizer worker's binary: Trunk builds it as a Web Worker beside
//! the app (`index.html`, `data-type="worker"`); see `worker.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {
    persona_playground::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "The tokenizer is a Web Worker of the web app: build it with `trunk build --release --offline`."
    );
}
