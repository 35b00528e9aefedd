//! Native tests of the persona engine: one integration-test binary, with
//! shared helpers in `engine/support.rs`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

#[path = "common/files.rs"]
mod files;

#[path = "engine/support.rs"]
mod support;

#[path = "engine/corpus.rs"]
mod corpus;

#[path = "engine/fixtures.rs"]
mod fixtures;

#[path = "engine/behaviour.rs"]
mod behaviour;

#[path = "engine/props.rs"]
mod props;

#[path = "engine/exports.rs"]
mod exports;

#[path = "engine/edit.rs"]
mod edit;

#[path = "engine/find.rs"]
mod find;

#[path = "engine/variables.rs"]
mod variables;

#[path = "engine/tokens.rs"]
mod tokens;
