//! The checks a dialect's tool applies, read from its row of the table:
//! required keys, value rules, name and description limits, the file size
//! limit, and keys the tool does not read.

use super::detect::is_slug;
use super::{DialectSpec, ValueRule, spec, with_article};
use crate::persona::diagnostic::{Severity, Sink};
use crate::persona::model::{Dialect, MetaEntry, MetaValue};
use crate::persona::numbers::grouped;
use crate::persona::text::Span;

/// What is checked, and where diagnostics without a place of their own go.
struct Checked<'m> {
    spec: &'static DialectSpec,
    meta: &'m [MetaEntry],
    /// The start of the frontmatter (or of the document).
    at: Span,
}

impl Checked<'_> {
    fn entry(&self, key: &str) -> Option<&MetaEntry> {
        self.meta.iter().find(|e| e.key == key)
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.entry(key).and_then(|e| e.value.as_text())
    }

    fn span_of(&self, key: &str) -> Span {
        self.entry(key).map_or(self.at, |e| e.span)
    }

    fn is_missing(&self, key: &str) -> bool {
        self.entry(key).is_none_or(|e| {
            matches!(&e.value, MetaValue::Null) || e.value.as_text().is_some_and(|t| t.trim().is_empty())
        })
    }
}

/// Applies `dialect`'s rules to its metadata (`frontmatter` is where the
/// metadata was written, if it was); `source` is the whole file, for the
/// file-size limit.
pub(crate) fn check(
    dialect: Dialect,
    meta: &[MetaEntry],
    frontmatter: Option<Span>,
    source: &str,
    sink: &mut Sink<'_>,
) {
    let spec = spec(dialect);
    let at = frontmatter.map_or(Span::default(), |f| Span::new(f.start, f.start));
    let c = Checked { spec, meta, at };
    required_keys(&c, sink);
    value_rules(&c, sink);
    name_limits(&c, sink);
    description_limit(&c, sink);
    file_limit(spec, source, sink);
    if frontmatter.is_some() {
        unknown_keys(&c, sink);
    }
}

fn required_keys(c: &Checked<'_>, sink: &mut Sink<'_>) {
    for key in c.spec.required.iter().filter(|k| c.is_missing(k)) {
        sink.push(
            Severity::Error,
            "required-key",
            c.at,
            format!("{} needs a `{key}` in its frontmatter.", with_article(c.spec.label)),
        );
    }
}

fn value_rules(c: &Checked<'_>, sink: &mut Sink<'_>) {
    for (key, rule) in c.spec.values {
        let Some(e) = c.entry(key).filter(|e| !rule.holds(&e.value)) else { continue };
        let shown = e.value.display();
        let message = match (rule, &e.value) {
            (ValueRule::Bool, MetaValue::Text(t)) if t == "true" || t == "false" => {
                format!("`{key}` must be the boolean {t}, not the string \"{t}\"; remove the quotes.")
            }
            _ => format!("`{key}` must be {}, not `{shown}`.", rule.expected()),
        };
        sink.push(Severity::Error, "key-value", e.span, message);
    }
}

fn name_limits(c: &Checked<'_>, sink: &mut Sink<'_>) {
    let Some(name) = c.text("name") else { return };
    let span = c.span_of("name");
    let n = name.chars().count();
    if let Some(max) = c.spec.limits.name_chars.filter(|&max| n > max) {
        sink.push(
            Severity::Error,
            "name-length",
            span,
            format!("{} name is at most {max} characters; this one has {n}.", with_article(c.spec.label)),
        );
    }
    if c.spec.limits.name_is_slug && !is_slug(name) {
        sink.push(
            Severity::Error,
            "name-chars",
            span,
            format!(
                "{} name may only use lowercase letters, digits and hyphens.",
                with_article(c.spec.label)
            ),
        );
    }
}

fn description_limit(c: &Checked<'_>, sink: &mut Sink<'_>) {
    let Some(desc) = c.text("description") else { return };
    let n = desc.chars().count();
    if let Some(max) = c.spec.limits.description_chars.filter(|&max| n > max) {
        sink.push(
            Severity::Error,
            "description-length",
            c.span_of("description"),
            format!(
                "{} description is at most {} characters; this one has {n}.",
                with_article(c.spec.label),
                grouped(max)
            ),
        );
    }
}

fn file_limit(spec: &DialectSpec, source: &str, sink: &mut Sink<'_>) {
    if let Some(message) = over_file_limit(spec, source, "this one") {
        sink.push(Severity::Warning, "file-length", Span::default(), message);
    }
}

/// What to say when `text`, a file of `spec`'s dialect, is longer than its
/// tool reads ("Windsurf reads at most 6,000 characters of a file; this
/// export has 7,412."), naming the file as `this`.
#[must_use]
pub fn over_file_limit(spec: &DialectSpec, text: &str, this: &str) -> Option<String> {
    let max = spec.limits.file_chars.filter(|&max| text.len() > max)?;
    let chars = text.chars().count();
    (chars > max).then(|| {
        format!(
            "{} reads at most {} characters of a file; {this} has {}.",
            spec.tool,
            grouped(max),
            grouped(chars)
        )
    })
}

fn unknown_keys(c: &Checked<'_>, sink: &mut Sink<'_>) {
    let Some(known) = c.spec.keys else { return };
    let tool = c.spec.tool;
    for e in c.meta.iter().filter(|e| !known.contains(&e.key.as_str())) {
        let (severity, message) = match known.iter().find(|k| k.eq_ignore_ascii_case(&e.key)) {
            Some(right) => (
                Severity::Warning,
                format!("{tool} reads `{right}`, not `{}`; this key will be ignored.", e.key),
            ),
            None if c.spec.passes_other_keys => (
                Severity::Info,
                format!(
                    "`{}` is not a key {tool} reads itself; it passes it to the model provider as an option.",
                    e.key
                ),
            ),
            None => {
                (Severity::Warning, format!("`{}` is not a key {tool} reads; it will be ignored.", e.key))
            }
        };
        sink.push(severity, "unknown-key", e.span, message);
    }
}
