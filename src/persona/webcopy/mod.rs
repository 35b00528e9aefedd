//! Plain-text web copies: text copied from a rendered page, where Markdown
//! syntax is gone and the structure must be recovered from line shapes.
//!
//! # Detection
//! At least six non-blank lines, at most one blank line in ten, no Markdown
//! written on purpose (ATX headings, code fences, table rows, quotes,
//! backslash escapes, a tag alone on its line), and at least two signals:
//! lines starting with a bullet only a page draws (the `page` rows of
//! `shape::BULLETS`: `•`, `▪`, `◦`, `‣`, `- •`), tab-indented list lines,
//! or bare short heading lines between content.
//!
//! # Heuristics
//! - **Page header.** A short first line followed by glued metadata lines is
//!   the page header (the web copy's frontmatter): the name, then
//!   `v1.0.0AgentImplements…` (version `v1.0.0`, kind `Agent`, description
//!   `Implements…`, split at the lower→upper case glue) and labels glued to the
//!   next word (`slugSystem prompt`: label `slug`, tab `System prompt`).
//! - **Headings.** A line is a heading when it is a `==== banner ====`, an
//!   ALL CAPS line, an outline line (`1. Title`, `A. Title`) followed by
//!   bullets, or a bare short line (at most 60 characters and 8 words, no
//!   final punctuation) that is not continuing an unfinished sentence and is
//!   followed by content. The first line, so shaped, is the title. A bare
//!   short line directly after the title line is a heading even before a
//!   paragraph (`Overview`, `Identity`): a lone word there does not
//!   continue the title. Banners, caps and bare lines rank equally; outline
//!   lines rank one below.
//! - **Bullets.** Every glyph of `shape::BULLETS` (`-`, `*`, `+`, `•`,
//!   `- •`, `▪`, `◦`, `‣`, `●`, `■`, `–`, `·`, …) and `1)` / `1.` numbering.
//!   Leading tabs (or pairs of spaces) nest. Several items glued on one line
//!   after sentence punctuation (`… possible. - •Concurrency: …`) are split
//!   apart at the `glued` glyphs (`- •`, `-•`, `•`, `▪`).
//! - **Labels.** A line ending in `:` directly followed by bullets labels them.
//! - **Continuations.** When a line ends without sentence punctuation, the
//!   next line continues it if it starts in lower case, is a lone word that is
//!   followed by more text (`use` / `Send` / `and` / `Sync` / `bounds…`: inline
//!   code a page rendered on its own line), or starts with a word glued to a
//!   function word (`Resultfrom`, `cargo clippyand`). A line that starts
//!   with a code word beginning with punctuation (`.unwrap()`, `?operator`,
//!   `::new()`, `&str`, `#[derive(Debug)]`) continues it whatever follows,
//!   so the item it was split from stays whole. Code-looking lone words,
//!   punctuation-led code words and glued prefixes become inline code in
//!   Clean Markdown; sentence punctuation after a code word stays outside
//!   the code, glued to it (`` `.and_then()`. ``).
//!
//! # Limits
//! A bare short line is indistinguishable from a one-line paragraph of the
//! same shape; heading depth is not recoverable, so sections are flat except
//! for outline lines. The glue split only knows a short list of function words
//! (`from`, `and`, `with`, `for`, `into`, `when`, `then`, `than`, `that`,
//! `which`, `before`, `after`, `instead`, `to`) and skips common words ending
//! in them (`command`, `understand`, …), so other glued words stay glued.
//! Only `.`, `?`, `:`, `&`, `!`, `#` and `@` lead a punctuation code word,
//! and only one with a letter or digit (a lone `?` is a plain word, and a
//! word starting `..` is an ellipsis). A title a page wrapped onto a second
//! line of one capitalised word reads as a title and a heading.
//!
//! # Layout
//! This module detects a web copy and runs the pipeline; its children each
//! do one step: `header` reads the page header, `logical` joins physical
//! lines into logical ones (continuations, glued items), and `build`
//! turns logical lines into entries (headings, labels, nested lists).

mod build;
mod header;
mod logical;

use std::sync::Arc;

use super::ids::IdGen;
use super::model::Marker;
use super::shape::{self, page_bullet};
use super::text::{Span, lines, slice};
use super::tree::{Entry, block_ids};

pub(crate) use header::header;

/// Whether `body` of `text` looks like a plain-text copy of a web page.
#[must_use]
pub(crate) fn detect(text: &str, body: Span) -> bool {
    let mut total = 0usize;
    let mut blank = 0usize;
    let mut signals = 0usize;
    let mut prev_blank = true;
    // Lazily: a Markdown document usually gives itself away in its first
    // lines, so lines are not collected first.
    let mut all = lines(text, body.start, body.end).take(5000).peekable();
    while let Some((ls, le, _)) = all.next() {
        let line = slice(text, Span::new(ls, le));
        total += 1;
        let t = line.trim();
        if t.is_empty() {
            blank += 1;
            prev_blank = true;
            continue;
        }
        if is_markdown(t) {
            return false;
        }
        if page_bullet(t) || (line.starts_with('\t') && bullet(t).is_some()) {
            signals += 1;
        }
        let next_content =
            all.peek().is_some_and(|&(a, b, _)| !slice(text, Span::new(a, b)).trim().is_empty());
        // An indented short line continues something (a list item's lazy
        // or indented text); a page's bare headings start at the margin.
        let at_margin = !line.starts_with([' ', '\t']);
        if !prev_blank && next_content && at_margin && is_bare_heading(t) {
            signals += 1;
        }
        prev_blank = false;
    }
    let content = total - blank;
    content >= 6 && blank * 10 <= total && signals >= 2
}

/// Whether the trimmed line `t` is Markdown written on purpose, not a
/// page's copied text: a fence, an ATX heading, a table row, a quote, a
/// backslash escape, or a tag alone on its line (`<goal>`, `</a>`), which
/// a rendered page never shows.
fn is_markdown(t: &str) -> bool {
    t.starts_with("```")
        || is_tag_line(t)
        || t.starts_with("~~~")
        || is_atx(t)
        || (t.starts_with('|') && t.ends_with('|'))
        || t.starts_with('>')
        || (t.starts_with('\\') && t.chars().nth(1).is_some_and(|c| c.is_ascii_punctuation()))
        || escaped_number(t)
}

/// `<tag>`, `</tag>` or `<tag attr="…">` alone on a line.
fn is_tag_line(t: &str) -> bool {
    let inner = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')).unwrap_or("");
    inner.trim_start_matches('/').starts_with(|c: char| c.is_ascii_alphabetic())
}

/// `2\. text`: a number escaped so that it does not open a list, as Clean
/// Markdown writes a paragraph line that starts like one.
fn escaped_number(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t.get(digits..).is_some_and(|r| r.starts_with("\\.") || r.starts_with("\\)"))
}

/// `# Title`: an ATX heading line.
fn is_atx(t: &str) -> bool {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t.as_bytes().get(hashes).is_some_and(|&b| b == b' ')
}

/// A short line with no final punctuation that starts with a capital.
fn is_bare_heading(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=8).contains(&words)
        && t.chars().count() <= 60
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '"', ')'])
        && t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && bullet(t).is_none()
}

/// Recognises a list marker ([`shape::bullet`] or [`shape::numbered`]);
/// returns the marker and the byte length of the marker with the spaces
/// after it.
fn bullet(t: &str) -> Option<(Marker, usize)> {
    shape::bullet(t)
        .map(|len| (Marker::Bullet, len))
        .or_else(|| shape::numbered(t).map(|(n, len)| (Marker::Number(n), len)))
}

/// `A. Title` or `1. Title`.
fn is_outline(t: &str) -> bool {
    let b = t.as_bytes();
    let letter = b.first().is_some_and(u8::is_ascii_uppercase)
        && matches!(b.get(1), Some(b'.' | b')'))
        && b.get(2) == Some(&b' ');
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let number =
        (1..=2).contains(&digits) && b.get(digits) == Some(&b'.') && b.get(digits + 1) == Some(&b' ');
    (letter || number) && !t.ends_with(['.', ':', ';', ',', '!', '?']) && t.split_whitespace().count() <= 10
}

/// Parses the web copy in `body` of `src` into tree entries, with the ids
/// of their blocks and items given, as [`super::markdown::entries`] does.
pub(crate) fn entries(src: &Arc<str>, body: Span) -> (Vec<Entry>, IdGen) {
    let lines = logical::logical_lines(src, body);
    let lines = logical::split_glued(src, lines);
    let mut entries = build::build_entries(src, &lines);
    let ids = block_ids(&mut entries, body.len() / 64);
    (entries, ids)
}
