//! Exact token counts, with the `tiktoken-rs` tokenizers.
//!
//! Only the tokenizer workers and native tests and benchmarks call this:
//! the vocabularies are megabytes, which the app's own wasm must not carry.
//! Each worker names one vocabulary ([`Vocabulary`]), so its wasm links
//! only that one. Texts are counted in [`super::chunks::pieces`], which add
//! up to the whole and keep the tokenizer's regex engine off very long
//! runs.

pub use tiktoken_rs::CoreBPE;

use super::Encoding;
pub use super::chunks::MAX_PIECE;
use super::chunks::pieces;

/// A tokenizer, built on first use (a fifth of a second natively for
/// o200k): a function, so that a worker that names one links one.
pub type Vocabulary = fn() -> &'static CoreBPE;

/// `o200k_base`'s tokenizer.
pub const O200K: Vocabulary = tiktoken_rs::o200k_base_singleton;

/// `cl100k_base`'s tokenizer.
pub const CL100K: Vocabulary = tiktoken_rs::cl100k_base_singleton;

/// The tokenizer of `encoding`.
fn tokenizer(encoding: Encoding) -> &'static CoreBPE {
    match encoding {
        Encoding::O200k => O200K(),
        Encoding::Cl100k => CL100K(),
    }
}

/// Loads `encoding`'s vocabulary now rather than at the first count.
pub fn prepare(encoding: Encoding) {
    let _ = tokenizer(encoding);
}

/// The number of tokens `text` encodes to in `encoding`, special tokens
/// read as ordinary text (as a chat tool receives a pasted prompt).
#[must_use]
pub fn count(text: &str, encoding: Encoding) -> usize {
    count_in_pieces(text, encoding, MAX_PIECE)
}

/// [`count`] with pieces of at most `max` bytes (the tests cut small to
/// show that pieces add up).
#[must_use]
pub fn count_in_pieces(text: &str, encoding: Encoding, max: usize) -> usize {
    count_with(tokenizer(encoding), text, max)
}

/// The tokens of `text` in `bpe`, in pieces of at most `max` bytes.
#[must_use]
pub fn count_with(bpe: &CoreBPE, text: &str, max: usize) -> usize {
    pieces(text, max).map(|p| bpe.encode_ordinary(p).len()).sum()
}
