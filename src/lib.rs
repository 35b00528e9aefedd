//! Persona Playground: read, trim and reuse AI persona documents, entirely in
//! the browser.
//!
//! - [`persona`] is the pure engine: parsing, the model, selections and prompt
//!   assembly. It never imports leptos or web-sys and is tested natively.
//! - `ui` (wasm only) is the Leptos app: signals and views over the engine.

pub mod persona;

#[cfg(target_arch = "wasm32")]
pub mod ui;
