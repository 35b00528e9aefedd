//! [`Str`]: an immutable string that is usually a slice of the document.
//!
//! Most texts in the model (an item's own text, its Markdown, a heading) are
//! byte ranges of the pasted document. Owned `String`s would cost two or
//! three allocations per list item. A `Str` instead holds the document's
//! `Arc<str>` and a range:
//! creating, cloning and dropping one never allocates. Text that is not a
//! slice of the document (soft breaks turned into spaces, decoded entities,
//! joined lines) is owned.
//!
//! A `Str` dereferences to `&str`, compares by content and prints like a
//! string, so readers of the model treat it as one.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use super::text::Span;

/// An immutable string: a range of a shared document, or owned text.
///
/// Owned text is an `Arc<str>` of its own covering its whole range, so every
/// `Str` has one shape (24 bytes on 64-bit targets); the empty string holds
/// no allocation. Offsets are 32-bit: a slice ending past 4 GiB into a
/// document reads as empty (a wasm32 page cannot hold such a document, and
/// prompts are assembled from `usize` spans, not from `Str`s).
#[derive(Clone, Default)]
pub struct Str {
    /// The text this is a range of; `None` for the empty string.
    src: Option<Arc<str>>,
    /// Byte range in `src`, on character boundaries (checked on creation):
    /// the start in the low 32 bits, the end in the high. One field, written
    /// with one store: two 32-bit halves written apart and then moved as one
    /// 64-bit word stalled the store-to-load forwarding of every model text.
    range: u64,
}

impl Str {
    /// The text of `span` in `src`, sharing `src`. A span that is out of
    /// range or not on character boundaries gives an empty string.
    #[must_use]
    pub fn slice(src: &Arc<str>, span: Span) -> Self {
        match (u32::try_from(span.start), u32::try_from(span.end)) {
            (Ok(start), Ok(end)) if !span.is_empty() && src.get(span.start..span.end).is_some() => {
                Self { src: Some(Arc::clone(src)), range: u64::from(start) | u64::from(end) << 32 }
            }
            _ => Self::default(),
        }
    }

    /// `s` as a slice of `src` when it lies inside it (as text borrowed from
    /// a parser over `src` does), else an owned copy of `s`.
    #[must_use]
    pub fn within(src: &Arc<str>, s: &str) -> Self {
        match offset_in(src, s) {
            Some(start) => Self::slice(src, Span::new(start, start + s.len())),
            None => Self::from(s),
        }
    }

    #[allow(clippy::cast_possible_truncation, reason = "the low half is the start")]
    fn start(&self) -> usize {
        self.range as u32 as usize
    }

    fn end(&self) -> usize {
        (self.range >> 32) as usize
    }

    /// The text as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.src {
            Some(src) => src.get(self.start()..self.end()).unwrap_or(""),
            None => "",
        }
    }

    /// Where this text lies in `src`, when it is a slice of that very
    /// allocation.
    #[must_use]
    pub fn span_in(&self, src: &Arc<str>) -> Option<Span> {
        match &self.src {
            Some(s) if Arc::ptr_eq(s, src) => Some(Span::new(self.start(), self.end())),
            _ => None,
        }
    }
}

/// The byte offset of `s` inside `src`, when `s` is a sub-slice of it.
#[must_use]
pub fn offset_in(src: &str, s: &str) -> Option<usize> {
    let base = src.as_ptr() as usize;
    let at = (s.as_ptr() as usize).checked_sub(base)?;
    let end = at.checked_add(s.len())?;
    (end <= src.len() && src.is_char_boundary(at) && src.is_char_boundary(end)).then_some(at)
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        if s.is_empty() {
            return Self::default();
        }
        let src: Arc<str> = Arc::from(s);
        Self::slice(&src, Span::new(0, s.len()))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Self::from(s.as_str())
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.as_str().to_string()
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_and_compare_by_content() {
        let src: Arc<str> = Arc::from("hello wörld");
        let a = Str::slice(&src, Span::new(6, 12));
        assert_eq!(a, "wörld");
        assert_eq!(a.span_in(&src), Some(Span::new(6, 12)));
        assert_eq!(a, Str::from("wörld"));
        // Not on a character boundary, or out of range: empty.
        assert_eq!(Str::slice(&src, Span::new(7, 8)), "");
        assert_eq!(Str::slice(&src, Span::new(6, 99)), "");
    }

    #[test]
    fn within_finds_borrowed_text_and_copies_the_rest() {
        let src: Arc<str> = Arc::from("one two three");
        let inner = src.get(4..7).unwrap_or("");
        assert_eq!(Str::within(&src, inner).span_in(&src), Some(Span::new(4, 7)));
        let other = String::from("two");
        let copied = Str::within(&src, &other);
        assert_eq!(copied, "two");
        assert_eq!(copied.span_in(&src), None);
    }

    #[test]
    fn is_small() {
        assert!(std::mem::size_of::<Str>() <= 24);
    }
}
