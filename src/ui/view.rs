//! The view handle: how the app shows the open document, none of which is
//! saved with it: how much of the structure renders, whether the text box
//! shows a large document, the copy status, the filter, the sections'
//! folds, the structure's editor, and the panes' layout.

use leptos::prelude::*;

use super::doc::DocState;
use super::editing::Editing;
use super::filter::Filter;
use super::layout::{Layout, Pane};
use super::sections::Sections;

/// Documents larger than this (in bytes) are not shown in the text box
/// until asked: a browser lays out all of a text box's text, and a
/// megabyte, or a few hundred kilobytes of mixed scripts needing font
/// fallback, takes it a second or more. Persona documents are a few KB.
pub const TEXT_BOX_LIMIT: usize = 256 * 1024;

/// Units rendered before the structure offers "Show all".
pub const RENDER_BUDGET: usize = 500;

/// How the app shows the open document. `Copy`, like [`DocState`].
#[derive(Clone, Copy)]
pub struct ViewState {
    /// How many units the structure renders.
    pub budget: RwSignal<usize>,
    /// The copy status message.
    pub status: RwSignal<String>,
    /// Whether the text box shows a large document.
    pub text_box: TextBox,
    /// "Filter guidelines" and what it finds.
    pub filter: Filter,
    /// The sections' folds and counts.
    pub folds: Sections,
    /// The structure's editor and row actions.
    pub editor: Editing,
    /// Columns or tabs, and which tab shows.
    pub layout: Layout,
}

impl ViewState {
    /// The view of `doc`.
    #[must_use]
    pub fn new(doc: DocState) -> Self {
        let budget = RwSignal::new(RENDER_BUDGET);
        Self {
            budget,
            status: RwSignal::new(String::new()),
            text_box: TextBox { show_large: RwSignal::new(false) },
            filter: Filter::new(doc, budget),
            folds: Sections::new(doc),
            editor: Editing::new(doc),
            layout: Layout::new(),
        }
    }

    /// Another document opens: the structure renders its first part, the
    /// text box hides it if it is large, and on a narrow screen the
    /// structure shows (the text box, for an empty document).
    pub fn opened(self, has_text: bool) {
        self.text_box.show_large.set(false);
        self.budget.set(RENDER_BUDGET);
        self.layout.show(if has_text { Pane::Structure } else { Pane::Document });
    }
}

/// Whether the text box shows a document over [`TEXT_BOX_LIMIT`]: not when
/// a paste or an opened document makes it large, yes when asked (or when
/// typing makes it large, in the box a person is typing in).
#[derive(Clone, Copy)]
pub struct TextBox {
    show_large: RwSignal<bool>,
}

impl TextBox {
    /// Whether the box hides `doc`'s text (reactive).
    pub fn hidden(self, doc: DocState) -> bool {
        !self.show_large.get() && doc.source.with(|s| s.len() > TEXT_BOX_LIMIT)
    }

    /// "Show the text".
    pub fn show(self) {
        self.show_large.set(true);
    }

    /// Typing made the text `len` bytes long: the box stays shown.
    pub fn typed(self, len: usize) {
        if len > TEXT_BOX_LIMIT && !self.show_large.get_untracked() {
            self.show_large.set(true);
        }
    }

    /// A paste makes a text of `before` bytes `after` bytes long. A paste
    /// that makes the document large hides it; a paste into a large
    /// document the box shows keeps it shown. Returns whether the box now
    /// hides the document (the paste came from the box, so it was shown).
    pub fn pasted(self, before: usize, after: usize) -> bool {
        if before <= TEXT_BOX_LIMIT {
            self.show_large.set(false);
        }
        after > TEXT_BOX_LIMIT && !self.show_large.get_untracked()
    }

    /// A new document replaces a large one: hidden even if the box showed
    /// the one before.
    pub fn hide(self) {
        self.show_large.set(false);
    }
}
