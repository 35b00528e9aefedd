//! Cutting a long text into pieces that count as the whole does.
//!
//! The `OpenAI` encodings first split text with a regular expression, then
//! encode each piece. No piece runs from a line feed into a following
//! character that is neither whitespace nor `/`: the whitespace patterns
//! end at the line feed, and the only pattern that takes line feeds after
//! other characters (`[\r\n/]*`) continues only with line feeds and `/`.
//! So cutting there changes no piece, and the pieces' counts add up to the
//! whole's. The tokenizer crate's regex engine recurses on very long runs
//! (a million spaces overflow its stack), so every piece is kept short: a
//! text with no such place for [`MAX_PIECE`] bytes is cut at a character
//! boundary, and its count may then differ by a token or two at each such
//! cut (the tests hold it to two).

/// The longest piece handed to the tokenizer, in bytes.
pub const MAX_PIECE: usize = 32 * 1024;

/// `text` in pieces of at most `max` bytes (more only for a character
/// longer than `max`), cut where the encodings' pieces allow (see the
/// module's doc) when such a place exists. The pieces concatenate to
/// `text`.
pub fn pieces(text: &str, max: usize) -> impl Iterator<Item = &str> {
    let max = max.max(4);
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = if rest.len() <= max { rest.len() } else { cut_point(rest, max) };
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// Where to cut `text` (longer than `max`): after the last line feed at
/// or before `max` that a safe character follows, else at the last
/// character boundary at or before `max` (at least one character).
fn cut_point(text: &str, max: usize) -> usize {
    let bytes = text.as_bytes();
    let window = bytes.get(..=max).unwrap_or(bytes);
    let safe = window.iter().enumerate().rev().find_map(|(i, &b)| {
        let next = *bytes.get(i + 1)?;
        (b == b'\n' && i < max && starts_safely(next)).then_some(i + 1)
    });
    safe.unwrap_or_else(|| {
        let floor = crate::persona::text::floor_boundary(text, max);
        if floor == 0 { crate::persona::text::next_boundary(text, 0) } else { floor }
    })
}

/// Whether a piece may start with the byte `b` after a line feed: not
/// ASCII whitespace, not `/`, and not a UTF-8 continuation byte. A
/// non-ASCII lead byte may start Unicode whitespace (U+0085, U+00A0,
/// U+2028…), so only ASCII counts.
fn starts_safely(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'/'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(pieces("abc", 10).collect::<Vec<_>>(), ["abc"]);
        assert_eq!(pieces("", 10).count(), 0);
    }

    #[test]
    fn cuts_after_a_line_feed_before_a_word() {
        let text = "alpha beta\ngamma delta\n  epsilon\n/zeta\nomega";
        let got: Vec<_> = pieces(text, 16).collect();
        assert_eq!(got.concat(), text);
        for p in &got[1..] {
            assert!(p.as_bytes()[0].is_ascii_graphic() && !p.starts_with('/'), "{got:?}");
        }
    }

    #[test]
    fn long_runs_are_cut_at_character_boundaries() {
        let text = "é".repeat(100);
        let got: Vec<_> = pieces(&text, 9).collect();
        assert_eq!(got.concat(), text);
        assert!(got.iter().all(|p| p.len() <= 9));
        assert_eq!(pieces("€", 1).collect::<Vec<_>>(), ["€"]);
    }
}
