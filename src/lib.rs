//! Persona Playground: read, trim and reuse AI persona documents, entirely in
//! the browser.
//!
//! - [`persona`] is the pure engine: parsing, the model, selections and prompt
//!   assembly, and exports to each tool's file format. It never imports
//!   leptos or web-sys and is tested natively.
//! - [`library`] is pure too: saved documents, the storage schema and its
//!   migrations, and the share-link codec.
//! - `ui` (wasm only) is the Leptos app: signals and views over the engine.
//! - `worker` (wasm only) is the tokenizer worker's side, a second binary.

pub mod library;
pub mod persona;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;
