//! Size figures for a text: characters, words and an estimate of tokens.
//!
//! The token estimate is [`super::tokens::estimate`]'s for `o200k_base`
//! (by kind of character: words, digits, punctuation, line feeds, CJK). It
//! is an estimate, and the UI says so.

/// Characters, words and estimated tokens of one text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Unicode scalar values.
    pub chars: usize,
    /// Runs of non-whitespace.
    pub words: usize,
    /// Estimated tokens.
    pub tokens: usize,
}

/// Characters and words of one text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    /// Unicode scalar values.
    pub chars: usize,
    /// Runs of non-whitespace.
    pub words: usize,
}

/// The characters and words of `text` (no token estimate: the app counts
/// tokens in its chosen tokenizer).
#[must_use]
pub fn size(text: &str) -> Size {
    Size { chars: text.chars().count(), words: text.split_whitespace().count() }
}

/// Counts `text`.
#[must_use]
pub fn counts(text: &str) -> Counts {
    let Size { chars, words } = size(text);
    let tokens = super::tokens::estimate::estimate(text, super::tokens::Encoding::O200k);
    Counts { chars, words, tokens }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_prose_and_lists() {
        assert_eq!(counts(""), Counts::default());
        let c = counts("You are a careful reviewer.");
        assert_eq!((c.chars, c.words), (27, 5));
        assert_eq!(c.tokens, 6);
        let c = counts("- a\n- b\n- c");
        assert_eq!(c.words, 6);
        assert_eq!(c.tokens, 8);
        assert_eq!(counts("héllo wörld").chars, 11);
    }
}
