//! What changed against the original: the custom prompt compared with the
//! original document, word by word, and the units compared one by one
//! (switched off, edited, added, moved, removed).
//!
//! The diff is the `similar` crate's Myers algorithm, used at its lowest
//! level on one kind of sequence (numbers: lines, words and ids are
//! interned first), so the build carries one copy of it. Text is compared
//! in two passes: lines first, then words inside each run of changed
//! lines only, so a long document with a few changes costs a line diff
//! plus a few small word diffs. Units are compared by their ids in
//! document order: an id in both documents but out of order was moved; in
//! a run of changed units, the new ones paired with old ones were edited,
//! the rest added or removed.
//!
//! Long unchanged runs are shown by their ends only ([`abridge`]): the
//! context after the change before them and before the change after them
//! ([`context_after`], [`context_before`]), each cut between words, never
//! inside one (nor inside a character).

use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::ops::Range;

use similar::algorithms::{DiffHook, myers};

use super::assemble::{Selection, units};
use super::model::{Id, Persona};
use super::numbers::{grouped, plural};
use super::stats::counts;

/// A run of changes between two runs of equal tokens: the old tokens it
/// removes and the new ones it adds (either may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Hunk {
    old: Range<usize>,
    new: Range<usize>,
}

/// What the diff says, as equal runs and hunks between them.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Run {
    /// Equal tokens, by their range in the old sequence.
    Same(Range<usize>),
    /// Changed tokens.
    Changed(Hunk),
}

/// Collects the diff into [`Run`]s, merging adjacent removals and
/// additions into one hunk.
#[derive(Default)]
struct Collect(Vec<Run>);

impl Collect {
    fn change(&mut self, old: Range<usize>, new: Range<usize>) {
        if let Some(Run::Changed(h)) = self.0.last_mut() {
            h.old.end = h.old.end.max(old.end);
            h.new.end = h.new.end.max(new.end);
        } else {
            self.0.push(Run::Changed(Hunk { old, new }));
        }
    }
}

impl DiffHook for Collect {
    type Error = Infallible;
    fn equal(&mut self, old_index: usize, _new_index: usize, len: usize) -> Result<(), Infallible> {
        self.0.push(Run::Same(old_index..old_index + len));
        Ok(())
    }
    fn delete(&mut self, old_index: usize, old_len: usize, new_index: usize) -> Result<(), Infallible> {
        self.change(old_index..old_index + old_len, new_index..new_index);
        Ok(())
    }
    fn insert(&mut self, old_index: usize, new_index: usize, new_len: usize) -> Result<(), Infallible> {
        self.change(old_index..old_index, new_index..new_index + new_len);
        Ok(())
    }
}

/// The most work a diff may do, counted as its tokens times the
/// difference of their counts (a lower bound of Myers' cost, which grows
/// with the square of the edit distance: a short text against a long one
/// would take seconds). Beyond it the changed middle is one hunk.
pub const MAX_DIFF_WORK: u64 = 20_000_000;

/// The runs of `old` against `new`: their common start and end, and
/// between them Myers' diff, or one hunk when that would cost more than
/// [`MAX_DIFF_WORK`].
fn diff(old: &[u64], new: &[u64]) -> Vec<Run> {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old_rest, new_rest) = (old.get(head..).unwrap_or_default(), new.get(head..).unwrap_or_default());
    let tail = old_rest.iter().rev().zip(new_rest.iter().rev()).take_while(|(a, b)| a == b).count();
    let (old_end, new_end) = (old.len() - tail, new.len() - tail);
    let mut hook = Collect::default();
    if head > 0 {
        hook.0.push(Run::Same(0..head));
    }
    let (n, m) = ((old_end - head) as u64, (new_end - head) as u64);
    if (n + m).saturating_mul(n.abs_diff(m)) > MAX_DIFF_WORK {
        hook.change(head..old_end, head..new_end);
    } else {
        let Ok(()) = myers::diff(&mut hook, old, head..old_end, new, head..new_end);
    }
    if tail > 0 {
        hook.0.push(Run::Same(old_end..old.len()));
    }
    hook.0
}

/// Numbers for texts: equal texts get equal numbers.
#[derive(Default)]
struct Interner<'a>(HashMap<&'a str, u64>);

impl<'a> Interner<'a> {
    fn all(&mut self, tokens: &[&'a str]) -> Vec<u64> {
        tokens
            .iter()
            .map(|t| {
                let next = self.0.len() as u64;
                *self.0.entry(t).or_insert(next)
            })
            .collect()
    }
}

/// Words and the whitespace between them, as tokens.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in text.char_indices() {
        let is_space = c.is_whitespace();
        if space.is_some_and(|s| s != is_space) {
            out.extend(text.get(start..i));
            start = i;
        }
        space = Some(is_space);
    }
    out.extend(text.get(start..).filter(|t| !t.is_empty()));
    out
}

fn concat(tokens: &[&str], range: Range<usize>) -> String {
    tokens.get(range).unwrap_or_default().concat()
}

/// Whether a piece of text is in both, only the original, or only the new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// In both.
    Same,
    /// Only in the original (shown struck through).
    Removed,
    /// Only in the new text (shown marked).
    Added,
}

/// A run of text of one [`Kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Same, removed or added.
    pub kind: Kind,
    /// The text.
    pub text: String,
}

/// `old` against `new`, word by word, as runs of same, removed and added
/// text (whitespace travels with the words around it). Concatenating the
/// same and removed pieces gives `old`; the same and added pieces, `new`.
#[must_use]
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.split_inclusive('\n').collect(), new.split_inclusive('\n').collect());
    let mut lines = Interner::default();
    let (old_ids, new_ids) = (lines.all(&old_lines), lines.all(&new_lines));
    let mut out = Vec::new();
    for run in diff(&old_ids, &new_ids) {
        match run {
            Run::Same(same) => push(&mut out, Kind::Same, &concat(&old_lines, same)),
            Run::Changed(hunk) => {
                let (was, is) = (concat(&old_lines, hunk.old), concat(&new_lines, hunk.new));
                words_of_hunk(&mut out, &was, &is);
            }
        }
    }
    out
}

/// The word diff of one run of changed lines.
fn words_of_hunk(out: &mut Vec<Piece>, old: &str, new: &str) {
    let (old_words, new_words) = (words(old), words(new));
    let mut interner = Interner::default();
    let (old_ids, new_ids) = (interner.all(&old_words), interner.all(&new_words));
    for run in diff(&old_ids, &new_ids) {
        match run {
            Run::Same(same) => push(out, Kind::Same, &concat(&old_words, same)),
            Run::Changed(hunk) => {
                push(out, Kind::Removed, &concat(&old_words, hunk.old));
                push(out, Kind::Added, &concat(&new_words, hunk.new));
            }
        }
    }
}

fn push(out: &mut Vec<Piece>, kind: Kind, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => out.push(Piece { kind, text: text.to_string() }),
    }
}

/// The start of `text` (an unchanged run just after a change) to show as
/// context: at most `max_chars` characters, cut where a word ends. The cut
/// goes back to the last whitespace within the first `max_chars + 1`
/// characters, whitespace before it dropped; if the start is one longer
/// word, forward to the first whitespace after it when that is within
/// `2 * max_chars` characters, else nothing is shown. `text` itself when
/// it is that short already.
#[must_use]
pub fn context_after(text: &str, max_chars: usize) -> &str {
    // The character just past the limit: a cut before it ends a word when
    // it is whitespace.
    let Some((limit, next)) = text.char_indices().nth(max_chars) else { return text };
    let window = text.get(..limit + next.len_utf8()).unwrap_or("");
    if let Some(space) = window.rfind(char::is_whitespace) {
        return text.get(..space).unwrap_or("").trim_end();
    }
    let longer = text.get(limit..).unwrap_or("");
    match longer.char_indices().take(max_chars + 1).find(|(_, c)| c.is_whitespace()) {
        Some((space, _)) => text.get(..limit + space).unwrap_or(""),
        None => "",
    }
}

/// The end of `text` (an unchanged run just before a change) to show as
/// context: at most `max_chars` characters, starting where a word starts.
/// The cut goes forward to the first whitespace within the last
/// `max_chars + 1` characters, whitespace after it dropped; if the end is
/// one longer word, back to the whitespace before it when that is within
/// `2 * max_chars` characters, else nothing is shown. `text` itself when
/// it is that short already.
#[must_use]
pub fn context_before(text: &str, max_chars: usize) -> &str {
    // The character just before the kept ones: a cut after it starts a
    // word when it is whitespace.
    let Some((limit, _)) = text.char_indices().rev().nth(max_chars) else { return text };
    let window = text.get(limit..).unwrap_or("");
    if let Some(space) = window.find(char::is_whitespace) {
        return text.get(limit + space..).unwrap_or("").trim_start();
    }
    let longer = text.get(..limit).unwrap_or("");
    match longer.char_indices().rev().take(max_chars).find(|(_, c)| c.is_whitespace()) {
        Some((space, c)) => text.get(space + c.len_utf8()..).unwrap_or(""),
        None => "",
    }
}

/// A run of unchanged text as the Changes view shows it: whole when it
/// holds at most `2 * context + 40` characters; else its ends (each of at
/// most about `context` characters, cut between words by
/// [`context_after`] and [`context_before`]) around a line "[… 1,234
/// unchanged characters …]". The start is left out of the `first` run
/// (nothing changed before it) and the end out of the `last`.
#[must_use]
pub fn abridge(text: &str, context: usize, first: bool, last: bool) -> String {
    let n = text.chars().count();
    if n <= context * 2 + 40 {
        return text.to_string();
    }
    let head = if first { "" } else { context_after(text, context) };
    let tail = if last { "" } else { context_before(text, context) };
    if head.len() + tail.len() >= text.len() {
        return text.to_string();
    }
    let cut = n - head.chars().count() - tail.chars().count();
    format!("{head}\n[… {} unchanged characters …]\n{tail}", grouped(cut))
}

/// How a unit of the current document differs from the original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// It replaces a unit of the original (its text was edited).
    Edited,
    /// It is new.
    Added,
    /// It is in the original, at another place.
    Moved,
}

/// The units of the current document against the original's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The mark of every changed unit of the current document.
    pub marks: HashMap<Id, Mark>,
    /// Units edited.
    pub edited: usize,
    /// Units added.
    pub added: usize,
    /// Units moved.
    pub moved: usize,
    /// Units of the original that are gone.
    pub removed: usize,
}

/// Compares the units of `current` with those of `original`.
#[must_use]
pub fn compare(original: &Persona, current: &Persona) -> Comparison {
    let (old, new) = (units(original), units(current));
    let mut c = Comparison::default();
    if old == new {
        return c;
    }
    let old_set: BTreeSet<Id> = old.iter().copied().collect();
    let new_set: BTreeSet<Id> = new.iter().copied().collect();
    let numbers = |ids: &[Id]| ids.iter().map(|id| id.0).collect::<Vec<_>>();
    for run in diff(&numbers(&old), &numbers(&new)) {
        let Run::Changed(h) = run else { continue };
        let gone = old.get(h.old).unwrap_or_default().iter().filter(|id| !new_set.contains(id)).count();
        let mut paired = 0;
        for &id in new.get(h.new).unwrap_or_default() {
            let mark = if old_set.contains(&id) {
                Mark::Moved
            } else if paired < gone {
                paired += 1;
                Mark::Edited
            } else {
                Mark::Added
            };
            c.marks.insert(id, mark);
        }
        c.removed += gone - paired;
    }
    for mark in c.marks.values() {
        match mark {
            Mark::Edited => c.edited += 1,
            Mark::Added => c.added += 1,
            Mark::Moved => c.moved += 1,
        }
    }
    c
}

/// The one-line summary of the changes: "12 guidelines off · 2 edited ·
/// 1 added · 1 moved · −1,240 tokens" (parts that are zero left out).
#[must_use]
pub fn summary(
    c: &Comparison,
    current: &Persona,
    selection: &Selection,
    old_prompt: &str,
    prompt: &str,
) -> String {
    let off = units(current).into_iter().filter(|id| !selection.is_selected(*id)).count();
    let mut parts = Vec::new();
    if off > 0 {
        parts.push(format!("{} guideline{} off", grouped(off), plural(off)));
    }
    for (n, what) in [(c.edited, "edited"), (c.added, "added"), (c.moved, "moved"), (c.removed, "removed")] {
        if n > 0 {
            parts.push(format!("{} {what}", grouped(n)));
        }
    }
    let (before, after) = (counts(old_prompt).tokens, counts(prompt).tokens);
    if before != after {
        let sign = if after < before { '−' } else { '+' };
        parts.push(format!("{sign}{} tokens", grouped(before.abs_diff(after))));
    }
    if parts.is_empty() { "No changes".to_string() } else { parts.join(" · ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persona::{Style, assemble, parse};

    fn rebuild(pieces: &[Piece], skip: Kind) -> String {
        pieces.iter().filter(|p| p.kind != skip).map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn words_are_compared_inside_changed_lines_only() {
        let old = "# Agent\n\n- Use Rust.\n- Be terse.\n- Keep it.\n";
        let new = "# Agent\n\n- Use Rust 2024.\n- Keep it.\n- Write tests.\n";
        let d = word_diff(old, new);
        assert_eq!(rebuild(&d, Kind::Added), old);
        assert_eq!(rebuild(&d, Kind::Removed), new);
        let added: Vec<_> = d.iter().filter(|p| p.kind == Kind::Added).map(|p| p.text.trim()).collect();
        let removed: Vec<_> = d.iter().filter(|p| p.kind == Kind::Removed).map(|p| p.text.trim()).collect();
        assert!(added.iter().any(|t| t.contains("2024.")), "{d:?}");
        assert!(removed.iter().any(|t| t.contains("Be terse.")), "{d:?}");
        assert!(added.iter().any(|t| t.contains("Write tests.")), "{d:?}");
        assert_eq!(d.first().map(|p| (p.kind, p.text.as_str())), Some((Kind::Same, "# Agent\n\n- Use ")));
    }

    #[test]
    fn a_short_text_against_a_long_one_is_one_hunk_not_a_long_wait() {
        let old = "# A\n\nkeep\n";
        let new = format!("# A\n\n{}\nkeep\n", "- rule\n".repeat(40_000));
        let d = word_diff(old, &new);
        assert_eq!(rebuild(&d, Kind::Removed), new);
        assert_eq!(rebuild(&d, Kind::Added), old);
        assert_eq!(d.len(), 3, "{:?}", d.iter().map(|p| p.kind).collect::<Vec<_>>());
        let long = parse(&new);
        let c = compare(&parse(old), &long);
        assert_eq!(c.added, 40_000);
    }

    #[test]
    fn units_are_marked_edited_added_moved_and_removed() {
        let original = parse("# A\n\n- one\n- two\n- three\n- four\n");
        let current = parse("# A\n\n- two\n- one\n- three!\n- five\n- six\n");
        let c = compare(&original, &current);
        let ids = units(&current);
        assert_eq!((c.edited, c.added, c.moved, c.removed), (2, 1, 1, 0), "{c:?}");
        assert_eq!(c.marks.get(&ids[0]), None, "the title is unchanged");
        assert_eq!(c.marks.get(&ids[3]), Some(&Mark::Edited), "three → three!");
        assert_eq!(c.marks.get(&ids[4]), Some(&Mark::Edited), "four → five");
        assert_eq!(c.marks.get(&ids[5]), Some(&Mark::Added));
        let removed = compare(&current, &parse("# A\n\n- two\n"));
        assert_eq!(removed.removed, 4);
        assert_eq!(compare(&original, &original), Comparison::default());
    }

    #[test]
    fn the_summary_names_what_changed() {
        let original = parse("# A\n\n- one\n- two\n");
        let current = parse("# A\n\n- one\n- two, longer now\n- three\n");
        let c = compare(&original, &current);
        let mut sel = Selection::all();
        sel.set(units(&current)[1], false);
        let old_prompt = assemble(&original, &Selection::all(), Style::Original);
        let prompt = assemble(&current, &sel, Style::Original);
        assert_eq!(
            summary(&c, &current, &sel, &old_prompt, &prompt),
            "1 guideline off · 1 edited · 1 added · +3 tokens"
        );
        assert_eq!(summary(&Comparison::default(), &original, &Selection::all(), "x", "x"), "No changes");
    }

    #[test]
    fn context_after_a_change_ends_where_a_word_ends() {
        let text = "aaa bbb ccc";
        let table: [(usize, &str); 9] = [
            (0, ""),
            (3, "aaa"),
            (5, "aaa"),
            (6, "aaa"),
            // A word ending right at the limit is kept whole.
            (7, "aaa bbb"),
            (8, "aaa bbb"),
            (10, "aaa bbb"),
            (11, text),
            (50, text),
        ];
        for (max, want) in table {
            assert_eq!(context_after(text, max), want, "max {max}");
        }
        // Whitespace before the cut is dropped, newlines included.
        assert_eq!(context_after("one  \n two three", 8), "one");
        // A longer first word: forward to its end, or nothing.
        assert_eq!(context_after("abcdefghij xyz", 5), "abcdefghij");
        assert_eq!(context_after("abcdefghij xyz", 3), "");
        assert_eq!(context_after("abcdefghijklmnop", 5), "");
    }

    #[test]
    fn context_before_a_change_starts_where_a_word_starts() {
        let text = "aaa bbb ccc";
        let table: [(usize, &str); 8] = [
            (0, ""),
            (3, "ccc"),
            (5, "ccc"),
            // A word starting right at the limit is kept whole.
            (7, "bbb ccc"),
            (8, "bbb ccc"),
            (10, "bbb ccc"),
            (11, text),
            (50, text),
        ];
        for (max, want) in table {
            assert_eq!(context_before(text, max), want, "max {max}");
        }
        assert_eq!(context_before("one two  \n three", 8), "three");
        assert_eq!(context_before("xyz abcdefghij", 6), "abcdefghij");
        assert_eq!(context_before("xyz abcdefghij", 3), "");
    }

    /// The bug this fixes: the context before a change started inside a
    /// word ("hon-pro** - Expert…").
    #[test]
    fn context_does_not_start_or_end_inside_a_word() {
        let text = "- **python-pro** - Expert Python developer for idiomatic code";
        let before = context_before(text, 48);
        assert_eq!(before, "- Expert Python developer for idiomatic code");
        let after = context_after(text, 20);
        assert_eq!(after, "- **python-pro** -");
        // Multibyte text is cut on character boundaries, between words.
        let text = "Écrivez des tests unitaires dès que possible — toujours";
        assert_eq!(context_before(text, 20), "possible — toujours");
        assert_eq!(context_after(text, 14), "Écrivez des");
        assert_eq!(context_after("日本語のテキストです。とても長い", 4), "");
    }

    #[test]
    fn a_long_unchanged_run_is_abridged_between_words() {
        let words: Vec<String> = (0..200).map(|i| format!("wörd{i}")).collect();
        let text = words.join(" ");
        let n = text.chars().count();
        let shown = abridge(&text, 30, false, false);
        let (head, rest) = shown.split_once("\n[… ").unwrap();
        let (cut, tail) = rest.split_once(" unchanged characters …]\n").unwrap();
        assert_eq!(head, "wörd0 wörd1 wörd2 wörd3 wörd4");
        assert_eq!(tail, "wörd197 wörd198 wörd199");
        assert!(text.starts_with(head) && text.ends_with(tail));
        let kept = head.chars().count() + tail.chars().count();
        assert_eq!(cut, crate::persona::numbers::grouped(n - kept));
        // The first run has no head, the last no tail; short runs are whole.
        assert!(abridge(&text, 30, true, false).starts_with("\n[… "));
        assert!(abridge(&text, 30, false, true).ends_with("…]\n"));
        assert_eq!(abridge("short text", 30, false, false), "short text");
        let just = "x ".repeat(50);
        assert_eq!(abridge(&just, 30, false, false), just);
        // One long word: nothing of it is shown rather than a piece.
        let word = "a".repeat(500);
        assert_eq!(abridge(&word, 30, false, false), "\n[… 500 unchanged characters …]\n");
    }

    // (proptest is a native dev-dependency.)
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn context_is_cut_between_words(text in "[ab é\n—日]{0,40}", max in 0usize..45) {
            let after = context_after(&text, max);
            proptest::prop_assert!(text.starts_with(after));
            let before = context_before(&text, max);
            proptest::prop_assert!(text.ends_with(before));
            if !after.is_empty() && after.len() < text.len() {
                proptest::prop_assert!(after.chars().count() <= 2 * max);
                let next = text.get(after.len()..).and_then(|r| r.chars().next());
                proptest::prop_assert!(next.is_some_and(char::is_whitespace), "{:?} {}: {:?}", text, max, after);
                proptest::prop_assert!(!after.ends_with(char::is_whitespace));
            }
            if !before.is_empty() && before.len() < text.len() {
                proptest::prop_assert!(before.chars().count() <= 2 * max);
                let prev = text.get(..text.len() - before.len()).and_then(|r| r.chars().next_back());
                proptest::prop_assert!(prev.is_some_and(char::is_whitespace), "{:?} {}: {:?}", text, max, before);
                proptest::prop_assert!(!before.starts_with(char::is_whitespace));
            }
        }
    }
}
