//! The parsing pipeline: general checks (empty, NUL, binary, invalid
//! UTF-8, size) → JSON/YAML documents ([`super::data`]) or frontmatter
//! ([`super::frontmatter`]) → dialect ([`super::dialect`]) → body entries
//! from Markdown ([`super::markdown`]) or a web copy ([`super::webcopy`])
//! → tree, spans and ids ([`super::tree`]). The top of the engine's
//! parsing layers: it imports them, none of them imports it.

use std::sync::Arc;

use super::diagnostic::{Severity, Sink};
use super::model::{Dialect, Id, MetaEntry, MetaValue, Node, Persona, Span};
use super::{data, dialect, frontmatter, markdown, naming, numbers, text, tree, webcopy};

/// Documents above this size get a warning: they still work, but every
/// keystroke re-parses them.
pub const LARGE_DOCUMENT: usize = 1024 * 1024;

/// Parses a pasted document.
#[must_use]
pub fn parse(source: &str) -> Persona {
    parse_with_hint(source, None)
}

/// Parses a document, using its file name (when known) to pick the dialect.
#[must_use]
pub fn parse_with_hint(source: &str, file_name: Option<&str>) -> Persona {
    let mut sink = Sink::new(source);
    general_checks(source, &mut sink);
    match data::render(source, file_name, &mut sink) {
        Some(rendering) => from_rendering(rendering, sink),
        None => parse_text(source, file_name, sink),
    }
}

/// A JSON or YAML document, parsed from its Markdown rendering.
fn from_rendering(r: data::Rendered, sink: Sink<'_>) -> Persona {
    let text: Arc<str> = Arc::from(r.text);
    let body = Span::new(0, text.len());
    let (entries, ids) = markdown::entries(&text, body, markdown::SoftBreak::Line);
    let (title, nodes) = tree::build(&text, body, entries, ids);
    let section_metadata = r
        .section_metadata
        .into_iter()
        .filter(|(_, meta)| !meta.is_empty())
        .filter_map(|(at, meta)| section_at(&nodes, at).map(|id| (id, meta)))
        .collect();
    Persona {
        dialect: r.dialect,
        name: r.name,
        description: r.description,
        examples: Vec::new(),
        metadata: r.metadata,
        section_metadata,
        title,
        nodes,
        diagnostics: sink.finish(),
        text,
        body,
        frontmatter: None,
        text_is_source: false,
    }
}

/// The id of the top-level section whose heading line starts at byte `at`
/// (spans take in the blank lines before them, so `at` lies in the heading's
/// span rather than at its start).
fn section_at(nodes: &[Node], at: usize) -> Option<Id> {
    nodes.iter().find_map(|n| match n {
        Node::Section(s) if s.heading.span.start <= at && at < s.heading.span.end => Some(s.id),
        _ => None,
    })
}

/// The header of a text document: its frontmatter (or Continue preamble),
/// read into metadata.
struct TextHeader {
    metadata: Vec<MetaEntry>,
    /// Where it is, when there is one.
    span: Option<Span>,
    /// Where the body starts.
    body_start: usize,
}

fn read_header(source: &str, path: Option<&dialect::Path>, sink: &mut Sink<'_>) -> TextHeader {
    let preamble = path.and_then(dialect::Path::dialect) == Some(Dialect::ContinuePrompt);
    let fm = frontmatter::split(source)
        .or_else(|| preamble.then(|| frontmatter::split_preamble(source)).flatten());
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    TextHeader {
        metadata: fm.map(|f| frontmatter::parse(source, &f, sink)).unwrap_or_default(),
        span: fm.map(|f| f.whole),
        body_start: fm.map_or(bom, |f| f.whole.end),
    }
}

/// A Markdown or plain-text document with optional frontmatter.
fn parse_text(source: &str, file_name: Option<&str>, mut sink: Sink<'_>) -> Persona {
    // One shared copy of the document: the model's texts are slices of it.
    let shared: Arc<str> = Arc::from(source);
    let path = file_name.map(dialect::Path::new);
    let mut header = read_header(source, path.as_ref(), &mut sink);
    let mut body = Span::new(header.body_start, source.len());
    let has_header = header.span.is_some();
    let is_web = !has_header && webcopy::detect(source, body);
    let dialect = dialect::detect(&header.metadata, text::slice(source, body), path.as_ref(), is_web);

    let (entries, ids) = if dialect == Dialect::WebCopy || (is_web && !has_header) {
        if let Some(h) = webcopy::header(source, body) {
            sink.push(
                Severity::Info,
                "web-copy-header",
                h.span,
                "Recovered the page header (name and glued metadata) of a web copy; it is kept out of the prompt like frontmatter.",
            );
            header.metadata = h.entries;
            header.span = Some(h.span);
            body.start = h.span.end;
        }
        webcopy::entries(&shared, body)
    } else {
        markdown::entries(&shared, body, markdown::SoftBreak::Space)
    };
    let (title, nodes) = tree::build(source, body, entries, ids);
    let mut metadata = header.metadata;
    dialect::check(dialect, &metadata, header.span.filter(|_| has_header), source, &mut sink);
    if has_header || dialect == Dialect::WebCopy {
        normalise_tools(&mut metadata);
    }
    let name = naming::declared_name(dialect, &metadata, file_name);
    let (description, examples) = take_description(&mut metadata);

    Persona {
        dialect,
        name,
        description,
        examples,
        metadata,
        section_metadata: Vec::new(),
        title,
        nodes,
        diagnostics: sink.finish(),
        text: shared,
        body,
        frontmatter: header.span,
        text_is_source: true,
    }
}

/// The description entry (any case), decoded in place, split into its
/// summary and usage examples.
fn take_description(metadata: &mut [MetaEntry]) -> (Option<String>, Vec<String>) {
    metadata
        .iter_mut()
        .find(|e| e.key.eq_ignore_ascii_case("description"))
        .and_then(|e| match &mut e.value {
            MetaValue::Text(t) => {
                *t = frontmatter::decode_escapes(t);
                Some(split_examples(t))
            }
            _ => None,
        })
        .unwrap_or((None, Vec::new()))
}

/// Empty, NUL, binary, replaced-UTF-8 and size checks.
fn general_checks(source: &str, sink: &mut Sink<'_>) {
    if source.trim().is_empty() {
        sink.push(Severity::Info, "empty", Span::default(), "The document is empty.");
        return;
    }
    // Both searches below walk the whole document; one branch-free pass
    // first rules both out for nearly every paste.
    let suspect = may_hold_nul_or_replacement(source);
    if let Some(i) = suspect.then(|| source.find('\0')).flatten() {
        sink.push(
            Severity::Warning,
            "nul",
            Span::new(i, i + 1),
            "The document contains NUL characters; it may be a binary file. NULs are kept but shown as text.",
        );
    }
    if looks_binary(source) {
        sink.push(
            Severity::Warning,
            "binary",
            Span::default(),
            "This looks like binary data, not a text document.",
        );
    }
    if let Some(i) = suspect.then(|| source.find('\u{fffd}')).flatten() {
        sink.push(
            Severity::Warning,
            "replacement",
            Span::new(i, i + 3),
            "Some bytes were not valid UTF-8 and were replaced with �.",
        );
    }
    if source.len() > LARGE_DOCUMENT {
        sink.push(
            Severity::Warning,
            "large",
            Span::default(),
            format!(
                "This document is large ({} MB); editing may feel slow.",
                numbers::megabytes(source.len())
            ),
        );
    }
}

/// Whether more than one character in twenty of the first 8 KiB is a
/// control character other than tab, line feed and carriage return.
/// Counted on bytes, without branches: C0 controls and DEL are single bytes,
/// C1 controls are `C2 80`–`C2 9F`, and characters are the bytes that do not
/// continue one.
#[allow(clippy::needless_bitwise_bool, reason = "branch-free, so the loop vectorises")]
fn looks_binary(source: &str) -> bool {
    let sample = source.as_bytes().get(..8192).unwrap_or(source.as_bytes());
    // Independent per byte and counted in bytes, 255 at a time (so no count
    // overflows), which the compiler turns into sixteen bytes per step.
    let (mut chars, mut c0) = (0usize, 0usize);
    for block in sample.chunks(255) {
        let starts = block.iter().fold(0u8, |n, &b| n + u8::from(b & 0xC0 != 0x80));
        let controls = block.iter().fold(0u8, |n, &b| {
            n + u8::from(((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F))
        });
        chars += usize::from(starts);
        c0 += usize::from(controls);
    }
    let c1 = if sample.contains(&0xC2) {
        sample.windows(2).filter(|w| matches!(w, [0xC2, 0x80..=0x9F])).count()
    } else {
        0
    };
    (c0 + c1) * 20 > chars
}

/// Whether `source` has a NUL byte or a byte `EF` (which starts U+FFFD, and
/// other characters too): a false answer rules out both. Counted per block
/// of 64 bytes without branches, so the loop vectorises, and stops at the
/// first block with either.
#[allow(clippy::needless_bitwise_bool, reason = "branch-free, so the loop vectorises")]
fn may_hold_nul_or_replacement(source: &str) -> bool {
    source
        .as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(0u8, |hit, &b| hit | u8::from(b == 0) | u8::from(b == 0xEF)) != 0)
}

/// `tools: Read, Write` (a comma string) becomes a list.
fn normalise_tools(metadata: &mut [MetaEntry]) {
    for e in metadata.iter_mut().filter(|e| e.key == "tools" || e.key == "allowed-tools") {
        if let MetaValue::Text(t) = &e.value {
            let sep = if t.contains(',') { ',' } else { ' ' };
            let items: Vec<MetaValue> = t
                .split(sep)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| MetaValue::Text(s.to_string()))
                .collect();
            e.value = MetaValue::List(items);
        }
    }
}

/// Splits a description into its summary and its `<example>` blocks.
fn split_examples(desc: &str) -> (Option<String>, Vec<String>) {
    let mut examples = Vec::new();
    let mut summary = String::new();
    let mut rest = desc;
    while let Some(open) = rest.find("<example>") {
        summary.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + "<example>".len()..).unwrap_or("");
        if let Some(close) = after.find("</example>") {
            examples.push(after.get(..close).unwrap_or("").trim().to_string());
            rest = after.get(close + "</example>".len()..).unwrap_or("");
        } else {
            examples.push(after.trim().to_string());
            rest = "";
        }
    }
    summary.push_str(rest);
    let summary = summary.trim();
    ((!summary.is_empty()).then(|| summary.to_string()), examples)
}
