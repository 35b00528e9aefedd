//! Filtering a persona's guidelines by what a person types.
//!
//! A [`Query`] is words and `"quoted phrases"`, in alternatives separated
//! by `|` or by `OR` (in capitals, as a word of its own; a lowercase "or"
//! is a word to find). A unit matches when every term of at least one
//! alternative occurs in its own text or in its context: the headings of
//! the sections it sits in and, for a list item, its list's label. AND
//! binds tighter than OR: `rust test | go` is (rust and test) or go. So
//! "python" finds everything under a "Python" heading. Parent items are
//! not context: a nested item matches on its own words.
//!
//! A term occurs where it starts a word, as a prefix: "go" finds "Go",
//! "golang", "go-to" and "(go", not "Django" or "ergo", and "pyth" already
//! finds "Python" while it is being typed. A term starts a word where the
//! folded character before it is not a letter or digit (or there is
//! none). Two exceptions, where no word is cut into: a term that begins
//! with something other than a letter or digit (".path" in "os.path")
//! may start anywhere, and so may a term in, or after, a script written
//! without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
//! Myanmar), where any character can start a word.
//!
//! Texts are compared [`fold`]ed: case, Latin accents (precomposed or
//! combining) and runs of whitespace do not matter. Inline code and link
//! text count as text; link targets do not (they are not shown, so a match
//! in one could not be highlighted).
//!
//! An [`Index`] holds the folded texts of one parsed document, built once;
//! [`Index::find`] then scans them once per distinct term (a search for the
//! term, then a look at the character before each hit), which stays within
//! a few milliseconds for a document of 20,000 items. When nothing
//! matches, [`Matches::no_match`] says why: the
//! terms that match nothing even alone ([`NoMatch::missing`]) and the
//! alternatives whose terms each match alone but never all together
//! ([`NoMatch::apart`]); [`describe`] words that for the filter.
//! [`highlights`] finds every term of every alternative in a shown text,
//! at word starts as above; [`switch_matching`] and [`keep_only_matching`]
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

// -------------------------------------------------------------- Word starts

/// Whether `c` belongs to a script written without spaces between words
/// (Thai, Lao, Myanmar, Khmer, Japanese kana, Han), where a word can start
/// at any character.
fn is_unspaced(c: char) -> bool {
    matches!(
        c,
        '\u{E00}'..='\u{EFF}'
            | '\u{1000}'..='\u{109F}'
            | '\u{1780}'..='\u{17FF}'
            | '\u{3005}'..='\u{3007}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// Whether `c` is part of a word a match may not start inside: a letter or
/// digit of a script written with spaces between words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// Whether a match of a term beginning with `first` at `at` in `text`
/// starts a word: it does not begin inside one (`first` and the character
/// before it are not both [word characters](is_word_char)).
fn starts_word(text: &str, at: usize, first: char) -> bool {
    if !is_word_char(first) {
        return true;
    }
    match at.checked_sub(1).and_then(|before| text.as_bytes().get(before)) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => text.get(..at).and_then(|b| b.chars().next_back()).is_none_or(|c| !is_word_char(c)),
    }
}

/// Where `term` occurs in `text`: byte offsets, in order, overlapping
/// occurrences included; an empty term occurs nowhere. One search over
/// `text`: only a term that can overlap itself (one that ends the way it
/// begins: `a a`, `--`) can hide an occurrence inside another, perhaps one
/// that starts a word inside one that does not (`a a` in `ba a a`), so for
/// those the search resumes one character after each hit, not at its end.
fn occurrences<'a>(text: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    let step = term.chars().next().map_or(0, char::len_utf8);
    let overlapping = (step..term.len()).any(|at| term.get(at..).is_some_and(|end| term.starts_with(end)));
    let mut base = 0;
    let mut hits = text.match_indices(term);
    std::iter::from_fn(move || {
        if step == 0 {
            return None;
        }
        let (at, _) = hits.next()?;
        let at = base + at;
        if overlapping {
            base = at + step;
            hits = text.get(base..)?.match_indices(term);
        }
        Some(at)
    })
}

/// Where `term` occurs in `text` starting a word ([`starts_word`]): the
/// [`occurrences`], each checked by the character before it.
fn word_matches<'a>(text: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    let first = term.chars().next().unwrap_or(' ');
    occurrences(text, term).filter(move |&at| starts_word(text, at, first))
}

// -------------------------------------------------------------------- Query

/// What a person typed into the filter: folded words and phrases, in
/// alternatives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Every term, in the order typed.
    terms: Vec<String>,
    /// Each alternative's terms, as a range of `terms`; none is empty.
    alternatives: Vec<Range<usize>>,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// What the next piece of a query is.
enum Token<'a> {
    /// A word or a phrase, as typed.
    Term(&'a str),
    /// `|` or `OR`: the next alternative starts.
    Or,
}

impl Query {
    /// Words separated by whitespace, and phrases between double quotes
    /// (straight or curly; an unclosed quote runs to the end), folded.
    /// A `|` (outside quotes) or an `OR` in capitals standing as a word
    /// separates alternatives; empty alternatives are left out. A quoted
    /// `"OR"` or `"|"` is a term.
    #[must_use]
    pub fn parse(input: &str) -> Self {
        let mut query = Self::default();
        let mut rest = input.trim_start();
        while let Some(first) = rest.chars().next() {
            let (token, after) = if is_quote(first) {
                let phrase = rest.get(first.len_utf8()..).unwrap_or("");
                match phrase.char_indices().find(|&(_, c)| is_quote(c)) {
                    Some((end, close)) => (
                        Token::Term(phrase.get(..end).unwrap_or("")),
                        phrase.get(end + close.len_utf8()..).unwrap_or(""),
                    ),
                    None => (Token::Term(phrase), ""),
                }
            } else if first == '|' {
                (Token::Or, rest.get(1..).unwrap_or(""))
            } else {
                let end =
                    rest.find(|c: char| c.is_whitespace() || is_quote(c) || c == '|').unwrap_or(rest.len());
                let (word, after) = rest.split_at_checked(end).unwrap_or((rest, ""));
                (if word == "OR" { Token::Or } else { Token::Term(word) }, after)
            };
            match token {
                Token::Term(term) => {
                    let folded = fold(term);
                    let folded = folded.trim_matches(' ');
                    if !folded.is_empty() {
                        query.terms.push(folded.to_string());
                    }
                }
                Token::Or => query.close_alternative(),
            }
            rest = after.trim_start();
        }
        query.close_alternative();
        query
    }

    /// Ends the alternative being read, unless it holds no term.
    fn close_alternative(&mut self) {
        let from = self.alternatives.last().map_or(0, |a| a.end);
        if self.terms.len() > from {
            self.alternatives.push(from..self.terms.len());
        }
    }

    /// Every folded term, of every alternative, in the order typed (what
    /// [`highlights`] marks).
    #[must_use]
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The alternatives, in the order typed: each its folded terms, of
    /// which a unit must hold all. None is empty.
    pub fn alternatives(&self) -> impl Iterator<Item = &[String]> {
        self.alternatives.iter().map(|a| self.terms.get(a.clone()).unwrap_or_default())
    }

    /// Whether there is nothing to look for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

// -------------------------------------------------------------------- Index

/// Folded texts in one buffer, each entry after a `\n` (which folded text
/// never holds, so no match spans two entries, and every entry's start is
/// a word start).
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

    /// Which entries hold `term` starting a word: one scan of the buffer
    /// (only the first word start in an entry is looked for).
    fn hits(&self, term: &str) -> Vec<bool> {
        let mut hit = vec![false; self.starts.len()];
        let first = term.chars().next().unwrap_or(' ');
        let mut entry = 0;
        for at in occurrences(&self.buf, term) {
            while self.starts.get(entry + 1).is_some_and(|&next| next <= at) {
                entry += 1;
            }
            if let Some(h) = hit.get_mut(entry).filter(|h| !**h)
                && starts_word(&self.buf, at, first)
            {
                *h = true;
            }
        }
        hit
    }

    /// Whether any entry holds `term` starting a word: a scan of the
    /// buffer up to the first.
    fn holds(&self, term: &str) -> bool {
        word_matches(&self.buf, term).next().is_some()
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

    /// The units that hold every term of at least one alternative of
    /// `query`, each term in the unit's own text or its context, and the
    /// nodes to show them in. An empty query matches every unit. When
    /// nothing matches, [`Matches::no_match`] says why.
    #[must_use]
    pub fn find(&self, query: &Query) -> Matches {
        if query.is_empty() {
            return self.matches(&vec![true; self.units.len()], None);
        }
        let mut terms = TermHits::new(self);
        let found = terms.find(query);
        let why = if found.contains(&true) { None } else { Some(terms.explain(query)) };
        self.matches(&found, why)
    }

    /// Which units hold `term`, in their own text or their context.
    fn unit_hits(&self, term: &str) -> Vec<bool> {
        let own = self.own.hits(term);
        let contexts = self.context_hits(term);
        self.units
            .iter()
            .zip(own)
            .map(|(unit, own)| own || unit.context.and_then(|c| contexts.get(c).copied()).unwrap_or(false))
            .collect()
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
    /// every node it sits in; `no_match` says why there are none.
    fn matches(&self, alive: &[bool], no_match: Option<NoMatch>) -> Matches {
        let count = alive.iter().filter(|a| **a).count();
        let shown = IdMap::with_capacity_and_hasher(count * 2, BuildHasherDefault::default());
        let mut m = Matches { matched: Vec::with_capacity(count), shown, total: self.units.len(), no_match };
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

/// Each distinct term's [`Index::unit_hits`], worked out once per search.
struct TermHits<'i, 'q> {
    index: &'i Index,
    known: Vec<(&'q str, Vec<bool>)>,
}

impl<'i, 'q> TermHits<'i, 'q> {
    fn new(index: &'i Index) -> Self {
        Self { index, known: Vec::new() }
    }

    /// Which units hold `term`.
    fn get(&mut self, term: &'q str) -> &[bool] {
        let at = self.known.iter().position(|(t, _)| *t == term).unwrap_or_else(|| {
            self.known.push((term, self.index.unit_hits(term)));
            self.known.len() - 1
        });
        self.known.get(at).map_or(&[], |(_, hits)| hits.as_slice())
    }

    /// Whether any unit holds `term`: one in its own text stops the scan
    /// there; else every unit's context is looked at.
    fn anywhere(&mut self, term: &'q str) -> bool {
        if let Some((_, hits)) = self.known.iter().find(|(t, _)| *t == term) {
            return hits.contains(&true);
        }
        self.index.own.holds(term) || self.get(term).contains(&true)
    }

    /// Which units match `query` (not empty): every term of an alternative.
    /// An alternative stops being scanned once no unit is left in it.
    fn find(&mut self, query: &'q Query) -> Vec<bool> {
        let n = self.index.units.len();
        let mut found = vec![false; n];
        for alternative in query.alternatives() {
            let mut alive = vec![true; n];
            for term in alternative {
                for (alive, hit) in alive.iter_mut().zip(self.get(term)) {
                    *alive &= *hit;
                }
                if !alive.contains(&true) {
                    break;
                }
            }
            for (found, alive) in found.iter_mut().zip(alive) {
                *found |= alive;
            }
        }
        found
    }

    /// Why `query`, which matches nothing, does not.
    fn explain(&mut self, query: &'q Query) -> NoMatch {
        let mut why = NoMatch::default();
        for term in query.terms() {
            if !why.missing.contains(term) && !self.anywhere(term) {
                why.missing.push(term.clone());
            }
        }
        for alternative in query.alternatives() {
            if alternative.iter().any(|t| why.missing.contains(t)) {
                continue;
            }
            let mut terms: Vec<String> = Vec::with_capacity(alternative.len());
            for term in alternative {
                if !terms.contains(term) {
                    terms.push(term.clone());
                }
            }
            if !why.apart.contains(&terms) {
                why.apart.push(terms);
            }
        }
        why
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
    /// Why nothing matched, when nothing did.
    no_match: Option<NoMatch>,
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

    /// Why the query matched nothing: `Some` exactly when a query with
    /// terms matched no unit (see [`describe`]).
    #[must_use]
    pub fn no_match(&self) -> Option<&NoMatch> {
        self.no_match.as_ref()
    }
}

// ------------------------------------------------------------ Why no match

/// Why a query matched nothing ([`Matches::no_match`]):
/// every alternative has a term in `missing`, or is in `apart`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoMatch {
    /// The terms that match no unit even on their own (folded, each once,
    /// in the order typed).
    pub missing: Vec<String>,
    /// The alternatives whose terms each match some unit on their own but
    /// no unit all together (folded, each term once, in the order typed;
    /// two terms or more each).
    pub apart: Vec<Vec<String>>,
}

/// A term as it could be typed again: a phrase (or a term holding `|`) in
/// straight quotes, a word as it is.
fn typed(term: &str) -> String {
    if term.contains([' ', '|']) { format!("\"{term}\"") } else { term.to_string() }
}

/// What the filter says when nothing matches, in English: "Nothing
/// matches “zzz”" for terms that match nothing, and for AND-ed terms that
/// each match alone, "No guideline has all of: react, golang. Each matches
/// on its own — try react | golang"; sentences joined by ". ", without a
/// final full stop.
#[must_use]
pub fn describe(why: &NoMatch) -> String {
    let mut sentences = Vec::new();
    if !why.missing.is_empty() {
        let quoted: Vec<String> = why.missing.iter().map(|t| format!("“{t}”")).collect();
        let list = match quoted.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => quoted.concat(),
        };
        sentences.push(format!("Nothing matches {list}"));
    }
    for terms in &why.apart {
        let typed: Vec<String> = terms.iter().map(|t| typed(t)).collect();
        sentences.push(format!("No guideline has all of: {}", typed.join(", ")));
        sentences.push(format!("Each matches on its own — try {}", typed.join(" | ")));
    }
    if sentences.is_empty() {
        return "No guideline matches".to_string();
    }
    sentences.join(". ")
}

// --------------------------------------------------------------- Highlights

/// Where the terms of `query`, of every alternative, occur in `text`
/// starting a word (as [`Index::find`] matches them): byte ranges on
/// character boundaries, sorted, with overlapping and touching ranges
/// merged. A match that covers part of a folded character (`s` in `ß`)
/// takes all of it, and one that ends before combining marks takes them
/// too.
#[must_use]
pub fn highlights(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let (folded, map) = fold_mapped(text);
    let mut found: Vec<Range<usize>> = query
        .terms()
        .iter()
        .flat_map(|term| word_matches(&folded, term).map(move |at| at..at + term.len()))
        .map(|found| source_range(&map, found, text.len()))
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::persona::parse;

    /// Every unit's plain text, by id (a section by its heading).
    fn texts(p: &Persona) -> HashMap<Id, String> {
        let mut out = HashMap::new();
        order::walk(p, &mut |u, _| {
            let text = match u {
                Unit::Title(h) => h.text.to_plain(),
                Unit::Section(s) => s.heading.text.to_plain(),
                Unit::Item(i) => i.text.to_plain(),
                Unit::Block(b) => match &b.kind {
                    BlockKind::Paragraph { text, .. } | BlockKind::Quote { text, .. } => text.to_plain(),
                    BlockKind::Code { code, .. } => code.clone(),
                    _ => String::new(),
                },
            };
            out.insert(u.id(), text.trim().to_string());
        });
        out
    }

    /// The texts of the units `query` matches in `doc`.
    fn found(doc: &str, query: &str) -> Vec<String> {
        let p = parse(doc);
        let texts = texts(&p);
        Index::new(&p).find(&Query::parse(query)).matched().iter().map(|id| texts[id].clone()).collect()
    }

    /// A list of one item per text.
    fn list(items: &[&str]) -> String {
        items.iter().flat_map(|i| ["- ", i, "\n"]).collect()
    }

    const WORDS: &[&str] =
        &["Go", "golang", "go-to", "(go", "Django", "ergo", "Cargo", "Python", "snake_go", "v2go"];

    #[test]
    fn words_match_at_word_starts_not_inside_words() {
        let doc = list(WORDS);
        assert_eq!(found(&doc, "go"), ["Go", "golang", "go-to", "(go", "snake_go"]);
        assert_eq!(found(&doc, "GO"), found(&doc, "go"));
        assert_eq!(found(&doc, "jango"), Vec::<String>::new());
        assert_eq!(found(&doc, "django"), ["Django"]);
        assert_eq!(found(&doc, "rgo"), Vec::<String>::new());
        // Prefixes, while typing.
        assert_eq!(found(&doc, "pyth"), ["Python"]);
        assert_eq!(found(&doc, "ython"), Vec::<String>::new());
        assert_eq!(found(&doc, "go lang"), Vec::<String>::new());
    }

    #[test]
    fn phrases_start_at_word_starts_too() {
        let doc = list(&["let's go to town", "ergo to town", "Go  to\ttown"]);
        assert_eq!(found(&doc, "\"go to\""), ["let's go to town", "Go  to\ttown"]);
        assert_eq!(found(&doc, "\"o to\""), Vec::<String>::new());
        assert_eq!(found(&doc, "\"go to t\""), ["let's go to town", "Go  to\ttown"]);
    }

    #[test]
    fn folding_applies_before_word_starts_are_judged() {
        let doc = list(&["Étude in C", "Straße", "Æsir", "Cafe\u{301}teria", "ΑΘΗΝΑ"]);
        assert_eq!(found(&doc, "etude"), ["Étude in C"]);
        assert_eq!(found(&doc, "ÉTU"), ["Étude in C"]);
        assert_eq!(found(&doc, "ss"), Vec::<String>::new(), "ß is inside the word");
        assert_eq!(found(&doc, "strass"), ["Straße"]);
        assert_eq!(found(&doc, "aes"), ["Æsir"]);
        assert_eq!(found(&doc, "esir"), Vec::<String>::new());
        assert_eq!(found(&doc, "teria"), Vec::<String>::new(), "a combining mark does not end a word");
        assert_eq!(found(&doc, "αθη"), ["ΑΘΗΝΑ"]);
    }

    #[test]
    fn punctuation_first_terms_and_unspaced_scripts_match_anywhere() {
        let doc = list(&[
            "Prefer pathlib over os.path",
            "call f(go)",
            "日本語のテキスト",
            "ภาษาไทยง่าย",
            "ЯндексGo",
        ]);
        assert_eq!(found(&doc, ".path"), ["Prefer pathlib over os.path"]);
        assert_eq!(found(&doc, "path"), ["Prefer pathlib over os.path"]);
        assert_eq!(found(&doc, "(go"), ["call f(go)"]);
        assert_eq!(found(&doc, "go"), ["call f(go)"]);
        assert_eq!(found(&doc, "テキスト"), ["日本語のテキスト"]);
        assert_eq!(found(&doc, "ไทย"), ["ภาษาไทยง่าย"]);
        assert_eq!(found(&doc, "декс"), Vec::<String>::new(), "Cyrillic is written with spaces");
    }

    #[test]
    fn context_matches_at_word_starts_too() {
        let doc = "# Guide\n\n## Django\n\n- Use views.\n\n## Go\n\n- Use modules.\n";
        assert_eq!(found(doc, "go use"), ["Use modules."]);
        assert_eq!(found(doc, "use django"), ["Use views."]);
    }

    /// (input, its alternatives).
    const ALTERNATIVES: &[(&str, &[&[&str]])] = &[
        ("", &[]),
        ("rust test | go", &[&["rust", "test"], &["go"]]),
        ("rust test OR go", &[&["rust", "test"], &["go"]]),
        ("rust|go", &[&["rust"], &["go"]]),
        ("this or that", &[&["this", "or", "that"]]),
        ("this Or that", &[&["this", "or", "that"]]),
        ("ORACLE sql", &[&["oracle", "sql"]]),
        ("a OR\"b c\"", &[&["a"], &["b c"]]),
        ("| go || | rust OR OR", &[&["go"], &["rust"]]),
        ("|", &[]),
        ("OR", &[]),
        ("\"a | b\" \"OR\"", &[&["a | b", "or"]]),
        ("\"x\"|y", &[&["x"], &["y"]]),
    ];

    #[test]
    fn bars_and_capital_or_split_alternatives() {
        for (input, want) in ALTERNATIVES {
            let q = Query::parse(input);
            let got: Vec<&[String]> = q.alternatives().collect();
            assert_eq!(got, *want, "{input:?}");
            let all: Vec<&str> = want.iter().flat_map(|a| a.iter().copied()).collect();
            assert_eq!(q.terms(), all, "{input:?}: terms() holds every alternative's");
            assert_eq!(q.is_empty(), want.is_empty());
        }
    }

    #[test]
    fn a_unit_matches_when_one_alternative_matches_whole() {
        let doc = list(&["rust tests", "rust code", "go tests", "go code", "zig"]);
        assert_eq!(found(&doc, "rust test | go"), ["rust tests", "go tests", "go code"]);
        assert_eq!(found(&doc, "rust test OR go"), ["rust tests", "go tests", "go code"]);
        assert_eq!(found(&doc, "zig | code rust"), ["rust code", "zig"]);
        assert_eq!(found(&doc, "zzz | zig"), ["zig"]);
        assert_eq!(found(&doc, "rust or go"), Vec::<String>::new(), "a lowercase or is a word");
        assert_eq!(found(&doc, "| zig |"), ["zig"]);
        let m = Index::new(&parse(&doc)).find(&Query::parse("rust | rust"));
        assert_eq!(m.count(), 2);
    }

    fn ranges<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        let hl = highlights(text, &Query::parse(query));
        hl.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn highlights_mark_every_alternative_at_word_starts_only() {
        let table: [(&str, &str, &[&str]); 14] = [
            ("Use Go, not Django or ergo", "go", &["Go"]),
            ("golang and go-to and (go", "go", &["go", "go", "go"]),
            ("rust tests and go code", "rust test | go", &["rust", "test", "go"]),
            ("rust tests and go code", "zzz OR code", &["code"]),
            ("a cat and a hat", "at", &[]),
            ("a cat and a hat", "a", &["a", "a", "a"]),
            ("Die Straße", "ss", &[]),
            ("Die Straße", "strasse", &["Straße"]),
            ("database", "data base", &["data"]),
            ("Étude", "etu", &["Étu"]),
            ("Prefer os.path", ".path", &[".path"]),
            ("日本語のテキストです", "テキスト", &["テキスト"]),
            ("let's go to, ergo to", "\"go to\"", &["go to"]),
            ("ba a a", "\"a a\"", &["a a"]),
        ];
        for (text, query, want) in table {
            assert_eq!(ranges(text, query), want, "{text:?} query {query:?}");
        }
        assert_eq!(highlights("aaaa bbbb aaaa", &Query::parse("aa aaa b")), [0..3, 5..6, 10..13]);
    }

    #[test]
    fn an_occurrence_inside_a_word_does_not_hide_one_at_a_word_start() {
        let at: Vec<usize> = word_matches("ba a a", "a a").collect();
        assert_eq!(at, [3]);
        let at: Vec<usize> = word_matches("ba-a-a-a", "a-a").collect();
        assert_eq!(at, [3, 5]);
        let at: Vec<usize> = word_matches("go go", "go").collect();
        assert_eq!(at, [0, 3]);
        let at: Vec<usize> = word_matches("---", "--").collect();
        assert_eq!(at, [0, 1]);
        let at: Vec<usize> = word_matches("日日日", "日日").collect();
        assert_eq!(at, [0, 3]);
        assert_eq!(word_matches("anything", "").count(), 0);
    }

    const APART: &str = "# Guide\n\n## Frontend\n\n- Use React hooks.\n- Prefer CSS modules.\n\n## Backend\n\n- Write services in golang.\n- Use Django for admin.\n";

    fn why(doc: &str, query: &str) -> Option<NoMatch> {
        let index = Index::new(&parse(doc));
        let q = Query::parse(query);
        index.find(&q).no_match().cloned()
    }

    fn no_match(missing: &[&str], apart: &[&[&str]]) -> NoMatch {
        let strings = |terms: &[&str]| terms.iter().map(|t| (*t).to_string()).collect::<Vec<_>>();
        NoMatch { missing: strings(missing), apart: apart.iter().map(|a| strings(a)).collect() }
    }

    #[test]
    fn no_match_says_which_terms_match_nothing_and_which_only_apart() {
        assert_eq!(why(APART, ""), None);
        assert_eq!(why(APART, "react"), None);
        assert_eq!(why(APART, "react | zzz"), None);
        assert_eq!(why(APART, "zzz"), Some(no_match(&["zzz"], &[])));
        assert_eq!(why(APART, "react zzz react ZZZ"), Some(no_match(&["zzz"], &[])));
        assert_eq!(why(APART, "ango"), Some(no_match(&["ango"], &[])), "inside a word is nowhere");
        assert_eq!(why(APART, "react golang"), Some(no_match(&[], &[&["react", "golang"]])));
        assert_eq!(why(APART, "React react GOLANG"), Some(no_match(&[], &[&["react", "golang"]])));
        // Frontend (context) and golang each match; together they do not.
        assert_eq!(why(APART, "frontend golang"), Some(no_match(&[], &[&["frontend", "golang"]])));
        assert_eq!(
            why(APART, "react golang | qqq | css django"),
            Some(no_match(&["qqq"], &[&["react", "golang"], &["css", "django"]]))
        );
        assert_eq!(why(APART, "zzz | react golang zzz"), Some(no_match(&["zzz"], &[])));
        assert_eq!(
            why(APART, "react golang | golang react"),
            Some(no_match(&[], &[&["react", "golang"], &["golang", "react"]]))
        );
        assert_eq!(why(APART, "react golang | react golang"), Some(no_match(&[], &[&["react", "golang"]])));
        // A document without units: every term is missing.
        assert_eq!(why("", "a b"), Some(no_match(&["a", "b"], &[])));
    }

    #[test]
    fn describe_says_why_in_english() {
        let text = |missing: &[&str], apart: &[&[&str]]| describe(&no_match(missing, apart));
        assert_eq!(text(&["zzz"], &[]), "Nothing matches “zzz”");
        assert_eq!(text(&["zzz", "qqq"], &[]), "Nothing matches “zzz” or “qqq”");
        assert_eq!(text(&["a", "b c", "d"], &[]), "Nothing matches “a”, “b c” or “d”");
        assert_eq!(
            text(&[], &[&["react", "golang"]]),
            "No guideline has all of: react, golang. Each matches on its own — try react | golang"
        );
        assert_eq!(
            text(&["zzz"], &[&["short and", "go"]]),
            "Nothing matches “zzz”. No guideline has all of: \"short and\", go. \
             Each matches on its own — try \"short and\" | go"
        );
        assert_eq!(describe(&NoMatch::default()), "No guideline matches");
        // What find says, described.
        let why = Index::new(&parse(APART)).find(&Query::parse("React golang")).no_match().map(describe);
        assert_eq!(
            why.as_deref(),
            Some("No guideline has all of: react, golang. Each matches on its own — try react | golang")
        );
        // The suggestion finds what each term finds.
        assert_eq!(found(APART, "react | golang"), ["Use React hooks.", "Write services in golang."]);
    }

    /// Whether `c` is a word character, for the alphabets below (日 is
    /// written without spaces).
    #[cfg(not(target_arch = "wasm32"))]
    fn naive_word(c: char) -> bool {
        c.is_alphanumeric() && c != '日'
    }

    /// Where `term` occurs in `text` not starting inside a word, by trying
    /// every character.
    #[cfg(not(target_arch = "wasm32"))]
    fn naive_matches(text: &str, term: &str) -> Vec<usize> {
        let Some(first) = term.chars().next() else { return Vec::new() };
        text.char_indices()
            .map(|(at, _)| at)
            .filter(|&at| text[at..].starts_with(term))
            .filter(|&at| !naive_word(first) || !text[..at].chars().next_back().is_some_and(naive_word))
            .collect()
    }

    // (proptest is a native dev-dependency.)
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn word_matches_are_the_word_starts_among_all_occurrences(
            text in "[ab (\\-é日]{0,24}",
            term in "[ab (\\-日][ab (\\-]{0,3}",
        ) {
            let folded = fold(&text);
            let got: Vec<usize> = word_matches(&folded, &term).collect();
            proptest::prop_assert_eq!(got, naive_matches(&folded, &term));
        }

        /// Every highlight begins at a word start: its first character and
        /// the one before it are not both letters or digits.
        #[test]
        fn a_highlight_always_begins_at_a_word_start(
            text in "[abAB (\\-éÉß\u{301}日\n]{0,30}",
            query in "[abAB (\\-éß|\"日]{0,8}( (OR|\\|) [ab]{1,2})?",
        ) {
            let q = Query::parse(&query);
            for r in highlights(&text, &q) {
                let before = fold(&text[..r.start]).chars().next_back();
                let first = fold(&text[r.start..]).chars().next();
                proptest::prop_assert!(
                    !(before.is_some_and(naive_word) && first.is_some_and(naive_word)),
                    "{:?} at {:?} for {:?}", text, r, query
                );
            }
        }

        /// Find matches exactly the units whose own text holds every term
        /// of an alternative at a word start.
        #[test]
        fn find_matches_the_units_holding_an_alternative_at_word_starts(
            items in proptest::collection::vec("[ab][ab (\\-]{0,10}", 1..8),
            query in "[ab(\\-]{1,3}( [ab]{1,2})?( \\| [ab(][ab]{0,2})?",
        ) {
            let doc: String = items.iter().flat_map(|i| ["- ", i, "\n"]).collect();
            let p = parse(&doc);
            let texts = texts(&p);
            let q = Query::parse(&query);
            let m = Index::new(&p).find(&q);
            for id in units(&p) {
                let text = fold(&texts[&id]);
                let want = q.alternatives().any(|a| a.iter().all(|t| !naive_matches(&text, t).is_empty()));
                proptest::prop_assert_eq!(m.is_matched(id), want, "{:?} in {:?}", query, text);
            }
            proptest::prop_assert_eq!(m.no_match().is_some(), m.count() == 0);
        }
    }
}
