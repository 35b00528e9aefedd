//! Inline runs as elements: strong, em, code and s; links as their text
//! plus URL, never clickable; the filter's words marked; and a long text
//! cut to what the structure shows (the prompt has all of it).

use leptos::prelude::*;

use crate::persona::model::marks;
use crate::persona::numbers::grouped;
use crate::persona::{Inline, Run};
use crate::ui::filter::Found;

/// Characters of one text (a paragraph, an item, a code block) that the
/// structure shows; the rest is summarised, and is all in the prompt. A
/// 1 MB paragraph would otherwise cost seconds of layout.
pub const SHOWN_CHARS: usize = 2_000;

/// The first [`SHOWN_CHARS`] characters of `text` and how many are left.
pub(super) fn shown(text: &str, budget: usize) -> (&str, usize) {
    match text.char_indices().nth(budget) {
        Some((i, _)) => {
            let rest = text.get(i..).unwrap_or("");
            (text.get(..i).unwrap_or(""), rest.chars().count())
        }
        None => (text, 0),
    }
}

pub(super) fn more(hidden: usize) -> Option<AnyView> {
    (hidden > 0).then(|| {
        view! { <span class="more">{format!(" … and {} more characters, all in the prompt", grouped(hidden))}</span> }
            .into_any()
    })
}

fn run_view(run: &Run, text: &str, found: Option<&Found>) -> AnyView {
    let mut v: AnyView = marked(text, found);
    if run.marks & marks::CODE != 0 {
        v = view! { <code>{v}</code> }.into_any();
    }
    if run.marks & marks::STRONG != 0 {
        v = view! { <strong>{v}</strong> }.into_any();
    }
    if run.marks & marks::EMPH != 0 {
        v = view! { <em>{v}</em> }.into_any();
    }
    if run.marks & marks::STRIKE != 0 {
        v = view! { <s>{v}</s> }.into_any();
    }
    match &run.href {
        Some(href) if !href.is_empty() => view! {
            <span class="link">{v}<span class="link-url">{format!(" ({href})")}</span></span>
        }
        .into_any(),
        _ => v,
    }
}

/// `text` with the words the filter finds in `<mark>`.
pub(super) fn marked(text: &str, found: Option<&Found>) -> AnyView {
    let ranges = found.map(|f| (f.highlights)(text, &f.query)).unwrap_or_default();
    if ranges.is_empty() {
        return text.to_string().into_any();
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        out.push(text.get(at..r.start).unwrap_or("").to_string().into_any());
        out.push(view! { <mark>{text.get(r.clone()).unwrap_or("").to_string()}</mark> }.into_any());
        at = r.end;
    }
    out.push(text.get(at..).unwrap_or("").to_string().into_any());
    out.into_any()
}

/// `text`'s runs as elements, the words the filter finds marked.
pub(super) fn inline(text: &Inline, found: Option<&Found>) -> Vec<AnyView> {
    let mut left = SHOWN_CHARS;
    let mut hidden = 0;
    let mut out = Vec::with_capacity(text.runs().len());
    for run in text.runs() {
        if left == 0 {
            hidden += run.text.chars().count();
            continue;
        }
        let (part, rest) = shown(&run.text, left);
        left = left.saturating_sub(part.chars().count());
        hidden += rest;
        out.push(run_view(run, part, found));
    }
    out.extend(more(hidden));
    out
}
