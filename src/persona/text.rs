//! Byte spans and line arithmetic over document text.
//!
//! Every position in the engine is a byte offset into one string. These
//! helpers never panic: out-of-range or mid-character offsets are clamped to
//! the nearest valid boundary instead of being indexed blindly.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a persona's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; a reversed pair becomes empty at `start`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end: end.max(start) }
    }

    /// Number of bytes covered.
    #[must_use]
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The same span moved `by` bytes to the right.
    #[must_use]
    pub fn shift(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    /// Whether `other` lies entirely inside this span.
    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The slice of `text` covered by `span`, or `""` when the span is not valid
/// for `text` (out of range or not on character boundaries).
#[must_use]
pub fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// The largest character boundary not after `pos`.
#[must_use]
pub fn floor_boundary(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// The smallest character boundary strictly after `pos` (or the text length).
#[must_use]
pub fn next_boundary(text: &str, pos: usize) -> usize {
    let mut p = pos.saturating_add(1).min(text.len());
    while p < text.len() && !text.is_char_boundary(p) {
        p += 1;
    }
    p
}

/// Offset of the first byte of the line containing `pos`.
#[must_use]
pub fn line_start(text: &str, pos: usize) -> usize {
    let pos = floor_boundary(text, pos);
    let head = text.as_bytes().get(..pos).unwrap_or_default();
    // Callers mostly ask near a line's start (a list marker after its
    // indentation): a few bytes by hand beat setting up a memrchr.
    let near = head.len().saturating_sub(NEAR);
    if let Some(i) = head.get(near..).and_then(|h| h.iter().rposition(|&b| b == b'\n')) {
        return near + i + 1;
    }
    text.get(..pos).and_then(|h| h.rfind('\n')).map_or(0, |i| i + 1)
}

/// How far [`line_start`] and [`line_end`] look by hand before searching.
const NEAR: usize = 16;

/// Offset just past the end of the line on which a range ending at `end`
/// finishes, newline included. A range that already ends after a newline (or
/// at the end of the text) is returned unchanged.
#[must_use]
pub fn line_end(text: &str, end: usize) -> usize {
    let end = floor_boundary(text, end);
    if end == 0 || text.as_bytes().get(end - 1) == Some(&b'\n') {
        return end;
    }
    let tail = text.as_bytes().get(end..).unwrap_or_default();
    let near = tail.len().min(NEAR);
    if let Some(i) = tail.get(..near).and_then(|t| t.iter().position(|&b| b == b'\n')) {
        return end + i + 1;
    }
    text.get(end..).and_then(|t| t.find('\n')).map_or(text.len(), |i| end + i + 1)
}

/// Whether the text between `a` and `b` is only whitespace.
#[must_use]
pub fn is_blank(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_none_or(|s| s.trim().is_empty())
}

/// Iterates over the lines of `text[from..to]` as `(start, end_without_newline,
/// end_with_newline)` offsets into `text`. A final line without a newline is
/// included; an empty range yields nothing.
pub fn lines(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let to = floor_boundary(text, to);
    let mut pos = floor_boundary(text, from).min(to);
    std::iter::from_fn(move || {
        if pos >= to {
            return None;
        }
        let start = pos;
        // `str::find` with a char is a memchr, several bytes per step.
        let rest = text.get(start..to).unwrap_or_default();
        let (content_end, next) = match rest.find('\n') {
            Some(i) => (start + i, start + i + 1),
            None => (to, to),
        };
        pos = next;
        let content_end =
            if text.as_bytes().get(content_end.wrapping_sub(1)) == Some(&b'\r') && content_end > start {
                content_end - 1
            } else {
                content_end
            };
        Some((start, content_end, next))
    })
}

/// The 1-based line number of byte `offset`, counting only the text before
/// it (cheap for offsets near the start, where frontmatter lives).
#[must_use]
pub fn line_number(text: &str, offset: usize) -> usize {
    let head = text.get(..floor_boundary(text, offset)).unwrap_or_default();
    head.matches('\n').count() + 1
}

/// Maps byte offsets to 1-based line and column numbers (columns count
/// characters, not bytes). Lines are indexed on demand, only as far as the
/// furthest offset or line asked for: diagnostics cluster near the start of
/// a document, and indexing every line of a large text is not free.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Starts of the lines indexed so far; always holds 0.
    starts: Vec<usize>,
    /// Every line start before this offset is in `starts`.
    scanned: usize,
}

impl Default for LineIndex {
    fn default() -> Self {
        Self { starts: vec![0], scanned: 0 }
    }
}

impl LineIndex {
    /// An index of `text` that has not scanned anything yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Indexes the next line start of `text`; false at the end.
    fn scan_one(&mut self, text: &str) -> bool {
        let Some(rest) = text.get(self.scanned..).filter(|r| !r.is_empty()) else {
            return false;
        };
        match rest.find('\n') {
            Some(i) => {
                self.scanned += i + 1;
                self.starts.push(self.scanned);
            }
            None => self.scanned = text.len(),
        }
        true
    }

    /// The 1-based `(line, column)` of byte `offset` in `text`.
    pub fn line_col(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(text, offset);
        while self.scanned <= offset && self.scan_one(text) {}
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// Byte offset of the start of 1-based `line`, clamped to the text.
    pub fn offset_of_line(&mut self, text: &str, line: usize) -> usize {
        while self.starts.len() < line && self.scan_one(text) {}
        let idx = line.saturating_sub(1).min(self.starts.len().saturating_sub(1));
        self.starts.get(idx).copied().unwrap_or(0)
    }
}

/// Splits `text` into pieces for a view that lays each out as its own block,
/// so that an edit changes only the pieces around it: a piece ends after a
/// line the line's own content picks (an FNV-1a hash below its length, out
/// of `target`, so pieces average about `target` bytes), once it holds a
/// quarter of `target`, and at the latest before it would pass `max`. The
/// cuts depend on the lines, not on where the text starts, so pieces after
/// an edit fall back on the same cuts within a piece or two and a view
/// keyed by piece keeps them. A line longer than `max` is cut into pieces
/// of at most `max` bytes, just after a space or tab where one lies in the
/// second half of the piece (so the cut looks like the line's own soft
/// wrap), else at a character boundary. The pieces concatenate back to
/// `text`; none is empty.
pub fn line_chunks(text: &str, target: usize, max: usize) -> impl Iterator<Item = &str> + '_ {
    let target = target.max(1);
    let max = max.max(target).max(4);
    let least = target / 4;
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = 0;
        let cut_at = loop {
            let line_end =
                rest.get(end..).and_then(|tail| tail.find('\n')).map_or(rest.len(), |i| end + i + 1);
            let line = rest.get(end..line_end).unwrap_or_default();
            if end + line.len() > max {
                // Before a line that would pass `max`; a long line alone is cut.
                break if end > 0 { end } else { cut(rest, max) };
            }
            end = line_end;
            let picked = end >= least && line_hash(line) % target < line.len();
            if end >= rest.len() || picked {
                break end;
            }
        };
        let (piece, tail) = rest.split_at(cut_at.min(rest.len()));
        rest = tail;
        Some(piece)
    })
}

/// FNV-1a over a line's bytes.
fn line_hash(line: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in line.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    #[allow(clippy::cast_possible_truncation, reason = "any bits of the hash will do")]
    let h = h as usize;
    h
}

/// Where to cut a piece of at most `max` bytes out of a long line: just
/// after the last space or tab in its second half, else at the last
/// character boundary (never at 0: at least one character).
fn cut(text: &str, max: usize) -> usize {
    let limit = floor_boundary(text, max);
    let window = text.as_bytes().get(limit / 2..limit).unwrap_or_default();
    match window.iter().rposition(|&b| b == b' ' || b == b'\t') {
        Some(i) => limit / 2 + i + 1,
        None if limit > 0 => limit,
        None => next_boundary(text, 0),
    }
}

/// The byte offset in `s` of its `units`-th UTF-16 code unit (how the DOM
/// counts offsets), clamped to the end; an offset inside a surrogate pair
/// counts as the end of its character.
#[must_use]
pub fn utf16_to_byte(s: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
    }
    s.len()
}

/// Line breaks as a text box holds them: `\r\n` and a lone `\r` become
/// `\n` (HTML's value normalisation), so text the app inserts itself reads
/// the same as text the browser pasted.
#[must_use]
pub fn text_box_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\r') { s.replace("\r\n", "\n").replace('\r', "\n").into() } else { s.into() }
}

/// The last component of a path, with `/` or `\\` as separators.
#[must_use]
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Collapses runs of whitespace to single spaces and trims the ends.
#[must_use]
pub fn squash_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first `max` characters of `s`, with an ellipsis when cut.
#[must_use]
pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or(s).trim_end()),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_and_ends_near_and_far() {
        // Lines shorter and longer than the hand-scanned stretch, and a
        // multi-byte character where the hand scan stops.
        let long = "x".repeat(40);
        let text = format!("ab\n{long}\né{long}ü\n\nlast");
        for pos in 0..=text.len() + 2 {
            let head = text.get(..floor_boundary(&text, pos)).unwrap_or("");
            let want_start = head.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(line_start(&text, pos), want_start, "start at {pos}");
            let end = floor_boundary(&text, pos);
            let want_end = if end == 0 || text.as_bytes().get(end - 1) == Some(&b'\n') {
                end
            } else {
                text.get(end..).and_then(|t| t.find('\n')).map_or(text.len(), |i| end + i + 1)
            };
            assert_eq!(line_end(&text, pos), want_end, "end at {pos}");
        }
    }

    #[test]
    fn text_box_newlines_are_line_feeds() {
        assert_eq!(text_box_newlines("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
        assert!(matches!(text_box_newlines("plain\n"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn utf16_offsets_map_to_byte_offsets() {
        let s = "aé😀b";
        let bytes: Vec<usize> = (0..=7).map(|u| utf16_to_byte(s, u)).collect();
        // a=1 unit, é=1 unit (2 bytes), 😀=2 units (4 bytes), b=1 unit.
        assert_eq!(bytes, [0, 1, 3, 7, 7, 8, 8, 8]);
        assert_eq!(utf16_to_byte("", 3), 0);
    }

    #[test]
    fn line_chunks_cover_the_text_and_end_at_line_feeds() {
        let text: String =
            (0..400).map(|i| ["line ", &i.to_string(), ": ", &"x".repeat(i % 37), "\n"].concat()).collect();
        for target in [1, 3, 64, 256, 1024] {
            let pieces: Vec<&str> = line_chunks(&text, target, 100_000).collect();
            assert_eq!(pieces.concat(), text, "target {target}");
            assert!(pieces.iter().all(|p| p.ends_with('\n')), "target {target}");
        }
        // About `target` bytes a piece.
        let pieces = line_chunks(&text, 512, 100_000).count();
        assert!((text.len() / 2048..=text.len() / 128).contains(&pieces), "{pieces} pieces");
        assert_eq!(line_chunks("", 10, 100).count(), 0);
        assert_eq!(line_chunks("no line feed", 10, 100).collect::<Vec<_>>(), ["no line feed"]);
    }

    // (proptest is a native dev-dependency.)
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// An edit of one line changes only the pieces around it: the
        /// pieces before and after it are the same.
        #[test]
        fn line_chunks_keep_their_cuts_around_an_edit(
            lines in proptest::collection::vec("[a-z ]{0,60}", 1..300),
            at in 0usize..300,
            edit in "[a-z ]{0,60}",
        ) {
            let text: String = lines.iter().map(|l| [l.as_str(), "\n"].concat()).collect();
            let mut edited = lines.clone();
            let at = at % edited.len();
            edited[at] = edit;
            let edited: String = edited.iter().map(|l| [l.as_str(), "\n"].concat()).collect();
            let a: Vec<&str> = line_chunks(&text, 512, 8192).collect();
            let b: Vec<&str> = line_chunks(&edited, 512, 8192).collect();
            proptest::prop_assert_eq!(a.concat(), text.clone());
            let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            let same_end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
            let changed = a.len().saturating_sub(same_start + same_end);
            proptest::prop_assert!(changed <= 3, "{} of {} pieces changed", changed, a.len());
        }
    }

    #[test]
    fn line_chunks_cut_long_lines_after_a_space_or_at_a_character() {
        // Short lines stay whole, and so does a line up to `max`.
        let line = "ü".repeat(50);
        assert_eq!(line_chunks(&line, 7, 100).collect::<Vec<_>>(), [line.as_str()]);
        assert_eq!(line_chunks("", 10, 100).count(), 0);
        let mixed = format!("{line}\nab\n");
        assert_eq!(line_chunks(&mixed, 3, 200).collect::<Vec<_>>(), [format!("{line}\n").as_str(), "ab\n"]);
        // Longer lines are cut at characters (two bytes each here)...
        let pieces: Vec<&str> = line_chunks(&line, 7, 9).collect();
        assert_eq!(pieces.concat(), line);
        let (last, cut) = pieces.split_last().unwrap_or((&"", &[]));
        assert!(cut.iter().all(|p| p.len() == 8) && last.len() == 4, "{pieces:?}");
        // ...or just after the last space in the second half of the piece.
        let words = "alpha beta gamma delta epsilon";
        assert_eq!(line_chunks(words, 4, 12).collect::<Vec<_>>(), ["alpha beta ", "gamma delta ", "epsilon"]);
        // A line feed within `max` still ends the piece.
        assert_eq!(line_chunks("ab cd\nef", 1, 12).collect::<Vec<_>>(), ["ab cd\n", "ef"]);
        // A space in the first half does not make a tiny piece.
        assert_eq!(line_chunks("a bcdefghijklmnop", 1, 8).collect::<Vec<_>>(), ["a bcdefg", "hijklmno", "p"]);
    }
}
