//! Filtering a persona's guidelines by what a person types.
//!
//! A [`Query`] is words and `"quoted phrases"`; a unit matches when every
//! term occurs, as a substring, in its own text or in its context: the
//! headings of the sections it sits in and, for a list item, its list's
//! label. So "python" finds everything under a "Python" heading, and "pyth"
//! already does while it is being typed. Parent items are not context: a
//! nested item matches on its own words.
//!
//! Texts are compared [`fold`]ed: case, Latin accents (precomposed or
//! combining) and runs of whitespace do not matter. Inline code and link
//! text count as text; link targets do not (they are not shown, so a match
//! in one could not be highlighted).
//!
//! An [`Index`] holds the folded texts of one parsed document, built once;
//! [`Index::find`] then scans them once per term, which stays within a few
//! milliseconds for a document of 20,000 items. [`highlights`] finds the
//! terms in a shown text; [`switch_matching`] and [`keep_only_matching`]
//! are the bulk switches on a [`Selection`].

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::assemble::{Selection, toggle, units};
use super::ids::PassThrough;
use super::model::{Block, BlockKind, Id, Inline, List, Persona};
use super::order::{self, Unit};

// ------------------------------------------------------------------ Folding

/// What one character folds to.
enum Folded {
    /// One character.
    Char(char),
    /// Two ASCII letters (`ß` → `ss`).
    Pair(char, char),
    /// Whitespace: one space, however many in a row.
    Space,
    /// Nothing (a combining mark).
    Drop,
}

/// U+00C0 to U+017F (Latin-1 Supplement letters and Latin Extended-A), one
/// byte each: the lowercase base letter; `*` keeps the character (`×`,
/// `÷`); capitals stand for two letters (`A` ae, `O` oe, `I` ij, `T` th,
/// `S` ss).
const LATIN: &[u8; 192] = b"aaaaaaAceeeeiiiidnooooo*ouuuuyTS\
  aaaaaaAceeeeiiiidnooooo*ouuuuyTy\
  aaaaaaccccccccddddeeeeeeeeeegggg\
  gggghhhhiiiiiiiiiiIIjjkkklllllll\
  lllnnnnnnnnnooooooOOrrrrrrssssss\
  ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// The first code point [`LATIN`] covers.
const LATIN_START: u32 = 0xC0;

fn fold_char(c: char) -> Folded {
    match c {
        'A'..='Z' => Folded::Char(c.to_ascii_lowercase()),
        _ if c.is_ascii_whitespace() => Folded::Space,
        _ if c.is_ascii() => Folded::Char(c),
        '\u{C0}'..='\u{17F}' => latin(c),
        '\u{300}'..='\u{36F}' => Folded::Drop,
        // Greek capitals Α–Ω and Cyrillic А–Я, then Cyrillic Ѐ–Џ; final
        // sigma reads as sigma.
        '\u{391}'..='\u{3A9}' | '\u{410}'..='\u{42F}' => shifted(c, 0x20),
        '\u{400}'..='\u{40F}' => shifted(c, 0x50),
        'ς' => Folded::Char('σ'),
        _ if c.is_whitespace() => Folded::Space,
        _ => Folded::Char(c),
    }
}

fn latin(c: char) -> Folded {
    let at = u32::from(c).wrapping_sub(LATIN_START);
    let Some(&b) = LATIN.get(at as usize) else { return Folded::Char(c) };
    match b {
        b'*' => Folded::Char(c),
        b'A' => Folded::Pair('a', 'e'),
        b'O' => Folded::Pair('o', 'e'),
        b'I' => Folded::Pair('i', 'j'),
        b'T' => Folded::Pair('t', 'h'),
        b'S' => Folded::Pair('s', 's'),
        _ => Folded::Char(char::from(b)),
    }
}

fn shifted(c: char, by: u32) -> Folded {
    Folded::Char(char::from_u32(u32::from(c) + by).unwrap_or(c))
}

/// Appends `text` folded to `out`, calling `pushed(source offset, bytes
/// appended)` for each character. A space is not appended after a space.
/// Runs of ASCII other than whitespace are copied and lowercased whole.
fn fold_into(text: &str, out: &mut String, mut pushed: impl FnMut(usize, usize)) {
    let mut from = 0;
    while let Some(rest) = text.get(from..).filter(|r| !r.is_empty()) {
        let plain = rest.bytes().position(|b| !b.is_ascii() || b.is_ascii_whitespace()).unwrap_or(rest.len());
        let before = out.len();
        out.push_str(rest.get(..plain).unwrap_or(""));
        if let Some(copied) = out.get_mut(before..) {
            copied.make_ascii_lowercase();
        }
        for i in 0..plain {
            pushed(from + i, 1);
        }
        from += plain;
        if let Some(c) = text.get(from..).and_then(|r| r.chars().next()) {
            fold_one(c, from, out, &mut pushed);
            from += c.len_utf8();
        }
    }
}

/// Appends the character `c`, at `at` in the source, folded.
fn fold_one(c: char, at: usize, out: &mut String, pushed: &mut impl FnMut(usize, usize)) {
    let before = out.len();
    match fold_char(c) {
        Folded::Char(f) => out.push(f),
        Folded::Pair(a, b) => {
            out.push(a);
            out.push(b);
        }
        Folded::Space if !out.ends_with(' ') => out.push(' '),
        Folded::Space | Folded::Drop => {}
    }
    pushed(at, out.len() - before);
}

/// `text` as it is compared: ASCII and Greek and Cyrillic capitals
/// lowercased; Latin letters with accents as their base letters (`é` → `e`,
/// `ß` → `ss`, `æ` → `ae`, `ł` → `l`); combining marks dropped; each run of
/// whitespace one space. Everything else is kept as it is.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |_, _| {});
    out
}

/// [`fold`], with the byte offset in `text` of the character each byte of
/// the folded string came from.
#[must_use]
pub fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    fold_into(text, &mut out, |at, n| map.extend(std::iter::repeat_n(at, n)));
    (out, map)
}

// -------------------------------------------------------------------- Query

/// What a person typed into the filter: folded words and phrases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

impl Query {
    /// Words separated by whitespace, and phrases between double quotes
    /// (straight or curly; an unclosed quote runs to the end), folded.
    #[must_use]
    pub fn parse(input: &str) -> Self {
        let mut terms = Vec::new();
        let mut rest = input.trim_start();
        while let Some(first) = rest.chars().next() {
            let (term, after) = if is_quote(first) {
                let phrase = rest.get(first.len_utf8()..).unwrap_or("");
                match phrase.char_indices().find(|&(_, c)| is_quote(c)) {
                    Some((end, close)) => {
                        (phrase.get(..end).unwrap_or(""), phrase.get(end + close.len_utf8()..).unwrap_or(""))
                    }
                    None => (phrase, ""),
                }
            } else {
                let end = rest.find(|c: char| c.is_whitespace() || is_quote(c)).unwrap_or(rest.len());
                rest.split_at_checked(end).unwrap_or((rest, ""))
            };
            let folded = fold(term);
            let folded = folded.trim_matches(' ');
            if !folded.is_empty() {
                terms.push(folded.to_string());
            }
            rest = after.trim_start();
        }
        Self { terms }
    }

    /// The folded terms, in the order typed.
    #[must_use]
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Whether there is nothing to look for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

// -------------------------------------------------------------------- Index

/// Folded texts in one buffer, each entry after a `\n` (which folded text
/// never holds, so no match spans two entries).
#[derive(Clone, Debug, Default)]
struct Texts {
    buf: String,
    starts: Vec<usize>,
}

impl Texts {
    /// Starts the next entry; returns its number.
    fn begin(&mut self) -> usize {
        self.buf.push('\n');
        self.starts.push(self.buf.len());
        self.starts.len() - 1
    }

    fn push(&mut self, text: &str) {
        fold_into(text, &mut self.buf, |_, _| {});
    }

    fn push_inline(&mut self, text: &Inline) {
        for run in text.runs() {
            self.push(&run.text);
        }
    }

    /// Which entries hold `term`: one scan of the buffer.
    fn hits(&self, term: &str) -> Vec<bool> {
        let mut hit = vec![false; self.starts.len()];
        let mut entry = 0;
        for (at, _) in self.buf.match_indices(term) {
            while self.starts.get(entry + 1).is_some_and(|&next| next <= at) {
                entry += 1;
            }
            if let Some(h) = hit.get_mut(entry) {
                *h = true;
            }
        }
        hit
    }
}

/// A node of the document as the index knows it.
#[derive(Clone, Copy, Debug)]
struct Node {
    id: Id,
    /// Its parent node's position.
    parent: Option<usize>,
    /// The context its children sit in (the innermost).
    context: Option<usize>,
}

/// A toggleable unit.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Its node's position.
    node: usize,
    /// The innermost context it sits in.
    context: Option<usize>,
}

/// The folded texts of one document's units and of the headings and list
/// labels they sit in, built once per parse and searched per keystroke.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Every node, in document order.
    nodes: Vec<Node>,
    /// The toggleable units, in document order ([`units`]'s order).
    units: Vec<Entry>,
    /// The units' own texts, one entry each.
    own: Texts,
    /// Section headings and list labels, one entry each.
    contexts: Texts,
    /// The context each context sits in.
    context_parents: Vec<Option<usize>>,
}

impl Index {
    /// The index of `persona`.
    #[must_use]
    pub fn new(persona: &Persona) -> Self {
        let mut index = Self::default();
        let mut path: Vec<usize> = Vec::new();
        order::walk(persona, &mut |unit, depth| {
            path.truncate(depth);
            let parent = path.last().copied();
            path.push(index.nodes.len());
            index.add(unit, parent);
        });
        index
    }

    /// Adds `unit`, whose parent node is at `parent`.
    fn add(&mut self, unit: Unit<'_>, parent: Option<usize>) {
        let inherited = parent.and_then(|p| self.nodes.get(p)).and_then(|n| n.context);
        let context = match unit {
            Unit::Section(s) if !s.children.is_empty() => Some(self.context(&s.heading.text, inherited)),
            Unit::Block(Block { kind: BlockKind::List(List { label: Some(label), .. }), .. }) => {
                Some(self.context(&label.text, inherited))
            }
            _ => inherited,
        };
        let node = self.nodes.len();
        self.nodes.push(Node { id: unit.id(), parent, context });
        if toggle(unit).is_some() {
            self.own.begin();
            own_text(&mut self.own, unit);
            self.units.push(Entry { node, context: inherited });
        }
    }

    /// Adds a context entry for `text`, inside the context `parent`.
    fn context(&mut self, text: &Inline, parent: Option<usize>) -> usize {
        let at = self.contexts.begin();
        self.contexts.push_inline(text);
        self.context_parents.push(parent);
        at
    }

    /// How many toggleable units there are.
    #[must_use]
    pub fn total(&self) -> usize {
        self.units.len()
    }

    /// The units that hold every term of `query`, each in its own text or
    /// its context, and the nodes to show them in. An empty query matches
    /// every unit.
    #[must_use]
    pub fn find(&self, query: &Query) -> Matches {
        let mut alive = vec![true; self.units.len()];
        for term in query.terms() {
            let own = self.own.hits(term);
            let contexts = self.context_hits(term);
            for ((alive, unit), own) in alive.iter_mut().zip(&self.units).zip(own) {
                *alive &= own || unit.context.and_then(|c| contexts.get(c).copied()).unwrap_or(false);
            }
            if !alive.contains(&true) {
                break;
            }
        }
        self.matches(&alive)
    }

    /// Which contexts hold `term`, themselves or in a context around them.
    fn context_hits(&self, term: &str) -> Vec<bool> {
        let mut hits = self.contexts.hits(term);
        // Parents come before their children.
        for (at, parent) in self.context_parents.iter().enumerate() {
            if parent.and_then(|p| hits.get(p).copied()).unwrap_or(false)
                && let Some(h) = hits.get_mut(at)
            {
                *h = true;
            }
        }
        hits
    }

    /// The matches for units flagged in `alive`: each is shown, and so is
    /// every node it sits in.
    fn matches(&self, alive: &[bool]) -> Matches {
        let count = alive.iter().filter(|a| **a).count();
        let shown = IdMap::with_capacity_and_hasher(count * 2, BuildHasherDefault::default());
        let mut m = Matches { matched: Vec::with_capacity(count), shown, total: self.units.len() };
        for unit in self.units.iter().zip(alive).filter(|(_, a)| **a).map(|(u, _)| u) {
            let Some(node) = self.nodes.get(unit.node) else { continue };
            m.matched.push(node.id);
            m.shown.insert(node.id, true);
            // Parents come first, so an ancestor already shown has its own
            // ancestors shown too.
            let mut up = node.parent.and_then(|p| self.nodes.get(p));
            while let Some(n) = up.filter(|n| !m.shown.contains_key(&n.id)) {
                m.shown.insert(n.id, false);
                up = n.parent.and_then(|p| self.nodes.get(p));
            }
        }
        m
    }
}

/// The text a unit is found by, appended to `t`.
fn own_text(t: &mut Texts, unit: Unit<'_>) {
    match unit {
        Unit::Title(h) => t.push_inline(&h.text),
        Unit::Section(s) => t.push_inline(&s.heading.text),
        Unit::Item(i) => t.push_inline(&i.text),
        Unit::Block(b) => match &b.kind {
            BlockKind::Paragraph { text, .. } | BlockKind::Quote { text, .. } => t.push_inline(text),
            BlockKind::Code { lang, code } => {
                t.push(lang);
                t.push(" ");
                t.push(code);
            }
            BlockKind::Table { header, rows, .. } => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    t.push_inline(cell);
                    t.push(" ");
                }
            }
            BlockKind::Html { raw } => t.push(raw),
            BlockKind::Rule | BlockKind::List(_) => {}
        },
    }
}

/// Ids are well mixed already, so they index the map as they are.
type IdMap<V> = HashMap<Id, V, BuildHasherDefault<PassThrough>>;

/// What a query found in one document.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    matched: Vec<Id>,
    /// Every node to show: `true` for a matched unit, `false` for a node a
    /// matched unit sits in.
    shown: IdMap<bool>,
    total: usize,
}

impl Matches {
    /// The matched units, in document order.
    #[must_use]
    pub fn matched(&self) -> &[Id] {
        &self.matched
    }

    /// Whether `id` is a matched unit.
    #[must_use]
    pub fn is_matched(&self, id: Id) -> bool {
        self.shown.get(&id).copied().unwrap_or(false)
    }

    /// Whether the node `id` is shown: a matched unit, or a section, list
    /// or item that holds one.
    #[must_use]
    pub fn shows(&self, id: Id) -> bool {
        self.shown.contains_key(&id)
    }

    /// How many units matched.
    #[must_use]
    pub fn count(&self) -> usize {
        self.matched.len()
    }

    /// How many toggleable units the document has.
    #[must_use]
    pub fn total(&self) -> usize {
        self.total
    }
}

// --------------------------------------------------------------- Highlights

/// Where the terms of `query` occur in `text`: byte ranges on character
/// boundaries, sorted, with overlapping and touching ranges merged. A match
/// that covers part of a folded character (`s` in `ß`) takes all of it, and
/// one that ends before combining marks takes them too.
#[must_use]
pub fn highlights(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let (folded, map) = fold_mapped(text);
    let mut found: Vec<Range<usize>> = query
        .terms()
        .iter()
        .flat_map(|term| folded.match_indices(term.as_str()))
        .map(|(at, m)| source_range(&map, at..at + m.len(), text.len()))
        .collect();
    found.sort_unstable_by_key(|r| (r.start, r.end));
    merge(found)
}

/// The source bytes of the folded bytes `folded`, by `map` (see
/// [`fold_mapped`]): from the first one's character to where the next
/// character that folded to something starts.
fn source_range(map: &[usize], folded: Range<usize>, len: usize) -> Range<usize> {
    let start = map.get(folded.start).copied().unwrap_or(len);
    let last = map.get(folded.end.saturating_sub(1)).copied().unwrap_or(len);
    let end =
        map.get(folded.end..).and_then(|rest| rest.iter().find(|&&at| at > last)).copied().unwrap_or(len);
    start..end
}

fn merge(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

// --------------------------------------------------------------- Bulk switches

/// Switches every matched unit on or off.
pub fn switch_matching(sel: &mut Selection, matches: &Matches, on: bool) {
    sel.set_many(matches.matched().iter().copied(), on);
}

/// Switches every unit of `persona` off but the matched ones, which it
/// switches on. Ids the selection holds of units no longer in the document
/// stay off.
pub fn keep_only_matching(sel: &mut Selection, persona: &Persona, matches: &Matches) {
    sel.set_many(units(persona), false);
    switch_matching(sel, matches, true);
}
