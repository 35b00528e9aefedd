//! Diagnostics: what the parser noticed, with severity, span, line and column.
//!
//! Parsing never fails; problems become diagnostics beside the model.

use super::text::{LineIndex, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something the reader may like to know.
    Info,
    /// Likely a mistake, but the document still works.
    Warning,
    /// The target tool will probably reject or misread the document.
    Error,
}

impl Severity {
    /// Lower-case name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable machine-readable code, such as `frontmatter-yaml`.
    pub code: &'static str,
    /// Where in the source it is.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column (in characters) of `span.start`.
    pub column: usize,
    /// What is wrong, for people.
    pub message: String,
}

/// Collects diagnostics for one source text, computing line and column.
pub(crate) struct Sink<'a> {
    source: &'a str,
    /// Grows only as far as the diagnostics reach.
    index: LineIndex,
    items: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Self { source, index: LineIndex::new(), items: Vec::new() }
    }

    /// Records a diagnostic at `span` of the source.
    pub(crate) fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) {
        let (line, column) = self.index.line_col(self.source, span.start);
        self.items.push(Diagnostic { severity, code, span, line, column, message: message.into() });
    }

    /// Records a diagnostic at a 1-based line and column of the source.
    pub(crate) fn push_at(
        &mut self,
        severity: Severity,
        code: &'static str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        let start = self.index.offset_of_line(self.source, line);
        let offset = self
            .source
            .get(start..)
            .and_then(|rest| rest.char_indices().nth(column.saturating_sub(1)))
            .map_or(start, |(i, _)| start + i);
        self.push(severity, code, Span::new(offset, offset), message);
    }

    /// The diagnostics in source order (stable for equal positions).
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.items.sort_by_key(|d| d.span.start);
        self.items
    }
}
