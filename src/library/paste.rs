//! When a paste starts a new document rather than editing the open one.
//!
//! A paste over all of a document, or over nearly all of it, replaces it:
//! the pasted text becomes a new document and the one it replaced stays
//! in the library as it was. So does a paste into a box that typing has
//! just emptied (select all, Backspace, paste): the document goes back to
//! its text before the clearing, and the paste is a new document.

use super::work::Work;

/// The share of a document's text a paste may leave and still replace it.
const KEPT_AT_MOST: usize = 10;

/// Whether pasting `pasted` over bytes `start..end` of `current` replaces
/// the document: it had text, and what the paste leaves of it is blank or
/// under a tenth of it (and the paste is not blank).
#[must_use]
pub fn replaces_document(current: &str, start: usize, end: usize, pasted: &str) -> bool {
    let (start, end) = (start.min(current.len()), end.clamp(start.min(current.len()), current.len()));
    let had = current.trim().len();
    if had == 0 || pasted.trim().is_empty() {
        return false;
    }
    let kept =
        current.get(..start).map_or(0, |s| s.trim().len()) + current.get(end..).map_or(0, |s| s.trim().len());
    kept == 0 || kept * 100 < had * KEPT_AT_MOST
}

impl Work {
    /// The document as it was before typing emptied it, when it is empty
    /// because its last step was typing that cleared it (select all and
    /// Backspace): what a paste into the emptied box leaves in the library.
    /// `None` when the text is not blank, or not blank by such a step.
    #[must_use]
    pub fn before_clearing(&self) -> Option<Work> {
        if !self.text.trim().is_empty() {
            return None;
        }
        let last = self.history.undo.last()?;
        let cleared = last.typing && last.splice.as_ref().is_some_and(|s| !s.old.trim().is_empty());
        if !cleared {
            return None;
        }
        let mut before = self.clone();
        (before.undo() && !before.text.trim().is_empty()).then_some(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_over_nearly_everything_replaces_the_document() {
        let doc = "# Reviewer\n\n- one\n- two\n- three\n";
        let all = doc.len();
        // All of it, all but its last line break, or into nothing.
        assert!(replaces_document(doc, 0, all, "New"));
        assert!(replaces_document(doc, 0, all - 1, "New"));
        assert!(!replaces_document("", 0, 0, "New"));
        assert!(!replaces_document("   \n", 0, 0, "New"));
        // Most of it, leaving a heading: an edit.
        assert!(!replaces_document(doc, 11, all, "New"));
        // A paste at the end, or of nothing: an edit.
        assert!(!replaces_document(doc, all, all, "- four\n"));
        assert!(!replaces_document(doc, 0, all, "  \n"));
        // Out-of-range offsets are clamped, never a panic.
        assert!(replaces_document(doc, 0, all + 10, "New"));
        assert!(!replaces_document(doc, all + 10, 0, "New"));
    }

    fn typed(w: &mut Work, text: &str, typing: bool) {
        let before = w.clone();
        w.text = text.into();
        w.record(&before, typing);
    }

    #[test]
    fn a_document_cleared_by_typing_comes_back_as_it_was() {
        let mut w = Work::new("# Example\n\n- one\n".into(), None);
        typed(&mut w, "# Example\n\n- one\n- two\n", true);
        assert_eq!(w.before_clearing(), None, "not empty");
        typed(&mut w, "", true);
        let back = w.before_clearing().map(|b| b.text);
        assert_eq!(back.as_deref(), Some("# Example\n\n- one\n- two\n"));
        // Emptied by something else than typing (an undo to an empty text
        // cannot happen; a revert can): left alone.
        let mut edited = Work::new("- a\n".into(), None);
        typed(&mut edited, "", false);
        assert_eq!(edited.before_clearing(), None);
    }
}
