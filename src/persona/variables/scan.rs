//! The placeholder scanner: every [`Occurrence`] of a placeholder in a
//! text, under [`Rules`] that say where each syntax counts.
//!
//! A text is read a line at a time. Fenced code blocks (```` ``` ```` or
//! `~~~`, at any indentation, so fences nested in lists count) and inline
//! code spans (backtick runs paired within one line) are code. Indented
//! code blocks are not recognised: in persona documents an indented line
//! is far more often a nested list's continuation. Frontmatter is read as
//! YAML values, where `[…]`, `{…}` and `<…>` are YAML's own syntax.
//!
//! | syntax | counts |
//! |---|---|
//! | the dialect's own ([`Rules::own`]) | everywhere |
//! | `$1` … `$9` | only as a dialect's own (elsewhere they are prices and awk) |
//! | `{{…}}`, `${…}`, `$ARGUMENTS` | outside code, frontmatter included |
//! | `{UPPER}`, `[UPPER]`, `<UPPER>` | outside code and frontmatter |
//!
//! Each syntax also refuses what only looks like it: `${{ … }}` (GitHub
//! Actions, Azure Pipelines), `{{ .Values }}` and `{{ x | f }}` (Helm,
//! Jinja filters), JSON's `{"…"}`, Markdown links `[TEXT](…)` and
//! references `[TEXT][…]`, alerts `[!NOTE]`, task boxes `[X]`, `<TAG>`
//! and `[TAG]` that the document closes with `</TAG>` or `[/TAG]`
//! (`[INST]`), and the dialect's markers.
//!
//! Scanning is linear in the text: one pass per line, code spans looked
//! up by binary search, closed tags collected once ([`closed_tags`]).

use std::ops::Range;

use crate::persona::dialect::Placeholder;
use crate::persona::text::lines;

/// Longest default or hint read inside `${…}`.
const MAX_EXTRA: usize = 200;
/// Longest name read.
const MAX_NAME: usize = 64;
/// Closed tag names kept (documents have a handful).
const MAX_CLOSED: usize = 256;

/// Where each syntax counts in one text.
#[derive(Clone, Debug, Default)]
pub struct Rules<'a> {
    /// The dialect's own syntaxes: they count everywhere.
    pub own: &'a [Placeholder],
    /// Names the dialect reads as markers (never variables).
    pub markers: &'a [&'a str],
    /// Names a person marked "Not a variable".
    pub ignored: &'a [String],
    /// The frontmatter's bytes (empty when there is none).
    pub frontmatter: Range<usize>,
    /// Upper-case names the document closes as tags (`</NAME>`, `[/NAME]`),
    /// sorted: [`closed_tags`] of the document, so that a prompt made of
    /// part of it reads its tags alike.
    pub closed: Vec<&'a str>,
}

/// The first [`MAX_CLOSED`] upper-case names `text` closes as tags,
/// `</NAME>` or `[/NAME]`, sorted and without repeats.
#[must_use]
pub fn closed_tags(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out: Vec<&str> = Vec::new();
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find('/')).map(|i| from + i) {
        from = i + 1;
        let close = match i.checked_sub(1).and_then(|p| b.get(p)) {
            Some(b'<') => b'>',
            Some(b'[') => b']',
            _ => continue,
        };
        let Some(n) = upper_name(b, i + 1, false).filter(|n| b.get(n.end) == Some(&close)) else { continue };
        let name = text.get(n).unwrap_or_default();
        if let Err(k) = out.binary_search(&name)
            && out.len() < MAX_CLOSED
        {
            out.insert(k, name);
        }
    }
    out
}

/// One placeholder in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The whole placeholder, delimiters included.
    pub span: Range<usize>,
    /// How it is written.
    pub syntax: Placeholder,
    /// Its name.
    pub name: Range<usize>,
    /// Its default (`${name:default}`) or hint (`${input:name:hint}`).
    pub extra: Option<Range<usize>>,
}

/// What surrounds a position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Prose,
    Code,
    Frontmatter,
}

/// Every placeholder in `text` that counts under `rules`, in text order.
#[must_use]
pub fn scan(text: &str, rules: &Rules) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    for (start, end, _) in lines(text, 0, text.len()) {
        let line = text.get(start..end).unwrap_or_default();
        let front = rules.frontmatter.contains(&start);
        if !front && let Some(f) = Fence::of(line) {
            match fence {
                None => fence = Some(f),
                Some(open) if f.closes(open, line) => fence = None,
                Some(_) => {}
            }
            continue;
        }
        let place = match (front, fence.is_some()) {
            (true, _) => Place::Frontmatter,
            (false, true) => Place::Code,
            (false, false) => Place::Prose,
        };
        let code = if place == Place::Prose { code_spans(line, start) } else { Vec::new() };
        let mut at = start;
        while at < end {
            let found = parse_at(text, at, end)
                .filter(|o| counts(o, place, &code, rules) && is_variable(text, o, rules));
            match found {
                Some(o) => {
                    at = o.span.end;
                    out.push(o);
                }
                None => at += 1,
            }
        }
    }
    out
}

/// Whether `o`, found in `place`, counts under `rules`.
fn counts(o: &Occurrence, place: Place, code: &[Range<usize>], rules: &Rules) -> bool {
    if rules.own.contains(&o.syntax) {
        return true;
    }
    if o.syntax == Placeholder::Arguments && o.name.len() == 1 {
        return false;
    }
    match place {
        Place::Code => false,
        Place::Frontmatter => !is_upper_syntax(o.syntax),
        // The spans are sorted and apart: the last one starting before.
        Place::Prose => {
            let before = code.partition_point(|c| c.start <= o.span.start);
            !before.checked_sub(1).and_then(|i| code.get(i)).is_some_and(|c| c.contains(&o.span.start))
        }
    }
}

fn is_upper_syntax(s: Placeholder) -> bool {
    matches!(s, Placeholder::UpperBraces | Placeholder::UpperBrackets | Placeholder::UpperAngles)
}

/// Whether the name of `o` is a variable: not a marker, not marked, and
/// for `<NAME>` and `[NAME]`, not a tag the document closes.
fn is_variable(text: &str, o: &Occurrence, rules: &Rules) -> bool {
    let name = text.get(o.name.clone()).unwrap_or_default();
    let tag = matches!(o.syntax, Placeholder::UpperAngles | Placeholder::UpperBrackets);
    !(rules.markers.contains(&name)
        || rules.ignored.iter().any(|i| i == name)
        || tag && rules.closed.binary_search(&name).is_ok())
}

/// A code fence line's character and length.
#[derive(Clone, Copy)]
struct Fence {
    mark: u8,
    len: usize,
}

impl Fence {
    fn of(line: &str) -> Option<Self> {
        let t = line.trim_start();
        let mark = *t.as_bytes().first().filter(|&&b| b == b'`' || b == b'~')?;
        let len = t.bytes().take_while(|&b| b == mark).count();
        let info = t.get(len..).unwrap_or_default();
        (len >= 3 && !(mark == b'`' && info.contains('`'))).then_some(Self { mark, len })
    }

    /// Whether this fence line (`line`) closes `open`.
    fn closes(self, open: Fence, line: &str) -> bool {
        self.mark == open.mark && self.len >= open.len && line.trim().len() == self.len
    }
}

/// The inline code spans of one line (offsets into the text): backtick
/// runs paired with the next run of the same length.
fn code_spans(line: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    if !bytes.contains(&b'`') {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'`') {
            let n = bytes.get(i..).unwrap_or_default().iter().take_while(|&&b| b == b'`').count();
            runs.push((i, n));
            i += n;
        } else {
            i += 1;
        }
    }
    let mut spans = Vec::new();
    let mut k = 0;
    while let Some(&(open, n)) = runs.get(k) {
        match runs.iter().skip(k + 1).position(|&(_, m)| m == n) {
            Some(p) => {
                let close = runs.get(k + 1 + p).map_or(open, |r| r.0);
                spans.push(start + open..start + close + n);
                k += p + 2;
            }
            None => k += 1,
        }
    }
    spans
}

/// The placeholder starting at byte `at`, if one does (within the line
/// ending at `end`).
fn parse_at(text: &str, at: usize, end: usize) -> Option<Occurrence> {
    let b = text.as_bytes();
    let prev = at.checked_sub(1).and_then(|p| b.get(p)).copied();
    if prev == Some(b'\\') {
        return None;
    }
    let line = b.get(..end)?;
    match b.get(at)? {
        b'{' if prev != Some(b'$') && prev != Some(b'{') => braces(line, at),
        b'$' if prev != Some(b'$') => dollar(line, at),
        b'[' if !matches!(prev, Some(b'!' | b'[' | b']')) => upper_brackets(line, at),
        b'<' if prev != Some(b'<') => upper_angles(line, at),
        _ => None,
    }
}

fn occurrence(span: Range<usize>, syntax: Placeholder, name: Range<usize>) -> Occurrence {
    Occurrence { span, syntax, name, extra: None }
}

/// How many bytes from `from` satisfy `ok`.
fn run(b: &[u8], from: usize, ok: impl Fn(u8) -> bool) -> usize {
    b.get(from..).unwrap_or_default().iter().take_while(|&&c| ok(c)).count()
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn skip_spaces(b: &[u8], from: usize) -> usize {
    from + run(b, from, |c| c == b' ' || c == b'\t')
}

/// A name from `from`: a letter or `_`, then bytes `ok` allows.
fn name(b: &[u8], from: usize, first: impl Fn(u8) -> bool, ok: impl Fn(u8) -> bool) -> Option<Range<usize>> {
    if !b.get(from).is_some_and(|&c| first(c)) {
        return None;
    }
    let len = 1 + run(b, from + 1, ok);
    (len <= MAX_NAME).then_some(from..from + len)
}

/// `{{name}}`, `{{ name }}`, `{{{ name }}}` or `{UPPER_CASE}` at `at`.
fn braces(b: &[u8], at: usize) -> Option<Occurrence> {
    let open = run(b, at, |c| c == b'{').min(4);
    if open == 1 {
        return upper_braces(b, at);
    }
    if open > 3 {
        return None;
    }
    let n = name(
        b,
        skip_spaces(b, at + open),
        |c| c.is_ascii_alphabetic() || c == b'_',
        |c| is_word(c) || c == b'.' || c == b'-',
    )?;
    let close = skip_spaces(b, n.end);
    let closing = run(b, close, |c| c == b'}');
    if closing != open {
        return None;
    }
    let syntax = if open == 3 { Placeholder::TripleBraces } else { Placeholder::Braces };
    Some(occurrence(at..close + open, syntax, n))
}

fn upper_braces(b: &[u8], at: usize) -> Option<Occurrence> {
    let n = upper_name(b, at + 1, false)?;
    (b.get(n.end) == Some(&b'}') && b.get(n.end + 1) != Some(&b'}'))
        .then(|| occurrence(at..n.end + 1, Placeholder::UpperBraces, n))
}

/// An upper-case name of two or more characters (`spaces`: inner spaces
/// allowed), not ending in a space.
fn upper_name(b: &[u8], from: usize, spaces: bool) -> Option<Range<usize>> {
    let n = name(
        b,
        from,
        |c| c.is_ascii_uppercase(),
        |c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_' || (spaces && c == b' '),
    )?;
    let trimmed = n.start..n.end - run_back(b, n.end, b' ');
    (trimmed.len() >= 2 && trimmed.end == n.end).then_some(trimmed)
}

/// How many bytes before `end` are `c`.
fn run_back(b: &[u8], end: usize, c: u8) -> usize {
    b.get(..end).unwrap_or_default().iter().rev().take_while(|&&x| x == c).count()
}

/// `${name}`, `${name:default}`, `${input:name}`, `${input:name:hint}`,
/// `$ARGUMENTS` or `$1` … `$9` at `at`.
fn dollar(b: &[u8], at: usize) -> Option<Occurrence> {
    match b.get(at + 1)? {
        b'{' => dollar_braces(b, at),
        b'1'..=b'9' => positional(b, at),
        b'A' => {
            let n = name(b, at + 1, |c| c == b'A', is_word)?;
            let found = occurrence(at..n.end, Placeholder::Arguments, n.clone());
            (b.get(n) == Some(b"ARGUMENTS".as_slice())).then_some(found)
        }
        _ => None,
    }
}

/// `$1` … `$9`, not `$10`, `$1.50` or `$1,000`.
fn positional(b: &[u8], at: usize) -> Option<Occurrence> {
    if at > 0 && b.get(at - 1).is_some_and(|&c| is_word(c)) {
        return None;
    }
    let after = b.get(at + 2).copied();
    let number_goes_on = matches!(after, Some(b'.' | b',')) && b.get(at + 3).is_some_and(u8::is_ascii_digit);
    if after.is_some_and(is_word) || number_goes_on {
        return None;
    }
    Some(occurrence(at..at + 2, Placeholder::Arguments, at + 1..at + 2))
}

fn dollar_braces(b: &[u8], at: usize) -> Option<Occurrence> {
    const INPUT: &[u8] = b"input:";
    let from = at + 2;
    let (syntax, n, after) = if b.get(from..from + INPUT.len()) == Some(INPUT) {
        let n = name(
            b,
            from + INPUT.len(),
            |c| c.is_ascii_alphabetic() || c == b'_',
            |c| is_word(c) || c == b'-',
        )?;
        (Placeholder::VsCodeInput, n.clone(), n.end)
    } else {
        let raw = name(
            b,
            from,
            |c| c.is_ascii_alphabetic() || c == b'_',
            |c| is_word(c) || c == b'-' || c == b' ',
        )?;
        (Placeholder::Dollar, raw.start..raw.end - run_back(b, raw.end, b' '), raw.end)
    };
    match b.get(after)? {
        b'}' => Some(occurrence(at..after + 1, syntax, n)),
        b':' => {
            let len = run(b, after + 1, |c| c != b'}' && c != b'{');
            let close = after + 1 + len;
            (len <= MAX_EXTRA && b.get(close) == Some(&b'}')).then(|| Occurrence {
                span: at..close + 1,
                syntax,
                name: n,
                extra: Some(after + 1..close),
            })
        }
        _ => None,
    }
}

/// `[UPPER CASE]`, not a link, reference, alert or task box.
fn upper_brackets(b: &[u8], at: usize) -> Option<Occurrence> {
    let n = upper_name(b, at + 1, true)?;
    if b.get(n.end) != Some(&b']') {
        return None;
    }
    let link = matches!(b.get(n.end + 1), Some(b'(' | b'[' | b':' | b']'));
    (!link).then(|| occurrence(at..n.end + 1, Placeholder::UpperBrackets, n))
}

/// `<UPPER_CASE>`.
fn upper_angles(b: &[u8], at: usize) -> Option<Occurrence> {
    let n = upper_name(b, at + 1, false)?;
    (b.get(n.end) == Some(&b'>')).then(|| occurrence(at..n.end + 1, Placeholder::UpperAngles, n))
}
