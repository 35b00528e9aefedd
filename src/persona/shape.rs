//! Line shapes: what a line of plain text looks like (an ALL CAPS heading,
//! a `==== banner ====`, a rule, a bullet), as every reader judges it.
//!
//! These rules sit below the readers (Markdown, web copy, cards) and the
//! model, so that no reader imports another. Bullet glyphs are one table,
//! [`BULLETS`]; a reader that needs fewer takes a named subset by the rows'
//! flags.

/// One bullet marker a line may start with.
pub(crate) struct Bullet {
    /// The marker.
    pub glyph: &'static str,
    /// Whether whitespace must follow: Markdown's own markers (`-`, `*`,
    /// `+`) mark an item only before a space, since `-x` or `*word*` is text.
    pub spaced: bool,
    /// A page signal: a glyph a rendered page draws for a list and nobody
    /// types in Markdown, so a line starting with it hints at a web copy.
    pub page: bool,
    /// Glued: a glyph that still starts an item when a page copy glued it
    /// after the previous item's sentence (`… possible. - •Concurrency`). The
    /// few glyphs that never appear mid-sentence in prose.
    pub glued: bool,
}

/// Every bullet marker the readers know, in matching order: a marker comes
/// before any shorter marker it starts with (`- •` before `-`). To add a
/// glyph, add a row; detection, item recovery, the glued-item split and the
/// display name all read this table.
pub(crate) const BULLETS: [Bullet; 14] = [
    Bullet { glyph: "- •", spaced: false, page: true, glued: true },
    Bullet { glyph: "-•", spaced: false, page: false, glued: true },
    Bullet { glyph: "* •", spaced: false, page: false, glued: false },
    Bullet { glyph: "•", spaced: false, page: true, glued: true },
    Bullet { glyph: "▪", spaced: false, page: true, glued: true },
    Bullet { glyph: "◦", spaced: false, page: true, glued: false },
    Bullet { glyph: "‣", spaced: false, page: true, glued: false },
    Bullet { glyph: "●", spaced: false, page: false, glued: false },
    Bullet { glyph: "■", spaced: false, page: false, glued: false },
    Bullet { glyph: "·", spaced: false, page: false, glued: false },
    Bullet { glyph: "–", spaced: false, page: false, glued: false },
    Bullet { glyph: "-", spaced: true, page: false, glued: false },
    Bullet { glyph: "*", spaced: true, page: false, glued: false },
    Bullet { glyph: "+", spaced: true, page: false, glued: false },
];

/// The byte length of the bullet marker `t` starts with, with the
/// whitespace after it, among the rows `subset` keeps.
fn marker_len(t: &str, subset: impl Fn(&Bullet) -> bool) -> Option<usize> {
    BULLETS.iter().filter(|b| subset(b)).find_map(|b| {
        let rest = t.strip_prefix(b.glyph)?;
        if b.spaced && !rest.starts_with(' ') {
            return None;
        }
        Some(b.glyph.len() + rest.len() - rest.trim_start().len())
    })
}

/// The bullet `t` starts with: the byte length of its marker and the
/// whitespace after it.
pub(crate) fn bullet(t: &str) -> Option<usize> {
    marker_len(t, |_| true)
}

/// Whether `t` starts with a bullet that only a rendered page draws
/// ([`Bullet::page`]).
pub(crate) fn page_bullet(t: &str) -> bool {
    BULLETS.iter().any(|b| b.page && t.starts_with(b.glyph))
}

/// A bullet that starts an item even glued after a sentence
/// ([`Bullet::glued`]): the byte length of its marker and the whitespace
/// after it.
pub(crate) fn glued_bullet(t: &str) -> Option<usize> {
    marker_len(t, |b| b.glued)
}

/// Whether `c` alone is a bullet glyph of the table.
pub(crate) fn is_bullet_char(c: char) -> bool {
    let mut buf = [0; 4];
    let c = c.encode_utf8(&mut buf);
    BULLETS.iter().any(|b| b.glyph == c)
}

/// A numbered marker, `1.` or `1)` with up to three digits, then
/// whitespace or the end: the number and the byte length of the marker
/// with the whitespace after it.
pub(crate) fn numbered(t: &str) -> Option<(u64, usize)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let delim = t.as_bytes().get(digits).copied();
    let after = t.as_bytes().get(digits + 1).copied();
    if !matches!(delim, Some(b'.' | b')')) || !after.is_none_or(|c| c == b' ' || c == b'\t') {
        return None;
    }
    let n = t.get(..digits).and_then(|d| d.parse().ok()).unwrap_or(1);
    let rest = t.get(digits + 1..).unwrap_or("");
    Some((n, digits + 1 + rest.len() - rest.trim_start().len()))
}

/// The text of a `==== banner ====` line (trimmed), when `t` is one.
pub(crate) fn banner(t: &str) -> Option<&str> {
    if t.len() <= 4 || !t.starts_with("==") || !t.ends_with("==") {
        return None;
    }
    Some(t.trim_matches('=').trim()).filter(|inner| !inner.is_empty())
}

/// A rule drawn in plain text: three or more of `=`, `-`, `_`, `*`.
pub(crate) fn is_rule_line(t: &str) -> bool {
    t.len() >= 3 && t.bytes().all(|b| matches!(b, b'=' | b'-' | b'_' | b'*'))
}

/// A rule of `=` only (`=====`): the one rule line Markdown leaves as a
/// paragraph, having read the others (`---`, `***`, `___`) as rules itself.
pub(crate) fn is_equals_rule(t: &str) -> bool {
    t.len() >= 3 && t.bytes().all(|b| b == b'=')
}

/// An ALL CAPS line short enough to be a heading: one to eight words, at
/// most 60 characters, no final `.`/`,`/`;`/`!`/`?`, not a lone code-like
/// word, not starting like a number or a list item.
#[must_use]
pub(crate) fn is_caps_heading(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let bad_end = t.ends_with(['.', ',', ';', '!', '?']);
    let has_upper = t.chars().any(char::is_uppercase);
    let has_lower = t.chars().any(char::is_lowercase);
    let code_like = words == 1 && t.contains(['_', '/', '.', '(', '=', '<', '>', '{', '`']);
    let single_word_ok = words > 1 || letters >= 3;
    (1..=8).contains(&words)
        && t.chars().count() <= 60
        && letters >= 2
        && has_upper
        && !has_lower
        && !bad_end
        && !code_like
        && single_word_ok
        && !t.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '*' || c == '[')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_match_their_longest_marker_first() {
        assert_eq!(bullet("- •Ownership"), Some("- •".len()));
        assert_eq!(bullet("-•x"), Some("-•".len()));
        assert_eq!(bullet("•  x"), Some("•".len() + 2));
        assert_eq!(bullet("- x"), Some(2));
        assert_eq!(bullet("-x"), None);
        assert_eq!(bullet("+\tx"), None);
        assert_eq!(bullet("*bold*"), None);
    }

    #[test]
    fn no_marker_hides_a_later_one() {
        for (i, earlier) in BULLETS.iter().enumerate() {
            for later in BULLETS.iter().skip(i + 1) {
                assert!(!later.glyph.starts_with(earlier.glyph), "{} hides {}", earlier.glyph, later.glyph);
            }
        }
    }

    #[test]
    fn subsets_are_named_by_flags() {
        assert!(page_bullet("◦ a") && page_bullet("- • a") && !page_bullet("– a") && !page_bullet("- a"));
        assert_eq!(glued_bullet("▪ a"), Some("▪ ".len()));
        assert_eq!(glued_bullet("◦ a"), None);
        assert!(is_bullet_char('•') && is_bullet_char('-') && !is_bullet_char('#'));
    }

    #[test]
    fn numbers_banners_and_rules() {
        assert_eq!(numbered("12) x"), Some((12, 4)));
        assert_eq!(numbered("1234. x"), None);
        assert_eq!(numbered("1.5"), None);
        assert_eq!(banner("==== STYLE ===="), Some("STYLE"));
        assert_eq!(banner("======"), None);
        assert!(is_rule_line("-*-") && !is_equals_rule("-*-") && is_equals_rule("==="));
    }
}
