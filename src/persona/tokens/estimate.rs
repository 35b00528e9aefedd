//! The instant token estimate, shown until the exact counts arrive.
//!
//! A text is counted by kind of character, each kind weighted by how many
//! tokens it costs on average: a run of ASCII letters (a word or a part of
//! an identifier) about one token, a run of punctuation about one (`**`,
//! `---`, `();`) plus a little per character, a digit and a line feed
//! most of a token, a Chinese, Japanese or Korean character most of a
//! token (more in `cl100k_base`), and other letters (Cyrillic, Greek,
//! accented) a third to a half. The weights were fitted, by least squares
//! on the relative error, to the exact counts of the shared corpus and the
//! fixtures; the tests hold the error to them, and BENCHMARKS.md records
//! it beside the old four-characters-a-token rule's.

use super::Encoding;

/// Thousandths of a token per thing counted, for one encoding.
#[derive(Clone, Copy, Debug)]
struct Weights {
    word: usize,
    digit: usize,
    punctuation: usize,
    punctuation_run: usize,
    line_feed: usize,
    cjk: usize,
    other_letter: usize,
}

const O200K: Weights = Weights {
    word: 979,
    digit: 624,
    punctuation: 86,
    punctuation_run: 1001,
    line_feed: 604,
    cjk: 742,
    other_letter: 298,
};
const CL100K: Weights = Weights {
    word: 1003,
    digit: 582,
    punctuation: 77,
    punctuation_run: 983,
    line_feed: 589,
    cjk: 1131,
    other_letter: 468,
};

/// What the estimate counts in a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    words: usize,
    digits: usize,
    punctuation: usize,
    punctuation_runs: usize,
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
    // In u64: on wasm32 a few million characters times a weight in
    // thousandths would overflow usize.
    let term = |n: usize, weight: usize| (n as u64).saturating_mul(weight as u64);
    let thousandths = [
        term(t.words, w.word),
        term(t.digits, w.digit),
        term(t.punctuation, w.punctuation),
        term(t.punctuation_runs, w.punctuation_run),
        term(t.line_feeds, w.line_feed),
        term(t.cjk, w.cjk),
        term(t.other_letters, w.other_letter),
    ]
    .into_iter()
    .fold(0u64, u64::saturating_add);
    usize::try_from(thousandths.div_ceil(1000)).unwrap_or(usize::MAX).max(1)
}

/// One pass over the bytes: ASCII without decoding, the rest by
/// character.
fn tally(text: &str) -> Tally {
    let mut t = Tally::default();
    let (mut in_word, mut in_punctuation) = (false, false);
    let mut i = 0;
    while let Some(&b) = text.as_bytes().get(i) {
        let kind = if b.is_ascii() {
            i += 1;
            ascii_kind(b)
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
            i += c.len_utf8();
            other_kind(c)
        };
        t.words += usize::from(kind == Kind::Letter && !in_word);
        t.punctuation_runs += usize::from(kind == Kind::Punctuation && !in_punctuation);
        in_word = kind == Kind::Letter;
        in_punctuation = kind == Kind::Punctuation;
        match kind {
            Kind::Punctuation => t.punctuation += 1,
            Kind::Digit => t.digits += 1,
            Kind::LineFeed => t.line_feeds += 1,
            Kind::Cjk => t.cjk += 1,
            Kind::OtherLetter => t.other_letters += 1,
            Kind::Letter | Kind::Space => {}
        }
    }
    t
}

/// What a character is, for the estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An ASCII letter.
    Letter,
    Digit,
    LineFeed,
    /// Whitespace other than a line feed.
    Space,
    Cjk,
    /// A letter outside ASCII and CJK.
    OtherLetter,
    /// Anything else: punctuation, symbols, emoji, control characters.
    Punctuation,
}

fn ascii_kind(b: u8) -> Kind {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Kind::Letter,
        b'0'..=b'9' => Kind::Digit,
        b'\n' => Kind::LineFeed,
        b' ' | b'\t' | b'\r' | 0x0b | 0x0c => Kind::Space,
        _ => Kind::Punctuation,
    }
}

fn other_kind(c: char) -> Kind {
    match c {
        c if c.is_whitespace() => Kind::Space,
        c if is_cjk(c) => Kind::Cjk,
        c if c.is_alphabetic() => Kind::OtherLetter,
        _ => Kind::Punctuation,
    }
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

    /// The tally character by character: what the byte-wise pass must
    /// give.
    fn tally_by_char(text: &str) -> Tally {
        let mut t = Tally::default();
        let (mut in_word, mut in_punctuation) = (false, false);
        for c in text.chars() {
            let letter = c.is_ascii_alphabetic();
            let punctuation =
                !letter && !c.is_ascii_digit() && !c.is_whitespace() && !is_cjk(c) && !c.is_alphabetic();
            t.words += usize::from(letter && !in_word);
            t.punctuation_runs += usize::from(punctuation && !in_punctuation);
            in_word = letter;
            in_punctuation = punctuation;
            match c {
                _ if letter => {}
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

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_byte_wise_pass_counts_as_by_character(text in "(?s).{0,200}") {
            proptest::prop_assert_eq!(tally(&text), tally_by_char(&text));
        }
    }

    #[test]
    fn ascii_control_and_whitespace() {
        let mixed = "a\u{b}b\u{c}\u{1c}\u{85}\u{a0}é你\u{2028}!";
        assert_eq!(tally(mixed), tally_by_char(mixed));
    }

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
