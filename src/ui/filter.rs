//! The "Filter guidelines" box above the structure: as a person types, the
//! structure shows only the units that match (see [`crate::persona::find`])
//! with their words marked, a live count says how many, and three buttons
//! switch what matches off, on, or keep only it.
//!
//! The document's search index is built once per parse, and only while a
//! filter is typed; each key press matches the query against it. The
//! search engine's code ([`find_code`]) loads after the first structure, or
//! when the box is first used: what is typed before it arrives is kept and
//! found once it has.

use std::ops::{Deref, Range};
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

use super::doc::DocState;
use super::view::RENDER_BUDGET;
use crate::persona::Persona;
use crate::persona::Selection;
use crate::persona::find::{self, Index, Matches, NoMatch, Query};
use crate::persona::numbers::grouped;

/// The filter box's element id (the `/` shortcut focuses it).
pub const FILTER_ID: &str = "filter";

/// Matches a filter renders before "Show more".
pub const FILTER_BUDGET: usize = 100;

/// A value compared by identity, so that a memo holding it notifies on
/// every recomputation without comparing its contents.
#[derive(Debug)]
pub struct ByPtr<T>(pub Arc<T>);

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for ByPtr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A value worked out from one or two parses, kept while they are the same
/// (by identity): the search index of a document, its marks against its
/// original. Plain shared state, not a memo: it is read only inside the
/// view or memo that needs it.
pub struct PerParse<T>(Arc<Mutex<Option<Kept<T>>>>);

/// The parses a [`PerParse`] value was made from, and the value.
type Kept<T> = (Vec<Arc<Persona>>, Arc<T>);

impl<T> Default for PerParse<T> {
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl<T> Clone for PerParse<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PerParse<T> {
    /// The value for `parses`: the kept one, or `make()`'s.
    pub fn get(&self, parses: &[Arc<Persona>], make: impl FnOnce() -> T) -> Arc<T> {
        let Ok(mut last) = self.0.lock() else { return Arc::new(make()) };
        if let Some((key, value)) = last.as_ref()
            && key.len() == parses.len()
            && key.iter().zip(parses).all(|(a, b)| Arc::ptr_eq(a, b))
        {
            return Arc::clone(value);
        }
        let value = Arc::new(make());
        *last = Some((parses.to_vec(), Arc::clone(&value)));
        value
    }
}

/// A query and what it matches in the current document.
#[derive(Debug)]
pub struct Found {
    /// The parsed query (for marking words).
    pub query: Query,
    /// The matching units and what shows around them.
    pub matches: Matches,
    /// Where the query's words are in a text (to mark them).
    pub highlights: fn(&str, &Query) -> Vec<Range<usize>>,
    /// Why nothing matched, in words.
    pub why: Option<String>,
}

/// The search engine ([`crate::persona::find`]), loaded after the first
/// structure: [`find_code`].
#[derive(Clone, Copy)]
pub struct FindCode {
    query: fn(&str) -> Query,
    index: fn(&Persona) -> Index,
    find: fn(&Index, &Query) -> Matches,
    highlights: fn(&str, &Query) -> Vec<Range<usize>>,
    switch: fn(&mut Selection, &Matches, bool),
    keep_only: fn(&mut Selection, &Persona, &Matches),
    describe: fn(&NoMatch) -> String,
}

/// The search engine's code.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn find_code() -> FindCode {
    FindCode {
        query: Query::parse,
        index: Index::new,
        find: Index::find,
        highlights: find::highlights,
        switch: find::switch_matching,
        keep_only: find::keep_only_matching,
        describe: find::describe,
    }
}

/// The filter's state: the typed text and, while it holds a word, what it
/// finds. `Copy`, so views can capture it.
#[derive(Clone, Copy)]
pub struct Filter {
    /// The text in the box.
    pub text: RwSignal<String>,
    /// What the text finds; `None` while it holds no word.
    pub found: Memo<Option<ByPtr<Found>>>,
    /// How many units the structure renders (a new query starts over).
    budget: RwSignal<usize>,
    /// The search engine, once its code has loaded.
    code: RwSignal<Option<FindCode>>,
    /// Whether its code was asked for.
    asked: StoredValue<bool>,
    /// What the last bulk switch did ("189 guidelines switched off").
    pub done: RwSignal<String>,
}

impl Filter {
    /// A filter over `doc`, which renders `budget` units.
    #[must_use]
    pub fn new(doc: DocState, budget: RwSignal<usize>) -> Self {
        let text = RwSignal::new(String::new());
        let code: RwSignal<Option<FindCode>> = RwSignal::new(None);
        let index = PerParse::default();
        let found = Memo::new(move |_| {
            let code = code.get()?;
            let query = text.with(|t| (code.query)(t));
            if query.is_empty() {
                return None;
            }
            let persona = doc.persona.get();
            let index = index.get(&[persona], || (code.index)(&doc.persona.get_untracked()));
            let matches = (code.find)(&index, &query);
            let why = matches.no_match().map(code.describe);
            Some(ByPtr(Arc::new(Found { query, matches, highlights: code.highlights, why })))
        });
        Self { text, found, budget, code, asked: StoredValue::new(false), done: RwSignal::new(String::new()) }
    }

    /// Asks for the search engine's code, once.
    pub fn load(self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        leptos::task::spawn_local(async move {
            let loaded = find_code().await;
            let _ = self.code.try_set(Some(loaded));
        });
    }

    /// Whether `text` holds a word to find (before the engine has loaded,
    /// whether it holds anything but spaces and quotes).
    fn holds_words(self, text: &str) -> bool {
        match self.code.get_untracked() {
            Some(code) => !(code.query)(text).is_empty(),
            None => text.chars().any(|c| !c.is_whitespace() && c != '"'),
        }
    }

    /// Whether a filter is active (reactive).
    pub fn is_active(self) -> bool {
        self.found.with(Option::is_some)
    }

    /// Sets the text in the box. A filter starts by rendering its first
    /// [`FILTER_BUDGET`] matches (the page shows them within a frame or
    /// two, whatever the document's size); emptied, the structure renders
    /// its usual first part again.
    pub fn set_text(self, text: String) {
        self.load();
        let was_active = self.text.with_untracked(|t| self.holds_words(t));
        let active = self.holds_words(&text);
        let budget = if active { FILTER_BUDGET } else { RENDER_BUDGET };
        // Every new query starts from its first matches ("Show more" and
        // "Show all" are for the query they were pressed on).
        if (active || was_active) && self.budget.get_untracked() != budget {
            self.budget.set(budget);
        }
        self.text.set(text);
        if !self.done.with_untracked(String::is_empty) {
            self.done.set(String::new());
        }
    }

    /// Empties the box; the whole structure shows again.
    pub fn clear(self) {
        self.set_text(String::new());
    }

    /// Switches what matches now on or off, or (`None`) keeps only it.
    fn switch(self, doc: DocState, on: Option<bool>) {
        let (Some(f), Some(code)) = (self.found.get_untracked(), self.code.get_untracked()) else { return };
        let mut next = doc.selection.get_untracked();
        let off_before = next.excluded().count();
        match on {
            Some(on) => (code.switch)(&mut next, &f.matches, on),
            None => doc.persona.with_untracked(|p| (code.keep_only)(&mut next, p, &f.matches)),
        }
        let off_after = next.excluded().count();
        self.done.set(bulk_summary(off_before, off_after));
        doc.select(next);
    }
}

/// What a bulk switch did, from how many parts were off before and after:
/// "189 guidelines switched off".
fn bulk_summary(off_before: usize, off_after: usize) -> String {
    let n = off_before.abs_diff(off_after);
    let what = if n == 1 { "guideline" } else { "guidelines" };
    match off_after.cmp(&off_before) {
        std::cmp::Ordering::Greater => format!("{} {what} switched off", grouped(n)),
        std::cmp::Ordering::Less => format!("{} {what} switched on", grouped(n)),
        std::cmp::Ordering::Equal => "Nothing changed: they were already so".to_string(),
    }
}

/// The live count: "23 of 184 guidelines match", or why none does.
fn count_text(f: Option<&Found>) -> String {
    f.map(|f| {
        let count =
            format!("{} of {} guidelines match", grouped(f.matches.count()), grouped(f.matches.total()));
        match &f.why {
            Some(why) => format!("{count}. {why}"),
            None => count,
        }
    })
    .unwrap_or_default()
}

/// The box, its live count and the buttons that act on what matches.
#[component]
pub fn FilterBox(
    /// The filter.
    filter: Filter,
    /// The document it filters (its switches change the selection).
    doc: DocState,
) -> impl IntoView {
    let none_match = move || filter.found.with(|f| f.as_ref().is_none_or(|f| f.matches.count() == 0));
    view! {
        <div class="filter" role="search">
            <label for=FILTER_ID>"Filter guidelines"</label>
            <input
                type="search"
                id=FILTER_ID
                aria-keyshortcuts="/"
                autocomplete="off"
                prop:value=move || filter.text.get()
                on:focus=move |_| filter.load()
                on:input=move |ev| filter.set_text(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        filter.clear();
                    }
                }
            />
            <p role="status" class="filter-count">{move || filter.found.with(|f| count_text(f.as_deref()))}</p>
            <div role="group" aria-label="Matching guidelines" class="bulk" hidden=move || !filter.is_active()>
                <button type="button" prop:disabled=none_match on:click=move |_| filter.switch(doc, Some(false))>
                    "Switch matching off"
                </button>
                <button type="button" prop:disabled=none_match on:click=move |_| filter.switch(doc, Some(true))>
                    "Switch matching on"
                </button>
                <button type="button" prop:disabled=none_match on:click=move |_| filter.switch(doc, None)>
                    "Keep only matching"
                </button>
            </div>
            <p role="status" class="msg info bulk-done" hidden=move || filter.done.with(String::is_empty)>
                <span id="bulk-done">{move || filter.done.get()}</span>
                " · "
                <button
                    type="button"
                    aria-describedby="bulk-done"
                    on:click=move |_| {
                        doc.undo();
                        filter.done.set(String::new());
                    }
                >
                    "Undo"
                </button>
            </p>
        </div>
    }
}
