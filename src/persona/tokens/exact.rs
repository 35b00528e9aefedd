//! Exact token counts, with the `tiktoken-rs` tokenizers.
//!
//! Only the tokenizer worker and native tests and benchmarks call this: the
//! vocabularies are megabytes, which the app's own wasm must not carry.
//! Texts are counted in [`super::chunks::pieces`], which add up to the
//! whole and keep the tokenizer's regex engine off very long runs.

use tiktoken_rs::CoreBPE;

use super::Encoding;
use super::chunks::{MAX_PIECE, pieces};

/// The tokenizer of `encoding`, built on first use (a fifth of a second
/// natively for o200k).
fn tokenizer(encoding: Encoding) -> &'static CoreBPE {
    match encoding {
        Encoding::O200k => tiktoken_rs::o200k_base_singleton(),
        Encoding::Cl100k => tiktoken_rs::cl100k_base_singleton(),
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
    let bpe = tokenizer(encoding);
    pieces(text, max).map(|p| bpe.encode_ordinary(p).len()).sum()
}
