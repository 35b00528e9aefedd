//! Inline runs: the text of a paragraph, heading, item or cell, built from
//! pulldown-cmark's inline events with its formatting (strong, emphasis,
//! strikethrough, code, links) as runs of the document's own bytes.

use std::sync::Arc;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::SoftBreak;
use crate::persona::model::{Inline, Run, Runs, Str, marks};
use crate::persona::shared::offset_in;
use crate::persona::text::Span;

/// Accumulates inline runs, merging neighbours with equal formatting.
///
/// Text the parser borrowed from the document stays a byte range of it while
/// it grows contiguously, so most runs become [`Str`] slices without an
/// allocation; anything else (a soft break's space, a decoded entity) turns
/// the run into owned text.
pub(super) struct InlineBuilder<'a> {
    src: &'a Arc<str>,
    /// The runs; most texts have one, which needs no allocation.
    runs: Runs<RunBuf>,
    strong: u32,
    emph: u32,
    strike: u32,
    links: Vec<Str>,
    /// What a soft break reads as ([`SoftBreak`]).
    soft: &'static str,
}

/// A run under construction.
struct RunBuf {
    text: TextBuf,
    marks: u8,
    href: Option<Str>,
}

enum TextBuf {
    /// `src[start..end]`.
    Slice(usize, usize),
    Owned(String),
}

impl TextBuf {
    fn as_str<'s>(&'s self, src: &'s str) -> &'s str {
        match self {
            TextBuf::Slice(a, b) => src.get(*a..*b).unwrap_or(""),
            TextBuf::Owned(s) => s,
        }
    }

    /// Drops `lead` bytes at the start and keeps `keep` bytes after them.
    fn narrow(&mut self, lead: usize, keep: usize) {
        match self {
            TextBuf::Slice(a, b) => {
                *a += lead;
                *b = (*a + keep).min(*b);
            }
            TextBuf::Owned(s) => {
                s.truncate(lead + keep);
                s.drain(..lead.min(s.len()));
            }
        }
    }
}

impl<'a> InlineBuilder<'a> {
    pub(super) fn new(src: &'a Arc<str>, soft: SoftBreak) -> Self {
        Self {
            src,
            runs: Runs::default(),
            strong: 0,
            emph: 0,
            strike: 0,
            links: Vec::new(),
            soft: soft.text(),
        }
    }

    /// Whether no text has been built.
    pub(super) fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    fn marks(&self) -> u8 {
        let mut m = 0;
        if self.strong > 0 {
            m |= marks::STRONG;
        }
        if self.emph > 0 {
            m |= marks::EMPH;
        }
        if self.strike > 0 {
            m |= marks::STRIKE;
        }
        m
    }

    pub(super) fn push(&mut self, text: &str, extra: u8) {
        if text.is_empty() {
            return;
        }
        let marks = self.marks() | extra;
        let href = self.links.last();
        let src: &str = self.src;
        let at = offset_in(src, text);
        if let Some(last) = self.runs.last_mut()
            && last.marks == marks
            && last.href.as_ref() == href
        {
            match &mut last.text {
                TextBuf::Slice(_, end) if at == Some(*end) => *end += text.len(),
                TextBuf::Slice(a, b) => {
                    let mut owned = String::with_capacity(*b - *a + text.len());
                    owned.push_str(src.get(*a..*b).unwrap_or(""));
                    owned.push_str(text);
                    last.text = TextBuf::Owned(owned);
                }
                TextBuf::Owned(s) => s.push_str(text),
            }
            return;
        }
        let text = match at {
            Some(a) => TextBuf::Slice(a, a + text.len()),
            None => TextBuf::Owned(text.to_string()),
        };
        self.runs.push(RunBuf { text, marks, href: href.cloned() });
    }

    pub(super) fn line_break(&mut self) {
        let src: &str = self.src;
        if self.runs.last().is_some_and(|r| !r.text.as_str(src).ends_with('\n')) {
            self.push("\n", 0);
        }
    }

    pub(super) fn feed(&mut self, ev: &Event<'_>) -> bool {
        match ev {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.push(t, 0),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push(t, marks::CODE),
            Event::FootnoteReference(t) => self.push(&format!("[^{t}]"), 0),
            Event::SoftBreak => self.push(self.soft, 0),
            Event::HardBreak => self.push("\n", 0),
            Event::Start(Tag::Emphasis) => self.emph += 1,
            Event::End(TagEnd::Emphasis) => self.emph = self.emph.saturating_sub(1),
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => self.strike = self.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                self.links.push(Str::within(self.src, dest_url));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.links.pop();
            }
            _ => return false,
        }
        true
    }

    /// Trims whitespace at both ends of the text built so far.
    fn trim(&mut self) {
        let src: &str = self.src;
        if let Some(first) = self.runs.first_mut() {
            let t = first.text.as_str(src);
            let lead = t.len() - t.trim_start().len();
            let keep = t.len() - lead;
            first.text.narrow(lead, keep);
        }
        if let Some(last) = self.runs.last_mut() {
            let keep = last.text.as_str(src).trim_end().len();
            last.text.narrow(0, keep);
        }
        self.runs.retain(|r| !r.text.as_str(src).is_empty());
    }

    pub(super) fn finish(self) -> Inline {
        let src = self.src;
        let run = |r: RunBuf| Run {
            text: match r.text {
                TextBuf::Slice(a, b) => Str::slice(src, Span::new(a, b)),
                TextBuf::Owned(s) => Str::from(s),
            },
            marks: r.marks,
            href: r.href,
        };
        Inline::from_runs(self.runs.map(run))
    }

    /// [`finish`](Self::finish), with whitespace trimmed at both ends.
    pub(super) fn finish_trimmed(mut self) -> Inline {
        self.trim();
        self.finish()
    }
}
