//! Detection: every dialect of the table is scored by its file names and
//! its cues (frontmatter keys and values, the body's phrases and
//! headings); the highest score of at least [`THRESHOLD`] wins, ties going
//! to the earlier row. A document nothing points to is Markdown, or a web
//! copy when it has that shape.

use std::cell::OnceCell;

use super::{Cue, DialectSpec, Path, SPECS, Shape};
use crate::persona::model::{Dialect, MetaEntry, MetaValue, meta_value};
use crate::persona::text::floor_boundary;

/// How much of the body's start phrase cues look at, in bytes: phrases
/// that name a dialect come in its first lines, and each phrase is a
/// search of this much text on every parse.
const HEAD: usize = 2000;
/// The least score that names a dialect.
const THRESHOLD: i32 = 10;
/// How many lines of the body are looked at for headings (a fabric
/// pattern's are within its first few hundred, however long its lines; a
/// megabyte document's would cost a pass over it).
const HEADING_WINDOW: usize = 1000;

/// Tools only GitHub Copilot's prompt, agent and chat-mode files list.
const COPILOT_TOOLS: [&str; 12] = [
    "vscode",
    "execute",
    "read",
    "edit",
    "search",
    "todo",
    "agent",
    "codebase",
    "runCommands",
    "fetch",
    "githubRepo",
    "changes",
];

/// What a text document shows of itself.
struct Evidence<'a> {
    /// Frontmatter entries (none without frontmatter).
    meta: &'a [MetaEntry],
    /// The body's first [`HEAD`] bytes, lower-cased.
    head: String,
    /// Markdown heading texts of the first [`HEADING_WINDOW`] lines, found
    /// when a heading cue is first weighed.
    headings: OnceCell<Vec<&'a str>>,
    /// The body.
    body: &'a str,
}

impl<'a> Evidence<'a> {
    fn new(meta: &'a [MetaEntry], body: &'a str) -> Self {
        // Bytes, not characters: decoding them one by one costs.
        let head = body.get(..floor_boundary(body, HEAD)).unwrap_or(body).to_ascii_lowercase();
        Self { meta, head, headings: OnceCell::new(), body }
    }

    fn headings(&self) -> &[&'a str] {
        self.headings.get_or_init(|| {
            let lines = self.body.lines().take(HEADING_WINDOW);
            lines.filter(|l| l.starts_with('#')).map(|l| l.trim_start_matches(['#', ' ']).trim()).collect()
        })
    }

    fn value(&self, key: &str) -> Option<&'a MetaValue> {
        meta_value(self.meta, key)
    }

    /// The weight of `cue` when it holds, else 0.
    fn weigh(&self, cue: Cue) -> i32 {
        let (holds, weight) = match cue {
            Cue::Key(k, w) => (self.value(k).is_some(), w),
            Cue::Lacks(k, w) => (self.value(k).is_none(), w),
            Cue::KeyIs(k, words, w) => (
                self.value(k)
                    .and_then(MetaValue::as_text)
                    .is_some_and(|t| words.iter().any(|v| v.eq_ignore_ascii_case(t.trim()))),
                w,
            ),
            Cue::SlugName(w) => (self.value("name").and_then(MetaValue::as_text).is_some_and(is_slug), w),
            Cue::CopilotTools(w) => (self.value("tools").is_some_and(names_copilot_tools), w),
            Cue::Starts(s, w) => (self.head.trim_start().starts_with(s), w),
            Cue::Contains(s, w) => (self.head.contains(s), w),
            Cue::Heading(s, w) => (self.headings().iter().any(|h| contains_ignoring_case(h, s)), w),
            Cue::HeadingIs(s, w) => (self.headings().iter().any(|h| h.eq_ignore_ascii_case(s)), w),
            Cue::LineStarts(s, w) => (self.head.lines().any(|l| l.starts_with(s)), w),
        };
        if holds { weight } else { 0 }
    }

    /// The sum of the cues of `spec` that hold. A dialect with no
    /// frontmatter of its own (AGENTS.md, GEMINI.md, fabric) is not read
    /// from the body of a document that has frontmatter, which also spares
    /// such documents the body's phrase and heading searches.
    fn score(&self, spec: &DialectSpec) -> i32 {
        let body_counts = spec.keys.is_some() || self.meta.is_empty();
        spec.cues.iter().filter(|c| body_counts || c.is_key()).map(|&c| self.weigh(c)).sum()
    }
}

impl Cue {
    /// Whether the cue reads frontmatter keys rather than the body.
    fn is_key(self) -> bool {
        matches!(
            self,
            Cue::Key(..) | Cue::Lacks(..) | Cue::KeyIs(..) | Cue::SlugName(_) | Cue::CopilotTools(_)
        )
    }
}

/// Whether `text` contains `needle` (ASCII upper case), ignoring ASCII case.
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    needle.is_empty()
        || text.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether `name` is a lowercase-hyphen identifier.
pub(crate) fn is_slug(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn names_copilot_tools(tools: &MetaValue) -> bool {
    match tools {
        MetaValue::List(items) => {
            items.iter().filter_map(MetaValue::as_text).any(|t| COPILOT_TOOLS.contains(&t) || t.contains('/'))
        }
        _ => false,
    }
}

/// The first of the highest scores of at least [`THRESHOLD`], in table
/// order: the one rule by which rows compete.
pub(crate) fn strongest(scores: impl Iterator<Item = (Dialect, i32)>) -> Option<Dialect> {
    let mut best: Option<(Dialect, i32)> = None;
    for (dialect, score) in scores {
        if score >= THRESHOLD && best.is_none_or(|(_, b)| score > b) {
            best = Some((dialect, score));
        }
    }
    best.map(|(d, _)| d)
}

/// Detects the dialect of a text document from its frontmatter entries
/// (empty when it has none), its body and its file's path.
pub(crate) fn detect(meta: &[MetaEntry], body: &str, path: Option<&Path>, web_copy: bool) -> Dialect {
    let evidence = Evidence::new(meta, body);
    let scores = SPECS
        .iter()
        .filter(|s| s.shape == Shape::Text)
        .map(|s| (s.dialect, path.map_or(0, |p| p.weight(s)) + evidence.score(s)));
    strongest(scores).unwrap_or(if web_copy { Dialect::WebCopy } else { Dialect::Markdown })
}

/// The document dialect (such as Roo Code modes) a JSON or YAML mapping's
/// top-level keys or its file name point to, if any. Only key cues apply.
pub(crate) fn score_document(top: &[(String, MetaValue)], hint: Option<&str>) -> Option<Dialect> {
    let has = |key: &str| top.iter().any(|(k, _)| k.eq_ignore_ascii_case(key));
    let key_score = |spec: &DialectSpec| -> i32 {
        spec.cues
            .iter()
            .map(|c| match *c {
                Cue::Key(k, w) if has(k) => w,
                _ => 0,
            })
            .sum()
    };
    let path = hint.map(Path::new);
    let scores = SPECS
        .iter()
        .filter(|s| s.shape == Shape::Document && !s.cues.is_empty())
        .map(|s| (s.dialect, key_score(s) + path.as_ref().map_or(0, |p| p.weight(s))));
    strongest(scores)
}
