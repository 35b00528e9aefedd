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
/// tokens in its chosen tokenizer), as `chars().count()` and
/// `split_whitespace().count()` count them, in one pass over the bytes:
/// ASCII is read byte by byte, and only a character that starts with a
/// byte some Unicode space starts with is decoded (the prompt's size is
/// counted at every toggle, and a prompt may be megabytes).
#[must_use]
pub fn size(text: &str) -> Size {
    let bytes = text.as_bytes();
    let (mut chars, mut words, mut in_word) = (0, 0, false);
    for (i, &b) in bytes.iter().enumerate() {
        // A continuation byte is part of the character before it.
        if b & 0xC0 == 0x80 {
            continue;
        }
        chars += 1;
        let space = match b {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
            // Lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                text.get(i..).and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace)
            }
            _ => false,
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    Size { chars, words }
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

    // The one-pass count is the standard library's (proptest is a native
    // dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn size_counts_as_chars_and_split_whitespace(text in "(\\PC|[ \\t\\n\\r\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}é€𝄞])*") {
            let want = Size { chars: text.chars().count(), words: text.split_whitespace().count() };
            proptest::prop_assert_eq!(size(&text), want);
        }
    }

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
