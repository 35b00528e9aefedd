//! The instant token estimate, shown until the exact counts arrive.
//!
//! A text is counted by kind of character, each kind weighted by how many
//! tokens it costs on average: a run of ASCII letters (a word or a part of
//! an identifier) about one token, digits and punctuation most of a token
//! each (code is dense in them), a line feed about one, a Chinese,
//! Japanese or Korean character most of a token (more in `cl100k_base`),
//! and other letters (Cyrillic, Greek, accented) a third to a half.
//! The weights were fitted to the exact counts of the real documents in
//! the shared corpus; the tests hold the error to them, and BENCHMARKS.md
//! records it beside the old four-characters-a-token rule's.

use super::Encoding;

/// Thousandths of a token per thing counted, for one encoding.
#[derive(Clone, Copy, Debug)]
struct Weights {
    word: usize,
    digit: usize,
    punctuation: usize,
    line_feed: usize,
    cjk: usize,
    other_letter: usize,
}

const O200K: Weights =
    Weights { word: 1000, digit: 880, punctuation: 770, line_feed: 1090, cjk: 720, other_letter: 300 };
const CL100K: Weights =
    Weights { word: 1000, digit: 850, punctuation: 770, line_feed: 1050, cjk: 1090, other_letter: 460 };

/// What the estimate counts in a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    words: usize,
    digits: usize,
    punctuation: usize,
    line_feeds: usize,
    cjk: usize,
    other_letters: usize,
}

/// Estimated tokens of `text` in `encoding`: at least one for a text that
/// is not empty.
#[must_use]
pub fn estimate(text: &str, encoding: Encoding) -> usize {
    if text.is_empty() {
        return 0;
    }
    let w = match encoding {
        Encoding::O200k => O200K,
        Encoding::Cl100k => CL100K,
    };
    let t = tally(text);
    let thousandths = t.words * w.word
        + t.digits * w.digit
        + t.punctuation * w.punctuation
        + t.line_feeds * w.line_feed
        + t.cjk * w.cjk
        + t.other_letters * w.other_letter;
    thousandths.div_ceil(1000).max(1)
}

fn tally(text: &str) -> Tally {
    let mut t = Tally::default();
    let mut in_word = false;
    for c in text.chars() {
        let letter = c.is_ascii_alphabetic();
        if letter && !in_word {
            t.words += 1;
        }
        in_word = letter;
        if letter {
            continue;
        }
        match c {
            '0'..='9' => t.digits += 1,
            '\n' => t.line_feeds += 1,
            c if c.is_whitespace() => {}
            c if is_cjk(c) => t.cjk += 1,
            c if c.is_alphabetic() => t.other_letters += 1,
            _ => t.punctuation += 1,
        }
    }
    t
}

/// Han, kana, Hangul syllables and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_kind() {
        assert_eq!(estimate("", Encoding::O200k), 0);
        assert_eq!(estimate(" ", Encoding::O200k), 1);
        // Five words and a full stop.
        assert_eq!(estimate("You are a careful reviewer.", Encoding::O200k), 6);
        // Chinese costs more in cl100k than in o200k.
        let zh = "你是一位细心的代码审查员。";
        assert!(estimate(zh, Encoding::Cl100k) > estimate(zh, Encoding::O200k));
        // Code's punctuation counts.
        assert!(estimate("fn f(x: &[u8]) -> u8 { x[0] }", Encoding::O200k) >= 14);
    }
}
