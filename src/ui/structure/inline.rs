//! Inline runs as elements: strong, em, code and s; links as their text
//! plus URL, never clickable; the filter's words marked; and a long text
//! cut to what the structure shows (the prompt has all of it).

use leptos::prelude::*;

use crate::persona::model::marks;
use crate::persona::numbers::grouped;
use crate::persona::{Inline, Run};
use crate::ui::filter::Found;
use crate::ui::layout::{Layout, Pane};
use crate::ui::variables::variable_box_id;

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

fn run_view(run: &Run, text: &str, m: Marking<'_>) -> AnyView {
    let mut v: AnyView = with_placeholders(text, m);
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

/// What a text shows marked: the words the filter finds, and the
/// placeholders of variables the prompt leaves unfilled.
#[derive(Clone, Copy)]
pub(super) struct Marking<'a> {
    pub found: Option<&'a Found>,
    /// Placeholders as written, with the index of their box in Variables.
    pub unfilled: &'a [(String, usize)],
}

/// `text` with each unfilled placeholder a link to its box in Variables,
/// and the filter's words marked.
fn with_placeholders(text: &str, m: Marking<'_>) -> AnyView {
    let next = |from: usize| {
        m.unfilled
            .iter()
            .filter_map(|(token, i)| Some((from + text.get(from..)?.find(token.as_str())?, token, *i)))
            .min_by_key(|(at, _, _)| *at)
    };
    if m.unfilled.is_empty() || next(0).is_none() {
        return marked(text, m.found);
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((start, token, i)) = next(at) {
        out.push(marked(text.get(at..start).unwrap_or(""), m.found));
        out.push(
            view! {
                <a class="placeholder" href=format!("#{}", variable_box_id(i)) title="Not filled: its box is in Variables">
                    {token.clone()}
                </a>
            }
            .into_any(),
        );
        at = start + token.len();
    }
    out.push(marked(text.get(at..).unwrap_or(""), m.found));
    out.into_any()
}

/// `text`'s runs as elements, marked as `m` says.
pub(super) fn inline(text: &Inline, m: Marking<'_>) -> Vec<AnyView> {
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
        out.push(run_view(run, part, m));
    }
    out.extend(more(hidden));
    out
}

/// A click on an unfilled placeholder's link: its box in Variables gets the
/// focus (on a narrow screen, the Prompt tab shows first).
pub(super) fn follow_placeholder(ev: &leptos::ev::MouseEvent, layout: Layout) {
    use wasm_bindgen::JsCast;
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a.placeholder").ok().flatten());
    let Some(id) = link.and_then(|l| l.get_attribute("href")).map(|h| h.trim_start_matches('#').to_string())
    else {
        return;
    };
    ev.prevent_default();
    layout.show(Pane::Prompt);
    request_animation_frame(move || {
        let input = document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
        }
    });
}
