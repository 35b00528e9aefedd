//! Writing Markdown: escaping plain text so it reads back as the same text
//! (inline, and at a line start that would open a block), code spans and
//! code fences.
//!
//! Used by the readers that write normalised Markdown (Markdown, web copy,
//! cards) and by assembly; it sits below them so that no reader imports
//! another.

/// Escapes plain text for use as Markdown inline content.
pub(crate) fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let needs = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' => true,
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Whether a line, placed at the start of a line, would open a block
/// construct (and so needs escaping inside a paragraph).
pub(crate) fn starts_block(line: &str) -> bool {
    let b = line.as_bytes();
    let Some(&first) = b.first() else { return false };
    let second = b.get(1).copied();
    let spaced = |c: Option<u8>| c.is_none_or(|c| c == b' ' || c == b'\t');
    match first {
        b'#' => {
            let hashes = b.iter().take_while(|&&c| c == b'#').count();
            hashes <= 6 && spaced(b.get(hashes).copied())
        }
        b'>' | b'|' => true,
        b'-' | b'+' | b'*' | b'_' | b'=' => {
            spaced(second) || line.trim_end().bytes().all(|c| c == first || c == b' ' || c == b'\t')
        }
        b'`' | b'~' => line.starts_with("```") || line.starts_with("~~~"),
        b'<' => second.is_some_and(|c| c.is_ascii_alphabetic() || c == b'/' || c == b'!' || c == b'?'),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) && spaced(b.get(digits + 1).copied())
        }
        _ => false,
    }
}

/// Escapes the start of a continuation line that would otherwise open a block.
pub(crate) fn escape_line_start(line: &str) -> String {
    if !starts_block(line) {
        return line.to_string();
    }
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let (num, rest) = line.split_at(digits.min(line.len()));
        return format!("{num}\\{rest}");
    }
    format!("\\{line}")
}

/// Inline code with a fence longer than any backtick run inside.
pub(crate) fn code_span(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A fenced code block whose fence is longer than any backtick run that
/// starts a line of `code` (and at least three).
pub(crate) fn fenced(lang: &str, code: &str) -> String {
    let longest =
        code.lines().map(|l| l.trim_start().bytes().take_while(|&b| b == b'`').count()).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let body = code.strip_suffix('\n').unwrap_or(code);
    format!("{fence}{lang}\n{body}\n{fence}")
}
