//! The Persona Playground binary: on wasm it sets the panic hook and mounts
//! the app; natively it only explains itself (the engine is a library, see
//! `cargo test` and `examples/inspect.rs`).

#[cfg(target_arch = "wasm32")]
fn main() {
    persona_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Persona Playground is a web app: build it with `trunk build --release --offline`.");
}
