//! Structure recovered from paragraphs: what a top-level paragraph reads as
//! beyond Markdown. One ending in `:` labels the list after it; a one-line
//! paragraph that is a `===` rule, a `==== banner ====` or an ALL CAPS line
//! becomes a rule or a recovered heading, ranked with the document's own
//! headings. The line shapes themselves are [`crate::persona::shape`]'s.

use super::block;
use crate::persona::model::{BlockKind, Heading, HeadingKind, Inline, Str, marks};
use crate::persona::shape::{banner, is_caps_heading, is_equals_rule};
use crate::persona::text::{Span, slice};
use crate::persona::tree::Entry;

/// Whether the text, trimmed, ends in `:` (a list label).
pub(super) fn ends_with_colon(inline: &Inline) -> bool {
    inline
        .runs()
        .iter()
        .rev()
        .map(|r| r.text.trim_end())
        .find(|t| !t.is_empty())
        .is_some_and(|t| t.ends_with(':'))
}

/// The recovered heading or rule the paragraph `inline` at `span` of
/// `text` reads as, if it is one line that reads as one.
pub(super) fn heading_or_rule(text: &str, inline: &Inline, span: Span) -> Option<Entry> {
    // The cheap test first: most paragraphs have a lower-case letter.
    if !may_be_heading_or_rule(inline) || slice(text, span).trim().contains('\n') {
        return None;
    }
    let plain = inline.to_plain();
    let plain_t = plain.trim();
    if is_equals_rule(plain_t) {
        return Some(block(span, BlockKind::Rule));
    }
    let all_code = inline.runs().iter().all(|r| r.marks & marks::CODE != 0);
    let h = Str::from(recovered_heading(plain_t).filter(|_| !all_code)?);
    Some(Entry::Heading(Heading {
        text: Inline::plain(h.clone()),
        md: h,
        level: 0,
        kind: HeadingKind::Recovered,
        span,
    }))
}

/// A cheap filter before [`recovered_heading`]: a banner or rule starts with
/// `=`, and an ALL CAPS line has no lower-case ASCII letter.
fn may_be_heading_or_rule(inline: &Inline) -> bool {
    let first = inline.runs().iter().map(|r| r.text.trim_start()).find(|t| !t.is_empty());
    first.is_some_and(|t| t.starts_with('='))
        || !inline.runs().iter().any(|r| r.text.bytes().any(|b| b.is_ascii_lowercase()))
}

/// The heading text of a line that reads as a heading in plain text:
/// a `==== banner ====` of at most 80 characters or an ALL CAPS line.
fn recovered_heading(line: &str) -> Option<String> {
    let t = line.trim();
    match banner(t) {
        Some(inner) => (inner.chars().count() <= 80).then(|| inner.to_string()),
        None => is_caps_heading(t).then(|| t.to_string()),
    }
}

/// Gives recovered headings the shallowest real heading level (the title
/// excepted), so they rank with the document's own sections.
pub(super) fn assign_recovered_levels(out: &mut [Entry]) {
    let real = |e: &Entry| matches!(e, Entry::Heading(h) if h.kind != HeadingKind::Recovered);
    let level_ones = out.iter().filter(|e| real(e) && heading_level(e) == Some(1)).count();
    let title_candidate =
        out.first().is_some_and(|e| real(e) && heading_level(e) == Some(1)) && level_ones == 1;
    let min_real = out
        .iter()
        .enumerate()
        .filter(|&(i, e)| real(e) && !(i == 0 && title_candidate))
        .filter_map(|(_, e)| heading_level(e))
        .min();
    let level = min_real.unwrap_or(if title_candidate { 2 } else { 1 });
    for e in out.iter_mut() {
        if let Entry::Heading(h) = e
            && h.kind == HeadingKind::Recovered
        {
            h.level = level;
        }
    }
}

/// The level of a heading entry.
fn heading_level(e: &Entry) -> Option<u8> {
    match e {
        Entry::Heading(h) => Some(h.level),
        _ => None,
    }
}
